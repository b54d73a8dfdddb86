"""Nothing removed without a trace (issue 10): every character the default chain drops is
accounted for by some step's ``explain`` record.

Run over the five raw seeds and a generated corpus (all layouts, both splits). For each
input the test checks, independently:

1. the text ``Pipeline.explain`` reports is the text the pipeline really returns (its
   ``__call__``, which steps may implement with a faster path than their edits);
2. replay: each step's edits are valid against that step's input (``check_edits``), and
   applying them gives exactly what the step returns when called directly, which is the
   next step's input; the reported sizes match;
3. positions: following every character of the raw input through the steps, each one
   either reaches the output unchanged (same character) or is taken away by exactly one
   edit, whose ``old`` holds it at that position — a partition of the input;
4. counting: for the non-white-space characters, (input − output) as a multiset equals
   the sum over all edits of (old − new), and every character missing from the output
   appears in some edit's ``old``;
5. every edit that removes visible text carries a ``kind`` saying why.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from cleantext import Pipeline
from cleantext.normalizer import Edit, Normalizer, apply_edits, check_edits
from tests.corruption import generate

RAW = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "raw").glob("*.txt"))
CHAIN = Pipeline.default()
GENERATED = generate(60, seed=4242, split="all")

CASES = [pytest.param(p.read_text(encoding="utf-8"), id=f"seed-{p.name[:3]}") for p in RAW] + [
    pytest.param(s.text, id=f"gen-{i:02d}-{s.layout}") for i, s in enumerate(GENERATED)
]


def _visible(s: str) -> Counter[str]:
    return Counter(c for c in s if not c.isspace())


def _signed(c: Counter[str]) -> dict[str, int]:
    return {k: v for k, v in c.items() if v}


def test_there_is_something_to_trace() -> None:
    assert len(RAW) == 5
    assert {s.layout for s in GENERATED} >= {"ads", "page_marks", "newspaper", "latin"}


def check_replay(chain: Pipeline, text: str) -> None:
    result = chain.explain(text)
    assert result.text == chain(text)
    assert [r.name for r in result.steps] == [s.name for s in chain.steps]
    cur = text
    for step, report in zip(chain.steps, result.steps, strict=True):
        check_edits(cur, report.edits)
        nxt = apply_edits(cur, report.edits)
        assert step(cur) == nxt, f"{step.name}: __call__ disagrees with its edits"
        assert (report.chars_in, report.chars_out) == (len(cur), len(nxt)), step.name
        cur = nxt
    assert cur == result.text


def check_positions(chain: Pipeline, text: str) -> None:
    result = chain.explain(text)
    # origin[i]: the index in the raw input of character i of the current text (-1 when
    # an earlier step inserted it).
    origin = list(range(len(text)))
    cur = text
    removed_by: dict[int, str] = {}
    for report in result.steps:
        new_origin: list[int] = []
        pos = 0
        for e in report.edits:
            new_origin += origin[pos : e.start]
            for j in range(e.start, e.end):
                src = origin[j]
                assert cur[j] == e.old[j - e.start]
                if src >= 0:
                    assert src not in removed_by
                    assert text[src] == cur[j]
                    removed_by[src] = f"{report.name}:{e.kind}"
            new_origin += [-1] * len(e.new)
            pos = e.end
        new_origin += origin[pos:]
        cur = apply_edits(cur, report.edits)
        assert len(new_origin) == len(cur), report.name
        origin = new_origin
    survivors = [src for src in origin if src >= 0]
    assert survivors == sorted(survivors), "the chain reordered characters"
    for j, src in enumerate(origin):
        if src >= 0:
            assert result.text[j] == text[src]
    assert set(survivors).isdisjoint(removed_by)
    assert set(survivors) | set(removed_by) == set(range(len(text)))


def check_balance(chain: Pipeline, text: str) -> None:
    result = chain.explain(text)
    output = chain(text)
    taken: Counter[str] = Counter()
    given: Counter[str] = Counter()
    for report in result.steps:
        for e in report.edits:
            taken.update(_visible(e.old))
            given.update(_visible(e.new))
            if _visible(e.old) - _visible(e.new):
                assert e.kind.strip(), f"{report.name} removed {e.old!r} without a kind"
    net = _visible(text)
    net.subtract(_visible(output))
    edits_net = Counter(taken)
    edits_net.subtract(given)
    assert _signed(net) == _signed(edits_net)
    missing = _visible(text) - _visible(output)
    assert not (missing - taken), f"missing from output but in no edit: {missing - taken}"


@pytest.mark.parametrize("text", CASES)
def test_explain_is_what_the_pipeline_does(text: str) -> None:
    check_replay(CHAIN, text)


@pytest.mark.parametrize("text", CASES)
def test_every_input_character_reaches_the_output_or_is_in_an_edit(text: str) -> None:
    check_positions(CHAIN, text)


@pytest.mark.parametrize("text", CASES)
def test_visible_characters_balance(text: str) -> None:
    check_balance(CHAIN, text)


# -- the checks catch what they claim to catch ---------------------------------------------


@dataclass(frozen=True)
class _SilentDropper(Normalizer):
    """Drops digits in its fast path but reports no edit (a silent loss)."""

    name = "silent_dropper"

    def edits(self, text: str) -> list[Edit]:
        return []

    def __call__(self, text: str) -> str:
        return "".join(c for c in text if not c.isdigit())


@dataclass(frozen=True)
class _Unlabelled(Normalizer):
    """Removes "x" with an edit that gives no reason."""

    name = "unlabelled"

    def edits(self, text: str) -> list[Edit]:
        return [Edit(i, i + 1, "x", "", "") for i, c in enumerate(text) if c == "x"]


@dataclass(frozen=True)
class _Misplaced(Normalizer):
    """Reports the removal of the first character but really removes the last one."""

    name = "misplaced"

    def edits(self, text: str) -> list[Edit]:
        return [Edit(0, 1, text[:1], "", "oops")] if len(text) > 1 else []

    def __call__(self, text: str) -> str:
        return text[:-1] if len(text) > 1 else text


def test_a_silent_loss_is_caught() -> None:
    with pytest.raises(AssertionError):
        check_replay(Pipeline([*CHAIN.steps, _SilentDropper()]), "第1页\n正文2段\n")


def test_a_removal_without_a_reason_is_caught() -> None:
    with pytest.raises(AssertionError, match="without a kind"):
        check_balance(Pipeline([_Unlabelled()]), "axb")


def test_a_misreported_position_is_caught() -> None:
    with pytest.raises(AssertionError):
        check_replay(Pipeline([_Misplaced()]), "abc")
