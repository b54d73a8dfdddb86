"""Duplicated-glyph headings: collapse lines whose every glyph was printed two or three times.

PDFs fake bold type by drawing each glyph 2-3 times, and text extraction then emits
``动动整整治治…``. Only text is available here (no glyph coordinates), so the decision is
made per line from the *runs* of identical characters (see :class:`DedupeGlyphs`).
"""

from __future__ import annotations

import itertools
import operator
import re
import string
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from ..charsets import (
    CJK_PUNCT,
    CLAUSE_END,
    CLOSING,
    ELLIPSIS,
    EM_DASH,
    HEADING_FRAME,
    HSPACE,
    HSPACE_CLASS,
    LABEL_END,
    LIGATURE_SPELLINGS,
    PAIRED_UNITS,
    SENTENCE_END,
)
from ..layout import content, indent, is_blank, line_parts
from ..normalizer import Edit, Normalizer
from ..registry import register

#: A run this long is read in windows by :func:`_run_end` (shorter ones character by
#: character).
_SHORT_RUN = 4


def _run_end(s: str, pos: int) -> int:
    """Where the run of identical characters starting at ``s[pos]`` ends."""
    ch = s[pos]
    # Most runs are one to three characters long: looked at one by one.
    end = pos + 1
    while end < len(s) and s[end] == ch:
        end += 1
        if end - pos == _SHORT_RUN:
            break
    else:
        return end
    # A longer run: stripped off windows of the text that double in size (C speed; the
    # windows add up to at most twice the run and 64 more: linear).
    size = 64
    while end < len(s):
        window = s[end : end + size]
        rest = len(window.lstrip(ch))
        if rest:
            return end + len(window) - rest
        end += len(window)
        size *= 2
    return end


#: Two equal adjacent word characters (``\w``: letters — every character ``str.isalpha``
#: accepts —, digits and ``_``): a text or line without them is never changed. (Written
#: as any two equal characters, then ``\w`` looked back at: faster than ``(\w)\1``.)
_WORD_PAIR = re.compile(r"(.)\1(?<=\w)", re.S)
#: Candidate lines (see :meth:`DedupeGlyphs._changes`): two adjacent equal word
#: characters and, for ``min_units >= 3``, a second such pair on the same line (``\1``:
#: three in a row). Linear: the lazy scan for a second pair runs to the end of the
#: line at most once per line, from the first pair.
_TWO_WORD_PAIRS = re.compile(r"(.)\1(?<=\w)(?:\1|[^\n]*?(.)\2(?<=\w))", re.S)
#: Frequent characters that are never word characters: line breaks, horizontal white
#: space, ASCII and CJK punctuation.
_NEVER_WORD = re.escape(
    "".join(
        sorted(
            c
            for c in {"\n", *HSPACE, *CJK_PUNCT, *string.punctuation}
            if re.match(r"\w", c) is None
        )
    )
)
#: A candidate line from its first pair to its end, per pre-check, for the scan of the
#: whole text. Its first character is looked for as one outside _NEVER_WORD (re skips
#: those at C speed, and tries the rest without a second class test), then ``\w`` is
#: looked back at: about 15 % faster than ``(\w)\1`` on prose, 2-4 times on runs of
#: white space or punctuation; the same matches.
_CANDIDATE_LINE = {
    _WORD_PAIR: re.compile(f"([^{_NEVER_WORD}])\\1(?<=\\w)[^\\n]*"),
    _TWO_WORD_PAIRS: re.compile(
        f"([^{_NEVER_WORD}])\\1(?<=\\w)(?:\\1|[^\\n]*?(.)\\2(?<=\\w))[^\\n]*"
    ),
}
#: Three equal adjacent word characters.
_WORD_TRIPLE = re.compile(r"(.)\1\1(?<=\w)", re.S)
_NOT_SPACE = re.compile(f"[^{HSPACE_CLASS}]*")
_SPACE = re.compile(f"[{HSPACE_CLASS}]*")
_HSPACE = re.compile(f"[{HSPACE_CLASS}]")
#: Repetition factors tried on every line, larger first: when both explain a line (all
#: runs multiples of 6), the rarer 3-fold alignment is the stronger evidence.
_FACTORS = (3, 2)
#: At most this many collapse rounds per line (2**6 = 64-fold repetition); a line that
#: still looks repeated after them is left alone, which keeps the step idempotent.
_MAX_ROUNDS = 6
#: A heading part shorter than this (after repair) was not wrapped by the layout.
_MIN_WRAPPED = 8
#: At most this many blank lines may separate two parts of one split heading.
_MAX_GAP = 2
#: At most this many lines make one heading (keeps the merge check linear).
_MAX_PARTS = 4
#: A heading part ending in one of these is complete: the next line is not merged.
_PART_END = SENTENCE_END | CLAUSE_END | CLOSING | HEADING_FRAME


#: Up to 32 consecutive runs of exactly k visible characters, per factor k: the usual
#: stretch of a k-fold line, taken by :func:`_scan` in one step (bounded, so that a
#: stretch cut short by a character below costs at most 32 runs again: linear).
_EXACT_RUNS = {k: re.compile(r"(?:(\S)\1{" + str(k - 1) + r"}(?!\1)){1,32}") for k in _FACTORS}
#: Characters whose runs :func:`_scan` must look at one by one: ligature spellings
#: start with ``f``, and a run of two ``—``/``…`` is a unit.
_ONE_BY_ONE = re.compile("[f" + re.escape("".join(sorted(PAIRED_UNITS))) + "]")
#: Characters :func:`_blocks` leaves to :func:`_scan_runs`: white space other than
#: horizontal, ``f`` (ligature spellings) and ``—``/``…`` (a run of two is a unit).
_NOT_BLOCKS = re.compile(
    f"[^\\S{HSPACE_CLASS}]|[f" + re.escape("".join(sorted(PAIRED_UNITS))) + "]"
)
#: Runs of horizontal white space, kept (:func:`_blocks`).
_SPACES = re.compile(f"([{HSPACE_CLASS}]+)")
#: White space or a character of :data:`_NOT_BLOCKS`.
_SPACE_OR_NOT_BLOCKS = re.compile(r"[\sf" + re.escape("".join(sorted(PAIRED_UNITS))) + "]")


class _Scan(NamedTuple):
    """A line explained as k-fold repeated glyphs."""

    new: str  # the collapsed text
    k: int  # the repetition factor
    units: int  # letters (Han, kana, Latin…) in aligned runs, counted once
    distinct: int  # distinct such letters
    share: float  # aligned characters / counted characters
    dropped: bool  # one run lost one copy (OCR dropped a glyph)


def _special(s: str) -> bool:
    """Does ``s`` hold white space, ``f``, ``—`` or ``…`` (:data:`_SPACE_OR_NOT_BLOCKS`)?
    Seen at C speed when ``s`` is all printable: the only printable white space is " "."""
    if s.isprintable():
        return " " in s or "f" in s or EM_DASH in s or ELLIPSIS in s  # (the PAIRED_UNITS)
    return _SPACE_OR_NOT_BLOCKS.search(s) is not None


def _blocks(s: str, k: int) -> str | None:
    """``s`` collapsed when it is made of blocks of ``k`` identical characters between
    runs of horizontal white space, none of them other white space, ``f``, ``—`` or
    ``…`` (the usual doubled line), and holds at least one block; else ``None``.

    Then every run of ``s`` is white space (kept as it is) or a whole number of blocks,
    so :func:`_scan_runs` finds each other run aligned and collapses it to one
    character per block: every counted character is aligned (share 1), and there is
    no frame mark shorter than ``k``, no unit of two, no ligature and no run that lost
    a copy.
    """
    if s[:1] not in HSPACE and s[:k] != s[:1] * k:
        return None  # the first block is not made of one character (most lines)
    new = s[::k]
    for i in range(1, k):
        if s[i::k] != new:
            break
    else:
        if not _special(new):  # (s holds the characters of new)
            return new or None
    # White space between the blocks (rarer): each stretch between runs of white space
    # is made of blocks (the first one is looked at first).
    space = _SPACES.search(s)
    if space is None:
        return None
    head = s[: space.start()]
    glyphs = head[::k]
    for i in range(1, k):
        if head[i::k] != glyphs:
            return None
    if _NOT_BLOCKS.search(s) is not None:
        return None
    parts = _SPACES.split(s)  # words at even indices, white space at odd ones
    for j in range(0, len(parts), 2):
        word = parts[j]
        glyphs = word[::k]
        for i in range(1, k):
            if word[i::k] != glyphs:
                return None
        parts[j] = glyphs
    return "".join(parts) if any(parts[::2]) else None


def _scan(s: str, k: int) -> _Scan | None:
    """Explain all of ``s`` as ``k``-fold glyphs, or ``None`` when it cannot be (the rule
    is :func:`_scan_runs`; a line of whole blocks is read at C speed, :func:`_blocks`)."""
    # (The first test of _blocks, here to spare most lines a call.)
    new = _blocks(s, k) if s[:k] == s[:1] * k or s[:1] in HSPACE else None
    if new is None:
        return _scan_runs(s, k)
    if new.isalpha():
        return _Scan(new, k, len(new), len(set(new)), 1.0, False)
    alpha = list(filter(str.isalpha, new))
    return _Scan(new, k, len(alpha), len(set(alpha)), 1.0, False)


def _scan_runs(s: str, k: int) -> _Scan | None:
    """Explain all of ``s`` as ``k``-fold glyphs, or ``None`` when it cannot be.

    Runs of white space are kept. A run whose length is a multiple of ``k`` is aligned
    and collapses to length/k. Allowed besides: undoubled frame marks at the start and
    the end (``「`` … ``」``), a run of exactly two ``—`` or ``…`` (kept as a unit), and
    ONE letter or digit run that lost one copy (length ≡ k-1 mod k). Anything else makes
    the line ordinary. Stops at the second irregular run, so ordinary lines cost little.
    """
    out: list[str] = []
    units = counted = aligned = 0
    letters: set[str] = set()
    lead, trail, dropped = True, False, False
    pos = 0
    length = len(s)
    while pos < length:
        if not trail and (m := _EXACT_RUNS[k].match(s, pos)) is not None:
            # A stretch of runs of exactly k visible characters, cut before the first
            # character looked at one by one: each run is aligned and collapses to
            # its character (as in the branch for aligned runs below).
            stretch = m.group()
            stop = _ONE_BY_ONE.search(stretch)
            if stop is not None:
                stretch = stretch[: stop.start() - stop.start() % k]
            if stretch:
                glyphs = stretch[::k]
                aligned += len(stretch)
                counted += len(stretch)
                out.append(glyphs)
                alpha = list(filter(str.isalpha, glyphs))
                units += len(alpha)
                letters.update(alpha)
                lead = False
                pos += len(stretch)
                continue
        start = pos
        pos = _run_end(s, pos)
        ch = s[start]
        n = pos - start
        if ch in HSPACE:
            out.append(s[start:pos])
            continue
        lig = _ligature(s, start, k) if ch == "f" and not trail else ""
        if lig:  # a doubled ligature glyph spelt out: "fifi" -> "fi"
            aligned += len(lig) * k
            counted += len(lig) * k
            out.append(lig)
            pos = start + len(lig) * k
            lead = False
            continue
        is_unit = ch in PAIRED_UNITS and n == 2
        if trail:  # only frame marks may follow a trailing frame mark
            if ch not in HEADING_FRAME:
                return None
            out.append(ch * (n // k) if n % k == 0 else s[start:pos])
        elif n % k == 0 and not is_unit:
            aligned += n
            counted += n
            out.append(ch * (n // k))
            if ch.isalpha():
                units += n // k
                letters.add(ch)
            lead = False
        elif is_unit:
            out.append(s[start:pos])
            lead = False
        elif ch in HEADING_FRAME and n < k:
            trail = not lead
            out.append(s[start:pos])
        elif n % k == k - 1 and ch.isalnum() and not dropped:
            dropped = True
            counted += n
            aligned += n - n % k
            if ch.isalpha():
                units += n // k + 1
                letters.add(ch)
            out.append(ch * (n // k + 1))
            lead = False
        else:
            return None
    if not counted:
        return None
    return _Scan("".join(out), k, units, len(letters), aligned / counted, dropped)


def _ligature(s: str, at: int, k: int) -> str:
    """The spelt-out ligature repeated ``k`` times at ``s[at:]``, or ``""``."""
    for lig in LIGATURE_SPELLINGS:
        if s.startswith(lig * k, at):
            return lig
    return ""


class _Rules(NamedTuple):
    min_units: int
    min_share: float

    @property
    def pairs(self) -> re.Pattern[str]:
        """Adjacent pairs of equal letters a line needs to change (looked for as pairs
        of word characters, which letters are): at least ``max(1, min_units - 1)`` of
        them, the reason is in :meth:`DedupeGlyphs._changes`; so one pair for
        ``min_units <= 2`` and two for more."""
        return _TWO_WORD_PAIRS if self.min_units >= 3 else _WORD_PAIR


def _whole(s: str, rules: _Rules) -> _Scan | None:
    """The best k-fold explanation of the whole line that passes the thresholds."""
    best: _Scan | None = None
    for k in _FACTORS:
        sc = _scan(s, k)
        if (
            sc is not None
            and _passes(sc, rules)
            and (best is None or (best.dropped and not sc.dropped))
        ):
            best = sc
    return best


def _passes(sc: _Scan, rules: _Rules) -> bool:
    """Does the explanation ``sc`` pass the thresholds of a whole line?"""
    return sc.units >= rules.min_units and sc.distinct >= 2 and sc.share >= rules.min_share


def _label_end(s: str, k: int) -> int:
    """End of the longest k-fold stretch at the start of ``s`` that ends in a doubled
    punctuation mark (``项项目目描描述述：：``), or 0."""
    end = 0
    lead = True
    pos = 0
    while pos < len(s):
        start = pos
        pos = _run_end(s, pos)
        ch = s[start]
        n = pos - start
        if ch in HSPACE:
            continue
        if lead and ch in HEADING_FRAME and n < k:
            continue
        lead = False
        if n % k or (ch in PAIRED_UNITS and n == 2):
            break
        if ch in LABEL_END:
            end = pos
    return end


def _label(s: str, rules: _Rules) -> tuple[str, int] | None:
    """``s`` with a doubled label prefix collapsed (the rest of the line untouched)."""
    for k in _FACTORS:
        end = _label_end(s, k)
        if end and end < len(s):
            sc = _scan(s[:end], k)
            if sc is not None and sc.units >= rules.min_units and sc.distinct >= 2:
                return sc.new + s[end:], k
    return None


def _first_token(s: str) -> tuple[str, str, str]:
    """``s`` split at its first run of white space: (token, space, rest)."""
    i = _NOT_SPACE.match(s).end()  # type: ignore[union-attr]  # `*`: always matches
    j = _SPACE.match(s, i).end()  # type: ignore[union-attr]
    return s[:i], s[i:j], s[j:]


def _step(s: str, rules: _Rules) -> tuple[str, int] | None:
    """One collapse round on a line's content: the whole line, else a label prefix.
    (Both need min_units letters: the caller saw the pairs of :attr:`_Rules.pairs`.)"""
    sc = _whole(s, rules)
    if sc is not None:
        return sc.new, sc.k
    return _label(s, rules)


def _triggers(s: str, rules: _Rules) -> bool:
    """Would any mode of this step change the line ``s``?"""
    if rules.pairs.search(s) is None:
        return False
    return _step(s, rules) is not None or _splits(s, rules)


def _splits(s: str, rules: _Rules) -> bool:
    """Would the split mode change the line ``s`` (a doubled first word, then text)?"""
    token, space, rest = _first_token(s)
    return bool(space and rest) and _whole(token, rules) is not None


def _settle(s: str, rules: _Rules) -> str | None:
    """Collapse ``s`` until nothing triggers any more; ``None`` if that takes too long
    (then the line is left as it is, so the step stays idempotent)."""
    for _ in range(_MAX_ROUNDS):
        if rules.pairs.search(s) is None:
            return s  # nothing triggers (as in _triggers)
        r = _step(s, rules)
        if r is None:
            # s triggers only in the split mode (as in _triggers).
            return None if _splits(s, rules) else s
        s = r[0]
    return None


class _Fix(NamedTuple):
    """The repair of one line."""

    mode: str  # "heading" (whole line), "label" (prefix, inline), "split" (heading + text)
    new: str  # repaired content (the heading only, for "split")
    k: int
    head_len: int = 0  # "split": length of the doubled token
    rest_at: int = 0  # "split": where the plain text starts in the content
    # ``new`` holds no horizontal white space and no two equal adjacent word characters
    # (what the merge of a split heading looks for): see _fix.
    bare: bool = False


def _fix(mode: str, new: str, k: int, head_len: int = 0, rest_at: int = 0) -> _Fix:
    """A :class:`_Fix`, with ``bare`` worked out."""
    bare = _HSPACE.search(new) is None and _WORD_PAIR.search(new) is None
    return _Fix(mode, new, k, head_len, rest_at, bare)


#: Makes a :class:`_Fix` from a tuple of all its fields (the NamedTuple constructor is a
#: Python function, costly on every line of a doubled text).
_new_fix = tuple.__new__


def _fix_line(s: str, rules: _Rules) -> _Fix | None:
    """How to repair the content ``s`` of one line, or ``None`` (the rule is
    :func:`_fix_line_rule`; a line doubled end to end is decided here, mostly at C
    speed).

    When ``s`` is doubled end to end (``s[::2] == s[1::2]``, the usual doubled line),
    every run of ``s`` is twice a run of ``half = s[::2]``, and the rule's 2-fold
    reading is known without reading ``s`` run by run: every run is aligned, so the
    share is 1 and no glyph was dropped, the letters are those of ``half``, and its
    text is ``half`` with white space and a lone ``—`` or ``…`` kept doubled
    (:func:`_undoubled`; not when ``half`` holds an ``f``, which may start a ligature
    spelt out). It is a heading when ``half`` has ``min_units`` letters, two of them
    different, ``min_share`` <= 1, and the 3-fold reading (looked at first by the rule,
    and preferred) does not pass the thresholds; its text is then settled as the rule
    settles it. The 3-fold reading needs two different letters, so a run of letters
    aligned for k = 3: six or more in ``s``, three or more in ``half``; it is read only
    when ``half`` has such a run. When ``half`` holds fewer pairs of equal word
    characters than a collapse round needs (:attr:`_Rules.pairs`; the usual doubled
    line, with none), it has no such run, and the text has its pairs (it doubles only
    other characters): nothing triggers on the text, it is settled as it is.
    """
    half = s[::2]
    if s[1::2] != half or not half or rules.min_share > 1 or "f" in half:
        return _fix_line_rule(s, rules)
    special = _special(half)  # (white space, — or …; no f)
    paired = _WORD_PAIR.search(half) is not None
    # Enough letters, two of them different: seen at once when the line starts with
    # them (two adjacent letters differ when half has no pair), else counted (not with
    # a pair: left to the rule, as a line of one repeated letter).
    least = rules.min_units if rules.min_units > 2 else 2
    start = half[:least]
    if not (len(start) == least and start.isalpha() and (not paired or start != half[0] * least)):
        if paired:
            return _fix_line_rule(s, rules)
        alpha = list(filter(str.isalpha, half))
        if len(alpha) < rules.min_units or alpha.count(alpha[0]) == len(alpha):
            return _fix_line_rule(s, rules)
    if not paired:
        # No pair of word characters: settled as read (see above), and bare unless white
        # space is kept (the text has the white space and the pairs of word characters
        # of half). The usual doubled line keeps nothing doubled: its text is half.
        if not special:
            return _new_fix(_Fix, ("heading", half, 2, 0, 0, True))
        bare = _HSPACE.search(half) is None
        return _new_fix(_Fix, ("heading", _undoubled(s, half), 2, 0, 0, bare))
    if rules.pairs.search(half) is None:  # settled as read; not bare
        return _new_fix(_Fix, ("heading", _undoubled(s, half), 2, 0, 0, False))
    three = _scan(s, 3) if _WORD_TRIPLE.search(half) is not None else None
    if three is None or not _passes(three, rules):
        new = _settle(_undoubled(s, half), rules)
        return None if new is None else _fix("heading", new, 2)
    return _fix_line_rule(s, rules)


#: Where the 2-fold reading of a line doubled end to end may keep characters doubled,
#: in its ``s[::2]``: horizontal white space (kept as it is), ``—`` and ``…`` (a run of
#: two in the line is one unit).
_MAY_KEEP_DOUBLED = re.compile(f"[{HSPACE_CLASS}" + re.escape("".join(sorted(PAIRED_UNITS))) + "]+")


def _undoubled(s: str, half: str) -> str:
    """The text of the 2-fold reading (:func:`_scan` with k = 2) of ``s``, a line
    doubled end to end with ``half = s[::2]`` and no ``f`` (no ligature spelt out):
    ``half``, with its white space and each ``—`` or ``…`` on its own as in ``s``.

    >>> _undoubled("动动  态态——……", "动 态—…")
    '动  态——……'
    """
    first = _MAY_KEEP_DOUBLED.search(half)
    if first is None:
        return half
    parts: list[str] = []
    pos = 0
    for m in _MAY_KEEP_DOUBLED.finditer(half, first.start()):
        a, b = m.span()
        parts.append(half[pos:a])
        if PAIRED_UNITS.isdisjoint(m.group()):
            parts.append(s[2 * a : 2 * b])  # white space, as in s
        else:
            for ch, run in itertools.groupby(m.group()):
                n = len(list(run))
                parts.append(ch * (2 * n if ch in HSPACE or n == 1 else n))
        pos = b
    parts.append(half[pos:])
    return "".join(parts)


def _fix_line_rule(s: str, rules: _Rules) -> _Fix | None:
    """How to repair the content ``s`` of one line, or ``None``."""
    if rules.pairs.search(s) is None:
        return None
    sc = _whole(s, rules)
    if sc is not None:
        new = _settle(sc.new, rules)
        return None if new is None else _fix("heading", new, sc.k)
    lab = _label(s, rules)
    if lab is not None:
        new = _settle(lab[0], rules)
        return None if new is None else _fix("label", new, lab[1])
    token, space, rest = _first_token(s)
    if space and rest:
        sc = _whole(token, rules)
        if sc is not None and not _triggers(rest, rules):
            new = _settle(sc.new, rules)
            if new is not None:
                return _fix("split", new, sc.k, len(token), len(token) + len(space))
    return None


@register
@dataclass(frozen=True)
class DedupeGlyphs(Normalizer):
    """Collapse lines whose glyphs were all printed twice or three times (fake-bold headings).

    The rule, per line and for k = 2 and k = 3: split the line into runs of identical
    characters. The *share* is the number of characters in complete k-fold groups over
    the line's non-space characters; not counted are undoubled frame marks (shorter than
    k) at the line's edges (brackets, quotes, ``·``, ``■``: ``「字字节节跳跳动动」``) and
    ``——``/``……`` runs of two, kept as units. A line is a repeated-glyph line when
    (1) at most ONE run is not a multiple of k, and that run is a letter or digit that
    lost one copy (OCR dropped a glyph; a doubled Latin ligature spelt ``fifi`` counts as
    one glyph), (2) the share is at least ``min_share`` (0.9 — so a dropped glyph needs
    at least six pairs around it), (3) the complete groups hold at least ``min_units``
    (3) letters, at least two of them different. The line is collapsed (each group to
    one glyph, so ``人人人人`` → ``人人``, ``，，`` → ``，``, ``22002222`` → ``2022``) and
    becomes a heading of its own: its indentation is dropped and a blank line is put
    before and after it (unless at the start/end of the text or already there) so that
    reflow keeps it apart. Up to four consecutive such lines, with up to two blank lines
    between them, are merged into one heading when each part looks wrapped: at least 8
    characters, no space, no closing punctuation at its end (``。：；」·`` …), and the next
    part no longer and without spaces either (a last part may be as short as one pair).

    A line that only *starts* with doubled glyphs is repaired in two cases: a label that
    ends in a doubled punctuation mark (``项项目目描描述述：：负责…`` → ``项目描述：负责…``; the
    rest of the line is kept as it is and stays on the line), and a doubled first word
    followed by a space and plain text (the word becomes a heading line of its own, the
    text the next paragraph). Doubled glyphs glued to plain text without a separator are
    left alone: where the heading ends cannot be told from text. In text scraped without
    newlines, a run of two or more ``　`` inside a line separates paragraphs (reflow
    breaks the line there): each part of the line after such a run is read as a line of
    its own (a heading part is put on a line of its own in place of the run).

    Never touches: ordinary reduplication (常常, 看看, 人人, 一道道, 谢谢, 天天向上, 哈哈哈,
    高高兴兴 — only two pairs —, 明明白白、清清楚楚 — the ``、`` is single —), any other line
    with two or more undoubled characters (only the two prefix cases above are repaired),
    English words with double letters (committee, bookkeeper), numbers (1100, 2022, 88:
    no letters), ``……`` and ``——``. The collapsed
    line never qualifies again (a line is collapsed until it does not, at most six
    rounds), so the step is idempotent.

    >>> DedupeGlyphs()("前行。\\n 动动整整治治形形式式主主义义为为基基层层减减负负\\n\\n　　正文。")
    '前行。\\n\\n动整治形式主义为基层减负\\n\\n　　正文。'
    >>> DedupeGlyphs()("··新新视视野野··")
    '·新视野·'
    >>> DedupeGlyphs()("我们常常看看书，人人都说谢谢。")
    '我们常常看看书，人人都说谢谢。'
    """

    name = "dedupe_glyphs"
    order = 50
    default = True

    #: Fewest letters (counted once) in aligned runs for a line to be collapsed.
    min_units: int = 3
    #: Smallest share of the counted characters that must be in aligned runs.
    min_share: float = 0.9
    #: Merge a heading split over consecutive doubled lines into one line.
    merge: bool = True
    #: Put a blank line before and after a repaired heading.
    isolate: bool = True

    @classmethod
    def variants(cls) -> list[Normalizer]:
        return [cls(), cls(merge=False, isolate=False), cls(min_units=2, min_share=0.8)]

    def edits(self, text: str) -> list[Edit]:
        return [
            Edit(start, end, text[start:end], new, kind, note)
            for start, end, new, kind, note in self._changes(text)
        ]

    def __call__(self, text: str) -> str:
        """The edits applied without building :class:`Edit` objects (same result)."""
        changes = self._changes(text)
        if not changes:
            return text
        parts: list[str] = []
        add = parts.append
        pos = 0
        for start, end, new, _kind, _note in changes:
            add(text[pos:start])
            add(new)
            pos = end
        add(text[pos:])
        return "".join(parts)

    def _changes(self, text: str) -> list[_Change]:
        """The edits as tuples (start, end, new, kind, note); the old text of each is
        ``text[start:end]``."""
        rules = _Rules(max(1, self.min_units), self.min_share)
        # Only candidate lines can change: find them with one scan of the whole text
        # (a pair never spans a line break). Every change explains a stretch of the
        # line as k-fold runs with at least min_units letters (counted once) from
        # aligned runs of letters and at most one run that lost a copy: a run of n
        # letters holds n - 1 adjacent equal pairs, at least as many as the letters it
        # adds (one fewer for the run that lost a copy), and at least one aligned run
        # of letters is needed for two different letters. So a line that changes holds
        # at least max(1, min_units - 1) adjacent pairs of equal letters, so as many
        # of equal word characters. (The same holds for each collapse round, _step.)
        candidate = _CANDIDATE_LINE[rules.pairs]
        first = candidate.search(text)
        if first is None:
            return []
        lines = text.split("\n")
        n = len(lines)
        # Where each line starts, and where a line after the last one would.
        starts = list(
            map(operator.add, itertools.accumulate(map(len, lines), initial=0), range(n + 1))
        )
        fixes: dict[int, _Fix] = {}
        inline: dict[int, list[tuple[int, int, _Fix]]] = {}  # see _part_fixes
        borrowed: dict[int, int] = {}  # line -> glyphs it lends to the line before (_borrow)
        i = -1
        # (One match per candidate line: it runs to the end of the line.)
        for m in candidate.finditer(text, first.start()):
            at = m.start()
            i += 1  # the next line, as in a doubled text; else looked up
            if starts[i + 1] <= at:
                i = bisect_right(starts, at, i + 1) - 1
            fix, q = _judge(content(lines[i]), lines[i + 1] if i + 1 < n else None, rules)
            if q:
                borrowed[i + 1] = q
            if fix is not None:
                fixes[i] = fix
            elif "\u3000\u3000" in lines[i]:
                found = _part_fixes(lines[i], rules)
                if found:
                    inline[i] = found
        if not fixes and not inline:
            return []
        # A line that lent the end of a pair to the heading before it: from here on it
        # is the rest of the line after the lent glyphs (its indentation stays as it
        # is), judged again; the glyphs go with the heading (see below).
        lent: dict[int, int] = {}  # line -> where the glyphs it lent start
        for j in sorted(borrowed):
            if j not in borrowed:
                continue  # (the line before lent its glyphs and has none left to borrow)
            line = lines[j]
            at = starts[j] + len(indent(line))
            lent[j] = at
            lines[j] = line[at - starts[j] + borrowed[j] :]
            starts[j] = at + borrowed[j]
            fixes.pop(j, None)
            inline.pop(j, None)
            # (It borrows again only what it borrowed whole.)
            lender = lines[j + 1] if j + 1 in borrowed else None
            fix, q = _judge(content(lines[j]), lender, rules)
            if lender is not None and not q:
                del borrowed[j + 1]
            if fix is not None:
                fixes[j] = fix
        merge, isolate = self.merge, self.isolate
        out: list[_Change] = []
        add = out.append
        broke_after = -1  # index of the last line a blank line was put after
        next_line = 0

        def after_heading(last: int, end: int) -> None:
            """After a heading that ends line ``last`` at ``end``: a blank line (or
            nothing) instead of the trailing space."""
            nonlocal broke_after
            nxt = last + 1
            ge = starts[last] + len(lines[last])  # (its newline)
            if isolate and nxt < n and (nxt in fixes or not is_blank(lines[nxt])):
                add((end, ge, "\n", "heading-break", "blank line after heading"))
                broke_after = last
            elif ge > end:
                add((end, ge, "", "heading-indent", ""))

        # (In line order: the loop above added them so; the merge below adds further
        # parts, which this list does not hold and the loop skips anyway.)
        for i in sorted({*fixes, *inline}) if inline else list(fixes):
            if i < next_line:
                continue  # a further part of a heading merged already
            if i not in fixes:
                end = self._inline(lines[i], starts[i], inline[i], add)
                if end is not None:  # (a heading ends the line)
                    after_heading(i, end)
                continue
            mode, new, k, head_len, rest_at, bare = fixes[i]
            line = lines[i]
            s = starts[i]
            c0 = s + len(indent(line))
            if mode == "label":
                add(_narrow(c0, content(line), new, k))
                continue
            # A heading: find the further parts of a split heading (only after a part
            # that looks wrapped).
            group = [i]
            if merge and mode == "heading":
                merged = part = new
                last = i
                # Does merged hold a pair of word characters? (Looked for when needed.)
                paired: bool | None = False if bare else None
                # Only after a part that looks wrapped: long enough, not ended by a mark
                # that ends a part, no white space.
                wrapped = (
                    len(part) >= _MIN_WRAPPED
                    and part[-1] not in _PART_END
                    and (bare or _HSPACE.search(part) is None)
                )
                while wrapped and len(group) < _MAX_PARTS:
                    j = last + 1
                    nxt = fixes.get(j)
                    if nxt is None:
                        # (A line with a fix is never blank: it holds a pair.)
                        while (
                            j < n
                            and j - last - 1 <= _MAX_GAP
                            and j not in fixes
                            and is_blank(lines[j])
                        ):
                            j += 1
                        if j - last - 1 > _MAX_GAP:
                            break
                        nxt = fixes.get(j)
                        if nxt is None and j < n:
                            nxt = _continuation(content(lines[j]), k, rules)
                    if nxt is None or nxt.mode != "heading" or nxt.k != k:
                        break
                    # The next part: no longer, no white space, and the merged heading
                    # must not trigger again (which it cannot do without a pair of equal
                    # word characters, see _Rules.pairs: looked for in the new part and
                    # where it joins, the merged text was looked at before).
                    nxt_new = nxt.new
                    if len(nxt_new) > len(part) or (
                        not nxt.bare and _HSPACE.search(nxt_new) is not None
                    ):
                        break
                    if paired is None:
                        paired = _WORD_PAIR.search(merged) is not None
                    paired = (
                        paired
                        or (not nxt.bare and _WORD_PAIR.search(nxt_new) is not None)
                        or (
                            merged[-1] == nxt_new[:1]
                            and _WORD_PAIR.match(merged[-1] * 2) is not None
                        )
                    )
                    if paired and _triggers(merged + nxt_new, rules):
                        break
                    part = nxt_new
                    merged += part
                    fixes[j] = nxt
                    group.append(j)
                    last = j
                    wrapped = len(part) >= _MIN_WRAPPED and part[-1] not in _PART_END
            # Blank line (or nothing) instead of the indentation.
            if isolate and i > 0 and broke_after != i - 1 and not is_blank(lines[i - 1]):
                add((s, c0, "\n", "heading-break", "blank line before heading"))
            elif c0 > s:
                add((s, c0, "", "heading-indent", ""))
            g = group[-1]
            next_line = g + 1
            if mode == "split":
                sp0, sp1 = c0 + head_len, c0 + rest_at
                add((c0, sp0, new, "collapse-glyphs", _GLYPHS_NOTE[k]))
                add((sp0, sp1, "\n\n", "heading-break", "heading split off"))
                continue
            g1 = c0 + len(content(line))
            add((c0, g1, new, "collapse-glyphs", _GLYPHS_NOTE[k]))
            if g != i:
                for g in group[1:]:
                    # The break, blank lines and indentation before a further part go.
                    gline = lines[g]
                    g0 = starts[g] + len(indent(gline))
                    add((g1, g0, "", "merge-heading", "split heading"))
                    g1 = g0 + len(content(gline))
                    gfix = fixes[g]
                    add((g0, g1, gfix.new, "collapse-glyphs", _GLYPHS_NOTE[gfix.k]))
            after_heading(g, g1)  # (after the last part)
            if g + 1 in lent:  # the glyphs lent by the next line go (merged: gone already)
                at = lent[g + 1]
                q = starts[g + 1] - at
                add((at, at + q, "", "collapse-glyphs", "pair split by a line break"))
        return out

    def _inline(
        self,
        line: str,
        start: int,
        found: list[tuple[int, int, _Fix]],
        add: Callable[[_Change], None],
    ) -> int | None:
        """Add the changes for the parts of ``line`` (at ``start``) that
        :func:`_part_fixes` found: a heading part goes on a line of its own, with a blank
        line before and after it when ``isolate`` (the run of ideographic spaces before
        it is replaced; the part after it keeps its run as its indentation), a label is
        repaired in place. Where the heading ends when the line ends with one (the
        caller separates it from the next line), else ``None``."""
        sep = "\n\n" if self.isolate else "\n"
        ends_in_heading = None
        heads = {p0 for p0, _p1, fix in found if fix.mode != "label"}
        for p0, p1, fix in found:
            part = line[p0:p1]
            c0 = start + p0 + len(indent(part))
            body = content(part)
            if fix.mode == "label":
                add(_narrow(c0, body, fix.new, fix.k))
                continue
            add((start + p0, c0, sep, "heading-break", "blank line before heading"))
            if fix.mode == "split":
                sp0, sp1 = c0 + fix.head_len, c0 + fix.rest_at
                add((c0, sp0, fix.new, "collapse-glyphs", _GLYPHS_NOTE[fix.k]))
                add((sp0, sp1, "\n\n", "heading-break", "heading split off"))
                continue
            ce = c0 + len(body)
            add((c0, ce, fix.new, "collapse-glyphs", _GLYPHS_NOTE[fix.k]))
            if p1 == len(line):
                ends_in_heading = ce
            elif p1 not in heads:  # (a heading part next is set apart by its own change)
                add((ce, start + p1, sep, "heading-break", "blank line after heading"))
        return ends_in_heading


def _judge(body: str, following: str | None, rules: _Rules) -> tuple[_Fix | None, int]:
    """The repair of a line's content ``body`` (or ``None``), and how many glyphs the
    next line ``following`` lends it (``_borrow``; 0 when none, or no next line)."""
    # (A quick look first: most lines end in a glyph the next line does not start with.)
    if following is not None and body[-1:] in following[:8]:
        borrow = _borrow(body, following, rules)
        if borrow is not None:
            return borrow[1], borrow[0]
    return (_fix_line(body, rules) if body else None), 0


def _borrow(body: str, following: str, rules: _Rules) -> tuple[int, _Fix] | None:
    """A heading whose last pair a hard wrap cut in two: ``body`` (a line's content) ends
    in a run of a letter or digit short of ``k`` copies, ``following`` (the next line)
    starts with the missing copies, and ``body`` with them is a doubled heading. Then how
    many glyphs ``following`` lends, and the heading's repair; else ``None``. What is
    left of ``following`` must be nothing or doubled glyphs too: a line of text that
    happens to start with the heading's last glyph lends nothing (the heading lost a
    copy of it, as a heading on its own line may).

    >>> _borrow("整整治治形形式式主主义义老老问", "问题题新新", _Rules(3, 0.9))[0]
    1
    >>> _borrow("整整治治形形式式主主义义老老问", "题题新新", _Rules(3, 0.9)) is None
    True
    >>> _borrow("整整治治形形式式主主义义老老问", "问说了很多话。", _Rules(3, 0.9)) is None
    True
    """
    last = body[-1:]
    # (Most candidate lines stop here: the next line is not copied to find out.)
    if not last.isalnum() or not following.startswith(last, _SPACE.match(following).end()):
        return None
    start = content(following)
    r = len(body) - len(body.rstrip(last))
    q = len(start) - len(start.lstrip(last))
    for k in _FACTORS:
        if r % k and q == k - r % k:
            fix = _fix_line(body + last * q, rules)
            if fix is None or fix.mode != "heading" or fix.k != k:
                continue
            # What is left of the next line is nothing or more of the heading (a line
            # of text that starts with the heading's last glyph lends nothing).
            rest = start[q:]
            if rest:
                more = _fix_line(rest, rules) or _continuation(rest, k, rules)
                if more is None or more.mode != "heading" or more.k != k:
                    continue
            return q, fix
    return None


def _part_fixes(line: str, rules: _Rules) -> list[tuple[int, int, _Fix]]:
    """The repairs of the parts of ``line`` after its first, each read as a line of its
    own (``(start, end, fix)``, offsets in ``line``): text scraped without newlines
    separates its paragraphs with runs of ideographic spaces (see
    :func:`~cleantext.layout.line_parts`), and reflow later breaks the line there, so a
    doubled heading among them is a line too. (The first part is the line's start,
    which the line rule reads already: a doubled heading followed by the rest of the
    line is its ``split`` mode.)

    >>> line = "前文。　　整整治治形形式式　　正文"
    >>> [(a, b, f.new) for a, b, f in _part_fixes(line, _Rules(3, 0.9))]
    [(3, 13, '整治形式')]
    """
    out = []
    for p0, p1 in line_parts(line)[1:]:
        fix = _fix_line(content(line[p0:p1]), rules)
        if fix is not None:
            out.append((p0, p1, fix))
    return out


#: One change: (start, end, new, kind, note); what it replaces is ``text[start:end]``.
_Change = tuple[int, int, str, str, str]
_GLYPHS_NOTE = {k: f"{k}-fold glyphs" for k in _FACTORS}


def _continuation(s: str, k: int, rules: _Rules) -> _Fix | None:
    """A short last part of a split heading (``扩扩大大``): fully k-fold, no dropped glyph,
    but fewer letters than a heading on its own needs. Only asked after a heading part
    that looks wrapped."""
    if _WORD_PAIR.search(s) is None:
        return None  # a letter from an aligned run is needed
    sc = _scan(s, k)
    if sc is None or sc.dropped or sc.share < 1 or not sc.units:
        return None
    new = _settle(sc.new, rules)
    return None if new is None else _fix("heading", new, k)


def _narrow(start: int, old: str, new: str, k: int) -> _Change:
    """The change for a label: the unchanged tail of the line is left out of it."""
    tail = 0
    limit = min(len(old), len(new))
    while tail < limit and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    # Do not cut through a run of identical characters (``：：`` -> ``：``).
    while 0 < tail < len(old) and old[len(old) - tail - 1] == old[len(old) - tail]:
        tail -= 1
    return (
        start,
        start + len(old) - tail,
        new[: len(new) - tail],
        "collapse-glyphs",
        f"{k}-fold label",
    )
