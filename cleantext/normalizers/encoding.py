"""Mojibake repair: ftfy (configured to leave CJK alone) plus Chinese mojibake ftfy misses."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy

from ..charsets import (
    C0_CONTROL_NOISE_CLASS,
    COMMON_HAN_SIMPLIFIED,
    COMMON_HAN_TRADITIONAL,
    FTFY_EXTRA_TRIGGERS,
    HAN_CLASS,
    LATIN1_MOJIBAKE_CLASS,
    SURROGATE_CLASS,
    ZERO_WIDTH_NOISE,
    rare_cjk_class,
)
from ..normalizer import Edit, Normalizer
from ..registry import register

# --- ftfy --------------------------------------------------------------------------------

#: How ftfy is run. Every option is decided, not inherited from ftfy's defaults:
#:
#: * on: ``fix_encoding`` and its sub-fixes ``restore_byte_a0``, ``replace_lossy_sequences``,
#:   ``decode_inconsistent_utf8``, ``fix_c1_controls`` (that *is* mojibake repair: exactly
#:   ftfy's own ``fix_encoding``); ``remove_terminal_escapes`` (``ESC[31m`` garbage that
#:   normalize_controls would only half remove).
#: * off: ``unescape_html`` (``&amp;`` is not an encoding error, and text about HTML
#:   means its entities; ftfy's own ``fix_encoding`` keeps ``10Î&frac14;s``),
#:   ``fix_latin_ligatures`` (``ﬁ`` is a typographic form, not mojibake; ftfy's
#:   ``fix_encoding`` keeps ``signiﬁcantly``), ``fix_character_width`` (folds
#:   ``，：（）`` and U+3000 into ASCII: breaks Chinese; normalize_width does the safe
#:   part), ``uncurl_quotes`` (straightens Chinese “”‘’),
#:   ``normalization`` (no NFC/NFKC: NFKC destroys Chinese punctuation, NFC rewrites CJK
#:   compatibility ideographs; neither is encoding repair), ``fix_line_breaks`` and
#:   ``remove_control_chars`` (normalize_controls owns newlines and control characters,
#:   with its own edits), ``fix_surrogates`` (it turns lone surrogates into U+FFFD; we
#:   let them pass unharmed).
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def _ftfy_trigger_class() -> str:
    """Characters without which ftfy (as configured) cannot change a line.

    ftfy's ``fix_encoding`` does nothing unless ``ftfy.badness.is_bad`` matches; every
    rule of that detector needs a character of the categories below or one of
    :data:`~cleantext.charsets.FTFY_EXTRA_TRIGGERS` (see there). The other enabled fixers
    need ``&``, ESC, a C1 control or a Latin ligature. Taken from ftfy itself, so a new
    ftfy version with new mojibake characters is followed automatically.
    """
    try:
        from ftfy.badness import MOJIBAKE_CATEGORIES  # noqa: PLC0415

        cats = "".join(
            MOJIBAKE_CATEGORIES[k]
            for k in (
                "c1",
                "bad",
                "law",
                "currency",
                "numeric",
                "upper_accented",
                "lower_accented",
                "box",
            )
        )
    except (ImportError, KeyError):  # unknown ftfy layout: no fast path, always run ftfy
        return "\x00-\U0010ffff"
    return cats + FTFY_EXTRA_TRIGGERS


#: The fast path: a line without any of these characters skips ftfy entirely. Clean
#: Chinese text (Han, CJK punctuation incl. “”‘’—…·, ASCII letters and digits) has none.
FTFY_TRIGGER = re.compile(f"[{_ftfy_trigger_class()}]")
_SURROGATE = re.compile(f"[{SURROGATE_CLASS}]+")
# C0 controls and zero-width noise; C1 controls are kept: ftfy reads them as bytes.
_NOISE = re.compile(f"[{C0_CONTROL_NOISE_CLASS}{''.join(sorted(ZERO_WIDTH_NOISE))}]+")


def ftfy_fix(line: str) -> str:
    """ftfy with :data:`FTFY_CONFIG` on one line, around lone surrogates; never raises."""
    if FTFY_TRIGGER.search(line) is None:
        return line
    try:
        if _SURROGATE.search(line) is None:
            return ftfy.fix_text_segment(line, FTFY_CONFIG)
        parts = _SURROGATE.split(line)
        seps = _SURROGATE.findall(line)
        out = [ftfy.fix_text_segment(parts[0], FTFY_CONFIG)]
        for sep, part in zip(seps, parts[1:], strict=True):
            out.append(sep)
            out.append(ftfy.fix_text_segment(part, FTFY_CONFIG))
        return "".join(out)
    except Exception:  # ftfy must never take the pipeline down; leave the line as it is
        return line


# --- Chinese mojibake --------------------------------------------------------------------

#: Characters counted as "rare" when judging a Chinese repair.
RARE = re.compile(f"[{rare_cjk_class()}{LATIN1_MOJIBAKE_CLASS}]")
_TOKEN = re.compile(r"[^ \t]+")
_BAD_RESULT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")

#: (encode with, decode with): how Chinese mojibake was made, undone. UTF-8 read as
#: GBK/GB18030 (``浣犲ソ`` for ``你好``) or as Big5; GB18030 read as Latin-1/cp1252
#: (``ÖÐÎÄ`` for ``中文``).
ROUND_TRIPS: tuple[tuple[str, str], ...] = (
    ("gbk", "utf-8"),
    ("gb18030", "utf-8"),
    ("big5", "utf-8"),
    ("cp950", "utf-8"),
    ("latin-1", "gb18030"),
    ("cp1252", "gb18030"),
)
#: A line with fewer rare characters than this is not looked at for Chinese mojibake.
MIN_RARE = 2  # (_candidates looks for a first and a second one)


def _quality(s: str) -> tuple[int, int]:
    """(common, rare): Han characters common in the *one* standard that covers ``s``
    best (mojibake mixes Simplified- and Traditional-only characters), and the
    characters of :data:`RARE` plus the Han characters that standard does not cover."""
    simp = trad = han = 0
    for ch in s:
        if ch in COMMON_HAN_SIMPLIFIED:
            simp += 1
        if ch in COMMON_HAN_TRADITIONAL:
            trad += 1
    rare = RARE.findall(s)
    han = len(_HAN.findall(s))
    common = max(simp, trad)
    return common, len(rare) + (han - common - sum(1 for ch in rare if _HAN.match(ch)))


def _better(new: str, old: str) -> bool:
    """True when ``new`` is clearly better Chinese than ``old``.

    At least two common Han characters, at most one rare character per four common
    ones, fewer rare characters and a larger share of common ones than before; no
    control characters, U+FFFD or private-use characters.
    """
    if _BAD_RESULT.search(new):
        return False
    c_new, r_new = _quality(new)
    c_old, r_old = _quality(old)
    if c_new < 2 or r_new * 4 > c_new or r_new >= r_old:
        return False
    # a larger share of common characters (mojibake of n characters has ~1.5n)
    return c_new * (c_old + r_old) > c_old * (c_new + r_new)


def _plausible(new: str) -> bool:
    """Weaker test for the other tokens of a line already judged to be mojibake."""
    return _BAD_RESULT.search(new) is None and _quality(new)[1] == 0


def _ascii_count(s: str) -> int:
    return len(s) - len(_NON_ASCII.findall(s))


_NON_ASCII = re.compile("[^\x00-\x7f]")
_HAN = re.compile(f"[{HAN_CLASS}]")


def _round_trip(tok: str, enc: str, dec: str, known: bool = False) -> str | None:
    """``tok`` encoded with ``enc`` and decoded with ``dec``, if lossless both ways.

    Bytes that are valid UTF-8 too are left to ftfy, unless the line or text is
    ``known`` to be Chinese mojibake of this kind (``Ô±`` is 员 there, not Armenian).
    """
    try:
        raw = tok.encode(enc)
        if dec == "gb18030" and not known:
            try:  # valid UTF-8 as well: that is ftfy's mojibake, not ours
                raw.decode("utf-8")
                return None
            except UnicodeDecodeError:
                pass
        new = raw.decode(dec)
        if new == tok or new.encode(dec).decode(enc) != tok:
            return None
    except (UnicodeError, LookupError):
        return None
    if dec == "gb18030" and _ascii_count(new) != _ascii_count(tok):
        return None  # an ASCII letter was read as a GBK trail byte: Latin text (télé)
    return new


def repair_chinese(line: str, routes_out: list[tuple[str, str]] | None = None) -> str:
    """Undo UTF-8↔GBK/Big5 and GB18030→Latin-1 mojibake, token by token (space-separated).

    A token is repaired when the round trip is lossless and the result is clearly
    better Chinese (:func:`_better`); once one token of a line is, the line's other
    tokens are repaired the same way when that is lossless and gives no rare
    character (short tokens such as ``期，`` or ``———`` are judged with their line).

    >>> repair_chinese("浣犲ソ 涓\\ue15f枃涔辩爜 ÖÐÎÄÂÒÂë")
    '你好 中文乱码 中文乱码'
    >>> repair_chinese("你好，中文")
    '你好，中文'
    """
    if len(RARE.findall(line)) < MIN_RARE:
        return line
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(line)]
    fixed: dict[int, str] = {}
    routes: list[tuple[str, str]] = []
    for i, (s, e) in enumerate(tokens):
        tok = line[s:e]
        for enc, dec in ROUND_TRIPS:
            new = _round_trip(tok, enc, dec)
            if new is not None and _better(new, tok):
                fixed[i] = new
                if (enc, dec) not in routes:
                    routes.append((enc, dec))
                break
    if not fixed:
        return line
    if routes_out is not None:
        routes_out.extend(r for r in routes if r not in routes_out)
    return _apply_routes(line, tokens, fixed, routes)


def repair_with_routes(line: str, routes: list[tuple[str, str]]) -> str:
    """The weaker repair of a line of a text in which ``routes`` already repaired
    other lines: ``升。`` (one Han character) or ``73%。`` (none) cannot be judged alone,
    but in a document that is GB18030 read as Latin-1 elsewhere they are the same.

    >>> repair_with_routes("Éý¡£", [("latin-1", "gb18030")])
    '升。'
    """
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(line)]
    return _apply_routes(line, tokens, {}, routes)


def _apply_routes(
    line: str,
    tokens: list[tuple[int, int]],
    fixed: dict[int, str],
    routes: list[tuple[str, str]],
) -> str:
    """``line`` with ``fixed`` tokens replaced and the other tokens that have a rare
    character repaired by one of ``routes`` when that is lossless and plausible."""
    for i, (s, e) in enumerate(tokens):
        if i in fixed:
            continue
        tok = line[s:e]
        if RARE.search(tok) is None:
            continue
        for enc, dec in routes:
            new = _round_trip(tok, enc, dec, known=True)
            if new is not None and _plausible(new):
                fixed[i] = new
                break
    parts: list[str] = []
    pos = 0
    for i, (s, e) in enumerate(tokens):
        parts.append(line[pos:s])
        parts.append(fixed.get(i, line[s:e]))
        pos = e
    parts.append(line[pos:])
    return "".join(parts)


#: Lines longer than this are fixed in segments of this length (ftfy's own
#: ``max_decode_length``).
MAX_SEGMENT = 1_000_000
#: The line fix is repeated until nothing changes (double mojibake), at most this often.
MAX_ROUNDS = 3


@register
@dataclass(frozen=True)
class FixEncoding(Normalizer):
    """Repair mojibake (ftfy, with CJK-safe settings) and Chinese mojibake ftfy misses.

    Changes, line by line (each changed line is one edit): UTF-8 read as Latin-1 or
    Windows-125x and back (``cafÃ©`` → ``café``, ``â€œ`` → ``“``), C1 controls read as
    Windows-1252, terminal escapes (ftfy's ``fix_encoding``, see ``FTFY_CONFIG``);
    UTF-8 read as GBK/GB18030 or Big5 (``浣犲ソ`` → ``你好``)
    and GB18030 read as Latin-1 (``ÖÐÎÄ`` → ``中文``) when the round trip is lossless and
    the result is clearly better Chinese.

    Never touches: Chinese punctuation and full-width forms (``，：（）“”``, U+3000),
    curly quotes, HTML entities, ligatures, line breaks, control characters, lone
    surrogates, Unicode normalization. Lines in which no mojibake character occurs
    are not even given to ftfy (the fast path, ``FTFY_TRIGGER``).

    >>> FixEncoding()("cafÃ© 中文，标点：（括号）“引号”")
    'café 中文，标点：（括号）“引号”'
    >>> FixEncoding()("鎴戜滑鐨勪笘鐣屽晩 vs ÖÐÎÄÂÒÂë")
    '我们的世界啊 vs 中文乱码'
    """

    name = "fix_encoding"
    order = 10
    default = True

    def fix_line(self, line: str, routes: list[tuple[str, str]] | None = None) -> str:
        """The repaired line (ftfy and the Chinese repairs, to a fixed point).

        ``routes`` are the kinds of Chinese mojibake found elsewhere in the same text
        (see :func:`repair_with_routes`).

        C0 control characters and zero-width noise (which normalize_controls, the next
        step, removes) can hide mojibake (``¬\x1fÄ``): when the line itself needs no
        repair, it is also tried without them, and that repair is taken when it changes
        something, so that the chain does not find new mojibake on a second run.
        """
        for _ in range(MAX_ROUNDS):
            fixed = self._fix(line, routes)
            if fixed == line and _NOISE.search(line) is not None:
                bare = _NOISE.sub("", line)
                fixed_bare = self._fix(bare, routes)
                if fixed_bare != bare:
                    fixed = fixed_bare
            if fixed == line:
                break
            line = fixed
        return line

    def _fix(self, line: str, routes: list[tuple[str, str]] | None = None) -> str:
        for _ in range(MAX_ROUNDS):
            new = repair_chinese(line)
            if new == line and routes:
                new = repair_with_routes(line, routes)
            new = ftfy_fix(new)
            if new == line:
                break
            line = new
        return line

    def _candidates(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the lines that may need work, found by whole-text scans.

        A line is a candidate when it holds a character of ``FTFY_TRIGGER`` or at least
        ``MIN_RARE`` characters of ``RARE``. Each search resumes after the line it found,
        so every character is looked at a bounded number of times (linear time).
        """
        found: dict[int, int] = {}
        n = len(text)

        def line_of(pos: int) -> tuple[int, int]:
            e = text.find("\n", pos)
            return text.rfind("\n", 0, pos) + 1, n if e < 0 else e

        pos = 0
        while (m := FTFY_TRIGGER.search(text, pos)) is not None:
            s, e = line_of(m.start())
            found[s] = e
            pos = e + 1
        pos = 0
        while (m := RARE.search(text, pos)) is not None:
            s, e = line_of(m.start())
            if RARE.search(text, m.end(), e) is not None:
                found[s] = e
            pos = e + 1
        return sorted(found.items())

    def edits(self, text: str) -> list[Edit]:
        lines: list[tuple[int, int]] = []
        for start, end in self._candidates(text):
            # Very long lines are fixed in segments, as ftfy.fix_text itself does.
            for s in range(start, end, MAX_SEGMENT) if end > start else [start]:
                lines.append((s, min(end, s + MAX_SEGMENT)))
        # Which kinds of Chinese mojibake does the text clearly contain? Lines too short
        # to judge alone (升。, 73%。) are then repaired the same way when lossless and
        # plausible.
        routes: list[tuple[str, str]] = []
        for s, e in lines:
            repair_chinese(text[s:e], routes)
        out: list[Edit] = []
        for s, e in lines:
            line = text[s:e]
            new = self.fix_line(line, routes)
            if new != line:
                out.append(Edit(s, e, line, new, "mojibake"))
        return out
