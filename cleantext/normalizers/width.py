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
from ..normalizer import Edit, Normalizer, regex_edits
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


def _may_change(text: str) -> bool:
    """False only when the step certainly leaves ``text`` as it is."""
    return _ANY.search(text) is not None and (
        _CHANGE_CHAR.search(text) is not None or _CHANGE_SEPARATOR.search(text) is not None
    )


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
        if not _may_change(text):
            return []
        return regex_edits(_PATTERN, text, _replace, "width")

    def __call__(self, text: str) -> str:
        if not _may_change(text):
            return text
        return super().__call__(text)
