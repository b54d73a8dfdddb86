"""Guess the encoding of Chinese text: UTF-8, UTF-16, GB18030 or Big5 (``--encoding auto``).

General-purpose detectors (chardet, charset-normalizer) weigh dozens of encodings and
are unreliable on short Chinese snippets (a 20-character paragraph in GB18030 is often
taken for Big5, CP949 or "no idea"). Here the question is narrower, so the answer can
be sharper:

1. a byte-order mark decides (UTF-8, UTF-16, UTF-32);
2. NUL bytes in every other position mean UTF-16 (LE or BE, by where the NULs are);
3. bytes that are valid UTF-8 are UTF-8 (pure ASCII included);
4. otherwise each of GB18030 and Big5 decodes the sample, and the decoding whose
   characters are *plausible Chinese* wins: common ideographs and CJK punctuation are
   plausible; kana, Greek, Cyrillic, box drawing, bopomofo, private-use and rare
   ideographs — which is what a wrong guess produces — are not. Undecodable bytes
   count heavily against a candidate.

Only the first :data:`SAMPLE_BYTES` bytes are examined. The result is a codec name
that :func:`codecs.lookup` accepts.

>>> detect("简体中文，没有问题。".encode("gb18030"))
'gb18030'
>>> detect("繁體中文，沒有問題。".encode("big5"))
'big5'
>>> detect("中文".encode("utf-16-le"))
'utf-16-le'
>>> detect(b"plain ascii")
'utf-8'
"""

from __future__ import annotations

import codecs

from .charsets import BOPOMOFO_CLASS, KANA_CLASS

SAMPLE_BYTES = 1 << 16

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _ranges(cls: str) -> list[tuple[int, int]]:
    """Code point ranges of a ``charsets`` bracket-expression body such as ``a-z\\u3000``."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(cls):
        if i + 2 < len(cls) and cls[i + 1] == "-":
            out.append((ord(cls[i]), ord(cls[i + 2])))
            i += 3
        else:
            out.append((ord(cls[i]), ord(cls[i])))
            i += 1
    return out


#: Characters a wrong Chinese decoding typically produces and real Chinese text rarely has.
_IMPLAUSIBLE: list[tuple[int, int]] = [
    *_ranges(KANA_CLASS),
    *_ranges(BOPOMOFO_CLASS),
    (0x0370, 0x052F),  # Greek, Cyrillic
    (0x2500, 0x259F),  # box drawing, blocks
    (0x3400, 0x4DBF),  # CJK extension A (rare ideographs)
    (0xAC00, 0xD7AF),  # Hangul syllables (UTF-16 misreadings)
    (0xE000, 0xF8FF),  # private use
    (0xF900, 0xFAFF),  # compatibility ideographs
]


def _implausible(ch: str) -> bool:
    cp = ord(ch)
    return cp > 0xFFFF or any(lo <= cp <= hi for lo, hi in _IMPLAUSIBLE)


def _weight_gb(ch: str) -> float:
    """Badness of ``ch`` in a GB18030 reading: 0 for GB2312 symbols and ideographs."""
    try:
        lead = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return 1.0
    return 0.0 if lead <= 0xA3 or lead >= 0xB0 else 1.0


def _weight_big5(ch: str) -> float:
    """Badness of ``ch`` in a Big5 reading: level-2 (rare) ideographs count half."""
    try:
        lead = ch.encode("big5")[0]
    except UnicodeEncodeError:
        return 1.0
    if lead <= 0xC6:
        return 0.0
    return 0.5


def _weight_utf16(ch: str) -> float:
    cp = ord(ch)
    plausible = (
        0x4E00 <= cp <= 0x9FFF
        or 0x3000 <= cp <= 0x303F
        or 0xFF00 <= cp <= 0xFFEF
        or 0x2000 <= cp <= 0x206F
        or 0x20 <= cp < 0x7F
        or ch in "\n\r\t"
    )
    return 0.0 if plausible else 1.0


_WEIGHTS = {
    "gb18030": _weight_gb,
    "big5": _weight_big5,
    "utf-16-le": _weight_utf16,
    "utf-16-be": _weight_utf16,
}


def _badness(sample: bytes, encoding: str) -> float:
    """Average badness per non-ASCII character of ``sample`` read as ``encoding``."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = decoder.decode(sample, final=False)
    weight = _WEIGHTS[encoding]
    cache: dict[str, float] = {}
    total = 0.0
    count = 0
    for ch in text:
        if ch < "\x80" and encoding in ("gb18030", "big5"):
            continue
        count += 1
        w = cache.get(ch)
        if w is None:
            w = 4.0 if ch == "\ufffd" else (1.0 if _implausible(ch) else weight(ch))
            cache[ch] = w
        total += w
    return total / count if count else 0.0


def _utf16_order(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit in every other byte (ASCII-rich UTF-16)."""
    n = len(sample) - len(sample) % 2
    if n < 2:
        return None
    even = sample[0:n:2].count(0)
    odd = sample[1:n:2].count(0)
    half = n // 2
    if odd >= 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _is_utf8(sample: bytes, complete: bool) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def detect(data: bytes) -> str:
    """The most likely encoding of ``data`` among UTF-8/16/32, GB18030 and Big5."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:SAMPLE_BYTES]
    order = _utf16_order(sample)
    if order:
        return order
    if _is_utf8(sample, complete=len(data) <= SAMPLE_BYTES):
        return "utf-8"
    candidates = ["gb18030", "big5"]
    if len(data) % 2 == 0:
        candidates += ["utf-16-le", "utf-16-be"]
    scores = {enc: _badness(sample, enc) for enc in candidates}
    return min(candidates, key=lambda enc: scores[enc])  # ties: the earlier candidate
