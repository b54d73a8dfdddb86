"""Stray ads and notices: remove the ad blocks that extraction mixed into article text."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..charsets import (
    AD_BULLETS,
    CJK_LETTER_CLASS,
    CLAUSE_END,
    CLOSING,
    DIGIT_CLASS,
    FUNCTION_CHARS,
    HAN_BY_FREQUENCY,
    HSPACE,
    HSPACE_CHARS,
    HSPACE_CLASS,
    NO_LINE_START,
    PROSE_PUNCT,
    SENTENCE_END,
    SLOGAN_SEPARATORS,
)
from ..layout import content, estimate_wrap_width, indent, is_blank, list_marker, removals_in_parts
from ..normalizer import Edit, Normalizer, apply_edits
from ..registry import register
from ..sre import constants as _sre_c
from ..sre import parser as _sre_parse

_D = DIGIT_CLASS
_S = HSPACE_CLASS
_BULLETS = "".join(sorted(AD_BULLETS))

# --- line features -----------------------------------------------------------------------
# Every pattern below is a flat alternation with bounded quantifiers: linear, no
# catastrophic backtracking. They are searched once per unit (a logical line).

#: A marker line: the whole (short) line announces an ad.
_MARKER = re.compile(
    rf"[{_BULLETS}]?[{_S}]?[\[【〔（(]?"
    r"(?:(?:招生|招聘|招商|房产|地产|医疗|健康|教育|商业|分类|公益|企业|形象|推广|促销|商品|家居"
    r"|汽车|旅游|金融|食品|文化)?"
    rf"广[{_S}]{{0,3}}告"
    r"|招聘|诚聘|急聘|高薪诚聘|诚聘英才|招生|招商|招租|出租|出售|转让|寻人|寻物"
    r"|ADVERTISEMENT|Advertisement|advertisement|ADVERTISING|Advertising"
    r"|SPONSORED(?: CONTENT| POST)?|Sponsored(?: content| post)?"
    r"|PAID (?:CONTENT|POST)|Paid (?:content|post)|PROMOTED|Promoted"
    r"|(?:招聘|招生|招商|寻人|寻物|开业|迁址|更名|拍卖)(?:启事|简章|公告)|遗失声明|声明作废|分类信息)"
    rf"[\]】〕）)]?[{_S}]?[{_BULLETS}]?"
)
_MARKER_MAX = 24

#: Telephone numbers: Chinese mobile, landline with area code, 400/800 service numbers,
#: North-American style; never part of a longer digit run.
_PHONE = re.compile(
    rf"(?<![{_D}])(?:"
    rf"(?:\+?86[{_S}-]?)?1[3-9][{_D}][{_S}-]?[{_D}]{{4}}[{_S}-]?[{_D}]{{4}}"
    rf"|0[{_D}]{{2,3}}[-－—‐{_S}]?[{_D}]{{3,4}}[{_S}-]?[{_D}]{{3,4}}"
    rf"|[48]00[{_S}-]?[{_D}]{{3}}[{_S}-]?[{_D}]{{4}}"
    rf"|1-800-[{_D}]{{3}}-[{_D}]{{4}}"
    rf"|\(?[{_D}]{{3}}\)?[ .-][{_D}]{{3}}[ .-][{_D}]{{4}}"
    rf")(?![{_D}])"
)
_PHONE_LABEL = re.compile(
    r"电话|热线|手机|专线|订购|报名电话|咨询电话|联系电话|TEL|Tel|tel|Phone|phone|Call|call|☎|📞"
)
#: Licence and permit numbers that only ads print (strong): the word followed by a
#: number within a few characters (``房预售证第158-183号``, ``医广〔2023〕``). The word
#: alone is article vocabulary (``未取得预售许可证``).
_LICENCE = re.compile(
    r"(?:预售证|预售许可证?|销售许可证|广审|医广|药广|械广|食广|健广|广告审查|审批文号|批准文号"
    r"|办学许可证?|许可证号|执业许可证|人力资源服务许可证?|ICP备|备案号)"
    rf"[^，。；\n]{{0,8}}?[{_D}]"
)
#: Ad disclaimers (strong).
_DISCLAIMER = re.compile(
    r"本广告|要约邀请|以合同为准|以合同约定为准|以政府(?:最终)?批[文准]|以实物为准|以实际交付为准"
    r"|[Tt]erms (?:and|&) [Cc]onditions apply|T&Cs apply|[Tt]erms apply|[Vv]oid where prohibited"
)
#: Softer ad fine print (score 2): also found in article sentences.
_FINE_PRINT = re.compile(
    r"最终解释权|效果图|仅供参考|投资有风险|请遵医嘱|请按药品说明书|按说明书使用|不代表本报观点"
    r"|[Ww]hile supplies last|[Oo]ffer (?:valid|ends)|[Pp]aid for by"
)
_PRICE = re.compile(
    rf"[¥￥$€£][{_S}]?[{_D}]"
    rf"|[{_D}](?:元|块)[/每](?:㎡|平|平米|月|年|件|套|位|人|节|课时|次|盒|瓶|天|晚|期|颗|只|台)"
    rf"|[{_D}](?:元|万)起|起售|均价|特价|优惠价|低至|折起|[{_D}一二三四五六七八九](?:\.[{_D}])?折"
    rf"|买[一二三{_D}]送[一二三{_D}]|原价|现价|秒杀|包邮|[{_D}]% ?(?:off|OFF|Off)"
    rf"|[Ff]ree shipping|[Hh]alf price"
)
_AREA = re.compile(rf"[{_D}][{_S}]?(?:m²|㎡|m2|M2|平米|平方米|sq\.? ?ft)")
_QR = re.compile(
    r"扫码|扫一扫|扫描二维码|二维码|微信号|加微信|微信[:：]|[Vv][Xx][:：]|WeChat"
    r"|QR code|[Ss]can the code"
)
_ADDRESS = re.compile(
    rf"址[:：]|接待中心|售楼处|营销中心|售楼中心|展示中心|体验中心|门店[:：]"
    rf"|[{_D}](?:号楼|栋|幢|单元|室)|交汇处|交叉口|(?:路|街|道|巷)[{_D}]{{1,5}}号"
    r"|[0-9]{1,5} [A-Z][a-z]+ (?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.)|Suite [0-9]"
)
_URL = re.compile(r"www\.|https?://|\.com|\.cn|\.org")
_EMAIL = re.compile(r"[A-Za-z0-9._-]@[A-Za-z0-9-]{1,63}\.[A-Za-z]")
#: Fields of a notice or an event listing (``时间：``, ``地点：``).
_FIELDS = re.compile(r"(?:时间|地点|主题|对象|费用|名额|截止|报名方式|乘车路线)[:：]")
#: Words of ad copy (education, medical, retail, recruitment, property…); weak, capped.
_AD_WORDS = re.compile(
    r"招生|报名|招聘|诚聘|高薪|薪资|待遇|面议|五险一金|包吃住|双休|热招|急聘|名额有限|开班|试听"
    r"|名师|小班|一对一|学费|门诊|坐诊|挂号|医保定点|无痛|专治|根治|疗程|开盘|热销|在售|精装"
    r"|拎包入住|样板间|现房|交房|首付|楼盘|宜居|全场|促销|开业|酬宾|钜惠|火爆|旗舰店|专卖|加盟"
    r"|欢迎来电|来电|免费|致电|详询|垂询|从速|即日起|火热|限时|抢购|品质|尊享|臻品|光临|惠顾|恭候"
    r"|有意者|简历|底薪|提成|学历|者优先|应聘|面试|讲座|开发商|专科|特卖|积分|额满|加推"
    r"|小程序|详见"
    r"|[Cc]all now|[Hh]iring|[Aa]pply now|[Ee]nroll|[Ss]ign up|[Bb]ook now|[Vv]isit us"
    r"|[Oo]pen daily"
    r"|SALE|[Ll]imited time|[Ff]ree (?:trial|consultation|estimate)|[Ss]ave up to"
    r"|[Ff]ree\b|[Cc]lasses|[Ll]essons?|[Cc]ourses?|[Dd]iscount|[Oo]ff\b|[Oo]pen 7 days"
)
_AD_WORDS_CAP = 3
_CONTENT_FEATURES = (
    _LICENCE,
    _DISCLAIMER,
    _PHONE,
    _PRICE,
    _AREA,
    _QR,
    _ADDRESS,
    _FINE_PRINT,
    _URL,
    _EMAIL,
    _FIELDS,
    _AD_WORDS,
)
_ALL_CAPS = re.compile(r"[A-Z][A-Z0-9&'. -]{2,40}")
#: Bylines and source notes: never ad evidence of their own.
_BYLINE = re.compile(
    r"记者|通讯员|本报讯|据[^，。]{0,12}电|新华社|供稿|编辑[:：]|责编|来源[:：]|作者[:：]|摄影|图/|文/"
    r"|[Rr]eporter|[Cc]orrespondent|^By [A-Z]"
)
_BYLINE_MAX = 40
#: A structural heading marker (``第三章``, ``一、``, ``（二）``): such a line is the
#: article's outline, never an ad's title, even right next to an ad block.
_OUTLINE_MARKER = re.compile("[第一二三四五六七八九十百]")
_CJK = re.compile(f"[{CJK_LETTER_CLASS}]")
_NOT_CJK = re.compile(f"[^{CJK_LETTER_CLASS}]+")
_FUNC = re.compile(f"[{re.escape(''.join(sorted(FUNCTION_CHARS)))}]")
_PUNCT = re.compile(f"[{re.escape(''.join(sorted(PROSE_PUNCT)))}]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_LATIN_FUNCTION = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "was",
        "were",
        "are",
        "a",
        "an",
        "for",
        "on",
        "that",
        "with",
        "by",
        "at",
        "from",
        "it",
        "as",
        "be",
        "has",
        "have",
        "this",
        "when",
        "after",
        "would",
        "will",
        "said",
        "which",
        "who",
        "but",
        "or",
        "not",
        "their",
        "they",
        "he",
        "she",
        "we",
        "its",
        "been",
        "had",
        "also",
    ]
)
_SEPARATED = re.compile(f"[{_S}]*[{re.escape(''.join(sorted(SLOGAN_SEPARATORS)))}][{_S}]*")
_SPACED = re.compile(f"[{_S}]+")
_CLAUSE_TAIL = frozenset(SENTENCE_END | CLAUSE_END | frozenset("，,、"))
_NO_START = NO_LINE_START | CLOSING
_TAIL_START = re.compile(f"[{_D}A-Za-z{re.escape(''.join(sorted(NO_LINE_START | CLOSING)))}]")
_LATIN_END = re.compile(r"[A-Za-z0-9,;-]\Z")
_NUMBER_TAIL = re.compile(rf"第?[{_D}]")
_LATIN_RUN_ON = re.compile(r"[a-z0-9(]")
_LATIN_EDGE = re.compile(r"[A-Za-z0-9,.;:!?)%$]")


# --- candidate lines: one scan of the whole text -------------------------------------------
# A block needs an ``ad`` or ``marker`` unit (a *seed*): a marker, a licence or a
# disclaimer, or an ad score of 2 or more. Every seed has a content feature or a marker
# (form alone reaches 2 only on a ``【…】`` line that is also a slogan). _PREFILTER finds,
# in a scan of the lines set end to end, a line of every unit that may be a seed: each
# feature pattern is reduced to *fragments* (``本广告``, ``[Cc]onditions apply``, ``@``…)
# of which every one of its matches contains one, derived from the pattern itself
# (_fragments), so that the rules keep one definition; phone numbers and bracket lines
# have a scan of their own. A document without a hit has no block; elsewhere the units
# are only built and labelled around the hits (_Layout). A hit that only an ad word, a
# URL or a notice field can explain, on a line that rules out a form score, is worth one
# point at most: its line is a candidate only when another such hit may share its unit
# (_hit_kind, _candidate_lines). tests/test_ads.py checks that the edits are those of a
# run with every line a candidate.

_REPEATS = tuple(
    getattr(_sre_c, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(_sre_c, name)
)
_MAX_CLASS = 64  # a larger character class is never a fragment position
_MAX_COPIES = 4  # positions kept of a repeated character class
_MAX_WORDS = 128  # strings kept of a run
_HSPACE_SET = HSPACE
_CLOSING_STR = "".join(sorted(CLOSING))
_LATIN_EDGE_SET = frozenset(c for c in map(chr, range(128)) if _LATIN_EDGE.match(c))


def _one_char(op: object, av: object) -> frozenset[str] | None:
    """The characters a single-character node matches (``None``: not one, or too many)."""
    if op is _sre_c.LITERAL:
        return frozenset(chr(av))  # type: ignore[arg-type]
    if op is not _sre_c.IN:
        return None
    chars: set[str] = set()
    for o, a in av:  # type: ignore[attr-defined]
        if o is _sre_c.LITERAL:
            chars.add(chr(a))
        elif o is _sre_c.RANGE and a[1] - a[0] < _MAX_CLASS:
            chars.update(map(chr, range(a[0], a[1] + 1)))
        else:  # a negated class, a category (\d, \w…)
            return None
    return frozenset(chars) if len(chars) <= _MAX_CLASS else None


_HAN_RANK = {c: i for i, c in enumerate(HAN_BY_FREQUENCY)}


@functools.cache
def _char_cost(ch: str) -> float:
    """A rough frequency of ``ch`` in text (only used to pick selective fragments)."""
    if ch in _HSPACE_SET:
        return 0.2
    if ch.isdigit():
        return 0.02
    if ch.isascii():
        if ch.isalpha():
            return 0.03 if ch.islower() else 0.005
        return 0.01 if ch in ".,-:;/()'" else 0.001
    rank = _HAN_RANK.get(ch)
    if rank is not None:
        return 0.001 + 0.01 * (len(_HAN_RANK) - rank) / len(_HAN_RANK)
    return 0.0005 if ch.isalpha() else 0.01


def _cost(frags: list[tuple[frozenset[str], ...]]) -> float:
    total = 0.0
    for frag in frags:
        p = 1.0
        for item in frag:
            p *= min(1.0, sum(map(_char_cost, item)))
        total += p
    return total


def _trim(frag: tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...]:
    """``frag`` without positions that may hold white space at its ends."""
    lo, hi = 0, len(frag)
    while lo < hi and frag[lo] & _HSPACE_SET:
        lo += 1
    while hi > lo and frag[hi - 1] & _HSPACE_SET:
        hi -= 1
    return frag[lo:hi]


def _language(nodes: object) -> list[tuple[frozenset[str], ...]] | None:
    """All the runs of positions that the node sequence ``nodes`` matches, when they are
    few (no anchor, look-around or long repeat in it); ``None`` otherwise."""
    words: list[tuple[frozenset[str], ...]] = [()]
    for op, av in nodes:  # type: ignore[attr-defined]
        one = _one_char(op, av)
        opts: list[tuple[frozenset[str], ...]] | None
        if one is not None:
            opts = [(one,)]
        elif op is _sre_c.SUBPATTERN and not av[1] & re.IGNORECASE:
            opts = _language(av[3])
        elif op is _sre_c.BRANCH:
            opts = []
            for alt in av[1]:
                sub = _language(alt)
                if sub is None:
                    return None
                opts += sub
        elif op in _REPEATS and av[1] <= 3:
            lo, hi, body = av
            inner = _language(body)
            opts = None if inner is None else []
            for n in range(lo, hi + 1):
                seqs: list[tuple[frozenset[str], ...]] = [()]
                for _ in range(n):
                    seqs = [a + b for a in seqs for b in inner or ()]
                if opts is not None:
                    opts += seqs
        else:
            return None
        if opts is None or len(words) * len(opts) > _MAX_WORDS:
            return None
        words = [w + o for w in words for o in opts]
    return words


def _fragments(nodes: object) -> list[tuple[frozenset[str], ...]] | None:
    """Fragments (runs of character positions) such that every match of the node
    sequence ``nodes`` contains one of them; ``None`` when none is found. Consecutive
    nodes that match few strings (literals, small classes, short alternations and
    repeats) make a run: its strings are fragments; a branch gives the fragments of all
    its alternatives; anything else (anchors, look-arounds, long repeats) ends a run.
    The cheapest candidate (see _char_cost) is kept."""
    options: list[list[tuple[frozenset[str], ...]]] = []
    run: list[tuple[frozenset[str], ...]] = [()]

    def close(start: list[tuple[frozenset[str], ...]]) -> list[tuple[frozenset[str], ...]]:
        frags = [_trim(w) for w in run]
        if all(frags):
            options.append(frags)
        return start

    for op, av in nodes:  # type: ignore[attr-defined]
        lang = _language([(op, av)])
        if lang is not None:
            if len(run) * len(lang) <= _MAX_WORDS:
                run = [w + o for w in run for o in lang]
            else:
                run = close(lang)
            continue
        sub: list[tuple[frozenset[str], ...]] | None = None
        if op in _REPEATS:
            lo, _, body = av
            inner = _one_char(*body[0]) if len(body) == 1 else None
            if inner is not None and lo >= 1:
                copies = (inner,) * min(lo, _MAX_COPIES)
                run = [w + copies for w in run]
                run = close([copies])  # what follows is not adjacent to it
                continue
            run = close([()])
            if lo >= 1:
                sub = _fragments(body)
        else:
            run = close([()])
            if op is _sre_c.SUBPATTERN:
                if not av[1] & re.IGNORECASE:
                    sub = _fragments(av[3])
            elif op is _sre_c.BRANCH:
                sub = []
                for alt in av[1]:
                    frags = _fragments(alt)
                    if frags is None:
                        sub = None
                        break
                    sub += frags
        if sub:
            options.append(sub)
    close([()])
    return min(options, key=_cost) if options else None


@functools.cache
def _render(item: frozenset[str]) -> str:
    if len(item) == 1:
        return re.escape(next(iter(item)))
    return f"[{''.join(map(re.escape, sorted(item)))}]"


def _window(frag: tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...]:
    """The most selective part of ``frag`` (a part of a required fragment is required
    too) without a position that may hold a space a join puts between two Latin lines
    (white space next to a position that may hold a Latin character)."""
    runs: list[tuple[frozenset[str], ...]] = []
    cur: list[frozenset[str]] = []
    for i, item in enumerate(frag):
        latin = (i > 0 and frag[i - 1] & _LATIN_EDGE_SET) or (
            i + 1 < len(frag) and frag[i + 1] & _LATIN_EDGE_SET
        )
        if item & _HSPACE_SET and latin:
            runs.append(tuple(cur))
            cur = []
        else:
            cur.append(item)
    runs.append(tuple(cur))
    return min((_trim(r) for r in runs if _trim(r)), key=lambda w: _cost([w]))


_Frag = tuple[frozenset[str], ...]


def _covers(wide: tuple[_Frag, _Frag], narrow: tuple[_Frag, _Frag]) -> bool:
    """Whether the (before, after) context ``wide`` of a key matches wherever ``narrow``
    does: its positions are as many or fewer, each holding at least the characters of
    the position of ``narrow`` at the same distance from the key."""
    (wb, wa), (nb, na) = wide, narrow
    return (
        len(wb) <= len(nb)
        and len(wa) <= len(na)
        and all(n <= w for w, n in zip(reversed(wb), reversed(nb), strict=False))
        and all(n <= w for w, n in zip(wa, na, strict=False))
    )


def _context_order(ctx: tuple[_Frag, _Frag]) -> tuple[int, int, str]:
    items = ctx[0] + ctx[1]
    return len(items), -sum(map(len, items)), "|".join(map(_render, items))


def _branches(patterns: Sequence[re.Pattern[str]], extra: dict[str, str]) -> dict[str, str] | None:
    """The alternatives of a prefilter (see :func:`_prefilter`), by key character, or
    ``None`` when a pattern yields no fragment. ``extra``: more (key, what must follow
    it) alternatives. A context of a key that another context of it covers (_covers:
    ``企业广告`` and ``广告`` keyed on ``告``) is left out: it adds no hit."""
    contexts: dict[str, set[tuple[_Frag, _Frag]]] = {}
    for pattern in patterns:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
        frags = None if parsed.state.flags & re.IGNORECASE else _fragments(parsed)
        if frags is None:
            return None
        for frag in map(_window, frags):
            k = min(range(len(frag)), key=lambda i: _cost([frag[i : i + 1]]))
            for c in frag[k]:
                contexts.setdefault(c, set()).add((frag[:k], frag[k + 1 :]))
    tails: dict[str, set[str]] = {c: {after} for c, after in extra.items()}
    for c, found in contexts.items():
        kept: list[tuple[_Frag, _Frag]] = []
        # (shortest and widest first: a context is covered only by one no longer)
        for b, a in sorted(found, key=_context_order):
            if not any(_covers(w, (b, a)) for w in kept):
                kept.append((b, a))
                before = "".join(map(_render, b))
                after = "".join(map(_render, a))
                rest = after + (f"(?<={before}.{after})" if before else "")
                tails.setdefault(c, set()).add(rest)
    out = {}
    for c, rests in tails.items():
        # (look-behinds last: the others start with a character re compares at once)
        order = sorted(rests, key=lambda r: (r.startswith("(?<="), r))
        out[c] = re.escape(c) + ("" if "" in rests else "(?=" + "|".join(order) + ")")
    return out


#: A prefilter of more keys than these add up to is a chain of parts of these many keys
#: (frequent keys first; the last part holds the rest): see :func:`_alternation`.
_PARTS = (30, 30)


def _alternation(branches: dict[str, str], keys: Iterable[str]) -> re.Pattern[str]:
    """The ``branches`` of ``keys`` in one pattern, frequent keys first: re tries the
    alternatives of a hit candidate in order (it compares their first characters), and
    all of them when none matches. With many keys, the pattern is the class of them all
    (re skips to those at C speed) and a look-behind at the key that tries the
    alternatives of a part of the keys, then, only at a key that is not one of them,
    those of the next part (``[ab…](?<=a(?=…)|b(?=…)|(?![ab])(?:…))``): a frequent key
    whose look-ahead fails is not compared with every rarer key. The hits are the same."""
    order = sorted(keys, key=lambda c: (-_char_cost(c), c))

    def chain(part: list[str], sizes: Sequence[int]) -> str:
        if not sizes or len(part) <= sizes[0]:
            return "|".join(branches[c] for c in part)
        head = part[: sizes[0]]
        held = "".join(map(re.escape, sorted(head)))
        rest = chain(part[sizes[0] :], sizes[1:])
        return f"{'|'.join(branches[c] for c in head)}|(?![{held}])(?:{rest})"

    if len(order) <= sum(_PARTS):  # (one look-behind costs more than a few keys)
        return re.compile(chain(order, ()))
    every = "".join(map(re.escape, sorted(order)))
    return re.compile(f"[{every}](?<={chain(order, _PARTS)})")


def _prefilter(
    patterns: Sequence[re.Pattern[str]], extra: dict[str, str]
) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """One pattern that finds, in the lines of a text set end to end (_candidate_lines),
    a fragment of every match of ``patterns`` in a unit. A unit's text is its lines'
    contents set end to end, with a space between two Latin lines: a run of positions
    that cannot hold a space is whole in the lines set end to end. Each fragment is
    keyed on its rarest position (a literal: re skips to it at C speed), with the rest
    checked in one look-ahead after it (what follows the key first: re then tries only
    the alternatives that start with the next character), so that every hit is one
    character long (no hit hides another). ``extra``: more (key, what must follow it)
    alternatives. Returns the pattern and its keys (a hit is one of them), or ``None``
    when a pattern yields no fragment."""
    branches = _branches(patterns, extra)
    if branches is None:
        return None
    return _alternation(branches, branches), frozenset(branches)


#: Every phone number has two groups of three digits or more with at most two characters
#: between them (see the alternatives of _PHONE; a group is never cut by a space, so
#: the lines set end to end keep it whole): more selective than the digit runs that
#: _fragments would find (years have four digits). One character per hit, as above;
#: part of _PREFILTER (keyed on each digit).
_PHONE_AFTER = f"[{_D}]{{2}}.{{0,2}}?[{_D}]{{3}}"
_PHONE_PREFILTER = re.compile(f"[{_D}](?={_PHONE_AFTER})")
_DIGITS = _one_char(*_sre_parse.parse(f"[{_D}]")[0]) or frozenset()


#: Keys at least this frequent (_char_cost: lower-case Latin letters, digits) have a
#: pattern of their own in _PREFILTER: at each such character of a text, re then tries
#: a few alternatives, not all of them (``ab-ab-ab-…`` stays fast).
_FREQUENT_KEY = 0.02


@functools.cache
def _prefilters() -> tuple[tuple[re.Pattern[str], ...] | None, re.Pattern[str]]:
    """(_PREFILTER, _KEYS), derived and compiled on first use, once per process (they
    cost more than the rest of the module's import; RemoveAds.warm builds them).

    _PREFILTER: the prefilter of every feature (see :func:`_prefilter`), as two patterns,
    for frequent and for other keys (see _FREQUENT_KEY): a hit of either is a hit
    (``None``: a feature yields no fragment, every line is then a candidate). _KEYS:
    every hit of _PREFILTER or _BRACKET_LINE holds one of its characters: a text
    without any has no candidate line (one scan, before the text is cut into lines)."""
    branches = _branches(
        [p for p in _CONTENT_FEATURES if p is not _PHONE] + [_MARKER],
        dict.fromkeys(_DIGITS, _PHONE_AFTER),
    )
    key_chars = frozenset(branches or ()) | {"【", "["}
    keys = re.compile(f"[{''.join(map(re.escape, sorted(key_chars)))}]")
    if branches is None:
        return None, keys
    frequent = [c for c in branches if _char_cost(c) >= _FREQUENT_KEY]
    other = [c for c in branches if _char_cost(c) < _FREQUENT_KEY]
    parts = (_alternation(branches, group) for group in (frequent, other) if group)
    return tuple(parts), keys


#: A ``【…】`` line that is also a slogan (form alone scores 2 there): a unit that starts
#: with a bracket, of at most 30 characters and without prose punctuation; so is its
#: first line. (After a line feed: re skips to those at C speed; see _bracket_lines.)
_BRACKET_LINE = re.compile(
    f"\\n[{_S}]*[【\\[][^{re.escape(''.join(sorted(PROSE_PUNCT)))}\\n]{{0,29}}?[{_S}]*(?=\\n|\\Z)"
)


#: Each content feature's own prefilter, for a unit's text (no line breaks in it), by id;
#: built on first use (only a text with a hit of _PREFILTER gets there), once per
#: process (RemoveAds.warm builds them all).
_QUICK: dict[int, re.Pattern[str] | None] = {id(_PHONE): _PHONE_PREFILTER}


def _quick(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """_QUICK's entry for ``pattern`` (``None``: not a content feature, or no prefilter)."""
    key = id(pattern)
    try:
        return _QUICK[key]
    except KeyError:
        pass
    quick = None
    if any(p is pattern for p in _CONTENT_FEATURES):
        quick = (_own_prefilter(pattern) or (None,))[0]
    return _QUICK.setdefault(key, quick)


@functools.cache
def _own_prefilter(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """:func:`_prefilter` of ``pattern`` alone (derived once: _QUICK and _keyed use it)."""
    return _prefilter([pattern], {})


def _extent(nodes: object) -> tuple[int, int] | None:
    """The longest match of the node sequence ``nodes``, and how far from where it
    starts a match attempt may look (what its look-aheads and ``\\b`` see after it);
    ``None`` when unbounded."""
    width = reach = 0
    for op, av in nodes:  # type: ignore[attr-defined]
        part: tuple[int, int] | None
        if op in (_sre_c.LITERAL, _sre_c.NOT_LITERAL, _sre_c.IN, _sre_c.ANY):
            part = (1, 1)
        elif op is _sre_c.AT:
            part = (0, 1)
        elif op is _sre_c.SUBPATTERN:
            part = _extent(av[3])
        elif op is _sre_c.BRANCH:
            alts = [x for alt in av[1] if (x := _extent(alt)) is not None]
            bounded = len(alts) == len(av[1])
            part = (max(w for w, _ in alts), max(r for _, r in alts)) if bounded else None
        elif op in _REPEATS and av[1] != _sre_c.MAXREPEAT:
            body = _extent(av[2])
            n = av[1]
            part = None if body is None else (n * body[0], max(0, n - 1) * body[0] + body[1])
        elif op in (_sre_c.ASSERT, _sre_c.ASSERT_NOT) and av[0] < 0:
            part = (0, 0)  # a look-behind sees only what is before the current position
        elif op in (_sre_c.ASSERT, _sre_c.ASSERT_NOT):
            ahead = _extent(av[1])
            part = None if ahead is None else (0, ahead[1])
        else:  # an unbounded repeat, a back reference…
            return None
        if part is None:
            return None
        reach = max(reach, width + part[1])
        width += part[0]
    return width, reach


def _near(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], int, int] | None:
    """The quick prefilter of ``pattern``, its longest match and its reach (_extent),
    when every match is found near a quick hit (_matches)."""
    quick = _quick(pattern)
    parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    extent = _extent(parsed)
    if quick is None or extent is None or parsed.getwidth()[0] == 0:
        return None
    return quick, *extent


#: A unit up to this long is searched whole once its quick prefilter has a hit.
_SHORT = 200
#: Each content feature's quick prefilter and extent, by id, for _matches; built on first
#: use, once per process (RemoveAds.warm builds them all).
_NEAR: dict[int, tuple[re.Pattern[str], int, int] | None] = {}


def _near_of(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], int, int] | None:
    """_NEAR's entry for ``pattern`` (:func:`_near`, computed once)."""
    key = id(pattern)
    try:
        return _NEAR[key]
    except KeyError:
        return _NEAR.setdefault(key, _near(pattern))


def _matches(pattern: re.Pattern[str], c: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(c)`` (the same spans), with ``pattern`` tried
    only near the hits of its quick prefilter: in a long unit (a whole paragraph, a
    text without line breaks) it is not run over the text between them.

    A match contains a fragment of the pattern, so the first match from ``pos`` starts
    at most ``width - 1`` characters before the first quick hit from ``pos``. It is
    looked for in a window that ends ``2 * reach`` characters after that hit: there a
    match attempt that starts up to ``reach`` characters after the hit sees the text
    as in the whole string; when none of those matches, the next window starts after
    them. Each window costs a bounded search: linear in the length of ``c``."""
    near = _near_of(pattern)
    if near is None:  # (a match of any length: skipped only when no quick hit at all)
        quick = _quick(pattern)
        if quick is None or quick.search(c) is not None:
            yield from pattern.finditer(c)
        return
    quick, width, reach = near
    pos = 0
    while (hit := quick.search(c, pos)) is not None:
        q = hit.start()
        m = pattern.search(c, max(pos, q - width + 1), q + 2 * reach)
        if m is not None and m.start() <= q + reach:
            yield m
            pos = m.end()
        else:
            pos = q + reach + 1


def _search(pattern: re.Pattern[str], c: str) -> re.Match[str] | None:
    """``pattern.search(c)`` (the same span), tried only near the hits of its quick
    prefilter (_QUICK, _matches)."""
    quick = _quick(pattern)
    if quick is not None and len(c) <= _SHORT:
        return None if quick.search(c) is None else pattern.search(c)
    return next(_matches(pattern, c), None)


@functools.cache
def _keyed() -> dict[str, tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]] | None:
    """(pattern, its own prefilter) of each content feature, by key character of that
    prefilter (_QUICK; phone numbers: the digits), or ``None`` when a feature has none.
    A match of a feature holds a hit of its own prefilter, and _PREFILTER hits there
    too, on the same key (it is made of the same fragments: see :func:`_branches`); a
    hit of _PREFILTER where no feature's own prefilter hits is one of _MARKER's. Built
    on first use, once per process (RemoveAds.warm builds it)."""
    out: dict[str, list[tuple[re.Pattern[str], re.Pattern[str]]]] = {}
    for pattern in _CONTENT_FEATURES:
        found = (_PHONE_PREFILTER, _DIGITS) if pattern is _PHONE else _own_prefilter(pattern)
        if found is None:
            return None
        for key in found[1]:
            out.setdefault(key, []).append((pattern, found[0]))
    return {key: tuple(pairs) for key, pairs in out.items()}


#: _features looks at most this many hits of _PREFILTER for their keys (then at
#: every feature): a long unit full of keys costs no more than it did.
_KEYED_HITS = 32


def _features(c: str) -> set[int]:
    """The content features that match ``c`` (their ids). Most article lines have
    none: a scan of _PREFILTER tells, and the keys of its hits tell which features
    may match (_keyed): only those are looked for."""
    prefilter = _prefilters()[0]
    keyed = _keyed()
    if prefilter is None or keyed is None:  # pragma: no cover - every feature is tried
        return {id(p) for p in _CONTENT_FEATURES if _search(p, c) is not None}
    keys: set[str] = set()
    hits = (m.group() for p in prefilter for m in p.finditer(c))
    keys.update(itertools.islice(hits, _KEYED_HITS))
    if not keys:
        return set()
    if next(hits, None) is None:  # every hit seen: only the features of their keys
        patterns = {p for key in keys for p, _ in keyed.get(key, ())}
    else:
        patterns = set(_CONTENT_FEATURES)
    return {id(p) for p in patterns if _search(p, c) is not None}


#: The content features that add at most 1 to an ad score per hit of their own
#: prefilter (_ad_score: a URL 1, notice fields 1, each ad word 1).
_WEAK_FEATURES = (_URL, _FIELDS, _AD_WORDS)


def _alphabet(nodes: object) -> frozenset[str] | None:
    """Every character that a match of the node sequence ``nodes`` may hold (``None``:
    too many to tell, as with ``.`` or a large class)."""
    chars: set[str] = set()
    for op, av in nodes:  # type: ignore[attr-defined]
        one = _one_char(op, av)
        if one is not None:
            chars |= one
            continue
        if op is _sre_c.SUBPATTERN and not av[1] & re.IGNORECASE:
            parts = [av[3]]
        elif op is _sre_c.BRANCH:
            parts = av[1]
        elif op in _REPEATS:
            parts = [av[2]]
        else:  # an anchor, a look-around, a category…
            return None
        for part in parts:
            sub = _alphabet(part)
            if sub is None:
                return None
            chars |= sub
    return frozenset(chars)


@functools.cache
def _marker_alphabet() -> frozenset[str] | None:
    """The characters a marker line may hold (_alphabet of _MARKER)."""
    return _alphabet(_sre_parse.parse(_MARKER.pattern, _MARKER.flags))


#: What a hit of _PREFILTER gives the units that hold it (_hit_kind).
_NO_HIT, _WEAK_HIT, _HIT = 0, 1, 2


def _hit_kind(flat: str, pos: int, body: str, bracket: bool) -> int:
    """What the hit of _PREFILTER at ``pos`` in ``flat`` gives a unit that holds the
    line it starts in (``body``). When that line may be part of a marker (short, made
    of _MARKER's characters): _HIT. Otherwise only the content features whose own
    prefilter (_keyed) hits there may match there. None: _NO_HIT. Only one, a weak
    feature (_WEAK_FEATURES), on a line that rules out every form score of a unit that
    holds it (_form_score: an all-caps line is ASCII, a slogan has no prose punctuation,
    a bracket line (``bracket``: the text has a bracket) has at most 30 characters, and
    none has more than 42): _WEAK_HIT, at most 1 point. Otherwise _HIT."""
    keyed = _keyed() or {}
    pairs = keyed.get(flat[pos], ())
    if pairs and not any(p in _WEAK_FEATURES for p, _ in pairs):
        return _HIT  # (a strong feature's key: no need to tell which one hits)
    alphabet = _marker_alphabet()
    if len(body) <= _MARKER_MAX and (alphabet is None or alphabet.issuperset(body)):
        return _HIT
    found = [p for p, quick in pairs if quick.match(flat, pos)]
    if not found:  # (a hit of _MARKER's fragments only)
        return _NO_HIT
    if len(found) > 1 or found[0] not in _WEAK_FEATURES:
        return _HIT
    if len(body) > 42 or not (
        body.isascii() or (bracket and len(body) <= 30) or _PUNCT.search(body) is None
    ):
        return _WEAK_HIT
    return _HIT


def _apart(lines: Sequence[str], bodies: Sequence[str], a: int, b: int) -> bool:
    """Are lines ``a`` < ``b`` surely in different units? A line that ends a sentence
    never joins the next one, and a line that opens a paragraph never continues the
    one before (_may_join). Looks at the lines from ``a`` to the first such line."""
    for j in range(a, b):
        if bodies[j] and lines[j].rstrip()[-1:] in SENTENCE_END:
            return True
        if bodies[j + 1] and _opens_paragraph(lines[j + 1]):
            return True
    return False


def _candidate_lines(text: str, lines: Sequence[str], bodies: Sequence[str]) -> list[int]:
    """Indices of the lines of ``text`` (``bodies``: their contents) that a prefilter
    hit starts in, ascending. The lines are scanned set end to end, so that hits across
    a line break (a unit that joins lines) are found too.

    A weak hit (_hit_kind) makes no seed on its own: a unit with one and nothing else
    scores at most 1. Its line is a candidate only when another weak hit may be in the
    same unit (the same line, or no line between them that surely ends a unit: _apart);
    a unit with a hit that is not weak has that hit's line as a candidate."""
    prefilter = _prefilters()[0]
    if prefilter is None or _keyed() is None:  # pragma: no cover - every line may be one
        return list(range(len(bodies)))
    flat = "".join(bodies)
    hits = sorted(m.start() for p in prefilter for m in p.finditer(flat))
    found = _bracket_lines(text, bodies[0])
    if hits:
        ends = list(itertools.accumulate(map(len, bodies)))
        bracket = "【" in text or "[" in text
        weak: list[int] = []  # the lines of weak hits, ascending
        for pos in hits:
            k = bisect.bisect_right(ends, pos)
            kind = _hit_kind(flat, pos, bodies[k], bracket)
            if kind != _NO_HIT:
                (weak if kind == _WEAK_HIT else found).append(k)
        for a, b in itertools.pairwise(weak):
            if a == b or not _apart(lines, bodies, a, b):
                found += (a, b)
    return sorted(set(found))


def _bracket_lines(text: str, first: str) -> list[int]:
    """Indices of the lines of ``text`` that _BRACKET_LINE finds (``first``: the
    content of the first line, taken when it starts with a bracket)."""
    out = [0] if first[:1] in "【[" else []
    if "【" not in text and "[" not in text:  # (C speed: most texts have neither)
        return out
    line = last = 0
    for m in _BRACKET_LINE.finditer(text):
        line += text.count("\n", last, m.start() + 1)
        last = m.start() + 1
        out.append(line)
    return out


# --- unit labels ---------------------------------------------------------------------------
TEXT, NEAR, WEAK, AD, MARKER, BREAK = "text", "near", "weak", "ad", "marker", "break"

#: Block threshold: the summed ad score of the AD units of a block without a marker.
DEFAULT_THRESHOLD = 6
#: How many bare weak lines before the first ad line may belong to the block.
_LEADING_MAX = 2


class _Unit(NamedTuple):
    """A logical line: one or more physical lines joined by the wrap (first, last index).
    (A named tuple: immutable, and built in a fraction of a frozen dataclass's time.)"""

    first: int
    last: int
    label: str
    score: int
    protected: bool
    han: int
    func: int
    punct: int
    bare: bool = False  # no prose punctuation at all
    full_stop: bool = False  # has a Chinese full stop
    ends: bool = False  # ends with a sentence end
    strong: bool = False  # has a licence number or an ad disclaimer
    continuation: bool = False  # starts with a character that never starts a line
    indented: bool = False  # its first line opens a paragraph (``　　``)
    tail: bool = False  # reads as the wrapped tail of the line before (``第1206号``)
    disclaimer: bool = False  # has an ad disclaimer (``本广告仅为要约邀请``)
    evidence: bool = False  # ad evidence beyond form (capitals, brackets, slogan spacing)
    full: bool = False  # its last line reaches the wrap width


#: What each content feature adds to a line's ad score.
_FEATURE_WEIGHTS = (
    (_PHONE, 2),
    (_PRICE, 2),
    (_AREA, 2),
    (_QR, 2),
    (_ADDRESS, 2),
    (_FINE_PRINT, 2),
    (_URL, 1),
    (_EMAIL, 2),
    (_FIELDS, 1),
)


def _ad_score(c: str) -> tuple[int, bool, bool]:
    """Ad score of one unit's content, whether it has a strong feature (a licence
    number or an ad disclaimer), and whether it has evidence beyond its form."""
    found = _features(c)
    if not found:
        return _form_score(c), False, False
    strong = id(_LICENCE) in found or id(_DISCLAIMER) in found
    score = 3 if strong else 0
    score += sum(weight for pattern, weight in _FEATURE_WEIGHTS if id(pattern) in found)
    if id(_PHONE) in found and _PHONE_LABEL.search(c):
        score += 1  # a labelled phone (``销售热线 | …``) counts one more
    words: set[str] = set()
    if id(_AD_WORDS) in found:
        for m in _matches(_AD_WORDS, c):
            words.add(m.group(0))
            if len(words) >= _AD_WORDS_CAP:
                break
    score += len(words)
    return score + _form_score(c), strong, score > 0


def _form_score(c: str) -> int:
    """Form alone (capitals, brackets, slogan spacing) is weaker evidence: tables and
    titles have it too; it does not count as ad evidence of a line (_decide_segment)."""
    form = 0
    if _caps_line(c):
        form += 1
    if c[:1] in "【[" and ("】" in c or "]" in c) and len(c) <= 30:
        form += 1
    if len(c) <= 40 and _PUNCT.search(c) is None and _is_slogan(c):
        form += 1
    return form


def _is_slogan(c: str) -> bool:
    """Short fragments separated by ``·`` ``|`` (any script) or by spaces (CJK only):
    ``宜居·宜商·宜投资``, ``精装公寓 拎包入住``."""
    frags = [f for f in _SEPARATED.split(c) if f]
    if len(frags) >= 2:
        return all(len(f) <= 12 for f in frags)
    frags = [f for f in _SPACED.split(c) if f]
    return len(frags) >= 2 and all(len(f) <= 10 and _CJK.search(f) for f in frags)


def _classify(first: int, last: int, c: str, scored: tuple[int, bool, bool] | None = None) -> _Unit:
    """Label one unit (see the class docstring for the rules); ``scored``: its
    _ad_score when known."""
    han = len(_NOT_CJK.sub("", c))  # (runs of other characters out: few matches)
    func = _FUNC.subn("", c)[1]
    punct = _PUNCT.subn("", c)[1]
    words = _LATIN_WORD.findall(c)
    lfunc = sum(1 for w in words if w.lower() in _LATIN_FUNCTION)
    tail = c.rstrip(_CLOSING_STR)
    ends = tail[-1:] in SENTENCE_END or (tail[-1:] == "." and len(words) >= 4)
    sentence_like = ends and (han >= 8 or len(words) >= 6)

    is_marker = len(c) <= _MARKER_MAX and _MARKER.fullmatch(c) is not None
    if is_marker:
        score, strong, evidence = 3, False, True
    else:
        score, strong, evidence = scored or _ad_score(c)

    def unit(label: str, protected: bool = False) -> _Unit:
        return _Unit(
            first,
            last,
            label,
            0 if protected else score,
            protected,
            han,
            func + lfunc,
            punct,
            bare=punct == 0,
            full_stop="。" in c,
            ends=ends,
            strong=strong,
            continuation=c[:1] in _NO_START,
            tail=_is_tail(c),
            disclaimer=strong and _search(_DISCLAIMER, c) is not None,
            evidence=evidence and not protected,
        )

    if is_marker:
        return unit(MARKER)
    if strong:
        return unit(AD)
    if len(c) <= _BYLINE_MAX and _BYLINE.search(c):
        return unit(WEAK, protected=True)
    if score < 2 and _OUTLINE_MARKER.match(list_marker(c)[:2].lstrip("（(")):
        return unit(WEAK, protected=True)
    prose = (2 if "。" in c else 1 if ends else 0) + min(func + lfunc, 3)
    prose += (1 if punct >= 2 else 0) + (1 if han >= 30 or len(words) >= 20 else 0)
    if (prose >= 4 and (han >= 16 or len(words) >= 12)) or (han >= 24 and punct >= 3 > score):
        return unit(TEXT)
    if sentence_like or prose >= 3:
        if score >= 2 and score > prose and not sentence_like:
            return unit(AD)
        return unit(NEAR)
    if score >= 2:
        return unit(AD)
    return unit(WEAK)


def _may_be_seed(c: str, scored: tuple[int, bool, bool]) -> bool:
    """Can a unit with content ``c`` (``scored``: its _ad_score) be an ``ad`` or a
    ``marker`` unit? Only a marker, or a unit with a licence or a disclaimer or an ad
    score of 2 (see _classify): the score alone is cheaper than the whole label."""
    if len(c) <= _MARKER_MAX and _MARKER.fullmatch(c) is not None:
        return True
    score, strong, _ = scored
    return strong or score >= 2


class _Memo:
    """The _ad_score and the label (_classify, first and last 0) of unit contents, each
    worked out once for the two passes of :meth:`RemoveAds.edits`: the second one, on
    the text without its blocks, meets most of the units of the first again."""

    __slots__ = ("labels", "scores")

    def __init__(self) -> None:
        self.scores: dict[str, tuple[int, bool, bool]] = {}
        self.labels: dict[str, _Unit] = {}

    def score(self, c: str) -> tuple[int, bool, bool]:
        scored = self.scores.get(c)
        if scored is None:
            scored = self.scores[c] = _ad_score(c)
        return scored

    def label(self, c: str, scored: tuple[int, bool, bool] | None = None) -> _Unit:
        unit = self.labels.get(c)
        if unit is None:
            unit = self.labels[c] = _classify(0, 0, c, scored or self.scores.get(c))
        return unit


class _LineCache:
    """``cache[k]``: is non-blank line ``k`` an ad line on its own? ``cache.adish(k)``:
    or at least ad copy (a weak line with some ad evidence)? Computed once per line; a
    line that no prefilter hit starts in (not in ``candidates``) is never an ad line."""

    def __init__(self, bodies: Sequence[str], candidates: set[int], memo: _Memo) -> None:
        self.bodies = bodies
        self.candidates = candidates
        self.memo = memo
        self.known: dict[int, _Unit] = {}
        self.scores: dict[int, tuple[int, bool, bool]] = {}

    def score(self, k: int) -> tuple[int, bool, bool]:
        """The _ad_score of line ``k`` (computed once: a line can be a whole paragraph)."""
        scored = self.scores.get(k)
        if scored is None:
            scored = self.scores[k] = self.memo.score(self.bodies[k])
        return scored

    def unit(self, k: int, scored: tuple[int, bool, bool] | None = None) -> _Unit:
        if k not in self.known:
            self.known[k] = self.memo.label(self.bodies[k], scored or self.scores.get(k))
        return self.known[k]

    def __getitem__(self, k: int) -> bool:
        if k not in self.candidates:
            return False
        if k not in self.known:
            scored = self.score(k)
            if not _may_be_seed(self.bodies[k], scored):
                return False
            self.unit(k, scored)
        return self.known[k].label in (AD, MARKER)

    def adish(self, k: int) -> bool:
        u = self.unit(k)
        return u.label in (AD, MARKER) or (u.label == WEAK and u.score > 0)


class _Layout:
    """The lines of a text, grouped into units (logical lines) and labelled on demand.

    In a hard-wrapped text (a wrap width can be estimated) a line that reaches the
    width continues into the next non-blank line; Latin lines run on when the next one
    starts with a lower-case letter, a digit or a bracket. See :func:`_joins` for the
    exceptions (a marker, an ad line of its own, a paragraph indent…). Blank lines
    separate nothing here; form feeds are hard boundaries.

    Units are found from the start of the document one after the other; as whether a
    line joins the next depends on the lines around it only (and, after an ad line, on
    the unit so far), a unit can also be found from any line that surely starts one
    (:meth:`start_of`): only the units around the prefilter hits are ever built.
    """

    def __init__(
        self,
        lines: Sequence[str],
        contents: Sequence[str],
        candidates: list[int],
        memo: _Memo | None = None,
    ) -> None:
        self.lines = lines
        self.nonblank = list(itertools.compress(range(len(lines)), contents))
        self.bodies = list(filter(None, contents))
        self.width = estimate_wrap_width(
            list(map(len, map(str.rstrip, itertools.compress(lines, contents))))
        )
        nonblank = self.nonblank
        found = [bisect.bisect_left(nonblank, line) for line in candidates]
        self.candidates = [
            k for k, line in zip(found, candidates, strict=True) if nonblank[k : k + 1] == [line]
        ]
        self.memo = memo or _Memo()
        self.is_ad = _LineCache(self.bodies, set(self.candidates), self.memo)
        self.ends: dict[int, int] = {}  # unit start -> its last non-blank index
        self.units: dict[int, _Unit] = {}  # unit start -> its label
        self.counts: dict[int, tuple[int, int, int]] = {}  # unit start -> counted, punct, func
        self.joined: dict[int, bool] = {}  # k -> _joins(k, ·) when line k is no ad line

    def joins(self, k: int, start: int) -> bool:
        """:func:`_joins`, remembered when line ``k`` is no ad line (the unit so far then
        does not count): start_of and end_of ask it about the same lines."""
        joined = self.joined.get(k)
        if joined is None:
            joined = _joins(self, k, start)
            if not self.is_ad[k]:
                self.joined[k] = joined
        return joined

    def prose_so_far(self, start: int, k: int) -> bool:
        """Is the unit from ``start`` to ``k`` article prose so far (two punctuation
        marks and a function character: see :func:`_joins`)? Counted incrementally."""
        upto, punct, func = self.counts.get(start, (start, 0, 0))
        if upto > k + 1:
            upto, punct, func = start, 0, 0
        for body in self.bodies[upto : k + 1]:
            punct += _PUNCT.subn("", body)[1]  # (its PROSE_PUNCT, counted at C speed)
            func += _FUNC.subn("", body)[1]  # (its FUNCTION_CHARS)
        self.counts[start] = (k + 1, punct, func)
        return punct >= 2 and func >= 1

    def starts_unit(self, k: int) -> bool:
        """Does non-blank line ``k`` start a unit whatever the lines before it?"""
        if k == 0 or self.bodies[k - 1] == "\f":
            return True
        if not self.is_ad[k - 1]:  # then _joins does not depend on the unit so far
            return not self.joins(k - 1, k - 1)
        return not _may_join(self, k - 1)

    def start_of(self, k: int) -> int:
        """The first line of the unit that line ``k`` belongs to."""
        s = k
        while s not in self.ends and not self.starts_unit(s):
            s -= 1
        while (e := self.end_of(s)) < k:
            s = e + 1
        return s

    def end_of(self, s: int) -> int:
        """The last line of the unit that starts with line ``s``."""
        e = self.ends.get(s)
        if e is None:
            e = s
            if self.bodies[s] != "\f":
                while e + 1 < len(self.bodies) and self.joins(e, s):
                    e += 1
            self.ends[s] = e
        return e

    def unit(self, s: int, scored: tuple[int, bool, bool] | None = None) -> _Unit:
        """The labelled unit that starts with line ``s`` (``scored``: its _ad_score)."""
        unit = self.units.get(s)
        if unit is None:
            unit = self.units[s] = self._label(s, self.end_of(s), scored)
        return unit

    def _label(self, s: int, e: int, scored: tuple[int, bool, bool] | None) -> _Unit:
        lines, bodies, nonblank, width = self.lines, self.bodies, self.nonblank, self.width
        first = nonblank[s]
        if bodies[s] == "\f":
            return _Unit(first, first, BREAK, 0, True, 0, 0, 0)
        changes: dict[str, Any] = {}
        if e == s:
            unit = self.is_ad.unit(s, scored)
            changes.update(first=first, last=first)
        else:
            unit = self.memo.label(self.text(s), scored)
            changes.update(first=first, last=nonblank[e])
        tail_line = lines[nonblank[e]].rstrip()
        # (Latin lines wrap at word boundaries: their length says nothing.)
        full = width is not None and len(tail_line) >= width - 1 and bool(_CJK.search(tail_line))
        opens = _opens_paragraph(lines[first])
        if full or opens:
            changes.update(indented=opens, full=full)
        return unit._replace(**changes) if changes else unit

    def text(self, s: int) -> str:
        """The content of the unit that starts with line ``s``: its lines' contents,
        with a space between two Latin lines."""
        bodies = self.bodies
        parts = [bodies[s]]
        for body in bodies[s + 1 : self.end_of(s) + 1]:
            if _LATIN_EDGE.match(parts[-1][-1:]) and _LATIN_EDGE.match(body[:1]):
                parts.append(" ")
            parts.append(body)
        return "".join(parts)

    def before(self, s: int) -> int | None:
        """The start of the unit before the one that starts with line ``s``."""
        return self.start_of(s - 1) if s > 0 else None

    def after(self, s: int) -> int | None:
        """The start of the unit after the one that starts with line ``s``."""
        e = self.end_of(s)
        return e + 1 if e + 1 < len(self.bodies) else None


def _may_join(lay: _Layout, k: int) -> bool:
    """The part of :func:`_joins` that depends on lines ``k`` and ``k + 1`` only."""
    lines, nonblank, bodies, width = lay.lines, lay.nonblank, lay.bodies, lay.width
    cur = lines[nonblank[k]].rstrip()
    body = bodies[k + 1]
    if _CJK.search(cur) is None:
        # Latin text wraps at word boundaries (lines are not of one length).
        if _LATIN_END.search(cur) is None or _LATIN_RUN_ON.match(body) is None:
            return False
    elif width is None or len(cur) < width - 1 or cur[-1:] in SENTENCE_END:
        return False
    if body == "\f" or _opens_paragraph(lines[nonblank[k + 1]]):
        return False
    # (A line without a prefilter hit is never a marker and has no licence or disclaimer.)
    return not (_caps_line(body) or (k + 1 in lay.is_ad.candidates and _marker_or_strong(body)))


def _joins(lay: _Layout, k: int, start: int) -> bool:
    """Does non-blank line ``k + 1`` continue the unit from line ``start`` to line ``k``?

    The prose punctuation and function characters of the unit so far count (commas and
    的了是在 make it article prose even if it mentions a phone).
    """
    if not _may_join(lay, k):
        return False
    lines, nonblank, bodies, width, is_ad = (
        lay.lines,
        lay.nonblank,
        lay.bodies,
        lay.width,
        lay.is_ad,
    )
    cur = lines[nonblank[k]].rstrip()
    nxt = lines[nonblank[k + 1]]
    body = bodies[k + 1]
    run_on = _CJK.search(cur) is None
    nxt_full = width is not None and len(nxt.rstrip()) >= width - 1
    ad_so_far = is_ad[k] and not lay.prose_so_far(start, k)
    # A short ad line is not the tail of a wrapped line; a full one may be an article
    # line that mentions a phone number or an address — unless it is ad copy set with
    # spaces and no prose at all (``急聘 服务员 传菜员 厨师 数名``).
    if is_ad[k + 1] and not run_on and not _tail_like(body):
        nxt_unit = is_ad.unit(k + 1)
        bare_ad = nxt_unit.func == 0 and nxt_unit.punct == 0 and _SPACED.search(body) is not None
        if not nxt_full or ad_so_far or bare_ad:
            return False
    if ad_so_far and not _continues_ad(
        nxt, is_ad.unit(k + 1), width, _search(_DISCLAIMER, bodies[k]) is not None
    ):
        return False
    # A short line just before ad lines is the ad's title, unless it ends a sentence or
    # clause (the last line of a paragraph) or is the tail of a number or a bracket.
    return (
        nxt_full
        or len(body) <= 3
        or _TAIL_START.match(body) is not None
        or body.rstrip(_CLOSING_STR)[-1:] in _CLAUSE_TAIL
        or not any(is_ad[m] for m in range(k + 2, min(k + 5, len(bodies))))
        or not is_ad.adish(k + 2)
    )


def _is_tail(c: str) -> bool:
    """A short bare piece that only makes sense as the end of the line before it: the
    rest of a number (``0000123号``, ``第1206号``, ``5层``) or two or three characters."""
    if len(c) > 8 or _PUNCT.search(c) is not None:
        return False
    return len(c) <= 3 or _NUMBER_TAIL.match(c) is not None


def _opens_paragraph(line: str) -> bool:
    """An indented line (an ideographic space, or two spaces or more) opens a paragraph."""
    lead = indent(line)
    return "\u3000" in lead or len(lead) >= 2 or "\t" in lead


def _tail_like(body: str) -> bool:
    """Does this line read as the tail of the line before it? It ends a sentence, starts
    with a character that never starts a line or with a lower-case letter, or is a short
    run starting with a digit (``0000123号``)."""
    first = body[:1]
    return (
        body.rstrip(_CLOSING_STR)[-1:] in SENTENCE_END
        or first in _NO_START
        or first.islower()
        or (first.isdigit() and len(body) <= 8)
    )


def _caps_line(body: str) -> bool:
    """An all-caps Latin line (a brand name such as ``VANLI CITY``)."""
    return (
        len(body) <= 42
        and "A" <= body[:1] <= "Z"
        and _ALL_CAPS.fullmatch(body) is not None
        and sum(ch.isalpha() for ch in body) >= 3
    )


def _marker_or_strong(body: str) -> bool:
    """A marker line, or a line with a licence number or an ad disclaimer."""
    if len(body) <= _MARKER_MAX and _MARKER.fullmatch(body):
        return True
    return bool(_search(_LICENCE, body) or _search(_DISCLAIMER, body))


def _continues_ad(line: str, unit: _Unit, width: int | None, fine_print: bool) -> bool:
    """Can ``line`` (``unit``: its content labelled on its own) continue a wrapped ad
    line? Only a full line or one that ends a clause, and never one that reads as prose
    on its own or ends a sentence (after a disclaimer, which is a sentence itself, it
    may): a short bare line after an ad line that happens to reach the wrap width is a
    heading, not its tail."""
    body = content(line)
    if unit.label == TEXT:
        return False
    if not fine_print and (unit.label == NEAR or unit.func or (unit.punct and not unit.score)):
        return False
    if body[:1] in PROSE_PUNCT:  # ``。``: the end of the article sentence before the ad
        return False
    if _PUNCT.subn("", body)[1] >= 2:  # article prose resumes
        return False
    tail = body.rstrip(_CLOSING_STR)[-1:]
    if tail in SENTENCE_END and not fine_print:  # ``名。``: an article paragraph's tail
        return False
    if fine_print:  # a disclaimer cut by the wrap goes on to its end
        return True
    return (
        (width is not None and len(line.rstrip()) >= width - 1)
        or tail in _CLAUSE_TAIL
        or _TAIL_START.match(body) is not None  # ``0000123号``, ``5层``: a number's tail
        or _is_tail(body)
    )


def _blocks(lay: _Layout, threshold: int, markers_only: bool) -> list[tuple[int, int]]:
    """The ad blocks, as (first, last) physical line indices.

    A block needs an ``ad`` or ``marker`` unit (only units with a prefilter hit can be
    one): around each, the run of units up to the nearest break on either side is
    decided (_decide_run). Runs without such a unit hold no block and are never built.
    """
    out: list[tuple[int, int]] = []
    done = 0  # the lines before it are decided
    for k in lay.candidates:
        if k < done:
            continue
        seed = lay.start_of(k)
        done = lay.end_of(seed) + 1  # (the other candidates in this unit are decided)
        scored = None
        if seed not in lay.units:
            text = lay.text(seed)
            # (A unit of one line scores as that line: once for both.)
            scored = lay.is_ad.score(seed) if done == seed + 1 else lay.memo.score(text)
            if not _may_be_seed(text, scored):
                continue
        if lay.unit(seed, scored).label not in (AD, MARKER):
            continue
        first = last = seed
        while (prev := lay.before(first)) is not None and not _breaks(lay, prev):
            first = prev
        while (nxt := lay.after(last)) is not None and not _breaks(lay, nxt):
            last = nxt
        run = [first]
        while run[-1] != last:
            run.append(lay.end_of(run[-1]) + 1)
        units = [lay.unit(s) for s in run]
        doc_end = lay.after(last) is None
        for a, b in _decide_run(units, threshold, markers_only, doc_end):
            if out and a > 0 and units[a - 1].last == out[-1][1]:
                # a block and the marker block right after it
                out[-1] = (out[-1][0], units[b].last)
            else:
                out.append((units[a].first, units[b].last))
        done = lay.end_of(last) + 1
    return out


def _breaks(lay: _Layout, s: int) -> bool:
    """Does the unit that starts with line ``s`` break a run? TEXT and form feeds do;
    article prose does like a TEXT unit: two prose lines in a row (no ad evidence, a
    function character and punctuation each). Narrow columns never make a TEXT unit, so
    without this a marker could take the rest of the document with it."""
    unit = lay.unit(s)
    if unit.label in (TEXT, BREAK):
        return True
    if not _prose_line(unit):
        return False
    prev, nxt = lay.before(s), lay.after(s)
    return (prev is not None and _prose_line(lay.unit(prev))) or (
        nxt is not None and _prose_line(lay.unit(nxt))
    )


def _trails(unit: _Unit, at_end: bool) -> bool:
    """May this unit follow the last ad line of a block? Ad copy with some ad evidence
    and no full stop (``欢迎新老顾客光临！``); at the end of the document or after a lone
    marker also a bare line (a brand name). Never a byline or a source note."""
    if unit.protected or unit.label == TEXT:
        return False
    if unit.score > 0 and not unit.full_stop:
        return True
    if unit.label == WEAK and unit.tail and not unit.indented:  # ``第1206号``, ``5层``
        return True
    return at_end and unit.label == WEAK and unit.bare and not unit.indented and unit.han <= 12


def _decide_run(
    units: Sequence[_Unit], threshold: int, markers_only: bool, doc_end: bool
) -> list[tuple[int, int]]:
    """Decide which parts of the run ``units`` (no TEXT inside) are ad blocks (index
    ranges, inclusive). ``doc_end``: the run ends the document.

    A marker starts a block of its own: the run is cut before each marker, and the part
    before the first marker is judged like any unmarked run.
    """
    i, j = 0, len(units) - 1
    cuts = [k for k in range(i, j + 1) if units[k].label == MARKER]
    bounds = [i, *[k for k in cuts if k > i], j + 1]
    out: list[tuple[int, int]] = []
    for s, e in itertools.pairwise(bounds):
        # A marker right after an ad block is its closing label (``…第2024037号`` /
        # ``广告``): it announces nothing after it.
        closing = bool(out) and out[-1][1] == s - 1
        flags = (e - 1 == j and doc_end, closing)
        block = _decide_segment(units, (s, e - 1), flags, threshold, markers_only)
        if block is not None:
            out.append(block)
    return out


def _decide_segment(
    units: Sequence[_Unit],
    span: tuple[int, int],
    flags: tuple[bool, bool],
    threshold: int,
    markers_only: bool,
) -> tuple[int, int] | None:
    """The ad block in ``units[i..j]`` (a marker can only be its first unit), if any."""
    i, j = span
    last, closing = flags  # the document's last segment; a marker closing the block before
    ads = [k for k in range(i, j + 1) if units[k].label in (AD, MARKER)]
    if not ads:
        return None
    marked = units[i].label == MARKER
    if markers_only and not marked:
        return None
    start = ads[0]
    if not marked:
        # Up to two short lines (no sentence end) just before the first ad line are its
        # title or brand name (``博学教育 暑期托管班``); bylines and source notes never are.
        # Slogan-like lines (some ad evidence) go with it whatever their number.
        bare_left = _LEADING_MAX
        while start - 1 >= i and _leads(units[start - 1]):
            if units[start - 1].score == 0:
                if not bare_left:
                    break
                bare_left -= 1
            start -= 1
    end = ads[-1]
    # Trailing lines: see _trails. A lone marker announces what follows it.
    at_end = last or (units[end].label == MARKER and not closing)
    k = end + 1
    # A finished disclaimer (``…以合同为准。``) closes an ad: nothing trails after it but
    # the rest of its own wrapped sentence.
    while k <= j and (
        (_trails(units[k], at_end) and not (units[k - 1].disclaimer and units[k - 1].ends))
        or _finishes(units[k - 1], units[k])
    ):
        k += 1
    end = k - 1
    if not marked:
        block = [units[k] for k in range(start, end + 1)]
        ads_in = sum(u.label == AD for u in block)
        evidence = sum(u.evidence for u in block)
        total = sum(u.score for u in block)
        if total < threshold or not (ads_in >= 2 or (ads_in and evidence >= 3)):
            return None
        # Block-level veto: prose density over the block's units without a licence or
        # a disclaimer (those are long sentences in every ad).
        body = [units[k] for k in range(start, end + 1) if not units[k].strong]
        han = sum(u.han for u in body)
        func = sum(u.func for u in body)
        punct = sum(u.punct for u in body)
        if han >= 40 and func * 100 >= han * 7 and punct * 100 >= han * 6:
            return None
    return (start, end)


def _prose_line(unit: _Unit) -> bool:
    """A line of article prose: no ad evidence, a function character, punctuation."""
    return (
        unit.score == 0
        and not unit.strong
        and unit.label in (NEAR, WEAK)
        and unit.func >= 1
        and (unit.punct >= 1 or unit.ends)
    )


def _finishes(prev: _Unit, unit: _Unit) -> bool:
    """Does ``unit`` finish the sentence of a disclaimer ``prev`` that a wrap cut
    (``本广告仅为要约邀请，…以政府批文及买`` / ``卖合同为准。``)?"""
    return (
        prev.disclaimer
        and not prev.ends
        and unit.ends
        and unit.label in (WEAK, NEAR)
        and not unit.protected
        and not unit.indented
        and unit.han <= 20
    )


def _leads(unit: _Unit) -> bool:
    """May this unit precede the first ad line of a block without a marker? A short
    single line with no sentence end that does not continue a previous line and does
    not read as prose (a function character and a comma)."""
    return not (
        unit.protected
        or unit.label != WEAK
        or unit.ends
        or unit.first != unit.last
        or unit.punct > 1
        or (unit.continuation and not unit.tail)
        or unit.indented
        or (unit.full and not unit.score)
        or (unit.func and unit.punct)
    )


def _find_edits(
    text: str,
    threshold: int,
    markers_only: bool,
    prefilter: bool = True,
    memo: _Memo | None = None,
) -> list[Edit]:
    """The edits of :class:`RemoveAds` (``prefilter=False``: every line is a candidate,
    the same edits more slowly; for the tests; ``memo``: scores and labels known)."""
    if prefilter:
        main, keys = _prefilters()
        if main is not None and keys.search(text) is None:
            return []
    lines = text.split("\n")
    contents = [line.strip(HSPACE_CHARS) for line in lines]  # content() of each line
    candidates = _candidate_lines(text, lines, contents) if prefilter else [*range(len(lines))]
    if not candidates:  # no unit can be an ad line: no block
        return []
    blocks = _blocks(_Layout(lines, contents, candidates, memo), threshold, markers_only)
    if not blocks:
        return []
    # (line i starts at lengths[i] + i: the lengths before it and their line breaks)
    lengths = list(itertools.accumulate(map(len, lines), initial=0))
    edits: list[Edit] = []
    nlines = len(lines)
    for a, last in blocks:
        b = last
        # A blank line on both sides: the blank lines after the block go with it, so
        # that one paragraph separator remains (when more text follows).
        if (a == 0 or is_blank(lines[a - 1])) and b + 1 < nlines and is_blank(lines[b + 1]):
            c = b + 1
            while c + 1 < nlines and is_blank(lines[c + 1]):
                c += 1
            if c + 1 < nlines:
                b = c
        if b + 1 < nlines:
            start, end = lengths[a] + a, lengths[b + 1] + b + 1
        elif a > 0:
            start, end = lengths[a] + a - 1, len(text)
        else:
            start, end = 0, len(text)
        if start < end:
            edits.append(Edit(start, end, text[start:end], "", "ad-block"))
    return edits


@register
@dataclass(frozen=True)
class RemoveAds(Normalizer):
    """Remove ad and notice blocks (property, school, clinic, shop, job ads) from articles.

    Runs before reflow, on the extracted lines. How it decides:

    1. Lines are grouped into logical lines: in a hard-wrapped text a line that
       reaches the wrap width continues into the next one (a Latin line into a next
       one that starts in lower case), unless the next line opens a paragraph, is a
       marker, or is an ad line of its own.
    2. Each logical line is labelled:

       * ``marker`` — the whole short line announces an ad or a notice: ``■广告``,
         ``广　告``, ``▲招生广告``, ``【广告】``, ``招聘启事``, ``[Advertisement]``,
         ``ADVERTISEMENT``, ``Sponsored``… (``■`` alone marks nothing);
       * ``ad`` — a licence number (``预售证第…号``, ``广审``, ``医广〔…〕``) or an ad
         disclaimer (``本广告仅为要约邀请``, ``以合同为准``), or an ad score of at least
         2 that beats its prose score. Ad score: licence/disclaimer 3, phone number 2
         (+1 with a label such as ``热线``), price 2, area (``m²``) 2, QR/WeChat prompt
         2, address 2, e-mail 2, fine print (``效果图``, ``仅供参考``) 2, URL 1, notice
         fields (``时间：``) 1, ad words (``招生``, ``五险一金``, ``精装``…) 1 each, at
         most 3, an all-caps Latin line 1, a ``【…】`` line 1, slogan fragments split by
         ``·`` ``|`` or spaces 1;
       * ``text`` — article prose: sentence punctuation and function characters
         (的了是在…) over at least 16 Han characters (or 12 English words);
       * ``near`` — a short sentence (``市民可拨打12345热线咨询。``); ``weak`` — the
         rest (headings, brand names); bylines and source notes are ``weak`` and
         *protected*.
    3. ``text`` lines cut the document into runs, and each marker starts a segment of
       its own. In a segment the block runs from the first ``ad``/``marker`` line to
       the last ``ad`` line; ``weak`` and ``near`` lines between two ad lines go with
       it (jusText-style smoothing). At its edges: up to two short lines before the
       first ad line (its title, more if they carry ad evidence); after the last one,
       lines with ad evidence and no full stop, the end of a cut disclaimer, and — at
       the end of the document or after a lone marker — bare short lines. Protected and
       indented lines never join at the edges.
    4. A block with a marker is always removed. A block without one is removed when
       its ad scores add up to ``threshold`` (default 6), it has two ``ad`` lines (or
       one and three lines with ad evidence), and it does not read as prose: it is kept
       when function characters reach 7 % and sentence punctuation 6 % of its Han
       characters (over 40 of them; licence and disclaimer lines not counted).

    Every block is one ``ad-block`` edit (``--explain`` shows it) that takes its lines
    with their line breaks, and the blank lines after it when it had blank lines on both
    sides. ``markers_only=True`` removes only blocks that a marker announces. If the
    cleaned text would still hold a block (the decision on a line depends on its
    neighbours), the input is left alone, which keeps the step idempotent.

    Never removes: article sentences that mention a phone number, a hotline, a price or
    an address; an article's contact line (``（记者 张三 电话：…）``) unless it sits inside
    an ad block; headings, bylines (``■ 本报记者 黄永礼``) and source notes
    (``（据新华社电）``) outside a block; a single ad-like line on its own.

    >>> text = ("文章最后一段。\\n\\n■广告\\n\\n万力城\\n\\n销售 | 0475-819 5678\\n\\n"
    ...         "本广告仅为要约邀请，以合同为准。")
    >>> RemoveAds()(text)
    '文章最后一段。\\n'
    >>> RemoveAds()("如有疑问，请拨打服务热线0471-6661234。")
    '如有疑问，请拨打服务热线0471-6661234。'
    """

    name = "remove_ads"
    order = 40
    default = True

    threshold: int = DEFAULT_THRESHOLD
    markers_only: bool = False

    def warm(self) -> None:
        """The prefilters (_prefilters, _QUICK, _NEAR, _keyed, _marker_alphabet), built on
        first use otherwise."""
        _prefilters()
        _keyed()
        _marker_alphabet()
        for p in _CONTENT_FEATURES:
            _quick(p)
            _near_of(p)

    @classmethod
    def variants(cls) -> list[Normalizer]:
        return [cls(), cls(markers_only=True), cls(threshold=3)]

    def _raw_edits(self, text: str, memo: _Memo | None = None) -> list[Edit]:
        return _find_edits(text, self.threshold, self.markers_only, memo=memo)

    def edits(self, text: str) -> list[Edit]:
        # Text scraped without newlines: its parts between runs of ``　　`` are read as
        # the lines reflow will make of them (an ad block there goes on the first run).
        return removals_in_parts(text, self._checked_edits)

    def _checked_edits(self, text: str) -> list[Edit]:
        memo = _Memo()
        edits = self._raw_edits(text, memo)
        if not edits:
            return []
        # Idempotence guard (one extra pass, constant bound): the decision on a line
        # depends on its neighbours, and removing a block changes them. If the result
        # would itself still contain a block, the input is ambiguous: leave it alone.
        if self._raw_edits(apply_edits(text, edits), memo):
            return []
        return edits
