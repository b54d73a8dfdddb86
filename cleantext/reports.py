"""What the CLI reports besides the cleaned text: ``--explain``, ``--stats``, ``--diff``.

Reports go to stderr (explain, stats) or stdout (diff); they are built from plain
data (the JSON-ready records of :func:`cleantext.cli.clean_document`), so they work
the same for serial and parallel runs.

>>> import io
>>> err = io.StringIO()
>>> write_explain({"file": "a.txt", "steps": [{"step": "normalize_controls",
...     "chars_in": 3, "chars_out": 2, "edits": [{"start": 1, "end": 2, "old": "\\x01",
...     "new": "", "kind": "invisible", "line": 1}]}]}, err, Style(False))
>>> print(err.getvalue(), end="")
a.txt: 1 change by 1 step, 3 → 2 characters
  normalize_controls: invisible ×1; 1 piece of text removed
    line 1: removed '\\x01' (invisible)
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from typing import Any, TextIO

from .pipeline import Pipeline


@dataclass
class StepTotals:
    """Per-step sums for ``--stats``."""

    docs_changed: int = 0
    edits: int = 0
    chars_in: int = 0
    chars_out: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    seconds: float = 0.0

    def add(self, other: StepTotals) -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


class Style:
    """ANSI colouring, or none."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text


def use_color(choice: str, stream: TextIO) -> bool:
    """``--color`` auto/always/never; auto is on for a terminal unless ``NO_COLOR`` is set."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _show(text: str, limit: int = 400) -> str:
    shown = repr(text[:limit])
    return shown + (f"… (+{len(text) - limit} chars)" if len(text) > limit else "")


#: White space that only lays text out: spaces, tabs, line breaks (``\r`` of CRLF too),
#: the ideographic space. An edit made of nothing else on both sides (a reflow join, a
#: line ending) is counted in the summary but not listed. A form feed is NOT in it: it is
#: a page break, and an edit that removes one (``\f\n``, kind ``page-break``) is listed
#: like any other removal.
_LAYOUT_SPACE = " \t\n\r\u3000"


def _is_space(text: str) -> bool:
    return not text.strip(_LAYOUT_SPACE)


def write_explain(report: dict[str, Any], err: TextIO, style: Style) -> None:
    """A human-readable account of what each step changed in one input."""
    steps = report["steps"]
    n_edits = sum(len(s["edits"]) for s in steps)
    size = f"{steps[0]['chars_in']:,} → {steps[-1]['chars_out']:,} characters" if steps else ""
    err.write(
        f"{style(report['file'], '1')}: {n_edits} change{'s' if n_edits != 1 else ''} "
        f"by {len(steps)} step{'s' if len(steps) != 1 else ''}, {size}\n"
    )
    for step in steps:
        kinds: dict[str, int] = {}
        removed = 0
        for e in step["edits"]:
            kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
            if _is_space(e["new"]) and not _is_space(e["old"]):
                removed += 1
        counts = ", ".join(f"{k} ×{n}" for k, n in sorted(kinds.items()))
        gone = f"; {removed} piece{'s' if removed != 1 else ''} of text removed" if removed else ""
        err.write(f"  {style(step['step'], '36')}: {counts}{gone}\n")
        shown = 0
        hidden = 0
        for e in step["edits"]:
            old, new = e["old"], e["new"]
            if _is_space(old) and _is_space(new):
                continue  # joins and spacing: counted above
            if _is_space(new):
                # Every removal is listed (never capped), its text shown as a repr so
                # that control characters and white space are visible, with its kind.
                err.write(
                    f"    line {e['line']}: {style('removed', '31')} {_show(old)} ({e['kind']})\n"
                )
            elif shown < 10:
                err.write(
                    f"    line {e['line']}: {_show(old, 60)} → {style(_show(new, 60), '32')}\n"
                )
                shown += 1
            else:
                hidden += 1
        if hidden:
            err.write(f"    … and {hidden} more changes (--format json lists them all)\n")


def write_stats(
    totals: dict[str, StepTotals],
    pipeline: Pipeline,
    files: int,
    records: int,
    *,
    fmt: str,
    err: TextIO,
) -> None:
    """The ``--stats`` summary, one row per step in chain order."""
    names = [s.name for s in pipeline.steps]
    if fmt == "json":
        err.write(
            json.dumps(
                {
                    "inputs": files,
                    "records": records,
                    "steps": [
                        {"step": n, **dataclasses.asdict(totals.get(n, StepTotals()))}
                        for n in names
                    ],
                },
                ensure_ascii=False,
            )
            + "\n"
        )
        return
    width = max([len(n) for n in names] + [4])
    err.write(
        f"{'step':<{width}}  {'changed':>7}  {'edits':>8}  {'bytes in':>12}  "
        f"{'bytes out':>12}  {'seconds':>8}\n"
    )
    for n in names:
        t = totals.get(n, StepTotals())
        err.write(
            f"{n:<{width}}  {t.docs_changed:>7}  {t.edits:>8}  {t.bytes_in:>12,}  "
            f"{t.bytes_out:>12,}  {t.seconds:>8.3f}\n"
        )
    unit = f"{records} records in {files} inputs" if records else f"{files} inputs"
    err.write(f"({unit}; 'changed' counts documents)\n")


def unified_diff(name: str, original: str, cleaned: str) -> str:
    """A unified diff of one input and its cleaned text (empty when they are equal).

    >>> print(unified_diff("a.txt", "x\\ny\\n", "xy\\n"), end="")
    --- a.txt
    +++ a.txt (cleaned)
    @@ -1,2 +1 @@
    -x
    -y
    +xy
    """

    import difflib  # noqa: PLC0415 - only --diff needs it

    def lines(text: str) -> list[str]:
        parts = text.split("\n")
        out = [p + "\n" for p in parts[:-1]]
        if parts[-1]:
            out.append(parts[-1] + "\n\\ No newline at end of file\n")
        return out

    return "".join(
        difflib.unified_diff(
            lines(original),
            lines(cleaned),
            fromfile=name,
            tofile=f"{name} (cleaned)",
        )
    )
