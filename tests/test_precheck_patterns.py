"""Patterns given a first-character lookahead (for speed) find the same matches.

The lookahead only names the characters a match can start with; the matches of the
pattern without it must be the same.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cleantext.normalizers import controls, glyphs, spacing
from tests.strategies import noisy_text, realistic_text


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in pattern.finditer(text)]


@given(st.one_of(noisy_text, realistic_text, st.text(alphabet="\r\n\f\x00\u200b\u200d中a ")))
def test_controls_lookahead_keeps_the_matches(text: str) -> None:
    assert _matches(controls._PATTERN, text) == _matches(re.compile(controls._ALTERNATION), text)


@given(st.one_of(noisy_text, realistic_text, st.text(alphabet=" \u3000“”—…,.中a1\n")))
def test_spacing_lookahead_keeps_the_matches(text: str) -> None:
    assert _matches(spacing._SEGMENT_RE, text) == _matches(re.compile(spacing._SEGMENT), text)


@given(
    st.lists(st.tuples(st.sampled_from("字a ——"), st.integers(1, 200)), min_size=1, max_size=8),
    st.data(),
)
def test_glyph_runs_are_read_whole(runs: list[tuple[str, int]], data: st.DataObject) -> None:
    text = "".join(ch * n for ch, n in runs)
    pos = data.draw(st.integers(0, len(text) - 1))
    end = pos
    while end < len(text) and text[end] == text[pos]:
        end += 1
    assert glyphs._run_end(text, pos) == end
