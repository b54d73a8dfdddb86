"""Streaming: window-by-window cleaning gives the whole-file result in bounded memory."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext import Pipeline, registry
from cleantext.io import InputError, decode
from cleantext.normalizer import Edit, Normalizer, regex_edits
from cleantext.streaming import (
    DEFAULT_WINDOW,
    clean_file,
    clean_stream,
    find_cut,
    iter_decode,
    map_position,
)

SEEDS = sorted((Path(__file__).parent.parent / "fixtures" / "raw").glob("*.txt"))
SEED_IDS = [p.name[:3] for p in SEEDS]

#: Small enough to cut every seed (15-95 KB) into several chunks.
SMALL_WINDOW = 3000


def _read(path: Path) -> str:
    return decode(path.read_bytes(), str(path))


def _blocks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def _stream(pipeline: Pipeline, text: str, **kw: int) -> list[str]:
    return list(clean_stream(pipeline, _blocks(text, 997), **kw))


# -- the cut rule and the position mapping ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("正文。\n　　下一段。\n", 4),  # sentence end, then an indented line
        ("正文。”\n\n下一段。\n", 5),  # closing quote, then a blank line
        ("正文。  \n\f\n下一段", 6),  # trailing spaces, then a form feed
        ("正文。\n  next", 4),  # two ASCII spaces indent
        ("标题\n　　正文。\n", 3),  # no sentence end: falls back to the first newline
        ("一行\n续行。\n续行\n\n后", 10),  # sentence end but continued: the blank line
        ("没有换行的一长行", 5),  # hard cut at hi
    ],
)
def test_find_cut(text, cut):
    assert find_cut(text, 0, 5 if "\n" not in text else len(text)) == cut


def test_find_cut_never_after_heading_or_page_number():
    text = "动动整整治治\n\n　　正文。\n12\n　　下一段。\n　　再一段。\n"
    assert text[: find_cut(text, 0, len(text))].endswith("12\n　　下一段。\n")


def test_map_position_straddling_edit_goes_right():
    edits = [Edit(2, 6, "\r\n\r\n", "\n", "newline")]
    assert [map_position(p, edits) for p in range(8)] == [0, 1, 2, 2, 2, 2, 3, 4]


# -- exactness on the seeds ---------------------------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=SEED_IDS)
def test_default_window_equals_whole_file(path):
    text = _read(path)
    pipeline = Pipeline.default()
    assert "".join(_stream(pipeline, text)) == pipeline(text)


def _pipelines() -> list:
    """Every step of the default chain on its own, and the whole chain.

    Steps that estimate document-level statistics (reflow's wrap width, the repeated
    headers of remove_page_marks) see only a window here; they must still agree exactly.
    """
    params = [pytest.param(Pipeline([cls()]), id=cls.name) for cls in registry.default_chain()]
    params.append(pytest.param(Pipeline.default(), id="default-pipeline"))
    return params


@pytest.mark.parametrize("pipeline", _pipelines())
@pytest.mark.parametrize("path", SEEDS, ids=SEED_IDS)
def test_small_window_equals_whole_file(path, pipeline):
    """The honest version: several chunks per seed, each step on its own and all together."""
    text = _read(path)
    pieces = _stream(pipeline, text, window=SMALL_WINDOW, context=SMALL_WINDOW)
    assert len(pieces) >= 2 or len(text) < 2 * SMALL_WINDOW
    streamed = "".join(pieces)
    whole = pipeline(text)
    if streamed != whole:
        at = next(
            (i for i, (x, y) in enumerate(zip(streamed, whole, strict=False)) if x != y),
            min(len(streamed), len(whole)),
        )
        pytest.fail(
            f"{path.name}: first difference at output offset {at}: "
            f"whole {whole[at - 30 : at + 30]!r} vs streamed {streamed[at - 30 : at + 30]!r}"
        )


@pytest.mark.parametrize("path", SEEDS, ids=SEED_IDS)
def test_small_window_loses_and_duplicates_nothing(path):
    """Whatever the window, the default chain keeps the same non-space text."""
    text = _read(path)
    pipeline = Pipeline.default()
    streamed = "".join(_stream(pipeline, text, window=SMALL_WINDOW, context=SMALL_WINDOW))
    squeeze = re.compile(r"\s+")
    assert squeeze.sub("", streamed) == squeeze.sub("", pipeline(text))


# -- the machinery, with steps that have no document-level statistics --------------------


@dataclass(frozen=True)
class _SqueezeSpaces(Normalizer):
    """Collapse runs of spaces and newlines (test helper; edits straddle any cut)."""

    name = "squeeze_spaces_test"
    order = 999

    def edits(self, text: str) -> list[Edit]:
        return regex_edits(re.compile(r"[ \n]{2,}"), text, " ", "squeeze")


_LOCAL = Pipeline([*(s for s in Pipeline.default().steps if s.name == "normalize_controls")])


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="ab。 \n\r\u3000\f\x00\u200b中", max_size=400),
    window=st.integers(1, 40),
    context=st.integers(1, 20),
    piece=st.integers(1, 30),
)
def test_local_steps_stream_exactly(text, window, context, piece):
    for pipeline in (Pipeline([]), _LOCAL, Pipeline([_SqueezeSpaces()])):
        pieces = _blocks(text, piece)
        out = "".join(clean_stream(pipeline, pieces, window=window, context=context))
        assert out == pipeline(text)


def test_crlf_split_between_pieces():
    out = "".join(clean_stream(_LOCAL, ["a\r", "\nb\r", "\r\n"], window=1, context=1))
    assert out == "a\nb\n\n"


def test_empty_input():
    assert list(clean_stream(Pipeline.default(), [])) == []
    assert "".join(clean_stream(Pipeline.default(), ["", ""])) == ""


def test_bad_window():
    with pytest.raises(ValueError, match="window"):
        list(clean_stream(Pipeline.default(), ["x"], window=0))


def test_memory_is_bounded_by_the_window():
    """Output starts long before the input ends: at most a few windows are held."""
    window, ctx = 1000, 250
    consumed = 0

    def pieces():
        nonlocal consumed
        for _ in range(10_000):  # 1 M characters
            consumed += 100
            yield "　　一二三四五六七八九十。\n" * 7 + "x" * 2

    stream = clean_stream(Pipeline.default(), pieces(), window=window, context=ctx)
    next(stream)
    assert consumed <= 2 * window + 2 * ctx + 200
    for _ in stream:
        pass
    assert consumed == 1_000_000


def test_single_huge_line_is_cut():
    text = "字" * 50_000
    pieces = list(clean_stream(_LOCAL, _blocks(text, 4096), window=4096))
    assert len(pieces) > 5
    assert "".join(pieces) == text


# -- files and decoding -----------------------------------------------------------------


def test_clean_file_equals_whole_file(tmp_path):
    path = SEEDS[0]
    out = io.BytesIO()
    written = clean_file(Pipeline.default(), str(path), out, block_size=1000)
    assert out.getvalue().decode() == Pipeline.default()(_read(path))
    assert written == len(out.getvalue())


def test_clean_file_surrogateescape_round_trips(tmp_path):
    src = tmp_path / "bad.txt"
    src.write_bytes(b"ok \xff\xfe bytes\n")
    out = io.BytesIO()
    clean_file(Pipeline.default(), str(src), out, errors="surrogateescape", block_size=3)
    assert out.getvalue() == b"ok \xff\xfe bytes\n"


def test_clean_file_bom_and_crlf_across_blocks(tmp_path):
    src = tmp_path / "bom.txt"
    src.write_bytes("\ufeff第一行\r\n第二行\r\n".encode())
    for block in (1, 2, 3, 4, 7):
        out = io.BytesIO()
        clean_file(Pipeline([]), str(src), out, block_size=block)
        assert out.getvalue() == "第一行\r\n第二行\r\n".encode()


@pytest.mark.parametrize("block", [1, 2, 5, 4096])
def test_decode_error_names_the_whole_file_offset(block):
    data = "中文".encode() * 10 + b"\xff" + b"tail"
    with pytest.raises(InputError, match=r"x\.txt: not valid UTF-8 at byte 60 \(0xff\)"):
        list(iter_decode(io.BytesIO(data), "x.txt", block_size=block))


def test_decode_error_matches_whole_file_message():
    data = b"abc\xe4\xb8"  # truncated at the end
    with pytest.raises(InputError) as whole:
        decode(data, "f")
    with pytest.raises(InputError) as streamed:
        list(iter_decode(io.BytesIO(data), "f", block_size=2))
    assert str(streamed.value) == str(whole.value)


def test_clean_file_missing(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        clean_file(Pipeline.default(), str(tmp_path / "nope"), io.BytesIO())
    with pytest.raises(InputError, match="is a directory"):
        clean_file(Pipeline.default(), str(tmp_path), io.BytesIO())


def test_default_window_is_a_few_hundred_kb():
    assert DEFAULT_WINDOW * 3 >= 300_000
