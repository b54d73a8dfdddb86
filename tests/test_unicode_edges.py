"""Unicode edge cases (issue 10's table) pass through the default chain unharmed."""

from __future__ import annotations

import pytest

import cleantext
from cleantext import Pipeline, registry

EDGES = [
    ("zwj-emoji", "👨\u200d👩\u200d👧 一家人"),
    ("zwj-emoji-in-cjk", "中文👨\u200d👩\u200d👧中文"),
    ("flag-sequence", "🏳\ufe0f\u200d🌈 flag"),
    ("skin-tone", "👍🏽 thumbs up"),
    ("persian-zwnj", "می\u200cخواهم بروم"),
    ("devanagari-zwj", "क्\u200dष और हिन्दी"),
    ("combining-marks", "e\u0301 cafe\u0301 a\u0308\u0304 n\u0303"),
    ("combining-on-han", "中\u0301文"),
    ("hebrew-rtl", "עברית ועוד מילים"),
    ("arabic-rtl", "اللغة العربية جميلة"),
    ("bidi-mixed", "中文 עברית 中文"),
    ("astral-cjk", "𠀀𠀁𠀂和𪚥字"),
    ("variation-selector-ideographic", "葛\U000e0100城"),
    ("variation-selector-emoji", "❤\ufe0f 爱心"),
    ("lone-surrogates", "\ud800 lone \udfff surrogates"),
    ("lone-surrogate-in-cjk", "中\udc80文"),
    ("thai-zwsp", "ภาษา\u200bไทย"),
]


@pytest.mark.parametrize(("name", "text"), EDGES, ids=[n for n, _ in EDGES])
def test_default_chain_leaves_edge_cases_unharmed(name, text):
    assert cleantext.clean(text) == text


CHAR_STEPS = [
    "fix_encoding",
    "normalize_width",
    "normalize_punctuation",
    "normalize_spacing",
]


@pytest.mark.parametrize("step", CHAR_STEPS)
@pytest.mark.parametrize(("name", "text"), EDGES, ids=[n for n, _ in EDGES])
def test_each_character_step_leaves_edge_cases_unharmed(step, name, text):
    cls = registry.get(step)
    for variant in cls.variants():
        assert variant(text) == text, (step, variant)
        assert variant.edits(text) == []


@pytest.mark.parametrize(("name", "text"), EDGES, ids=[n for n, _ in EDGES])
def test_convert_script_keeps_edge_cases(name, text):
    # t2s may convert Han characters, but never the joiners, marks and selectors.
    out = Pipeline.from_config({"steps": ["convert_script"], "convert": "t2s"})(text)
    for ch in "\u200d\u200c\u0301\u0308\ufe0f\U000e0100\ud800\udfff\udc80":
        assert out.count(ch) == text.count(ch)
