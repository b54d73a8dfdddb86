"""The single home of character classes.

Every other module takes its character ranges from here, so that "what counts as
Han", "what ends a sentence" or "what is a closing bracket" is decided once.

Each class comes in two shapes:

* ``*_CLASS`` — the *inside* of a regular-expression bracket expression, to be used
  as ``f"[{HAN_CLASS}]"`` with either :mod:`re` or :mod:`regex`;
* a ``frozenset`` of single characters where the class is small enough to list, for
  ``ch in SET`` tests in hot loops.

Nothing here touches text; it only names characters.

>>> is_cjk("中"), is_cjk("a"), is_cjk("，")
(True, False, False)
>>> "。" in SENTENCE_END and "”" in CLOSING
True
"""

from __future__ import annotations

import re

# --- scripts -------------------------------------------------------------------------

#: Han ideographs: URO, Ext A, compatibility ideographs, Ext B and beyond (astral), 〇.
HAN_CLASS = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U0003134f"
)
#: Hiragana, katakana (incl. phonetic extensions) and half-width katakana.
KANA_CLASS = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
#: Hangul syllables and jamo.
HANGUL_CLASS = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
#: Bopomofo (zhuyin).
BOPOMOFO_CLASS = "\u3100-\u312f\u31a0-\u31bf"
#: Letters of the East Asian scripts that are written without spaces between words
#: (Hangul is written with spaces, so it is *not* part of this class).
CJK_LETTER_CLASS = HAN_CLASS + KANA_CLASS + BOPOMOFO_CLASS

#: Full-width forms block (U+FF01–U+FF5E mirrors ASCII 0x21–0x7E).
FULLWIDTH_ASCII_CLASS = "\uff01-\uff5e"
FULLWIDTH_DIGIT_CLASS = "\uff10-\uff19"
FULLWIDTH_LATIN_CLASS = "\uff21-\uff3a\uff41-\uff5a"

# --- punctuation ---------------------------------------------------------------------

#: Punctuation used in Chinese and Japanese running text (full-width and the
#: East-Asian-Width "A" ones such as “ ” — … · that EAW alone would miss).
CJK_PUNCT = frozenset(
    "、。，．：；？！…—·‧・「」『』（）〔〕【】《》〈〉〖〗〘〙〚〛“”‘’～〃〜〝〞〟"
    "﹏﹐﹑﹒﹔﹕﹖﹗﹙﹚﹛﹜﹝﹞"
    "！＂＃＄％＆＇（）＊＋，－．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～｟｠｡｢｣､･"
)
CJK_PUNCT_CLASS = (
    "".join(sorted(CJK_PUNCT))
    .replace("\\", "\\\\")
    .replace("]", "\\]")
    .replace("[", "\\[")
    .replace("^", "\\^")
    .replace("-", "\\-")
)

#: Characters that end a sentence (a line ending in one of these, possibly followed
#: by closing quotes/brackets, may end a paragraph).
SENTENCE_END = frozenset("。！？!?…．｡")
#: Characters that may end a paragraph in speeches and lists besides SENTENCE_END:
#: a colon before a list or a quotation, a semicolon ending a list item.
CLAUSE_END = frozenset("：；:;")
#: Closing quotes and brackets (they may follow a sentence end).
CLOSING = frozenset("”’」』）》〉】〕］｝〗〙〛〞〟)]}\"'")
#: Opening quotes and brackets.
OPENING = frozenset("“‘「『（《〈【〔［｛〖〘〚〝([{")
#: Characters that never start a line in Chinese typesetting (kinsoku): a line that
#: starts with one of these continues the previous line.
NO_LINE_START = frozenset("，。、；：？！）》」』”’】〕〉〗〙…·｡､,.;:?!)]}％%")

#: Dashes of all widths (hyphen-minus included).
DASHES = frozenset("-‐‑‒–—―－⸺⸻")
#: The Chinese dash (破折号) is two of these.
EM_DASH = "\u2014"
ELLIPSIS = "\u2026"

# --- white space ---------------------------------------------------------------------

IDEOGRAPHIC_SPACE = "\u3000"
#: Horizontal white space, including the ideographic space and NBSP (never newline).
HSPACE_CLASS = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
HSPACE = frozenset(" \t\u00a0\u1680\u202f\u205f\u3000") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)

# --- invisible and control characters ------------------------------------------------

#: Zero-width characters that carry no meaning in running text (ZWSP, word joiner,
#: BOM / ZWNBSP). ZWJ and ZWNJ are *not* here: emoji and several scripts need them.
ZERO_WIDTH_NOISE = frozenset("\u200b\u2060\ufeff")
ZWJ = "\u200d"
ZWNJ = "\u200c"
#: Line separators other than LF that text from other systems carries.
LINE_BREAKS = frozenset("\r\u2028\u2029\u0085\x0b")
FORM_FEED = "\f"
#: C0 and C1 control characters that are removed as noise (TAB, LF, FF and the line
#: breaks above are handled separately and are not in this class).
CONTROL_NOISE_CLASS = "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f"

#: Scripts that need ZWJ/ZWNJ (Arabic and Syriac, Indic scripts, Sinhala, Mongolian)
#: and emoji-adjacent characters (variation selectors, emoji modifiers, symbols).
JOINER_SCRIPT_CLASS = (
    "\u0600-\u08ff\u0700-\u074f\u0900-\u0dff\u1800-\u18af\ua8e0-\ua8ff\ufb50-\ufdff\ufe70-\ufeff"
    "\ufe00-\ufe0f\u2600-\u27bf\u2190-\u21ff\u2b00-\u2bff"
    "\U0001f000-\U0001faff\U000e0000-\U000e007f\U00011000-\U0001107f"
)

# --- ads and notices (added for remove_ads) -------------------------------------------

#: Bullets that open a marker line in newspaper layouts (``■广告``, ``▲招生广告``). Alone
#: they mark nothing: ``■ 本报记者 黄永礼`` is a byline.
AD_BULLETS = frozenset("■□▲△●○◆◇★☆▼▽►▶◎※")
#: Function characters of running Chinese prose: frequent in article sentences, rare in
#: ad copy (slogans, addresses, phone lines).
FUNCTION_CHARS = frozenset("的了是在和着也都就把被这那们他她它之而并将从但又还让其所于已过")
#: Punctuation that makes running prose: commas, enumeration commas, sentence ends.
PROSE_PUNCT = frozenset("，。！？；、,;!?")
#: Separators between slogan fragments (``宜居·宜商·宜投资``, ``销售 | 电话``).
SLOGAN_SEPARATORS = frozenset("·•・‧|｜")
#: ASCII and full-width digits, as a bracket-expression body.
DIGIT_CLASS = "0-9\uff10-\uff19"


# --- helpers -------------------------------------------------------------------------

_CJK_RE = re.compile(f"[{CJK_LETTER_CLASS}]")
_HAN_RE = re.compile(f"[{HAN_CLASS}]")


def is_cjk(ch: str) -> bool:
    """True for a Han, kana or bopomofo letter (not punctuation, not Hangul).

    >>> [is_cjk(c) for c in "中カㄅ가,，"]
    [True, True, True, False, False, False]
    """
    return bool(ch) and _CJK_RE.match(ch) is not None


def is_han(ch: str) -> bool:
    """True for a Han ideograph, including astral-plane extensions.

    >>> is_han("𠀀"), is_han("カ")
    (True, False)
    """
    return bool(ch) and _HAN_RE.match(ch) is not None


def count_cjk(text: str) -> int:
    """Number of CJK letters in ``text``.

    >>> count_cjk("abc中文")
    2
    """
    return len(_CJK_RE.findall(text))
