"""normalize_punctuation: the candidate-line scan and the rule guards change nothing.

Only lines with a candidate mark are repaired, all of them together (fix_lines), and
each rule runs only when its segment holds what the rule needs: the result must be
the one of the plain per-line repair (fix_line) and of the unguarded rules.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cleantext.charsets import ASCII_TO_CJK_PUNCT, DASH_RUN_CLASS, EM_DASH
from cleantext.normalizers.punctuation import (
    _ASCII_PUNCT,
    _CANDIDATE,
    _CANDIDATE_DASH,
    _CANDIDATE_OTHER,
    NormalizePunctuation,
    _chinese_near,
    _fix_dashes,
    _fix_double_quotes,
    _fix_duplicates,
    _fix_ellipses,
    _fix_parens,
    _fix_segment,
    _fix_single_quotes,
    fix_line,
    fix_lines,
)
from tests.strategies import noisy_text, realistic_text

_PUNCT_ALPHABET = "中文字ab1 ,.;:?!()\"'`…—―－-。，、；：（）“”\n"
punct_text = st.text(alphabet=st.sampled_from(_PUNCT_ALPHABET), max_size=200)


@given(st.one_of(punct_text, noisy_text, realistic_text))
def test_punctuation_candidate_check_never_skips_a_line_that_changes(text: str) -> None:
    for line in text.split("\n"):
        if _CANDIDATE.search(line) is None:
            assert fix_line(line) == line
    if _CANDIDATE.search(text) is None:
        assert all(fix_line(line) == line for line in text.split("\n"))
        assert NormalizePunctuation().edits(text) == []


@given(punct_text)
def test_punctuation_rule_guards_change_nothing(seg: str) -> None:
    # Each rule of _fix_segment is skipped when the segment lacks what it needs; run
    # unguarded, the rules give the same result.
    full = _ASCII_PUNCT.sub(lambda m: "".join(ASCII_TO_CJK_PUNCT[c] for c in m.group(0)), seg)
    full = _fix_parens(full)
    full = _fix_double_quotes(full)
    full = _fix_single_quotes(full)
    full = _fix_dashes(full)
    full = _fix_ellipses(full)
    full = _fix_duplicates(full)
    assert _fix_segment(seg) == full


# The rules as one pattern each with a Python call per match (the slower form they had).
# (A 。 pair keeps the spaces before it: ``a 。。`` → ``a 。``; not after a 。.)
_DUPLICATE = re.compile(r"(?:([，、；：])(?: *\1)+|(?<![。 ])(?P<sp> *)。 *。(?! *。))")
_ANY_DASH_RUN = re.compile(f"[{DASH_RUN_CLASS}]{{2,}}")


def _fix_dashes_every_run(line: str) -> str:
    def dash(m: re.Match[str]) -> str:
        run = m.group(0)
        if run == EM_DASH * 2 or (set(run) <= {"-"} and len(run) > 3):
            return run
        return EM_DASH * 2 if _chinese_near(line, m.start(), m.end()) else run

    return _ANY_DASH_RUN.sub(dash, line)


# The candidate scan as one lookahead-first pattern (the slower form it had).
_CANDIDATE_REFERENCE = re.compile(
    rf"(?=[,;?!:()\"'…{DASH_RUN_CLASS}.。，、；：])"
    rf"(?:[,;?!:()\"']|(?<!…)…(?!…)"
    rf"|(?<![{DASH_RUN_CLASS}])(?!{EM_DASH}{EM_DASH}(?![{DASH_RUN_CLASS}]))"
    rf"(?!-{{4,}}(?![{DASH_RUN_CLASS}]))[{DASH_RUN_CLASS}]{{2}}"
    rf"|\.\.\.|([。，、；：]) *\1)"
)


@given(st.one_of(punct_text, st.text(alphabet=st.sampled_from("中a .…—―－-。，、 ,"), max_size=30)))
def test_candidate_scan_finds_the_same_places(text: str) -> None:
    def start(pattern: re.Pattern[str], pos: int) -> int | None:
        m = pattern.search(text, pos)
        return None if m is None else m.start()

    for pos in range(len(text) + 1):
        expected = start(_CANDIDATE_REFERENCE, pos)
        assert start(_CANDIDATE, pos) == expected
        split = [
            x for x in (start(_CANDIDATE_DASH, pos), start(_CANDIDATE_OTHER, pos)) if x is not None
        ]
        assert (min(split) if split else None) == expected


_DUP_ALPHABET = "中a ，、；：。—―－-"


@given(st.one_of(punct_text, st.text(alphabet=st.sampled_from(_DUP_ALPHABET), max_size=40)))
def test_duplicates_and_dashes_as_one_pattern_with_a_call_per_match(seg: str) -> None:
    assert _fix_duplicates(seg) == _DUPLICATE.sub(lambda m: m.group(1) or m.group("sp") + "。", seg)
    assert _fix_dashes(seg) == _fix_dashes_every_run(seg)


@given(st.lists(st.one_of(punct_text, noisy_text), max_size=12))
def test_punctuation_lines_fixed_together_as_one_by_one(texts: list[str]) -> None:
    lines = [line for t in texts for line in t.split("\n")]
    assert fix_lines(lines) == [fix_line(line) for line in lines]
