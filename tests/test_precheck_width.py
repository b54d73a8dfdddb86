"""normalize_width: the "nothing to do" check never skips text that changes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleantext.normalizer import regex_edits
from cleantext.normalizers.width import _PATTERN, _may_change, _replace
from tests.strategies import noisy_text, realistic_text

_WIDTH_ALPHABET = "中文aZ09０９ＡＺａｚ．／－：＿＠，,.:/-＃％＋｜ｶﾞﾀ｡（）！？　 \n"
width_text = st.text(alphabet=st.sampled_from(_WIDTH_ALPHABET), max_size=120)


@given(st.one_of(width_text, noisy_text, realistic_text))
def test_width_check_never_skips_text_that_changes(text: str) -> None:
    if not _may_change(text):
        assert regex_edits(_PATTERN, text, _replace, "width") == []
