"""normalize_width: before/after pairs, and the full-width punctuation it must keep."""

from __future__ import annotations

import pytest

from cleantext.normalizers.width import NormalizeWidth
from tests.conftest import RAW

f = NormalizeWidth()

CHANGED = [
    ("ＡＢＣ１２３", "ABC123"),
    ("ｆｕｌｌ　ｗｉｄｔｈ", "full　width"),  # U+3000 is normalize_spacing's business
    ("共计５０％", "共计50%"),
    ("价格＄１００＋税", "价格$100+税"),
    ("ａ＝ｂ＜ｃ＞ｄ", "a=b<c>d"),
    ("邮箱ｔｅｓｔ＠ｅｘａｍｐｌｅ．ｃｏｍ。", "邮箱test@example.com。"),
    ("网址ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ，欢迎", "网址www.example.com，欢迎"),
    ("１２：３０开会", "12:30开会"),
    ("共１，０００人", "共1,000人"),
    ("３．１４", "3.14"),
    ("电话０４７５－８１９５６７８", "电话0475-8195678"),
    ("２０２２／１０／１０", "2022/10/10"),
    ("ｶﾀｶﾅ", "カタカナ"),
    ("ｶﾞｷﾞ", "ガギ"),
    ("ﾊﾟﾝ", "パン"),
    ("ｺﾝﾋﾟｭｰﾀ｡", "コンピュータ。"),
    ("｢ｱｲｳ｣､", "「アイウ」、"),
    ("xﾞ", "x゛"),
    ("Ｐｙｔｈｏｎ３", "Python3"),
    ("第１，２条", "第1，2条"),  # an enumeration comma is punctuation, not a separator
]


@pytest.mark.parametrize(("raw", "expected"), CHANGED)
def test_changes(raw, expected):
    assert f(raw) == expected
    assert f(expected) == expected


UNCHANGED = [
    "中文，标点：（括号）！？；",
    "他说：＂引号＂和＇单引号＇",
    "范围10～20",  # ～ stays
    "——破折号－－",  # full-width hyphen runs are normalize_punctuation's
    "［注］｛括号｝",
    "　　段首缩进",
    "￥100 元",
    "1，2，3",  # half-width digits: the commas are Chinese punctuation
    "ABC 123 plain ASCII",
    "カタカナ ひらがな",
    "\ud800 lone surrogate #",
    "",
]


@pytest.mark.parametrize("raw", UNCHANGED)
def test_never_touches(raw):
    assert f(raw) == raw
    assert f.edits(raw) == []


def test_never_nfkc():
    text = "中文，标点：（括号）…　全角空格①"
    assert f(text) == text


def test_seeds_only_change_fullwidth_forms():
    for p in sorted(RAW.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        for e in f.edits(text):
            assert e.kind == "width"
            assert len(e.old) == len(e.new)


def test_text_where_most_lines_change_is_scanned_whole_with_the_same_edits():
    """Past 32 lines that can change, close together, the rest is scanned at once."""
    from cleantext.normalizer import regex_edits
    from cleantext.normalizers.width import _PATTERN, _replace

    text = "\n".join(f"第{i}行 abc-12，ＡＢ１２ www．ｘ．com {i}" for i in range(100)) + "\nend ＃"
    edits = NormalizeWidth().edits(text)
    assert len(edits) == 201  # two a line and the last ＃
    assert edits == regex_edits(_PATTERN, text, _replace, "width")
