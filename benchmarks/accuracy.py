"""Accuracy benchmark: the default chain against the truth, with baselines in the same run.

Usage (from the repository root, with the ``bench`` extra installed)::

    python -m benchmarks.accuracy                      # held-out split, 200 samples
    python -m benchmarks.accuracy --split dev --n 50 --seed 7 --layouts latin,ads
    python -m benchmarks.accuracy --markdown           # also print the README table

It damages clean paragraphs with ``tests/corruption.py`` (the ``test`` split by default:
material nobody tunes on), runs every *system* on each damaged sample and compares the
output with the true paragraphs. Systems:

* ``raw`` — the damaged input itself (what you get by doing nothing);
* ``naive`` — blank line = paragraph break, every other line break joined, with no
  space between two CJK characters and one space otherwise (what a user writes first);
* ``unstructured`` — ``unstructured.cleaners.core.group_broken_paragraphs`` when the
  ``unstructured`` package is installed (skipped, and said so, otherwise);
* ``chain`` — ``cleantext.Pipeline.default()``.

Metrics, per layout and overall (definitions in :func:`score`):

* ``CER`` — Levenshtein distance between the output and the truth, both as paragraphs
  joined by ``\\n``, divided by the truth's length; the mean over samples.
* ``P``/``R``/``F1`` — exact-paragraph precision, recall and F1 (an output paragraph
  counts when it equals a true paragraph, as a multiset), micro-averaged.
* ``lost`` — the share of the truth's non-white-space characters that are missing from
  the output: with all white space removed from both, the characters of the truth that
  the optimal alignment (Levenshtein edit operations, truth -> output) deletes or
  replaces (see :func:`lost_chars`). Extra characters in the output (noise left in) do
  not count here; they count in CER.
* ``clean`` — the share of samples whose truth, given as input (one paragraph per line),
  comes out unchanged.

The seed documents are scored too, against ``fixtures/expected/<seed>.txt`` when the
golden fixtures exist (skipped with a message otherwise).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from cleantext import Pipeline
from cleantext.charsets import CJK_LETTER_CLASS, CJK_PUNCT_CLASS
from tests.corruption import LAYOUTS, Sample, generate

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "fixtures" / "raw"
EXPECTED_DIR = ROOT / "fixtures" / "expected"
FLOOR_FILE = Path(__file__).resolve().parent / "accuracy_floor.json"

_BLANK = " \t\u3000\f"
_CJK = re.compile(f"[{CJK_LETTER_CLASS}{CJK_PUNCT_CLASS}]")

System = Callable[[str], str]


# -- metrics -----------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """The paragraphs of an output: its lines that are not blank (nothing is stripped)."""
    return [line for line in text.split("\n") if line.strip(_BLANK)]


@dataclass
class Score:
    """Raw counts for one or more samples; the rates are properties."""

    samples: int = 0
    cer_sum: float = 0.0
    distance: int = 0
    truth_chars: int = 0
    matched: int = 0
    out_paras: int = 0
    true_paras: int = 0
    lost: int = 0
    true_visible: int = 0
    clean_unchanged: int = 0
    clean_checked: int = 0

    def add(self, other: Score) -> None:
        """Accumulate ``other`` into this score."""
        for k, v in asdict(other).items():
            setattr(self, k, getattr(self, k) + v)

    @property
    def cer(self) -> float:
        """Mean per-sample character error rate."""
        return self.cer_sum / self.samples if self.samples else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.out_paras if self.out_paras else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.true_paras if self.true_paras else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def lost_rate(self) -> float:
        """Share of true non-white-space characters missing from the output."""
        return self.lost / self.true_visible if self.true_visible else 0.0

    @property
    def clean_rate(self) -> float:
        """Share of clean inputs that came out unchanged."""
        return self.clean_unchanged / self.clean_checked if self.clean_checked else 0.0

    def summary(self) -> dict[str, float]:
        """The rates, rounded for a report."""
        return {
            "samples": self.samples,
            "cer": round(self.cer, 5),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "lost": round(self.lost_rate, 6),
            "clean_unchanged": round(self.clean_rate, 4),
        }


def lost_chars(truth: str, output: str) -> int:
    """Non-white-space characters of ``truth`` that are missing from ``output``.

    Both texts are stripped of all white space (layout is measured by CER and F1), then
    aligned (Levenshtein edit operations, truth -> output); a truth character that the
    alignment deletes or replaces is lost. Extra characters in the output (noise left
    in) are insertions and do not count.

    >>> lost_chars("常常看书", "常看书")
    1
    >>> lost_chars("infor mation", "infor-\\nmation")
    0
    >>> lost_chars("。\\n…………\\n各", "。…………\\n14\\n各")
    0
    """
    t = "".join(c for c in truth if not c.isspace())
    o = "".join(c for c in output if not c.isspace())
    return sum(1 for op in Levenshtein.editops(t, o) if op.tag in ("delete", "replace"))


def score(output: str, truth: Sequence[str]) -> Score:
    """Score one output against its true paragraphs.

    >>> s = score("ab\\ncd\\n", ["ab", "cd"])
    >>> (s.cer, s.f1, s.lost_rate)
    (0.0, 1.0, 0.0)
    >>> s = score("abcd\\n", ["ab", "cd"])
    >>> (s.cer, s.matched, s.lost)
    (0.2, 0, 0)
    """
    out = paragraphs(output)
    truth_joined = "\n".join(truth)
    out_joined = "\n".join(out)
    dist = Levenshtein.distance(out_joined, truth_joined)
    matched = sum((Counter(out) & Counter(truth)).values())
    visible = sum(1 for c in truth_joined if not c.isspace())
    return Score(
        samples=1,
        cer_sum=dist / max(1, len(truth_joined)),
        distance=dist,
        truth_chars=len(truth_joined),
        matched=matched,
        out_paras=len(out),
        true_paras=len(truth),
        lost=lost_chars(truth_joined, out_joined),
        true_visible=visible,
    )


# -- systems -----------------------------------------------------------------------------


def naive_join(text: str) -> str:
    """Blank line = paragraph; other breaks joined, no space between two CJK characters.

    >>> naive_join("　　第一行\\n第二行\\n\\nlong\\nline\\n")
    '第一行第二行\\nlong line\\n'
    """
    paras: list[str] = []
    cur = ""
    for raw in text.split("\n"):
        line = raw.strip(_BLANK)
        if not line:
            if cur:
                paras.append(cur)
            cur = ""
        elif not cur:
            cur = line
        elif _CJK.match(cur[-1]) and _CJK.match(line[0]):
            cur += line
        else:
            cur += " " + line
    if cur:
        paras.append(cur)
    return "\n".join(paras) + ("\n" if paras else "")


def systems(include: Iterable[str] | None = None) -> tuple[dict[str, System], list[str]]:
    """The systems to compare, and a note for each one that was skipped."""
    chain = Pipeline.default()
    found: dict[str, System] = {"raw": lambda t: t, "naive": naive_join}
    skipped: list[str] = []
    try:
        from unstructured.cleaners.core import group_broken_paragraphs  # type: ignore[import-not-found]
    except ImportError:
        skipped.append(
            "unstructured: skipped (not installed; `pip install unstructured` to include "
            "its group_broken_paragraphs baseline — it is large, so it is not in the "
            "`bench` extra)"
        )
    else:
        found["unstructured"] = group_broken_paragraphs
    found["chain"] = chain
    if include is not None:
        wanted = list(include)
        found = {k: v for k, v in found.items() if k in wanted}
    return found, skipped


# -- running -----------------------------------------------------------------------------


@dataclass
class Result:
    """Scores per system, per layout ("overall" included), and on the seeds."""

    config: dict[str, object]
    layouts: dict[str, dict[str, Score]] = field(default_factory=dict)
    seeds: dict[str, dict[str, Score]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "config": self.config,
            "skipped": self.skipped,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
            "generated": {
                sys_: {lay: s.summary() for lay, s in per.items()}
                for sys_, per in self.layouts.items()
            },
            "seeds": {
                sys_: {name: s.summary() for name, s in per.items()}
                for sys_, per in self.seeds.items()
            },
        }


def run_generated(samples: Sequence[Sample], system: System) -> dict[str, Score]:
    """Score ``system`` on every sample: per layout and ``overall``."""
    per: dict[str, Score] = {}
    overall = Score()
    for s in samples:
        sc = score(system(s.text), s.truth)
        sc.clean_checked = 1
        sc.clean_unchanged = int(system(s.truth_text) == s.truth_text)
        per.setdefault(s.layout, Score()).add(sc)
        overall.add(sc)
    ordered = {lay: per[lay] for lay in LAYOUTS if lay in per}
    ordered["overall"] = overall
    return ordered


def seed_pairs() -> list[tuple[str, str, list[str]]]:
    """``(name, raw text, expected paragraphs)`` for every seed with a golden fixture."""
    pairs = []
    if not EXPECTED_DIR.is_dir():
        return pairs
    for raw in sorted(RAW_DIR.glob("*.txt")):
        exp = EXPECTED_DIR / raw.name
        if exp.is_file():
            expected = paragraphs(exp.read_text(encoding="utf-8"))
            pairs.append((raw.stem[:3], raw.read_text(encoding="utf-8"), expected))
    return pairs


def run_seeds(system: System, pairs: Sequence[tuple[str, str, list[str]]]) -> dict[str, Score]:
    per: dict[str, Score] = {}
    overall = Score()
    for name, raw, expected in pairs:
        sc = score(system(raw), expected)
        per[name] = sc
        overall.add(sc)
    if per:
        per["overall"] = overall
    return per


def run(
    n: int = 200,
    *,
    seed: int = 2026,
    layouts: Sequence[str] | None = None,
    split: str = "test",
    include: Iterable[str] | None = None,
    with_seeds: bool = True,
) -> Result:
    """Run the whole benchmark and return its scores."""
    samples = generate(n, seed=seed, layouts=layouts, split=split)
    found, skipped = systems(include)
    pairs = seed_pairs() if with_seeds else []
    if with_seeds and not pairs:
        skipped.append("seed fixtures: skipped (no fixtures/expected/*.txt yet)")
    res = Result(
        config={"n": n, "seed": seed, "split": split, "layouts": list(layouts or LAYOUTS)},
        skipped=skipped,
    )
    for name, system in found.items():
        t0 = time.perf_counter()
        res.layouts[name] = run_generated(samples, system)
        if pairs:
            res.seeds[name] = run_seeds(system, pairs)
        res.seconds[name] = time.perf_counter() - t0
    return res


# -- reporting ---------------------------------------------------------------------------

_COLS = ("n", "CER%", "P", "R", "F1", "lost%", "clean")


def _row(label: str, s: Score) -> list[str]:
    return [
        label,
        str(s.samples),
        f"{100 * s.cer:.2f}",
        f"{s.precision:.3f}",
        f"{s.recall:.3f}",
        f"{s.f1:.3f}",
        f"{100 * s.lost_rate:.3f}",
        f"{s.clean_rate:.2f}" if s.clean_checked else "-",
    ]


def format_table(title: str, per: dict[str, Score]) -> str:
    rows = [["", *_COLS]] + [_row(k, v) for k, v in per.items()]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [title]
    for r in rows:
        cells = [r[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)
        ]
        lines.append("  " + "  ".join(cells))
    return "\n".join(lines)


def format_markdown(res: Result) -> str:
    """The README table: one row per layout, CER/F1/lost for every system."""
    names = list(res.layouts)
    head = ["layout", "n"] + [f"{s} CER% / F1 / lost%" for s in names] + ["chain clean"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for lay in res.layouts[names[0]]:
        first = res.layouts[names[0]][lay]
        cells = [f"**{lay}**" if lay == "overall" else lay, str(first.samples)]
        for s in names:
            sc = res.layouts[s][lay]
            cells.append(f"{100 * sc.cer:.2f} / {sc.f1:.3f} / {100 * sc.lost_rate:.3f}")
        chain = res.layouts.get("chain", {}).get(lay)
        cells.append(f"{chain.clean_rate:.2f}" if chain else "-")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report(res: Result, markdown: bool = False) -> str:
    c = res.config
    out = [
        f"accuracy benchmark: split={c['split']} n={c['n']} seed={c['seed']} "
        f"layouts={','.join(c['layouts'])}",  # type: ignore[arg-type]
    ]
    out += [f"  NOTE {s}" for s in res.skipped]
    for name, per in res.layouts.items():
        out.append("")
        out.append(format_table(f"[{name}] generated corpus ({res.seconds[name]:.1f}s)", per))
        if name in res.seeds:
            out.append(format_table(f"[{name}] seeds vs fixtures/expected", res.seeds[name]))
    out.append("")
    out.append("overall, generated corpus:")
    out.append(
        format_table("", {name: per["overall"] for name, per in res.layouts.items()}).lstrip("\n")
    )
    if markdown:
        out += ["", format_markdown(res)]
    return "\n".join(out)


# -- floor -------------------------------------------------------------------------------


def load_floor(path: Path = FLOOR_FILE) -> dict[str, object]:
    """The accuracy floor the test enforces (see ``tests/test_accuracy_floor.py``)."""
    return json.loads(path.read_text(encoding="utf-8"))


def floor_values(overall: Score) -> dict[str, float]:
    """Thresholds just under today's ``overall`` numbers (a little slack for noise).

    CER may rise by 5% of itself plus 0.1 point, F1 drop by 0.01, chars lost rise by
    0.01 point; the share of clean inputs left unchanged may not drop at all.
    """
    return {
        "cer_max": round(overall.cer * 1.05 + 0.001, 4),
        "f1_min": round(max(0.0, overall.f1 - 0.01), 3),
        "lost_max": round(overall.lost_rate * 1.1 + 0.0001, 5),
        "clean_unchanged_min": round(overall.clean_rate, 4),
    }


def update_floor(path: Path = FLOOR_FILE) -> dict[str, object]:
    """Re-measure with the floor's own corpus settings and write new thresholds."""
    floor = load_floor(path)
    samples = generate(
        int(floor["n"]),  # type: ignore[arg-type]
        seed=int(floor["seed"]),  # type: ignore[arg-type]
        split=str(floor["split"]),
    )
    overall = run_generated(samples, Pipeline.default())["overall"]
    floor.update(floor_values(overall))
    floor["measured"] = overall.summary()
    path.write_text(json.dumps(floor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return floor


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.accuracy", description=__doc__.split("\n")[0]
    )
    p.add_argument("--n", type=int, default=200, help="number of generated samples (default 200)")
    p.add_argument("--seed", type=int, default=2026, help="generator seed (default 2026)")
    p.add_argument("--layouts", default="", help=f"comma-separated subset of: {','.join(LAYOUTS)}")
    p.add_argument(
        "--split",
        default="test",
        choices=("test", "dev", "all"),
        help="clean material: test = held out (default), dev = may be tuned on",
    )
    p.add_argument(
        "--systems", default="", help="comma-separated subset of raw,naive,unstructured,chain"
    )
    p.add_argument("--no-seeds", action="store_true", help="skip the seed fixtures")
    p.add_argument(
        "--json",
        default="benchmarks/out/accuracy.json",
        help="where to write JSON ('' = nowhere)",
    )
    p.add_argument("--markdown", action="store_true", help="also print the README table")
    p.add_argument(
        "--update-floor",
        action="store_true",
        help="re-measure the floor corpus and rewrite benchmarks/accuracy_floor.json",
    )
    args = p.parse_args(argv)
    if args.update_floor:
        print(json.dumps(update_floor(), indent=2, ensure_ascii=False))
        return 0
    layouts = [x for x in args.layouts.split(",") if x] or None
    unknown = [x for x in layouts or () if x not in LAYOUTS]
    if unknown:
        p.error(f"unknown layout(s) {', '.join(unknown)}; known: {', '.join(LAYOUTS)}")
    include = [x for x in args.systems.split(",") if x] or None
    res = run(
        args.n,
        seed=args.seed,
        layouts=layouts,
        split=args.split,
        include=include,
        with_seeds=not args.no_seeds,
    )
    print(report(res, args.markdown))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(
            json.dumps(res.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"\nwrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
