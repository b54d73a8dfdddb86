"""convert_script: OpenCC's own suite, idempotence per config, options and never-touch cases."""

from __future__ import annotations

import json
import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

import cleantext
from cleantext.normalizers.script import CONFIGS, ConvertScript, UnknownConfigError
from cleantext.pipeline import ConfigError, Pipeline
from tests.conftest import RAW, SHARED

OPENCC_CASES = json.loads((SHARED / "peer-cases" / "opencc.json").read_text(encoding="utf-8"))


def test_suite_has_all_cases():
    assert len(OPENCC_CASES) == 548
    assert {c["op"] for c in OPENCC_CASES} == set(CONFIGS)


@pytest.mark.parametrize("case", OPENCC_CASES, ids=[c["id"] for c in OPENCC_CASES])
def test_opencc_suite(case):
    out = cleantext.clean(case["input"], steps=["convert_script"], convert=case["op"])
    assert out == case["expected"]


@pytest.mark.parametrize("config", CONFIGS)
def test_idempotent_on_suite_and_seeds(config):
    step = ConvertScript(config)
    texts = [c["input"] for c in OPENCC_CASES] + [c["expected"] for c in OPENCC_CASES]
    texts += [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]
    for text in texts:
        once = step(text)
        assert step(once) == once, (config, text[:40])


# OpenCC is not idempotent on these; convert_script is.
NON_IDEMPOTENT_IN_OPENCC = [
    ("s2t", "燕燕于飞", "燕燕于飛"),  # OpenCC: 于飛 -> 於飛 on a second pass
    ("s2twp", "他汀類", "史他汀類"),  # OpenCC: 史他汀類 -> 史史他汀類 -> ...
    ("s2twp", "腦梗死", "腦梗塞"),  # OpenCC: 腦梗塞 -> 腦梗塞塞
    ("s2hk", "合群街", "合羣街"),  # OpenCC: 合羣街 -> 合群街 -> 合羣街 …
    ("tw2sp", "稽覈", "稽核"),  # OpenCC: 稽核 -> 审核 (protected output)
    ("t2s", "楊聯陞", "杨联陞"),  # OpenCC: 陞 -> 升 on a second pass
]


@pytest.mark.parametrize(("config", "raw", "expected"), NON_IDEMPOTENT_IN_OPENCC)
def test_fixed_point_where_opencc_is_not_idempotent(config, raw, expected):
    step = ConvertScript(config)
    assert step(raw) == expected
    assert step(expected) == expected


CHANGED = [
    ("t2s", "漢字轉換", "汉字转换"),
    ("s2t", "汉字转换", "漢字轉換"),
    ("s2twp", "鼠标和软件", "滑鼠和軟體"),
    ("tw2sp", "滑鼠和軟體", "鼠标和软件"),
    ("t2s", "第一行\n第二行：電腦", "第一行\n第二行：电脑"),
    ("t2s", "漢\ud800字", "汉\ud800字"),  # lone surrogate kept, text around it converted
]


@pytest.mark.parametrize(("config", "raw", "expected"), CHANGED)
def test_changes(config, raw, expected):
    assert ConvertScript(config)(raw) == expected


UNCHANGED = [
    "plain English text, 1,000 words.\n",
    "\u3000\u3000已经是简体的文字。\n",
    "  indented\tline with tab\n\n\nblank lines kept",
    "👨\u200d👩\u200d👧 emoji ZWJ",
    "\ud800 lone surrogate",
    "",
]


@pytest.mark.parametrize("raw", UNCHANGED)
def test_never_touches(raw):
    step = ConvertScript("t2s")
    assert step(raw) == raw
    assert step.edits(raw) == []


def test_edits_are_per_line():
    edits = ConvertScript("t2s").edits("abc\n漢字\n中文")
    assert [(e.start, e.end, e.old, e.new, e.kind, e.note) for e in edits] == [
        (4, 6, "漢字", "汉字", "script", "t2s")
    ]


def test_invalid_config_lists_valid_ones():
    with pytest.raises(UnknownConfigError, match="valid: hk2s, hk2sp"):
        ConvertScript("s2x")
    with pytest.raises(ConfigError, match="unknown OpenCC config 's2x'"):
        cleantext.clean("x", convert="s2x")


def test_shorthand_and_table_config():
    assert cleantext.clean("漢字", steps=["convert_script"], convert="t2s") == "汉字"
    p = Pipeline.from_config({"convert": "s2t"})
    assert [s.name for s in p.steps][-1] == "convert_script"
    assert p.steps[-1] == ConvertScript("s2t")
    p2 = Pipeline.from_config({"convert_script": {"config": "t2s"}})
    assert p2.steps[-1] == ConvertScript("t2s")


def test_opt_in():
    assert "convert_script" not in [s.name for s in Pipeline.default().steps]


def test_variants_cover_every_config():
    assert [v.config for v in ConvertScript.variants()] == list(CONFIGS)


def test_picklable_after_use():
    step = ConvertScript("s2t")
    step("汉字")  # the converter is created and cached, not stored on the instance
    clone = pickle.loads(pickle.dumps(step))
    assert clone == step and clone("汉字") == "漢字"


def test_thread_safe():
    step = ConvertScript("s2tw")
    texts = [c["input"] for c in OPENCC_CASES if c["op"] == "s2tw"] * 4
    expected = [step(t) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(step, texts)) == expected


def test_cli_convert():
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = dict(os.environ, PYTHONPATH=str(ROOT))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "cleantext", *args],
            input="漢字轉換\n".encode(),
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )

    ok = run("--convert", "t2s")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.decode("utf-8") == "汉字转换\n"
    bad = run("--convert", "t2x")
    assert bad.returncode == 2
    assert "unknown OpenCC config 't2x'; valid: hk2s" in bad.stderr.decode("utf-8")
