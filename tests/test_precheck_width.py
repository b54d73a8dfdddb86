"""normalize_width: the lines it skips never hold a change."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleantext.normalizer import regex_edits
from cleantext.normalizers.width import _PATTERN, NormalizeWidth, _replace
from tests.strategies import noisy_text, realistic_text

_WIDTH_ALPHABET = "中文aZ09０９ＡＺａｚ．／－：＿＠，,.:/-＃％＋｜ｶﾞﾀ｡（）！？　 \n"
width_text = st.text(alphabet=st.sampled_from(_WIDTH_ALPHABET), max_size=120)
# Up to 90 lines: enough for the step to scan the rest of a text at once when most of
# its lines can change.
width_lines = st.lists(
    st.text(alphabet=st.sampled_from(_WIDTH_ALPHABET.replace("\n", "")), max_size=12),
    max_size=90,
).map("\n".join)


@given(st.one_of(width_text, width_lines, noisy_text, realistic_text))
def test_scanning_only_the_lines_that_can_change_misses_no_edit(text: str) -> None:
    """The step skips a text without full-width forms and scans only the lines that can
    change; a scan of the whole text finds the same edits."""
    assert NormalizeWidth().edits(text) == regex_edits(_PATTERN, text, _replace, "width")
