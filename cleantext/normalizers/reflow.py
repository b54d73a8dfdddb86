"""Line-wrap repair: join the lines a page layout broke back into paragraphs."""

from __future__ import annotations

import gc
import operator
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import accumulate, chain, compress, pairwise, repeat, starmap
from typing import Literal, TypeVar

from ..charsets import (
    CJK_LETTER_CLASS,
    CJK_ONLY_PUNCT,
    CJK_PUNCT,
    CJK_PUNCT_CLASS,
    CLOSING,
    HSPACE_CHARS,
    NO_LINE_START,
    WIDE_CLASS,
)
from ..layout import (
    MIN_WRAP_WIDTH,
    WrapWidth,
    block_wrap,
    display_width,
    end_kind,
    estimate_wrap,
    is_dateline,
    is_paragraph_indent,
    line_parts,
    list_marker,
    local_wraps,
    narrow_lines,
    spaces_before,
)
from ..normalizer import Edit, Normalizer
from ..registry import register
from .punctuation import CANDIDATE as _PUNCT_CANDIDATE
from .punctuation import fix_lines
from .spacing import MAY_CHANGE as _SPACING_MAY_CHANGE
from .spacing import MAY_CHANGE_ASCII as _SPACING_MAY_CHANGE_ASCII
from .spacing import NormalizeSpacing

# --- character tests -------------------------------------------------------------------

#: Kinsoku: punctuation that never starts a line, so a line starting with it always
#: continues the previous one. Ellipses and middle dots are left out: a line of
#: ``……`` on its own marks an omitted passage.
_KINSOKU = frozenset(NO_LINE_START) - frozenset("…·‧・")
_CJKISH = re.compile(f"[{CJK_LETTER_CLASS}{CJK_PUNCT_CLASS}{WIDE_CLASS}]")
# (Runs, not single characters: removing runs is the fast way to count the letters.)
_CJK_LETTER_RUN = re.compile(f"[{CJK_LETTER_CLASS}]+")
_LATIN_LETTER = re.compile(r"[^\W\d_]")
#: Punctuation that shows a line is running text (a list of names has none).
_PROSE_MARKS = (frozenset(CJK_PUNCT) | frozenset(",.;:!?\"'()")) - frozenset("·‧・")
_ASCII_LETTER_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_COMMA_LIKE = frozenset("，,、；;。.！!？?")
_COMMA_RE = re.compile("[" + re.escape("".join(sorted(_COMMA_LIKE))) + "]")
_PROSE_RE = re.compile("[" + re.escape("".join(sorted(_PROSE_MARKS))) + "]")
#: ``pre-`` at a line end (pre is a run of letters, perhaps after earlier hyphens).
_HYPHEN_TAIL = 64
# Starts only at the start of a hyphenated word (not after a letter or a hyphen), so each
# chain of letters and hyphens is scanned once: linear under ``search``.
_HYPHEN_END = re.compile(r"(?<![^\W\d_])(?<!-)(?:[^\W\d_]+-)*[^\W\d_]+-\Z")
#: A section number before a CJK title: ``1 引言``, ``2.1　方法``.
_SECTION_NUMBER = re.compile(rf"\d{{1,2}}(?:\.\d{{1,2}}){{0,3}}[ \u3000]+[{CJK_LETTER_CLASS}]")
_ASCII_WORD = re.compile("[A-Za-z0-9]+")
_WORD_START = re.compile(r"[^\W\d_]+")
_NON_SPACE = re.compile(r"\S+")
_NON_SPACE_SPLIT = re.compile(r"(\S+)")
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: First words of common English compounds, used when neither the document nor a
#: word-frequency list decides a line-end hyphen.
_COMPOUND_HEADS = frozenset(
    {"well", "self", "so", "ex", "all", "half", "cross", "e", "x", "long", "short", "high"}
    | {"low", "full", "one", "two", "three", "first", "second", "world", "real", "time"}
)

#: A paragraph at least this wide (display columns) that ends mid-sentence is not a
#: heading: the next line continues it, blank lines and indentation notwithstanding.
_LONG_PARAGRAPH = 80
#: An open-ended line narrower than this share of the wrap width is a heading or a
#: verse line, not a wrapped one.
_VERY_SHORT = 0.75
#: How many times at most the rules run over their own output (see ``Reflow._passes``).
#: Almost every text is settled after the second; with 3, a few random texts (1 in
#: 12 000 of ``中文，。\n　\r\f ab`` mixtures, ``indent=True``) were not, and reflow run
#: again changed them. A further pass runs only when the one before changed something.
#: A long text of short, jumbled lines needs more: each round's joins shift the
#: index-aligned windows of the lines after them, and a few windows somewhere change
#: their estimate. On generated books (``benchmarks/_common.book``) the passes over
#: the text as it is (the checks of the lines as the later steps leave them not
#: counted) grew with one text's length: 3 at 0.6 MB, 4 at 2.4 MB, 4-7 at 4.8 MB, 6
#: at 9.7 MB, 7 at 19.4 MB. Before remove_page_marks removed page numbers above 999,
#: which reflow glued into the text, they grew faster (10-11 at 19.5 MB), and with a
#: bound of 5 the books from 2.4 MB on came out of reflow still changed by reflow.
#: The bound keeps the cost linear (at most 2 x 16 - 1 passes); a text that needs
#: more than 16 rounds would stay unsettled (none seen; the CLI cleans big files in
#: windows of 256 K characters, which settle in 2-4).
_MAX_PASSES = 16


@dataclass(slots=True)
class _Seg:
    """One non-blank line (or a part of a line split at a mid-line ``　　``)."""

    cstart: int
    cend: int
    body: str
    width: int
    body_width: int
    cells: int
    indented: bool
    virtual: bool
    blanks: int
    end: str
    cjk_first: bool  # starts with a CJK character (letter, punctuation or wide)
    cjk_last: bool  # ends with one
    comma: bool  # has a comma or a full stop (running text, unlike a list of names)


# (Attribute getters for building per-line columns at C speed.)
_WIDTH = operator.attrgetter("width")
_COMMA = operator.attrgetter("comma")
_INDENTED = operator.attrgetter("indented")
_VIRTUAL = operator.attrgetter("virtual")
_BLANKS = operator.attrgetter("blanks")


#: A text of at least this many lines has its line records built with the garbage
#: collector paused (see :func:`_segments`).
_PAUSE_GC_LINES = 50_000


def _segments(text: str) -> list[_Seg]:
    """The non-blank lines of ``text`` (and the parts of a line split at a mid-line
    ``　　``), with what the rules ask about each."""
    if text.count("\n") < _PAUSE_GC_LINES or not gc.isenabled():
        return _build_segments(text)
    # Every record is an object the cyclic garbage collector tracks, and building
    # hundreds of thousands of them sets off its passes over all of them again and
    # again (a fifth of reflow's time on a text of 400 000 one-character lines). The
    # records make no reference cycles: the collector is paused while they are built.
    gc.disable()
    try:
        return _build_segments(text)
    finally:
        gc.enable()


def _build_segments(text: str) -> list[_Seg]:
    segs: list[_Seg] = []
    append = segs.append
    blanks = 0
    pos = 0
    hspace = HSPACE_CHARS
    cjkish = _CJKISH_CHARS.get
    lasts = _LASTS.get
    leads = _LEADS.get
    lines = text.split("\n")
    # Where the next comma is, searched in the whole text (a line has one when it is
    # before the line's end); searched again only after a line that has one.
    search = _COMMA_RE.search
    none = len(text) + 1  # (after every line)
    found = search(text)
    next_comma = found.start() if found else none
    # (Widths from one scan of the whole text; a line's body is as wide as the line
    # when it has no leading or trailing white space, the common case.)
    for line, narrow in zip(lines, narrow_lines(text, lines), strict=True):
        start = pos
        pos += len(line) + 1
        stripped = line.strip(hspace)
        if not stripped or (stripped[0] == "\f" and not stripped.strip("\f")):
            if "\f" not in line:  # a form feed line is a page break: no information
                blanks += 1
            continue
        if next_comma < start:
            found = search(text, start)
            next_comma = found.start() if found else none
        parts = line_parts(line) if "\u3000\u3000" in stripped else None
        if parts is None:  # the common case, one segment for the line (inlined)
            size = len(stripped)
            line_width = 2 * len(line) - len(narrow)
            if size == len(line):
                cstart = start
                body_width = width = line_width
                cells = 2 * size
                indented = False
            else:
                # (The lead is white space: the body starts where its first character
                # first occurs.)
                lead_size = line.find(stripped[0])
                lead = line[:lead_size]
                indented, lead_width, measured, measured_width = leads(lead) or _lead(lead)
                cstart = start + lead_size
                body_width = line_width - lead_width  # (the line's width less its white space)
                if lead_size + size < len(line):
                    body_width -= display_width(line[lead_size + size :])
                width = measured_width + body_width
                cells = 2 * (measured + size)
            end, last_cjk = lasts(stripped[-1]) or _last(stripped)
            first_cjk = cjkish(stripped[0])
            if first_cjk is None:
                first_cjk = _is_cjkish_char(stripped[0])
            append(
                _Seg(
                    cstart,
                    cstart + size,
                    stripped,
                    width,
                    body_width,
                    cells,
                    indented,
                    False,
                    blanks,
                    end,
                    first_cjk,
                    last_cjk,
                    next_comma < pos,  # (a comma in the line is one in its body)
                )
            )
            blanks = 0
            continue
        first = True
        for part_start, part_end in parts:
            seg_text = line[part_start:part_end]
            body = seg_text.strip(hspace)
            lead = seg_text[: len(seg_text) - len(seg_text.lstrip(hspace))]
            cstart = start + part_start + len(lead)
            body_width = display_width(body)
            indented, _lead_width, measured, measured_width = leads(lead) or _lead(lead)
            end, last_cjk = lasts(body[-1]) or _last(body)
            append(
                _Seg(
                    cstart=cstart,
                    cend=cstart + len(body),
                    body=body,
                    width=measured_width + body_width,
                    body_width=body_width,
                    cells=2 * (measured + len(body)),
                    indented=indented or not first,
                    virtual=not first,
                    blanks=blanks if first else 0,
                    end=end,
                    cjk_first=_is_cjkish_char(body[0]),
                    cjk_last=last_cjk,
                    comma=search(body) is not None,
                )
            )
            first = False
        blanks = 0
    return segs


_SPACING = NormalizeSpacing()


def _as_left(bodies: list[str], punct: list[bool], spaced: list[bool]) -> list[str]:
    """The lines ``bodies`` (no ``\\n`` in them) as the steps after reflow in the
    default chain leave them: normalize_punctuation (its own :func:`fix_lines`, on the
    lines where ``punct`` says its candidate pattern matches: ``中文。。`` → ``中文。``,
    ``,`` → ``，``) and normalize_spacing (``中 ，`` → ``中，``; its own code, on the
    lines where ``spaced`` says :data:`spacing.MAY_CHANGE` matches, or where it matches
    what punctuation left), each run once over all of them (neither reaches across a
    line break, so a line comes out the same whatever lines are run with it)."""
    bodies = list(bodies)
    some = [i for i, p in enumerate(punct) if p]
    if some:
        for i, fixed in zip(some, fix_lines([bodies[i] for i in some]), strict=True):
            if fixed != bodies[i]:
                bodies[i] = fixed
                spaced[i] = spaced[i] or _SPACING_MAY_CHANGE.search(fixed) is not None
    some = [i for i, p in enumerate(spaced) if p]
    if some:
        joined = "\n".join([bodies[i] for i in some])
        for i, fixed in zip(some, _SPACING(joined).split("\n"), strict=True):
            bodies[i] = fixed
    return bodies


def _no_width_decides(segs: list[_Seg], evidence: list[bool]) -> bool:
    """Whether a pass over ``segs`` makes no edit whatever their widths, given that a
    pass over them (with the same ``evidence``) made none.

    With fewer than two lines of evidence, no window (of :func:`_wraps`, of
    :func:`_region_wrap`, of the pure lines of :func:`_char_counted`) has the two lines
    that stop mid-sentence a width needs: every wrap width is None, the text is not
    counted by characters, and no break is settled (kinsoku, a hyphen, a cut number
    are decided without a width, as in the pass that made no edit). A break the
    widths do not settle joins only by :func:`_long_open`, after a line that stops
    mid-sentence with a comma or a full stop in it (its paragraph is that line alone:
    no break before it joined); with no such line, every break stays as it is.
    """
    if sum(evidence) >= 2:
        return False
    return not any(s.comma and s.end == "open" for s in segs[:-1])


def _no_wrap_width(widths: list[int], evidence: list[bool]) -> bool:
    """Whether no line of a text can have a wrap width, so that nothing is estimated.

    Either no line is as wide as the narrowest wrap width (a list of single characters,
    say), or fewer than two lines stop mid-sentence: every window of
    :func:`layout.estimate_wrap` (and of :func:`_region_wrap`) needs two. Then the text
    is not counted by characters either (only such lines count, see
    :func:`_char_counted`) and no paragraph start lost its indent (that needs a
    width): every break is decided by the rules no width changes and by
    :func:`_long_open`. Reflowed text, one paragraph per line, is mostly so.

    >>> _no_wrap_width([30, 30, 30], [True, False, False])
    True
    """
    return max(widths) < MIN_WRAP_WIDTH or sum(evidence) < 2


_LATER_SCANS = ((1, _PUNCT_CANDIDATE), (2, _SPACING_MAY_CHANGE))


def _settle_widths(segs: list[_Seg], text: str, memo: dict[str, str]) -> list[int]:
    """Measure the lines as the later steps of the chain will leave them; the lines
    whose width that changes (in order).

    Reflow decides from widths; normalize_punctuation and normalize_spacing run after
    it and change some. A second run of the chain sees those widths, and must find
    nothing to join: the passes that check reflow's own output measure so. The lines
    the two steps may change are found by their own candidate patterns (one scan of
    the whole text each); only those lines are repaired, to be measured. ``memo``
    holds the lines repaired so far (the passes over one text share most lines).
    """
    hits: dict[int, int] = {}  # line -> 1: a punctuation candidate, 2: a spacing one
    starts: list[int] | None = None
    # (normalize_punctuation changes no line without a CJK character; normalize_spacing
    # makes a run of spaces inside any line one space: ``a  b`` → ``a b``.)
    scans = ((2, _SPACING_MAY_CHANGE_ASCII),) if text.isascii() else _LATER_SCANS
    for flag, pattern in scans:
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            if starts is None:
                starts = [s.cstart for s in segs]
            k = bisect_right(starts, m.start()) - 1
            if k < 0 or m.start() >= segs[k].cend:
                pos = m.end()  # (white space between lines)
                continue
            hits[k] = hits.get(k, 0) | flag
            pos = segs[k].cend  # (the rest of this line is looked at whole)
    if not hits:
        return []
    todo = [k for k in hits if segs[k].body not in memo]
    if todo:
        bodies = [segs[k].body for k in todo]
        flags = [hits[k] for k in todo]
        punct = [f & 1 == 1 and not b.isascii() for f, b in zip(flags, bodies, strict=True)]
        later = _as_left(bodies, punct, [f & 2 == 2 for f in flags])
        memo.update(zip(bodies, later, strict=True))
    changed: list[int] = []
    for k in sorted(hits):
        s = segs[k]
        body = s.body
        later_body = memo.get(body, body)
        if later_body != body:
            less = s.body_width - display_width(later_body)
            shorter = len(body) - len(later_body)
            if less or shorter:
                s.width -= less
                s.body_width -= less
                s.cells -= 2 * shorter
                changed.append(k)
    return changed


@dataclass(frozen=True, slots=True)
class _Doc:
    double_spaced: bool
    indent_informative: bool
    dropped_indent: bool
    cjk: bool
    words: _Words
    blank_separated: bool = False
    char_counted: bool = False


class _Words:
    """How often each word (lower-cased, hyphenated compounds whole) occurs in a text.

    Counted on first use: only a line-end hyphen asks, and most texts have none.
    """

    __slots__ = ("_counts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: Counter[str] | None = None

    def get(self, word: str, default: int = 0) -> int:
        if self._counts is None:
            self._counts = Counter(w.lower() for w in _WORDS.findall(self._text))
        return self._counts.get(word, default)


def _is_cjkish(ch: str) -> bool:
    return bool(ch) and _is_cjkish_char(ch)


#: :func:`_is_cjkish_char` of the characters seen so far (at most _MEMO_SIZE of them).
_CJKISH_CHARS: dict[str, bool] = {}
_MEMO_SIZE = 4096


#: :func:`_last` of the lines ending in a character seen so far, and :func:`_lead` of
#: the leading white space seen so far (at most _MEMO_SIZE of each).
_LASTS: dict[str, tuple[str, bool]] = {}
_LEADS: dict[str, tuple[bool, int, int, int]] = {}
_V = TypeVar("_V")


def _last(body: str) -> tuple[str, bool]:
    """``(end_kind(body), whether its last character is CJK)``, memoised by that last
    character (the kind depends on it alone unless it is a closing bracket or quote)."""
    last = body[-1]
    info = (end_kind(body), _is_cjkish_char(last))
    return _memo(_LASTS, last, info, last not in CLOSING)


def _lead(lead: str) -> tuple[bool, int, int, int]:
    """What the leading white space of a line tells: ``(indented, width, size, measured)``.

    Whether it is a paragraph indent, its display width, and the size and display
    width of the part of it that counts in the line's width (a lone leading space is
    left by PDF extraction at page breaks, seed 002 line 40). Memoised.
    """
    measured = lead[1:] if lead[:1] == " " and lead[1:2] != " " else lead
    info = (is_paragraph_indent(lead), display_width(lead), len(measured), display_width(measured))
    return _memo(_LEADS, lead, info)


def _memo(memo: dict[str, _V], key: str, value: _V, keep: bool = True) -> _V:
    """Remember ``value`` for ``key`` in ``memo`` (while it is small), and return it."""
    if keep and len(memo) < _MEMO_SIZE and len(key) <= 8:
        memo[key] = value
    return value


def _is_cjkish_char(ch: str) -> bool:
    """Whether the character ``ch`` is CJK (a letter, punctuation or wide), memoised:
    a dictionary look-up is several times faster than a regular expression match."""
    found = _CJKISH_CHARS.get(ch)
    if found is None:
        found = _memo(_CJKISH_CHARS, ch, _CJKISH.match(ch) is not None)
    return found


def _is_latin_letter(ch: str) -> bool:
    return bool(ch) and _LATIN_LETTER.match(ch) is not None and not _is_cjkish(ch)


def _very_short(seg: _Seg, wrap: WrapWidth) -> bool:
    return seg.width < wrap.width * _VERY_SHORT


def _filled(a: _Seg, b: _Seg, wrap: WrapWidth) -> bool:
    """``a`` (stopping mid-sentence before ``b``) is full once Latin text is counted.

    Latin letters and digits inside a CJK line take one column here; text wrapped by a
    character count (plain-text files, some extractors) gives each a whole cell, so a
    line with much Latin text in it looks short though it is full. And a Latin word is
    never split: a line breaks before one that does not fit (``部署在`` /
    ``Kubernetes集群``), leaving it short by up to that word's length.
    """
    if list_marker(a.body) or list_marker(b.body):
        return False
    if a.cells != a.width and a.cells >= wrap.full - 1:
        return True
    m = _ASCII_WORD.match(b.body)
    if m is None:
        return False
    word = len(m.group(0))
    return a.width + word > wrap.top or a.cells + 2 * word > wrap.top


def _cjk_short(a: _Seg, b: _Seg, wrap: WrapWidth) -> bool:
    """``a`` is all wide characters and stops more than a character short of ``wrap``.

    Wide characters fill a column exactly (a line pushed back by kinsoku loses one),
    so such a line followed by a blank line is a heading or a title, not a line cut
    by a column break (double-spaced text has blank lines everywhere, so the width
    is all there is to go by). Not when it is short by exactly an indent: the first
    line of a paragraph whose ``　　`` the extraction dropped.
    """
    if a.cells != a.width or b.cells != b.width or a.width >= wrap.full - 2:
        return False
    return abs(a.width - (wrap.width - 4)) > 1


def _paragraphs_marked(b: _Seg, doc: _Doc) -> bool:
    """The layout marks paragraph starts, and ``b`` is not one: an indented text and an
    unindented ``b``, or a text with blank lines between paragraphs and none before
    ``b``."""
    if doc.indent_informative:
        return not b.indented
    return doc.blank_separated and not b.blanks


def _next_token_overflows(a: _Seg, b: _Seg, wrap: WrapWidth) -> bool:
    """``b`` opens with a number or Latin word that would not have fitted on ``a``
    (counted in display columns, or in characters for a text wrapped by count)."""
    m = _ASCII_WORD.match(b.body)
    if m is None or not a.cjk_last:
        return False
    n = len(m.group(0))
    return a.width + n > wrap.top or a.cells + 2 * n > wrap.top


def _over_wide(seg: _Seg, wrap: WrapWidth) -> bool:
    return seg.width > wrap.top + max(6, wrap.width // 6)


def _short(a: _Seg, b: _Seg, wrap: WrapWidth, doc: _Doc) -> bool:
    """``a`` stops short of the wrap width: the next line's first word would have fit."""
    if _latin_boundary(a, b):
        return a.width + 1 + _first_token_width(b) <= wrap.top
    # One column less is still full: a wide character does not fit in the last one;
    # nor does a number or a Latin word that the next line opens with (never split).
    if a.width >= wrap.full - 1:
        return False
    m = _ASCII_WORD.match(b.body)
    if m is None or not a.cjk_last:
        return True
    # (In a text wrapped by a character count, ``width`` counts two per character.)
    return a.width + len(m.group(0)) * (2 if doc.char_counted else 1) <= wrap.top


def _latin_boundary(a: _Seg, b: _Seg) -> bool:
    """Both sides of the break are non-CJK (text wrapped at spaces)."""
    return not a.cjk_last and not b.cjk_first


def _first_token(b: _Seg) -> str:
    m = _NON_SPACE.match(b.body)
    return m.group(0) if m else ""


def _counted_wide(a: _Seg, doc: _Doc) -> bool:
    """``a`` has narrow characters in a CJK line or document: a character count and
    display columns disagree on its width."""
    return a.cells != a.width and (doc.cjk or a.body_width > len(a.body))


def _section_heading(b: _Seg, wrap: WrapWidth) -> bool:
    """A short numbered section heading after a blank line: ``1 引言``, ``2.1 方法``."""
    return b.end == "open" and _very_short(b, wrap) and _SECTION_NUMBER.match(b.body) is not None


def _first_token_width(b: _Seg) -> int:
    m = _NON_SPACE.match(b.body)
    return display_width(m.group(0)) if m else 0


def _narrow_or_wide_column(a: _Seg, b: _Seg) -> bool:
    """``a`` and ``b`` look like lines of one column of another width than the region's.

    ``a`` is prose (has a comma or a full stop inside) stopping mid-sentence, and ``b``
    is no wider than ``a`` allows: a passage set in a narrower or wider column (a photo
    caption, an introduction), not a heading followed by its text.
    """
    if a.end != "open" or list_marker(b.body) or b.indented or list_marker(a.body):
        return False  # (a short line opening with 一、 or （二） is a heading)
    if not any(c in _COMMA_LIKE for c in a.body[:-1]):
        return False
    return b.width <= a.width * 1.15 + 4


def _hyphen_join(a: _Seg, b: _Seg) -> bool:
    """``infor-`` + ``mation``: a hyphen between two alphanumeric characters."""
    return (
        a.body.endswith(("-", "\u00ad"))
        and len(a.body) >= 2
        and a.body[-2].isalnum()
        and not _is_cjkish(a.body[-2])
        and b.body[:1].isalnum()
        and not b.cjk_first
    )


class _Para:
    """The paragraph being built: its width so far and whether it reads as prose."""

    __slots__ = ("first", "prose", "width")

    def __init__(self, seg: _Seg) -> None:
        self.start(seg)

    def start(self, seg: _Seg) -> None:
        """Start a new paragraph with ``seg`` (reusing the object: no allocation)."""
        self.first = seg.body  # (its list marker is looked up only when asked)
        self.width = seg.body_width
        self.prose = seg.comma

    def add(self, seg: _Seg, sep: str) -> None:
        self.width += len(sep) + seg.body_width
        self.prose = self.prose or seg.comma


def _long_open(para: _Para, a: _Seg, b: _Seg) -> bool:
    """A long prose paragraph that stops mid-sentence continues on the next line.

    This is the only rule that joins lines of text that is not wrapped (one paragraph
    per line broken by a stray blank line, seed 001 lines 71–73), and it ignores blank
    lines and indentation, so that reflowing the output again changes nothing.
    """
    if a.end != "open" or not para.prose or para.width < _LONG_PARAGRAPH:
        return False
    if para.width < 2 * _LONG_PARAGRAPH and list_marker(para.first):
        return False  # a long numbered heading
    if list_marker(b.body) or b.body[:1] in "…·":
        return False
    last, first = a.body[-1], b.body[:1]
    return not (_is_latin_letter(last) and _is_latin_letter(first) and first.isupper())


def _decide(a: _Seg, b: _Seg, wrap: WrapWidth | None, doc: _Doc) -> bool:
    """Whether line ``b`` continues the paragraph that line ``a`` ends (line rules), for
    a break that the rules no width changes (kinsoku, a hyphen, a cut number join, a
    paragraph start) leave open: the wrap width decides."""
    if wrap is None:
        return False
    # (The helpers asked at most breaks are inlined: _over_wide, _latin_boundary and
    # _very_short.)
    widest = wrap.top + max(6, wrap.width // 6)
    if a.width > widest or b.width > widest:
        # A line wider than the column: a title, or a passage set wider (an intro
        # across two columns). Prose that stops mid-sentence goes on.
        return _narrow_or_wide_column(a, b) and a.width > widest
    blank_break = b.blanks > 0 and not doc.double_spaced
    open_end = a.end == "open"
    if open_end and not a.cjk_last and not b.cjk_first:
        # Words wrapped at a space: the line was full if the next line's first word
        # would not have fitted on it (greedy line breaking).
        if b.body[:1].islower() or a.width + 1 + _first_token_width(b) > wrap.top:
            return True
        if _counted_wide(a, doc) and a.cells + 2 * (1 + len(_first_token(b))) > wrap.top:
            return True  # the same, in a CJK line wrapped by a character count
        return _narrow_or_wide_column(a, b)
    if b.blanks and _section_heading(b, wrap):
        return False
    if open_end:
        # Mid-sentence: a full line goes on, across blank lines (a column or page
        # break); a short one is a heading, a title or a verse line. A line opening
        # with a heading marker (``一、…``) is a heading unless it is nearly full (a
        # first line may lose two characters of indentation).
        if a.width < wrap.width * _VERY_SHORT and not _filled(a, b, wrap):
            return _narrow_or_wide_column(a, b)
        if b.blanks and _cjk_short(a, b, wrap):
            return _narrow_or_wide_column(a, b)
        return not (a.width < wrap.width - 6 and list_marker(a.body))
    if list_marker(b.body) or is_dateline(b.body):
        return False
    if _paragraphs_marked(b, doc) and _next_token_overflows(a, b, wrap):
        return True  # ``…抓手。`` + ``2018年，…``: the number did not fit
    if _short(a, b, wrap, doc):
        return False
    if b.end == "open" and _very_short(b, wrap):
        return False  # a heading after a finished sentence
    if blank_break:
        return False
    # The first line of a paragraph whose indent the extraction lost starts here?
    return not (
        doc.dropped_indent
        and b.end == "open"
        and abs(b.width - (wrap.width - 4)) <= 1
        and not doc.indent_informative
    )


def _letters(text: str) -> tuple[bool, bool]:
    """``(cjk, latin)``: ``text`` has at least as many CJK letters as ASCII letters, and
    it has an ASCII letter at all.

    Reflow changes neither (it changes white space and removes hyphens only), so all
    its passes over a text share the answer. The ASCII letters are counted in the UTF-8
    bytes (C speed); the CJK letters only until they are as many.
    """
    data = text.encode("utf-8", "surrogatepass")
    latin = len(data) - len(data.translate(None, _ASCII_LETTER_BYTES))
    cjk = 0
    if latin and not text.isascii():
        for m in _CJK_LETTER_RUN.finditer(text):
            cjk += m.end() - m.start()
            if cjk >= latin:
                break
    return cjk >= latin, latin > 0


def _analyse(segs: list[_Seg], text: str, letters: tuple[bool, bool]) -> _Doc:
    cjk, latin = letters
    words = _Words(text if latin else "")
    if not any(map(_BLANKS, segs)) and not any(map(_INDENTED, segs)):
        # No blank line and no indented line (a split-off part counts as indented): no
        # statistic below has anything to count (a pass over reflowed text, say).
        return _Doc(
            double_spaced=False,
            indent_informative=False,
            dropped_indent=False,
            cjk=cjk,
            words=words,
        )
    n = len(segs)
    # Double spacing puts a blank line after lines that stop mid-sentence too; blank
    # lines between paragraphs (and a few column breaks) do not.
    if any(map(_VIRTUAL, segs)):
        open_gaps = [
            b.blanks > 0 for a, b in pairwise(segs) if not b.virtual and a.body[-1].isalnum()
        ]
    else:  # (the same, with the per-line work in C but for the last characters)
        alnum = [s.body[-1].isalnum() for s in segs[:-1]]
        open_gaps = list(map(bool, compress(map(_BLANKS, segs[1:]), alnum)))
    if len(open_gaps) >= 2:
        double_spaced = sum(open_gaps) * 4 > len(open_gaps) * 3
    else:
        gaps = [b.blanks > 0 for b in segs[1:] if not b.virtual]
        double_spaced = len(gaps) >= 2 and sum(gaps) * 5 >= len(gaps) * 4
    # (The lines indented but not split off a line: a split-off part counts as indented.)
    indented = sum(map(_INDENTED, segs)) - sum(map(_VIRTUAL, segs))
    indent_informative = indented >= 1 and indented <= 0.8 * n
    # Blank lines separate paragraphs: most lines ending a sentence before a line are
    # followed by a blank one, and most lines stopping mid-sentence are not.
    closed_gaps = (
        []
        if double_spaced
        else [b.blanks > 0 for a, b in pairwise(segs) if not b.virtual and a.end == "sentence"]
    )
    blank_separated = (
        not double_spaced
        and len(closed_gaps) >= 3
        and sum(closed_gaps) * 4 >= len(closed_gaps) * 3
        and sum(open_gaps) * 4 <= len(open_gaps)
    )
    return _Doc(
        blank_separated=blank_separated,
        double_spaced=double_spaced,
        indent_informative=indent_informative,
        dropped_indent=False,
        cjk=cjk,
        words=words,
    )


def _wrap_evidence(segs: list[_Seg], doc: _Doc) -> list[bool]:
    """Per line: does it look like a wrapped line (not the end of a paragraph)?

    It stops mid-sentence (on a letter, a digit or an opening bracket; a comma is not
    enough: verse lines end in commas), or, where indentation marks paragraphs, the
    next line is not indented.
    """
    out = [s.end == "open" and s.body[-1] not in "，、," for s in segs]
    if doc.indent_informative:
        for i in list(compress(range(len(segs) - 1), map(operator.not_, out))):
            nxt = segs[i + 1]
            out[i] = not nxt.indented and not list_marker(nxt.body)
    return out


def _prose(segs: list[_Seg]) -> list[bool]:
    """Per line: has it punctuation (prose, unlike a list of names)? A line with a comma
    or a full stop has (no search needed)."""
    search = _PROSE_RE.search
    return [s.comma or search(s.body) is not None for s in segs]


#: Block sizes (in lines) tried in turn by :func:`_wraps`: a region that looks unwrapped
#: at one size is estimated again from a smaller window of lines.
_BLOCKS = (24, 8, 3)
#: How far (in lines) a wrap width reaches into lines whose windows show none.
_NEAR = 3


def _wraps(
    widths: list[int],
    evidence: list[bool],
    ragged: list[bool],
    prose: list[bool],
    windows: dict[tuple[int, int], WrapWidth | None] | None = None,
) -> list[WrapWidth | None]:
    """Per line: the wrap width of its region, or None where the text looks unwrapped.

    A document whose column width changes every few paragraphs (pages of different
    layouts, an introduction set wider) mixes several widths in one window, and no
    width stands out; such lines are estimated again from ever smaller windows of
    their neighbours, so that each run of equally wide lines gets its own width.
    Every estimate still needs several lines of nearly that width, most of them
    stopping mid-sentence, so one paragraph per line stays unwrapped. Per line,
    ``widths`` are the widths, ``ragged`` whether it is wrapped at word boundaries
    and ``prose`` whether it has punctuation (see :func:`_prose`).
    """
    n = len(widths)
    if windows is None:
        windows = {}  # (each window estimated once)
    if n <= 2 * _BLOCKS[-1]:
        # Every window of every block size is the whole text (a block and its two
        # neighbours cover it): one estimate, or none, for every line.
        return local_wraps(
            widths, evidence, _BLOCKS[0], ragged=ragged, prose=prose, windows=windows
        )
    out: list[WrapWidth | None] = [None] * n
    missing: list[int] | None = None  # the lines with no width yet (None: all of them)
    for block in _BLOCKS:
        est = local_wraps(
            widths, evidence, block, ragged=ragged, prose=prose, need=missing, windows=windows
        )
        if missing is None:
            out = est
            missing = list(compress(range(n), map(operator.is_, est, repeat(None))))
        else:
            for i in missing:
                out[i] = est[i]
            missing = [i for i in missing if out[i] is None]
        if not missing:
            return out  # (nothing left to fill in)
    if len(missing) == n:
        return out  # (no width anywhere to take)
    # A line whose every window looks unwrapped (all sentences that end at the
    # measure, say) takes the width of the nearest wrapped line at most _NEAR lines
    # before it, or else after it.
    filled = list(out)
    for i in missing:
        for j in _neighbours(i, n):
            if out[j] is not None:
                filled[i] = out[j]
                break
    return filled


def _neighbours(i: int, n: int) -> Iterator[int]:
    """The lines (of ``n``) whose wrap width line ``i`` takes when its own windows give
    none, in the order asked: the nearest within ``_NEAR`` before it, then after it."""
    for j in chain(range(i - 1, i - _NEAR - 1, -1), range(i + 1, i + _NEAR + 1)):
        if 0 <= j < n:
            yield j


class _WrapsAt:
    """``_wraps(widths, evidence, ragged, prose)[i]`` for the lines ``i`` asked about
    (the same value), each block's window estimated at most once, when first needed."""

    __slots__ = ("_evidence", "_opens", "_prose", "_ragged", "_staged", "_widths", "_windows")

    def __init__(
        self, widths: list[int], evidence: list[bool], ragged: list[bool], prose: list[bool]
    ) -> None:
        self._widths, self._evidence, self._ragged, self._prose = widths, evidence, ragged, prose
        self._opens = list(accumulate(map(bool, evidence), initial=0))
        self._windows: dict[tuple[int, int], WrapWidth | None] = {}
        self._staged: dict[int, WrapWidth | None] = {}

    def _stage(self, i: int) -> WrapWidth | None:
        """The width of line ``i`` from the windows of its blocks (the block sizes in
        turn), before any is taken from a neighbour."""
        if i in self._staged:
            return self._staged[i]
        found = None
        for block in _BLOCKS:
            found = block_wrap(
                self._widths,
                self._evidence,
                i // block,
                block,
                self._opens,
                ragged=self._ragged,
                prose=self._prose,
                windows=self._windows,
            )
            if found is not None:
                break
        self._staged[i] = found
        return found

    def __getitem__(self, i: int) -> WrapWidth | None:
        found = self._stage(i)
        if found is None:  # (the nearest line within _NEAR before, or else after)
            for j in _neighbours(i, len(self._widths)):
                found = self._stage(j)
                if found is not None:
                    break
        return found


def _char_counted(
    segs: list[_Seg], evidence: list[bool], ragged: list[bool], prose: list[bool]
) -> bool:
    """Whether the text was wrapped by a character count, not by display columns.

    A plain-text file wrapped at N characters gives a Latin letter or a digit a
    whole cell; a typeset page gives it half of one. The lines made only of wide
    characters show the measure either way; the wrapped lines with narrow characters
    in them match it in one count or the other.
    """
    pure = [i for i, s in enumerate(segs) if s.cells == s.width]
    if len(pure) < 3 or len(pure) == len(segs):
        return False
    # (The wrapped lines with narrow characters: only they count below.)
    mixed = [i for i, s in enumerate(segs) if s.width != s.cells and evidence[i]]
    # A line matches by cells but not by columns only when its cells are within the
    # measure of a window of pure lines (at most 2 over the widest pure line) and its
    # columns short of it (at least 2 under its ``full``, which is at most that line's
    # width; a line's columns never exceed its cells): a bound that needs no estimate.
    most = max(segs[i].width for i in pure) + 2
    possible = [segs[i].cells <= most and segs[i].width < most - 4 for i in mixed]
    left = sum(possible)  # (the lines still to come that could match by cells)
    if left < 2:
        return False
    # The widths of the pure lines, estimated as the lines below ask for them: the
    # count stops as soon as its answer is known to be no.
    pure_wraps = _WrapsAt(
        [segs[i].width for i in pure],
        [evidence[i] for i in pure],
        [ragged[i] for i in pure],
        [prose[i] for i in pure],
    )
    cells = columns = 0
    # The width of the nearest pure line before each line that has one (``nearest``,
    # for the pure lines up to ``known``).
    known = -1
    nearest = None
    for i, can in zip(mixed, possible, strict=True):
        if cells + left < 2 or cells + left <= 2 * columns:
            return False  # (the lines left cannot tip it)
        left -= can
        k = bisect_right(pure, i) - 1
        if k > known:
            for j in range(k, known, -1):
                found = pure_wraps[j]
                if found is not None:
                    nearest = found
                    break
            known = k
        if nearest is None:
            continue
        s = segs[i]
        lo, hi = nearest.full - 2, nearest.top + 2
        by_cells, by_columns = lo <= s.cells <= hi, lo <= s.width <= hi
        cells += by_cells and not by_columns
        columns += by_columns and not by_cells
    return cells >= 2 and cells > 2 * columns


#: How many lines from a short-looking line on :func:`_region_wrap` looks at.
_REGION = 6


def _fits(a: _Seg, b: _Seg, wrap: WrapWidth) -> bool:
    """``a`` is not short for ``wrap``: nearly full, or ``b``'s first word did not fit."""
    if not _very_short(a, wrap) or _filled(a, b, wrap):
        return True
    return _latin_boundary(a, b) and a.width + 1 + _first_token_width(b) > wrap.top


def _region_wrap(
    segs: list[_Seg],
    i: int,
    *,
    widths: list[int],
    evidence: list[bool],
    ragged: list[bool],
    commas: list[int],
) -> WrapWidth | None:
    """The wrap width of the few lines around line ``i``, if they make a column.

    A column narrower than its neighbours (a page set in another measure) looks short
    next to them, and a window of lines that mixes several measures shows no width
    at all. When line ``i`` and the lines just after it (or just before it) are nearly
    equally wide and stop mid-sentence, they are a wrapped column whatever the lines
    around them. Only asked for a line that stops mid-sentence and looks short or
    unwrapped, and only two windows of a few lines: bounded work per line.
    A window is only estimated when it is running text (commas in several lines,
    unlike a list or an address block); anything else has no wrap width. ``widths``,
    ``evidence`` and ``ragged`` are per line (see :func:`_wraps`); ``commas[k]``
    counts the lines with a comma among ``segs[:k]``.
    """
    n = len(segs)
    windows = []
    hi = min(n, i + _REGION)
    # (A part split off a line counts as indented.)
    if commas[hi] - commas[i] >= 2 and not any(map(_INDENTED, segs[i + 1 : i + 3])):
        windows.append((i, hi))  # the next lines do not start paragraphs
    lo = max(0, i - _REGION + 1)
    if commas[i + 1] - commas[lo] >= 2:
        windows.append((lo, i + 1))
    for lo, hi in windows:
        if sum(evidence[lo:hi]) < 2:
            continue  # (a width needs two lines that stop mid-sentence)
        est = estimate_wrap(widths[lo:hi], evidence[lo:hi], ragged=sum(ragged[lo:hi]) * 2 > hi - lo)
        if est is not None and _fits(segs[i], segs[i + 1], est):
            return est
    return None


def _dropped_indent(segs: list[_Seg], wraps: list[WrapWidth | None]) -> bool:
    """Whether first lines of paragraphs are two CJK characters short (lost indent)."""
    hits = total = 0
    # (Every line but the first and the last, after the line before it.)
    for a, b, w in zip(segs[:-2], segs[1:-1], wraps[1:-1], strict=True):
        if w is None or a.end not in ("sentence", "clause") or a.width >= w.full:
            continue
        if b.end == "open" and not _very_short(b, w):
            total += 1
            hits += abs(b.width - (w.width - 4)) <= 1
    return total >= 3 and hits * 5 >= total * 2


def _keep_hyphen(a: _Seg, b: _Seg, doc: _Doc) -> bool:
    """Decide a line-end hyphen with evidence: True keeps it (``well-known``)."""
    # Only the tail can hold the hyphenated word; searching the whole line would try
    # every start position (quadratic on a long line of hyphenated words).
    pre_m = _HYPHEN_END.search(a.body, max(0, len(a.body) - _HYPHEN_TAIL))
    suf_m = _WORD_START.match(b.body)
    if pre_m is None or suf_m is None:
        return True  # digits or symbols: ``10-20`` keeps its hyphen
    compound = pre_m.group(0)[:-1]
    pre = compound.rsplit("-", 1)[-1]
    suf = suf_m.group(0)
    if "-" in compound or len(pre) == 1 or suf[:1].isupper():
        return True  # state-of-the-art, n-tridecanal, EU-Staaten
    hyphenated = f"{pre}-{suf}".lower()
    joined = f"{pre}{suf}".lower()
    if doc.words.get(hyphenated, 0) > 0:
        return True
    if doc.words.get(joined, 0) > 0:
        return False
    verdict = _wordfreq_verdict(pre, suf)
    if verdict is not None:
        return verdict
    return pre.lower() in _COMPOUND_HEADS


def _wordfreq_verdict(pre: str, suf: str) -> bool | None:
    """Ask the optional ``wordfreq`` package (no download at run time); None if absent."""
    try:
        from wordfreq import zipf_frequency  # noqa: PLC0415
    except Exception:  # pragma: no cover - optional dependency
        return None
    try:
        joined = zipf_frequency(pre + suf, "en")
        if joined >= 2.0:
            return False
        if zipf_frequency(pre, "en") >= 3.0 and zipf_frequency(suf, "en") >= 3.0:
            return True
    except Exception:  # pragma: no cover - a broken install must not break cleaning
        return None
    return False


_CJK_LETTER = re.compile(f"[{CJK_LETTER_CLASS}]")


def _ends_in_cut_number(body: str) -> bool:
    """``…约2.`` or ``…10.0.3.``: digits and a point end the line, after other text
    (a line that is only ``1.`` is a list number, and so is ``see 1.``). Spaces before
    the digits after a CJK letter or a Chinese mark (``约 2.``) do not count:
    normalize_spacing removes them later in the chain, and the decision must not
    change when it has (or the chain would not be idempotent)."""
    if not body.endswith("."):
        return False
    j = len(body) - 1
    while j and "0" <= body[j - 1] <= "9":
        j -= 1
    if not 0 < j < len(body) - 1:
        return False
    if body[j - 1] != " ":
        return not body[j - 1].isspace()
    j = spaces_before(body, j)
    # (normalize_spacing removes a space between these and a digit)
    return j > 0 and (body[j - 1] in CJK_ONLY_PUNCT or _CJK_LETTER.match(body, j - 1) is not None)


def _split_number(a: _Seg, b: _Seg, doc: _Doc) -> bool:
    """``2.`` + ``6公里`` in CJK text: a decimal number cut after its point (a wrap by
    character count). A CJK sentence does not end in an ASCII full stop after a
    digit; Latin text is left alone (``in 2019.`` / ``2020 saw…``)."""
    return doc.cjk and _ends_in_cut_number(a.body) and b.body[:1].isascii() and b.body[:1].isdigit()


def _join_string(a: _Seg, b: _Seg, doc: _Doc, lang: str) -> str:
    last, first = a.body[-1], b.body[:1]
    if _split_number(a, b, doc):
        return ""
    if a.cjk_last or b.cjk_first:
        return ""
    if _is_latin_letter(last) or _is_latin_letter(first) or last in ",.;:!?)]}\"'":
        return " "
    if lang == "auto":
        # Digits or symbols on both sides: the script of the two lines decides.
        around = a.body[-40:] + b.body[:40]
        cjk = len(_CJKISH.findall(around))
        latin = sum(1 for c in around if c.isascii() and c.isalpha())
        return "" if (cjk > latin or (cjk == latin and doc.cjk)) else " "
    return "" if lang == "cjk" else " "


#: An edit as a pass makes it: ``(start, end, old, new, kind)``, the fields of an :class:`Edit`.
_Change = tuple[int, int, str, str, str]


def _apply(text: str, edits: list[_Change]) -> str:
    """:func:`~cleantext.normalizer.apply_edits` for a pass's edits."""
    parts: list[str] = []
    pos = 0
    for start, end, _old, new, _kind in edits:
        parts.append(text[pos:start])
        parts.append(new)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _gap_kind(start: int, end: int, size: int, old: str, new: str) -> str:
    if start == 0:
        return "indent"
    if end == size:
        return "end"
    if "\n" in new:
        return "paragraph"
    return "page-break" if "\f" in old else "join"


def _diff_edits(text: str, final: str) -> list[_Change] | None:
    """The edits (as tuples) that turn ``text`` into ``final``, for a ``final`` that
    differs from ``text`` only in white space between non-space runs and in removed
    line-end hyphens (which is all reflow ever changes). ``None`` if that is not the
    case.

    Linear time: each non-space run of ``text`` is compared once, at its place in the
    run of ``final`` that it is part of.
    """
    # [white space, run, white space, run, …, white space], split at C speed.
    t_parts = _NON_SPACE_SPLIT.split(text)
    f_parts = _NON_SPACE_SPLIT.split(final)
    runs = len(t_parts) // 2
    edits: list[_Change] = []
    size = len(text)
    i = 0  # the next run of text is t_parts[2 * i + 1], after t_parts[2 * i]
    prev_text = 0  # where the last run of text consumed ends
    for j in range(1, len(f_parts), 2):
        if i >= runs:
            return None
        target, new = f_parts[j], f_parts[j - 1]
        old, run = t_parts[2 * i], t_parts[2 * i + 1]
        ts = prev_text + len(old)
        te = ts + len(run)
        if old != new:
            edits.append((prev_text, ts, old, new, _gap_kind(prev_text, ts, size, old, new)))
        i += 1
        done = 0  # target[:done] is made of the runs before ``run``
        while done + len(run) != len(target) or not target.startswith(run, done):
            if i >= runs:
                return None
            if target.startswith(run, done):
                done += len(run)
                start, kind = te, "join"
            elif target.startswith(run[:-1], done):
                done += len(run) - 1
                start, kind = te - 1, "dehyphen"
            else:
                return None
            ns = te + len(t_parts[2 * i])
            edits.append((start, ns, text[start:ns], "", kind))
            run = t_parts[2 * i + 1]
            te = ns + len(run)
            i += 1
        prev_text = te
    if i != runs:
        return None
    old, new = t_parts[-1], f_parts[-1]
    if old != new:
        edits.append((prev_text, size, old, new, _gap_kind(prev_text, size, size, old, new)))
    return edits


class _Seen:
    """What a pass over some line records found that no width decides, for the pass
    over the same records measured as the later steps of the chain leave them: the
    document's statistics (before any width is asked), the per-line evidence of
    wrapping, raggedness and punctuation, the widths before a character-count measure
    (``saved``), and the wrap estimates of its windows (``windows``, with ``counted``:
    whether they were estimated by a character count)."""

    __slots__ = ("counted", "doc", "evidence", "prose", "ragged", "saved", "windows")

    def __init__(self) -> None:
        self.doc: _Doc | None = None
        self.evidence: list[bool] = []
        self.ragged: list[bool] | None = None
        self.prose: list[bool] = []
        self.saved: list[tuple[int, int]] | None = None
        self.windows: dict[tuple[int, int], WrapWidth | None] | None = None
        self.counted = False


@register
@dataclass(frozen=True)
class Reflow(Normalizer):
    """Join lines broken by a page layout into one paragraph per line.

    Changes: estimates the wrap width of each region of the text (in display columns,
    so that it works for 12-character newspaper columns and 80-column English alike,
    and follows a page whose columns change, down to a run of a few lines; text wrapped
    by a character count, where a Latin letter takes a whole cell, is recognised and
    measured that way); a line that reaches it (or that the number or Latin word
    opening the next line would have overfilled) and stops
    mid-sentence continues on the next line, across blank lines left by column and
    page breaks and across form-feed lines (which are dropped). A line ending a
    sentence short of the width, a heading (a short line without final punctuation,
    ``一、…``, ``（一）…``, ``第一章``, ``同志们：``), a list item (``——``, ``●``, ``■``,
    ``1.``, ``（1）``), a dateline and an indented line keep their paragraph breaks;
    a line starting with ``，。、；：？！）》”`` always continues the previous one. In
    double-spaced text blank lines carry no meaning and are dropped; a run of two or
    more ideographic spaces inside a line starts a new paragraph (text with no
    newlines). CJK lines join with no space, Latin lines with one; a line-end hyphen
    is removed only when the document's other spellings (or the optional ``wordfreq``
    package) say the word is not a compound (``infor-``/``mation``), and kept for
    ``well-known``, ``state-of-the-art``, ``10-20`` — removing it is the only deletion
    of a non-space character (edit kind ``dehyphen``). Paragraphs come out one per line
    without indentation; ``blank_lines`` puts a blank line between them, ``indent``
    starts each with ``　　``. ``lang`` (``auto``, ``cjk``, ``latin``) decides how two
    digits or symbols on either side of a line break are joined when the document's
    own script does not. The output is checked (reflowed again, a bounded number of
    times) with its lines measured as normalize_punctuation and normalize_spacing,
    later in the default chain, will leave them (``中文。。`` as ``中文。``): a second
    run of the chain finds nothing more to join.

    Never touches: the text inside a line (spaces included, except trailing ones at a
    join), any non-space character but a line-end hyphen, the lines of text that is
    not wrapped (one paragraph per line, a poem, a list of short lines) — only a long
    paragraph that stops mid-sentence is joined to the next line there.

    >>> wrapped = ("　　这是一个被排版\\n切断的句子，它应\\n该被重新连接起来\\n"
    ...            "，不能留下换行。\\n　　第二段很短。\\n")
    >>> print(Reflow()(wrapped), end="")
    这是一个被排版切断的句子，它应该被重新连接起来，不能留下换行。
    第二段很短。
    >>> Reflow()("one paragraph per line.\\nno change at all.")
    'one paragraph per line.\\nno change at all.'
    """

    name = "reflow"
    order = 60
    default = True
    shorthands = {"blank_lines": "blank_lines", "indent": "indent"}  # noqa: RUF012

    blank_lines: bool = False
    indent: bool = False
    lang: Literal["auto", "cjk", "latin"] = "auto"

    @classmethod
    def variants(cls) -> list[Normalizer]:
        return [cls(), cls(blank_lines=True), cls(indent=True), cls(lang="latin")]

    def edits(self, text: str) -> list[Edit]:
        return list(starmap(Edit, self._changes(text)[0]))

    def __call__(self, text: str) -> str:
        """The edits applied without building :class:`Edit` objects (same result): the
        text the passes make, without composing their edits into one list."""
        return self._passes(text)[1]

    def _changes(self, text: str) -> tuple[list[_Change], str | None]:
        """The edits of :meth:`edits` as tuples, and the text they make when it is at
        hand (``None`` when it is not)."""
        edits, current, changed = self._passes(text)
        if not changed:
            return edits, current
        diffed = _diff_edits(text, current)
        return (edits, None) if diffed is None else (diffed, current)

    def _passes(self, text: str) -> tuple[list[_Change], str, bool]:
        """The first pass's edits, the text all the passes make, and whether a pass
        after the first changed it (then the edits that make it are
        ``_diff_edits(text, final)``: the passes change white space between non-space
        runs and remove line-end hyphens, nothing else, so that diff never fails)."""
        # Reflowing the output again must change nothing. The first pass decides from
        # the original lines; the paragraphs it builds can look different (a region's
        # wrap width no longer estimable, say), so a bounded number of further passes
        # run on its output, and their edits are composed with the first pass's.
        # Those passes measure the lines as the later steps of the chain will leave
        # them (see _settle_widths): a second run of the chain sees them so, and must
        # find nothing to join either.
        letters = _letters(text)
        memo: dict[str, str] = {}
        segs = _segments(text)
        seen = _Seen()
        edits = self._pass(text, letters, segs, seen)
        current = _apply(text, edits) if edits else text
        changed = False
        for k in range(_MAX_PASSES - 1):
            # The lines as they are (what reflow alone sees again), then as the later
            # steps leave them (what a second run of the chain sees). (A pass over the
            # unchanged text with the first pass's widths would find the same: nothing;
            # the first pass is then the pass over the lines as they are.) Both passes
            # share the line records and what no width changes (see _Seen): the first
            # may measure them anew, for a text wrapped by a character count, and
            # their widths are restored.
            if edits or k:  # (``current`` is new)
                segs = _segments(current)
                seen = _Seen()
                more = self._pass(current, letters, segs, seen)
            else:
                more = []
            if not more:
                if seen.saved is not None:
                    for seg, (width, body_width) in zip(segs, seen.saved, strict=True):
                        seg.width, seg.body_width = width, body_width
                more = self._pass(current, letters, segs, seen, memo)
            if not more:
                break
            current = _apply(current, more)
            changed = True
        return edits, current, changed

    def _pass(
        self,
        text: str,
        letters: tuple[bool, bool],
        segs: list[_Seg],
        seen: _Seen,
        later: dict[str, str] | None = None,
    ) -> list[_Change]:
        """One pass of the rules over ``text`` (whose line records are ``segs``): its
        edits, as plain tuples (an :class:`Edit` is only made for the edits that are
        returned). With ``later`` (the lines repaired so far, see
        :func:`_settle_widths`), the lines are measured as the later steps of the chain
        leave them, and the pass is only made when that changes a width (else: no
        edits; the caller has made the pass over these lines as they are, which left
        what no width changes in ``seen``)."""
        if not segs:
            return []
        if len(segs) == 1:
            # No break to decide: only the indent before the line and the end after it,
            # which no width changes (a pass over the measured lines finds what the
            # caller's pass over these lines made: nothing).
            return [] if later is not None else self._ends(text, segs[0], segs[0])
        moved: list[int] = []
        if later is not None:
            if seen.doc is not None and _no_width_decides(segs, seen.evidence):
                return []  # (nothing to measure: no width would make an edit)
            moved = _settle_widths(segs, text, later)
            if not moved:
                return []
        if seen.doc is None:
            seen.doc = _analyse(segs, text, letters)
            seen.evidence = _wrap_evidence(segs, seen.doc)
        doc = seen.doc
        evidence = seen.evidence
        widths = list(map(_WIDTH, segs))
        no_width = _no_wrap_width(widths, evidence)
        wraps: list[WrapWidth | None] = [None] * len(segs)
        ragged: list[bool] = []
        if not no_width:
            if seen.ragged is None:
                # (A line wrapped at word boundaries starts and ends in a non-CJK
                # character.)
                seen.ragged = [not (s.cjk_first or s.cjk_last) for s in segs]
                seen.prose = _prose(segs)
            ragged, prose = seen.ragged, seen.prose
            counted = _char_counted(segs, evidence, ragged, prose)
            if counted:
                if later is None:
                    seen.saved = [(s.width, s.body_width) for s in segs]
                for s in segs:
                    s.width, s.body_width = s.cells, 2 * len(s.body)
                doc = replace(doc, char_counted=True)
                widths = list(map(_WIDTH, segs))
            windows: dict[tuple[int, int], WrapWidth | None] = {}
            if later is None:
                seen.windows, seen.counted = windows, counted
            elif seen.windows and seen.counted == counted:
                # The windows estimated over the same widths (no line of theirs
                # measured anew; the same evidence, raggedness and punctuation) are
                # estimated the same.
                windows = {
                    key: est
                    for key, est in seen.windows.items()
                    if bisect_left(moved, key[0]) == bisect_left(moved, key[1])
                }
            wraps = _wraps(widths, evidence, ragged, prose, windows)
            if _dropped_indent(segs, wraps):
                doc = replace(doc, dropped_indent=True)
        lead = "\u3000\u3000" if self.indent else ""
        new_paragraph = ("\n\n" if self.blank_lines else "\n") + lead
        edits: list[_Change] = []
        append = edits.append

        def gap(start: int, end: int, new: str, kind: str) -> None:
            old = text[start:end]
            if old != new:
                if "\f" in old and kind == "join":
                    kind = "page-break"
                append((start, end, old, new, kind))

        first = segs[0]
        edits.extend(self._ends(text, first, None))
        para = _Para(first)
        kinsoku = _KINSOKU
        informative = doc.indent_informative
        commas: list[int] | None = None
        a = first
        for i in range(1, len(segs)):
            b = segs[i]
            start = b.body[0]
            end = a.body[-1]
            # First the decisions that no wrap width changes (asked at every line break,
            # so inlined): kinsoku, a hyphen, a cut number join; a paragraph start
            # always breaks.
            hyphen = end in "-\u00ad" and _hyphen_join(a, b)
            cut = end == "." and _split_number(a, b, doc)
            if start in kinsoku or hyphen or cut:
                settled = True
            elif b.virtual or (b.indented and informative):
                settled = False
            else:  # (only here is a width estimated)
                wrap = wraps[i] or wraps[i - 1]
                if a.end != "open":
                    settled = wrap is not None and _decide(a, b, wrap, doc)
                elif wrap is None or a.width < wrap.width * _VERY_SHORT:  # (_very_short)
                    if not no_width:
                        if commas is None:  # (counted when first asked: most texts never ask)
                            commas = list(accumulate(map(_COMMA, segs), initial=0))
                        region = _region_wrap(
                            segs,
                            i - 1,
                            widths=widths,
                            evidence=evidence,
                            ragged=ragged,
                            commas=commas,
                        )
                        wrap = region or wrap
                    settled = wrap is not None and _decide(a, b, wrap, doc)
                elif (
                    (a.cjk_last or b.cjk_first)
                    and a.width >= wrap.width - 6
                    and a.width
                    <= (widest := wrap.top + (wrap.width // 6 if wrap.width >= 36 else 6))
                    and b.width <= widest
                    and (
                        not b.blanks
                        or (
                            a.width >= wrap.full - 2
                            and (b.end != "open" or b.width >= wrap.width * _VERY_SHORT)
                        )
                    )
                ):
                    # _decide's answer, inlined for the most common break: a CJK line
                    # that is not short, not over-wide and stops mid-sentence goes on
                    # (across a blank line when it is full and the next line is no
                    # short heading).
                    settled = True
                else:
                    settled = _decide(a, b, wrap, doc)
            # (The first test of _long_open, inlined.)
            if not settled and not (
                a.end == "open"
                and para.prose
                and para.width >= _LONG_PARAGRAPH
                and _long_open(para, a, b)
            ):
                old = text[a.cend : b.cstart]
                if old != new_paragraph:
                    append((a.cend, b.cstart, old, new_paragraph, "paragraph"))
                para.first, para.width, para.prose = b.body, b.body_width, b.comma  # (start)
            elif hyphen:
                if end == "\u00ad" or not _keep_hyphen(a, b, doc):
                    gap(a.cend - 1, b.cstart, "", "dehyphen")
                    para.width -= 1
                else:
                    gap(a.cend, b.cstart, "", "join")
                para.add(b, "")
            else:
                # (:func:`_join_string`'s first answers, inlined.)
                sep = "" if cut or a.cjk_last or b.cjk_first else _join_string(a, b, doc, self.lang)
                old = text[a.cend : b.cstart]
                if old != sep:
                    append((a.cend, b.cstart, old, sep, "page-break" if "\f" in old else "join"))
                para.width += len(sep) + b.body_width  # (para.add, inlined)
                para.prose = para.prose or b.comma
            a = b
        edits.extend(self._ends(text, None, segs[-1]))
        return edits

    def _ends(self, text: str, first: _Seg | None, last: _Seg | None) -> list[_Change]:
        """The edits before the ``first`` line (its indent: none, or ``　　`` with
        ``indent``) and after the ``last`` one (the end of the text)."""
        out: list[_Change] = []
        if first is not None:
            lead = "\u3000\u3000" if self.indent else ""
            if text[: first.cstart] != lead:
                out.append((0, first.cstart, text[: first.cstart], lead, "indent"))
        if last is not None:
            # The last paragraph keeps a final newline when the input had one after its
            # last character, even if blank or white-space-only lines followed it
            # ("…。\n ").
            old = text[last.cend :]
            end = "\n" if "\n" in old else ""
            if old != end:
                out.append((last.cend, len(text), old, end, "end"))
        return out
