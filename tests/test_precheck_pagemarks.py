"""remove_page_marks: the "nothing to do" check never skips a removal.

When no line is a form feed, a page-number candidate or a header candidate whose key
occurs twice (and no continuation note was found), the step returns at once; the full
analysis, run anyway, must find nothing either.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleantext.layout import content
from cleantext.normalizers import pagemarks
from cleantext.normalizers.pagemarks import RemovePageMarks, _candidates, _classify
from tests.strategies import noisy_text, paged_document, realistic_text

# Short lines that are almost page furniture: numbers of every style, short lines that
# may repeat, blank lines; no form feeds (those are candidates by themselves).
_FURNITURE_LINES = st.sampled_from(
    [
        "",
        "  ",
        "正文的一行，没有结束",
        "第二行正文。",
        "人民日报",
        "人民日报 第4版",
        "专题报道",
        "12",
        "１２",
        "iv",
        "[3]",
        "3/9",
        "- 7 -",
        "第5页",
        "2019  2020  2021",
        "（下转4版）",
        "（新华社北京10月10日电）",
        "Chapter One",
    ]
)
furniture_text = st.lists(_FURNITURE_LINES, max_size=60).map("\n".join)


@given(st.one_of(realistic_text, noisy_text, paged_document(), furniture_text))
def test_pagemarks_precheck_never_skips_a_removal(text: str) -> None:
    bodies = [content(line) for line in text.split("\n")]
    kinds = _classify(bodies)
    if not _candidates(kinds):
        assert RemovePageMarks()._decide(bodies, kinds, set()) == {}
        assert all(e.kind == "continuation-note" for e in RemovePageMarks().edits(text))


_SHAPE_ALPHABET = (
    "0123456789０９ -—–－·•第页頁版共,，/／、（）()[]〔〕【】PpageAGEofivxlcdmIVXLCDM.一二十字"
)
_SHAPE_HEADS = ["", "- ", "—", "·", "第", "第 ", "Page ", "p. ", "[", "〔", "（第", "(第"]
_SHAPE_TAILS = ["", " -", "—", "·", "页", "頁", "版", "]", "〕", "/9", " of 12", "页，共3页）"]
shape_text = st.one_of(
    st.text(alphabet=st.sampled_from(_SHAPE_ALPHABET), min_size=1, max_size=24),
    st.builds(
        lambda head, n, tail: head + n + tail,
        st.sampled_from(_SHAPE_HEADS),
        st.one_of(st.integers(0, 9999).map(str), st.sampled_from(["iv", "XII", "一", "二十"])),
        st.sampled_from(_SHAPE_TAILS),
    ),
)


@given(shape_text)
def test_page_number_first_and_last_character_filter_keeps_every_shape(body: str) -> None:
    shapes = (pagemarks._STRONG, pagemarks._BARE, pagemarks._BRACKETED, pagemarks._FRACTION)
    if any(p.fullmatch(body) for p in (*shapes, pagemarks._ROMAN_RE)):
        assert pagemarks._SHAPE_FIRST.match(body) is not None
        assert pagemarks._SHAPE_LAST.match(body, len(body) - 1) is not None
