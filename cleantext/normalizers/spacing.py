"""Spaces around CJK punctuation, between CJK and Latin/digits, and runs of spaces."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from ..charsets import (
    CJK_LETTER_CLASS,
    CJK_ONLY_PUNCT,
    DASH_RUN_CHARS,
    IDEOGRAPHIC_SPACE,
    LATIN_ALNUM_CLASS,
    NUMERAL_UNITS,
    SHARED_PUNCT,
    run_of,
)
from ..normalizer import Edit, Normalizer
from ..registry import register

_CJK = re.compile(f"[{CJK_LETTER_CLASS}]")
_LATIN = re.compile(f"[{LATIN_ALNUM_CLASS}]")
_SHARED = "".join(sorted(SHARED_PUNCT))
# A segment: a maximal run of spaces (ASCII, ideographic) and the punctuation marks
# shared by Chinese and Latin typography; only segments holding a space matter. For
# pangu also the gap between a CJK letter and a Latin letter or digit. A segment can
# only start where a block of those characters starts (the lookbehind), so a long run
# of dashes without a space is scanned once, not once per position: linear time.
_SEGMENT = rf"(?P<seg>(?<![ \u3000{_SHARED}])[{_SHARED}]*[ \u3000][ \u3000{_SHARED}]*)"
_K = CJK_LETTER_CLASS
_W = CJK_LETTER_CLASS + LATIN_ALNUM_CLASS
_OP = r"+*=&|^\\"
_GAP = (
    # CJK against a Latin letter or digit
    rf"(?P<gap>(?<=[{_K}])(?=[{LATIN_ALNUM_CLASS}])"
    rf"|(?<=[{LATIN_ALNUM_CLASS}])(?=[{_K}])"
    # after ASCII ! ? , : ; ~ (up to three) that follow CJK, before CJK or Latin
    rf"|(?:(?<=[{_K}][!?,:;~])|(?<=[{_K}][!?~]{{2}})|(?<=[{_K}][!?~]{{3}}))(?=[{_W}])"
    # around an operator between two words, one of them CJK
    rf"|(?<=[{_K}])(?=[{_OP}][{_W}])|(?<=[{_W}])(?=[{_OP}][{_K}])"
    rf"|(?<=[{_K}][{_OP}])(?=[{_W}])|(?<=[{_W}][{_OP}])(?=[{_K}])"
    # before @mention, #tag, $amount after CJK; around brackets touching CJK
    rf"|(?<=[{_K}])(?=[@#$][{LATIN_ALNUM_CLASS}])"
    rf"|(?<=[{_K}])(?=[(\[{{])|(?<=[)\]}}])(?=[{_K}]))"
)
# The lookahead names every character a segment can start with, so that the regex
# engine skips ahead on that class alone (same matches, about 2x faster).
_SEGMENT_RE = re.compile(rf"(?=[ \u3000{_SHARED}]){_SEGMENT}")


@functools.cache
def _pangu_re() -> re.Pattern[str]:
    """Segments and gaps, for pangu mode only: compiled on first use, once per process
    (its many CJK classes make it the costliest pattern of the module to compile)."""
    return re.compile(f"{_SEGMENT}|{_GAP}")


_SPACES = re.compile(run_of(" \u3000"))
#: Where normalize_spacing (modes ``remove`` and ``keep``) may change the white space
#: inside a line (a superset, for other steps that must decide as this one will leave a
#: line: reflow measures widths): a run of spaces after a non-ASCII character, or after
#: any character but a line break (a tab or a form feed too: only a run after a line
#: break is indentation) when it is an ideographic one, two or more, or spaces before
#: a non-ASCII character. Indentation, which is never touched, does not match. (Starts
#: with the class of its first character: the regex engine skips ahead on it at C
#: speed.)
MAY_CHANGE = re.compile(
    r"[ \u3000](?:(?<=[^\x00-\x7f\s].)"
    r"|(?<=[^\n \u3000].)(?:(?<=\u3000)|[ \u3000]|[ ]*(?=[^\x00-\x7f\s])))"
)
#: :data:`MAY_CHANGE` on ASCII text (it matches the same lines there: two spaces after
#: a character that is neither a line break nor a space), starting with a literal the
#: regex engine finds at C speed, not at every space of Latin text.
MAY_CHANGE_ASCII = re.compile(r"  (?<=[^\n ]  )")
# The rest of a block of spaces and shared marks (see NormalizeSpacing._changes).
_BLOCK_REST = re.compile(f"[ \u3000{_SHARED}]*")
# A numbered heading (``2.1 日志解析``): a section number opening a short line (at most
# _HEADING_MAX characters after it) that has no sentence punctuation. The space after the
# number is the heading's own, not OCR noise. A whole number followed by a measure word
# (``3 月 10 日``) is a quantity, and a line with sentence punctuation is a sentence:
# both lose the space. The checks look at bounded windows around it: linear time.
_SECTION_NUMBER = re.compile(r"(?:\A|\n)[ \u3000]*\d{1,3}(?:\.\d{1,3}){0,3}\.?\Z")
_SECTION_WINDOW = 20
_HEADING_REST = re.compile(r"[^\n。，、；：？！,;:?!]*(?:\n|\Z)")
_HEADING_MAX = 30
# A title line (``织密乡村“治理网” 画好党群“同心圆”``): a space between a quotation and
# a CJK letter separates the halves of a headline when the line is short (at most
# _TITLE_MAX non-space characters) and has no sentence punctuation. The line is looked
# for within _TITLE_WINDOW characters on each side: bounded, so linear; and removing
# other spaces only shortens a line, so a kept space stays kept (idempotent).
_TITLE_WINDOW = 80
_TITLE_MAX = 40
_PROSE_MARK = re.compile("[，。、；：？！,;:?!]")
_CLOSE_QUOTES = "”’"
_OPEN_QUOTES = "“‘"


def _in_title_line(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` lies in a short line without sentence punctuation."""
    lo = text.rfind("\n", max(0, start - _TITLE_WINDOW), start)
    if lo < 0 and start > _TITLE_WINDOW:
        return False
    hi = text.find("\n", end, end + _TITLE_WINDOW)
    if hi < 0:
        if len(text) - end > _TITLE_WINDOW:
            return False
        hi = len(text)
    line = text[lo + 1 : hi]
    visible = len(line) - line.count(" ") - line.count("\u3000") - line.count("\t")
    return visible <= _TITLE_MAX and _PROSE_MARK.search(line) is None


_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK.match(ch) is not None


def _is_latin(ch: str) -> bool:
    return bool(ch) and _LATIN.match(ch) is not None


def _cjkish(ch: str) -> bool:
    return _is_cjk(ch) or ch in CJK_ONLY_PUNCT


Mode = Literal["remove", "keep", "pangu"]


@register
@dataclass(frozen=True)
class NormalizeSpacing(Normalizer):
    """Remove spurious spaces in Chinese text (or add pangu-style spaces, by mode).

    Changes (every mode): spaces next to Chinese punctuation are removed (``耦合性 ，构建
    “横向到边 、`` → ``耦合性，构建“横向到边、``); a run of ASCII spaces inside a line
    becomes one space. Between a CJK character and a Latin letter or digit, ``mode``
    decides: ``remove`` (default) removes the space (``研学 13 次`` → ``研学13次``, clreq:
    that gap is the renderer's business); ``keep`` leaves it; ``pangu`` puts exactly one
    space there, inserting it where missing (``中文123`` → ``中文 123``), and, as pangu
    does, also after ASCII ``! ? , : ; ~`` that follow CJK, around ``+ * = & | ^ \\``
    between two words one of which is CJK, before ``@name``/``#tag``/``$1`` and outside
    ASCII brackets touching CJK.

    Never touches: anything but white space; indentation at the start of a line;
    newlines; tabs and NBSP; spaces between two dashes (``- —``: removing them would
    make a dash run); a space between two CJK characters (it separates title parts,
    names in bylines, the halves of a slogan: ``通讯员 刁山融 李海军``); a run of
    ideographic spaces (``张　三``, paragraph separators); spaces next to ``“”—…`` in
    Latin text (``said “hello”``); the space after a section number that opens a line
    (``2.1 日志解析``); the space between a quotation and the next half of a short
    headline (``织密乡村“治理网” 画好党群“同心圆”``).

    >>> NormalizeSpacing()("关联性和耦合性 ，构建 “横向到边 、纵向到底 ”，集中研学 13 次")
    '关联性和耦合性，构建“横向到边、纵向到底”，集中研学13次'
    >>> NormalizeSpacing()("通讯员 刁山融 李海军")
    '通讯员 刁山融 李海军'
    >>> NormalizeSpacing("pangu")("在LaTeX中用3个参数")
    '在 LaTeX 中用 3 个参数'
    """

    name = "normalize_spacing"
    order = 90
    default = True

    mode: Mode = "remove"

    def __post_init__(self) -> None:
        if self.mode not in ("remove", "keep", "pangu"):
            raise ValueError(f"mode must be 'remove', 'keep' or 'pangu', got {self.mode!r}")

    def warm(self) -> None:
        """The pangu pattern (in pangu mode), compiled on first use otherwise."""
        if self.mode == "pangu":
            _pangu_re()

    def _fix_run(self, text: str, start: int, end: int, left: str, right: str) -> str:
        """The replacement of the space run ``text[start:end]``.

        ``left``/``right`` are the characters around the whole segment (spaces and
        shared marks such as ``“”—…``) the run belongs to: they decide whether those
        marks are Chinese here. Every decision depends only on characters that are
        not white space, so applying the result again changes nothing.
        """
        run = text[start:end]
        before = text[start - 1] if start > 0 else "\n"
        after = text[end] if end < len(text) else "\n"
        if before == "\n":  # indentation: never touched
            return run
        if before in DASH_RUN_CHARS and after in DASH_RUN_CHARS:
            # Between two dashes: removing it would make a dash run (``- —`` → ``-—``),
            # which normalize_punctuation reads anew (``——``): the chain would not be
            # idempotent.
            return run
        if IDEOGRAPHIC_SPACE in run:
            # Ideographic spaces are deliberate padding (张　三) or paragraph separators,
            # except one between two Latin letters/digits (from full-width Latin text).
            if run == IDEOGRAPHIC_SPACE and _is_latin(before) and _is_latin(after):
                return " "
            return run
        shared = before in SHARED_PUNCT or after in SHARED_PUNCT
        if after == "\n":  # trailing white space: only noise after Chinese punctuation
            chinese = before in CJK_ONLY_PUNCT or (before in SHARED_PUNCT and _cjkish(left))
            return "" if chinese else run
        if before in CJK_ONLY_PUNCT or after in CJK_ONLY_PUNCT:
            other = after if before in CJK_ONLY_PUNCT else before
            if self.mode == "pangu" and other in _ASCII_PUNCT:
                return run  # pangu's own style: "Darling." ，而非 stays
            return ""
        if (
            run == " "
            and (
                (before in _CLOSE_QUOTES and _is_cjk(after))
                or (_is_cjk(before) and after in _OPEN_QUOTES)
            )
            and _in_title_line(text, start, end)
        ):
            return run  # the halves of a headline: 织密乡村“治理网” 画好党群“同心圆”
        if shared and (_cjkish(left) or _cjkish(right)):
            return ""
        if (_is_cjk(before) and _is_latin(after)) or (_is_latin(before) and _is_cjk(after)):
            if (
                before.isdigit()
                and (after not in NUMERAL_UNITS or text[start - 2 : start - 1] == ".")
                and _SECTION_NUMBER.search(text, max(0, start - _SECTION_WINDOW), start)
                and _HEADING_REST.match(text, end, min(len(text), end + _HEADING_MAX))
            ):
                return run  # "2.1 日志解析": a numbered heading keeps its space
            if self.mode == "remove":
                return ""
            if self.mode == "pangu":
                return " "
        return " " if len(run) > 1 else run

    def _changes(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, old, new) of every space run that changes, in order.

        Without pangu, the segments are found from their space runs: a search for
        spaces alone (one character class, C speed) and the block of spaces and shared
        marks around each run; most segments are that one run. Same segments as
        ``_SEGMENT_RE``: a maximal block of spaces and shared marks holding a space.
        """
        if self.mode == "pangu":
            return self._pangu_changes(text)
        out: list[tuple[int, int, str, str]] = []
        n = len(text)
        pos = 0
        while (m := _SPACES.search(text, pos)) is not None:
            rs, re_ = m.span()
            # The first space run of its block (the previous block ended before pos):
            # only shared marks can precede it in the block.
            s = rs
            while s > 0 and text[s - 1] in SHARED_PUNCT:
                s -= 1
            e = re_
            if e < n and text[e] in SHARED_PUNCT:
                e = _BLOCK_REST.match(text, e).end()  # type: ignore[union-attr]  # always
            left = text[s - 1] if s > 0 else "\n"
            right = text[e] if e < n else "\n"
            if s == rs and e == re_:
                run = m.group()
                new = self._fix_run(text, rs, re_, left, right)
                if new != run:
                    out.append((rs, re_, run, new))
            else:
                for r in _SPACES.finditer(text, s, e):
                    run = r.group()
                    new = self._fix_run(text, r.start(), r.end(), left, right)
                    if new != run:
                        out.append((r.start(), r.end(), run, new))
            pos = e
        return out

    def _pangu_changes(self, text: str) -> list[tuple[int, int, str, str]]:
        out: list[tuple[int, int, str, str]] = []
        for m in _pangu_re().finditer(text):
            if m.lastgroup == "gap":
                out.append((m.start(), m.start(), "", " "))
                continue
            left = text[m.start() - 1] if m.start() > 0 else "\n"
            right = text[m.end()] if m.end() < len(text) else "\n"
            for r in _SPACES.finditer(text, m.start(), m.end()):
                new = self._fix_run(text, r.start(), r.end(), left, right)
                if new != r.group(0):
                    out.append((r.start(), r.end(), r.group(0), new))
        return out

    def edits(self, text: str) -> list[Edit]:
        # (only pangu inserts: an edit with nothing old is one of its gaps)
        return [
            Edit(s, e, old, new, "space", "" if old else "pangu")
            for s, e, old, new in self._changes(text)
        ]

    def __call__(self, text: str) -> str:
        """The edits applied without building :class:`Edit` objects (same result)."""
        parts: list[str] = []
        pos = 0
        for s, e, _old, new in self._changes(text):
            parts.append(text[pos:s])
            parts.append(new)
            pos = e
        if not parts:
            return text
        parts.append(text[pos:])
        return "".join(parts)

    @classmethod
    def variants(cls) -> list[Normalizer]:
        """One instance per mode."""
        return [cls("remove"), cls("keep"), cls("pangu")]
