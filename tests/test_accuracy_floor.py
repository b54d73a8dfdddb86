"""The accuracy floor: the default chain on a generated corpus must not get worse.

The floor lives in ``benchmarks/accuracy_floor.json`` (corpus settings and thresholds).
It is measured on the ``dev`` split, so that the held-out ``test`` split stays untouched
by anyone tuning to make this test pass. After an improvement, raise the floor with
``python -m benchmarks.accuracy --update-floor``; never lower it to let a change in.
"""

from __future__ import annotations

import pytest

from benchmarks.accuracy import (
    Score,
    format_table,
    load_floor,
    lost_chars,
    naive_join,
    paragraphs,
    run_generated,
    score,
)
from cleantext import Pipeline
from tests.corruption import LAYOUTS, generate

FLOOR = load_floor()
SAMPLES = generate(int(FLOOR["n"]), seed=int(FLOOR["seed"]), split=str(FLOOR["split"]))


@pytest.fixture(scope="module")
def chain_scores() -> dict[str, Score]:
    return run_generated(SAMPLES, Pipeline.default())


def _table(per: dict[str, Score]) -> str:
    return "\n" + format_table("default chain on the floor corpus:", per)


def test_floor_corpus_covers_every_layout() -> None:
    assert {s.layout for s in SAMPLES} == set(LAYOUTS)


def test_floor_corpus_is_really_damaged() -> None:
    """Guards the instrument: a generator that stopped damaging would pass any floor."""
    raw = run_generated(SAMPLES, lambda t: t)["overall"]
    assert raw.cer > 0.05 and raw.f1 < 0.3, raw.summary()


def test_cer_not_worse_than_floor(chain_scores: dict[str, Score]) -> None:
    overall = chain_scores["overall"]
    assert overall.cer <= FLOOR["cer_max"], _table(chain_scores)


def test_paragraph_f1_not_worse_than_floor(chain_scores: dict[str, Score]) -> None:
    overall = chain_scores["overall"]
    assert overall.f1 >= FLOOR["f1_min"], _table(chain_scores)


def test_chars_lost_not_worse_than_floor(chain_scores: dict[str, Score]) -> None:
    overall = chain_scores["overall"]
    assert overall.lost_rate <= FLOOR["lost_max"], _table(chain_scores)


def test_clean_input_unchanged_not_worse_than_floor(chain_scores: dict[str, Score]) -> None:
    overall = chain_scores["overall"]
    assert overall.clean_rate >= FLOOR["clean_unchanged_min"], _table(chain_scores)


def test_floor_is_set_at_all() -> None:
    """The floor must say something: a placeholder of 'anything goes' is a failure."""
    assert FLOOR["cer_max"] < 0.2 and FLOOR["f1_min"] > 0.2 and FLOOR["lost_max"] < 0.01


# -- the metrics themselves ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "truth", "cer", "matched", "lost"),
    [
        ("甲乙\n丙丁\n", ["甲乙", "丙丁"], 0.0, 2, 0),  # perfect
        ("甲乙丙丁\n", ["甲乙", "丙丁"], 1 / 5, 0, 0),  # two paragraphs merged
        ("甲\n乙\n丙丁\n", ["甲乙", "丙丁"], 1 / 5, 1, 0),  # one split
        ("甲乙\n", ["甲乙", "丙丁"], 3 / 5, 1, 2),  # a paragraph dropped: 2 chars lost
        ("甲乙\n丙丁\n广告 123\n", ["甲乙", "丙丁"], 7 / 5, 2, 0),  # noise left in
        ("甲乙\n\n\n丙丁", ["甲乙", "丙丁"], 0.0, 2, 0),  # blank lines are not paragraphs
        ("　　甲乙\n丙丁\n", ["甲乙", "丙丁"], 2 / 5, 1, 0),  # an indent is an error
    ],
)
def test_score(output: str, truth: list[str], cer: float, matched: int, lost: int) -> None:
    s = score(output, truth)
    assert s.cer == pytest.approx(cer)
    assert s.matched == matched
    assert s.lost == lost


def test_score_aggregates() -> None:
    total = Score()
    total.add(score("a\nb\n", ["a", "b"]))
    total.add(score("ab\n", ["a", "b"]))
    assert total.samples == 2
    assert total.precision == pytest.approx(2 / 3)
    assert total.recall == pytest.approx(2 / 4)
    assert total.cer == pytest.approx((0 + 1 / 3) / 2)


def test_lost_counts_only_visible_truth_characters() -> None:
    assert lost_chars("well-known", "wellknown") == 1
    assert lost_chars("a b", "ab") == 0  # a space is layout, measured by CER
    assert lost_chars("常常看书", "常看书") == 1
    assert lost_chars("abc", "abc noise") == 0


def test_paragraphs_keep_content_untouched() -> None:
    assert paragraphs(" a \n\n\u3000\nb\f\n") == [" a ", "b\f"]


def test_naive_baseline() -> None:
    assert naive_join("第一\n行。\n\nword\nwrap\n") == "第一行。\nword wrap\n"
    assert naive_join("") == ""


def test_benchmark_doctests() -> None:
    import doctest

    import benchmarks.accuracy
    import benchmarks.make_expected

    for module in (benchmarks.accuracy, benchmarks.make_expected):
        failed, attempted = doctest.testmod(module)
        assert attempted and not failed, module.__name__
