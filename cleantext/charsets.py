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

import bisect
import contextlib
import functools
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
#: The same characters as one string, for ``str.strip`` and friends.
HSPACE_CHARS = "".join(sorted(HSPACE))

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


@functools.cache
def _han_re() -> re.Pattern[str]:
    """:data:`HAN_CLASS` compiled on first use (the steps do not need it)."""
    return re.compile(f"[{HAN_CLASS}]")


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
    return bool(ch) and _han_re().match(ch) is not None


def count_cjk(text: str) -> int:
    """Number of CJK letters in ``text``.

    >>> count_cjk("abc中文")
    2
    """
    return len(_CJK_RE.findall(text))


# --- added for dedupe_glyphs (duplicated-glyph headings) ------------------------------

#: Marks that frame a heading or a column label (brackets, quotes, middle dots,
#: bullets). PDF extraction often leaves them single while the glyphs between them are
#: doubled (`「字字节节跳跳动动」`), so they may stand undoubled at the edges of a line.
HEADING_FRAME = OPENING | CLOSING | frozenset("·•・‧■□●○◆◇▲△★☆※")
#: Characters whose run of two is one unit in Chinese (`——`, `……`): such a run inside a
#: doubled line is kept as it is, not taken for a doubled single dash or ellipsis.
PAIRED_UNITS = frozenset(EM_DASH + ELLIPSIS)
#: Latin ligature glyphs (ﬁ ﬂ ﬃ ﬄ) as text extraction spells them out: a doubled ligature
#: comes out as ``fifi``, a repeated two-letter span rather than two doubled letters.
LIGATURE_SPELLINGS = ("ffi", "ffl", "fi", "fl")
#: Marks that end a label before its value on the same line (``项目描述：…``).
LABEL_END = CLAUSE_END | frozenset("，,、")


# --- character-level normalizers (fix_encoding, normalize_width, normalize_punctuation,
# --- normalize_spacing, convert_script): additions -------------------------------------

#: Lone surrogates (only reachable through ``surrogateescape``/``surrogatepass``).
SURROGATE_CLASS = "\ud800-\udfff"


def run_of(char_class: str) -> str:
    """A pattern for a run of one or more characters of ``char_class`` (what goes
    between ``[`` and ``]``), written ``[c][c]*`` rather than ``[c]+``. The matches are
    the same, but CPython's ``re`` (3.10 to 3.13) skips ahead at C speed only to a
    pattern whose first item is a class, not a repeat. A whole-text search for a rare
    run (spaces in Chinese text, lone surrogates) is then 2–3× faster.

    >>> import re
    >>> re.findall(run_of(" \u3000"), "a  b\u3000c")
    ['  ', '\u3000']
    """
    return f"[{char_class}][{char_class}]*"


def _decode_rows(codec: str, rows: range, trails: list[int], last: tuple[int, int]) -> set[str]:
    """The characters that the two-byte sequences (row, trail) up to ``last`` decode to
    under ``codec``, each sequence on its own (those that do not decode are skipped).
    A row is decoded at once when every sequence in it decodes to one character (the
    codec is stateless and no character is longer than two bytes: then each character
    is that of its own sequence); otherwise sequence by sequence."""
    out: set[str] = set()
    for hi in rows:
        pairs = [bytes((hi, lo)) for lo in trails if (hi, lo) <= last]
        with contextlib.suppress(UnicodeDecodeError):
            row = b"".join(pairs).decode(codec)
            if len(row) == len(pairs):
                out.update(row)
                continue
        for pair in pairs:
            with contextlib.suppress(UnicodeDecodeError):
                out.add(pair.decode(codec))
    return out


#: Frequently used Han characters: GB 2312-80 level 1 (一级汉字, the 3755 most common
#: Simplified characters, rows 16–55) together with Big5's 常用國字 (the 5401 frequently
#: used Traditional characters, A440–C67E): 6722 characters, taken from Python's own
#: codecs, so no data file is needed. They cover 99.98 % of the Han characters of the
#: five seed documents. Used to judge whether a mojibake repair gives "better" text.
COMMON_HAN_SIMPLIFIED = frozenset(
    _decode_rows("gb2312", range(0xB0, 0xD8), list(range(0xA1, 0xFF)), (0xD7, 0xF9))
)
COMMON_HAN_TRADITIONAL = frozenset(
    _decode_rows("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)], (0xC6, 0x7E))
)
COMMON_HAN = COMMON_HAN_SIMPLIFIED | COMMON_HAN_TRADITIONAL
#: Characters that mojibake of Chinese produces and clean Chinese text rarely has:
#: Latin-1 supplement letters and symbols (GB18030 bytes read as Latin-1) except those
#: Chinese text uses itself (NBSP ° ± ² ³ · × ÷), and CJK letters (Han, kana, Hangul)
#: outside :data:`COMMON_HAN` (:func:`rare_cjk_class`).
LATIN1_MOJIBAKE_CLASS = "\u00a1-\u00af\u00b4-\u00b6\u00b8-\u00d6\u00d8-\u00f6\u00f8-\u00ff"


@functools.cache
def rare_cjk_class() -> str:
    """The bracket-expression body of CJK letters (Han, kana, Hangul) not in COMMON_HAN.

    >>> import re
    >>> rx = re.compile(f"[{rare_cjk_class()}]")
    >>> [bool(rx.match(c)) for c in "中浣犲ソ"]
    [False, True, True, True]
    """
    common = sorted(ord(c) for c in COMMON_HAN)
    ranges: list[str] = []
    bmp = [(0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF)]
    bmp += [(0xF900, 0xFAFF)]
    for lo, hi in bmp:  # the gaps between the common characters of each block
        start = lo
        for cp in common[bisect.bisect_left(common, lo) : bisect.bisect_right(common, hi)]:
            if cp > start:
                ranges.append(f"{chr(start)}-{chr(cp - 1)}" if cp - 1 > start else chr(start))
            start = cp + 1
        if start <= hi:
            ranges.append(f"{chr(start)}-{chr(hi)}" if hi > start else chr(start))
    return "".join(ranges) + "\U00020000-\U0002fa1f\U00030000-\U0003134f"


@functools.cache
def han_class_outside(chars: frozenset[str]) -> str:
    """The bracket-expression body of the Han ideographs (:data:`HAN_CLASS`) not in ``chars``.

    >>> import re
    >>> rx = re.compile(f"[{han_class_outside(COMMON_HAN_SIMPLIFIED)}]")
    >>> [bool(rx.match(c)) for c in "中們〇a"]
    [False, True, True, False]
    """
    ranges: list[tuple[int, int]] = []
    body = HAN_CLASS
    i = 0
    while i < len(body):  # HAN_CLASS: single characters and a-b ranges, no escapes
        lo = hi = ord(body[i])
        if i + 2 < len(body) and body[i + 1] == "-":
            hi = ord(body[i + 2])
            i += 2
        i += 1
        ranges.append((lo, hi))
    out: list[str] = []
    for lo, hi in ranges:
        start = lo
        for cp in sorted(ord(c) for c in chars if lo <= ord(c) <= hi):
            if cp > start:
                out.append(chr(start) if cp - 1 == start else f"{chr(start)}-{chr(cp - 1)}")
            start = cp + 1
        if start <= hi:
            out.append(chr(start) if hi == start else f"{chr(start)}-{chr(hi)}")
    return "".join(out)


#: Characters that ftfy's mojibake detector (``ftfy.badness.BADNESS_RE``, ftfy 6.3) can
#: only match through, besides its categories c1/bad/law/currency/numeric/
#: upper_accented/lower_accented/box (which ``fix_encoding`` takes from ftfy itself):
#: ``Ù`` (Arabic-in-cp1252 rule), ``‚`` (MacRoman rule ``‚[âó][àä°ê]``), ``Ђ`` (cp1251
#: ``вЂ``), ``ВГРС`` (cp1251 three-letter rule), ``ΒΓΞΟ`` (cp1253 rule). Every other rule
#: needs a character of one of those categories. ESC is what ftfy's only other enabled
#: fixer (terminal escapes) acts on.
FTFY_EXTRA_TRIGGERS = "\u00d9\u201a\u0402\u0412\u0413\u0420\u0421\u0392\u0393\u039e\u039f\x1b"

#: Full-width ASCII symbols that are never Chinese punctuation: always made half-width.
FULLWIDTH_SYMBOL_CLASS = "＃＄％＆＊＋＜＝＞＠＼＾＿｀｜"
#: Full-width forms that Chinese uses as its own punctuation (U+FF01–FF5E holds them
#: too): kept by normalize_width, except the separators below inside a full-width
#: number or Latin run (``１２：３０``, ``ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ``).
FULLWIDTH_CJK_PUNCT = frozenset("！＂＇（），－．／：；？［］｛｝～")
#: Separators made half-width between full-width letters/digits (``，`` only before
#: exactly three digits: ``１，０００``).
FULLWIDTH_RUN_SEPARATOR_CLASS = "．／－：＿＠"
#: Half-width katakana and the half-width CJK punctuation block (U+FF61–FF9F).
HALFWIDTH_KATAKANA_CLASS = "\uff61-\uff9f"
#: ASCII letters and digits in both widths.
ALNUM_BOTH_WIDTHS_CLASS = "0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"

#: Punctuation shared by Chinese and Latin typography (East Asian Width "A"): a space
#: next to one of these is only Chinese spacing noise when the mark touches CJK.
SHARED_PUNCT = frozenset("“”‘’—…·‧―–")
#: CJK punctuation that never occurs in Latin text: a space next to it is noise.
CJK_ONLY_PUNCT = CJK_PUNCT - SHARED_PUNCT
#: Latin letters and digits that the CJK/Latin spacing rules look at (ASCII, Latin-1
#: and Latin Extended-A letters, Greek).
LATIN_ALNUM_CLASS = "0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f\u0370-\u03ff"

#: Closing marks after which ASCII punctuation is still in Chinese context (“你好”,他说).
CJK_CLOSING_CLASS = "”’）》」』】〕〉〗"
#: Dash characters that make up a Chinese dash run (``———``, ``－－``, ``--``).
DASH_RUN_CLASS = "\u2014\u2015\uff0d\\-"
#: The same characters as a set.
DASH_RUN_CHARS = frozenset(DASH_RUN_CLASS.replace("\\", ""))
#: ASCII punctuation → the full-width mark Chinese uses.
ASCII_TO_CJK_PUNCT = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}


# --- numbers in Chinese text ---------------------------------------------------------

#: Measure words and units that follow a number in Chinese prose (``3 月``, ``13 次``,
#: ``5 万元``): a number followed by one of these is a quantity, never a section number.
#: (``日`` is left out: ``2.1 日志解析`` is a heading, and ``10 日`` follows ``月`` anyway.)
NUMERAL_UNITS = frozenset("年月号时分秒点个次名位元角万亿千百岁天周期项条件人家所倍米克斤吨度届")


# --- page markers (added for remove_page_marks) --------------------------------------

#: ASCII and full-width decimal digits: the digits page numbers are printed with.
#: (Only these two: a digit normaliser that maps every Unicode digit, or that maps
#: full-width ``１`` by code-point arithmetic, goes wrong — see PRIOR-ART.md §3.)
PAGE_DIGIT_CLASS = "0-9\uff10-\uff19"
#: Dashes of all widths as the inside of a bracket expression (the same set as DASHES).
DASH_CLASS = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\uff0d\u2e3a\u2e3b"
#: Middle dots and bullets that decorate page numbers (``·12·``, ``• 12 •``).
MIDDLE_DOT_CLASS = "\u00b7\u2022\u2027\u2219\u30fb\uff65"
#: Square brackets that enclose a page number on a line of its own (``[12]``, ``〔12〕``):
#: openers and closers, as the inside of a bracket expression.
PAGE_BRACKET_OPEN_CLASS = "\\[\uff3b\u3014"
PAGE_BRACKET_CLOSE_CLASS = "\\]\uff3d\u3015"


# --- added for reflow (line-wrap repair) -----------------------------------------------

#: Characters that take two columns in a CJK layout: East Asian Width W and F, plus the
#: Width "A" punctuation that Chinese fonts set full width (“ ” ‘ ’ … — ·).
WIDE_CLASS = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60"
    "\uffe0-\uffe6\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd"
    "\u201c\u201d\u2018\u2019\u2026\u2014\u00b7\u2015"
)
#: Paragraph-list bullets that start a list item when they open a line.
BULLETS = frozenset("●■□◆◇▲△▶►•○◎★☆※")
#: Chinese numerals used in heading and list markers (一、 （一） 第一章).
CJK_NUMERALS = "一二三四五六七八九十百千零〇两"

#: Frequent Han characters, most frequent first (in news and government texts like the
#: seeds, then in modern Chinese). A speed hint only: the prefilter scans faster for
#: fragments keyed on rarer characters; no decision depends on it.
HAN_BY_FREQUENCY = (
    "党的建作工组织和基业层区要实一部有社中在发务动员强力理新企展是化会全大进治制各领为体重市"
    "抓设主推国不地导行委村机等管好任开群人到政成加干年合责出了方个面提用服度城关职心题来与经"
    "以对位记坚能立把创公形点上系书持活平单众问落同整效习式入项民街义统现共深高道生定三做学联"
    "兴结考引事改支时级央分网向产格标量思总域决办挥明资核保多范就求过下集门指安本协情意负解近"
    "督法调升议性评我从起风识目乡施难团四局规队严专自家省商通策想场二文完们步育确造增突更革带"
    "内两战聚监认精选程质手优先司流示打研围居子台融着长教才月促济转报头积查于准态营志小善得表"
    "署减极常农前正广清双健真特互路参培条这次传县取照将疫筹让振线固构措使伍也型运日后充贯断交"
    "按班续验接斗切之功五划况谈宣防信非显源所注权及配索代果第少牢最牌看计神探变没际担盖攻覆其"
    "凝山势驻每具期讲还检障名当例论物十彻身相础根置纪比绕紧派视官底召律品帮备色僚收万针见执脱"
    "必间愿者则印模类究树需环破技阵感九些青困应镇反快念座垒处供放批直贫水车属如列亮楼弱数控证"
    "稳述谋践排廉堡率件江今科举跟助彰走综章存并他话达边益察亲试纳利六履命硬差须终依始观争约密"
    "扎细外校洁号岗较北原由天师足养段园去训激绩肃但别托访户而西维费刻卫容历序都努键素载励距扩"
    "鲜投住典递价竞普承东富医电据微受奋护院予采往史锋宇远说么齐种移金待块案扶遍气氛厅术智京林"
    "补值觉订再圈浙献限兼越辖爱致逐享找何包或口板胜无良百克里离征戒初此半尽够守赛拔撑州巩握可"
    "言厦招焦散周境税鼓听被知届站热息送什薄老室映扬海急汇福元份节武湖短靠频修否张牵仅消德很复"
    "换土暖已既航赋延至拓搞析桥赢财响壮首样给随醒丰扣夯角账苏独几倾讨课压适签状临络沉纠满搭荣"
    "抗编矿慧链险简挂房康红马矛册浓七因华石盾炼秀巡束契装忘泛灯奖府速烈略遵违顺迎回吉未顿筑只"
    "徽遇然旗圳火启写美骨星脚席宜低又留休审摩伸折闻退影告弘吹巷幸贡余轻警阶花锻曾汉继谐吸摆顶"
    "楚套陕卖便妇除味你那她声己儿女世却军太眼笑白叫死光王界象它许八望毛南字请算吃怎夫连该候父"
    "即士空甚语英李呢令黄脸钱倒音跑云"
)
