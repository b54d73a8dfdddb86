"""Table-driven tests for normalize_controls, including what it must never touch."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleantext.normalizers import controls
from cleantext.normalizers.controls import NormalizeControls

f = NormalizeControls()

CHANGED = [
    ("a\r\nb", "a\nb"),
    ("a\rb", "a\nb"),
    ("a\u2028b\u2029c\x85d\x0be", "a\nb\nc\nd\ne"),
    ("\ufeff开头", "开头"),
    ("中\u200b文", "中文"),
    ("中\u2060文\ufeff", "中文"),
    ("a\x00b\x07c\x1bd\x7fe\x9bf", "abcdef"),
    ("中\u200d文", "中文"),
    ("中\u200c\u200b文", "中文"),
    ("page one\fpage two", "page one\n\f\npage two"),
    ("\fstart", "\f\nstart"),
    ("end\f", "end\n\f"),
]

UNCHANGED = [
    "plain text\twith a tab\nand lines\n",
    "\u3000\u3000中文段落，标点。\n",
    "👨\u200d👩\u200d👧 family",  # ZWJ emoji sequence
    "می\u200cخواهم",  # Persian ZWNJ
    "क्\u200dष",  # Devanagari ZWJ
    "ภาษา\u200bไทย",  # Thai ZWSP word boundary
    "e\u0301 combining",
    "𠀀𠀁 astral Han",
    "葛\U000e0100 variation selector",
    "\ud800 lone surrogate",
    "עברית and العربية",
    "line\n\f\nline",
]


@pytest.mark.parametrize(("raw", "expected"), CHANGED)
def test_changes(raw, expected):
    assert f(raw) == expected


@pytest.mark.parametrize("raw", UNCHANGED)
def test_never_touches(raw):
    assert f(raw) == raw
    assert f.edits(raw) == []


def test_edits_name_what_was_removed():
    edits = f.edits("a\x00b")
    assert [(e.start, e.old, e.new, e.kind) for e in edits] == [(1, "\x00", "", "invisible")]


_CONTROL_ALPHABET = st.sampled_from(
    list("中a \n\r\x0b\x85\u2028\u2029\f\x00\x1f\x7f\x9f\u200b\u200c\u200d\u2060\ufeff")
)


@given(st.text(alphabet=_CONTROL_ALPHABET, max_size=40))
def test_matches_are_the_patterns_matches(text):
    def spans(ms):
        return [(m.start(), m.end(), m.lastgroup) for m in ms]

    assert spans(controls._matches(text)) == spans(controls._PATTERN.finditer(text))
