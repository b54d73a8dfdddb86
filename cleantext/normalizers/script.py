"""Traditional ↔ Simplified Chinese conversion with OpenCC (opt-in)."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from ..charsets import SURROGATE_CLASS, run_of
from ..normalizer import Edit, Normalizer
from ..registry import register

#: OpenCC's configuration names (the ``.json`` files shipped with ``opencc>=1.4``).
CONFIGS: tuple[str, ...] = (
    "hk2s",
    "hk2sp",
    "hk2t",
    "jp2t",
    "s2hk",
    "s2hkp",
    "s2t",
    "s2tw",
    "s2twp",
    "t2hk",
    "t2jp",
    "t2s",
    "t2tw",
    "tw2s",
    "tw2sp",
    "tw2t",
)
_PAIRS = (
    ("s2t", "t2s"),
    ("s2tw", "tw2s"),
    ("s2twp", "tw2sp"),
    ("s2hk", "hk2s"),
    ("s2hkp", "hk2sp"),
    ("t2tw", "tw2t"),
    ("t2hk", "hk2t"),
    ("t2jp", "jp2t"),
)

#: The config converting the other way (``s2t`` ↔ ``t2s``): used to tell whether a line
#: is already in the target form (see :func:`convert_line`).
REVERSE: Mapping[str, str] = {
    **{a: b for a, b in _PAIRS},
    **{b: a for a, b in _PAIRS},
}

#: Outputs kept verbatim in one config. OpenCC's tw2sp turns ``稽覈`` into ``稽核`` (a
#: word in both standards, and OpenCC's own test expects it) but turns ``稽核`` into
#: ``审核``; without this the conversion of ``稽覈`` would not be idempotent.
PROTECTED: Mapping[str, tuple[str, ...]] = {"tw2sp": ("稽核",)}

#: At most this many OpenCC passes per line. Measured (``benchmarks/opencc_fixed_point.py``):
#: over every dictionary value of every config, the seeds and OpenCC's test cases, every
#: line reaches the target form within 2 passes.
MAX_PASSES = 3

_SURROGATE = re.compile(run_of(SURROGATE_CLASS))
_cache: dict[str, Callable[[str], str]] = {}
_lock = threading.Lock()


class UnknownConfigError(ValueError):
    """An OpenCC configuration name that does not exist."""


def _converter(config: str) -> Callable[[str], str]:
    """The OpenCC converter for ``config``, created once per process (thread-safe).

    OpenCC converter objects cannot be pickled, so the normalizer stores only the
    config name and looks the converter up here.
    """
    conv = _cache.get(config)
    if conv is None:
        with _lock:
            conv = _cache.get(config)
            if conv is None:
                import opencc  # noqa: PLC0415 - only loaded when conversion is used

                conv = opencc.OpenCC(config).convert
                _cache[config] = conv
    return conv


def _protected_pattern(config: str) -> re.Pattern[str] | None:
    words = PROTECTED.get(config)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_PROTECTED_RE: dict[str, re.Pattern[str] | None] = {c: _protected_pattern(c) for c in CONFIGS}


def one_pass(config: str, text: str) -> str:
    """One OpenCC pass over ``text``, keeping lone surrogates and protected outputs."""
    convert = _converter(config)
    protected = _PROTECTED_RE[config]
    # OpenCC works on UTF-8 and cannot take lone surrogates: convert around them.
    seps = list(_SURROGATE.finditer(text))
    if protected is not None:
        seps = sorted([*seps, *protected.finditer(text)], key=lambda m: m.start())
    parts: list[str] = []
    pos = 0
    for m in seps:
        if m.start() > pos:
            parts.append(convert(text[pos : m.start()]))
        parts.append(m.group(0))
        pos = m.end()
    if pos < len(text):
        parts.append(convert(text[pos:]))
    return "".join(parts)


def in_target_form(config: str, line: str) -> bool:
    """True when ``line`` is what ``config`` makes of its own reverse conversion.

    OpenCC is not idempotent: ``s2t`` turns ``于飛`` (already Traditional) into
    ``於飛``; ``s2twp`` turns ``史他汀類`` into ``史史他汀類``. A line that converting
    back and forth reproduces is already in the target form and is left alone.
    """
    return one_pass(config, one_pass(REVERSE[config], line)) == line


def convert_line(config: str, line: str) -> str:
    """Convert one line: OpenCC's output, unless the line is already in target form.

    If OpenCC's output is itself neither in target form nor a fixed point of OpenCC
    (rare: a phrase that only matches after the characters around it were converted),
    it is converted again, up to :data:`MAX_PASSES` passes in all. The result is a line
    in target form or one OpenCC leaves unchanged, so converting it again changes
    nothing (idempotence).
    """
    out = line
    for _ in range(MAX_PASSES):
        if in_target_form(config, out):
            return out
        new = one_pass(config, out)
        if new == out:  # a fixed point of OpenCC (e.g. a one-way mapping): done
            return out
        out = new
    return out


@functools.cache
def _has_cjk() -> re.Pattern[str]:
    """A CJK character (compiled on first use: the step is opt-in)."""
    return re.compile("[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\U00020000-\U0003134f]")


@register
@dataclass(frozen=True)
class ConvertScript(Normalizer):
    """Convert between Traditional and Simplified Chinese with OpenCC (opt-in).

    ``config`` is an OpenCC configuration name: ``s2t``, ``t2s``, ``s2tw``, ``tw2s``,
    ``s2twp``, ``tw2sp``, ``s2hk``, ``hk2s``, ``s2hkp``, ``hk2sp``, ``t2tw``, ``tw2t``,
    ``t2hk``, ``hk2t``, ``t2jp``, ``jp2t`` (``*p`` configs also convert regional
    vocabulary). Set it with the shorthand ``convert = "t2s"``. Each changed line is
    one edit. The output is OpenCC's, except that a line already in the target form
    (converting it back and forth gives it again) is left alone: OpenCC itself is not
    idempotent (``s2t`` turns the Traditional ``于飛`` into ``於飛``, ``s2twp`` turns
    ``史他汀類`` into ``史史他汀類``).

    Never touches: line breaks, white space, punctuation, Latin text, lone surrogates;
    lines without any CJK character are not even passed to OpenCC.

    >>> ConvertScript("t2s")("漢字轉換，簡體中文")
    '汉字转换，简体中文'
    >>> ConvertScript("s2tw")("鼠标和软件")
    '鼠標和軟件'
    """

    name = "convert_script"
    order = 100
    default = False
    shorthands: ClassVar[Mapping[str, str]] = {"convert": "config"}

    config: str = "t2s"

    def __post_init__(self) -> None:
        if self.config not in CONFIGS:
            raise UnknownConfigError(
                f"unknown OpenCC config {self.config!r}; valid: {', '.join(CONFIGS)}"
            )

    def warm(self) -> None:
        """The CJK scan, built on first use otherwise."""
        _has_cjk()

    def _fix(self, line: str) -> str:
        if _has_cjk().search(line) is None:
            return line
        return convert_line(self.config, line)

    def edits(self, text: str) -> list[Edit]:
        out: list[Edit] = []
        pos = 0
        for line in text.split("\n"):
            new = self._fix(line)
            if new != line:
                out.append(Edit(pos, pos + len(line), line, new, "script", self.config))
            pos += len(line) + 1
        return out

    @classmethod
    def variants(cls) -> list[Normalizer]:
        """One instance per OpenCC config, so each is property-tested."""
        return [cls(c) for c in CONFIGS]
