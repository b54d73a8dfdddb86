"""Write the default chain's output for each raw seed, with a review aid for a person.

Usage (from the repository root)::

    python -m benchmarks.make_expected                 # all seeds -> fixtures/expected/
    python -m benchmarks.make_expected --seeds 001,004 --no-write > review.txt
    python -m benchmarks.make_expected --force         # overwrite fixtures that differ

For every seed ``fixtures/raw/NNN_*.txt`` it runs ``Pipeline.default().explain`` and
follows every raw character through the steps, so that each output paragraph can be
shown under the raw lines it came from, and each removed piece of text with the step
and edit kind that removed it. The review aid (on stdout) reads like this::

    ¶12  raw 51-53
      51 │ 　　必须把党员干部从文山会海、迎来送往中解
      52 │
      53 │ 脱出来。
       → │ 必须把党员干部从文山会海、迎来送往中解脱出来。
    ✗ 139 │ ■广告                                   [remove_ads:ad-block]

A person reads it against the raw file (headings, paragraph boundaries, removed ads and
page marks, kept datelines), fixes what the chain got wrong *in the fixture* when the
documented behaviour says otherwise, and only then commits ``fixtures/expected/``. An
existing fixture that differs from today's output is not overwritten without
``--force``; the difference is printed instead, so a regression is seen, not absorbed.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from cleantext import Pipeline
from cleantext.normalizer import apply_edits
from cleantext.pipeline import Explanation

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "fixtures" / "raw"
EXPECTED_DIR = ROOT / "fixtures" / "expected"


def trace(text: str, result: Explanation) -> tuple[list[int], dict[int, str]]:
    """Follow the raw characters through the steps.

    Returns ``origin`` (for each output character, its index in ``text``, or -1 when a
    step inserted it) and ``removed`` (raw index -> ``"step:kind"`` of the edit that
    took it away).

    >>> from cleantext import Pipeline
    >>> p = Pipeline.from_config({"steps": ["normalize_controls"]})
    >>> origin, removed = trace("a\\u200bb", p.explain("a\\u200bb"))
    >>> origin, [why.split(":")[0] for why in removed.values()]
    ([0, 2], ['normalize_controls'])
    """
    origin = list(range(len(text)))
    removed: dict[int, str] = {}
    cur = text
    for report in result.steps:
        new: list[int] = []
        pos = 0
        for e in report.edits:
            new += origin[pos : e.start]
            for j in range(e.start, e.end):
                if origin[j] >= 0:
                    removed[origin[j]] = f"{report.name}:{e.kind}"
            new += [-1] * len(e.new)
            pos = e.end
        new += origin[pos:]
        cur = apply_edits(cur, report.edits)
        origin = new
    return origin, removed


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, c in enumerate(text):
        if c == "\n":
            starts.append(i + 1)
    return starts


def review(name: str, text: str, result: Explanation) -> str:
    """The review aid for one seed: raw lines above the output paragraphs they became."""
    import bisect

    origin, removed = trace(text, result)
    starts = _line_starts(text)
    raw_lines = text.split("\n")

    def line_of(i: int) -> int:
        return bisect.bisect_right(starts, i) - 1

    # which raw lines each output paragraph draws on
    out: list[str] = [f"=== {name}: {len(raw_lines)} raw lines -> review ==="]
    shown = 0  # raw lines before this index have been printed
    pos = 0
    for n, para in enumerate(result.text.split("\n"), 1):
        span = [o for o in origin[pos : pos + len(para)] if o >= 0]
        pos += len(para) + 1
        if not para:
            continue
        first, last = (line_of(span[0]), line_of(span[-1])) if span else (shown, shown - 1)
        # raw lines skipped entirely (removed, or blank) before this paragraph
        for k in range(shown, first):
            out.append(_removed_line(k, raw_lines[k], starts[k], removed))
        out.append(f"¶{n}  raw {first + 1}-{last + 1}" if span else f"¶{n}  (inserted)")
        for k in range(first, last + 1):
            out.append(_raw_line(k, raw_lines[k], starts[k], removed))
        out.append(f"       → │ {para}")
        shown = max(shown, last + 1)
    for k in range(shown, len(raw_lines)):
        out.append(_removed_line(k, raw_lines[k], starts[k], removed))
    return "\n".join(line for line in out if line is not None)


def _why(start: int, line: str, removed: dict[int, str]) -> str:
    reasons = sorted(
        {removed[start + i] for i, c in enumerate(line) if not c.isspace() and start + i in removed}
    )
    return f"   [{', '.join(reasons)}]" if reasons else ""


def _raw_line(k: int, line: str, start: int, removed: dict[int, str]) -> str:
    gone = "".join(c for i, c in enumerate(line) if not c.isspace() and start + i in removed)
    note = f"   removed {gone!r}{_why(start, line, removed)}" if gone else ""
    return f"  {k + 1:5d} │ {line}{note}"


def _removed_line(k: int, line: str, start: int, removed: dict[int, str]) -> str:
    if not line.strip(" \t\u3000\f"):
        return f"  {k + 1:5d} │ {line!r}" if line else f"  {k + 1:5d} │"
    return f"✗ {k + 1:5d} │ {line}{_why(start, line, removed)}"


def paragraph_diff(expected: str, actual: str, name: str) -> str:
    """A unified diff, one paragraph per line, of a fixture against today's output."""
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"fixtures/expected/{name}",
            tofile="default chain today",
            n=1,
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.make_expected")
    p.add_argument("--seeds", default="", help="comma-separated seed numbers (default: all)")
    p.add_argument("--out", default=str(EXPECTED_DIR), help="where to write the fixtures")
    p.add_argument("--no-write", action="store_true", help="only print the review aid")
    p.add_argument("--force", action="store_true", help="overwrite fixtures that differ")
    p.add_argument("--quiet", action="store_true", help="no review aid, only the summary")
    args = p.parse_args(argv)
    wanted = {s.strip() for s in args.seeds.split(",") if s.strip()}
    chain = Pipeline.default()
    out_dir = Path(args.out)
    status = 0
    for raw in sorted(RAW_DIR.glob("*.txt")):
        if wanted and raw.name[:3] not in wanted:
            continue
        text = raw.read_text(encoding="utf-8")
        result = chain.explain(text)
        if not args.quiet:
            print(review(raw.name, text, result))
            print()
        target = out_dir / raw.name
        if args.no_write:
            continue
        if target.exists():
            old = target.read_text(encoding="utf-8")
            if old == result.text:
                print(f"{target}: unchanged", file=sys.stderr)
                continue
            if not args.force:
                print(paragraph_diff(old, result.text, raw.name))
                print(
                    f"{target}: differs from today's output; not overwritten (--force)",
                    file=sys.stderr,
                )
                status = 1
                continue
        out_dir.mkdir(parents=True, exist_ok=True)
        target.write_text(result.text, encoding="utf-8")
        print(
            f"{target}: written ({len(result.text.splitlines())} paragraphs);"
            " review it before committing",
            file=sys.stderr,
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
