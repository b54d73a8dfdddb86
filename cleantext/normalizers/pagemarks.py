"""Page furniture: page numbers, running headers and footers, continuation notes."""

from __future__ import annotations

import itertools
import operator
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..charsets import (
    CLAUSE_END,
    DASH_CLASS,
    HSPACE,
    HSPACE_CLASS,
    MIDDLE_DOT_CLASS,
    PAGE_BRACKET_CLOSE_CLASS,
    PAGE_BRACKET_OPEN_CLASS,
    PAGE_DIGIT_CLASS,
    SENTENCE_END,
)
from ..layout import content
from ..normalizer import Edit, Normalizer
from ..registry import register

_HSPACE = "".join(sorted(HSPACE))
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
_SHAPE_FIRST = re.compile(
    f"[{DASH_CLASS}{MIDDLE_DOT_CLASS}{PAGE_DIGIT_CLASS}{PAGE_BRACKET_OPEN_CLASS}"
    "第（(PpivxlcdmIVXLCDM]"
)
_SHAPE_LAST = re.compile(
    f"[{DASH_CLASS}{MIDDLE_DOT_CLASS}{PAGE_DIGIT_CLASS}{PAGE_BRACKET_CLOSE_CLASS}"
    "页頁版）)ivxlcdmIVXLCDM]"
)

# Continuation notes, in brackets, anywhere on a line; with the white space before them.
_NOTE_BODY = (
    rf"[（(]{_S}(?:上接|下转|转至|转|接上|紧接|接|续){_S}(?:第{_S})?"
    rf"(?:[A-Za-zＡ-Ｚａ-ｚ]{{0,2}}{_NUM}|{_CN}){_S}[版页頁面]{_S}[）)]"
    rf"|\((?i:{_S}(?:continued|cont(?:'d|\.)?){_S}(?:on|from)\s+"
    rf"(?:(?:page|p\.){_S}{_NUM}|(?:the{_S})?(?:next|previous|following|preceding){_S}page)"
    rf"{_S})\)"
)
_NOTE = re.compile(_NOTE_BODY)

_KEY_DIGITS = re.compile(f"{_D}+")
_KEY_SPACE = re.compile(f"[{HSPACE_CLASS}]+")
_LETTER = re.compile(r"[^\W\d_]")
_HEADER_END_EXCLUDED = (SENTENCE_END | CLAUSE_END) - {"."}

#: How many non-blank lines from a page edge count as "at the page edge".
EDGE = 3
#: A bare arabic page number is at most this (a larger number is a year or a figure).
MAX_BARE = 999
#: The least number of body lines per page for a sequence to look like pages.
MIN_PAGE_LINES = 4


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


def _page_number(body: str) -> _Number | None:
    """What page number the content of a line is, if it has the shape of one."""
    if len(body) > 24 or not body:
        return None
    if _SHAPE_FIRST.match(body) is None or _SHAPE_LAST.match(body, len(body) - 1) is None:
        return None
    m = _STRONG.fullmatch(body)
    if m:
        return _Number("strong", 0)
    m = _BARE.fullmatch(body)
    if m:
        digits = m.group("n")
        value = int(digits)
        if digits[0] in "0０" or not 0 < value <= MAX_BARE:
            return None
        return _Number("arabic", value)
    m = _BRACKETED.fullmatch(body)
    if m:
        digits = m.group("n")
        value = int(digits)
        if digits[0] in "0０" or not 0 < value <= MAX_BARE:
            return None
        return _Number("bracketed", value)
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


def _header_key(body: str) -> str | None:
    """The key that repeats of a running header share (digits -> ``#``), or ``None``."""
    return _line_key(body) if _header_like(body) else None


def _header_like(body: str) -> bool:
    """Could ``body`` be a running header (short, a letter, no sentence end, whole)?"""
    if not 0 < len(body) <= 60 or body[-1] in _HEADER_END_EXCLUDED:
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


def _classify(bodies: list[str]) -> list[object]:
    """What each line (by its content) is: ``_BLANK``, ``_FORM_FEED``, a page-number
    candidate (a :class:`_Number`), a header candidate (its key, a ``str``) or ``None``.

    A line's class depends on its content only, so it is worked out once per call of
    the step and once per distinct content (a document of one repeated line costs one
    line), and the keys of all header candidates with two substitutions over all of
    them at once (bodies never hold a ``\\n``).
    """
    kind_of: dict[str, object] = dict.fromkeys(bodies)
    header_bodies: list[str] = []
    for body in kind_of:
        if not body:
            kind_of[body] = _BLANK
        elif "\f" in body and not body.replace("\f", "").strip(_HSPACE):
            kind_of[body] = _FORM_FEED
        elif (num := _page_number(body)) is not None:
            kind_of[body] = num
        elif _header_like(body):
            header_bodies.append(body)
    if header_bodies:
        keys = _line_key("\n".join(header_bodies)).split("\n")
        kind_of.update(zip(header_bodies, keys, strict=True))
    kinds: list[object] = list(map(kind_of.__getitem__, bodies))
    return kinds


_OPEN_BRACKET = re.compile("[（(]")


def _candidates(kinds: list[object]) -> bool:
    """Could :meth:`RemovePageMarks._decide` remove anything from lines of these kinds?

    Every removal needs a form feed, a page-number candidate or a header candidate
    whose key occurs at least twice (a note-only line comes with a note edit).
    """
    seen: set[str] = set()
    for kind in kinds:
        if kind is None or kind is _BLANK:
            continue
        if not isinstance(kind, str) or kind in seen:
            return True  # a form feed, a page-number candidate or a repeated key
        seen.add(kind)
    return False


_PAIRS = {"（": "）", "(": ")", "《": "》", "“": "”", "「": "」", "【": "】", "[": "]"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_BRACKET = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")


def _balanced(body: str) -> bool:
    """Every bracket and quote in ``body`` is closed in ``body`` (a header is whole)."""
    stack: list[str] = []
    for ch in body:
        if ch in _PAIRS:
            stack.append(_PAIRS[ch])
        elif ch in _CLOSERS and (not stack or stack.pop() != ch):
            return False
    return not stack


def _groups(keys: dict[int, str]) -> dict[str, list[int]]:
    """Lines by header key, in document order."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, key in keys.items():
        groups[key].append(i)
    return groups


def _median(values: list[int]) -> float:
    s = sorted(values)
    k = len(s)
    return s[k // 2] if k % 2 else (s[k // 2 - 1] + s[k // 2]) / 2


def _regular(gaps: list[float]) -> bool:
    """Gaps between repeats look like pages: long enough, and at least three in four
    of them one or two times the median (a page without the header or its number)."""
    if not gaps:
        return False
    m = _median([round(g) for g in gaps])
    if m < MIN_PAGE_LINES:
        return False
    good = sum(1 for g in gaps if 0.7 <= g / m <= 1.3 or 1.7 <= g / m <= 2.3)
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


def _repeated_passages(
    *,
    nonblank: list[int],
    repeated: set[int],
    numbers: dict[int, _Number],
    marks: set[int],
    rank: dict[int, int],
    bodies: list[str],
) -> set[int]:
    """Lines in runs of consecutive repeated lines with more than 4 different texts: a
    passage that occurs twice (a quotation, a duplicated article), never a header block
    (a table row repeated on the next lines does not make a passage)."""
    out: set[int] = set()
    run: list[int] = []
    for i in [*nonblank, -1]:
        if i in repeated:
            run.append(i)
            continue
        if i in numbers and rank[i] not in marks:
            continue  # a page-number candidate neither breaks nor extends a run
        if len(run) > 4 and len({bodies[k] for k in run}) > 4:
            out.update(run)
        run = []
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
      pairs with a header as below;
    * running headers and footers: a short line (at most 60 characters, with a letter,
      not ending in ``。！？：；``, brackets balanced, not wholly in brackets) whose
      text — digits, ASCII or full-width, read as ``#`` and spaces ignored, so
      ``人民日报 第4版`` repeats ``人民日报 第5版`` — repeats at page edges. With form
      feeds: within 3 non-blank lines of a page break on at least 3 pages (2 when the
      document has at most 3 pages), on pages at a stride of 1 or 2 or on a quarter of
      the pages, at least two thirds of its repeats at page edges. Without form feeds:
      at least 3 repeats at a regular spacing (as in (b)), at least half of them at a
      page edge (only blank lines and up to 3 other furniture-like lines between them
      and a page number, a long blank run or the document's start or end). In both
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
      different texts (a repeated passage), is never a header.

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
        lines = text.split("\n")
        n = len(lines)
        # Where each line starts: the lengths of the lines before it, plus their breaks.
        starts = list(map(operator.add, itertools.accumulate(map(len, lines), initial=0), range(n)))
        note_edits: dict[int, list[Edit]] = {}
        rests = lines
        if "（" in text or "(" in text:
            # Only lines with an opening bracket can hold a note: find them in one scan.
            rests = list(lines)
            pos = 0
            while (m := _OPEN_BRACKET.search(text, pos)) is not None:
                i = bisect_right(starts, m.start()) - 1
                rests[i], found = self._notes(lines[i], starts[i])
                if found:
                    note_edits[i] = found
                pos = starts[i] + len(lines[i]) + 1
        bodies = list(map(str.strip, rests, itertools.repeat(_HSPACE)))
        kinds = _classify(bodies)
        if not note_edits and not _candidates(kinds):
            return []  # no page break, note, number or repeated header-like line
        remove = self._decide(bodies, kinds, set(note_edits))
        # The evidence changes when furniture goes (form feeds, blank runs, spacing):
        # look again at the result, at most twice, so that a second run finds nothing.
        for _ in range(2):
            if not remove:
                break
            kept = [i for i in range(n) if i not in remove]
            more = self._decide([bodies[i] for i in kept], [kinds[i] for i in kept], set())
            if not more:
                break
            for k, kind in more.items():
                remove[kept[k]] = kind
        return self._build(text, lines, starts, remove, note_edits)

    def _decide(
        self, bodies: list[str], kinds: list[object], note_lines: set[int]
    ) -> dict[int, str]:
        """Which lines go, and as what (``page-number``, ``running-header``…).

        ``bodies`` are the contents of the lines, ``kinds`` what :func:`_classify`
        found them to be.
        """
        n = len(bodies)

        # What each line is: a page break, nothing but a continuation note, a
        # page-number candidate, a header candidate, blank or body.
        remove: dict[int, str] = {}
        blank = [kind is _BLANK for kind in kinds]
        numbers: dict[int, _Number] = {}
        keys: dict[int, str] = {}
        ff_lines: list[int] = []
        for i, kind in enumerate(kinds):
            if kind is None:
                continue
            if kind is _BLANK:
                if i in note_lines:
                    remove[i] = "continuation-note"
            elif kind is _FORM_FEED:
                ff_lines.append(i)
                remove[i] = "page-break"
            elif isinstance(kind, _Number):
                numbers[i] = kind
                if kind.family == "strong":
                    remove[i] = "page-number"
            else:
                keys[i] = kind  # type: ignore[assignment]

        nonblank = [i for i in range(n) if not blank[i]]
        ff_set = set(ff_lines)
        # Body-line counter: position of each line counted in lines that are neither
        # blank, nor page breaks, nor page-number candidates (stable when those go).
        body_pos = [0] * n
        count = 0
        for i in range(n):
            body_pos[i] = count
            if not blank[i] and i not in numbers and remove.get(i) != "page-break":
                count += 1
        rank = {i: k for k, i in enumerate(nonblank)}

        # (a) form-feed pages and their edges.
        edge: set[int] = set()
        page_of: dict[int, int] = {}
        pages = 1
        if ff_lines:
            current: list[int] = []
            page_lines: list[list[int]] = []
            ffs = set(ff_lines)
            for i in range(n):
                if i in ffs:
                    page_lines.append(current)
                    current = []
                elif not blank[i]:
                    current.append(i)
            page_lines.append(current)
            pages = sum(1 for p in page_lines if p)
            for p, on_page in enumerate(page_lines):
                for i in on_page:
                    page_of[i] = p
                edge.update(on_page[:EDGE])
                edge.update(on_page[-EDGE:])
            key_count = Counter(keys.values())
            passable = {rank[i] for i in numbers} | {
                rank[i] for i, key in keys.items() if key_count[key] >= 2
            }
            breaks = {rank[i] for i in ff_lines} | {-1, len(nonblank)}
            for i in numbers:
                if i not in remove and _reaches(rank[i], breaks, passable):
                    remove[i] = "page-number"

        # (b) runs of increasing numbers at a regular spacing.
        self._sequences(numbers, body_pos, remove, count)

        # Running headers.
        evidence = self._evidence(n, blank, remove, rank, nonblank)
        # Every line that occurs more than once, word for word (header-like or not):
        # a repeated passage is a run of them.
        seen = Counter(bodies[i] for i in nonblank if i not in numbers)
        passage = _repeated_passages(
            nonblank=nonblank,
            repeated={i for i in nonblank if i not in numbers and seen[bodies[i]] > 1},
            numbers=numbers,
            marks=evidence[0],
            rank=rank,
            bodies=bodies,
        )
        headers = self._headers(
            keys=keys,
            bodies=bodies,
            edge=edge,
            page_of=page_of,
            pages=pages,
            body_pos=body_pos,
            rank=rank,
            nonblank=nonblank,
            numbers=numbers,
            evidence=evidence,
            passage=passage,
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
            keys=keys,
            bodies=bodies,
            numbers=numbers,
            remove=remove,
            skip=passage | set(headers),
            order=[i for i in nonblank if i not in ff_set],
            body_pos=body_pos,
            total=count,
            pages=1 + max(len(ff_lines), sum(1 for k in remove.values() if k == "page-number")),
        )

        # (d) a lone arabic number in an unusually long blank run.
        self._lone_numbers(numbers, blank, remove)
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
    def _evidence(
        n: int, blank: list[bool], remove: dict[int, str], rank: dict[int, int], nonblank: list[int]
    ) -> tuple[set[int], set[int], set[int]]:
        """Page evidence without form feeds, by rank (order among non-blank lines).

        Returns the ranks of lines that are page marks themselves (page numbers, form
        feeds), the ranks with a page edge right before them (the start of the document,
        a long blank run) and those with one right after them.
        """
        marks = {rank[i] for i, kind in remove.items() if kind in ("page-number", "page-break")}
        before: set[int] = set()
        after: set[int] = set()
        if nonblank:
            before.add(0)
            after.add(len(nonblank) - 1)
        # Long blank runs: at least 2 lines and longer than the usual gap.
        # The run before the non-blank line of rank r: the blank lines between it and the
        # previous non-blank line (the start of the text for rank 0).
        runs = [b - a - 1 for a, b in itertools.pairwise([-1, *nonblank])]
        if runs:
            usual = Counter(runs).most_common(1)[0][0]
            for r, length in enumerate(runs):
                if r > 0 and length >= 2 and length > usual:
                    before.add(r)
                    after.add(r - 1)
        return marks, before, after

    @staticmethod
    def _headers(
        *,
        keys: dict[int, str],
        bodies: list[str],
        edge: set[int],
        page_of: dict[int, int],
        pages: int,
        body_pos: list[int],
        rank: dict[int, int],
        nonblank: list[int],
        numbers: dict[int, _Number],
        evidence: tuple[set[int], set[int], set[int]],
        passage: set[int],
    ) -> list[int]:
        groups = _groups(keys)
        repeated = {i for lines in groups.values() if len(lines) >= 2 for i in lines}
        furnitureish = {rank[i] for i in repeated} | {rank[i] for i in numbers}
        found: list[int] = []
        for group in groups.values():
            lines = [i for i in group if i not in passage]
            if len(lines) < 2:
                continue
            # With form feeds: repeats at page edges.
            at_edge = [i for i in lines if i in edge]
            page_ids = sorted({page_of[i] for i in at_edge})
            mostly_at_edges = 3 * len(at_edge) >= 2 * len(lines)
            if mostly_at_edges and (len(page_ids) >= 3 or (len(page_ids) == 2 and pages <= 3)):
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
            gaps = [float(body_pos[b] - body_pos[a]) for a, b in itertools.pairwise(lines)]
            if not _regular(gaps):
                continue
            near = sum(1 for i in lines if _at_page_edge(rank[i], evidence, furnitureish))
            if 2 * near >= len(lines) and _numbers_advance([bodies[i] for i in lines]):
                found.extend(lines)
        return found

    @staticmethod
    def _paired(
        *,
        keys: dict[int, str],
        bodies: list[str],
        numbers: dict[int, _Number],
        remove: dict[int, str],
        skip: set[int],
        order: list[int],
        body_pos: list[int],
        total: int,
        pages: int,
    ) -> None:
        """(e): a header-like line that repeats, each time directly next to a page number.

        ``order`` holds the non-blank lines other than form feeds. A group of lines
        with one header key (at least 2, not in a repeated passage, on at least a
        quarter of the pages) goes when every one of them has, on the same side (all
        right before, or all right after), a page number: one removed already (strong
        or on other evidence), or candidates of one style that go up by 1 or 2 from one
        repeat to the next. The repeats stand at least ``MIN_PAGE_LINES`` body lines
        per page apart (the last page of a document may be short), and the numbers
        in the line itself go up with the pages, as for other headers. The weak
        numbers go with it.
        """
        pos = {i: k for k, i in enumerate(order)}

        def mate(i: int, side: int) -> int | None:
            # The next line on ``side``, past header lines already found (a header of
            # two lines: name, then date), if it is a page number.
            k = pos[i]
            for _ in range(EDGE):
                k += side
                if not 0 <= k < len(order):
                    return None
                j = order[k]
                if j in numbers:
                    return j
                if remove.get(j) != "running-header":
                    return None
            return None

        groups = [g for g in _groups(keys).values() if len(g) >= 2]
        for _ in range(2):  # a second line of a header block pairs once the first went
            for group in groups:
                lines = [i for i in group if i not in skip and i not in remove]
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
        numbers: dict[int, _Number], blank: list[bool], remove: dict[int, str]
    ) -> None:
        """(d): an arabic number alone between text lines, in an unusually long blank run.

        Judged on the text as it will be once the other removals are made, so that a
        second run sees the same picture.
        """
        if not any(num.family == "arabic" and i not in remove for i, num in numbers.items()):
            return  # no arabic candidate left to judge
        kept = [i for i in range(len(blank)) if not blank[i] and i not in remove]
        if len(kept) < 3:
            return
        # Blank lines between consecutive kept lines (removed lines do not count).
        gap_after: list[int] = []
        for a, b in itertools.pairwise(kept):
            gap_after.append(sum(1 for k in range(a + 1, b) if blank[k] and k not in remove))
        text_gaps = [
            g
            for (a, b), g in zip(itertools.pairwise(kept), gap_after, strict=False)
            if a not in numbers and b not in numbers
        ]
        if not text_gaps:
            return
        usual = Counter(text_gaps).most_common(1)[0][0]
        for k in range(1, len(kept) - 1):
            i = kept[k]
            num = numbers.get(i)
            if num is None or num.family != "arabic":
                continue
            if kept[k - 1] in numbers or kept[k + 1] in numbers:
                continue
            before, after = gap_after[k - 1], gap_after[k]
            if min(before, after) >= 1 and max(before, after) >= max(2, usual + 2):
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
