"""Chinese punctuation: ASCII marks in Chinese context, dashes, ellipses, quotes, duplicates."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..charsets import (
    ASCII_TO_CJK_PUNCT,
    CJK_CLOSING_CLASS,
    CJK_LETTER_CLASS,
    CJK_ONLY_PUNCT,
    CJK_PUNCT_CLASS,
    DASH_RUN_CLASS,
    ELLIPSIS,
    EM_DASH,
    SHARED_PUNCT,
)
from ..layout import spaces_after, spaces_before
from ..normalizer import Edit, Normalizer
from ..registry import register

_C = CJK_LETTER_CLASS
# Left context of a mark just matched: a CJK letter or a closing Chinese mark before
# it, optionally spaces between. (A lookbehind has a fixed width: two spaces or more
# are matched as such, and _fix_ascii_marks looks past them. normalize_spacing makes
# one space of them later in the chain, so they must count as one here, or the chain
# would not be idempotent.)
_LEFT_CHAR = f"[{_C}{CJK_CLOSING_CLASS}]"
_LEFT = f"(?:(?<={_LEFT_CHAR}.)|(?<={_LEFT_CHAR} .)|(?<=  .))"
# Right context: a CJK letter or Chinese punctuation (after spaces, if any), or the
# end of the line (after spaces).
_RIGHT = f"(?=[ ]*[{_C}{CJK_PUNCT_CLASS}]|[ ]*\\n|[ ]*\\Z)"

# ASCII , ; and runs of ? ! between Chinese text; a colon after Chinese whatever
# follows (电话:0475…, 时间:8:00), unless it starts a URL scheme or a :: token or
# a Latin sentence follows after a space (The word 中文: meaning…).
# Never inside numbers (1,000, 3:30), URLs (http:), e-mail addresses or Latin
# sentences: those have no CJK on the left.
# (Here and below, a pattern starts with the class of its first character, and the
# context before that character is looked at after it, with lookbehinds: the regex
# engine then skips ahead on that class alone, at C speed, which it does not do for a
# pattern that starts with a lookaround; same matches, several times faster.)
_ASCII_PUNCT = re.compile(
    f"[,;?!:]{_LEFT}(?:(?<=[,;]){_RIGHT}|(?<=[?!])[?!]{{0,2}}{_RIGHT}|(?<=:)(?![/:]|[ ]+[A-Za-z]))"
)
# ASCII parentheses holding or touching Chinese (not a function call like f(中文)).
_PARENS = re.compile(r"\((?<![A-Za-z0-9_]\()(?P<body>[^()（）\n]{0,80})\)")
# Mismatched pairs from OCR: （一) and (一）.
_HALF_PAIR = re.compile(r"（[^()（）\n]{0,80}\)|\([^()（）\n]{0,80}）")
# A dash run: three or more dashes of any width, or two that are not already ——,
# touching Chinese on at least one side (spaces allowed). 1949—1986 (one dash) stays.
# Only whole runs are matched, and not those that never change (—— itself, ---- rules).
# A run with a Chinese character or mark right next to it becomes —— without a Python
# call (_DASH_TOUCHING, a literal replacement); only the others are judged by
# _chinese_near, which looks past spaces (_DASH_APART).
_D = DASH_RUN_CLASS
_AROUND = f"{_C}{CJK_PUNCT_CLASS}"
# After the first dash of a run: not a whole —— or ---- rule.
_NOT_KEPT = f"(?!(?<={EM_DASH}){EM_DASH}(?![{_D}]))(?!(?<=-)-{{3,}}(?![{_D}]))"
# (A second dash is looked for first: a lone hyphen, as in Latin words, fails at once.)
_DASH_APART = re.compile(
    f"[{_D}](?=[{_D}])(?<![{_D}{_AROUND}].){_NOT_KEPT}[{_D}]+(?![{_D}])(?![{_AROUND}])"
)
_DASH_TOUCHING = re.compile(
    f"[{_D}](?=[{_D}])(?<![{_D}].){_NOT_KEPT}"
    f"(?:(?<=[{_AROUND}].)[{_D}]+(?![{_D}])|[{_D}]+(?![{_D}])(?=[{_AROUND}]))"
)
_CJK_AROUND = re.compile(f"[{_C}{CJK_PUNCT_CLASS}]")
# Ellipses: ... or 。。。 (three or more) or a single … in Chinese context → ……
_ELLIPSIS = re.compile(r"[.。…](?:(?<=\.)\.{2,}|(?<=。)(?: *。){2,}|(?<=…)(?<!……)(?!…))")
# Duplicated marks from OCR: ，， 、、 。。 ；； ：： (。。。 and longer are ellipses).
# Also with ASCII spaces between (``， ，``): normalize_spacing removes those spaces
# later in the chain, so collapsing them only here keeps the chain idempotent.
# Patterns replaced by a literal (no Python call per match), each starting with two
# literal characters (the regex engine searches for those alone, fast): per mark, a
# chain that starts with a doubled mark, then a chain that starts with mark and space
# (what is left of a chain after the first is one such chain, made one mark as well).
# A match holds one kind of mark and spaces only, so the marks never interfere.
_DUPLICATES = tuple(
    (mark, start, re.compile(f"{start}{rest}(?: *{mark})*"))
    for mark in "，、；："
    for start, rest in ((mark + mark, ""), (mark + " ", f" *{mark}"))
)
# 。。 and 。 。 (a pair; three or more are an ellipsis), also after spaces when the
# character before them is no 。 — ``a 。。`` is a pair (the spaces are kept),
# ``。 。。`` is not (normalize_spacing removes such spaces later in the chain,
# so a pair after spaces must be collapsed here too, or the chain is not idempotent).
# (Each pattern starts with two literal characters, which the regex engine searches for
# alone, fast; what comes before the pair is looked at by _full_stop_pair.)
_DUPLICATE_FULL_STOPS = (
    ("。。", re.compile("。。(?! *。)")),
    ("。 ", re.compile("。 +。(?! *。)")),
)
_DQUOTE = re.compile('"')
_SQUOTE = re.compile(r"'(?<![A-Za-z0-9]')(?P<body>[^'\n]{1,80}?)'(?![A-Za-z0-9])")
_CJK = re.compile(f"[{_C}]")
_BACKTICKS = re.compile(r"`[^`\n]*`")
_ANY = re.compile(rf"[,:;?!()\"'.。…，、；：{DASH_RUN_CLASS}]")
# What every change above needs in a line (a line without any of these is left as it
# is, tests/test_precheck_punctuation.py): an ASCII mark the rules convert or pair, a
# lone ellipsis ``…``, the start of a dash run _DASH takes (two dashes, not a whole
# ``——`` or ``----``), ``...``, or a doubled mark (``。。`` ``，，`` ``、、`` ``；；``
# ``：：``), also with spaces between (``， ，``, ``。 。 。``). A line that only has
# ``——`` and ``……`` (common in Chinese text, and what every repaired dash run and
# ellipsis becomes) is not looked at again.
# None of them spans a line break, so a search over the whole text finds the lines.
# (The class of all first characters comes first, the rest is judged after it: the
# regex engine skips ahead on that class alone, at C speed, also over Latin text.)
_CANDIDATE = re.compile(
    rf"([,;?!:()\"'….。，、；：{_D}])"
    rf"(?:(?<=[,;?!:()\"'])"  # an ASCII mark
    rf"|(?<=…)(?<!……)(?!…)"  # a lone ellipsis
    rf"|(?<=[{_D}])(?=[{_D}])(?<![{_D}].){_NOT_KEPT}"  # a dash run _DASH_* may take
    rf"|(?<=\.)\.\."  # ...
    rf"| *\1(?<=[。，、；：]))"  # a doubled mark
)
#: Where normalize_punctuation may change a line (a superset: a line without a match is
#: left as it is; only a line with a CJK character in it ever changes). Other steps that
#: must decide as this one will leave a line (reflow measures widths) look here.
CANDIDATE = _CANDIDATE
# The same places, in two scans that edits() unites by line: the dash runs (a lone
# hyphen, every third character of some Latin text, fails on the next character),
# and the rest (a doubled mark tried first: ，。、 are the common stops in Chinese).
_CANDIDATE_DASH = re.compile(f"[{_D}](?=[{_D}])(?<![{_D}].){_NOT_KEPT}")
_CANDIDATE_OTHER = re.compile(
    r"""([,;?!:()"'….。，、；：])(?: *\1(?<=[。，、；：])|(?<=[,;?!:()"'])"""
    r"|(?<=…)(?<!……)(?!…)|(?<=\.)\.\.)"
)

#: Each line's repair is repeated until nothing changes, at most this often.
MAX_ROUNDS = 3


def _chinese_near(line: str, start: int, end: int) -> bool:
    """True when the nearest non-space character on either side of ``line[start:end]``
    is Chinese (a CJK letter or Chinese punctuation)."""
    i = spaces_before(line, start)
    j = spaces_after(line, end)
    return (i > 0 and _CJK_AROUND.match(line[i - 1]) is not None) or (
        j < len(line) and _CJK_AROUND.match(line[j]) is not None
    )


def _touches_after_spacing(line: str, i: int) -> bool:
    """Whether the character before ``line[i]`` is Chinese (a CJK letter or Chinese
    punctuation) once normalize_spacing has run: spaces before ``i`` count as gone
    when that step removes them — after a mark only Chinese uses, or after shared marks
    (``”``, ``…``) that follow Chinese. (Deciding on the spaces would change the
    decision on a second run of the chain.)"""
    if i == 0:
        return False
    if line[i - 1] != " ":
        return _CJK_AROUND.match(line[i - 1]) is not None
    j = spaces_before(line, i)
    if j == 0:
        return False
    if line[j - 1] in CJK_ONLY_PUNCT:
        return True
    if line[j - 1] not in SHARED_PUNCT:
        return False
    # The character before the block of shared marks and spaces (each block is walked
    # once: a bracket ends it).
    while j > 0 and (line[j - 1] in SHARED_PUNCT or line[j - 1] == " "):
        j -= 1
    return j > 0 and (_CJK.match(line[j - 1]) is not None or line[j - 1] in CJK_ONLY_PUNCT)


def _fix_parens(line: str) -> str:
    def pair(m: re.Match[str]) -> str:
        body = m.group("body")
        if _touches_after_spacing(line, m.start()) or _CJK.search(body):
            return f"（{body}）"
        return m.group(0)

    line = _PARENS.sub(pair, line)
    return _HALF_PAIR.sub(lambda m: "（" + m.group(0)[1:-1] + "）", line)


def _fix_double_quotes(line: str) -> str:
    positions = [m.start() for m in _DQUOTE.finditer(line)]
    if not positions or len(positions) % 2:
        return line  # nothing to pair, or an odd count: cannot pair safely
    chars = list(line)
    for a, b in zip(positions[::2], positions[1::2], strict=True):
        body = line[a + 1 : b]
        if _CJK.search(body) or _chinese_near(line, a, b + 1):
            chars[a], chars[b] = "“", "”"
    return "".join(chars)


def _fix_single_quotes(line: str) -> str:
    def pair(m: re.Match[str]) -> str:
        body = m.group("body")
        return f"‘{body}’" if _CJK.search(body) else m.group(0)

    return _SQUOTE.sub(pair, line)


def _fix_dashes(line: str) -> str:
    def dash(m: re.Match[str]) -> str:
        return EM_DASH * 2 if _chinese_near(line, m.start(), m.end()) else m.group(0)

    # The runs apart from Chinese first, judged on ``line`` itself; then the touching
    # ones, found by their neighbours, which are no dashes and so were not changed.
    return _DASH_TOUCHING.sub(EM_DASH * 2, _DASH_APART.sub(dash, line))


def _fix_ellipses(line: str) -> str:
    def ell(m: re.Match[str]) -> str:
        run = m.group(0)
        if run[0] == "。" or _chinese_near(line, m.start(), m.end()):
            return ELLIPSIS * 2
        return run

    return _ELLIPSIS.sub(ell, line)


_LEFT_CHAR_RE = re.compile(_LEFT_CHAR)


def _fix_ascii_marks(seg: str) -> str:
    """ASCII ``, ; ? ! :`` in Chinese context → ``，；？！：`` (see _ASCII_PUNCT); a mark
    after two spaces or more counts when a CJK letter or closing mark is before them."""

    def mark(m: re.Match[str]) -> str:
        i = m.start()
        if seg[i - 2 : i] == "  ":  # (matched by the lookbehind for spaces)
            j = spaces_before(seg, i)  # (each space run is walked once)
            if j == 0 or _LEFT_CHAR_RE.match(seg, j - 1) is None:
                return m.group(0)
        return "".join(ASCII_TO_CJK_PUNCT[c] for c in m.group(0))

    return _ASCII_PUNCT.sub(mark, seg)


def _full_stop_pair(seg: str, m: re.Match[str]) -> str:
    """``。`` for a pair of ``。`` in ``seg``, unless a ``。`` stands before it (spaces
    between allowed): then it is part of a longer run (each space run is walked once)."""
    j = spaces_before(seg, m.start())
    return m.group(0) if j > 0 and seg[j - 1] == "。" else "。"


def _fix_duplicates(seg: str) -> str:
    """Duplicated marks collapsed (``，，`` → ``，``, ``。 。`` → ``。``); each pattern runs
    only when the text holds what it needs: a doubled mark or a mark and a space."""
    for mark, start, pattern in _DUPLICATES:
        if start in seg:
            seg = pattern.sub(mark, seg)
    for start, pattern in _DUPLICATE_FULL_STOPS:
        if start in seg:
            seg = pattern.sub(functools.partial(_full_stop_pair, seg), seg)
    return seg


# Each rule below runs only when the segment holds what its pattern needs (``in`` is
# far cheaper than a regex scan of a long line).
_ASCII_MARKS = ",;?!:()\"'"  # what the ASCII, parenthesis and quote rules need
_DASH_PAIR = re.compile(f"[{_D}][{_D}]")
_OTHER_DASHES = DASH_RUN_CLASS.replace("\\", "").replace(EM_DASH, "")  # unescaped, but —


def _fix_segment(seg: str, lines: bool = False) -> str:
    """One round of every rule over ``seg``, a part of a line between code spans — or,
    with ``lines``, such parts of several lines joined by ``\\n`` (no rule reaches
    across a line break; double quotes, paired by their count, are paired per line)."""
    if "," in seg or ";" in seg or "?" in seg or "!" in seg or ":" in seg:
        seg = _fix_ascii_marks(seg)
    if "(" in seg or ")" in seg:
        seg = _fix_parens(seg)
    if '"' in seg:
        if lines and "\n" in seg:
            seg = "\n".join(map(_fix_double_quotes, seg.split("\n")))
        else:
            seg = _fix_double_quotes(seg)
    if "'" in seg:
        seg = _fix_single_quotes(seg)
    if _dashes_may_change(seg):
        seg = _fix_dashes(seg)
    if _ellipses_may_change(seg):
        seg = _fix_ellipses(seg)
    return _fix_duplicates(seg)


def _dashes_may_change(seg: str) -> bool:
    """A dash run that may change: ——— (a run of em dashes only changes from three
    on), or two dashes, one of them not —."""
    return "———" in seg or (
        any(dash in seg for dash in _OTHER_DASHES) and _DASH_PAIR.search(seg) is not None
    )


def _ellipses_may_change(seg: str) -> bool:
    """``...`` or ``。。。`` (also with spaces), or a lone ``…`` (a run of odd length: a
    line of ``……`` pairs, what every repaired ellipsis is, has none)."""
    return (
        "..." in seg
        or "。。。" in seg
        or "。 " in seg
        or seg.count(ELLIPSIS) != 2 * seg.count(ELLIPSIS * 2)
    )


def _may_change_again(line: str) -> bool:
    """False when another round certainly leaves a repaired ``line`` as it is: no rule
    of _fix_segment would run (the cheap ``in`` tests first: a line of punctuation
    runs fails them), or no candidate place is left (the scans: a long line with a
    comma and a space fails those)."""
    guarded = (
        any(mark in line for mark in _ASCII_MARKS)
        or _dashes_may_change(line)
        or _ellipses_may_change(line)
        or any(start in line for _mark, start, _pattern in _DUPLICATES)
        or any(start in line for start, _pattern in _DUPLICATE_FULL_STOPS)
    )
    return guarded and (
        _CANDIDATE_DASH.search(line) is not None or _CANDIDATE_OTHER.search(line) is not None
    )


def fix_line(line: str) -> str:
    """The repaired line; text inside backticks (code) is left alone."""
    if _ANY.search(line) is None:
        return line
    for _ in range(MAX_ROUNDS):
        parts: list[str] = []
        pos = 0
        for m in _BACKTICKS.finditer(line):
            parts.append(_fix_segment(line[pos : m.start()]))
            parts.append(m.group(0))
            pos = m.end()
        parts.append(_fix_segment(line[pos:]))
        new = "".join(parts)
        if new == line:
            break
        line = new
        if _CANDIDATE.search(line) is None:
            break  # another round would change nothing
    return line


def _fix_round(block: str, lines: bool = False) -> str:
    """One round of the rules over a line (or, with ``lines``, lines joined by ``\\n``);
    text inside backticks is left alone."""
    parts: list[str] = []
    pos = 0
    for m in _BACKTICKS.finditer(block):
        parts.append(_fix_segment(block[pos : m.start()], lines))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(_fix_segment(block[pos:], lines))
    return "".join(parts)


def fix_lines(lines: list[str]) -> list[str]:
    """``[fix_line(x) for x in lines]``, with each rule run once per round over all the
    lines still changing, joined (no rule reaches across a line break): the cost of a
    round is paid once, not once per line. Lines must not contain ``\\n``."""
    current = list(lines)
    todo = list(range(len(current)))
    for _ in range(MAX_ROUNDS):
        if not todo:
            break
        block = "\n".join([current[i] for i in todo])
        new = _fix_round(block, lines=True)
        if new == block:
            break
        still: list[int] = []
        for i, line in zip(todo, new.split("\n"), strict=True):
            if line != current[i]:
                current[i] = line
                if _may_change_again(line):
                    still.append(i)
        todo = still
    return current


def _common_prefix(a: str, b: str, limit: int) -> int:
    """Length of the common prefix of ``a`` and ``b``, at most ``limit``: slices of 64,
    then 16, 4 and 1 characters compared in C (linear, few Python steps)."""
    p = 0
    for step in (64, 16, 4, 1):
        while p + step <= limit and a[p : p + step] == b[p : p + step]:
            p += step
    return p


def _span_edit(start: int, old: str, new: str) -> Edit:
    """One edit covering only the part of the line that changed."""
    limit = min(len(old), len(new))
    p = _common_prefix(old, new, limit)
    s = _common_prefix(old[::-1], new[::-1], limit - p)
    return Edit(
        start + p, start + len(old) - s, old[p : len(old) - s], new[p : len(new) - s], "punct"
    )


@register
@dataclass(frozen=True)
class NormalizePunctuation(Normalizer):
    """Give Chinese text Chinese punctuation: ASCII marks, dashes, ellipses, quotes.

    Changes, in Chinese context only: ASCII ``, : ; ? ! ( )`` → ``，：；？！（）``
    (``工作:`` → ``工作：``); a dash run ``———``, ``－－`` or ``--`` next to Chinese →
    ``——``; ``...``, ``。。。`` or a single ``…`` → ``……``; straight quotes around or next
    to Chinese → ``“”``/``‘’``, paired in order (a line with an odd number of ``"`` is
    left alone); OCR duplicates ``，，`` ``、、`` ``。。`` ``；；`` ``：：`` → one mark.

    Never touches: numbers, times and ratios (``1,000``, ``3:30``, ``1:2``), URLs and
    e-mail addresses (``http://…``), text in backticks, Latin sentences (no CJK on the
    left), ``——`` and ``1949—1986``, a ``…………`` line, ``？？``/``！！``, apostrophes
    (``don't``), and everything that is not punctuation.

    >>> NormalizePunctuation()('主要做了五方面工作:一是"抓学习",二是实践——— 认识...')
    '主要做了五方面工作：一是“抓学习”，二是实践—— 认识……'
    >>> NormalizePunctuation()("At 3:30, visit http://example.com (see 1,000 notes).")
    'At 3:30, visit http://example.com (see 1,000 notes).'
    """

    name = "normalize_punctuation"
    order = 80
    default = True

    def edits(self, text: str) -> list[Edit]:
        # Only lines with a candidate mark can change: find them with two scans of the
        # whole text (_CANDIDATE's places) and repair them together (fix_lines).
        found: dict[int, int] = {}
        n = len(text)
        for pattern in (_CANDIDATE_DASH, _CANDIDATE_OTHER):
            pos = 0
            while (m := pattern.search(text, pos)) is not None:
                start = text.rfind("\n", pos, m.start()) + 1 or pos
                end = text.find("\n", m.end())
                if end < 0:
                    end = n
                found[start] = end
                pos = end + 1
        starts = sorted(found)
        olds = [text[start : found[start]] for start in starts]
        news = fix_lines(olds)
        return [_span_edit(a, o, n) for a, o, n in zip(starts, olds, news, strict=True) if o != n]
