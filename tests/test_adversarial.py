"""Adversarial text: no normalizer, no regex and not the default chain slows down on it.

Two kinds of check, both with bounds *relative* to a measurement made in the same test
on the same machine (never an absolute time):

* every registered normalizer (each of its ``variants()``) and the default pipeline
  get about 1 MB of each pathological input (long runs of one character, of spaces,
  of U+3000, of punctuation, doubled glyphs, alternating patterns, empty and
  one-character lines…) and must finish within ``FACTOR`` times the time they take on
  1 MB of normal text (or, for a step with a fast path that makes normal text nearly
  free, within ``FACTOR`` times the default chain's time on normal text), scaled up by
  the ratio of line counts for inputs with many more lines than normal text. A linear
  step stays well inside that; a quadratic one needs hours on 1 MB. (The stricter
  throughput floors of issue 8 are checked by ``benchmarks/linear.py``.)
* every compiled regular expression in the ``cleantext`` package (module globals and
  normalizer class attributes) is run with ``finditer`` over strings built from the
  characters it names — long runs, alternations, a run ending in a character that
  breaks the match, 20 000 characters each — and must stay within ``10 × FACTOR``
  times a trivial linear pattern on the same string (and under 0.2 s at least; a
  quadratic pattern needs seconds there, an exponential one forever). This is where
  catastrophic backtracking would show.

A ``SIGALRM`` guard turns a hang into a failure (both ``re`` and ``regex`` check for
signals while matching).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import inspect
import os
import pkgutil
import re
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext
from cleantext import Pipeline, registry
from cleantext.io import decode
from cleantext.normalizer import apply_edits

try:
    import regex as _regex_mod
except ImportError:  # pragma: no cover - regex is a core dependency
    _regex_mod = None

pytestmark = pytest.mark.slow

FACTOR = 20
#: UTF-8 bytes per input: 1 MB, or ``CLEANTEXT_ADVERSARIAL_MB`` (e.g. 0.25 for a quick run).
SIZE = int(float(os.environ.get("CLEANTEXT_ADVERSARIAL_MB", "1")) * 1_000_000)
ROOT = Path(__file__).parent.parent


def _fit(unit: str, size: int = SIZE) -> str:
    n = len(unit.encode("utf-8", "surrogatepass"))
    return unit * max(1, size // n)


def _seed_text() -> str:
    return "".join(
        decode(p.read_bytes(), p.name) for p in sorted((ROOT / "fixtures/raw").glob("*.txt"))
    )


NORMAL = _fit(_seed_text())
_DOUBLED = "".join("".join(c * 2 for c in line) + "\n" for line in _seed_text().split("\n")[:400])

PATHOLOGICAL: dict[str, str] = {
    "one char": _fit("字"),
    "ascii letter": _fit("a"),
    "spaces": _fit(" "),
    "U+3000": _fit("\u3000"),
    "tabs": _fit("\t"),
    "full stops": _fit("。"),
    "commas": _fit("，"),
    "punctuation mix": _fit("。，、！？；：“”（）《》【】…—·"),
    "em dashes": _fit("——"),
    "ellipses": _fit("……"),
    "open brackets": _fit("（"),
    "close brackets": _fit("）"),
    "doubled glyphs": _fit(_DOUBLED),
    "doubled one line": _fit("新新视视野野"),
    "same pair": _fit("新新"),
    "ab alternating": _fit("ab"),
    "han space alternating": _fit("中 "),
    "han latin alternating": _fit("中a"),
    "newlines": _fit("\n"),
    "han lines": _fit("中\n"),
    "blank-ish lines": _fit("\u3000\n"),
    "form feeds": _fit("\f\n"),
    "crlf": _fit("\r\n"),
    "digits": _fit("1"),
    "full-width digits": _fit("１"),
    "digit lines": _fit("12\n"),
    "page marks": _fit("（下转4版）\n"),
    "hyphens": _fit("a-\n"),
    "mojibake-like": _fit("Ã©"),
    "zero width": _fit("\u200b"),
    "numbers with commas": _fit("1,000 "),
    "ad-like lines": _fit("■广告 销售 | 0475-819 5678\n"),
    # Long runs inside one line, between visible characters (a blank line is skipped
    # early by layout steps; a run between two characters is not).
    "space run in a line": "中" + _fit(" ") + "文\n",
    "tab run in a line": "中" + _fit("\t") + "文\n",
    "U+3000 run in a line": "中" + _fit("\u3000") + "文\n",
    "hyphenated words, one line": _fit("ab-") + "1-\nnext line\n",
    "latin letters, then a hyphen": _fit("a") + " -\nnext line\n",
}


class _Hang(Exception):
    pass


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise ``_Hang`` in the main thread after ``seconds`` (a hang becomes a failure)."""
    if not hasattr(signal, "SIGALRM"):  # pragma: no cover - Windows
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise _Hang

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 1.0))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _best(fn: Callable[[], Any], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _cases() -> list:
    params = []
    for cls in registry.all_normalizers():
        for i, step in enumerate(cls.variants()):
            params.append(pytest.param(step, id=f"{cls.name}-{i}"))
    params.append(pytest.param(Pipeline.default(), id="default-pipeline"))
    return params


_CHAIN_NORMAL: list[float] = []


def _chain_normal() -> float:
    if not _CHAIN_NORMAL:
        pipeline = Pipeline.default()
        _CHAIN_NORMAL.append(_best(lambda: pipeline(NORMAL)))
    return _CHAIN_NORMAL[0]


def _timed(fn: Callable[[str], Any], text: str, limit: float) -> float:
    """Seconds ``fn(text)`` took, or infinity when it was stopped after ``limit``."""
    try:
        with _alarm(limit):
            t0 = time.perf_counter()
            fn(text)
            return time.perf_counter() - t0
    except _Hang:
        return float("inf")


def _line_factor(text: str) -> float:
    """How many times more lines than normal text ``text`` has (at least 1).

    Layout steps work line by line; an input of one-character lines has ~30 times the
    lines of normal text of the same size, so the bound scales with the line count too.
    A quadratic step still fails by orders of magnitude.
    """
    return max(1.0, text.count("\n") / max(1, NORMAL.count("\n")))


@pytest.mark.parametrize("step", _cases())
def test_pathological_inputs_stay_linear(step):
    normal = max(_best(lambda: step(NORMAL)), _chain_normal())
    slow = []
    for name, text in PATHOLOGICAL.items():
        bound = FACTOR * normal * _line_factor(text)
        took = _timed(step, text, limit=2 * bound + 5)
        if bound < took < float("inf"):  # one retry: the machine may have been busy
            took = min(took, _timed(step, text, limit=2 * bound + 5))
        if took > bound:
            slow.append(f"{name}: {took:.2f}s > {bound:.2f}s")
    assert not slow, f"slower than {FACTOR}x normal text ({normal:.3f}s per MB): " + ", ".join(slow)


# -- every compiled regex in the package --------------------------------------------------


def _is_pattern_on_first_use(value: Any, owner: Any) -> bool:
    """A function of the module ``owner`` without parameters, cached with functools.cache,
    whose return annotation is a compiled pattern (it compiles one on first use)."""
    wrapped = getattr(value, "__wrapped__", None)
    if not (inspect.ismodule(owner) and hasattr(value, "cache_info") and wrapped):
        return False
    if getattr(wrapped, "__module__", None) != owner.__name__:
        return False
    sig = inspect.signature(wrapped)
    return not sig.parameters and "Pattern" in str(sig.return_annotation).split("[")[0]


def _patterns() -> list:
    registry.all_normalizers()  # import every normalizer module
    found: dict[tuple[str, int], Any] = {}
    pattern_types: tuple[type, ...] = (re.Pattern,)
    if _regex_mod is not None:
        pattern_types += (type(_regex_mod.compile("x")),)
    for info in pkgutil.walk_packages(cleantext.__path__, "cleantext."):
        if info.name.endswith("__main__"):
            continue
        with contextlib.suppress(ImportError):  # optional integrations
            mod = importlib.import_module(info.name)
            owners: list[Any] = [mod]
            owners += [v for v in vars(mod).values() if isinstance(v, type)]
            for owner in owners:
                for attr, member in vars(owner).items():
                    value = member
                    if _is_pattern_on_first_use(member, owner):
                        value = member()  # a pattern compiled on first use (functools.cache)
                    if isinstance(value, pattern_types):
                        found.setdefault(
                            (value.pattern, value.flags), (f"{mod.__name__}.{attr}", value)
                        )
    return [pytest.param(p, id=name) for name, p in sorted(found.values(), key=lambda x: x[0])]


def _alphabet(pattern: str) -> list[str]:
    """The characters a pattern names (literals and range ends), a few ASCII extras."""
    chars = {c for c in pattern if not c.isascii() or c.isalnum() or c in " \t\n-.,:;()[]"}
    chars |= set("a1 \n\u3000。")
    return sorted(chars)[:16]


def _adversarial_strings(pattern: str, n: int = 20_000) -> Iterator[str]:
    alpha = _alphabet(pattern)
    for c in alpha:  # a long run, then a character that breaks most matches
        yield c * n + "\x00"
    for i, a in enumerate(alpha[:8]):  # alternations of two of its characters
        b = alpha[(i + 1) % len(alpha)]
        yield (a + b) * (n // 2) + "\x00"
    yield (" ".join(alpha) + " ") * (n // (2 * len(alpha)))


def _quick(fn: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


_LINEAR_REF = re.compile(r"[^\x00]+")

#: Patterns that the code only ever uses anchored (``.match``/``.fullmatch``), checked
#: that way: searching with them would be quadratic, matching is not.
MATCH_ONLY = {
    # [a-z][a-z0-9_]*\Z: quadratic under search() on a long run of letters, but
    # registry.register() only calls .match() on a class's short ``name``.
    "cleantext.registry._NAME_RE",
    # Page-number forms ([-]+ N [-]+ …): remove_page_marks only calls .fullmatch().
    "cleantext.normalizers.pagemarks._STRONG",
}

#: Patterns quadratic under search() that their call site only applies to short
#: strings (reviewed by hand; re-check the guard when the call site changes).
SHORT_INPUT_ONLY = {
    # [S]*[·|…][S]*: split() over a line of spaces is quadratic; ads._is_slogan is only
    # reached for lines of at most 40 characters.
    "cleantext.normalizers.ads._SEPARATED",
}


@pytest.mark.parametrize("pattern", _patterns())
def test_regex_has_no_catastrophic_backtracking(pattern, request):
    if request.node.callspec.id in SHORT_INPUT_ONLY:
        pytest.skip("only applied to short strings by its call site (see SHORT_INPUT_ONLY)")
    anchored = request.node.callspec.id in MATCH_ONLY
    slow = []
    for text in _adversarial_strings(pattern.pattern):
        ref = _quick(lambda text=text: sum(1 for _ in _LINEAR_REF.finditer(text)))
        bound = max(10 * FACTOR * ref, 0.2)
        try:
            with _alarm(bound * 3 + 5):
                t0 = time.perf_counter()
                if anchored:
                    pattern.match(text)
                else:
                    for _ in pattern.finditer(text):
                        pass
                took = time.perf_counter() - t0
        except _Hang:
            took = float("inf")
        if took > bound:
            slow.append(f"{text[:6]!r}x{len(text)}: {took:.3f}s")
    assert not slow, "slow on: " + ", ".join(slow[:10])


@pytest.mark.parametrize("step", _cases()[:-1])
def test_fast_paths_agree_with_edits_on_pathological_inputs(step):
    """A step's ``__call__`` (maybe a fast path) equals its edits, on 20 KB versions."""
    for name, text in PATHOLOGICAL.items():
        small = text[:20_000]
        assert step(small) == apply_edits(small, step.edits(small)), name


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="\r\n\f\x0b\u2028a中 \u200b\u200d\x00ก", max_size=40))
def test_controls_newline_fast_path_equals_edits(text):
    """normalize_controls replaces CR/CRLF without edits; it must agree with its edits."""
    step = registry.get("normalize_controls")()
    assert step(text) == apply_edits(text, step.edits(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\n\f\r\nb", "a\n\f\nb"),  # CRLF page break: no extra blank line
        ("a\u2028\f\u2028b", "a\n\f\nb"),
        ("a\r\fb", "a\n\f\nb"),
        ("a\fb", "a\n\f\nb"),
        ("a\r\nb\r\n" * 3, "a\nb\n" * 3),
    ],
)
def test_controls_form_feed_next_to_any_line_break(text, expected):
    step = registry.get("normalize_controls")()
    assert step(text) == expected
    assert apply_edits(text, step.edits(text)) == expected
