"""Mojibake repair: ftfy (configured to leave CJK alone) plus Chinese mojibake ftfy misses."""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import re
import sys
import types
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..charsets import (
    COMMON_HAN_SIMPLIFIED,
    COMMON_HAN_TRADITIONAL,
    CONTROL_NOISE_CLASS,
    FTFY_EXTRA_TRIGGERS,
    HAN_CLASS,
    HSPACE,
    HSPACE_CHARS,
    LATIN1_MOJIBAKE_CLASS,
    SURROGATE_CLASS,
    ZERO_WIDTH_NOISE,
    han_class_outside,
    rare_cjk_class,
    run_of,
)
from ..normalizer import Edit, Normalizer
from ..registry import register
from ..sre import constants as sre
from ..sre import parser as _parser

if TYPE_CHECKING:
    import ftfy

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
#: (Built on first use, with ftfy itself: importing ftfy costs more than the rest of the
#: step's start-up, and most lines never need it; see :func:`_ftfy_config`.)


def _ftfy() -> types.ModuleType:
    """The ``ftfy`` package, imported on first use (only a line that ftfy may change
    needs it)."""
    import ftfy  # noqa: PLC0415 - imported on first use, not at import

    return ftfy


@functools.cache
def _ftfy_config() -> ftfy.TextFixerConfig:
    """:data:`FTFY_CONFIG`, built once per process."""
    return _ftfy().TextFixerConfig(
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


def __getattr__(name: str) -> Any:
    """``FTFY_CONFIG`` (see above), built on first access."""
    if name == "FTFY_CONFIG":
        return _ftfy_config()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _ftfy_badness() -> types.ModuleType:
    """``ftfy.badness``, the module of ftfy's mojibake detector (the fast path and the
    windows below are read from it). It needs nothing of the rest of ftfy, whose import
    (its tables, and wcwidth's) costs far more: when ftfy is not imported yet, the
    module file is run on its own (under a private name, ``ftfy.badness`` itself is not
    touched; the same source, so the same detector). Falls back to the ordinary import,
    or raises ImportError when ftfy has no such module."""
    loaded = sys.modules.get("ftfy.badness")
    if loaded is not None:
        return loaded
    try:
        pkg = importlib.util.find_spec("ftfy")  # finds the package, does not import it
        where = list(pkg.submodule_search_locations or ()) if pkg is not None else []
        found = importlib.machinery.PathFinder.find_spec("ftfy.badness", where)
        if found is None or not found.origin:
            raise ImportError("no ftfy.badness")
        spec = importlib.util.spec_from_file_location("_cleantext_ftfy_badness", found.origin)
        if spec is None or spec.loader is None:
            raise ImportError("no ftfy.badness")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    except Exception:  # anything unexpected: the ordinary import (all of ftfy)
        import ftfy.badness  # noqa: PLC0415

        return ftfy.badness


def _ftfy_trigger_class() -> str:
    """Characters without which ftfy (as configured) cannot change a line.

    ftfy's ``fix_encoding`` does nothing unless ``ftfy.badness.is_bad`` matches; every
    rule of that detector needs a character of the categories below or one of
    :data:`~cleantext.charsets.FTFY_EXTRA_TRIGGERS` (see there). The other enabled fixers
    need ``&``, ESC, a C1 control or a Latin ligature. Taken from ftfy itself, so a new
    ftfy version with new mojibake characters is followed automatically.
    """
    try:
        categories = _ftfy_badness().MOJIBAKE_CATEGORIES

        cats = "".join(
            categories[k]
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
    except (ImportError, AttributeError, KeyError):  # unknown ftfy: no fast path, always ftfy
        return "\x00-\U0010ffff"
    return cats + FTFY_EXTRA_TRIGGERS


#: The fast path: a line without any of these characters skips ftfy entirely. Clean
#: Chinese text (Han, CJK punctuation incl. “”‘’—…·, ASCII letters and digits) has none.
FTFY_TRIGGER = re.compile(f"[{_ftfy_trigger_class()}]")
_SURROGATE = re.compile(run_of(SURROGATE_CLASS))
# What normalize_controls removes: control characters and zero-width noise. Only
# looked for once ftfy has left a line as it is, so C1 controls have already been read
# as bytes (``\x80`` → ``€``); the ones left (``\x81``, undefined in Windows-1252) are
# noise that can hide mojibake (``\x81Â€``).
# (One character, no ``+``: the regex engine then skips ahead on the class alone.)
_NOISE = re.compile(f"[{CONTROL_NOISE_CLASS}{''.join(sorted(ZERO_WIDTH_NOISE))}]")


def window_width(pattern: re.Pattern[str]) -> int | None:
    """The longest match of ``pattern``, when every match can be found by searching a
    window around any of its characters: the width is bounded and the pattern looks at
    nothing outside its match (no lookaround, no anchor but the start of the text).
    ``None`` when that cannot be shown.

    >>> window_width(re.compile("[ab]c{1,3}|d"))
    4
    >>> [window_width(re.compile(p)) for p in ("a(?=b)", "a+", r"a\\b", "(?<!x)a")]
    [None, None, None, None]
    """
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        width = parsed.getwidth()[1]
        allowed_at = (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)
        lookaround = (sre.ASSERT, sre.ASSERT_NOT)

        def local(node: object) -> bool:
            if isinstance(node, _parser.SubPattern):
                node = node.data
            if isinstance(node, (list, tuple)):
                op = node[0] if len(node) == 2 else None
                if any(op is a for a in lookaround):
                    return False
                if op is sre.AT and all(node[1] is not a for a in allowed_at):
                    return False
                return all(local(x) for x in node)
            return True

        if width >= sre.MAXREPEAT or not local(parsed):
            return None
        return int(width)
    except Exception:  # unknown re internals: no windows
        return None


@functools.cache
def _badness_width() -> int | None:
    """:func:`window_width` of ftfy's mojibake detector, ``None`` if it is not there
    (worked out on first use, once per process: only a line with a character of
    FTFY_TRIGGER needs it)."""
    try:
        badness_re = _ftfy_badness().BADNESS_RE
    except (ImportError, AttributeError):
        return None
    return window_width(badness_re)


# What ftfy's other enabled fixers act on: C1 controls (fix_c1_controls) and ESC
# (remove_terminal_escapes); both are characters of FTFY_TRIGGER. With the lone
# surrogates, which ftfy is not given (see _ftfy_keeps).
_C1_ESC_OR_SURROGATE = re.compile(f"[\x80-\x9f\x1b{SURROGATE_CLASS}]")


def _looks_bad(segment: str) -> bool:
    """``ftfy.badness.is_bad(segment)``, found by searching only around the characters
    of :data:`FTFY_TRIGGER` (each of the detector's matches holds one): the detector
    tries many rules at every position, far slower than one character class, which
    matters on a line of a megabyte. (The tests check this function against ftfy's own.)

    A match holding a trigger at ``q`` lies in ``[q - width + 1, q + width)``. Triggers
    at most ``width`` apart are searched together, in one window from ``width`` before
    the first to ``width`` after the last: a match found there holds one of them (any
    other trigger is farther away than a match reaches), and text dense in triggers
    (mojibake, accented Latin) costs one search per run, not one per character.
    """
    width = _badness_width()
    search = _ftfy_badness().BADNESS_RE.search
    if width is None:
        return search(segment) is not None
    first = last = -1
    for m in FTFY_TRIGGER.finditer(segment):
        q = m.start()
        if first < 0 or q - last > width:  # a new run: search the one before it
            if first >= 0 and search(segment, max(0, first - width), last + width + 1):
                return True
            first = q
        last = q
    return first >= 0 and search(segment, max(0, first - width), last + width + 1) is not None


def _ftfy_keeps(segment: str) -> bool | None:
    """True when ftfy (as configured) certainly returns ``segment`` as it is: no C1
    control, no ESC and nothing its detector calls mojibake (:func:`_looks_bad`);
    ``None`` when the segment holds a lone surrogate (ftfy is then given the parts
    between them)."""
    m = _C1_ESC_OR_SURROGATE.search(segment)  # (one scan finds the first of either)
    if m is None:
        return not _looks_bad(segment)
    if _SURROGATE.match(segment, m.start()) or _SURROGATE.search(segment, m.end()):
        return None
    return False


def _ftfy_segment(segment: str) -> str:
    """``ftfy.fix_text_segment(segment, FTFY_CONFIG)`` on a segment without lone
    surrogates, not called when ftfy would return the segment as it is."""
    if _ftfy_keeps(segment):
        return segment
    return _ftfy().fix_text_segment(segment, _ftfy_config())


def ftfy_fix(line: str) -> str:
    """ftfy with :data:`FTFY_CONFIG` on one line, around lone surrogates; never raises."""
    if FTFY_TRIGGER.search(line) is None:
        return line
    try:
        keeps = _ftfy_keeps(line)
        if keeps is not None:
            return line if keeps else _ftfy().fix_text_segment(line, _ftfy_config())
        parts = _SURROGATE.split(line)
        seps = _SURROGATE.findall(line)
        out = [_ftfy_segment(parts[0])]
        for sep, part in zip(seps, parts[1:], strict=True):
            out.append(sep)
            out.append(_ftfy_segment(part))
        return "".join(out)
    except Exception:  # ftfy must never take the pipeline down; leave the line as it is
        return line


# --- Chinese mojibake --------------------------------------------------------------------

#: Characters counted as "rare" when judging a Chinese repair.
RARE = re.compile(f"[{rare_cjk_class()}{LATIN1_MOJIBAKE_CLASS}]")
# A character of FTFY_TRIGGER or RARE: where a line may start to need work.
_CANDIDATE_CHAR = re.compile(f"[{_ftfy_trigger_class()}{rare_cjk_class()}{LATIN1_MOJIBAKE_CLASS}]")
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
    han_re = _han()
    han = len(han_re.findall(s))
    common = max(simp, trad)
    return common, len(rare) + (han - common - sum(1 for ch in rare if han_re.match(ch)))


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


@functools.cache
def _han() -> re.Pattern[str]:
    """A Han character (compiled on first use: only a repair is judged with it)."""
    return re.compile(f"[{HAN_CLASS}]")


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


# A token can only be repaired when it has something to improve (_quality's "rare"
# count is at least one): a character of RARE, or a Han character outside the common
# Simplified characters *and* one outside the common Traditional ones. The scans below
# find those tokens (the others are never looked at: a line of a megabyte costs as
# much per character as many short lines).
# (Each compiled on first use, once per process: the classes are large, only lines with
# rare characters get here, and the first two only for a token without a character of
# RARE; FixEncoding.warm builds them before workers are forked.)


@functools.cache
def _not_simplified() -> re.Pattern[str]:
    """A Han character outside the common Simplified ones (see above)."""
    return re.compile(f"[{han_class_outside(COMMON_HAN_SIMPLIFIED)}]")


@functools.cache
def _not_traditional() -> re.Pattern[str]:
    """A Han character outside the common Traditional ones (see above)."""
    return re.compile(f"[{han_class_outside(COMMON_HAN_TRADITIONAL)}]")


@functools.cache
def _rare_or_not_simplified() -> re.Pattern[str]:
    """A character of RARE or of :func:`_not_simplified`: the tokens worth a look."""
    not_simplified = han_class_outside(COMMON_HAN_SIMPLIFIED)
    return re.compile(f"[{rare_cjk_class()}{LATIN1_MOJIBAKE_CLASS}{not_simplified}]")


def _tokens_with(pattern: re.Pattern[str], line: str) -> list[tuple[int, int]]:
    """(start, end) of the tokens (runs of :data:`_TOKEN`) of ``line`` that hold a match
    of ``pattern`` (a character class without space and tab), in order. Each search
    resumes after the token found: linear time."""
    out: list[tuple[int, int]] = []
    n = len(line)
    pos = 0
    space = tab = -1  # the next space and tab at or after pos (n: none), found lazily
    while (m := pattern.search(line, pos)) is not None:
        p = m.start()
        s = max(line.rfind(" ", pos, p), line.rfind("\t", pos, p)) + 1
        if space < p:
            space = line.find(" ", p) % (n + 1)  # -1 -> n
        if tab < p:
            tab = line.find("\t", p) % (n + 1)
        e = min(space, tab)
        out.append((s, e))
        pos = e
    return out


def _improvable_tokens(line: str) -> list[tuple[int, int]]:
    """The tokens of ``line`` whose :func:`_quality` has a rare count of at least one
    (the only ones :func:`_better` can accept a repair of), in order."""
    return [
        (s, e)
        for s, e in _tokens_with(_rare_or_not_simplified(), line)
        if RARE.search(line, s, e) is not None
        or (
            _not_simplified().search(line, s, e) is not None
            and _not_traditional().search(line, s, e) is not None
        )
    ]


def _has_rare(line: str) -> bool:
    """True when ``line`` holds at least ``MIN_RARE`` characters of :data:`RARE`."""
    pos = 0
    for _ in range(MIN_RARE):
        m = RARE.search(line, pos)
        if m is None:
            return False
        pos = m.end()
    return True


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
    if not _has_rare(line):
        return line
    fixed: dict[int, tuple[int, str]] = {}
    routes: list[tuple[str, str]] = []
    for s, e in _improvable_tokens(line):
        tok = line[s:e]
        for enc, dec in ROUND_TRIPS:
            new = _round_trip(tok, enc, dec)
            if new is not None and _better(new, tok):
                fixed[s] = (e, new)
                if (enc, dec) not in routes:
                    routes.append((enc, dec))
                break
    if not fixed:
        return line
    if routes_out is not None:
        routes_out.extend(r for r in routes if r not in routes_out)
    return _apply_routes(line, fixed, routes)


def repair_with_routes(line: str, routes: list[tuple[str, str]]) -> str:
    """The weaker repair of a line of a text in which ``routes`` already repaired
    other lines: ``升。`` (one Han character) or ``73%。`` (none) cannot be judged alone,
    but in a document that is GB18030 read as Latin-1 elsewhere they are the same.

    >>> repair_with_routes("Éý¡£", [("latin-1", "gb18030")])
    '升。'
    """
    return _apply_routes(line, {}, routes)


def _apply_routes(
    line: str,
    fixed: dict[int, tuple[int, str]],
    routes: list[tuple[str, str]],
) -> str:
    """``line`` with the ``fixed`` tokens (start → (end, new)) replaced and the other
    tokens that have a rare character repaired by one of ``routes`` when that is
    lossless and plausible."""
    for s, e in _tokens_with(RARE, line):
        if s in fixed:
            continue
        tok = line[s:e]
        for enc, dec in routes:
            new = _round_trip(tok, enc, dec, known=True)
            if new is not None and _plausible(new):
                fixed[s] = (e, new)
                break
    if not fixed:
        return line
    parts: list[str] = []
    pos = 0
    for s in sorted(fixed):
        e, new = fixed[s]
        parts.append(line[pos:s])
        parts.append(new)
        pos = e
    parts.append(line[pos:])
    return "".join(parts)


#: Lines longer than this are fixed in segments of this length (ftfy's own
#: ``max_decode_length``).
MAX_SEGMENT = 1_000_000
#: The line fix is repeated until nothing changes (double mojibake), at most this often.
MAX_ROUNDS = 3


#: The longest line tried again without the white space around it (see
#: ``FixEncoding.fix_line``): a paragraph line. A longer one (a text without newlines)
#: is not, so that such a text is not repaired twice over.
_EDGE_RETRY_MAX = 2000


def _edges_may_matter(core: str) -> bool:
    """Whether white space other than spaces and tabs around ``core`` (a line without
    it) may have kept the line from being repaired: ftfy would change ``core`` (such
    white space cannot be re-decoded with it: ``\u3000Àº``), or its first or last
    token may be Chinese mojibake (the white space is part of the token). Spaces and
    tabs do neither (ftfy re-decodes them, tokens end at them)."""
    if _ftfy_keeps(core) is not True:
        return True
    first = _TOKEN.match(core)
    last = core[max(core.rfind(" "), core.rfind("\t")) + 1 :]
    return bool(
        (first is not None and _improvable_tokens(first.group()))
        or (last and _improvable_tokens(last))
    )


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

    def warm(self) -> None:
        """ftfy and the scans of the Chinese repair, built on first use otherwise."""
        _ftfy_config()
        _badness_width()
        _not_simplified(), _not_traditional(), _rare_or_not_simplified(), _han()

    def fix_line(
        self,
        line: str,
        routes: list[tuple[str, str]] | None = None,
        repaired: str | None = None,
    ) -> str:
        """The repaired line (ftfy and the Chinese repairs, to a fixed point).

        ``routes`` are the kinds of Chinese mojibake found elsewhere in the same text
        (see :func:`repair_with_routes`); ``repaired`` is ``repair_chinese(line)`` when
        the caller already has it.

        Control characters and zero-width noise (which normalize_controls, the next
        step, removes) can hide mojibake (``¬\x1fÄ``, ``\x81Â€``), and so can white space around
        the line (which reflow removes: ``\xa0Àº``, ``\u3000\u3000浣犲ソ``): when the
        line itself needs no repair, it is also tried without them (white space other
        than spaces and tabs, a line of at most 2 000 characters, see
        ``_edges_may_matter``), and that repair is taken when it changes something, so
        that the chain does not find new mojibake on a second run.
        """
        for _ in range(MAX_ROUNDS):
            fixed = self._fix(line, routes, repaired)
            repaired = None
            if fixed == line and _NOISE.search(line) is not None:
                bare = _NOISE.sub("", line)
                fixed_bare = self._fix(bare, routes)
                if fixed_bare != bare:
                    fixed = fixed_bare
            if fixed == line and (line[:1] in HSPACE or line[-1:] in HSPACE):
                core = line.strip(HSPACE_CHARS)
                lead = line[: len(line) - len(line.lstrip(HSPACE_CHARS))]
                trail = line[len(lead) + len(core) :]
                if (
                    0 < len(core) <= _EDGE_RETRY_MAX
                    and (lead + trail).strip(" \t")
                    and _edges_may_matter(core)
                ):
                    fixed_core = self._fix(core, routes)
                    if fixed_core != core:
                        fixed = lead + fixed_core + trail
            if fixed == line:
                break
            line = fixed
        return line

    def _fix(
        self,
        line: str,
        routes: list[tuple[str, str]] | None = None,
        repaired: str | None = None,
    ) -> str:
        for _ in range(MAX_ROUNDS):
            new = repair_chinese(line) if repaired is None else repaired
            repaired = None
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
        ``MIN_RARE`` characters of ``RARE``. One scan for either kind finds the lines
        worth a closer look (the part of a line before that first hit has neither);
        each search resumes after the line it found, so every character is looked at a
        bounded number of times (linear time).
        """
        found: list[tuple[int, int]] = []
        n = len(text)
        pos = 0
        while (m := _CANDIDATE_CHAR.search(text, pos)) is not None:
            p = m.start()
            e = text.find("\n", p)
            e = n if e < 0 else e
            if FTFY_TRIGGER.search(text, p, e) is not None or (
                (r := RARE.search(text, p, e)) is not None
                and RARE.search(text, r.end(), e) is not None
            ):
                found.append((text.rfind("\n", 0, p) + 1, e))
            pos = e + 1
        return found

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
        olds = [text[s:e] for s, e in lines]
        repaired = [repair_chinese(line, routes) for line in olds]
        out: list[Edit] = []
        for (s, e), line, first in zip(lines, olds, repaired, strict=True):
            new = self.fix_line(line, routes, first)
            if new != line:
                out.append(Edit(s, e, line, new, "mojibake"))
        return out
