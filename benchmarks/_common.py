"""Shared pieces of the speed benchmarks: the corpus, timing, the machine description.

The corpus is the five seed documents (``fixtures/raw``) plus a generated noisy corpus:
paragraphs taken from the seeds and damaged the way the seeds are (hard wraps at
various widths, double spacing, indentation, CRLF, page numbers and form feeds,
doubled-glyph headings, dash runs, stray spaces). When ``tests/corruption.py`` (the
project's corruption generator) is importable it is used for part of the corpus.
Everything is seeded: the same ``--size`` gives the same corpus.
"""

from __future__ import annotations

import gc
import inspect
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cleantext import Pipeline  # noqa: E402
from cleantext.io import decode  # noqa: E402

MB = 1_000_000


def seeds() -> list[str]:
    """The five seed documents, decoded as the CLI decodes them."""
    return [decode(p.read_bytes(), p.name) for p in sorted((ROOT / "fixtures/raw").glob("*.txt"))]


def utf8_len(text: str) -> int:
    """Size of ``text`` in UTF-8 bytes (lone surrogates counted as escaped bytes)."""
    return len(text.encode("utf-8", "surrogatepass"))


def paragraphs(text: str) -> list[str]:
    """Rough paragraphs of a seed: a line indented with U+3000 or after a blank line opens one."""
    out: list[str] = []
    cur: list[str] = []
    for line in text.split("\n"):
        body = line.strip(" \u3000\t")
        if not body or line.startswith("\u3000") or line.startswith("  "):
            if cur:
                out.append("".join(cur))
            cur = []
        if body:
            cur.append(body)
    if cur:
        out.append("".join(cur))
    return [p for p in out if len(p) >= 8]


def _wrap(par: str, width: int) -> list[str]:
    return [par[i : i + width] for i in range(0, len(par), width)]


def _double(s: str) -> str:
    return "".join(c * 2 for c in s)


def noisy_document(pars: Sequence[str], rng: random.Random) -> str:
    """One damaged document made of some of ``pars`` (see the module docstring)."""
    start = rng.randrange(len(pars))
    chosen = [pars[(start + i) % len(pars)] for i in range(rng.randint(20, 80))]
    width = rng.randint(14, 40)
    double_spaced = rng.random() < 0.3
    indent = rng.choice(["\u3000\u3000", "\u3000\u3000", "  ", " \u3000\u3000", "    "])
    lines: list[str] = []
    page = rng.randint(1, 20)
    for i, chosen_par in enumerate(chosen):
        par = chosen_par
        r = rng.random()
        if r < 0.05:  # a doubled-glyph heading, sometimes split over a blank line
            head = _double(par[: rng.randint(6, 14)])
            if rng.random() < 0.3:
                cut = 2 * rng.randint(2, len(head) // 2 - 1)
                lines += [head[:cut], "", head[cut:]]
            else:
                lines.append(head)
            continue
        if r < 0.1:
            par = par.replace("——", "———", 1).replace("，", " ，", 1)
        wrapped = _wrap(par, width)
        wrapped[0] = indent + wrapped[0]
        for line in wrapped:
            lines.append(line)
            if double_spaced:
                lines.append("")
        if i % 15 == 14:  # a page break: page number, form feed, running header
            lines += [str(page), "\f", "人民日报  2024年10月11日  星期五"]
            page += 1
        if rng.random() < 0.03:
            lines.append("（下转" + str(rng.randint(2, 16)) + "版）")
    nl = "\r\n" if rng.random() < 0.15 else "\n"
    return nl.join(lines) + nl


#: Characters of context of the character model behind :func:`book`.
_MODEL_ORDER = 4


def _char_model() -> tuple[str, dict[str, list[str]]]:
    """The seeds' paragraphs (one a line) and, for every run of ``_MODEL_ORDER``
    characters in them, the characters that follow it (repeated as often as they do)."""
    text = "\n".join(p for s in seeds() for p in paragraphs(s))
    follows: dict[str, list[str]] = {}
    for i in range(len(text) - _MODEL_ORDER):
        follows.setdefault(text[i : i + _MODEL_ORDER], []).append(text[i + _MODEL_ORDER])
    return text, follows


def book(
    pages: int,
    seed: int = 7,
    width: int = 22,
    per_page: int = 12,
    sentence_ends: bool = False,
) -> str:
    """A long document of one layout: ``pages`` pages of ``per_page`` paragraphs each,
    wrapped at ``width`` characters and indented with ``　　``, a page number, a form
    feed and a running header after every page, one paragraph in twenty a doubled-glyph
    heading.

    The paragraphs come from a character model of the seeds (each character drawn after
    the four before it, as in the seeds), so that a book of any length is text of one
    kind whose lines do not repeat the way the corpus's recombined paragraphs do (the
    model still repeats phrases of the seeds). Deterministic for a ``seed``.

    The model ends a paragraph where the seeds' rough paragraphs (:func:`paragraphs`)
    end, which is mid-sentence three times in four: only the indent says where a
    paragraph starts, as in OCR that lost its punctuation. With ``sentence_ends``
    every paragraph is cut after its last ``。！？`` (and dropped if it has none), as a
    book prints them.
    """
    rng = random.Random(seed)
    text, follows = _char_model()
    pars: list[str] = []
    while len(pars) < pages * per_page:
        i = rng.randrange(len(text) - _MODEL_ORDER)
        state = text[i : i + _MODEL_ORDER]
        if "\n" in state:
            continue
        out: list[str] = []
        for _ in range(2000):
            c = rng.choice(follows.get(state) or ["\n"])
            if c == "\n":
                break
            out.append(c)
            state = state[1:] + c
        if sentence_ends:
            out = out[: max(map("".join(out).rfind, "。！？")) + 1]
        if len(out) >= 8:
            pars.append("".join(out))
    lines: list[str] = []
    page = 1
    for i, par in enumerate(pars):
        if rng.random() < 0.05:
            lines.append(_double(par[: rng.randint(6, 14)]))
        else:
            wrapped = _wrap(par, width)
            wrapped[0] = "\u3000\u3000" + wrapped[0]
            lines += wrapped
        if i % per_page == per_page - 1:
            lines += [str(page), "\f", "人民日报  2024年10月11日  星期五"]
            page += 1
    return "\n".join(lines) + "\n"


def _project_corruption(texts: Sequence[str], rng: random.Random) -> list[str]:
    """Documents from ``tests/corruption.py`` when it exists (empty list otherwise)."""
    try:
        from tests import corruption  # type: ignore[import-not-found]
    except Exception:
        return []
    for name in ("corrupt", "corrupt_text", "damage", "generate"):
        fn = getattr(corruption, name, None)
        if not callable(fn):
            continue
        try:
            params = inspect.signature(fn).parameters
            out = []
            for i, text in enumerate(texts):
                if "rng" in params:
                    res = fn(text, rng=rng)
                elif "seed" in params:
                    res = fn(text, seed=i)
                else:
                    res = fn(text)
                res = res[0] if isinstance(res, tuple) else res
                if isinstance(res, str):
                    out.append(res)
            return out
        except Exception:
            return []
    return []


def corpus(size_mb: float, seed: int = 2024) -> list[str]:
    """Documents totalling at least ``size_mb`` MB of UTF-8: seeds, then noisy documents."""
    rng = random.Random(seed)
    raw = seeds()
    docs = list(raw)
    pars = [p for s in raw for p in paragraphs(s)]
    clean_docs = ["\n".join(pars[i : i + 40]) + "\n" for i in range(0, len(pars), 40)]
    docs += _project_corruption(clean_docs, rng)
    total = sum(utf8_len(d) for d in docs)
    while total < size_mb * MB:
        doc = noisy_document(pars, rng)
        docs.append(doc)
        total += utf8_len(doc)
    return docs


def timeit(
    fn: Callable[[], Any], repeat: int, min_total: float = 0.25, max_runs: int = 50
) -> float:
    """The minimum CPU time of ``repeat`` runs of ``fn`` (seconds).

    CPU time of this process (``time.process_time``), not wall time: the work measured
    here is single-threaded, and on a shared machine the wall clock also counts the
    time other processes held the core (ratios then move by 2x between runs; CPU time
    moves by a few per cent). ``benchmarks/parallel.py`` measures wall time, which is
    what parallelism changes.

    A measurement of a few milliseconds is repeated until the runs add up to
    ``min_total`` seconds (at most ``max_runs`` runs), so that the best of them is as
    trustworthy as one of a large input.
    """
    best = float("inf")
    total = 0.0
    runs = 0
    while runs < max(1, repeat) or (total < min_total and runs < max_runs):
        gc.collect()
        t0 = time.process_time()
        fn()
        took = time.process_time() - t0
        best = min(best, took)
        total += took
        runs += 1
    return best


def step_inputs(pipeline: Pipeline, docs: Sequence[str]) -> list[list[str]]:
    """For each step, the documents as that step sees them in the chain."""
    inputs: list[list[str]] = []
    cur = list(docs)
    for step in pipeline.steps:
        inputs.append(cur)
        cur = [step(d) for d in cur]
    return inputs


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "system": f"{platform.system()} {platform.release()}",
    }
