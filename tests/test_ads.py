"""Tests for remove_ads: the seeds, a synthetic corpus of ads of several trades in every
position and layout, a negative set that must survive untouched, and hypothesis tests."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import Pipeline
from cleantext.normalizer import apply_edits, check_edits
from cleantext.normalizers.ads import DEFAULT_THRESHOLD, RemoveAds
from tests.ads_corpus import (
    ADS,
    ARTICLES_EN,
    ARTICLES_ZH,
    HELDOUT_NEGATIVES,
    NEGATIVES,
    compose,
    documents,
    measure,
)
from tests.strategies import article_with_ad

RAW = Path(__file__).resolve().parent.parent / "fixtures" / "raw"
f = RemoveAds()


def _seed(prefix: str) -> str:
    (path,) = RAW.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# --- seeds -------------------------------------------------------------------------------


def test_seed_001_removes_exactly_lines_139_to_158():
    text = _seed("001")
    lines = text.split("\n")
    assert lines[138] == "■广告" and lines[157].startswith("本广告仅为要约邀请")
    assert len(lines) == 158
    assert f(text) == "\n".join(lines[:138])
    (edit,) = f.edits(text)
    assert edit.kind == "ad-block" and edit.new == ""
    assert edit.old == "\n" + "\n".join(lines[138:158])
    assert "（据新华社电）" in f(text)


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_seeds_without_ads_are_untouched(prefix):
    text = _seed(prefix)
    assert f.edits(text) == []
    assert f(text) == text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("variant", RemoveAds.variants(), ids=repr)
def test_seed_false_positives_are_zero_in_every_variant(prefix, variant):
    text = _seed(prefix)
    removed = "".join(e.old for e in variant.edits(text))
    if prefix == "001":
        assert removed == "\n" + "\n".join(text.split("\n")[138:158])
    else:
        assert removed == ""


def test_seed_001_without_its_marker_is_still_found():
    text = _seed("001").replace("■广告\n\n", "")
    lines = text.split("\n")
    start = lines.index("(2014) 房预售证第158-183号")
    assert f(text) == "\n".join(lines[:start])


def test_explain_shows_the_removed_block():
    text = _seed("001")
    report = {s.name: s for s in Pipeline.default().explain(text).steps}["remove_ads"]
    (edit,) = report.edits
    assert edit.kind == "ad-block"
    assert "VANLI CITY" in edit.old and "0475-819 5678" in edit.old


def test_cli_explain_names_the_step(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_text(
        "文章的最后一段写完了。\n\n■广告\n\n金辉商厦\n\n服务热线 0471-6281234\n", "utf-8"
    )
    run = subprocess.run(
        [sys.executable, "-m", "cleantext", "--explain", str(src)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "remove_ads" in run.stderr
    assert "金辉商厦" not in run.stdout


# --- markers -----------------------------------------------------------------------------

ARTICLE_END = "今年以来，我市把老旧小区改造作为重要的民生工程，一批小区的面貌焕然一新。"


@pytest.mark.parametrize(
    "marker",
    [
        "■广告",
        "广告",
        "广　告",
        "▲招生广告",
        "【广告】",
        "[Advertisement]",
        "ADVERTISEMENT",
        "Sponsored",
        "招聘启事",
        "■ 广告",
    ],
)
def test_marker_announces_a_block(marker):
    text = f"{ARTICLE_END}\n\n{marker}\n\n金辉商厦\n\n开业五周年\n"
    assert f(text) == f"{ARTICLE_END}\n\n"
    assert f.edits(text)[0].old.startswith(marker)


@pytest.mark.parametrize(
    "line",
    ["■ 本报记者 黄永礼", "■ 桂锐", "■", "▲", "广告业发展迅速", "（据新华社电）", "·组工风·"],
)
def test_bullets_bylines_and_words_are_not_markers(line):
    text = f"{ARTICLE_END}\n\n{line}\n\n{ARTICLE_END}\n\n{line}"
    assert f.edits(text) == []


# --- the synthetic corpus --------------------------------------------------------------

DOCS = documents()


def test_corpus_covers_the_trades_and_languages():
    zh = Counter(ad.trade for ad in ADS if ad.lang == "zh")
    assert all(zh[t] >= 3 for t in ("education", "medical", "retail", "recruitment", "property"))
    assert sum(ad.lang == "en" for ad in ADS) >= 2
    labels = " ".join(label for label, _ in DOCS)
    for where in ("end", "between", "middle", "mid-paragraph", " line ", " wrapped "):
        assert where in labels
    assert len(NEGATIVES) >= 20


@pytest.mark.parametrize(("label", "doc"), DOCS, ids=[label for label, _ in DOCS])
def test_corpus_ad_is_removed_exactly(label, doc):
    edits = f.edits(doc.text)
    check_edits(doc.text, edits)
    assert f(doc.text) == doc.expected, label
    assert [e.kind for e in edits] == ["ad-block"]
    assert f(f(doc.text)) == f(doc.text)


def test_corpus_precision_and_recall():
    result = measure()
    assert result["fp"] == 0
    assert result["precision"] == 1.0
    assert result["recall"] >= 0.95


def test_heldout_precision_and_recall():
    # First measured at precision 0.32 / recall 0.26 (exact blocks) before the fixes it
    # prompted; kept as a regression floor.
    result = measure(heldout=True)
    assert result["precision"] >= 0.95
    assert result["recall"] >= 0.95


@pytest.mark.parametrize("para", HELDOUT_NEGATIVES)
def test_heldout_negative_paragraphs_survive_untouched(para):
    for text in _negative_docs(para):
        assert f.edits(text) == [], text


# --- negatives: article text that mentions phones, prices, addresses -----------------------


def _negative_docs(para: str) -> list[str]:
    art = list(ARTICLES_EN[0] if para.isascii() else ARTICLES_ZH[0])
    out = []
    for form in ("line", "wrapped"):
        for width in (17, 22, 26):
            out.append(compose([*art[:2], para, art[2]], None, 0, form, width).text)  # middle
            out.append(compose([*art, para], None, 0, form, width).text)  # last paragraph
            out.append(compose([para, *art[1:]], None, 0, form, width).text)  # first
    return out


@pytest.mark.parametrize("para", NEGATIVES)
def test_negative_paragraphs_survive_untouched(para):
    for text in _negative_docs(para):
        assert f.edits(text) == [], text
    assert f(para) == para


#: Sentences (not bare contact lines) that end an article just before an ad block: the
#: ad goes, the article's last paragraph stays (PRIOR-ART tricky case 8).
LAST_PARAGRAPHS = [p for p in NEGATIVES if not p.startswith(("咨询电话", "地址"))]


@pytest.mark.parametrize("para", LAST_PARAGRAPHS)
@pytest.mark.parametrize("which", [0, 1, 2], ids=["first", "second", "third"])
def test_last_paragraph_with_a_phone_survives_the_ad_after_it(para, which):
    if para.isascii():
        art, ad = [*ARTICLES_EN[0], para], [a for a in ADS if a.lang == "en"][which]
    else:
        art, ad = [*ARTICLES_ZH[0], para], (ADS[0], ADS[7], ADS[13])[which]
    for form in ("line", "wrapped"):
        for width in (17, 20, 24):
            doc = compose(art, ad, len(art), form, width)
            assert f(doc.text) == doc.expected, (form, width)


def test_contact_line_inside_an_ad_block_goes_with_it():
    lines = ["■广告", "金辉商厦 开业五周年", "（联系人 张三 电话：0471-6281234）", "全场5折起"]
    text = ARTICLE_END + "\n\n" + "\n\n".join(lines)
    assert f(text) == ARTICLE_END + "\n"


def test_contact_line_after_an_article_stays():
    text = f"{ARTICLE_END}\n（记者 张三 电话：0471-6661234）\n"
    assert f(text) == text


# --- the threshold -----------------------------------------------------------------------

PHONE = "咨询电话：0471-6925588"  # score 3
ADDRESS = "地址：中山东路88号"  # score 2
QR = "扫码关注公众号"  # score 2


def _unmarked(*lines: str) -> str:
    return ARTICLE_END + "\n\n" + "\n\n".join(lines) + "\n\n" + ARTICLE_END


def test_threshold_is_documented():
    assert DEFAULT_THRESHOLD == 6
    assert f"``threshold`` (default {DEFAULT_THRESHOLD})" in (RemoveAds.__doc__ or "")


def test_block_below_threshold_stays():
    text = _unmarked(PHONE, ADDRESS)  # 3 + 2 = 5 < 6
    assert f(text) == text
    assert RemoveAds(threshold=5)(text) == ARTICLE_END + "\n\n" + ARTICLE_END


def test_block_at_threshold_goes():
    text = _unmarked(PHONE, ADDRESS, QR)  # 3 + 2 + 2 = 7 >= 6
    assert f(text) == ARTICLE_END + "\n\n" + ARTICLE_END


def test_a_single_ad_line_is_never_a_block_without_a_marker():
    line = "【现房 40-50m²】销售热线 0475-8195678 地址：创业大道26号"
    text = _unmarked(line)
    assert f(text) == text
    assert RemoveAds(threshold=1)(text) == text


def test_markers_only_mode():
    unmarked = _unmarked(PHONE, ADDRESS, QR)
    marked = _unmarked("■广告", PHONE, ADDRESS, QR)
    step = RemoveAds(markers_only=True)
    assert step(unmarked) == unmarked
    assert step(marked) == ARTICLE_END + "\n\n" + ARTICLE_END


def test_block_with_article_prose_density_is_vetoed():
    # Ad features on every line, but the run reads as prose (function characters and
    # commas over its Han characters): the block-level check keeps it.
    lines = [
        "的了是在热线0471-6925588，他们都在这里",
        "把这个地址：中山东路88号，也就是在那",
        "扫码关注公众号，她们的也是在这里看着",
    ]
    text = _unmarked(*lines)
    assert f(text) == text


# --- hypothesis --------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(case=article_with_ad())
def test_inserting_an_ad_into_article_text_removes_exactly_that_block(case):
    text, expected, ad_lines = case
    edits = f.edits(text)
    assert f(text) == expected
    assert len(edits) == 1
    removed = [ln for ln in edits[0].old.split("\n") if ln]
    assert "".join(removed) == "".join(ad_lines)


@settings(max_examples=100, deadline=None)
@given(case=article_with_ad(), noise=st.sampled_from(["", "\n", "\n\n"]))
def test_removal_is_idempotent_and_a_valid_edit_script(case, noise):
    text = case[0] + noise
    edits = f.edits(text)
    check_edits(text, edits)
    once = apply_edits(text, edits)
    assert f(once) == once


def test_large_input_is_handled():
    block = "\n".join(ADS[13].lines)
    text = ("\n\n".join(ARTICLES_ZH[0]) + "\n\n" + block + "\n\n") * 300
    out = f(text)
    assert "预售证" not in out and out.count(ARTICLES_ZH[0][1]) == 300
    long_line = "宜居·宜商 0471-6925588 " * 20000
    assert f(long_line) == long_line


PEER_CASES = Path(__file__).resolve().parents[2] / "shared" / "peer-cases"


def test_peer_case_inputs_lose_nothing():
    # 3118 inputs from peers' test suites (ftfy, OpenCC, pangu, data-juicer tables…):
    # none holds an ad block, so nothing may be removed.
    import json

    files = sorted(PEER_CASES.glob("*.json"))
    if not files:
        pytest.skip("peer cases not available")
    removed = []
    for path in files:
        for case in json.loads(path.read_text(encoding="utf-8")):
            inputs = case.get("input")
            for text in inputs if isinstance(inputs, list) else [inputs]:
                if isinstance(text, str) and f.edits(text):
                    removed.append(case["id"])
    assert removed == []


#: Outline headings of the article (found by the accuracy benchmark swallowed as an ad's
#: "title" when they stood right before or after an ad block).
OUTLINE_HEADINGS = ["第三章 改造技术措施", "第二章 现状评估", "（二）服务保障", "三、下一步工作"]


@pytest.mark.parametrize("heading", OUTLINE_HEADINGS)
@pytest.mark.parametrize("where", ["before", "after"])
def test_outline_heading_next_to_an_ad_survives(heading, where):
    art = list(ARTICLES_ZH[0])
    ad = ADS[0]
    for form in ("line", "wrapped"):
        paras = [*art[:2], heading, art[2]] if where == "before" else [art[0], heading, *art[1:]]
        pos = 3 if where == "before" else 1
        doc = compose(paras, ad, pos, form, 22)
        out = f(doc.text)
        assert heading in out, (form, out)
        assert ad.lines[0] not in out, (form, out)  # the ad itself still goes
