"""Properties every registered normalizer, and the default pipeline, must have.

The parameters come from the registry, so a normalizer is covered the moment it is
registered: idempotence, never raising on any ``str``, returning ``str``, and edits
that are a faithful, valid edit script of the change (nothing removed without a trace).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from cleantext import Pipeline, registry
from cleantext.normalizer import apply_edits, check_edits
from tests.strategies import any_text, noisy_text, short_mixture, wrapped_document

VARIANTS = [v for cls in registry.all_normalizers() for v in cls.variants()]
TARGETS = [*VARIANTS, Pipeline.default()]
IDS = [f"{t.name}:{t!r}" if not isinstance(t, Pipeline) else "default-pipeline" for t in TARGETS]


def _run(target, text: str) -> str:
    out = target(text)
    assert isinstance(out, str)
    return out


@pytest.mark.parametrize("target", TARGETS, ids=IDS)
@given(text=any_text)
def test_never_raises_and_idempotent_on_any_text(target, text):
    once = _run(target, text)
    assert _run(target, once) == once


@pytest.mark.parametrize("target", TARGETS, ids=IDS)
@given(text=wrapped_document())
def test_idempotent_on_wrapped_documents(target, text):
    once = _run(target, text)
    assert _run(target, once) == once


@pytest.mark.parametrize("target", TARGETS, ids=IDS)
@given(text=noisy_text)
def test_idempotent_on_noisy_text(target, text):
    once = _run(target, text)
    assert _run(target, once) == once


@pytest.mark.parametrize("target", TARGETS, ids=IDS)
@settings(max_examples=1000)  # (cheap: short texts; the corners are rare)
@given(text=short_mixture)
def test_idempotent_on_short_mixtures(target, text):
    once = _run(target, text)
    assert _run(target, once) == once


@pytest.mark.parametrize("step", VARIANTS, ids=IDS[:-1])
@given(text=noisy_text | wrapped_document() | any_text)
def test_edits_are_the_change(step, text):
    edits = step.edits(text)
    check_edits(text, edits)
    assert apply_edits(text, edits) == step(text)


@given(text=noisy_text | wrapped_document())
def test_explain_matches_call(text):
    pipeline = Pipeline.default()
    assert pipeline.explain(text).text == pipeline(text)


def test_registry_is_not_empty_and_covers_the_default_chain():
    names = [c.name for c in registry.default_chain()]
    assert "normalize_controls" in names and "reflow" in names
    assert {type(v).name for v in VARIANTS} == set(registry.names())
