"""Page furniture: page numbers, running headers and footers, continuation notes."""

from __future__ import annotations

import functools
import itertools
import operator
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..charsets import (
    CLAUSE_END,
    DASH_CLASS,
    HSPACE,
    HSPACE_CHARS,
    HSPACE_CLASS,
    MIDDLE_DOT_CLASS,
    PAGE_BRACKET_CLOSE_CLASS,
    PAGE_BRACKET_OPEN_CLASS,
    PAGE_DIGIT_CLASS,
    SENTENCE_END,
)
from ..layout import content, removals_in_parts
from ..normalizer import Edit, Normalizer
from ..registry import register
from .glyphs import DedupeGlyphs

_S = f"[{HSPACE_CLASS}]*"
_D = f"[{PAGE_DIGIT_CLASS}]"
_NUM = f"{_D}{{1,4}}"
_CN = "[〇一二三四五六七八九十百]{1,4}"
_ROMAN_RE = re.compile(r"[ivxlcdm]{1,8}|[IVXLCDM]{1,8}")
_ROMAN_VALID = re.compile(
    r"(?=[mdclxvi])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})", re.IGNORECASE
)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}

# Page-number forms that say "page" by their shape alone: removed wherever they stand
# alone on a line.
_STRONG = re.compile(
    "|".join(
        (
            rf"[{DASH_CLASS}]+{_S}(?P<dash>{_NUM}|[ivxlcdmIVXLCDM]{{1,8}}){_S}[{DASH_CLASS}]+",
            rf"[{MIDDLE_DOT_CLASS}]+{_S}(?P<dot>{_NUM}){_S}[{MIDDLE_DOT_CLASS}]+",
            rf"第{_S}(?P<ye>{_NUM}){_S}[页頁](?:{_S}[,，/／、]?{_S}共{_S}{_NUM}{_S}[页頁])?",
            rf"[（(]{_S}第{_S}(?P<ye2>{_NUM}|{_CN}){_S}[页頁]{_S}[,，、/／]?{_S}"
            rf"共{_S}(?:{_NUM}|{_CN}){_S}[页頁]{_S}[）)]",
            rf"第{_S}(?P<ban>{_NUM}){_S}版",
            rf"(?:[Pp]age|PAGE|[Pp]g\.|[Pp]\.){_S}(?P<page>{_NUM}|[ivxlcdmIVXLCDM]{{1,8}})"
            rf"(?:{_S}(?:of|/){_S}{_NUM})?",
        )
    )
)
# Forms that are page numbers only when the document says so (see the class docstring).
_BARE = re.compile(rf"(?P<n>{_NUM})")
_BRACKETED = re.compile(
    rf"[{PAGE_BRACKET_OPEN_CLASS}]{_S}(?P<n>{_NUM}){_S}[{PAGE_BRACKET_CLOSE_CLASS}]"
)
_FRACTION = re.compile(rf"(?P<n>{_NUM}){_S}(?:[/／]|of){_S}(?P<m>{_NUM})")
# Every shape above starts with one of the first characters and ends with one of the
# last ones below: most lines are not page numbers, and two one-character matches say
# so before five full matches are tried.
_FIRST_CLASS = (
    f"{DASH_CLASS}{MIDDLE_DOT_CLASS}{PAGE_DIGIT_CLASS}{PAGE_BRACKET_OPEN_CLASS}"
    "第（(PpivxlcdmIVXLCDM"
)
_LAST_CLASS = (
    f"{DASH_CLASS}{MIDDLE_DOT_CLASS}{PAGE_DIGIT_CLASS}{PAGE_BRACKET_CLOSE_CLASS}"
    "页頁版）)ivxlcdmIVXLCDM"
)
_SHAPE_FIRST = re.compile(f"[{_FIRST_CLASS}]")
_SHAPE_LAST = re.compile(f"[{_LAST_CLASS}]")
#: The longest content a page number can have.
_MAX_NUMBER_LEN = 24
#: Lines that may be page numbers, in ``"\n"`` + the contents joined by ``"\n"`` +
#: ``"\n"``: what :func:`_page_number` asks first (a first character of a shape, at
#: most ``_MAX_NUMBER_LEN`` characters), found in one scan (the ``"\n"`` in front makes
#: the scan a fast search for a line break, and the look-ahead leaves it to the next).
_SHAPE_LINE = re.compile(f"\n[{_FIRST_CLASS}][^\n]{{0,{_MAX_NUMBER_LEN - 1}}}(?=\n)")

# Continuation notes, in brackets, anywhere on a line; with the white space before them.
_NOTE_BODY = (
    rf"[（(]{_S}(?:上接|下转|转至|转|接上|紧接|接|续){_S}(?:第{_S})?"
    rf"(?:[A-Za-zＡ-Ｚａ-ｚ]{{0,2}}{_NUM}|{_CN}){_S}[版页頁面]{_S}[）)]"
    rf"|\((?i:{_S}(?:continued|cont(?:'d|\.)?){_S}(?:on|from)\s+"
    rf"(?:(?:page|p\.){_S}{_NUM}|(?:the{_S})?(?:next|previous|following|preceding){_S}page)"
    rf"{_S})\)"
)
_NOTE = re.compile(_NOTE_BODY)

#: The first characters of a note (both bodies start with one of them).
_NOTE_OPEN = "（("


#: What dedupe_glyphs makes of a line on its own (see :func:`_doubled_note_lines`).
_UNDOUBLE = DedupeGlyphs(merge=False, isolate=False)
_DOUBLED_OPEN = re.compile(r"（（|\(\(")


def _doubled_note_lines(text: str, lines: list[str], starts: list[int]) -> list[int]:
    """The lines that are nothing but a continuation note with every glyph printed
    twice or three times: dedupe_glyphs makes a note of them.

    >>> lines = ["正文", "（（下下转转44版版））", "((x))"]
    >>> _doubled_note_lines("\\n".join(lines), lines, [0, 3, 16])
    [1]
    """
    out: list[int] = []
    pos = 0
    while (m := _DOUBLED_OPEN.search(text, pos)) is not None:
        i = bisect_right(starts, m.start()) - 1
        body = content(lines[i])
        if body[:2] in ("（（", "(("):
            single = _UNDOUBLE(body)
            if single != body and _NOTE.fullmatch(single):
                out.append(i)
        pos = max(m.end(), starts[i] + len(lines[i]) + 1)  # (the next line)
    return out


#: The longest start of a note that a line can end with (from its bracket on).
_MAX_NOTE_HEAD = 24
#: A line that ends with an opening bracket and a few characters after it: where a
#: note may go on, on the next line (found in one scan of the text).
_NOTE_HEAD = re.compile(f"[{_NOTE_OPEN}][^（()）\n]{{0,{_MAX_NOTE_HEAD}}}(?=\n)")


def _split_notes(text: str, lines: list[str]) -> Iterator[tuple[int, int, int, int]]:
    """The continuation notes that a hard wrap cut in two: ``(i, a, lead, b)`` for a
    note whose start is ``lines[i][a:]`` and whose rest is ``lines[i + 1][lead:b]``,
    with the white space before and after it (the next line keeps its indentation,
    ``[:lead]``). ``text`` is the lines joined by ``\\n``.

    Text wrapped by a character count cuts a note like any other word (``…建立党组织。
    （下转4`` / ``版）``, ``(continued on`` / ``page 4)``); reflow, later in the chain,
    joins the pieces, and a second run of the chain would find the note whole. The
    next line is read from its first non-space character, right after the cut or after
    a space (the line break between two words of a Latin note).

    >>> lines = ["正文。 （下转4", "　　版） ", "下文"]
    >>> list(_split_notes("\\n".join(lines), lines))
    [(0, 3, 2, 5)]
    """
    for i in _lines_with(_NOTE_HEAD, text):
        if i + 1 >= len(lines):
            continue
        line, after = lines[i], lines[i + 1]
        # (The head starts at the line's last opening bracket: it holds no bracket.)
        a = max(line.rfind("（"), line.rfind("("))
        lead = len(after) - len(after.lstrip(HSPACE_CHARS))
        head = line[a:]
        rest = after[lead : lead + 2 * _MAX_NOTE_HEAD]
        for sep in ("", " "):
            note = _NOTE.match(head + sep + rest)
            if note is not None and note.end() > len(head) + len(sep):
                b = lead + note.end() - len(head) - len(sep)
                while a > 0 and line[a - 1] in HSPACE:
                    a -= 1
                while b < len(after) and after[b] in HSPACE:
                    b += 1
                yield i, a, lead, b
                break


def _note_search(text: str) -> Callable[[int], re.Match[str] | None]:
    """``_NOTE.search`` over ``text`` from a position (that grows from call to call).

    A note starts at a bracket, and in most texts brackets are few: the brackets found
    by ``str.find`` (much faster than a scan of the pattern) are tried one by one. A
    text thick with brackets is scanned by the pattern itself, as the loop over them
    would cost more.
    """
    found = sum(map(text.count, _NOTE_OPEN))
    if 16 * found > len(text):
        return functools.partial(_NOTE.search, text)
    at: list[int] = []
    for bracket in _NOTE_OPEN:
        k = text.find(bracket)
        while k >= 0:
            at.append(k)
            k = text.find(bracket, k + 1)
    at.sort()
    next_k = 0

    def search(pos: int) -> re.Match[str] | None:
        nonlocal next_k
        for k in range(bisect_left(at, pos, next_k), len(at)):
            m = _NOTE.match(text, at[k])
            if m is not None:
                next_k = k
                return m
        next_k = len(at)
        return None

    return search


# (``x+`` written ``xx*``: a pattern that starts with a character class is searched for
# that class, about three times faster than one that starts with a repeat.)
_KEY_DIGITS = re.compile(f"{_D}{_D}*")
_KEY_SPACE = re.compile(f"[{HSPACE_CLASS}][{HSPACE_CLASS}]*")
_LETTER = re.compile(r"[^\W\d_]")
_HEADER_END_EXCLUDED = (SENTENCE_END | CLAUSE_END) - {"."}

#: How many non-blank lines from a page edge count as "at the page edge".
EDGE = 3
#: A bare arabic page number is at most this (a larger number is a year or a figure),
#: but see ``MIN_LARGE_RUN``.
MAX_BARE = 999
#: A bare number from ``MAX_BARE + 1`` to 9999 (page 1000 and on of a long book) is a
#: page number only at form-feed page edges, on at least this many pages in a row.
MIN_LARGE_RUN = 5
#: The longest content a running header can have.
MAX_HEADER = 60
#: The least number of body lines per page for a sequence to look like pages.
MIN_PAGE_LINES = 4
#: A header found by its regular spacing (not at form feeds) in a text whose pages form
#: feeds mark elsewhere repeats at most this many pages apart: every page or every
#: other one, as :func:`_regular` allows, give or take its 30 %.
_PAGE_STRIDE_MAX = 2.3


def _roman_value(s: str) -> int | None:
    if not _ROMAN_VALID.fullmatch(s):
        return None
    total = 0
    prev = 0
    for ch in reversed(s.lower()):
        v = _ROMAN_VALUES[ch]
        total += -v if v < prev else v
        prev = max(prev, v)
    return total


@dataclass(frozen=True, slots=True)
class _Number:
    family: str  # "strong", "arabic", "roman" or "of<M>"
    value: int


def _digits_value(digits: str) -> int | None:
    """The value of a page number's digits; ``None`` with a leading zero (``007``)."""
    return None if digits[0] in "0０" else int(digits)


def _page_number(body: str) -> _Number | None:
    """What page number the content of a line is, if it has the shape of one."""
    if len(body) > _MAX_NUMBER_LEN or not body:
        return None
    if _SHAPE_FIRST.match(body) is None or _SHAPE_LAST.match(body, len(body) - 1) is None:
        return None
    m = _STRONG.fullmatch(body)
    if m:
        return _Number("strong", 0)
    for shape, family in ((_BARE, "arabic"), (_BRACKETED, "bracketed")):
        m = shape.fullmatch(body)
        if m:
            value = _digits_value(m.group("n"))
            if value is None or not 0 < value <= MAX_BARE:
                return None
            return _Number(family, value)
    m = _FRACTION.fullmatch(body)
    if m:
        n, total = int(m.group("n")), int(m.group("m"))
        if 0 < n <= total:
            return _Number(f"of{total}", n)
        return None
    if _ROMAN_RE.fullmatch(body):
        value = _roman_value(body)
        if value is not None and value <= 200:
            return _Number("roman-" + ("lower" if body.islower() else "upper"), value)
    return None


def _header_like(body: str) -> bool:
    """Could ``body`` be a running header (short, a letter, no sentence end, whole)?"""
    if not 0 < len(body) <= MAX_HEADER or body[-1] in _HEADER_END_EXCLUDED:
        return False
    if not _LETTER.search(body):
        return False
    if body[0] in "（(" and body[-1] in "）)":
        return False  # a dateline or a source note: （新华社北京10月10日电）, （据新华社电）
    # a piece of a wrapped sentence: 京10月10日电）
    return not (_BRACKET.search(body) and not _balanced(body))


def _line_key(body: str) -> str:
    """``body`` with digits (ASCII and full-width) read as ``#`` and spaces dropped."""
    return _KEY_DIGITS.sub("#", _KEY_SPACE.sub("", body))


#: What a line is, for :meth:`RemovePageMarks._decide` (besides a page-number
#: candidate, a :class:`_Number`, and a header candidate, its key as a ``str``).
_BLANK = object()
_FORM_FEED = object()
_HEADER = object()


def _kind(body: str) -> object:
    """What a line with content ``body`` is: ``_BLANK``, ``_FORM_FEED``, a page-number
    candidate (a :class:`_Number`), ``_HEADER`` (a header candidate) or ``None``."""
    if not body:
        return _BLANK
    if "\f" in body and not body.replace("\f", "").strip(HSPACE_CHARS):
        return _FORM_FEED
    num = _page_number(body)
    if num is not None:
        return num
    return _HEADER if _header_like(body) else None


def _kinds(shaped: Iterable[str], contents: Iterable[str]) -> dict[str, object]:
    """:func:`_kind` of each of ``contents`` and ``shaped``: ``shaped`` are those of
    the lines that :data:`_SHAPE_LINE` or a form feed found (any other content is no
    page number or page break, so only its header shape is asked)."""
    look = set(shaped)
    others = list(set(contents).difference(look))
    # Most contents have no bracket: one match says what _header_like would.
    plain = map(bool, map(_PLAIN_HEADER.fullmatch, others))
    kind_of = dict(zip(others, map((None, _HEADER).__getitem__, plain), strict=True))
    for body in itertools.compress(others, map(_BRACKET.search, others)):
        kind_of[body] = _HEADER if _header_like(body) else None
    kind_of.update((body, _kind(body)) for body in look)
    return kind_of


@dataclass(frozen=True, slots=True)
class _Lines:
    """What :meth:`RemovePageMarks._decide` needs to know about the lines of a text.

    ``kinds``: the lines that can be page furniture, by index, in document order —
    form feeds (``_FORM_FEED``), page-number candidates (a :class:`_Number`) and header
    candidates whose key occurs on at least two header candidates (the key, a ``str``).
    Every other line is blank (an empty content) or plain text as far as the rules go.
    ``twins``: the non-blank lines whose key (see :func:`_line_key`; a content longer
    than :data:`MAX_HEADER` counts as its own key) occurs on another line too, in
    order; every line whose content occurs twice is one of them. ``ids``: when the
    text has many repeated lines, a number per line for its content (equal exactly
    when the contents are: numbers are compared faster than strings), else ``None``.
    """

    kinds: dict[int, object]
    twins: list[int]
    ids: list[int] | None = None

    def subset(self, keep: list[bool]) -> _Lines:
        """The same for the lines with ``keep`` true, numbered among themselves."""
        # The new number of a kept line: the kept lines before it.
        new = list(itertools.accumulate(keep, initial=0)).__getitem__
        kept = list(itertools.compress(self.kinds, map(keep.__getitem__, self.kinds)))
        twins = list(itertools.compress(self.twins, map(keep.__getitem__, self.twins)))
        return _Lines(
            dict(zip(map(new, kept), map(self.kinds.__getitem__, kept), strict=True)),
            list(map(new, twins)),
            None if self.ids is None else list(itertools.compress(self.ids, keep)),
        )


_FF = re.compile("\f")
#: What :func:`_line_key` changes: a content with none of these is its own key.
_KEY_CHANGE = re.compile(f"[{HSPACE_CLASS}{PAGE_DIGIT_CLASS}]")


def _lines_with(pattern: re.Pattern[str], joined: str) -> list[int]:
    """The lines of ``joined`` (lines joined by ``\\n``) where ``pattern`` matches
    within the line, in order: one scan, on from the next line after each hit."""
    out: list[int] = []
    line, pos = 0, 0
    while (m := pattern.search(joined, pos)) is not None:
        line += joined.count("\n", pos, m.start())
        out.append(line)
        pos = joined.find("\n", m.end())
        if pos < 0:
            break
    return out


def _classify(bodies: list[str]) -> _Lines:
    """Find the lines that can be page furniture (see :class:`_Lines`).

    Most lines are plain text: whole-text scans over the contents (joined by ``\\n``:
    contents never hold one) find the few lines worth a look — a form feed, the shape
    of a page number (:data:`_SHAPE_LINE`), a key that occurs twice (a content with
    no digit and no space is its own key: the others are keyed with two substitutions
    over all of them at once) — and :func:`_kind` decides each of them, once per
    distinct content.
    """
    # A text of many repeated lines (a third of its lines repeats: from there on it is
    # the faster way, by measurement) is worked out once per distinct content.
    count_of = Counter(bodies)
    distinct = list(count_of)
    few = 3 * len(distinct) < 2 * len(bodies)
    texts = distinct if few else bodies
    joined = "\n".join(texts)
    look: list[int] = []
    framed = "\n" + joined + "\n"
    line, pos = 0, 0
    for m in _SHAPE_LINE.finditer(framed):
        line += framed.count("\n", pos, m.start())
        pos = m.start()
        look.append(line)
    if "\f" in joined:
        look += _lines_with(_FF, joined)
    # The keys: a content without digits or spaces is its own key. A content longer
    # than a header can be is its own "key" too: it is never a header, and it cannot
    # share the key of a short one (it has a digit or a space, keys have none); two
    # such lines have one only when they are equal (``twins`` needs exactly those).
    all_keys = texts
    changed = [i for i in _lines_with(_KEY_CHANGE, joined) if len(texts[i]) <= MAX_HEADER]
    if changed:
        all_keys = list(texts)
        new_keys = _line_key("\n".join([texts[i] for i in changed])).split("\n")
        for i, key in zip(changed, new_keys, strict=True):
            all_keys[i] = key
    if few:
        return _classify_distinct(bodies, count_of, all_keys, changed, look)
    key_count = Counter(all_keys)
    key_count.pop("", None)  # blank lines
    twins: list[int] = []
    if len(key_count) < len(bodies) - all_keys.count(""):
        repeated = {k for k, c in key_count.items() if c > 1}
        twins = list(itertools.compress(range(len(bodies)), map(repeated.__contains__, all_keys)))
    # What each of those lines is, once per distinct content (list operations: in a
    # document of one repeated line every line is one of them).
    order = sorted({*look, *twins}) if look else twins
    contents = list(map(bodies.__getitem__, order))
    kind_of = _kinds(map(bodies.__getitem__, look), contents)
    found = list(map(kind_of.__getitem__, contents))
    headers = list(itertools.compress(order, map(operator.is_, found, itertools.repeat(_HEADER))))
    header_keys = list(map(all_keys.__getitem__, headers))
    key_count = Counter(header_keys)
    # Page breaks and page-number candidates (few contents, however many lines).
    marks = {
        body for body, kind in kind_of.items() if kind is _FORM_FEED or isinstance(kind, _Number)
    }
    at = list(itertools.compress(order, map(marks.__contains__, contents))) if marks else []
    kinds: dict[int, object] = dict(
        zip(at, map(kind_of.__getitem__, map(bodies.__getitem__, at)), strict=True)
    )
    others = bool(kinds)
    # A header candidate whose key occurs once among them is not one.
    if key_count and min(key_count.values()) >= 2:
        kinds.update(zip(headers, header_keys, strict=True))
    else:
        kinds.update(
            (i, key) for i, key in zip(headers, header_keys, strict=True) if key_count[key] >= 2
        )
    if others and headers:
        kinds = dict(sorted(kinds.items()))
    return _Lines(kinds, twins)


def _classify_distinct(
    bodies: list[str],
    count_of: Counter[str],
    keys: list[str],
    changed: list[int],
    look: list[int],
) -> _Lines:
    """:func:`_classify` for a text of many repeated lines, worked out per distinct
    content (by its number: its place in ``count_of``) and only then spread over the
    lines. ``count_of``: how many lines have each content, in order of first
    occurrence; ``keys``: their keys, ``changed``: those (by number) that differ from
    their content; ``look``: those that may be page breaks or page numbers."""
    distinct = list(count_of)
    counts = list(count_of.values())
    # How many lines have each key: a content that is its own key counts its lines
    # (contents are distinct); a changed one moves them to its key.
    key_count = dict(count_of)
    for i in changed:
        key_count[distinct[i]] -= counts[i]
        key_count[keys[i]] = key_count.get(keys[i], 0) + counts[i]
    key_count.pop("", None)  # blank lines
    # By content: does its key occur twice?
    twice = bytearray(map((1).__lt__, map(key_count.get, keys, itertools.repeat(0))))
    # What each of those contents is, and the others that may be page marks. A content
    # that neither scan found is no page mark: only its header shape is asked (one
    # match when it has no bracket, see _PLAIN_HEADER).
    shaped = set(look)
    plain = list(itertools.compress(range(len(distinct)), twice))
    if shaped:
        plain = list(itertools.compress(plain, map(operator.not_, map(shaped.__contains__, plain))))
    texts = list(map(distinct.__getitem__, plain))
    header_like = list(map(bool, map(_PLAIN_HEADER.fullmatch, texts)))
    for k in itertools.compress(range(len(texts)), map(_BRACKET.search, texts)):
        header_like[k] = _header_like(texts[k])
    headers = list(itertools.compress(plain, header_like))
    # The kind of each content that is page furniture (``None`` for the others).
    final: list[object] = [None] * len(distinct)
    for i in look:
        kind = _kind(distinct[i])
        if kind is _HEADER:
            headers.append(i)
        elif kind is _FORM_FEED or isinstance(kind, _Number):
            final[i] = kind
    # A header candidate whose key occurs once among them is not one: its key is on
    # no other candidate content, and its content on no other line.
    header_keys = list(map(keys.__getitem__, headers))
    contents_with = Counter(header_keys)
    enough = map(
        operator.or_,
        map((2).__le__, map(contents_with.__getitem__, header_keys)),
        map((2).__le__, map(counts.__getitem__, headers)),
    )
    for i in itertools.compress(headers, enough):
        final[i] = keys[i]
    if 1 not in twice and not any(final):
        return _Lines({}, [])  # (no line to look at: none is looked up)
    # Each line looked up once, for the number of its content (a content is hashed
    # and compared, a number is not); the rest by number.
    id_of = dict(zip(distinct, range(len(distinct)), strict=True))
    ids = list(map(id_of.__getitem__, bodies))
    n = len(bodies)
    twins = list(itertools.compress(range(n), map(twice.__getitem__, ids)))
    per_line = list(map(final.__getitem__, ids))
    lines = itertools.compress(range(n), per_line)
    kinds = dict(zip(lines, filter(None, per_line), strict=True))  # (kinds are truthy)
    return _Lines(kinds, twins, ids)


def _candidates(lines: _Lines) -> bool:
    """Could :meth:`RemovePageMarks._decide` remove anything from these lines?

    Every removal needs a form feed, a page-number candidate or a header candidate
    whose key occurs at least twice (a note-only line comes with a note edit).
    """
    return _may_remove(list(lines.kinds.values()))


def _may_remove(kinds: list[object]) -> bool:
    """:func:`_candidates` for the kinds of the lines (see :class:`_Lines`)."""
    if not all(map(isinstance, kinds, itertools.repeat(str))):
        return True  # a form feed or a page-number candidate
    return len(set(kinds)) < len(kinds)  # a repeated key


_PAIRS = {"（": "）", "(": ")", "《": "》", "“": "”", "「": "」", "【": "】", "[": "]"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_BRACKET = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")
_BRACKETS = re.escape("".join(_PAIRS) + "".join(_CLOSERS))
_ENDS = re.escape("".join(sorted(_HEADER_END_EXCLUDED)))
#: What :func:`_header_like` says of a content without brackets, in one match: at most
#: :data:`MAX_HEADER` characters, a letter, no sentence end at the end.
_PLAIN_HEADER = re.compile(
    rf"(?=.{{0,{MAX_HEADER - 1}}}?[^\W\d_])"  # (bounded: linear even under search())
    rf"[^{_BRACKETS}]{{0,{MAX_HEADER - 1}}}[^{_BRACKETS}{_ENDS}]",
    re.DOTALL,
)


def _balanced(body: str) -> bool:
    """Every bracket and quote in ``body`` is closed in ``body`` (a header is whole)."""
    stack: list[str] = []
    for ch in _BRACKET.findall(body):  # (other characters do not count)
        if ch in _PAIRS:
            stack.append(_PAIRS[ch])
        elif ch in _CLOSERS and (not stack or stack.pop() != ch):
            return False
    return not stack


def _groups(keys: dict[int, str]) -> dict[str, list[int]]:
    """Lines by header key, in document order, the groups in the order of their first
    lines (``keys`` is in document order, and so is a dictionary's)."""
    distinct = set(keys.values())
    if len(distinct) == 1:
        return {distinct.pop(): list(keys)}  # (one line all through)
    by_key: dict[str, list[int]] = {}
    for i, key in keys.items():
        by_key.setdefault(key, []).append(i)
    return by_key


def _median(values: list[int]) -> float:
    s = sorted(values)
    k = len(s)
    return s[k // 2] if k % 2 else (s[k // 2 - 1] + s[k // 2]) / 2


def _regular(gaps: Sequence[float]) -> bool:
    """Gaps between repeats look like pages: long enough, and at least three in four
    of them one or two times the median (a page without the header or its number)."""
    if not gaps:
        return False
    m = _median(list(map(round, gaps)))
    if m < MIN_PAGE_LINES:
        return False
    r = list(map(operator.truediv, gaps, itertools.repeat(m)))
    good = sum(map(operator.and_, map((0.7).__le__, r), map((1.3).__ge__, r))) + sum(
        map(operator.and_, map((1.7).__le__, r), map((2.3).__ge__, r))
    )
    return 4 * good >= 3 * len(gaps)


def _numbers_advance(texts: list[str], strides: list[int] | None = None) -> bool:
    """The numbers that differ between repeats of a header count pages: each one that
    changes goes up from one repeat to the next — by the number of pages between them
    (give or take one) when the pages are known (``strides``), else by 1 to 4
    (``第4版``, ``第5版``). Dates that differ (``4月7日``, ``11月2日``) are content."""
    groups = [_KEY_DIGITS.findall(t) for t in texts]
    if any(len(g) != len(groups[0]) for g in groups):
        return False
    for j in range(len(groups[0])):
        values = [int(g[j]) for g in groups]
        if len(set(values)) == 1:
            continue
        diffs = [b - a for a, b in itertools.pairwise(values)]
        if strides is None:
            if not all(1 <= d <= 4 for d in diffs):
                return False
        elif not all(d >= 1 and abs(d - s) <= 1 for d, s in zip(diffs, strides, strict=True)):
            return False
    return True


def _page_steps(nums: list[_Number], removed: list[bool]) -> list[int] | None:
    """How many pages each number is on from the previous one, if they count pages:
    all removed already (steps unknown: 0), or one style going up by 1 or 2 each time."""
    if all(removed):
        return [0] * (len(nums) - 1)
    family = nums[0].family
    if family == "strong" or any(x.family != family for x in nums):
        return None
    steps = [b.value - a.value for a, b in itertools.pairwise(nums)]
    return steps if all(1 <= d <= 2 for d in steps) else None


def _reaches(r: int, targets: set[int], passable: set[int]) -> bool:
    """From rank ``r``, up or down, a target is reached within ``EDGE`` non-blank lines
    crossing only passable ones (other page furniture) and blank lines."""
    for step in (-1, 1):
        k = r
        for _ in range(EDGE):
            k += step
            if k in targets:
                return True
            if k not in passable:
                break
    return False


def _at_page_edge(
    r: int, evidence: tuple[set[int], set[int], set[int]], furniture: set[int]
) -> bool:
    """The line of rank ``r`` stands at a page edge: between it and page evidence (a
    page number, a form feed, a long blank run, the document's edge) there are only
    blank lines and up to 3 other furniture-like lines (numbers, repeated short lines)."""
    marks, before, after = evidence
    for step, edge in ((-1, before), (1, after)):
        k = r
        for _ in range(EDGE + 1):
            if k in edge:
                return True
            k += step
            if k in marks:
                return True
            if k not in furniture:
                break
    return False


_ONES = itertools.repeat(1)


def _repeated_passages(
    *,
    twins: list[int],
    numbers: dict[int, _Number],
    marks: set[int],
    rank: list[int],
    contents: Sequence[object],
) -> set[int]:
    """Lines in runs of consecutive repeated lines with more than 4 different texts: a
    passage that occurs twice (a quotation, a duplicated article), never a header block
    (a table row repeated on the next lines does not make a passage).

    A repeated line is a non-blank line, not a page-number candidate, whose content
    occurs more than once (word for word, header-like or not); ``twins`` holds every
    one of them (and others). A page-number candidate neither breaks nor extends a
    run unless it is a page mark (its rank in ``marks``); a page mark (a page number
    or a form feed) breaks a run and is in none, and so does any other line.
    ``contents``: the content of each line, or anything equal exactly when they are.

    Across a page break a run is two runs: the running header after a form feed
    (``\\f`` / ``人民日报 …`` / three lines of a passage that repeats elsewhere) is
    in a run of four, not five.
    """
    seen = Counter(map(contents.__getitem__, twins))
    numbered = {contents[i] for i in numbers}  # (what a line is depends on its content)
    texts = [b for b, c in seen.items() if c > 1 and b not in numbered]
    if len(texts) <= 4:
        return set()  # too few different repeated texts for any passage
    repeated = set(texts)
    # The lines that matter, in order (no number is among the repeated lines: their
    # texts are left out), with their ranks; the lines between two of them (rank not
    # one more) break a run, and so does a page mark (it is in no run).
    twin_contents = map(contents.__getitem__, twins)
    plain = list(itertools.compress(twins, map(repeated.__contains__, twin_contents)))
    if marks:
        # A repeated line that is a page mark (a form feed) is left out like any line
        # that is not repeated: it breaks the run it stands in.
        at_mark = map(marks.__contains__, map(rank.__getitem__, plain))
        plain = list(itertools.compress(plain, map(operator.not_, at_mark)))
    lines = sorted([*plain, *numbers]) if numbers else plain
    ranks = list(map(rank.__getitem__, lines))
    steps = map(operator.sub, ranks[1:], ranks[:-1])
    cuts = [0, *itertools.compress(range(1, len(lines)), map(operator.ne, steps, _ONES))]
    if numbers:
        # Where the numbers are among the lines; a page mark cuts there too.
        at = list(map(bisect_left, itertools.repeat(lines), numbers))
        if marks:
            is_mark = map(marks.__contains__, map(rank.__getitem__, numbers))
            cuts = sorted({*cuts, *itertools.compress(at, is_mark)})
        # The same cuts among the lines that are not numbers (a run holds none).
        cuts = list(map(operator.sub, cuts, map(bisect_left, itertools.repeat(at), cuts)))
    cuts.append(len(plain))
    out: set[int] = set()
    long_runs = map((4).__lt__, map(operator.sub, cuts[1:], cuts[:-1]))
    for a, b in itertools.compress(itertools.pairwise(cuts), long_runs):
        run = plain[a:b]
        if len(set(map(contents.__getitem__, run))) > 4:
            out.update(run)
    return out


@register
@dataclass(frozen=True)
class RemovePageMarks(Normalizer):
    """Remove page numbers, running headers and footers, continuation notes and form feeds.

    Changes (each removal is an :class:`~cleantext.normalizer.Edit` of kind
    ``page-number``, ``running-header``, ``continuation-note`` or ``page-break``; a
    removed line goes with its line break, so the lines around it become adjacent):

    * form-feed lines (page breaks, put on lines of their own by normalize_controls);
    * continuation notes ``（下转4版）``, ``（上接第1版）``, ``（转第N版）``,
      ``(continued on page 3)``… wherever they stand on a line, with the white space
      before them; the rest of the line stays;
    * a line that is only a page number in a form that says "page" by itself:
      ``- 12 -``, ``— 12 —``, ``·12·``, ``第12页``, ``第1页 共3页``, ``（第一页，共二页）``,
      ``第4版``, ``Page 12``, ``Page 3 of 9``, ``p. 12``, ``- iv -``;
    * a line that is only a bare number (``12``, ``１２``, 1 to 999 without a leading
      zero), a number in square brackets (``[12]``, ``〔12〕``), a Roman numeral
      (``xii``) or ``N/M``, ``N of M`` — but only on evidence that it is a page
      number: (a) it stands at a form-feed page edge — between it and the form feed
      (or the start or end of a document that has form feeds) only blank lines and at
      most 2 other furniture-like lines (numbers, short lines that repeat); or (b) it
      belongs to a run of at least 3 such numbers of the same style (2 for ``N/M``
      with one total ``M``), increasing by 1 (or 2, a page without its number) at a
      regular spacing of at least 4 body lines per page (3 in 4 spacings within 30 %
      of the median, or of twice it) — the last page of a document may be short, so a
      number with no body line after it continues a run whatever the spacing, and when
      a value occurs twice (page number ``6``, then a heading ``6``) the longer run
      keeps it; or (c) it stands next to a running header in the same way; or (d)
      an arabic number between two text lines, separated from them by blank lines, one
      of those blank runs at least 2 lines long and at least 2 longer than the usual
      gap between text lines (seed 002's ``55`` in double-spaced text); or (e) it
      pairs with a header as below. A bare number from 1000 to 9999 (a year, a figure)
      is a page number of a long book only at form-feed page edges as in (a), on at
      least 5 pages in a row, going up by one a page (two past a page without one);
    * running headers and footers: a short line (at most 60 characters, with a letter,
      not ending in ``。！？：；``, brackets balanced, not wholly in brackets) whose
      text — digits, ASCII or full-width, read as ``#`` and spaces ignored, so
      ``人民日报 第4版`` repeats ``人民日报 第5版`` — repeats at page edges. With form
      feeds: within 3 non-blank lines of a page break on at least 3 pages (2 when the
      document has at most 3 pages), on pages at a stride of 1 or 2 or on a quarter of
      the pages, at least two thirds of its repeats at page edges. Without form feeds:
      at least 3 repeats at a regular spacing (as in (b)), at least half of them at a
      page edge (only blank lines and up to 3 other furniture-like lines between them
      and a page number, a long blank run or the document's start or end); in a text
      whose pages form feeds mark elsewhere, those repeats are at most about two pages
      apart (a line of text on 3 of 60 pages is none). In both
      cases the numbers that change between repeats must go up each time (a page
      number, not a date): by the number of pages between the repeats, give or take
      one, with form feeds; by 1 to 4 without. (e) Paired evidence, with or without
      form feeds: such a line that repeats only twice is a header when EVERY repeat
      stands right next to a page number, on the same side each time (only blank
      lines, form feeds and lines of the same header block between them), the numbers
      removed already or of one style going up by 1 or 2, the repeats at least 4 body
      lines per page apart (the last page may be short), on at least a quarter of the
      pages, and numbers in the line going up with the pages; the weak page numbers go
      with it (``26`` / ``专题报道`` … ``27`` / ``专题报道``). A line inside a run of more
      than 4 consecutive lines that each occur more than once, with more than 4
      different texts (a repeated passage; a page number or a form feed ends a run),
      is never a header — unless it stands at a form-feed page edge and its text is a
      header there by the rule above, judged on all its repeats at page edges, at
      least two of its repeats being outside such passages (the header of a page on
      which a repeated passage starts).

    Because removing furniture changes the evidence (form feeds and blank runs go),
    the result is checked again, at most twice, so that a second run removes nothing.

    Never touches: datelines and source notes (``（新华社北京10月10日电）``,
    ``（据新华社电）``, ``（记者 张三）``), dates and numbers inside sentences, a row of
    numbers (``2019  2020  2021``), numbered headings and list items (``3``, ``1.``,
    ``一、``) without the evidence above, a heading that occurs once (twice, in a
    document of more than 3 pages, unless paired as in (e): a one-off heading at the
    top of a page is not a header, nor is one that repeats but stands next to a page
    number only some of the times, or twice in a document of more than 8 pages), a
    line that ends a sentence.

    >>> text = "正文第一页的最后一行，句子\\n- 12 -\\n\\f\\n没有结束。（下转4版）\\n"
    >>> print(RemovePageMarks()(text), end="")
    正文第一页的最后一行，句子
    没有结束。
    """

    name = "remove_page_marks"
    order = 30
    default = True

    def edits(self, text: str) -> list[Edit]:
        # Text scraped without newlines: its parts between runs of ``　　`` are read as
        # the lines reflow will make of them (a page number there goes on the first run
        # of the chain, not on a second).
        return removals_in_parts(text, self._edits)

    def _edits(self, text: str) -> list[Edit]:
        lines = text.split("\n")
        n = len(lines)
        starts: list[int] = []

        def line_starts() -> list[int]:
            # Where each line starts: the lengths of the lines before it, plus their
            # breaks (worked out when a note or a removal needs it).
            if not starts:
                ends = itertools.accumulate(map(len, lines), initial=0)
                starts.extend(map(operator.add, ends, range(n)))
            return starts

        note_edits: dict[int, list[Edit]] = {}
        note_rests: dict[int, str] = {}  # what is left of a line with notes
        if "（" in text or "(" in text:
            # Only a line where a note starts can hold one: find them in one scan (a
            # note found on its line is found in the text too, where it may start
            # earlier: the search goes on from the next line).
            pos = 0
            search = _note_search(text)
            while (m := search(pos)) is not None:
                i = bisect_right(line_starts(), m.start()) - 1
                rest, found = self._notes(lines[i], starts[i])
                if found:
                    note_rests[i], note_edits[i] = rest, found
                pos = starts[i] + len(lines[i]) + 1
            # A note cut in two by a hard wrap: its start goes from the end of one line,
            # the rest from the start of the next (keeping its indentation); a line
            # left blank goes whole.
            for i, a, lead, b in _split_notes(text, lines):
                if i in note_edits or i + 1 in note_edits:
                    continue  # (a note on either line already: rare, left as it is)
                line, after = lines[i], lines[i + 1]
                start, cut = line_starts()[i : i + 2]
                note_edits[i] = [
                    Edit(start + a, start + len(line), line[a:], "", "continuation-note")
                ]
                note_edits[i + 1] = [
                    Edit(cut + lead, cut + b, after[lead:b], "", "continuation-note")
                ]
                note_rests[i], note_rests[i + 1] = line[:a], after[:lead] + after[b:]
        if "（（" in text or "((" in text:
            # A note printed in fake bold, each glyph twice (``（（下下转转44版版））``): a
            # line that dedupe_glyphs, later in the chain, makes a note goes now, or a
            # second run would remove it. (dedupe_glyphs cannot run first: it would
            # halve page numbers such as 22.)
            for i in _doubled_note_lines(text, lines, line_starts()):
                if i not in note_edits:
                    end = starts[i] + len(lines[i])
                    note_edits[i] = [Edit(starts[i], end, lines[i], "", "continuation-note")]
                    note_rests[i] = ""  # (a line left blank by its notes goes whole)
        bodies = list(map(str.strip, lines, itertools.repeat(HSPACE_CHARS)))
        for i, rest in note_rests.items():
            bodies[i] = rest.strip(HSPACE_CHARS)
        found_lines = _classify(bodies)
        if not note_edits and not _candidates(found_lines):
            return []  # no page break, note, number or repeated header-like line
        remove = self._decide(bodies, found_lines, set(note_edits))
        # The evidence changes when furniture goes (form feeds, blank runs, spacing):
        # look again at the result, at most twice, so that a second run finds nothing.
        kinds = found_lines.kinds
        for _ in range(2):
            if not remove:
                break
            # (What is left, asked before the lines are numbered anew.)
            left = map(kinds.__getitem__, itertools.filterfalse(remove.__contains__, kinds))
            if not _may_remove(list(left)):
                break  # nothing left that could go
            keep = [True] * n
            for i in remove:
                keep[i] = False
            kept = list(itertools.compress(range(n), keep))
            sub = found_lines.subset(keep)
            more = self._decide(list(itertools.compress(bodies, keep)), sub, set())
            if not more:
                break
            for k, kind in more.items():
                remove[kept[k]] = kind
        return self._build(text, lines, line_starts(), remove, note_edits)

    def _decide(self, bodies: list[str], found: _Lines, note_lines: set[int]) -> dict[int, str]:
        """Which lines go, and as what (``page-number``, ``running-header``…).

        ``bodies`` are the contents of the lines, ``found`` what :func:`_classify`
        found them to be. The work is on the lines that can be furniture; the other
        lines count only as blank or not (a body line), through the list of the
        non-blank ones.
        """
        n = len(bodies)

        # What each line is: a page break, nothing but a continuation note, a
        # page-number candidate, a header candidate, blank or body.
        remove: dict[int, str] = {}
        numbers: dict[int, _Number] = {}
        ff_lines: list[int] = []
        for i in sorted(note_lines):
            if not bodies[i]:
                remove[i] = "continuation-note"
        is_key = list(map(isinstance, found.kinds.values(), itertools.repeat(str)))
        # (Read only: when every candidate is a header one, the same dictionary.)
        keys: dict[int, str] = (
            found.kinds  # type: ignore[assignment]
            if all(is_key)
            else dict(itertools.compress(found.kinds.items(), is_key))  # type: ignore[arg-type]
        )
        for i, kind in itertools.compress(found.kinds.items(), map(operator.not_, is_key)):
            if kind is _FORM_FEED:
                ff_lines.append(i)
                remove[i] = "page-break"
            elif isinstance(kind, _Number):
                numbers[i] = kind
                if kind.family == "strong":
                    remove[i] = "page-number"

        nonblank = list(itertools.compress(range(n), bodies))
        ff_set = set(ff_lines)
        # By line: the rank (order among non-blank lines: the non-blank lines before it)
        # and the body position (lines before it that are neither blank, nor page
        # breaks, nor page-number candidates: stable when those go). Lists, not dicts:
        # when every line is a candidate (one repeated line), a hash table per line
        # grows slower than linearly (memory), a list does not.
        counted = list(map(operator.truth, bodies))
        rank = list(itertools.accumulate(counted, initial=0))
        body_pos = rank
        if ff_lines or numbers:
            for i in itertools.chain(ff_lines, numbers):
                counted[i] = False  # (a non-blank line)
            body_pos = list(itertools.accumulate(counted, initial=0))
        count = len(nonblank) - len(ff_lines) - len(numbers)

        by_key = _groups(keys)
        groups = list(by_key.values())
        furniture: list[set[int]] = []

        def furnitureish() -> set[int]:
            # The ranks of numbers and of lines whose key repeats: other page furniture
            # (worked out when a number at a form feed or a header needs them).
            if not furniture:
                repeated = itertools.chain.from_iterable(g for g in groups if len(g) >= 2)
                ranks = map(rank.__getitem__, itertools.chain(repeated, numbers))
                furniture.append(set(ranks))
            return furniture[0]

        # (a) form-feed pages and their edges.
        edge: set[int] = set()
        page_of: dict[int, int] = {}
        pages = 1
        if ff_lines:
            # The non-blank lines of each page: nonblank[lo:hi].
            spans = [
                (bisect_right(nonblank, a), bisect_left(nonblank, b))
                for a, b in itertools.pairwise([-1, *ff_lines, n])
            ]
            pages = sum(1 for lo, hi in spans if hi > lo)
            for p, (lo, hi) in enumerate(spans):
                for r in itertools.chain(
                    range(lo, min(hi, lo + EDGE)), range(max(lo, hi - EDGE), hi)
                ):
                    page_of[nonblank[r]] = p
                    edge.add(nonblank[r])
            breaks = {rank[i] for i in ff_lines} | {-1, len(nonblank)}
            for i in numbers:
                if i not in remove and _reaches(rank[i], breaks, furnitureish()):
                    remove[i] = "page-number"
            for i in self._large_numbers(
                bodies, page_of, rank=rank, breaks=breaks, furnitureish=furnitureish
            ):
                remove[i] = "page-number"

        # (b) runs of increasing numbers at a regular spacing.
        self._sequences(numbers, body_pos, remove, count)

        # Running headers.
        marks = {rank[i] for i, kind in remove.items() if kind in ("page-number", "page-break")}
        edges: list[tuple[set[int], set[int]]] = []

        def evidence() -> tuple[set[int], set[int], set[int]]:
            # Worked out when a header needs it (most are found at form feeds).
            if not edges:
                edges.append(self._edges(nonblank))
            return marks, *edges[0]

        passage = _repeated_passages(
            twins=found.twins,
            numbers=numbers,
            marks=marks,
            rank=rank,
            contents=bodies if found.ids is None else found.ids,
        )
        # A group with every line in a repeated passage has no header: the others.
        header_groups = groups
        if passage:
            outside = map(keys.__getitem__, itertools.filterfalse(passage.__contains__, keys))
            wanted = set(outside)
            header_groups = [g for key, g in by_key.items() if key in wanted]
        headers = self._headers(
            groups=header_groups,
            bodies=bodies,
            edge=edge,
            page_of=page_of,
            pages=pages,
            body_pos=body_pos,
            rank=rank,
            evidence=evidence,
            furnitureish=furnitureish,
            passage=passage,
            page_lines=count / max(pages, 1),
        )
        for i in headers:
            remove[i] = "running-header"

        # (c) numbers next to a running header.
        if headers:
            header_ranks = {rank[i] for i in headers}
            passable = header_ranks | {rank[i] for i in numbers} | {rank[i] for i in ff_lines}
            for i in numbers:
                if i not in remove and _reaches(rank[i], header_ranks, passable):
                    remove[i] = "page-number"

        # (e) a repeated line that every time stands right next to a page number.
        self._paired(
            groups=groups,
            bodies=bodies,
            numbers=numbers,
            remove=remove,
            skip=passage | set(headers),
            nonblank=nonblank,
            rank=rank,
            ff_set=ff_set,
            body_pos=body_pos,
            total=count,
            pages=1 + max(len(ff_lines), sum(1 for k in remove.values() if k == "page-number")),
        )

        # (d) a lone arabic number in an unusually long blank run.
        self._lone_numbers(numbers, nonblank, rank, bodies, remove)
        return remove

    # -- pieces ------------------------------------------------------------------------

    @staticmethod
    def _notes(line: str, start: int) -> tuple[str, list[Edit]]:
        """The line without its continuation notes, and the edits that remove them."""
        found: list[Edit] = []
        parts: list[str] = []
        pos = 0
        seen_text = False
        for m in _NOTE.finditer(line):
            a, b = m.start(), m.end()
            # Take the white space before the note (scanning back, never past the
            # previous note: linear); at the start of a line keep the indentation and
            # take the white space after the note instead.
            while a > pos and line[a - 1] in HSPACE:
                a -= 1
            seen_text = seen_text or bool(content(line[pos:a]))
            if not seen_text:
                a = m.start()
                while b < len(line) and line[b] in HSPACE:
                    b += 1
            found.append(Edit(start + a, start + b, line[a:b], "", "continuation-note"))
            parts.append(line[pos:a])
            pos = b
        parts.append(line[pos:])
        rest = "".join(parts)
        if found and _NOTE.search(rest):
            # Removing a note made another one (nested brackets): remove until none is
            # left (bounded), as one edit over the span that changed.
            for _ in range(4):
                rest = _NOTE.sub("", rest)
            lead = 0
            while lead < len(rest) and rest[lead] == line[lead]:
                lead += 1
            trail = 0
            while trail < len(rest) - lead and rest[-1 - trail] == line[-1 - trail]:
                trail += 1
            a, b = lead, len(line) - trail
            found = [
                Edit(
                    start + a,
                    start + b,
                    line[a:b],
                    rest[lead : len(rest) - trail],
                    "continuation-note",
                )
            ]
        return rest, found

    @staticmethod
    def _sequences(
        numbers: dict[int, _Number], body_pos: list[int], remove: dict[int, str], total: int
    ) -> None:
        """Mark runs of >= 3 numbers of one style increasing at a regular spacing (>= 2
        for ``N/M`` with one total ``M``). The last page of a document may be short: a
        number with no body line after it continues a run whatever the spacing."""
        # Open chains per family, indexed by their last value.
        chains: list[list[int]] = []
        open_by: dict[tuple[str, int], int] = {}
        for i, num in numbers.items():
            if num.family == "strong":
                continue
            best = None
            for step in (1, 2):
                c = open_by.get((num.family, num.value - step))
                if c is None:
                    continue
                chain = chains[c]
                last = chain[-1]
                if numbers[last].value != num.value - step:
                    continue  # the chain has grown past that value
                per_page = (body_pos[i] - body_pos[last]) / step
                if body_pos[i] >= total:
                    pass  # the last page of the document
                elif per_page < MIN_PAGE_LINES:
                    continue
                elif len(chain) >= 2:
                    prev = chain[-2]
                    prev_step = numbers[last].value - numbers[prev].value
                    ref = (body_pos[last] - body_pos[prev]) / prev_step
                    if not 0.5 * ref <= per_page <= 2 * ref:
                        continue
                best = c
                break
            if best is None:
                chains.append([i])
                best = len(chains) - 1
            else:
                chains[best].append(i)
            # A value seen twice (a page number, then a figure or a heading ``6``):
            # the longer run stays open at it.
            held = open_by.get((num.family, num.value))
            if held is None or len(chains[held]) <= len(chains[best]):
                open_by[(num.family, num.value)] = best
        for chain in chains:
            pairs = list(itertools.pairwise(chain))
            if pairs and body_pos[chain[-1]] >= total:
                pairs.pop()  # a short last page says nothing about the spacing
            if numbers[chain[0]].family.startswith("of"):
                if len(chain) < 2:
                    continue
            elif len(chain) < 3:
                continue
            gaps = [
                (body_pos[b] - body_pos[a]) / (numbers[b].value - numbers[a].value)
                for a, b in pairs
            ]
            if not gaps or _regular(gaps):
                for i in chain:
                    remove.setdefault(i, "page-number")

    @staticmethod
    def _large_numbers(
        bodies: list[str],
        page_of: dict[int, int],
        *,
        rank: list[int],
        breaks: set[int],
        furnitureish: Callable[[], set[int]],
    ) -> list[int]:
        """Bare numbers above ``MAX_BARE`` that are page numbers (page 1000 and on of a
        long book): each at a form-feed page edge, reaching the break as in (a)
        (``page_of``: the lines at page edges and their pages, in page order), on at
        least ``MIN_LARGE_RUN`` pages in a row, going up by one a page (by two past a
        page without one). A year alone on a line (``2024``) is never one, even at a page
        edge, unless the years go up page by page; the form feeds are the evidence, so
        text without them keeps every number above ``MAX_BARE``.

        >>> pages = [["正文。", str(n)] for n in range(1998, 2003)]  # 5 pages, 2 lines
        >>> bodies = [line for page in pages for line in (*page, "\f")]
        >>> page_of = {i: i // 3 for i in range(len(bodies)) if i % 3 != 2}
        >>> rank = list(range(len(bodies)))
        >>> breaks = {-1, *range(2, 15, 3)}
        >>> RemovePageMarks._large_numbers(
        ...     bodies, page_of, rank=rank, breaks=breaks, furnitureish=set
        ... )
        [1, 4, 7, 10, 13]
        >>> bodies[7] = "2024"  # no longer five pages in a row
        >>> RemovePageMarks._large_numbers(
        ...     bodies, page_of, rank=rank, breaks=breaks, furnitureish=set
        ... )
        []
        """
        found: list[tuple[int, int, int]] = []  # (page, value, line)
        for i, p in page_of.items():
            m = _BARE.fullmatch(bodies[i])
            value = None if m is None else _digits_value(m.group("n"))
            if value is not None and value > MAX_BARE and _reaches(rank[i], breaks, furnitureish()):
                found.append((p, value, i))
        if len(found) < MIN_LARGE_RUN:
            return []
        # Chains of pages, indexed by the last value: (page, value) of the last one.
        chains: list[list[tuple[int, int, int]]] = []
        open_by: dict[int, int] = {}
        for p, value, i in found:
            for step in (1, 2):
                c = open_by.get(value - step)
                if c is not None and chains[c][-1][:2] == (p - step, value - step):
                    chains[c].append((p, value, i))
                    break
            else:
                c = len(chains)
                chains.append([(p, value, i)])
            open_by[value] = c
        return sorted(i for chain in chains if len(chain) >= MIN_LARGE_RUN for _, _, i in chain)

    @staticmethod
    def _edges(nonblank: list[int]) -> tuple[set[int], set[int]]:
        """Page edges without form feeds, by rank (order among non-blank lines).

        Returns the ranks with a page edge right before them (the start of the document,
        a long blank run) and those with one right after them. (With the ranks of the
        lines that are page marks themselves — page numbers, form feeds — they make the
        page evidence of :func:`_at_page_edge`.)
        """
        before: set[int] = set()
        after: set[int] = set()
        if nonblank:
            before.add(0)
            after.add(len(nonblank) - 1)
            # Long blank runs: at least 2 lines and longer than the usual gap. ``steps[r]``
            # is one more than the blank lines before the non-blank line of rank r (after
            # the previous one; from the start of the text for rank 0).
            steps = list(map(operator.sub, nonblank, [-1, *nonblank[:-1]]))
            usual = Counter(steps).most_common(1)[0][0] - 1
            least = max(2, usual + 1) + 1
            for r in itertools.compress(range(len(steps)), map(least.__le__, steps)):
                if r > 0:
                    before.add(r)
                    after.add(r - 1)
        return before, after

    @staticmethod
    def _headers(
        *,
        groups: list[list[int]],
        bodies: list[str],
        edge: set[int],
        page_of: dict[int, int],
        pages: int,
        body_pos: list[int],
        rank: list[int],
        evidence: Callable[[], tuple[set[int], set[int], set[int]]],
        furnitureish: Callable[[], set[int]],
        passage: set[int],
        page_lines: float,
    ) -> list[int]:
        """The lines of running headers and footers among ``groups`` (lines by key).
        ``page_lines``: the body lines per form-feed page (with ``pages`` of them)."""
        found: list[int] = []
        for group in groups:
            if len(group) < 2:
                continue
            lines = group
            if passage and not passage.isdisjoint(group):
                lines = list(itertools.filterfalse(passage.__contains__, group))
                if len(lines) < 2:
                    continue
            # With form feeds: repeats at page edges (most repeats are at none).
            at_edge = [i for i in lines if i in edge] if edge and not edge.isdisjoint(lines) else []
            if at_edge and 3 * len(at_edge) >= 2 * len(lines):
                if lines is not group:
                    # Its lines in a repeated passage count where they stand at a page
                    # edge: the header of a page on which such a passage starts (an
                    # article printed twice, model text) heads that page too.
                    at_edge = [i for i in group if i in edge]
                page_ids = sorted({page_of[i] for i in at_edge})
                if len(page_ids) >= 3 or (len(page_ids) == 2 and pages <= 3):
                    strides = [b - a for a, b in itertools.pairwise(page_ids)]
                    spread = all(s <= 2 for s in strides) or len(page_ids) >= 0.25 * pages
                    edge_pages = [page_of[i] for i in at_edge]
                    page_steps = [b - a for a, b in itertools.pairwise(edge_pages)]
                    if spread and _numbers_advance([bodies[i] for i in at_edge], page_steps):
                        found.extend(at_edge)
                        continue
            # Without form feeds: regular repeats near other page evidence.
            if len(lines) < 3:
                continue
            at = list(map(body_pos.__getitem__, lines))
            gaps = list(map(operator.sub, at[1:], at[:-1]))
            if not _regular(gaps):
                continue
            if pages > 1 and _median(gaps) > _PAGE_STRIDE_MAX * page_lines:
                # Pages are known (form feeds): a header is on every page or every
                # other one, not three times in a thousand pages.
                continue
            near = sum(1 for i in lines if _at_page_edge(rank[i], evidence(), furnitureish()))
            if 2 * near >= len(lines) and _numbers_advance([bodies[i] for i in lines]):
                found.extend(lines)
        return found

    @staticmethod
    def _paired(
        *,
        groups: list[list[int]],
        bodies: list[str],
        numbers: dict[int, _Number],
        remove: dict[int, str],
        skip: set[int],
        nonblank: list[int],
        rank: list[int],
        ff_set: set[int],
        body_pos: list[int],
        total: int,
        pages: int,
    ) -> None:
        """(e): a header-like line that repeats, each time directly next to a page number.

        Form feeds do not count as lines here (only ``nonblank`` lines do). A group of lines
        with one header key (at least 2, not in a repeated passage, on at least a
        quarter of the pages) goes when every one of them has, on the same side (all
        right before, or all right after), a page number: one removed already (strong
        or on other evidence), or candidates of one style that go up by 1 or 2 from one
        repeat to the next. The repeats stand at least ``MIN_PAGE_LINES`` body lines
        per page apart (the last page of a document may be short), and the numbers
        in the line itself go up with the pages, as for other headers. The weak
        numbers go with it.
        """
        m = len(nonblank)

        def beside(i: int, side: int) -> Iterator[int]:
            # The next ``EDGE`` non-blank lines after line ``i`` on ``side`` (form feed
            # lines not counted).
            k = rank[i]
            for _ in range(EDGE):
                k += side
                while 0 <= k < m and nonblank[k] in ff_set:
                    k += side
                if not 0 <= k < m:
                    return
                yield nonblank[k]

        def mate(i: int, side: int) -> int | None:
            # The next line on ``side``, past header lines already found (a header of
            # two lines: name, then date), if it is a page number.
            for j in beside(i, side):
                if j in numbers:
                    return j
                if remove.get(j) != "running-header":
                    return None
            return None

        # (A group too small for the pages never has enough lines left.)
        groups = [g for g in groups if len(g) >= 2 and 4 * len(g) >= pages]
        if not groups or not numbers:
            return
        # A line pairs only with a number within ``EDGE`` lines (form feeds not
        # counted): when the numbers are fewer than the lines of the groups, the lines
        # near one are found from them, and only the groups with one are kept.
        near: set[int] = set()
        for j in numbers if len(numbers) < sum(map(len, groups)) else ():
            near.update(beside(j, -1))
            near.update(beside(j, 1))
        if near:
            groups = [g for g in groups if not near.isdisjoint(g)]
        for _ in range(2):  # a second line of a header block pairs once the first went
            for group in groups:
                lines = (
                    [i for i in group if i not in skip and i not in remove]
                    if skip or remove
                    else group
                )
                if len(lines) < 2 or 4 * len(lines) < pages:
                    continue
                for side in (-1, 1):
                    found: list[int] = []
                    for i in lines:
                        j = mate(i, side)
                        if j is None:
                            break  # every repeat needs its page number
                        found.append(j)
                    if len(found) < len(lines) or len(set(found)) < len(found):
                        continue
                    steps = _page_steps([numbers[j] for j in found], [j in remove for j in found])
                    if steps is None:
                        continue
                    spaced = all(
                        body_pos[b] - body_pos[a] >= MIN_PAGE_LINES * max(step, 1)
                        or body_pos[b] + 1 >= total  # the last page: no body after b
                        for (a, b), step in zip(itertools.pairwise(lines), steps, strict=True)
                    )
                    if spaced and _numbers_advance(
                        [bodies[i] for i in lines], steps if any(steps) else None
                    ):
                        for i in lines:
                            remove[i] = "running-header"
                        for j in found:
                            remove.setdefault(j, "page-number")
                        break

    @staticmethod
    def _lone_numbers(
        numbers: dict[int, _Number],
        nonblank: list[int],
        rank: list[int],
        bodies: list[str],
        remove: dict[int, str],
    ) -> None:
        """(d): an arabic number alone between text lines, in an unusually long blank run.

        Judged on the text as it will be once the other removals are made, so that a
        second run sees the same picture.
        """
        if not any(num.family == "arabic" and i not in remove for i, num in numbers.items()):
            return  # no arabic candidate left to judge
        # The non-blank lines that stay.
        keep = [True] * len(nonblank)
        for i in remove:
            if bodies[i]:
                keep[rank[i]] = False
        kept = list(itertools.compress(nonblank, keep))
        if len(kept) < 3:
            return
        # Blank lines between consecutive kept lines (removed lines do not count):
        # the lines before a kept line minus the non-blank ones (its rank), as a
        # difference, less the removed blank lines (lines of nothing but a note).
        blank_before = list(map(operator.sub, kept, itertools.compress(range(len(keep)), keep)))
        gap_after = list(map(operator.sub, blank_before[1:], blank_before[:-1]))
        for i in remove:
            if not bodies[i]:
                k = bisect_right(kept, i) - 1
                if 0 <= k < len(gap_after):
                    gap_after[k] -= 1
        kept_numbers = {i: bisect_left(kept, i) for i in numbers if i not in remove}
        # The numbers with blank lines on both sides, at least 2 on one (the usual gap
        # is worked out only for them).
        lone: list[tuple[int, int, int]] = []
        for i, k in kept_numbers.items():
            if numbers[i].family != "arabic" or not 0 < k < len(kept) - 1:
                continue
            if kept[k - 1] in numbers or kept[k + 1] in numbers:
                continue
            before, after = gap_after[k - 1], gap_after[k]
            if min(before, after) >= 1 and max(before, after) >= 2:
                lone.append((i, before, after))
        if not lone:
            return
        # The gaps between two text lines (no number candidate on either side).
        text_pair = [True] * len(gap_after)
        for k in kept_numbers.values():
            if k > 0:
                text_pair[k - 1] = False
            if k < len(text_pair):
                text_pair[k] = False
        text_gaps = list(itertools.compress(gap_after, text_pair))
        if not text_gaps:
            return
        usual = Counter(text_gaps).most_common(1)[0][0]
        for i, before, after in lone:
            if max(before, after) >= max(2, usual + 2):
                remove[i] = "page-number"

    @staticmethod
    def _build(
        text: str,
        lines: list[str],
        starts: list[int],
        remove: dict[int, str],
        note_edits: dict[int, list[Edit]],
    ) -> list[Edit]:
        n = len(lines)
        # A trailing run of removed lines takes the line break before it, not after.
        tail = n
        while tail > 0 and (tail - 1) in remove:
            tail -= 1
        out: list[Edit] = []
        for i in sorted(remove.keys() | note_edits.keys()):
            kind = remove.get(i)
            if kind is None:
                out.extend(note_edits[i])
                continue
            line = lines[i]
            s = starts[i]
            e = s + len(line)
            if i >= tail > 0:
                a, b = s - 1, e
            elif i < n - 1:
                a, b = s, e + 1
            else:
                a, b = s, e
            if a == b:
                continue
            out.append(Edit(a, b, text[a:b], "", kind, line if kind == "continuation-note" else ""))
        return out
