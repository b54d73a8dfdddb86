"""Shared line analysis for the layout normalizers (page marks, ads, glyphs, reflow).

Pure functions over lines; no state between calls. Lines are always split on
``\\n`` only: :meth:`str.splitlines` would also split on form feeds, U+2028, U+0085
and the file/group/record separators, and :meth:`str.strip` would swallow U+3000.

>>> lines = split_lines("ab\\n\\u3000\\u3000cd\\n")
>>> lines
['ab', '\\u3000\\u3000cd', '']
>>> [is_blank(x) for x in lines]
[False, False, True]
>>> content(lines[1])
'cd'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from .charsets import HSPACE

_HSPACE_STR = "".join(HSPACE)


def split_lines(text: str) -> list[str]:
    """Split on ``\\n`` only (see the module docstring for why not ``splitlines``)."""
    return text.split("\n")


def line_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, line)`` for every ``\\n``-separated line of ``text``.

    >>> list(line_spans("ab\\nc"))
    [(0, 2, 'ab'), (3, 4, 'c')]
    """
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        yield pos, end, line
        pos = end + 1


def is_blank(line: str) -> bool:
    """True for a line of nothing but horizontal white space (U+3000 included)."""
    return not line.strip(_HSPACE_STR)


def content(line: str) -> str:
    """The line without leading and trailing horizontal white space (U+3000 included)."""
    return line.strip(_HSPACE_STR)


def indent(line: str) -> str:
    """The leading horizontal white space of ``line``."""
    return line[: len(line) - len(line.lstrip(_HSPACE_STR))]


def estimate_wrap_width(lengths: Sequence[int], min_lines: int = 4) -> int | None:
    """The column width a text was wrapped at, or ``None`` when it looks unwrapped.

    ``lengths`` are the lengths of the non-blank lines (in characters, indentation
    included). A wrapped text has many lines of (nearly) the same, maximal length: the
    width is the most common length among the longest lines, accepted when at least a
    quarter of the lines are within two characters of it.

    >>> estimate_wrap_width([17, 17, 16, 17, 9, 17, 17, 5])
    17
    >>> estimate_wrap_width([40, 12, 80, 33, 7]) is None
    True
    """
    if len(lengths) < min_lines:
        return None
    counts = Counter(n for n in lengths if n >= 6)
    if not counts:
        return None
    # Candidate widths: the most common lengths; prefer the longest frequent one.
    best: int | None = None
    best_score = 0
    total = len(lengths)
    for width, _ in counts.most_common(8):
        near = sum(c for n, c in counts.items() if width - 2 <= n <= width)
        over = sum(c for n, c in counts.items() if n > width)
        if over > total * 0.1:  # many lines longer than this: not the wrap width
            continue
        if near >= max(3, total / 4) and near > best_score:
            best, best_score = width, near
    return best
