"""Pipeline construction, configuration errors, explain and the public API."""

from __future__ import annotations

import pickle
import threading

import pytest

import cleantext
from cleantext import ConfigError, Pipeline, registry


def test_default_pipeline_follows_registry_order():
    names = [s.name for s in Pipeline.default().steps]
    assert names == [c.name for c in registry.default_chain()]
    orders = [registry.get(n).order for n in names]
    assert orders == sorted(orders)


def test_from_names_keeps_given_order():
    p = Pipeline.from_names(["reflow", "normalize_controls"])
    assert [s.name for s in p.steps] == ["reflow", "normalize_controls"]


def test_skip_and_steps():
    p = Pipeline.from_config({"skip": ["reflow"]})
    assert "reflow" not in [s.name for s in p.steps]
    p = Pipeline.from_config({"steps": "normalize_controls"})
    assert [s.name for s in p.steps] == ["normalize_controls"]


def test_shorthand_sets_option():
    p = Pipeline.from_config({"blank_lines": True})
    reflow = next(s for s in p.steps if s.name == "reflow")
    assert reflow.blank_lines is True


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"bogus": 1}, "unknown key 'bogus'"),
        ({"steps": ["nope"]}, "unknown step 'nope'"),
        ({"steps": 3}, "'steps' must be a list"),
        ({"reflow": {"colour": 1}}, "unknown option 'colour'"),
        ({"reflow": {"blank_lines": "yes"}}, "must be true or false"),
        ({"reflow": {"lang": "klingon"}}, "must be one of"),
        ({"reflow": 5}, "must be a table"),
    ],
)
def test_config_errors_name_the_key(config, message):
    with pytest.raises(ConfigError, match=message) as info:
        Pipeline.from_config(config, source="cleantext.toml")
    assert str(info.value).startswith("cleantext.toml")


def test_to_config_round_trips():
    p = Pipeline.from_config({"blank_lines": True, "skip": ["normalize_controls"]})
    assert Pipeline.from_config(p.to_config()) == p


def test_explain_reports_offsets_in_step_input():
    text = "a\r\nb\x00c"
    result = Pipeline.from_names(["normalize_controls"]).explain(text)
    (report,) = result.steps
    assert report.name == "normalize_controls"
    for e in report.edits:
        assert text[e.start : e.end] == e.old
    assert result.text == "a\nbc"


def test_clean_public_api():
    assert cleantext.clean("a\r\nb", steps=["normalize_controls"]) == "a\nb"
    assert cleantext.clean("") == ""


def test_clean_input_passes_unchanged():
    text = "第一段，已经干净。\n第二段也是。\nA paragraph in English.\n"
    assert cleantext.clean(text) == text


def test_pipeline_and_steps_pickle():
    p = Pipeline.default()
    assert pickle.loads(pickle.dumps(p)) == p
    for cls in registry.all_normalizers():
        for v in cls.variants():
            assert pickle.loads(pickle.dumps(v)) == v


def test_same_results_from_many_threads():
    p = Pipeline.default()
    texts = [(RAW_SAMPLE * (i + 1)) for i in range(8)]
    expected = [p(t) for t in texts]
    results: list[str | None] = [None] * len(texts)

    def work(i: int) -> None:
        results[i] = p(texts[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == expected


RAW_SAMPLE = "　　这是一个被排版切断的句\n子，它应该被重新连接起来。\n"


@pytest.mark.parametrize("text", ["， ，", "。 。 。", "好， ，坏。 。"])
def test_default_chain_idempotent_on_spaced_duplicate_punctuation(text):
    once = cleantext.clean(text)
    assert cleantext.clean(once) == once


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("a 。。", "a。"),  # a pair of 。 after a space (spacing removed it, then…)
        ("中  :", "中："),  # a mark after two spaces (spacing made them one)
        ("中,  中", "中，中"),
        ("- —、", "- —、"),  # spacing keeps the space between two dashes
        ("、 1.\n1", "、1.1"),  # a cut decimal after a space spacing removes
        ("授信 1.\n2 亿元。", "授信1.2亿元。"),
        ("。 (1)", "。（1）"),  # brackets touch Chinese once spacing has run
        ("中” (1)", "中”（1）"),
        ("\xa0Àº", "˼"),  # mojibake behind white space that reflow removes
        ("—\u200c 、", "—、"),  # a ZWNJ between CJK marks once spacing has run
        ("\x81Â\x80", "€"),  # mojibake behind a C1 control ftfy leaves (controls removes it)
        ("a\x81Â\x80b", "a€b"),
        # reflow measures the lines it checks as punctuation and spacing leave them
        ("文。。，。中\r中，。文\ra", "文。，。中中，。文a"),  # 。。 collapsed later
        ("b\u3000。bba\n中文。。 文\n中", "b\u3000。bba中文。文中"),  # and a space removed
        ("中，，文，\na\u3000文。a\n中。bb", "中，文，a\u3000文。a中。bb"),
        # and lines without a CJK character too (spacing makes ``a  b`` ``a b``)
        (".\x0cb, .a ba\x0ca  a,b    aa,.\x0c,a", ".\nb, .a ba a a,b aa,. ,a"),
    ],
)
def test_chain_idempotent_where_steps_meet(text, cleaned):
    """Corners where one step's change made an earlier step decide differently on a
    second run (found by tests/test_properties.py's short mixtures)."""
    pipeline = Pipeline.default()
    assert pipeline(text) == cleaned
    assert pipeline(cleaned) == cleaned


def test_chain_idempotent_on_a_doubled_continuation_note():
    """dedupe_glyphs runs after remove_page_marks (which must see page numbers such as 22
    whole) and makes a doubled continuation note readable: remove_page_marks reads such
    a line as dedupe_glyphs will leave it, so the note goes on the first run (was a
    known failure: it went on a second)."""
    pipeline = Pipeline.default()
    once = pipeline("（（下下转转44版版））\n")
    assert once == ""
    assert pipeline(once) == once
    text = "正文第一段，没有结束\n（（下下转转44版版））\n下一段。\n"
    assert "下转" not in pipeline(text)


def test_chain_idempotent_when_reflow_makes_a_page_number_line():
    """reflow splits a text without newlines at 　　 into lines; remove_page_marks reads
    those parts as lines too (layout.parts_as_lines), so a part that looks like a page
    number goes on the first run, not on a second (was a known failure)."""
    pipeline = Pipeline.default()
    once = pipeline("-1—\u3000\u3000页.—文")
    assert once == "页.—文"
    assert pipeline(once) == once
    text = "正文一段内容，讲的是一件事情。\u3000\u3000- 2 -\u3000\u3000正文第二段，继续讲。"
    once = pipeline(text)
    assert once == "正文一段内容，讲的是一件事情。\n正文第二段，继续讲。"
    assert pipeline(once) == once


def test_chain_idempotent_when_later_steps_change_line_widths():
    """Reflow decides from line widths, and later steps change them (a 。。 pair
    collapsed, a space removed): the passes that check reflow's output measure the
    lines as those steps leave them, so a second run of the chain finds nothing to
    join either (was about 2 % of random mixtures of 中文，。 spaces, form feeds and
    Latin letters; about 0.3 % are left, from reflow's own bounded passes)."""
    pipeline = Pipeline.default()
    once = pipeline("，文文bb\rb\n文。。a文中")
    assert once == "，文文bb b\n文。a文中"
    assert pipeline(once) == once
