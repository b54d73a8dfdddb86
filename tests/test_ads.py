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


def test_an_ad_in_text_without_newlines_goes_on_the_first_run():
    # Such text separates paragraphs with runs of U+3000 (reflow breaks the line there):
    # the parts are read as lines, so the block goes at once (it used to become lines in
    # reflow and go only on a second run of the chain).
    text = _unmarked(PHONE, ADDRESS, QR).replace("\n\n", "\u3000\u3000")
    assert f(text) == ARTICLE_END + "\u3000\u3000" + ARTICLE_END
    (edit,) = f.edits(text)
    assert edit.old == "\u3000" + "\u3000\u3000".join((PHONE, ADDRESS, QR)) + "\u3000"
    chain = Pipeline.default()
    once = chain(text)
    assert once == ARTICLE_END + "\n" + ARTICLE_END
    assert chain(once) == once
    below = _unmarked(PHONE, ADDRESS).replace("\n\n", "\u3000\u3000")
    assert f(below) == below


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


def test_marked_ad_in_narrow_columns_does_not_take_the_rest_of_the_article():
    """Found by the accuracy benchmark: in 12-character columns with blank lines between
    paragraphs no article line is long enough to count as text, and the block after a
    marker ran to the end of the document (and, the step's idempotence guard then
    seeing a second ad, nothing at all was removed). Article prose after the ad stops
    it, and the rest of the document is judged on its own."""
    article_before = (
        "城市轨道交通车站空调系统\n节能改造技术指南\n\n第一章 总则\n\n第一条 为规范城市轨道交\n"
        "通车站通风空调系统的节能\n改造工作，降低运行能耗，\n保障乘客舒适度，制定本指\n\n南。\n"
        "\n第二条 本指南适用于已投\n\n"
    )
    ad = (
        "■广告\n\n(2023) 房预售证第218-242号\n【现房 66-134m²】\n锦绣华庭\nJINXIU GARDEN\n\n"
        "宜居·宜商·宜投资\n精装公寓 拎包入住\n销售 | (057)7637 7697\n"
        " 接待中心：通辽市建设大道241号\n\n"
        "本广告仅为要约邀请，不作为合同附件，买卖双方权利义务以双方签署的合同为准。\n\n"
    )
    article_after = (
        "入运营的地下车站。新建车\n站的设计可参照执行。\n\n第二章 现状评估\n\n"
        "第三条 改造前应对车站进\n行不少于30天的能耗监测，\n监测内容包括冷水机组、冷\n"
        "却塔、水泵和大系统风机的\n逐时电耗，以及站厅、站台\n的温度、相对湿度和CO2\n浓度。\n\n"
        "第四条 评估报告应给出系\n统综合能效比（EER）。\n当实测EER低于2.5时，\n"
        "宜优先考虑对冷源系统进行\n改造。\n\n（一）冷水机组的负荷率长\n期低于40%的，应核实装\n"
        "机容量是否过大；\n\n（二）水泵采用定频运行的，\n应评估变频改造的可行性；\n\n"
        "（三）风阀、水阀存在卡滞\n或内漏的，应在改造前先行\n维修。\n\n第三章 改造技术措施\n\n"
        "第五条 宜采用“按需供冷”\n的控制策略。控制系统根据\n客流、室外温湿度和站内温\n"
        "度的变化，自动调整冷水供\n水温度和风机频率。实践表\n明，该策略可使空调系统全\n"
        "年能耗降低20%～35%。\n\n第六条 采用磁悬浮变频离\n心式冷水机组替换原有螺杆\n"
        "机组时，应复核机房的承重、\n配电容量和噪声控制要求。\n机组的IPLV值不宜低于\n9.0。\n\n"
        "第七条 控制软件应支持\nModbus TCP或\nBACnet/IP协议，\n并预留与综合监控系统（\n"
        "ISCS）的接口。所有传\n感器应每年校准一次，温度\n传感器的误差不应大于±0\n.3℃。\n\n"
        "第四章 附则\n\n第八条 本指南由城市轨道\n交通协会负责解释，自\n2024年1月1日起施行。\n\n"
        "【健康提示】\n\n仁和骨科医院\n专治：颈肩腰腿痛 风湿骨病 关节炎\n\n"
        "医保定点 · 专家坐诊 · 无需排队\n\n预约电话：0792-228 6420\n\n"
        "医疗广告审查证明文号：（川）医广【2022】第520号\n地址：通辽市人民路282号\n\n\n"
    )
    out = f(article_before + ad + article_after)
    assert "房预售证" not in out and "要约邀请" not in out
    article_rest = article_after[: article_after.index("【健康提示】")]
    assert article_rest in out  # every line of the article after the ad survives
    assert "医广" not in out  # and the second ad, at the end, goes too


def test_a_finished_disclaimer_closes_the_ad():
    """A short line after an ad that ends with its legal disclaimer is not the ad's: the
    disclaimer closes it (found when a file with a line appended after seed 001's ad lost
    that line)."""
    raw = (RAW / "001_d605daa238f23875.txt").read_text(encoding="utf-8")
    out = f(raw.rstrip("\n") + "\n文件1\n")
    assert out.endswith("（据新华社电）\n\n文件1\n")
    assert "要约邀请" not in out


# --- the prefilter (candidate lines) never changes a decision -----------------------------

_AD_BITS = [
    "广告",
    "广 告",
    "招聘",
    "本广告",
    "以合同为准",
    "预售证第",
    "号",
    "电话",
    "0471-6661234",
    "13912345678",
    "400-800-1234",
    "¥",
    "元/㎡",
    "80m²",
    "扫码",
    "微信：",
    "www.",
    ".com",
    "a@b.cn",
    "时间：",
    "五险一金",
    "精装",
    "【宜居·宜商】",
    "[Sponsored]",
    "SALE",
    "Call now",
    "Free",
    "招商",
    "效果图",
    "接待中心",
    "第1206号",
    "·",
    "|",
    "的",
    "了",
    "，",
    "。",
    "　",
]


@st.composite
def _soup(
    draw: st.DrawFn,
    bits: list[str],
    filler: str,
    *,
    pieces: int,
    filler_size: int,
    widths: tuple[int, int],
    seps: list[str],
    ends: tuple[str, ...] = ("",),
) -> str:
    """Fragments (``bits``) and runs of ``filler`` characters set end to end, cut into
    lines of one width (drawn from ``widths``) joined by one of ``seps``."""
    parts = draw(
        st.lists(
            st.one_of(st.sampled_from(bits), st.text(alphabet=filler, max_size=filler_size)),
            max_size=pieces,
        )
    )
    flat = "".join(parts)
    width = draw(st.integers(min_value=widths[0], max_value=widths[1]))
    lines = [flat[i : i + width] for i in range(0, len(flat), width)]
    return draw(st.sampled_from(seps)).join(lines) + draw(st.sampled_from(ends))


def _ad_soup() -> st.SearchStrategy[str]:
    """Lines of ad fragments, article characters and digits, wrapped or not, so that
    fragments fall across line breaks too."""
    return _soup(
        _AD_BITS,
        "的了在是中国新闻报道记者工作0123456789０１２",
        pieces=40,
        filler_size=12,
        widths=(3, 30),
        seps=["\n", "\n\n", " \n\u3000\u3000", "\n \n"],
        ends=("", "\n"),
    )


def _both(text: str) -> None:
    from cleantext.normalizers.ads import _find_edits

    for variant in RemoveAds.variants():
        args = (text, variant.threshold, variant.markers_only)
        assert _find_edits(*args) == _find_edits(*args, prefilter=False)


@settings(max_examples=300, deadline=None)
@given(_ad_soup())
def test_prefilter_finds_every_line_that_can_start_a_block(text):
    _both(text)


#: Pieces of one point each (an ad word, a URL, a notice field) and prose around them:
#: lines long enough, or with prose punctuation, to rule out a form score, so that the
#: prefilter's weak hits (_hit_kind) decide which lines are candidates.
_WEAK_BITS = [
    "招聘",
    "待遇",
    "积分",
    "学历",
    "品质",
    "免费",
    "www.",
    ".com",
    "时间：",
    "地点：",
    "Free ",
    "Call now",
    "Classes",
    "招商",
    "出租",
    "平方米",
    "。",
    "，",
    "、",
    "！",
    "　　",
    "  ",
]


def _weak_soup() -> st.SearchStrategy[str]:
    """Prose with ad words, URLs and notice fields, cut into lines of 8 to 90
    characters (some ending a sentence, some opening a paragraph)."""
    return _soup(
        _WEAK_BITS,
        "的了在是中国新闻报道记者工作党建社区abc ",
        pieces=60,
        filler_size=16,
        widths=(8, 90),
        seps=["\n", "\n\n", "。\n", "\n\u3000\u3000", " \n"],
    )


@settings(max_examples=300, deadline=None)
@given(_weak_soup())
def test_prefilter_weak_hits_keep_the_edits(text):
    _both(text)


@settings(max_examples=100, deadline=None)
@given(article_with_ad())
def test_prefilter_finds_every_ad_in_generated_articles(case):
    _both(case[0])


_FEATURE_BITS = [
    *_AD_BITS,
    "Free ",
    "Freedom",
    "off",
    "Offer valid",
    "12 Main Street",
    "(555) 123-4567",
    "1-800-555-1234",
    "+86 139 1234 5678",
    "8折",
    "第2024037号",
    "医广〔2023〕",
    "以政府批文",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_FEATURE_BITS),
            st.text(alphabet="的了在是中国0123456789０１ -.:：aeFfo", max_size=30),
        ),
        min_size=20,
        max_size=120,
    )
)
def test_features_found_near_quick_hits_are_those_of_a_whole_search(bits):
    """In a long unit a feature is only tried near the hits of its quick prefilter
    (_matches): the same matches as a search over the whole unit."""
    from cleantext.normalizers import ads

    text = "".join(bits)
    for pattern in ads._CONTENT_FEATURES:
        spans = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in ads._matches(pattern, text)] == spans
        first = ads._search(pattern, text)
        assert (first and first.span()) == (spans[0] if spans else None)


def test_prefilter_keeps_the_edits_on_the_corpus_and_seeds():
    for _, doc in documents():
        _both(doc.text)
    for path in sorted(RAW.glob("*.txt")):
        _both(path.read_text(encoding="utf-8"))
