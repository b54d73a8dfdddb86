"""Tests of the corruption generator itself (tests/corruption.py) and its clean material."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.corruption import (
    AD_TRADES,
    CJK_LAYOUTS,
    LAYOUTS,
    Sample,
    generate,
    is_heading,
    load_material,
    strip_noise,
)

ALL = generate(300, seed=11, split="all")


def _visible(s: str) -> str:
    return "".join(c for c in s if not c.isspace())


def _content_lines(sample: Sample) -> list[str]:
    """Lines of the damaged text that contain no noise and are not blank."""
    noisy: set[int] = set()
    for start, end, _k in sample.noise:
        noisy.update(range(sample.text.count("\n", 0, start), sample.text.count("\n", 0, end) + 1))
    return [
        line
        for i, line in enumerate(sample.text.split("\n"))
        if i not in noisy and line.strip(" \u3000\f")
    ]


# -- determinism ---------------------------------------------------------------------------


def test_same_seed_same_samples() -> None:
    assert generate(40, seed=5, split="all") == generate(40, seed=5, split="all")


def test_different_seed_different_samples() -> None:
    a = [s.text for s in generate(20, seed=5, split="all")]
    b = [s.text for s in generate(20, seed=6, split="all")]
    assert sum(x != y for x, y in zip(a, b, strict=True)) >= 15


def test_sample_i_does_not_depend_on_n() -> None:
    assert generate(10, seed=3, split="dev")[:5] == generate(5, seed=3, split="dev")


def test_unknown_layout_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        generate(1, layouts=("bogus",))


# -- coverage ------------------------------------------------------------------------------


def test_every_layout_is_produced() -> None:
    assert Counter(s.layout for s in ALL) == dict.fromkeys(LAYOUTS, 30)
    assert {s.layout for s in generate(len(LAYOUTS), seed=0)} == set(LAYOUTS)


def test_layouts_subset() -> None:
    got = generate(6, seed=2, layouts=("latin", "ads"), split="dev")
    assert [s.layout for s in got] == ["latin", "ads"] * 3


@pytest.mark.parametrize(
    ("layout", "kinds"),
    [
        ("page_marks", {"page-number", "running-header", "page-break", "continuation"}),
        ("doubled_headings", {"doubled-glyph"}),
        ("latin", {"hyphen", "page-number", "running-header"}),
        ("ads", {f"ad-{t}" for t in AD_TRADES}),
        ("newspaper", {"doubled-glyph", "page-number", "continuation"}),
        ("double_spaced", {"page-number"}),
    ],
)
def test_each_layout_makes_its_noise(layout: str, kinds: set[str]) -> None:
    seen = {k for s in ALL if s.layout == layout for _a, _b, k in s.noise}
    assert kinds <= seen, kinds - seen


@pytest.mark.parametrize(
    "layout", ["indented_columns", "plain_columns", "single_line", "ocr_spacing"]
)
def test_layouts_without_noise_spans(layout: str) -> None:
    assert all(not s.noise for s in ALL if s.layout == layout)


# -- truth preserved -----------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
def test_removing_the_noise_recovers_the_truth(layout: str) -> None:
    """Delete the noise spans and all white space: exactly the truth's characters remain."""
    for s in ALL:
        if s.layout == layout:
            assert _visible(strip_noise(s)) == _visible("".join(s.truth)), s.source


def test_noise_spans_are_valid() -> None:
    for s in ALL:
        pos = 0
        for start, end, kind in s.noise:
            assert pos <= start < end <= len(s.text), (s.layout, start, end)
            assert kind
            pos = end


def test_truth_is_clean_paragraphs() -> None:
    for s in ALL:
        assert len(s.truth) >= 3
        for p in s.truth:
            assert p and "\n" not in p and p == p.strip(" \t\u3000"), repr(p)
        assert s.truth_text == "\n".join(s.truth) + "\n"


def test_doubled_glyph_noise_repeats_its_neighbour() -> None:
    for s in ALL:
        for start, end, kind in s.noise:
            if kind == "doubled-glyph":
                assert set(s.text[start:end]) == {s.text[start - 1]}


def test_hyphen_noise_is_a_wrap_hyphen() -> None:
    n = 0
    for s in ALL:
        for start, end, kind in s.noise:
            if kind == "hyphen":
                n += 1
                assert s.text[start:end] == "-"
                assert s.text[start - 1].isalpha()
                assert s.text[end] == "\n" or s.text[end:].startswith(("\n",))
    assert n > 50


# -- what each layout looks like -----------------------------------------------------------


def test_single_line_is_split_only_by_ideographic_spaces() -> None:
    for s in ALL:
        if s.layout == "single_line":
            assert "\n" not in s.text.rstrip("\n")
            parts = [p for p in s.text.rstrip("\n").split("\u3000\u3000") if p]
            assert parts == list(s.truth)


def test_double_spaced_every_line_followed_by_blank() -> None:
    leading_space_breaks = 0
    for s in ALL:
        if s.layout == "double_spaced":
            lines = s.text.split("\n")
            for i, line in enumerate(lines[:-1]):
                if line.strip():
                    assert lines[i + 1] == "", (s.source, i, line)
                    leading_space_breaks += line.startswith(" ") and not line.startswith("  ")
    assert leading_space_breaks >= 10


@pytest.mark.parametrize("layout", ["indented_columns", "plain_columns", "ocr_spacing"])
def test_cjk_columns_are_12_to_40_wide(layout: str) -> None:
    widths = []
    for s in ALL:
        if s.layout == layout:
            lengths = [len(x.rstrip(" ")) for x in _content_lines(s)]
            widths.append(max(lengths))
            assert sum(n >= widths[-1] - 1 for n in lengths) >= 3  # a real column
    assert min(widths) >= 12 and max(widths) <= 41
    assert max(widths) - min(widths) >= 10  # random widths, not one


def test_indented_columns_start_paragraphs_with_ideographic_spaces() -> None:
    for s in ALL:
        if s.layout == "indented_columns":
            starts = [x for x in s.text.split("\n") if x.lstrip(" ").startswith("\u3000\u3000")]
            assert len(starts) == len(s.truth)


def test_mid_sentence_blank_lines_occur() -> None:
    n = 0
    for s in ALL:
        if s.layout == "indented_columns":
            lines = s.text.split("\n")
            n += sum(
                1
                for i in range(1, len(lines) - 1)
                if not lines[i] and lines[i - 1] and not lines[i + 1].startswith(("\u3000", " "))
            )
    assert n >= 5


def test_latin_wraps_are_50_to_80_wide_and_keep_real_hyphens() -> None:
    widths = []
    for s in ALL:
        if s.layout == "latin":
            widths.append(max(len(x) for x in _content_lines(s)))
    assert min(widths) >= 45 and max(widths) <= 80
    # a compound broken at its own hyphen: the hyphen is truth, not noise
    real = 0
    for s in ALL:
        if s.layout == "latin":
            noise_at = {a for a, _b, k in s.noise if k == "hyphen"}
            for m in re.finditer(r"[A-Za-z]-\n", s.text):
                if m.start() + 1 not in noise_at:
                    real += 1
    assert real >= 1


def test_ocr_spacing_inserts_spaces_around_punctuation_and_digits() -> None:
    text = "".join(s.text for s in ALL if s.layout == "ocr_spacing")
    assert re.search(r"[\u4e00-\u9fff] [，、。；：]", text)
    assert re.search(r"[\u4e00-\u9fff] [0-9]+ ?[\u4e00-\u9fff]", text)


def test_doubled_headings_one_and_two_lines() -> None:
    one = two = tripled = 0
    for s in ALL:
        if s.layout != "doubled_headings":
            continue
        lines = s.text.split("\n")
        starts = sorted({s.text.count("\n", 0, a) for a, _b, k in s.noise if k == "doubled-glyph"})
        for i in starts:
            if i + 2 in starts and not lines[i + 1]:
                two += 1
            elif i - 2 not in starts:
                one += 1
        tripled += any(re.search(r"([^\W\d])\1\1", x) for x in lines)
    assert one >= 5 and two >= 3 and tripled >= 1


def test_ads_appear_at_end_between_and_inside_paragraphs() -> None:
    where: Counter[str] = Counter()
    for s in ALL:
        if s.layout != "ads":
            continue
        noise = [False] * len(s.text)
        for start, end, _k in s.noise:
            noise[start:end] = [True] * (end - start)
        lines = s.text.split("\n")
        ad_lines = sorted({s.text.count("\n", 0, a) for a, _b, k in s.noise if k.startswith("ad-")})
        blocks = [i for i in ad_lines if i - 1 not in ad_lines and i - 2 not in ad_lines]
        for first in blocks:
            after_start = sum(len(x) + 1 for x in lines[:first])
            truth_after = any(
                not noise[i] and not s.text[i].isspace() for i in range(after_start, len(s.text))
            )
            if not truth_after:
                where["end"] += 1
            else:
                before = lines[first - 2] if first >= 2 else ""
                ends_sentence = before.rstrip(" ")[-1:] in "。！？”：；）"
                where["between" if ends_sentence else "inside"] += 1
    assert where["end"] >= 5 and where["between"] >= 2 and where["inside"] >= 2, where


def test_cjk_layouts_use_chinese_material_and_latin_english() -> None:
    for s in ALL:
        assert s.source.split("/")[1].startswith("en_" if s.layout == "latin" else "zh_")
    assert set(CJK_LAYOUTS) | {"latin"} == set(LAYOUTS)


# -- the clean material --------------------------------------------------------------------


def test_material_splits_are_disjoint_and_named_by_language() -> None:
    dev = load_material("dev")
    test = load_material("test")
    assert {d.name.split("/")[1] for d in dev}.isdisjoint({d.name.split("/")[1] for d in test})
    for split in (dev, test):
        assert {d.lang for d in split} == {"zh", "en"}


def test_material_paragraphs_are_clean() -> None:
    for d in load_material("all"):
        assert len(d.paragraphs) >= 8, d.name
        for p in d.paragraphs:
            assert p == p.strip(" \t\u3000"), (d.name, p)
            assert "\u3000\u3000" not in p and "\f" not in p, (d.name, p)
        if d.lang == "zh":  # the doubled-heading layouts need headings
            assert any(is_heading(p) for p in d.paragraphs), d.name


def test_seed_001_material_is_repaired_and_has_no_ad() -> None:
    (doc,) = [d for d in load_material("dev") if d.name.endswith("zh_seed001.txt")]
    text = "\n".join(doc.paragraphs)
    assert "经历了实践——认识——再实践——再认识的深化提升。" in text
    assert "分拣中心党组织；紧盯平台企业" in text
    assert doc.paragraphs[-1] == "（据新华社电）"
    assert "广告" not in text and "0475" not in text
    assert all(p != "升。" and not p.startswith("组织；") for p in doc.paragraphs)


def test_seed_004_material_split_on_ideographic_spaces() -> None:
    (doc,) = [d for d in load_material("dev") if d.name.endswith("zh_seed004.txt")]
    assert doc.paragraphs[:3] == (
        "深化系统建设整体建设 不断提升党建引领城市基层治理效能",
        "（奋斗百年路 启航新征程·党旗在基层一线高高飘扬）",
        "——党的十九大以来城市基层党建工作综述",
    )
    assert doc.paragraphs.count("…………") == 6


def test_english_material_has_hyphenated_compounds() -> None:
    text = " ".join(p for d in load_material("all") if d.lang == "en" for p in d.paragraphs)
    for word in ("well-known", "state-of-the-art", "e-mail", "long-term"):
        assert word in text


def test_same_samples_in_other_processes_and_hash_seeds() -> None:
    import hashlib
    import os
    import subprocess
    import sys

    code = (
        "import hashlib; from tests.corruption import generate; "
        "h = hashlib.sha256(); "
        "[h.update((s.layout + s.text + '|'.join(s.truth) + repr(s.noise)).encode('utf-8')) "
        "for s in generate(30, seed=1, split='all')]; print(h.hexdigest())"
    )
    here = hashlib.sha256()
    for s in generate(30, seed=1, split="all"):
        here.update((s.layout + s.text + "|".join(s.truth) + repr(s.noise)).encode("utf-8"))
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for hash_seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": root}
        out = subprocess.run(
            [sys.executable, "-c", code],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == here.hexdigest()
