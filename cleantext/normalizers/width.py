"""Full-width Latin letters, digits and symbols to half-width; half-width katakana to full."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..charsets import (
    ALNUM_BOTH_WIDTHS_CLASS,
    FULLWIDTH_ASCII_CLASS,
    FULLWIDTH_DIGIT_CLASS,
    FULLWIDTH_LATIN_CLASS,
    FULLWIDTH_RUN_SEPARATOR_CLASS,
    FULLWIDTH_SYMBOL_CLASS,
    HALFWIDTH_KATAKANA_CLASS,
)
from ..normalizer import Edit, Normalizer, apply_edits, regex_edits
from ..registry import register

#: U+FF01–FF5E → U+0021–007E.
_TO_HALF = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}

_A = f"[{ALNUM_BOTH_WIDTHS_CLASS}]"
_DIGITS3 = "[0-9\uff10-\uff19]{3}(?![0-9\uff10-\uff19])"
# A run of letters/digits (either width) joined by separators (either width), or a
# run of full-width symbols, or a run of half-width katakana. The alternatives start
# with disjoint classes and the run has no nested overlapping quantifiers: linear.
_PATTERN = re.compile(
    rf"(?P<run>{_A}+(?:(?:[{FULLWIDTH_RUN_SEPARATOR_CLASS}._@/:-]|[，,](?={_DIGITS3})){_A}+)*)"
    rf"|(?P<sym>[{FULLWIDTH_SYMBOL_CLASS}]+)"
    rf"|(?P<kana>[{HALFWIDTH_KATAKANA_CLASS}]+)"
)
_SPACING_MARK = {"\u3099": "\u309b", "\u309a": "\u309c"}
_FULLWIDTH = re.compile(f"[{FULLWIDTH_ASCII_CLASS}]")
# What a change needs (tests/test_prechecks.py): a full-width letter or digit, a
# full-width symbol or half-width katakana, or a full-width separator right after a
# letter or digit (``12：30``, ``1，000``). Chinese punctuation alone (，：（）) is not:
# most Chinese text has nothing to do here. Two searches, each starting with one
# character class, scan far faster than one alternation.
_CHANGE_CHAR = re.compile(
    f"[{FULLWIDTH_DIGIT_CLASS}{FULLWIDTH_LATIN_CLASS}{FULLWIDTH_SYMBOL_CLASS}"
    f"{HALFWIDTH_KATAKANA_CLASS}]"
)
# (A separator first, then the letter or digit before it: full-width separators are
# rare in Latin text, so the scan skips ahead on them.)
_CHANGE_SEPARATOR = re.compile(f"[{FULLWIDTH_RUN_SEPARATOR_CLASS}，](?<=[0-9A-Za-z].)")
# Any full-width form or half-width katakana at all (text without them is untouched).
_ANY = re.compile(f"[{FULLWIDTH_ASCII_CLASS}{HALFWIDTH_KATAKANA_CLASS}]")


def _replace(m: re.Match[str]) -> str:
    s = m.group(0)
    kind = m.lastgroup
    if kind == "kana":
        # NFKC on the half-width katakana only: it also joins ｶﾞ into ガ. A sound mark
        # with nothing to join becomes the spacing ゛/゜, not a combining mark.
        out = unicodedata.normalize("NFKC", s)
        return _SPACING_MARK.get(out[0], out[0]) + out[1:]
    if kind == "run" and _FULLWIDTH.search(s) is None:
        return s  # all half-width already: separators such as 1，2 are not ours
    return s.translate(_TO_HALF)


#: Once this many lines with a change were found, less than :data:`_DENSE_GAP`
#: characters apart on average, the rest of the text is scanned whole.
_DENSE_LINES = 32
_DENSE_GAP = 256


@register
@dataclass(frozen=True)
class NormalizeWidth(Normalizer):
    """Make full-width Latin letters, digits and ASCII symbols half-width; katakana full.

    Changes: ``ＡＢＣ１２３`` → ``ABC123``; ``＃＄％＆＊＋＜＝＞＠＼＾＿｀｜`` → ASCII;
    the separators of a full-width number or address (``１２：３０``, ``１，０００``,
    ``ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ``, ``０４７５－８１９``) with it; half-width katakana
    and half-width CJK punctuation → full-width (``ｶﾀｶﾅ`` → ``カタカナ``, ``ｶﾞ`` → ``ガ``,
    ``｡`` → ``。``).

    Never touches: the full-width punctuation Chinese uses as its own, which sits in
    the same Unicode block (``！＂＇（），－．／：；？［］｛｝～`` outside full-width
    numbers and addresses); the ideographic space U+3000 (normalize_spacing decides
    about it); ``￥`` and the rest of U+FFE0–FFEE; every other character. It never
    applies NFKC to the text (that would turn ``，`` into ``,``).

    >>> NormalizeWidth()("ＡＢＣ１２３，共计５０％（约）：ｶﾀｶﾅ")
    'ABC123，共计50%（约）：カタカナ'
    >>> NormalizeWidth()("会议于１２：３０开始，网址ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ。")
    '会议于12:30开始，网址www.example.com。'
    """

    name = "normalize_width"
    order = 70
    default = True

    def edits(self, text: str) -> list[Edit]:
        if _ANY.search(text) is None:
            return []
        # A match changes only when it holds a character of _CHANGE_CHAR or a full-width
        # separator after a letter or digit (_CHANGE_SEPARATOR): a run of half-width
        # letters and digits comes back as it is. No match holds a line break: only
        # the lines with such a character are scanned, each from its start, which no
        # match crosses. (Chinese text with a few full-width digits then costs a scan
        # for them, not a match for every ASCII word.)
        spans: list[list[int]] = []  # runs of such lines: [start, end)
        char = _CHANGE_CHAR.search(text)
        sep = _CHANGE_SEPARATOR.search(text)
        lines = 0
        while char is not None or sep is not None:
            at = min(m.start() for m in (char, sep) if m is not None)
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            lines += 1
            if end < 0 or (lines >= _DENSE_LINES and end - spans[0][0] < _DENSE_GAP * lines):
                end = len(text)  # (to the end: most lines have one, scanning all is cheaper)
            if spans and spans[-1][1] + 1 == start:
                spans[-1][1] = end  # (the next line: one scan for both)
            else:
                spans.append([start, end])
            if char is not None and char.start() < end:
                char = _CHANGE_CHAR.search(text, end)
            if sep is not None and sep.start() < end:
                sep = _CHANGE_SEPARATOR.search(text, end)
        out: list[Edit] = []
        for start, end in spans:
            out += regex_edits(_PATTERN, text, _replace, "width", pos=start, endpos=end)
        return out

    def __call__(self, text: str) -> str:
        edits = self.edits(text)
        return apply_edits(text, edits) if edits else text
