"""fix_encoding: ftfy's own suite, the fast path's soundness, Chinese mojibake, seeds."""

from __future__ import annotations

import json
import re

import ftfy
import pytest
from ftfy.badness import BADNESS_RE, is_bad
from hypothesis import given
from hypothesis import strategies as st

import cleantext
from cleantext.charsets import COMMON_HAN_SIMPLIFIED, COMMON_HAN_TRADITIONAL
from cleantext.normalizer import apply_edits, check_edits
from cleantext.normalizers import encoding
from cleantext.normalizers.encoding import (
    FTFY_CONFIG,
    FTFY_TRIGGER,
    FixEncoding,
    repair_chinese,
)
from tests.conftest import RAW, SHARED

f = FixEncoding()
FTFY_CASES = json.loads((SHARED / "peer-cases" / "ftfy.json").read_text(encoding="utf-8"))
ENCODING_CASES = [c for c in FTFY_CASES if c["op"] == "fix_encoding" and not c.get("xfail")]
TEXT_CASES = [c for c in FTFY_CASES if c["op"] in ("fix_text", "fix_text_segment")]
SEEDS = {p.name: p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))}


def _ids(cases):
    return [c["id"] for c in cases]


@pytest.mark.parametrize("case", ENCODING_CASES, ids=_ids(ENCODING_CASES))
def test_ftfy_fix_encoding_cases(case):
    assert cleantext.clean(case["input"], steps=["fix_encoding"]) == case["expected"]


def test_ftfy_fix_encoding_case_count():
    assert len(ENCODING_CASES) == 152


# The fix_text cases that differ, each with the ftfy options we keep off that explain
# the difference (test_documented_exceptions_are_explained proves it for each one).
_UNCURL = ("uncurl_quotes",)  # Chinese “”‘’ must stay curly
_CONTROLS = ("remove_control_chars",)  # normalize_controls owns control characters
_HTML = ("unescape_html",)  # entities are not an encoding error
_LIG = ("fix_latin_ligatures",)  # typographic, not mojibake
FIX_TEXT_EXCEPTIONS: dict[str, tuple[str, ...]] = {
    **{
        f"{i}:fix_text{x}": _UNCURL
        for i in [
            "synthetic:009",
            "synthetic:017",
            "synthetic:018",
            "synthetic:019",
            "synthetic:024",
            "in-the-wild:005",
            "in-the-wild:014",
            "in-the-wild:016",
            "in-the-wild:018",
            "in-the-wild:026",
            "in-the-wild:027",
            "in-the-wild:029",
            "in-the-wild:037",
            "in-the-wild:039",
            "in-the-wild:040",
            "in-the-wild:041",
            "in-the-wild:050",
            "in-the-wild:053",
            "in-the-wild:058",
            "negative:002",
            "negative:011",
            "negative:012",
        ]
        for x in ("", ":extra_bad")
    },
    **{
        f"{i}:fix_text{x}": _CONTROLS
        for i in ["synthetic:012", "synthetic:013"]
        for x in ("", ":extra_bad")
    },
    **{
        f"in-the-wild:{i}:fix_text{x}": (*_LIG, *_UNCURL)
        for i in ["043", "044"]
        for x in ("", ":extra_bad")
    },
    **{f"in-the-wild:048:fix_text{x}": _LIG for x in ("", ":extra_bad")},
    **{f"in-the-wild:060:fix_text{x}": _HTML for x in ("", ":extra_bad")},
    # the one CJK case: ftfy folds the full-width comma of "Ningbo，China"
    **{f"in-the-wild:070:fix_text{x}": ("fix_character_width",) for x in ("", ":extra_bad")},
    "test_characters:color_escapes": _CONTROLS,
    **{f"test_entities:{i}": _HTML for i in [1, 3, 4, 8, 9, 10, 11, 14, 15]},
    **{f"test_entities:{i}": (*_HTML, "normalization") for i in [12, 13]},
}


@pytest.mark.parametrize("case", TEXT_CASES, ids=_ids(TEXT_CASES))
def test_ftfy_fix_text_cases(case):
    out = cleantext.clean(case["input"], steps=["fix_encoding"])
    if case["id"] in FIX_TEXT_EXCEPTIONS:
        assert out != case["expected"], "documented exception now passes: remove it"
    else:
        assert out == case["expected"]


def test_exception_list_size():
    assert len(TEXT_CASES) == 320
    assert len(FIX_TEXT_EXCEPTIONS) == 70


@pytest.mark.parametrize("case_id", sorted(FIX_TEXT_EXCEPTIONS))
def test_documented_exceptions_are_explained(case_id):
    """Turning the listed options back on (as ftfy's defaults or the case's params) gives
    ftfy's expected text: the difference comes only from the fixes we keep off."""
    case = next(c for c in TEXT_CASES if c["id"] == case_id)
    defaults = ftfy.TextFixerConfig()
    params = case.get("params", {})
    config = FTFY_CONFIG._replace(
        **{o: params.get(o, getattr(defaults, o)) for o in FIX_TEXT_EXCEPTIONS[case_id]}
    )
    fix = ftfy.fix_text if case["op"] == "fix_text" else ftfy.fix_text_segment
    assert fix(case["input"], config) == case["expected"]


# --- the fast path -----------------------------------------------------------------------


ALL_CASES = [c for c in FTFY_CASES if isinstance(c["input"], str)]


@pytest.mark.parametrize("text", [c["input"] for c in ALL_CASES], ids=_ids(ALL_CASES))
def test_fast_path_is_sound_on_ftfy_suite(text, monkeypatch):
    """The step gives the same result with the fast path and with ftfy on every line."""
    with_fast_path = f(text)
    with_fast_path_edits = f.edits(text)
    monkeypatch.setattr(encoding, "FTFY_TRIGGER", re.compile(r"[\s\S]"))
    monkeypatch.setattr(encoding, "_CANDIDATE_CHAR", re.compile(r"[\s\S]"))
    assert f(text) == with_fast_path
    assert f.edits(text) == with_fast_path_edits
    for line in text.split("\n"):
        if FTFY_TRIGGER.search(line) is None:
            assert ftfy.fix_text_segment(line, FTFY_CONFIG) == line


_MOJIBAKE_CHARS = sorted({ch for ch in BADNESS_RE.pattern if ord(ch) > 0x7F})
_alphabet = st.sampled_from(_MOJIBAKE_CHARS + list("中文，。“”‘’—…·、abc Aé\xa0"))


@given(st.text(alphabet=_alphabet, max_size=12))
def test_fast_path_never_skips_what_ftfy_would_fix(text):
    if FTFY_TRIGGER.search(text) is None:
        assert not is_bad(text)
        assert ftfy.fix_text_segment(text, FTFY_CONFIG) == text


_segment_alphabet = st.sampled_from(
    _MOJIBAKE_CHARS + list("中文，。“”‘’—…·、abc Aé\xa0\x80\x81\x9d\x1b[31m;\t")
)


def test_badness_is_searched_in_windows():
    """With the pinned ftfy, its detector is searched around trigger characters only."""
    assert encoding._BADNESS_WIDTH is not None


@given(st.text(alphabet=_segment_alphabet, max_size=40))
def test_windowed_badness_is_ftfys_is_bad(text):
    assert encoding._looks_bad(text) == is_bad(text)


@given(
    st.lists(
        st.tuples(st.text(alphabet=_segment_alphabet, max_size=6), st.integers(0, 40)),
        max_size=12,
    )
)
def test_windowed_badness_with_runs_apart(pieces):
    """Runs of trigger characters near and far apart (searched in one window or in
    several) give ftfy's own answer."""
    text = "".join(piece + "中文 ab" * (gap // 5) + "中" * (gap % 5) for piece, gap in pieces)
    assert encoding._looks_bad(text) == is_bad(text)


@given(st.text(alphabet=_segment_alphabet, max_size=30))
def test_ftfy_segment_is_ftfy(text):
    assert encoding._ftfy_segment(text) == ftfy.fix_text_segment(text, FTFY_CONFIG)


def _ftfy_around_surrogates(line: str) -> str:
    parts = re.split("([\ud800-\udfff]+)", line)
    return "".join(
        p if i % 2 else ftfy.fix_text_segment(p, FTFY_CONFIG) for i, p in enumerate(parts)
    )


@given(st.text(alphabet=st.one_of(_segment_alphabet, st.sampled_from("\ud800\udc00")), max_size=30))
def test_ftfy_fix_is_ftfy_between_surrogates(text):
    assert encoding.ftfy_fix(text) == _ftfy_around_surrogates(text)


_han_alphabet = st.sampled_from(
    sorted(COMMON_HAN_SIMPLIFIED)[:40]
    + sorted(COMMON_HAN_TRADITIONAL - COMMON_HAN_SIMPLIFIED)[:20]
    + sorted(COMMON_HAN_SIMPLIFIED - COMMON_HAN_TRADITIONAL)[:20]
    + list("浣犲ソ涓枃涔辩爜ÖÐÎÄÂÒÂë〇\U00020000ア 。\ta")
)


@given(st.text(alphabet=_han_alphabet, max_size=40))
def test_only_improvable_tokens_are_skipped(text):
    """repair_chinese skips a token only when _better could never accept its repair."""
    kept = set(encoding._improvable_tokens(text))
    for m in re.finditer(r"[^ \t]+", text):
        assert ((m.start(), m.end()) in kept) == (encoding._quality(m.group())[1] >= 1)


def test_fast_path_skips_clean_chinese():
    lines = [x for t in SEEDS.values() for x in t.split("\n") if x]
    skipped = sum(FTFY_TRIGGER.search(x) is None for x in lines)
    assert skipped / len(lines) >= 0.99
    assert FTFY_TRIGGER.search("他说：“你好”‘嗯’——省略……·中文，（括号）【】《》") is None


# --- tables ------------------------------------------------------------------------------

CHANGED = [
    ("cafÃ©", "café"),
    ("â€œquotedâ€\x9d", "“quoted”"),
    ("ÃƒÂ©", "é"),  # two layers of mojibake
    ("浣犲ソ", "你好"),  # UTF-8 read as GBK
    ("涓\ue15f枃涔辩爜", "中文乱码"),  # UTF-8 read as GB18030 (PUA kept: lossless)
    ("ÖÐÎÄÂÒÂë", "中文乱码"),  # GB18030 read as Latin-1
    ("蝬脰楝皜祈岫", "網路測試"),  # UTF-8 read as Big5
    ("鎴戜滑鐨勪笘鐣屽晩\n第二行没问题", "我们的世界啊\n第二行没问题"),
    ("娓呮礂鏂囨湰 and ASCII", "清洗文本 and ASCII"),
    ("\x1b[36;44mcolour\x1b[0m", "colour"),
]


@pytest.mark.parametrize(("raw", "expected"), CHANGED)
def test_changes(raw, expected):
    assert f(raw) == expected
    edits = f.edits(raw)
    check_edits(raw, edits)
    assert apply_edits(raw, edits) == expected
    assert all(e.kind == "mojibake" for e in edits)


UNCHANGED = [
    "中文，标点：（括号）“引号”‘嗯’",
    "他说：“你好”‘嗯’，ＡＢＣ１２３　全角空格",
    "　　段首缩进的段落。\n第二段——破折号……省略号·间隔号",
    "涓枃",  # lossy (a byte was dropped): not repairable, left alone
    "変：",  # one Han character: too little to judge
    "télécharger à Paris",  # Latin-1 French, not GB18030
    "&amp; &lt;b&gt; entities stay",
    "signiﬁcantly",  # ligature stays
    "\r\n line breaks \u2028 stay",
    "\x00 control \x07",
    "\ud800 lone surrogate Ã",
    "繁體中文的句子，沒有問題。",
    "日本語のテキスト、カタカナ。",
    "한국어 텍스트",
    "",
]


@pytest.mark.parametrize("raw", UNCHANGED)
def test_never_touches(raw):
    assert f(raw) == raw
    assert f.edits(raw) == []


def test_mojibake_hidden_by_control_characters():
    # normalize_controls (the next step) removes \x1f; fix_encoding must not leave
    # mojibake for a second run of the chain to find.
    assert f("¬\x1fÄ") == "€"
    assert cleantext.clean("¬\x1fÄ") == "€"
    assert cleantext.clean("cafÃ\u200b© ok") == "café ok"
    once = cleantext.clean("¬\x1fÄ 和 ¬\u200bÄ")  # macroman mojibake amid Han: not ftfy's
    assert cleantext.clean(once) == once


def test_ftfy_defaults_would_damage_chinese():
    text = "他说：“你好”‘嗯’，ＡＢＣ１２３　全角空格"
    assert ftfy.fix_text(text) != text  # why FTFY_CONFIG exists
    assert f(text) == text


# --- seeds -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_clean_seeds_never_change(name):
    text = SEEDS[name]
    assert f.edits(text) == []
    assert all(f(line) == line for line in text.split("\n"))


DAMAGE = {
    "utf8-as-gbk": lambda p: p.encode("utf-8").decode("gbk"),
    "utf8-as-gb18030": lambda p: p.encode("utf-8").decode("gb18030"),
    "gb18030-as-latin1": lambda p: p.encode("gb18030").decode("latin-1"),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_damaged_seed_paragraphs_are_repaired(kind):
    paragraphs = [x for t in SEEDS.values() for x in t.split("\n") if x.strip(" \u3000")]
    damaged = repaired = 0
    for p in paragraphs:
        try:
            d = DAMAGE[kind](p)
        except UnicodeError:  # not losslessly damageable that way
            continue
        if d == p:
            continue
        damaged += 1
        out = f(d)
        repaired += out == p
        assert f(out) == out
    assert damaged >= 100
    assert repaired / damaged >= 0.98, (kind, repaired, damaged)


@given(
    st.text(
        alphabet=st.sampled_from("中文乱码你好世界的一是在不了有和人这，。"),
        min_size=2,
        max_size=40,
    )
)
def test_chinese_mojibake_round_trip_never_makes_clean_text_worse(text):
    assert f(f(text)) == f(text)
    try:
        damaged = text.encode("gb18030").decode("latin-1")
    except UnicodeError:
        return
    out = f(damaged)
    assert f(out) == out


def test_chinese_repair_never_fires_on_clean_peer_text():
    """13k lines of real Chinese, Traditional and mixed text from the other peer suites."""
    lines = []
    for name in ("opencc", "pangu", "data-juicer", "pdfplumber-dedupe", "unstructured"):
        for c in json.loads((SHARED / "peer-cases" / f"{name}.json").read_text(encoding="utf-8")):
            for key in ("input", "expected"):
                v = c.get(key)
                if isinstance(v, str):
                    lines.extend(v.split("\n"))
    assert len(lines) > 10_000
    assert [x for x in lines if repair_chinese(x) != x] == []


@pytest.mark.parametrize("kind", ["gb18030-as-latin1"])
def test_whole_damaged_seed_documents_are_repaired(kind):
    """A whole document damaged at once: the short lines are judged with the text."""
    total = wrong = 0
    for text in SEEDS.values():
        out = f(DAMAGE[kind](text))
        assert f(out) == out
        pairs = list(zip(text.split("\n"), out.split("\n"), strict=True))
        total += len(pairs)
        wrong += sum(a != b for a, b in pairs)
    assert total > 3000
    assert wrong <= total * 0.005, (wrong, total)
