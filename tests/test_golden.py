"""Golden fixtures: the default chain's output on each seed equals the reviewed fixture.

``fixtures/expected/<seed>.txt`` is written by ``python -m benchmarks.make_expected`` and
committed only after a person has read it line by line against ``fixtures/raw/`` (see
the README, "Accuracy"). On failure the test shows a paragraph-by-paragraph diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.make_expected import paragraph_diff
from cleantext import Pipeline

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "fixtures" / "raw"
EXPECTED = ROOT / "fixtures" / "expected"
PAIRS = sorted(p for p in EXPECTED.glob("*.txt")) if EXPECTED.is_dir() else []


def test_every_fixture_has_its_raw_seed() -> None:
    for exp in PAIRS:
        assert (RAW / exp.name).is_file(), f"{exp.name}: no raw seed of that name"


@pytest.mark.skipif(not PAIRS, reason="no golden fixtures yet (python -m benchmarks.make_expected)")
@pytest.mark.parametrize("expected", PAIRS, ids=[p.name[:3] for p in PAIRS])
def test_chain_output_equals_golden_fixture(expected: Path) -> None:
    raw = (RAW / expected.name).read_text(encoding="utf-8")
    want = expected.read_text(encoding="utf-8")
    got = Pipeline.default()(raw)
    if got != want:
        pytest.fail(
            f"default chain output differs from {expected.name}:\n"
            + paragraph_diff(want, got, expected.name)
            + "\n(review with: python -m benchmarks.make_expected --no-write --seeds "
            + expected.name[:3]
            + ")",
            pytrace=False,
        )
