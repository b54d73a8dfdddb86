"""Newlines, control characters, zero-width noise and the BOM."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..charsets import (
    CJK_LETTER_CLASS,
    CJK_PUNCT_CLASS,
    CONTROL_NOISE_CLASS,
    FULLWIDTH_ASCII_CLASS,
)
from ..layout import spaces_after, spaces_before
from ..normalizer import Edit, Normalizer
from ..registry import register

# One alternation, scanned once:
#   nl   CRLF, CR, NEL, LS, PS, VT           -> "\n"
#   ff   a form feed not alone on its line   -> put on a line of its own
#   inv  a run of invisible characters (C0/C1 controls, ZWSP, word joiner, BOM, ZWJ,
#        ZWNJ), judged as a whole by its visible neighbours so that the result is the
#        same however the run was made up (idempotence):
#          controls, word joiner, BOM        -> removed
#          ZWSP                              -> kept only between Thai, Lao, Khmer or
#                                               Myanmar letters (a word boundary there)
#          ZWJ / ZWNJ                        -> removed only between two CJK characters;
#                                               kept elsewhere (emoji, Arabic, Persian,
#                                               Indic scripts need them)
# Line breaks: a form feed next to any of them is already on a line of its own.
_BREAKS = "\n\r\x0b\x85\u2028\u2029"
_SEA = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


@functools.cache
def _cjkish() -> re.Pattern[str]:
    """A CJK letter or mark (compiled on first use: only a ZWJ or ZWNJ needs it)."""
    return re.compile(f"[{CJK_LETTER_CLASS}{CJK_PUNCT_CLASS}{FULLWIDTH_ASCII_CLASS}\u3000]")


_INVISIBLE = f"{CONTROL_NOISE_CLASS}\u200b\u200c\u200d\u2060\ufeff"
_ALTERNATION = (
    r"(?P<nl>\r\n|[\r\x0b\x85\u2028\u2029])"
    r"|(?P<ff>(?<=[^\n\r\x0b\x85\u2028\u2029])\f|\f(?=[^\n\r\x0b\x85\u2028\u2029]))"
    rf"|(?P<inv>[{_INVISIBLE}]+)"
)
# The lookahead names every character a match can start with: the regex engine then
# skips ahead on that one class instead of trying the three alternatives at every
# position (same matches, about 3x faster on ordinary text).
_PATTERN = re.compile(rf"(?=[\r\x0b\x85\u2028\u2029\f{_INVISIBLE}])(?:{_ALTERNATION})")
# Cheap check: most text has none of these at all.
_ANY = re.compile(rf"[\r\x0b\x85\u2028\u2029\f{_INVISIBLE}]")
# Everything _ANY finds but CR: when none of it is there, the only change is CRLF/CR
# -> LF, which str.replace does without building one Edit per line.
_NOT_CR = re.compile(rf"[\x0b\x85\u2028\u2029\f{_INVISIBLE}]")


def _matches(text: str) -> Iterator[re.Match[str]]:
    """``_PATTERN.finditer(text)``, found faster: a plain search for the characters a
    match starts with (C speed, where the alternation is tried at every candidate
    position), then the pattern itself at each of them. A form feed alone on its line
    (the usual page break) is such a character without a match."""
    pos = 0
    while (c := _ANY.search(text, pos)) is not None:
        m = _PATTERN.match(text, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        yield m
        pos = m.end()


def _keep_invisible(run: str, before: str, after: str, near: tuple[str, str]) -> str:
    """What survives of a run of invisible characters between ``before`` and ``after``;
    ``near``: the nearest characters on either side that are not ASCII spaces, which
    decide for ZWJ/ZWNJ (normalize_spacing removes spaces next to CJK marks later in
    the chain: a ZWNJ before ``" 、"`` must go as one before ``"、"`` does)."""
    sea = bool(before and after and _SEA.match(before) and _SEA.match(after))
    cjk = all(c and _cjkish().match(c) for c in near)
    keep = []
    for ch in run:
        if (ch == "\u200b" and sea) or (ch in "\u200c\u200d" and not cjk):
            keep.append(ch)
    return "".join(keep)


@register
@dataclass(frozen=True)
class NormalizeControls(Normalizer):
    """Normalize newlines and remove control characters, zero-width noise and the BOM.

    Changes: CRLF, CR, NEL, U+2028/U+2029 and vertical tab become ``\\n``; a form feed
    (a page break) is put on a line of its own; NUL and the other C0/C1 control
    characters are removed; ZWSP, word joiner and BOM (anywhere, including a leading
    one) are removed; ZWJ/ZWNJ are removed only between two CJK characters (ASCII
    spaces between count as gone: normalize_spacing removes them next to CJK marks).

    Never touches: TAB and LF; ZWJ/ZWNJ next to anything but CJK on both sides (emoji
    sequences such as 👨‍👩‍👧, Persian, Arabic and Indic text need them); ZWSP between
    Thai, Lao, Khmer or Myanmar letters (it marks word boundaries there); combining
    marks, variation selectors, lone surrogates and every printable character.

    >>> NormalizeControls()("\\ufeff第一行\\r\\n第二\\u200b行\\x00")
    '第一行\\n第二行'
    >>> NormalizeControls()("page one\\fpage two") == "page one\\n\\f\\npage two"
    True
    """

    name = "normalize_controls"
    order = 20
    default = True

    def warm(self) -> None:
        """The CJK class that ZWJ and ZWNJ are judged by, built on first use otherwise."""
        _cjkish()

    def edits(self, text: str) -> list[Edit]:
        if _ANY.search(text) is None:
            return []
        out: list[Edit] = []
        for m in _matches(text):
            kind = m.lastgroup or ""
            old = m.group(0)
            if kind == "nl":
                out.append(Edit(m.start(), m.end(), old, "\n", "newline"))
            elif kind == "ff":
                before = m.start() > 0 and text[m.start() - 1] not in _BREAKS
                after = m.end() < len(text) and text[m.end()] not in _BREAKS
                new = ("\n" if before else "") + "\f" + ("\n" if after else "")
                out.append(Edit(m.start(), m.end(), old, new, "page-break"))
            else:
                before = text[m.start() - 1] if m.start() else ""
                after = text[m.end()] if m.end() < len(text) else ""
                # (a space run is walked at most twice)
                i, j = spaces_before(text, m.start()), spaces_after(text, m.end())
                near = (text[i - 1] if i else "", text[j] if j < len(text) else "")
                new = _keep_invisible(old, before, after, near)
                if new != old:
                    out.append(Edit(m.start(), m.end(), old, new, "invisible"))
        return out

    def __call__(self, text: str) -> str:
        if _ANY.search(text) is None:
            return text
        if "\r" in text:
            # Windows/old-Mac newlines, replaced without one Edit object per line. The
            # other rules treat CR as a newline too, so replacing it first changes nothing
            # else (checked against the edits by tests/test_adversarial.py).
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            if _NOT_CR.search(text) is None:
                return text
        return super().__call__(text)
