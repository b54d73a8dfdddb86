"""normalize_punctuation: before/after pairs and the cases it must never touch."""

from __future__ import annotations

import pytest

from cleantext.normalizers.punctuation import NormalizePunctuation
from tests.conftest import RAW

f = NormalizePunctuation()

CHANGED = [
    ("好， ，坏", "好，坏"),  # OCR duplicate with a space between (spacing would join them)
    ("好。 。", "好。"),
    ("说完了。 。 。", "说完了……"),
    ("主要做了五方面工作:", "主要做了五方面工作："),
    ("工作:一是学习", "工作：一是学习"),
    ("我们,你们;他们", "我们，你们；他们"),
    ("真的吗?", "真的吗？"),
    ("太好了!", "太好了！"),
    ("什么?!", "什么？！"),
    ("时间:8:00开始", "时间：8:00开始"),
    ("电话:0475-8195678", "电话：0475-8195678"),
    ("“你好”,他说", "“你好”，他说"),
    ("方案(30个月)", "方案（30个月）"),
    ("英文姓(Surname)栏位", "英文姓（Surname）栏位"),
    ("（一)党的领导", "（一）党的领导"),
    ("(二）作风建设", "（二）作风建设"),
    ("实践——— 认识——— 再实践", "实践—— 认识—— 再实践"),
    ("北京－－上海", "北京——上海"),
    ("中文--中文", "中文——中文"),
    ("未完待续...", "未完待续……"),
    ("未完待续。。。", "未完待续……"),
    ("省略…然后", "省略……然后"),
    ('他说"你好"', "他说“你好”"),
    ('"抓学习",二是', "“抓学习”，二是"),
    ("所谓'中国'一词", "所谓‘中国’一词"),
    ("重复，，标点", "重复，标点"),
    ("句号。。下一句", "句号。下一句"),
    ("顿号、、", "顿号、"),
]


@pytest.mark.parametrize(("raw", "expected"), CHANGED)
def test_changes(raw, expected):
    assert f(raw) == expected
    assert f(expected) == expected


UNCHANGED = [
    "1,000 people at 3:30, ratio 1:2.",
    "见 http://example.com/a-b?x=1 或 mailto:a@b.cn",
    "Latin text keeps ASCII punctuation: yes, really (always)!",
    "The word 中文, meaning Chinese: also 中文: a language.",
    'He said "hello" and left... Wait?',
    "don't touch apostrophes, it's fine",
    "破折号——保持，1949—1986年",
    "…………",
    "　　…………",
    "真的吗？？太好了！！",
    "代码 `a, b = f(x)` 保持",
    "f(中文) is code",
    "------",
    "中文，标点：（括号）“引号”‘单引’……",
    '奇数个"引号 的 "行" 不配对',
    "",
]


@pytest.mark.parametrize("raw", UNCHANGED)
def test_never_touches(raw):
    assert f(raw) == raw
    assert f.edits(raw) == []


def test_edits_cover_only_the_change():
    edits = f.edits("第一行\n工作:一是学习\n")
    assert [(e.start, e.end, e.old, e.new, e.kind) for e in edits] == [(6, 7, ":", "：", "punct")]


def test_seed_dash_runs():
    text = (RAW / "000_7bd8d63d74133f45.txt").read_text(encoding="utf-8")
    out = f(text)
    assert "———" not in out
    assert "践—— 认识—— 再实践" in out


def test_seed_004_ellipsis_lines_stay():
    text = (RAW / "004_ad7c7e3408acce18.txt").read_text(encoding="utf-8")
    assert text.count("…………") == f(text).count("…………") > 0
