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

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, compress
from typing import TYPE_CHECKING

from .charsets import (
    BULLETS,
    CJK_NUMERALS,
    CLAUSE_END,
    CLOSING,
    HSPACE_CHARS,
    OPENING,
    SENTENCE_END,
    WIDE_CLASS,
)

if TYPE_CHECKING:
    from .normalizer import Edit


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
    return not line.strip(HSPACE_CHARS)


def content(line: str) -> str:
    """The line without leading and trailing horizontal white space (U+3000 included)."""
    return line.strip(HSPACE_CHARS)


def indent(line: str) -> str:
    """The leading horizontal white space of ``line``."""
    return line[: len(line) - len(line.lstrip(HSPACE_CHARS))]


#: A run of two or more ideographic spaces inside a line: the paragraph separator of
#: text scraped without newlines (seed 004).
# Starts only where a run of spaces starts (the lookbehind), so a long run of spaces is
# scanned once, not once per position: linear time.
_MIDLINE_INDENT = re.compile("(?<![ \t])[ \t]*\u3000{2,}[ \t\u3000]*")


#: Two ideographic spaces after anything but a line break, a third one or a line's
#: first space (`` 　　`` is a common indentation): where a mid-line run can start (see
#: :func:`parts_as_lines`; the literal first, so that the search skips ahead to it at C
#: speed).
_RUN_AFTER_SPACE_OR_TEXT = re.compile(
    "\u3000\u3000(?<=[^\n\u3000]\u3000\u3000)(?<!\n[ \t]\u3000\u3000)"
)


def line_parts(line: str) -> list[tuple[int, int]]:
    """``line`` split before each mid-line run of two or more ideographic spaces, as
    ``(start, end)`` parts: in text scraped without newlines such a run starts a
    paragraph, and every part after the first starts with its run (its indentation).
    Runs at the line's edges are its indentation and trailing space, not separators.

    >>> line = "前文。\u3000\u3000整整治治\u3000\u3000正文"
    >>> [line[a:b] for a, b in line_parts(line)]
    ['前文。', '\u3000\u3000整整治治', '\u3000\u3000正文']
    >>> line_parts("\u3000\u3000只有缩进")
    [(0, 6)]
    """
    if "\u3000\u3000" not in line:
        return [(0, len(line))]
    body_start = len(line) - len(line.lstrip(HSPACE_CHARS))
    body_end = len(line.rstrip(HSPACE_CHARS))
    cuts = [
        m.start()
        for m in _MIDLINE_INDENT.finditer(line, body_start, body_end)
        if body_start < m.start() and m.end() < body_end
    ]
    if not cuts:
        return [(0, len(line))]
    out = []
    prev = 0
    for c in cuts:
        out.append((prev, c))
        prev = c
    out.append((prev, len(line)))
    return out


def parts_as_lines(text: str) -> str:
    """``text`` with the first character of every mid-line run of ideographic spaces
    (see :func:`line_parts`) read as a line break: each part on a line of its own, every
    character at the same offset (the rest of the run is the next line's indentation).
    A step that removes whole lines reads this to see the lines that reflow will make
    of text scraped without newlines; its offsets hold in ``text``. ``text`` itself when
    it has no such run.

    >>> parts_as_lines("正文。\u3000\u3000- 2 -\u3000\u3000正文")
    '正文。\\n\\u3000- 2 -\\n\\u3000正文'
    """
    if "\u3000\u3000" not in text:
        return text
    cuts: list[int] = []
    # Only a line where a run follows text can be cut (not one that is only indented):
    # the runs are found at C speed, and a line is cut by line_parts when it holds text
    # before one. (Each line is looked back on once, and each stretch before a run
    # once: linear.)
    search = _RUN_AFTER_SPACE_OR_TEXT.search
    start = line_end = -1
    blank_to = 0  # text[start:blank_to] is horizontal white space
    m = search(text)
    while m is not None:
        at = m.start()
        if at > line_end:  # (the first run on its line)
            start = blank_to = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            if line_end < 0:
                line_end = len(text)
        if text[blank_to:at].strip(HSPACE_CHARS):
            cuts.extend(start + a for a, _b in line_parts(text[start:line_end])[1:])
            m = search(text, line_end)
        else:
            blank_to = at
            m = search(text, m.end())
    if not cuts:
        return text
    out: list[str] = []
    prev = 0
    for cut in cuts:
        out += (text[prev:cut], "\n")
        prev = cut + 1
    out.append(text[prev:])
    return "".join(out)


def removals_in_parts(text: str, edits_of: Callable[[str], list[Edit]]) -> list[Edit]:
    """The edits ``edits_of`` makes of ``text`` read through :func:`parts_as_lines`, for
    a step that removes lines (remove_page_marks, remove_ads): its edits only remove
    text or keep the rest of one line, so their offsets hold in ``text``; what each
    removes (``old``) is read there.

    >>> from cleantext.normalizer import Edit
    >>> text = "正文。\u3000\u3000- 2 -\u3000\u3000正文"
    >>> removals_in_parts(text, lambda t: [Edit(4, 11, t[4:11], "", "page-number")])[0].old
    '\\u3000- 2 -\\u3000'
    """
    read = parts_as_lines(text)
    edits = edits_of(read)
    if read is text:
        return edits
    return [replace(e, old=text[e.start : e.end]) for e in edits]


def spaces_before(s: str, i: int) -> int:
    """Where the run of ASCII spaces that ends just before ``s[i]`` starts (``i`` when
    there is none). Steps that must decide as if normalize_spacing had already removed
    such spaces look past them with this and :func:`spaces_after`.

    >>> spaces_before("中  ，", 3), spaces_before("中，", 1)
    (1, 1)
    """
    while i > 0 and s[i - 1] == " ":
        i -= 1
    return i


def spaces_after(s: str, j: int) -> int:
    """Where the run of ASCII spaces that starts at ``s[j]`` ends (``j`` when there is
    none).

    >>> spaces_after("中  ，", 1)
    3
    """
    n = len(s)
    while j < n and s[j] == " ":
        j += 1
    return j


def display_width(s: str) -> int:
    """Columns ``s`` takes in a CJK layout: wide characters count two, others one.

    >>> display_width("中文ab"), display_width("“好”")
    (6, 6)
    """
    if s.isascii():
        return len(s)
    return 2 * len(s) - len(_WIDE_RUN.sub("", s))


def narrow_lines(text: str, lines: list[str] | None = None) -> list[str]:
    """Every ``\\n``-separated line of ``text`` without its wide characters, from one
    scan of the whole text: a line's :func:`display_width` is ``2 * len(line) -
    len(narrow)``. ``lines`` is ``text.split("\\n")`` when the caller has it already.

    >>> lines = "中文ab\\n\\nxyz".split("\\n")
    >>> [2 * len(x) - len(n) for x, n in zip(lines, narrow_lines("\\n".join(lines)))]
    [6, 0, 3]
    """
    if text.isascii():
        return text.split("\n") if lines is None else lines
    return _WIDE_RUN.sub("", text).split("\n")


def is_paragraph_indent(lead: str) -> bool:
    """True when leading white space ``lead`` is a paragraph indent.

    An ideographic space, a tab or two or more spaces indent; a single ASCII space
    does not (PDF extraction leaves one at page breaks, see seed 002 line 40).

    >>> is_paragraph_indent("\\u3000\\u3000"), is_paragraph_indent(" "), is_paragraph_indent("  ")
    (True, False, True)
    """
    return "\u3000" in lead or "\t" in lead or len(lead) >= 2


def list_marker(body: str) -> str:
    """The list or heading marker that opens ``body`` (``""`` when there is none).

    Recognised: dashes ``——``, bullets ``●■…``, ``一、``, ``（一）``, ``(1)``/``（1）``,
    ``(a) `` (a letter in brackets, then a space),
    ``1.``/``1、``/``1．`` (not ``1.5``), ``第一章``/``第3节``…

    >>> samples = ["一、总则", "（二）机制", "1. Intro", "1.5亿", "——全面", "第三章 附则", "一是"]
    >>> [list_marker(x) for x in samples]
    ['一、', '（二）', '1.', '', '——', '第三章', '']
    >>> list_marker("(b) the second item"), list_marker("(a)sync")
    ('(b)', '')
    """
    m = _MARKER.match(body)
    return m.group(0) if m else ""


def end_kind(body: str) -> str:
    """How a line's content ends: ``"sentence"``, ``"clause"``, ``"closed"`` or ``"open"``.

    * ``sentence`` — a sentence end, possibly followed by closing quotes/brackets;
    * ``clause`` — ``：；:;`` (ends list items and introductions);
    * ``closed`` — any other punctuation that can end a paragraph (dashes, ellipses, a
      closing bracket, a dateline ``（新华社北京10月10日电）``);
    * ``open`` — a letter, digit, comma, enumeration comma, opening bracket, hyphen or
      a symbol that only occurs inside a token (``*<=>#@_~^|\\``): the sentence goes on.

    >>> [end_kind(x) for x in ["好。”", "如下：", "问题———", "的执", "和，", "(见图"]]
    ['sentence', 'clause', 'closed', 'open', 'open', 'open']
    >>> [end_kind(x) for x in ["模板“Connection to <*", "阈值k=", "增长5%"]]
    ['open', 'open', 'closed']
    """
    i = len(body)
    while i and body[i - 1] in CLOSING:
        i -= 1
    if i and body[i - 1] in SENTENCE_END:
        return "sentence"
    if i < len(body):  # ends in a closing bracket or quote
        return "closed"
    last = body[-1:] if body else ""
    if not last:
        return "open"
    if last in CLAUSE_END:
        return "clause"
    if last.isalnum() or last in _OPEN_END or last in OPENING:
        return "open"
    return "closed"


def is_dateline(body: str) -> bool:
    """True for a news dateline on a line of its own: ``（新华社北京10月10日电）``.

    >>> [is_dateline(x) for x in ["（新华社北京10月10日电）", "（据新华社电）", "（一）"]]
    [True, True, False]
    """
    return _DATELINE.fullmatch(body) is not None


@dataclass(frozen=True, slots=True)
class WrapWidth:
    """The wrap width of a region of text, in display columns.

    ``width`` is the typical width of a full line; ``full`` the narrowest width a line
    can have and still be full (lines are narrower when punctuation is set half width
    or a narrow character is involved); ``top`` the widest ordinary line.
    """

    width: int
    full: int
    top: int


def estimate_wrap(
    widths: Sequence[int],
    open_ends: Sequence[bool],
    min_lines: int = 3,
    *,
    ragged: bool = False,
    prose: bool = True,
) -> WrapWidth | None:
    """Estimate how a run of lines was wrapped, or ``None`` when it looks unwrapped.

    ``widths`` are display widths of the non-blank lines, ``open_ends`` whether each
    ends mid-sentence (see :func:`end_kind`). A wrapped text has several lines of
    nearly the same, maximal width, and most of those end mid-sentence; one paragraph
    per line (prose, a poem, a list) does not. ``ragged`` widens the band for text
    wrapped at word boundaries (Latin scripts leave up to a word's width free);
    ``prose`` says whether the lines contain punctuation at all (a list of names with
    no punctuation is never taken for a wrapped text). The width is the most common
    width among the longest lines (their top for ragged text); ``full`` is a low
    percentile of the open-ended lines near it.

    >>> estimate_wrap([34, 36, 36, 35, 12, 36, 34, 8], [True] * 8)
    WrapWidth(width=36, full=34, top=36)
    >>> estimate_wrap([40, 24, 80, 66, 14], [False] * 5) is None
    True
    """
    n = len(widths)
    if n < min_lines or not prose:
        return None
    # Everything is counted in the sorted widths by bisection (C speed); only the
    # widths of at least MIN_WRAP_WIDTH (``ordered[first:]``) are candidates.
    ordered = sorted(widths)
    first = bisect_left(ordered, MIN_WRAP_WIDTH)
    if first == n:
        return None
    least_near = max(2, n // 4)
    most_above = 0 if ragged else n // 10
    best_near = 0
    scored: list[tuple[int, int]] = []
    end = n  # the candidate is ordered[end - 1]: the distinct widths, widest first
    for _ in range(_MAX_CANDIDATES):
        c = ordered[end - 1]
        upto = bisect_right(ordered, c + 2, end - 1)
        # (Text wrapped at word boundaries never goes past its width.) Candidates come
        # widest first, so once too many lines are wider, every later one fails too.
        if n - upto > most_above:
            break
        slack = (c // 2 if c >= 4 else 2) if ragged else (c // 10 if c >= 20 else 2)  # >= 2
        near = upto - bisect_left(ordered, c - slack, first, end)
        if near >= least_near:
            scored.append((c, near))
            best_near = max(best_near, near)
        end = bisect_left(ordered, c, first, end - 1)
        if end == first:
            break
    if not best_near:
        return None
    # The widest candidate that is nearly as well supported as the best one.
    # (Ragged text spreads its full lines widely: accept a less supported, wider one.)
    share = 7 if ragged else 9
    top = next(c for c, near in scored if near * 10 >= best_near * share)
    lo = top - max(2, top // 2 if ragged else top // 10)
    band_lo = bisect_left(ordered, lo)  # the band: ordered[band_lo:band_hi]
    band_hi = bisect_right(ordered, top + 2, band_lo)
    opened = sorted(compress(widths, open_ends))  # the open-ended lines' widths
    open_lo = bisect_left(opened, lo)
    n_open = bisect_right(opened, top + 2, open_lo) - open_lo
    if n_open * 3 < band_hi - band_lo or n_open < 2:
        return None  # full-width lines that end sentences: not a wrapped text
    widest = ordered[band_hi - 1]
    mode = widest if ragged else _mode(ordered, band_lo, band_hi, widths)
    full = opened[open_lo + n_open // 10]
    return _wrap_width(mode, min(full, mode), widest)


#: The :class:`WrapWidth` objects made so far (at most _MAX_WRAP_WIDTHS of them): they
#: are immutable, so one serves every estimate with the same figures (making a frozen
#: dataclass costs more than finding it).
_WRAP_WIDTHS: dict[tuple[int, int, int], WrapWidth] = {}
_MAX_WRAP_WIDTHS = 4096


def _wrap_width(width: int, full: int, top: int) -> WrapWidth:
    key = (width, full, top)
    found = _WRAP_WIDTHS.get(key)
    if found is None:
        found = WrapWidth(width=width, full=full, top=top)
        if len(_WRAP_WIDTHS) < _MAX_WRAP_WIDTHS:
            _WRAP_WIDTHS[key] = found
    return found


def _mode(ordered: list[int], lo: int, hi: int, widths: Sequence[int]) -> int:
    """The most common value of the sorted ``ordered[lo:hi]``; of several equally
    common ones, the first in ``widths`` (the document's order)."""
    if ordered[lo] == ordered[hi - 1]:
        return ordered[lo]
    most = 0
    tied: list[int] = []
    i = lo
    while i < hi:
        value = ordered[i]
        j = bisect_right(ordered, value, i, hi)
        if j - i > most:
            most, tied = j - i, [value]
        elif j - i == most:
            tied.append(value)
        i = j
    return tied[0] if len(tied) == 1 else next(w for w in widths if w in tied)


def estimate_wrap_width(lengths: Sequence[int], min_lines: int = 4) -> int | None:
    """The column width a text was wrapped at, or ``None`` when it looks unwrapped.

    ``lengths`` are the lengths of the non-blank lines (in characters or columns,
    indentation included). Without knowing how the lines end, every line is taken to
    end mid-sentence; :func:`estimate_wrap` is the full version.

    >>> estimate_wrap_width([17, 17, 16, 17, 9, 17, 17, 5])
    17
    >>> estimate_wrap_width([40, 12, 80, 33, 7]) is None
    True
    """
    est = estimate_wrap(lengths, [True] * len(lengths), min_lines)
    return est.width if est else None


def local_wraps(
    widths: Sequence[int],
    open_ends: Sequence[bool],
    block: int = 24,
    *,
    ragged: Sequence[bool] | None = None,
    prose: Sequence[bool] | None = None,
    need: Iterable[int] | None = None,
    windows: dict[tuple[int, int], WrapWidth | None] | None = None,
) -> list[WrapWidth | None]:
    """Per-line wrap estimates from a window of neighbouring lines (linear time).

    The lines are cut into blocks of ``block`` lines; each block is estimated from
    itself and its two neighbours, so that a document whose column width changes (a
    page of several articles) gets the width of each part. A block whose window is
    unwrapped gets ``None``. ``ragged``/``prose`` are per-line flags (see
    :func:`estimate_wrap`): a window is ragged when most of its lines are, and prose
    when any of its lines is. With ``need`` (the indices of the lines needed), a
    block none of whose lines is needed is not estimated (``None``), which saves the
    work when an earlier estimate already covers it. ``windows``, a dictionary shared
    by calls over the same lines (with other block sizes, say), holds the estimate of
    each window ``(start, end)`` made so far: a window that two blocks share (at the
    ends of the text) is estimated once.

    >>> ws = [36] * 30 + [50] * 30
    >>> w = local_wraps(ws, [True] * 60, block=10)
    >>> w[0].width, w[-1].width
    (36, 50)
    >>> w = local_wraps(ws, [True] * 60, block=10, need=[45])
    >>> w[0], w[45].width
    (None, 50)
    """
    n = len(widths)
    out: list[WrapWidth | None] = [None] * n
    blocks = (
        range((n + block - 1) // block)
        if need is None
        else dict.fromkeys(map(block.__rfloordiv__, need))  # (i // block for each i)
    )
    # (A window needs two lines that stop mid-sentence to have a width at all: counted
    # from prefix sums, such windows are not estimated.)
    opens = list(accumulate(map(bool, open_ends), initial=0))
    for b in blocks:
        est = block_wrap(
            widths, open_ends, b, block, opens, ragged=ragged, prose=prose, windows=windows
        )
        if est is not None:
            start, end = b * block, min(n, (b + 1) * block)
            out[start:end] = [est] * (end - start)
    return out


def block_wrap(
    widths: Sequence[int],
    open_ends: Sequence[bool],
    b: int,
    block: int,
    opens: Sequence[int],
    *,
    ragged: Sequence[bool] | None = None,
    prose: Sequence[bool] | None = None,
    windows: dict[tuple[int, int], WrapWidth | None] | None = None,
) -> WrapWidth | None:
    """The estimate :func:`local_wraps` gives the lines of block ``b`` (of ``block``
    lines): from the window of that block and its two neighbours. ``opens[k]`` counts
    the lines that stop mid-sentence among the first ``k`` (prefix sums of
    ``open_ends``, ``initial=0``); ``windows`` remembers the estimate of each window
    (see :func:`local_wraps`).

    >>> ws = [36] * 30 + [50] * 30
    >>> opens = list(range(61))
    >>> block_wrap(ws, [True] * 60, 5, 10, opens).width
    50
    """
    n = len(widths)
    lo = max(0, (b - 1) * block)
    hi = min(n, (b + 2) * block)
    if opens[hi] - opens[lo] < 2:
        return None
    if windows is not None and (lo, hi) in windows:
        return windows[lo, hi]
    is_ragged = ragged is not None and sum(ragged[lo:hi]) * 2 > hi - lo
    is_prose = prose is None or any(prose[lo:hi])
    est = estimate_wrap(widths[lo:hi], open_ends[lo:hi], ragged=is_ragged, prose=is_prose)
    if windows is not None:
        windows[lo, hi] = est
    return est


#: Runs of wide characters (one match per run, not per character: removing them is
#: the fast way to count them).
_WIDE_RUN = re.compile(f"[{WIDE_CLASS}]+")
#: The narrowest wrap width :func:`estimate_wrap` considers (display columns): a text
#: with no line this wide has no wrap width at all.
MIN_WRAP_WIDTH = 8
_MAX_CANDIDATES = 48
_OPEN_END = frozenset("，、,-‐\u00ad/&+")
#: Symbols that never end a paragraph: a line ending in one was cut inside a token
#: (``<*>``, ``a=b``, ``x_1``, ``@user``).
_OPEN_END |= frozenset("*<=>#@_~^|\\")
_MARKER = re.compile(
    "——"
    f"|[{''.join(sorted(BULLETS))}]"
    f"|[{CJK_NUMERALS}]+、"
    f"|[（(][{CJK_NUMERALS}]+[）)]"
    r"|[（(]\d{1,3}[）)]"
    r"|[（(][a-zA-Z][）)](?=[ \u3000])"
    r"|\d{1,3}(?:[、．]|\.(?!\d))"
    f"|第[{CJK_NUMERALS}\\d]+[章节条部篇编款]"
)
_DATELINE = re.compile(r"[（(]据?[^（）()\n]{0,30}?(?:电|报道|消息)[）)]")
