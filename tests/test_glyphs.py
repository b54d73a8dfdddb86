"""Tests for dedupe_glyphs: duplicated-glyph headings (issue 4)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import Pipeline
from cleantext.layout import content
from cleantext.normalizer import apply_edits, check_edits
from cleantext.normalizers import glyphs
from cleantext.normalizers.glyphs import DedupeGlyphs
from tests.conftest import RAW, SHARED
from tests.strategies import cjk_heading, cjk_paragraph, latin_paragraph, repeat_glyphs

f = DedupeGlyphs()

# --- single lines ---------------------------------------------------------------------

CHANGED = [
    # seed 000 line 15 (leading space dropped), seed 003 line 308
    (" 动动整整治治形形式式主主义义为为基基层层减减负负", "动整治形式主义为基层减负"),
    ("··新新视视野野··", "·新视野·"),
    # doubled punctuation and digits inside a doubled line
    ("22002222年年，，全全面面推推进进乡乡村村振振兴兴", "2022年，全面推进乡村振兴"),
    ("第第一一，，加加强强党党的的领领导导", "第一，加强党的领导"),
    # tripled glyphs
    ("整整整治治治形形形式式式主主主义义义", "整治形式主义"),
    # genuine reduplication inside a doubled heading survives once
    ("人人人人都都是是主主角角", "人人都是主角"),
    ("常常常常看看看看书书本本", "常常看看书本"),
    ("人人人人人人都都都是是是主主主角角角", "人人都是主角"),
    # undoubled frame marks at the edges (firecrawl/pdf-inspector #313)
    ("「字字节节跳跳动动」", "「字节跳动」"),
    ("【【本本报报评评论论员员】】", "【本报评论员】"),
    ("■本本报报记记者者", "■本报记者"),
    ("“新新时时代代”", "“新时代”"),
    # ——/…… inside a doubled line: a run of four is a doubled unit, a run of two a unit
    ("新新时时代代————新新征征程程", "新时代——新征程"),
    ("新新时时代代——新新征征程程", "新时代——新征程"),
    # one glyph of one pair dropped (OCR), the rest clearly doubled
    ("动动整整治形形式式主主义义为为基基层层减减负负", "动整治形式主义为基层减负"),
    ("整整整治治形形形式式式主主主义义义为为为基基基层层层", "整治形式主义为基层"),
    # Latin when every token is doubled; a doubled ligature spelt out
    ("OOBBJJEECCTTIIFFSS", "OBJECTIFS"),
    ("SSttaatteemmeenntt ooff tthhee ccoommmmiitttteeee", "Statement of the committee"),
    ("ÊÊ SSaavvooiirr ddééfifi nniirr", "Ê Savoir défi nir"),
    # a doubled label followed by plain text: only the label is collapsed, inline
    ("项项目目描描述述：：负责电站设计", "项目描述：负责电站设计"),
    ("项项目目描描述述：：哦婆婆嘻嘻嘻嘻嘻嘻是一无所有", "项目描述：哦婆婆嘻嘻嘻嘻嘻嘻是一无所有"),
    # a doubled heading, a space, then plain text: the heading gets its own paragraph
    (
        "动动整整治治形形式式主主义义 2022年9月9日，一份文件印发。",
        "动整治形式主义\n\n2022年9月9日，一份文件印发。",
    ),
]

UNCHANGED = [
    # ordinary reduplication
    "常常",
    "看看",
    "人人",
    "一道道",
    "谢谢",
    "天天向上",
    "哈哈哈",
    "高高兴兴",  # two pairs only: indistinguishable from a doubled 高兴, kept
    "明明白白、清清楚楚",  # the 、 is single
    "我们常常看看书，人人都说谢谢",
    "我们常常看看书，人人都说谢谢。",
    "高高兴兴快快乐乐。",
    "嘻嘻嘻嘻嘻嘻",
    "哈哈哈哈哈哈哈哈",
    # lines that merely contain some doubled characters
    "他们天天向上，人人争先，个个努力。",
    "　　2022年9月9日，一份名为《关于党的十",
    "小小的村庄里，家家户户都亮起了灯。",
    # English words with double letters
    "committee",
    "bookkeeper",
    "The committee met the bookkeeper.",
    "Mississippi",
    "Hello, committee.",
    # numbers in ordinary lines
    "1100",
    "2022",
    "88",
    "112233",
    "2006.01 - 2007.01",
    "共1100人，2022年。",
    # dash and ellipsis runs
    "……",
    "——",
    "…………",
    "实践——— 认识——— 再实践",
    "他说——好……",
    # doubled glyphs glued to plain text with no separator: where would the heading end?
    "动动整整治治形形式式主主义义2022年9月9日",
    # a label without enough letters
    "测测试试",
    "研研发发：：负责",
    "",
    " \u3000",
    "\f",
]


@pytest.mark.parametrize(("raw", "expected"), CHANGED)
def test_changes(raw, expected):
    assert f(raw) == expected
    assert f(expected) == expected


@pytest.mark.parametrize("raw", UNCHANGED)
def test_never_touches(raw):
    assert f(raw) == raw
    assert f.edits(raw) == []


# --- headings in context ---------------------------------------------------------------


def test_heading_gets_blank_lines_and_loses_indentation():
    raw = (
        "落实、谋发展。\n 动动整整治治形形式式主主义义为为基基层层减减负负\n　　2022年9月9日，一份"
    )
    assert f(raw) == "落实、谋发展。\n\n动整治形式主义为基层减负\n\n　　2022年9月9日，一份"


def test_existing_blank_lines_are_not_doubled():
    raw = "前文。\n\n    整整治治形形式式主主义义老老问问题题\n\n正文。\n"
    assert f(raw) == "前文。\n\n整治形式主义老问题\n\n正文。\n"


def test_heading_at_start_and_end_of_text():
    assert f("整整治治形形式式主主义义\n正文。") == "整治形式主义\n\n正文。"
    assert f("正文。\n整整治治形形式式主主义义") == "正文。\n\n整治形式主义"
    assert f("正文。\n整整治治形形式式主主义义\n") == "正文。\n\n整治形式主义\n"


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n \n", "\n\n\n"])
def test_split_heading_is_merged(gap):
    raw = (
        "实。\n\n    夯夯实实全全面面实实施施乡乡村村振振兴兴战战略略的的"
        + gap
        + "组组织织基基础础\n\n　　正文。"
    )
    assert f(raw) == "实。\n\n夯实全面实施乡村振兴战略的组织基础\n\n　　正文。"


def test_heading_split_over_three_lines():
    raw = (
        "实。\n\n夯夯实实全全面面实实施施乡乡村村振振兴兴\n\n战战略略的的组组织织基基础础工工作作要要"
        "\n\n做做实实\n\n正文。"
    )
    assert f(raw) == "实。\n\n夯实全面实施乡村振兴战略的组织基础工作要做实\n\n正文。"


def test_split_heading_not_merged_when_first_part_is_complete_or_short():
    # the first part ends with closing punctuation
    raw = "整整治治形形式式主主义义为为基基层层：：\n\n减减负负增增效效果果"
    assert f(raw) == "整治形式主义为基层：\n\n减负增效果"
    # short labels one under the other (a CV page) stay separate
    raw = "语语言言能能力力\n英英语语 读读写写能能力力 听听说说能能力力"
    assert f(raw) == "语言能力\n\n英语 读写能力 听说能力"
    # a two-pair line after a complete heading is not a continuation: left alone
    raw = "整整治治形形式式主主义义为为基基层层：：\n\n高高兴兴"
    assert f(raw) == "整治形式主义为基层：\n\n高高兴兴"
    # more than two blank lines between them
    raw = "夯夯实实全全面面实实施施乡乡村村振振兴兴\n\n\n\n组组织织基基础础"
    assert f(raw) == "夯实全面实施乡村振兴\n\n\n\n组织基础"


def test_merge_and_isolate_can_be_switched_off():
    raw = "前文。\n    夯夯实实全全面面实实施施乡乡村村振振兴兴\n\n组组织织基基础础\n正文。"
    g = DedupeGlyphs(merge=False, isolate=False)
    assert g(raw) == "前文。\n夯实全面实施乡村振兴\n\n组织基础\n正文。"
    assert f(raw) == "前文。\n\n夯实全面实施乡村振兴组织基础\n\n正文。"


# Text scraped without newlines separates paragraphs with runs of U+3000 (seed 004), and
# reflow breaks the line there: a doubled heading between two runs is a line of its own.
_RUN_ON = "前文到此结束。　　整整治治形形式式主主义义　　正文从这里开始。"


def test_heading_between_ideographic_space_runs_is_repaired():
    assert f(_RUN_ON) == "前文到此结束。\n\n整治形式主义\n\n　　正文从这里开始。"
    g = DedupeGlyphs(merge=False, isolate=False)
    assert g(_RUN_ON) == "前文到此结束。\n整治形式主义\n　　正文从这里开始。"
    # at the end of the line, before a next line; two in a row; a label stays inline
    assert f("前文。　　整整治治形形式式\n正文。") == "前文。\n\n整治形式\n\n正文。"
    assert f("前文。　　整整治治形形式式　　减减负负增增效效　　正文。") == (
        "前文。\n\n整治形式\n\n减负增效\n\n　　正文。"
    )
    assert f("前文。　　项项目目描描述述：：负责　　正文") == "前文。　　项目描述：负责　　正文"
    # ordinary reduplication between the runs is not a heading
    assert f("前文。　　我们常常看看书　　正文。") == "前文。　　我们常常看看书　　正文。"


def test_heading_between_runs_is_explained_and_settled_in_the_chain():
    edits = f.edits(_RUN_ON)
    check_edits(_RUN_ON, edits)
    assert apply_edits(_RUN_ON, edits) == f(_RUN_ON)
    assert [e.kind for e in edits] == ["heading-break", "collapse-glyphs", "heading-break"]
    assert edits[0].old == "　　"  # the run before the heading is what becomes the break
    # The chain repairs it on its first run (it used to be left for a second run to find).
    chain = Pipeline.default()
    once = chain(_RUN_ON)
    assert once == "前文到此结束。\n整治形式主义\n正文从这里开始。"
    assert chain(once) == once


def test_edits_explain_every_change():
    raw = "前文。\n    夯夯实实全全面面实实施施乡乡村村振振兴兴的的\n\n组组织织基基础础\n正文。"
    edits = f.edits(raw)
    check_edits(raw, edits)
    assert apply_edits(raw, edits) == f(raw)
    kinds = [e.kind for e in edits]
    assert kinds.count("collapse-glyphs") == 2
    assert "merge-heading" in kinds and "heading-break" in kinds
    collapsed = [e for e in edits if e.kind == "collapse-glyphs"]
    assert collapsed[0].old == "夯夯实实全全面面实实施施乡乡村村振振兴兴的的"
    assert collapsed[0].new == "夯实全面实施乡村振兴的"
    explained = Pipeline.from_names(["dedupe_glyphs"]).explain(raw)
    assert explained.text == f(raw)


def test_label_edit_covers_only_the_label():
    raw = "项项目目描描述述：：负责电站设计"
    (edit,) = f.edits(raw)
    assert (edit.start, edit.old, edit.new) == (0, "项项目目描描述述：：", "项目描述：")


def test_aggressive_variant_repairs_two_pair_labels():
    g = DedupeGlyphs(min_units=2)
    assert g("测测试试") == "测试"
    assert g("人人") == "人人"  # one pair is never enough


def test_long_inputs_are_handled():
    doubled = repeat_glyphs("形式主义" * 5000, 2)
    assert f(doubled) == "形式主义" * 5000
    ordinary = "我们常常看看书，人人都说谢谢。" * 20000
    assert f(ordinary) == ordinary


# --- the seeds ---------------------------------------------------------------------------


def _seed(prefix: str) -> str:
    (path,) = RAW.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _changed_lines(text: str) -> list[int]:
    return sorted(
        {text.count("\n", 0, e.start) + 1 for e in f.edits(text) if e.kind == "collapse-glyphs"}
    )


def test_seed_000_headings_match_the_clean_edition():
    raw = _seed("000")
    out_lines = f(raw).split("\n")
    clean = _seed("001").split("\n")
    expected = [clean[12], clean[36], clean[60], clean[84]]
    assert expected == [
        "牢固树立大抓基层的鲜明导向",
        "夯实全面实施乡村振兴战略的组织基础",
        "城市基层党建引领基层治理效能明显提升",
        "党在新兴领域的号召力和凝聚力不断扩大",
    ]
    for heading in [*expected, "动整治形式主义为基层减负", "整治形式主义老问题新表现抓落实"]:
        i = out_lines.index(heading)
        assert out_lines[i - 1] == "" and out_lines[i + 1] == "", heading


def test_seed_changes_are_exactly_the_doubled_headings():
    assert _changed_lines(_seed("000")) == [15, 98, 342, 422, 424, 498, 500, 579, 581]
    assert _changed_lines(_seed("003")) == [308]
    assert "\n·新视野·\n" in f(_seed("003"))
    for prefix in ("001", "002", "004"):
        assert f.edits(_seed(prefix)) == [], prefix


def test_seeds_idempotent():
    for prefix in ("000", "001", "002", "003", "004"):
        once = f(_seed(prefix))
        assert f(once) == once


# --- pdfplumber's dedupe_chars cases -------------------------------------------------------

PDFPLUMBER = {
    r["id"]: r for r in json.loads((SHARED / "peer-cases/pdfplumber-dedupe.json").read_text())
}

_P1 = "derived:issue-71-duplicate-chars.pdf:p1"
_P2 = "derived:issue-71-duplicate-chars.pdf:p2"
_FR1 = "derived:issue-71-duplicate-chars-2.pdf:p1"
_ALCALOSES = PDFPLUMBER[f"{_FR1}:l17"]["input"]
_EXPERIENCE = PDFPLUMBER[f"{_P1}:l14"]["expected"] + PDFPLUMBER[f"{_P1}:l15"]["expected"]

#: Where we deliberately differ from pdfplumber (which sees glyph positions; we see text).
#: id -> (our output, why). For whole pages: a list of (pdfplumber's lines, our lines).
DELIBERATE: dict[str, tuple[str, str]] = {
    f"{_P1}:l23": ("测测试试", "two pairs only: the same text as AABB reduplication (高高兴兴)"),
    f"{_P1}:l26": ("研研发发", "two pairs only: the same text as AABB reduplication (高高兴兴)"),
    f"{_P2}:l1": ("证证书书", "two pairs only: the same text as AABB reduplication (高高兴兴)"),
    f"{_FR1}:l17": (
        _ALCALOSES,
        "2-fold and 4-fold glyphs on one line, ')))' at its end: no single k explains it; "
        "the line is left whole rather than half repaired",
    ),
}
DELIBERATE_PAGES: dict[str, list[tuple[str, str]]] = {
    f"{_P1}:page": [
        ("测试", "测测试试"),
        ("研发", "研研发发"),
        # the line pdfplumber breaks in two is one repeated line wrapped by the layout:
        # merged as a split heading
        (
            PDFPLUMBER[f"{_P1}:l14"]["expected"] + "\n" + PDFPLUMBER[f"{_P1}:l15"]["expected"],
            _EXPERIENCE,
        ),
    ],
    f"{_P2}:page": [("证书", "证证书书")],
    f"{_FR1}:page": [(PDFPLUMBER[f"{_FR1}:l17"]["expected"], _ALCALOSES)],
}


def _without_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def _ours(expected_page: str, subs: list[tuple[str, str]]) -> str:
    text = "\n" + _without_blank_lines(expected_page) + "\n"
    for theirs, ours in subs:
        assert f"\n{theirs}\n" in text
        text = text.replace(f"\n{theirs}\n", f"\n{ours}\n")
    return text[1:-1]


@pytest.mark.parametrize("case_id", [i for i in PDFPLUMBER if i.startswith("upstream:")])
def test_pdfplumber_upstream_literals(case_id):
    case = PDFPLUMBER[case_id]
    assert f(case["input"]) == case["expected"]


@pytest.mark.parametrize(
    "case_id", [i for i in PDFPLUMBER if i.startswith("derived:") and not i.endswith(":page")]
)
def test_pdfplumber_derived_lines(case_id):
    case = PDFPLUMBER[case_id]
    ours = DELIBERATE.get(case_id, (case["expected"], ""))[0]
    assert f(case["input"]) == ours


@pytest.mark.parametrize("case_id", [i for i in PDFPLUMBER if i.endswith(":page")])
def test_pdfplumber_derived_pages(case_id):
    # Repaired headings get blank lines around them (a deliberate difference on every
    # page that has one); the lines themselves must agree, except where listed above.
    case = PDFPLUMBER[case_id]
    expected = _ours(case["expected"], DELIBERATE_PAGES.get(case_id, []))
    assert _without_blank_lines(f(case["input"])) == expected


def test_pdfplumber_genuine_repeats_survive():
    for text in (
        "哦婆婆嘻嘻嘻嘻嘻嘻是一无所有",
        "88",
        "C. Diarrhée",
        "TA < 16 mmol/L* TA > 16 mmol/L*",
    ):
        assert f(text) == text


# --- properties ------------------------------------------------------------------------------


@given(h=cjk_heading, k=st.sampled_from([2, 3]))
def test_repeated_heading_is_repaired(h, k):
    assert f(repeat_glyphs(h, k)) == h


@given(h=cjk_heading, k=st.sampled_from([2, 3]))
def test_repeated_heading_in_a_document_stands_alone(h, k):
    raw = "前文到此结束。\n" + repeat_glyphs(h, k) + "\n　　正文从这里开始。"
    assert f(raw) == "前文到此结束。\n\n" + h + "\n\n　　正文从这里开始。"


@given(h=cjk_heading.filter(lambda h: len(h) >= 7), k=st.sampled_from([2, 3]), data=st.data())
def test_heading_with_one_dropped_glyph_is_repaired(h, k, data):
    rep = repeat_glyphs(h, k)
    i = data.draw(st.integers(0, len(rep) - 1))
    assert f(rep[:i] + rep[i + 1 :]) == h


@given(h=cjk_heading)
def test_ordinary_headings_are_not_touched(h):
    assert f(h) == h


@given(text=cjk_paragraph)
def test_ordinary_cjk_sentences_are_never_changed(text):
    assert f(text) == text


@given(text=latin_paragraph)
def test_ordinary_latin_is_never_changed(text):
    assert f(text) == text


# --- fast paths: the same decisions as the rule, run by run ---------------------------

# Letters, digits, frame marks, units, ligature letters, punctuation, white space
# (kept and not kept), a surrogate: everything the rule treats apart.
_ALPHABET = "中文字节动人常看ABab12fil「」“”·■—…，。：、 \u3000\t\r\x0b\udc80"


@st.composite
def _near_doubled(draw: st.DrawFn) -> str:
    """Runs of ``k`` or ``2k`` copies of a character, up to two of them a copy short or
    long or a single character."""
    k = draw(st.sampled_from((2, 3)))
    letters = st.sampled_from("中文字节动人常看书本Ab1")
    chars = draw(st.lists(st.one_of(letters, letters, st.sampled_from(_ALPHABET)), max_size=24))
    counts = [k * draw(st.sampled_from((1, 1, 1, 1, 1, 2))) for _ in chars]
    for _ in range(draw(st.integers(0, 2)) if chars else 0):
        at = draw(st.integers(0, len(chars) - 1))
        counts[at] = draw(st.sampled_from((1, k - 1, k + 1)))
    return "".join(c * n for c, n in zip(chars, counts, strict=True))


_RULES = st.builds(
    glyphs._Rules,
    st.integers(1, 5),
    st.sampled_from((0.0, 0.5, 0.8, 0.9, 1.0, 1.1)),
)


@settings(max_examples=500)
@given(st.one_of(_near_doubled(), st.text(alphabet=_ALPHABET, max_size=30)))
def test_fast_scan_decides_as_the_rule(s):
    for k in (2, 3):
        assert glyphs._scan(s, k) == glyphs._scan_runs(s, k)


def _by_the_rule(s: str, rules: glyphs._Rules) -> glyphs._Fix | None:
    """:func:`glyphs._fix_line_rule` with every scan run by run (no fast path)."""
    fast = glyphs._scan
    glyphs._scan = glyphs._scan_runs
    try:
        return glyphs._fix_line_rule(s, rules)
    finally:
        glyphs._scan = fast


@settings(max_examples=500)
@given(st.one_of(_near_doubled(), st.text(alphabet=_ALPHABET, max_size=30)), _RULES)
def test_fast_line_fix_decides_as_the_rule(s, rules):
    assert glyphs._fix_line(s, rules) == _by_the_rule(s, rules)


@st.composite
def _doubled(draw: st.DrawFn) -> tuple[str, str]:
    """A line doubled end to end and its ``s[::2]``: runs of one or more characters,
    each character printed twice (so the ``s[::2]`` may hold pairs, runs, white space,
    units and ligature letters)."""
    letters = st.sampled_from("中文字节动人常看书本Ab1")
    chars = draw(st.lists(st.one_of(letters, letters, st.sampled_from(_ALPHABET)), max_size=24))
    half = "".join(c * draw(st.sampled_from((1, 1, 1, 2, 3))) for c in chars)
    return "".join(c * 2 for c in half), half


@settings(max_examples=500)
@given(_doubled())
def test_undoubled_is_the_two_fold_reading(line):
    s, half = line
    sc = glyphs._scan_runs(s, 2)
    if sc is not None and "f" not in half:
        assert sc.new == glyphs._undoubled(s, half)
        alpha = [c for c in half if c.isalpha()]
        assert sc == glyphs._Scan(sc.new, 2, len(alpha), len(set(alpha)), 1.0, False)


@settings(max_examples=500)
@given(_doubled(), _RULES)
def test_doubled_line_fix_decides_as_the_rule(line, rules):
    s = content(line[0])
    assert glyphs._fix_line(s, rules) == _by_the_rule(s, rules)


# A hard wrap can cut a heading between the two copies of a glyph: the copy that starts
# the next line goes back to the heading (``_borrow``).
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (  # the rest of the next line is more of the heading: merged
            "实。\n\n夯夯实实全全面面实实施施乡乡村村振振兴\n"
            "兴战战略略的的组组织织基基础础\n\n　　正文。",
            "实。\n\n夯实全面实施乡村振兴战略的组织基础\n\n　　正文。",
        ),
        (  # three copies, cut after two
            "实。\n\n夯夯夯实实实全全全面面面实实实施施施乡乡乡村村村振振振兴兴\n"
            "兴战战战略略略\n\n正文。",
            "实。\n\n夯实全面实施乡村振兴战略\n\n正文。",
        ),
        (  # nothing left of the next line: one blank line after the heading
            "前文。\n整整治治形形式式主主义义老老问问题题新新表表现现抓抓落落实\n实\n　　正文。\n",
            "前文。\n\n整治形式主义老问题新表现抓落实\n\n　　正文。\n",
        ),
        (  # a line of text that starts with the heading's last glyph lends nothing
            "整整治治形形式式主主义义老老问\n　问说了很多话。\n",
            "整治形式主义老问\n\n　问说了很多话。\n",
        ),
    ],
)
def test_a_pair_cut_by_a_line_break_goes_back_to_the_heading(raw, expected):
    assert f(raw) == expected
    assert f(expected) == expected
    edits = f.edits(raw)
    check_edits(raw, edits)
    assert apply_edits(raw, edits) == expected


def test_a_heading_glued_to_a_lone_glyph_and_cut_mid_pair_settles_in_the_chain():
    """Found on a generated 2.4 MB book: the heading kept both lone glyphs (its glued
    first one and the cut last one), reflow joined the cut pair, and a second run of the
    chain collapsed the line it made."""
    p = Pipeline.default()
    raw = "距。\n　　式主主义义老老问问题题新新表表现现抓抓落落实\n实\n　　工作方法。\n"
    once = p(raw)
    assert once == "距。\n式主义老问题新表现抓落实\n工作方法。\n"
    assert p(once) == once
