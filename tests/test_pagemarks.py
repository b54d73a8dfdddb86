"""remove_page_marks: page numbers, running headers, continuation notes, form feeds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import Pipeline
from cleantext.layout import line_parts, parts_as_lines
from cleantext.normalizer import apply_edits, check_edits
from cleantext.normalizers.controls import NormalizeControls
from cleantext.normalizers.pagemarks import RemovePageMarks
from tests.pages import HAN, WORDS, make_document, page_number, removed_lines
from tests.strategies import paged_document

f = RemovePageMarks()
RAW = Path(__file__).resolve().parent.parent / "fixtures" / "raw"


def prose(k: int) -> str:
    """A distinct line of running text (body lines do not repeat, even digit-blind)."""
    rng = random.Random(k)
    return "".join(rng.choice(HAN) for _ in range(12)) + "，"


def run(text: str) -> str:
    edits = f.edits(text)
    check_edits(text, edits)
    out = apply_edits(text, edits)
    assert out == f(text)
    assert f(out) == out, "not idempotent"
    return out


# --- page numbers ----------------------------------------------------------------------

#: Forms that say "page" by their shape: removed wherever they stand alone on a line.
STRONG_FORMS = [
    "- 12 -",
    "-12-",
    "— 12 —",
    "－１２－",
    "·12·",
    "• 12 •",
    "第12页",
    "第 12 页",
    "第１２页",
    "第1页 共3页",
    "第1页/共3页",
    "（第一页，共二页）",
    "(第1页,共2页)",
    "第4版",
    "Page 12",
    "PAGE 12",
    "page 7",
    "Page 3 of 9",
    "p. 12",
    "P. 12",
    "- iv -",
    "　　- 12 -　",
]


@pytest.mark.parametrize("form", STRONG_FORMS)
def test_strong_page_number_forms_are_removed_alone(form):
    assert (
        run(f"上一页最后一行的句子还\n{form}\n没有结束。") == "上一页最后一行的句子还\n没有结束。"
    )


#: Bare forms: removed at a page edge (next to a form feed).
WEAK_FORMS = [
    "12",
    "１２",
    "7",
    "xii",
    "iv",
    "IV",
    "3/10",
    "3 / 10",
    "3 of 10",
    "　12　",
    "[12]",
    "［12］",
    "〔12〕",
]


@pytest.mark.parametrize("form", WEAK_FORMS)
def test_bare_page_numbers_at_a_form_feed_are_removed(form):
    assert run(f"第一页的正文，\n{form}\n\f\n第二页的正文。") == "第一页的正文，\n第二页的正文。"
    assert run(f"第一页的正文，\n\f\n{form}\n第二页的正文。") == "第一页的正文，\n第二页的正文。"


def _pages(numbers: list[str], per_page: int = 6, sep: str = "\n", top: bool = False) -> str:
    lines: list[str] = []
    for k, number in enumerate(numbers):
        if top and number:
            lines.append(number)
        lines.extend(f"第{k}页第{j}行的正文内容，不是页码" for j in range(per_page))
        if not top and number:
            lines.append(number)
    return sep.join(lines)


@pytest.mark.parametrize("style", ["bare", "roman", "fullwidth", "slash", "of", "bracketed"])
@pytest.mark.parametrize("top", [False, True])
def test_a_regular_sequence_of_numbers_is_removed_without_form_feeds(style, top):
    numbers = [page_number(style, n, 9) for n in range(3, 7)]
    text = _pages(numbers, top=top)
    out = run(text)
    assert out == _pages([], top=top) or all(n not in out.split("\n") for n in numbers)
    assert out.count("\n") == text.count("\n") - len(numbers)


def test_a_page_may_go_without_its_number():
    text = _pages(["3", "4", "", "6", "7"])  # page 5 (a figure, say) has no number
    assert not any(x in run(text).split("\n") for x in ("3", "4", "6", "7"))


def _book_pages(numbers: list[str], per_page: int = 6, top: bool = False) -> str:
    """Pages ended by form feeds, each with its number at the bottom (or the top)."""
    pages = []
    for k, number in enumerate(numbers):
        body = [f"第{k}页第{j}行的正文内容，不是页码" for j in range(per_page)]
        pages.append("\n".join([number, *body] if top else [*body, number]))
    return "\n\f\n".join(pages) + "\n"


@pytest.mark.parametrize("top", [False, True])
def test_page_1000_and_on_of_a_long_book_goes_at_form_feeds(top):
    """A bare number above 999 is a year or a figure, unless it numbers the pages of a
    long book: at form-feed page edges, five pages or more in a row (a page without
    its number is skipped)."""
    numbers = ["998", "999", "1000", "1001", "", "1003", "1004", "1005"]
    out = run(_book_pages(numbers, top=top))
    lines = out.split("\n")
    assert [line for line in lines if line.startswith("第")] == [
        f"第{k}页第{j}行的正文内容，不是页码" for k in range(len(numbers)) for j in range(6)
    ]
    # What is left: the blank line of the page without a number, and the last newline.
    assert [line for line in lines if not line.startswith("第")] == ["", ""]


@pytest.mark.parametrize(
    "numbers",
    [
        ["2019", "2020", "2021", "2022"],  # four pages in a row: too few
        ["2019", "2021", "2024", "2025", "2026"],  # not one a page
        ["1201", "1202", "1203", "1204", "1204"],  # the same value twice
    ],
)
def test_numbers_above_999_at_form_feeds_stay_without_a_run(numbers):
    text = _book_pages(numbers)
    out = run(text)
    assert [line for line in out.split("\n") if line.isdigit()][:4] == numbers[:4]


def test_numbers_above_999_stay_without_form_feeds():
    text = _pages([str(n) for n in range(1200, 1208)])
    assert run(text) == text


def test_double_spaced_page_number_between_blank_lines():
    # seed 002 line 2166: a bare number in a blank run longer than the usual one.
    text = "讲话的一行\n\n讲话的二行\n\n发挥最大效益。\n\n\n\n55\n\n三要推进融合共享。\n\n下一行"
    assert (
        run(text)
        == "讲话的一行\n\n讲话的二行\n\n发挥最大效益。\n\n\n\n\n三要推进融合共享。\n\n下一行"
    )


def test_page_number_with_a_running_header():
    text = "\n".join(
        f"{line}"
        for k in range(4)
        for line in ("某某日报　2022年10月11日", str(k + 2), *(prose(10 * k + j) for j in range(4)))
    )
    out = run(text)
    assert out.split("\n") == [prose(10 * k + j) for k in range(4) for j in range(4)]


# --- running headers and footers --------------------------------------------------------


def _paper(header: str, pages: int = 4, ff: bool = True, body: int = 5) -> tuple[str, str]:
    parts, clean = [], []
    for p in range(pages):
        lines = [f"第{p}页第{j}行，{HAN[p * 7 + j :: 5][:9]}" for j in range(body)]
        parts.append("\n".join([header.format(n=p + 4), *lines]))
        clean.append("\n".join(lines))
    sep = "\n\f\n" if ff else "\n\n\n"
    return sep.join(parts), ("\n" if ff else "\n\n\n").join(clean)


@pytest.mark.parametrize(
    "header",
    [
        "人民日报　2022年10月11日　星期二",
        "人民日报 第{n}版",
        "第{n}版",
        "JOURNAL OF THINGS, VOL. 3",
        "{n}    THE TITLE OF THE BOOK",
        "Chapter One: The Beginning",
        "要闻",
    ],
)
@pytest.mark.parametrize("ff", [True, False])
def test_running_headers_are_removed(header, ff):
    text, clean = _paper(header, ff=ff)
    assert run(text) == clean


def test_running_footer_with_page_number():
    pages = [
        "\n".join([*(prose(10 * p + j) for j in range(6)), "某某学报", f"- {p + 1} -"])
        for p in range(3)
    ]
    out = run("\n\f\n".join(pages))
    assert out.split("\n") == [prose(10 * p + j) for p in range(3) for j in range(6)]


def test_alternating_headers_with_form_feeds():
    pages = []
    for p in range(6):
        head = "THE BOOK TITLE" if p % 2 else "第三章　变化的开始"
        pages.append("\n".join([head, *(prose(10 * p + j) for j in range(6))]))
    out = run("\n\f\n".join(pages))
    assert out.split("\n") == [prose(10 * p + j) for p in range(6) for j in range(6)]


def test_a_one_off_heading_at_the_top_of_a_page_stays():
    pages = ["\n".join(prose(10 * p + j) for j in range(6)) for p in range(5)]
    pages[2] = "一、加强组织建设\n" + pages[2]
    out = run("\n\f\n".join(pages))
    assert "一、加强组织建设" in out


def test_a_heading_repeated_twice_stays():
    # seed 002: the same speech title opens two speeches, at a page break each time.
    body = "\n\n".join(f"讲话正文第{k}行，内容" for k in range(30))
    speech = f" 在党建工作座谈会上的讲话\n\n同志们：\n\n{body}"
    text = f"{speech}\n{speech}"
    assert run(text) == text


# --- continuation notes ----------------------------------------------------------------

NOTES = [
    ("业成立党组织。      （下转4版）", "业成立党组织。"),
    ("业成立党组织。（下转第4版）", "业成立党组织。"),
    ("句子结束。（转第3版）", "句子结束。"),
    ("句子结束。（接第2版）", "句子结束。"),
    ("句子结束。（下转A4版）", "句子结束。"),
    ("句子结束。(下转第 4 版)", "句子结束。"),
    ("（上接第1版）文字继续。", "文字继续。"),
    ("　　（上接第一版）文字继续。", "　　文字继续。"),
    ("前文（下转4版）后文", "前文后文"),
    ("The story ends here. (continued on page 5)", "The story ends here."),
    ("(Continued from page 3) The story goes on.", "The story goes on."),
    ("The end (Continued on next page)", "The end"),
    ("前一行\n（下转4版）\n后一行", "前一行\n后一行"),
    ("前一行\n(continued on page 12)", "前一行"),
    # Cut in two by a hard wrap: the start goes from one line, the rest from the next.
    (
        "织，根据入驻单位建立党组织。    （下转4\n版）\n　　门在商圈",
        "织，根据入驻单位建立党组织。\n　　门在商圈",
    ),
    ("法，指导新建党组织。         （下转\n4版）\n　　次，提", "法，指导新建党组织。\n　　次，提"),
    ("正文。（\n　　下转第4版）后文", "正文。\n　　后文"),
    ("（下转4\n版）\n后一行", "后一行"),
    (
        "The story ends here. (continued on\npage 5)\nNext story.",
        "The story ends here.\nNext story.",
    ),
]


@pytest.mark.parametrize(("before", "after"), NOTES)
def test_continuation_notes(before, after):
    assert run(before) == after


def test_a_note_cut_by_the_wrap_goes_on_the_first_run_of_the_chain():
    """Found on a generated book: reflow joined ``（下转4`` and ``版）``, and a second run
    of the chain removed the note it made."""
    text = (
        "\u3000\u3000部分农村党组织，根据入驻\n单位建立党组织。    （下转4\n版）\n"
        "\u3000\u3000门在商圈市场，要依托街道\n或产权单位、骨干企业。\n"
    )
    chain = Pipeline.default()
    once = chain(text)
    assert "下转" not in once
    assert chain(once) == once


# --- never touched --------------------------------------------------------------------

NEVER = [
    "（新华社北京10月10日电）",
    "开。     （新华社北京10月10日电）",
    "（据新华社电）",
    "（记者 张三）",
    "见报道（见第3版）。",
    "2022年10月10日，会议召开。",
    "第4版刊登了这篇文章的后半部分。",
    "本书共12页，第3页有插图。",
    "年份\n2019  2020  2021\n产量\n100  200  300",
    "年份\n2022\n产量",
    "第二节结束。\n\n3\n\n第三节开始。",
    "得分：\n12\n15\n9\n合计36。",
    "一、总则\n1. 第一条\n2. 第二条",
    " ·求是谈·\n\n推进基层党建",
    "3/4",
    "Part\nI\nThe Beginning",
    "2019\n2020\n2021",
    "Page twelve of the manuscript was missing.",
    "p. 12 and p. 13 are quoted below.",
    "- item one\n- item two",
    "",
    "\n\n",
    "x\fy",
]


@pytest.mark.parametrize("text", NEVER)
def test_never_touched(text):
    assert run(text) == text


def test_numbers_in_a_table_are_not_a_page_sequence():
    rows = "\n".join(f"第{k}行数据\n{k}" for k in range(1, 8))
    assert run(rows) == rows


def test_list_numbers_close_together_stay():
    text = "\n".join(f"{k}\n条目{k}的内容" for k in range(1, 6))
    assert run(text) == text


# --- form feeds, edits, explain -------------------------------------------------------


def test_form_feed_lines_are_removed():
    assert run("第一页\n\f\n第二页") == "第一页\n第二页"
    assert run("第一页\n\f\f\n第二页\n\f") == "第一页\n第二页"
    assert run("\f") == ""


def test_removals_are_edits_with_kinds():
    text = "正文，\n- 3 -\n\f\n正文。（下转4版）"
    kinds = [(e.kind, e.old) for e in f.edits(text)]
    assert kinds == [
        ("page-number", "- 3 -\n"),
        ("page-break", "\f\n"),
        ("continuation-note", "（下转4版）"),
    ]


def test_parts_of_a_text_without_newlines_are_read_as_lines():
    # Text scraped without newlines separates paragraphs with runs of U+3000 (reflow
    # breaks the line there): a page number or a note between two runs goes, with one
    # character of the runs around it, and the edit says what it removed.
    text = "正文一段内容，讲的是一件事情。\u3000\u3000- 2 -\u3000\u3000正文第二段。"
    edits = f.edits(text)
    check_edits(text, edits)
    (edit,) = edits
    assert (edit.kind, edit.old) == ("page-number", "\u3000- 2 -\u3000")
    assert f(text) == "正文一段内容，讲的是一件事情。\u3000\u3000正文第二段。"
    text = "\u3000\u3000正文一段内容。\u3000\u3000（下转4版）\u3000\u3000正文二。"
    assert f(text) == "\u3000\u3000正文一段内容。\u3000\u3000正文二。"
    # ordinary parts and a number inside a sentence stay
    kept = ("正文。\u3000\u3000第二段。\u3000\u3000第三段。", "共有\u3000\u30002\u3000\u3000人")
    for text in kept:
        assert f(text) == text


def test_explain_shows_the_removals():
    text = "正文的第一行，句子\n- 3 -\n\f\n没有结束。\n"
    report = Pipeline.default().explain(text)
    step = next(s for s in report.steps if s.name == "remove_page_marks")
    assert [e.kind for e in step.edits] == ["page-number", "page-break"]


def test_idempotent_when_removals_change_blank_runs():
    for text in (
        "A行文字\n\n7\n\n55\n\n\n\nB行文字\n\nC行\n\nD行",
        "A行文字\n\n\n55\n\n7\n\nB行文字\n\nC行\n\nD行",
        "A\n\n12\n\n7\n\nB\n\n" + _pages(["1", "2", "3"], sep="\n\n"),
    ):
        run(text)


# --- the seeds ------------------------------------------------------------------------

#: Everything the step may remove from the raw seeds, as NOISE.md describes it:
#: (1-based line, kind, removed text).
SEED_REMOVALS = {
    "000": [(647, "continuation-note", "      （下转4版）")],
    "001": [],
    "002": [(2166, "page-number", "55\n")],
    "003": [],
    "004": [],
}


def _seed(prefix: str) -> str:
    (path,) = RAW.glob(f"{prefix}_*.txt")
    return NormalizeControls()(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", sorted(SEED_REMOVALS))
def test_seeds_lose_only_what_noise_md_describes(prefix):
    text = _seed(prefix)
    got = [(text.count("\n", 0, e.start) + 1, e.kind, e.old) for e in f.edits(text)]
    assert got == SEED_REMOVALS[prefix]
    run(text)


def test_seed_000_continuation_note_and_datelines():
    out = f(_seed("000"))
    lines = out.split("\n")
    assert lines[646] == "业成立党组织。"
    assert lines[317] == "开。     （新华社北京10月10日电）"


def test_seed_001_source_note_stays():
    assert "（据新华社电）" in f(_seed("001")).split("\n")


def test_seed_002_page_number_goes_and_the_text_joins_around_it():
    lines = f(_seed("002")).split("\n")
    k = lines.index("地，运用人才专业技能为群众提供服务，发挥最大效益。")
    assert lines[k + 1 : k + 6] == [
        "",
        "",
        "",
        "",
        "三要推进街道社区党建与新兴领域党建融合共享。商务",
    ]
    assert "55" not in lines


# --- synthetic pages ------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**64))
def test_synthetic_pages_lose_exactly_their_furniture(seed):
    doc = make_document(random.Random(seed))
    text = doc.text
    want = {i for i, furniture in enumerate(doc.furniture) if furniture}
    assert removed_lines(text) == want, doc.description
    out = run(text)
    kept = [x for x in out.split("\n") if x.strip(" \u3000")]
    assert kept == doc.body(), doc.description


@settings(max_examples=150, deadline=None)
@given(
    text=paged_document(),
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=8),
    dups=st.lists(st.integers(min_value=0, max_value=400), max_size=4),
)
def test_damaged_pages_stay_idempotent(text, cuts, dups):
    # Pages with lines lost or doubled: evidence is partial, the step must still be
    # idempotent and produce valid edits.
    lines = text.split("\n")
    for k in sorted(set(cuts), reverse=True):
        if k < len(lines):
            del lines[k]
    for k in dups:
        if k < len(lines):
            lines.insert(k, lines[k])
    run("\n".join(lines))


def test_headers_with_full_width_page_numbers_are_one_header():
    # Digits are read as "#" whether ASCII or full-width (CCNet's normaliser maps "１"
    # to a quote mark; ours must not split "第４版" from "第５版").
    fw = str.maketrans("0123456789", "０１２３４５６７８９")
    pages = [
        "\n".join([f"人民日报　第{p + 4}版".translate(fw), *(prose(10 * p + j) for j in range(5))])
        for p in range(4)
    ]
    out = run("\n\n\n".join(pages))
    assert [x for x in out.split("\n") if x] == [
        prose(10 * p + j) for p in range(4) for j in range(5)
    ]


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_a_seed_repeated_three_times_loses_only_its_furniture(prefix):
    # A scraped corpus may hold the same article several times: its lines repeat at a
    # regular spacing, but a repeated passage is not a running header.
    text = _seed(prefix)
    tripled = "\n".join([text] * 3)
    kinds = sorted({(e.kind, e.old) for e in f.edits(tripled)})
    assert kinds == sorted({(k, old) for _, k, old in SEED_REMOVALS[prefix]})


HEADER = "人民日报  2024年10月11日  星期五"


@pytest.mark.parametrize(
    ("repeated", "n_pages", "with_passage"),
    [(3, 8, (2, 6)), (3, 5, (1, 2, 3)), (5, 8, (2, 6)), (5, 5, (1, 3))],
)
def test_a_running_header_before_a_passage_that_repeats_is_removed(repeated, n_pages, with_passage):
    """Pages ended by a number and a form feed, each next page opened by the running
    header; two pages open with the same passage (an article printed twice, or model
    text). The header before it goes like every other one, and the passage stays: a
    form feed ends a run of repeated lines (3 lines: with the form feed in it, the run
    would hold three of the four headers of 5 pages), and a line of a running header
    at a page edge is one even where a repeated passage starts after it (5 lines) —
    also when only two of its lines are outside such passages (5 pages)."""
    passage = [prose(900 + j)[:-1] + "。" for j in range(repeated)]  # (no header shape)
    pages: list[list[str]] = []
    for k in range(n_pages):
        body = [prose(10 * k + j) for j in range(6)]
        if k in with_passage:
            body[:0] = passage
        pages.append(body)
    text = "".join(
        ("" if k == 0 else HEADER + "\n") + "\n".join(body) + f"\n{k + 1}\n\f\n"
        for k, body in enumerate(pages)
    )
    out = run(text)
    assert out.split("\n") == [line for body in pages for line in body] + [""]
    kinds = [(e.kind, e.old.strip()) for e in f.edits(text) if e.kind == "running-header"]
    assert kinds == [("running-header", HEADER)] * (n_pages - 1)


def test_a_line_repeated_far_apart_in_a_book_with_form_feeds_is_no_header():
    """A short line of text that happens to occur on three of 60 form-feed pages, at
    a regular spacing and twice near a page edge, is no running header: the pages are
    known, and a header repeats every page or every other one (a generated book lost
    ``由所在村民小组组成， 配备 1名以上专兼职网`` that way)."""
    line = "由所在村民小组组成，配备"
    pages: list[list[str]] = []
    for k in range(60):
        body = [prose(10 * k + j) for j in range(8)]
        if k in (5, 30):
            body[-1] = line  # just before the page number
        elif k == 55:
            body[3] = line  # mid-page
        pages.append(body)
    text = "".join("\n".join(body) + f"\n{k + 1}\n\f\n" for k, body in enumerate(pages))
    out = run(text)
    assert out.split("\n") == [line for body in pages for line in body] + [""]


def test_book_with_numbered_alternating_headers_and_a_chapter_opening():
    # pdftotext of a book: even pages "12    BOOK TITLE", odd pages "CHAPTER …    13";
    # a chapter-opening page has no running header — its heading is a one-off and stays.
    rng = random.Random(3)
    pages, body_lines = [], []
    for p, n in enumerate(range(11, 19)):
        body = [f"{' '.join(rng.choice(WORDS) for _ in range(9))} line {p}-{j}" for j in range(20)]
        body_lines.extend(body)
        if p == 3:
            head = ["CHAPTER TWO", "", "The Second Coming", ""]
            body_lines[-20:-20] = ["CHAPTER TWO", "The Second Coming"]
        elif n % 2 == 0:
            head = [f"{n}    THE HISTORY OF THINGS", ""]
        else:
            head = [f"CHAPTER ONE: ORIGINS    {n}", ""]
        pages.append("\n".join(head + body))
    out = run("\n\f\n".join(pages))
    assert [x for x in out.split("\n") if x] == body_lines


# --- furniture that pairs up: a repeated line next to a page number each time ----------


def _block(k: int, n: int = 8) -> list[str]:
    return [prose(100 * k + j) for j in range(n)]


def test_a_header_twice_next_to_removed_page_numbers_goes():
    # Three pages, no form feeds: the numbers go by their shape, the journal line that
    # follows two of them repeats only twice but stands next to a page number each time.
    head = "计算机工程与应用  2015年第11期"
    text = "\n".join([*_block(0), "- 32 -", head, *_block(1), "- 33 -", head, *_block(2), "- 34 -"])
    assert run(text).split("\n") == [*_block(0), *_block(1), *_block(2)]


@pytest.mark.parametrize("blank", [False, True])
def test_two_bare_page_numbers_and_a_header_confirm_each_other(blank):
    # Two pages: two bare numbers 26, 27 are not a sequence, one line twice is not a
    # header — but each number stands right before a repeat of the same line.
    sep = ["", "", ""] if blank else []
    text = "\n".join(
        [
            *(*_block(0), *sep, "26", "专题报道", *sep),
            *(*_block(1), *sep, "27", "专题报道", *sep),
            *_block(2, 3),
        ]
    )
    assert [x for x in run(text).split("\n") if x] == [*_block(0), *_block(1), *_block(2, 3)]


def test_a_two_line_header_block_pairs_with_top_page_numbers():
    pages = []
    for p in range(2):
        pages += [str(p + 5), "某某日报", "2022年10月11日 星期二", *_block(p)]
    assert run("\n".join(pages)).split("\n") == [*_block(0), *_block(1)]


def test_a_header_with_the_page_number_in_it_and_a_short_last_page():
    # 第3版 after page 2, 第4版 after page 3, 第5版 after page 4 at the very end.
    lines = [*_block(0)]
    for p, n in enumerate((2, 3, 4)):
        lines += ["", str(n), f"城市晚报  第{n + 1}版", ""]
        lines += _block(p + 1, 8 if p < 1 else 2) if p < 2 else []
    out = run("\n".join(lines))
    assert [x for x in out.split("\n") if x] == [*_block(0), *_block(1), *_block(2, 2)]


def test_fraction_page_numbers_with_one_total_pair_up():
    text = "\n".join([*_block(0), "16/46", *_block(1), "17/46", *_block(2, 3)])
    assert run(text).split("\n") == [*_block(0), *_block(1), *_block(2, 3)]


def test_a_short_last_page_continues_a_run_of_numbers():
    lines: list[str] = []
    for p, n in enumerate(range(27, 32)):
        lines += [*_block(p), str(n)]
    lines += [*_block(9, 2), "32"]
    assert run("\n".join(lines)).split("\n") == [
        *(x for p in range(5) for x in _block(p)),
        *_block(9, 2),
    ]


def test_a_figure_with_the_value_of_a_page_number_does_not_steal_the_run():
    lines: list[str] = []
    for p, n in enumerate(range(5, 9)):
        lines += _block(p, 12)
        if n == 7:
            lines[-6:-6] = ["", "6", ""]  # a numbered heading "6" on page 7
        lines.append(str(n))
    lines.append(prose(999))
    out = run("\n".join(lines))
    assert "6" in out.split("\n")
    assert [x for x in out.split("\n") if x not in ("", "6")] == [
        *(x for p in range(4) for x in _block(p, 12)),
        prose(999),
    ]


PAIRED_NEVER = {
    # one repeat only next to a page number: a heading that recurs, not a header
    "once-next-to-a-number": [*_block(0), "- 3 -", "专题报道", *_block(1), "专题报道", *_block(2)],
    # a dateline after the page number, twice: a source note, never a header
    "dateline": [
        *(*_block(0), "- 3 -", "（新华社北京10月10日电）"),
        *(*_block(1), "- 4 -", "（新华社北京10月10日电）"),
        *_block(2),
    ],
    # bare numbers that do not go up: figures, and the line after them is content
    "numbers-not-increasing": [*_block(0), "12", "合计", *_block(1), "12", "合计", *_block(2)],
    # numbered headings close together, with the same title: a list, not pages
    "too-close": [*_block(0), "1", "小结", prose(7), "2", "小结", *_block(2)],
    # two repeats in a document of twelve pages: a heading that twice opens a page
    "too-few-pages": [
        x
        for p in range(12)
        for x in (*_block(p, 5), f"- {p + 1} -", *(["一、加强组织建设"] if p in (3, 8) else []))
    ],
}


@pytest.mark.parametrize("case", sorted(PAIRED_NEVER))
def test_paired_evidence_never_takes(case):
    lines = PAIRED_NEVER[case]
    kept = [x for x in lines if not x.startswith("- ")]
    assert run("\n".join(lines)).split("\n") == kept


def _parts_as_lines_by_line(text: str) -> str:
    """The reference for layout.parts_as_lines: every line cut by line_parts."""
    out, pos = list(text), 0
    for line in text.split("\n"):
        for start, _end in line_parts(line)[1:]:
            out[pos + start] = "\n"
        pos += len(line) + 1
    return "".join(out)


@settings(max_examples=500)
@given(st.text(alphabet="中a \t\u3000\n\u00a0\r\x0c。", max_size=40))
def test_parts_as_lines_cuts_where_line_parts_cuts(text):
    read = parts_as_lines(text)
    assert read == _parts_as_lines_by_line(text)
    assert len(read) == len(text)
