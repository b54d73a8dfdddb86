"""Decoding, encoding detection, binary refusal, atomic writes and JSONL splicing."""

from __future__ import annotations

import json
import os
import stat

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleantext import io as ctio
from cleantext.encodings import detect
from cleantext.io import AtomicOutput, InputError, OutputError, decode, encode, write_atomic
from cleantext.jsonl import RecordError, clean_record, field_span
from tests.conftest import RAW

SEEDS = sorted(RAW.glob("*.txt"))


# -- decoding ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        (b"\xef\xbb\xbfabc", "utf-8", "abc"),  # BOM honoured and dropped
        ("中文".encode("gb18030"), "gb18030", "中文"),
        ("中文".encode("gb18030"), "GB18030", "中文"),
        ("繁體".encode("big5"), "big5", "繁體"),
        ("中文".encode("utf-16"), "utf-16", "中文"),  # BOM consumed
        (b"\xff\xfe" + "中".encode("utf-16-le"), "utf-16-le", "中"),  # BOM dropped too
        ("中文".encode("utf-16-be"), "utf-16-be", "中文"),
        (b"", "utf-8", ""),
        (b"", "auto", ""),
    ],
)
def test_decode_table(data, encoding, expected):
    assert decode(data, "f.txt", encoding) == expected


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (b"ab\xffc", 2),
        ("好".encode() + b"\xe5\xa5", 3),
        (b"\x80", 0),
        ("中文".encode() + b"\xc0\xaf", 6),
        (b"\xef\xbb\xbfab\xff", 5),  # the BOM counts: offsets are file offsets
    ],
)
def test_bad_utf8_names_file_and_offset(data, offset):
    with pytest.raises(InputError) as exc:
        decode(data, "in.txt")
    msg = str(exc.value)
    assert msg.startswith(f"in.txt: not valid UTF-8 at byte {offset} ")
    assert "--encoding" in msg and "--errors" in msg


@pytest.mark.parametrize(
    ("errors", "expected"),
    [("replace", "ab\ufffdc"), ("ignore", "abc"), ("surrogateescape", "ab\udcffc")],
)
def test_error_handlers(errors, expected):
    assert decode(b"ab\xffc", "f", errors=errors) == expected


@given(st.binary(max_size=200))
def test_surrogateescape_round_trips_any_bytes(data):
    if ctio.looks_binary(data):
        return
    text = decode(data, "f", errors="surrogateescape")
    prefix = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    assert prefix + encode(text, "out", errors="surrogateescape") == data


def test_unknown_encoding():
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode(b"a", "f", "klingon")


@pytest.mark.parametrize(
    "data",
    [
        b"\x7fELF\x02\x01\x01" + bytes(200),
        bytes(range(256)) * 4,
        b"PK\x03\x04" + bytes(40) + b"abc" * 10,
    ],
)
def test_binary_refused_even_with_lenient_errors(data):
    for errors in ("strict", "replace", "surrogateescape"):
        with pytest.raises(InputError, match="binary"):
            decode(data, "blob.bin", errors=errors)


def test_stray_nuls_are_not_binary():
    # Extraction noise: a few NULs in real text are for normalize_controls, not a refusal.
    text = ("正文内容，" * 50).encode() + b"\x00" * 3
    assert decode(text, "f").startswith("正文")
    assert decode(b"a\x00b", "f") == "a\x00b"


def test_utf16_with_nuls_is_not_binary():
    assert decode("abc def".encode("utf-16-le") * 10, "f", "auto").startswith("abc def")


# -- encoding detection: the seeds re-encoded ----------------------------------------

_S2T = opencc.OpenCC("s2t")


def _samples():
    for path in SEEDS:
        text = path.read_text("utf-8")
        paras = [p for p in text.split("\n") if len(p.strip()) >= 20]
        yield path.name, text, paras[:15]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_detect_on_reencoded_seeds(encoding):
    misses = []
    for name, text, paras in _samples():
        for raw in [text, *paras]:
            sample = _S2T.convert(raw) if encoding == "big5" else raw
            data = sample.encode(encoding, "ignore")
            got = detect(data)
            family = "utf-16" if got.startswith("utf-16") else got.replace("utf-8-sig", "utf-8")
            want = "utf-16" if encoding.startswith("utf-16") else encoding
            if family != want:
                misses.append((name, sample[:20], got))
    assert not misses


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("你好，世界。", "gb18030"),
        ("這是繁體中文。", "big5"),
        ("中文", "utf-16-le"),  # BOM-less "你好" is also the ASCII "`O}Y": ambiguous
        ("Hello 世界", "utf-8"),
        ("plain ascii", "utf-8"),
    ],
)
def test_detect_short_samples(text, encoding):
    assert detect(text.encode(encoding)) == encoding


def test_detect_decodes_whole_seed_in_auto_mode():
    for path in SEEDS:
        text = path.read_text("utf-8")
        assert decode(text.encode("gb18030"), path.name, "auto") == text


# -- encoding output -----------------------------------------------------------------


def test_encode_unencodable_is_an_output_error():
    with pytest.raises(OutputError, match=r"out.txt: character '风' at position 0"):
        encode("风", "out.txt", "big5")
    assert encode("风", "out.txt", "big5", "replace") == b"?"


# -- atomic writes ------------------------------------------------------------------


def test_write_atomic_creates_and_replaces(tmp_path):
    target = tmp_path / "out.txt"
    write_atomic(str(target), b"one")
    assert target.read_bytes() == b"one"
    write_atomic(str(target), b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_keeps_mode_and_backup(tmp_path):
    target = tmp_path / "script.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(str(target), b"new", backup=".bak")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert (tmp_path / "script.txt.bak").read_bytes() == b"old"


def test_new_file_gets_umask_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(str(tmp_path / "n.txt"), b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "n.txt").stat().st_mode) == 0o644


def test_failure_mid_way_leaves_original_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "doc.txt"
    target.write_bytes(b"original")

    def failing(fh, data):
        fh.write(data[:5])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ctio, "_write_all", failing)
    with pytest.raises(OutputError, match=r"doc\.txt: cannot write"):
        write_atomic(str(target), b"0123456789" * 1000)
    assert target.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


def test_abort_discards(tmp_path):
    target = tmp_path / "x.txt"
    out = AtomicOutput(str(target))
    out.write(b"partial")
    out.abort()
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_exception_inside_with_block_discards(tmp_path):
    target = tmp_path / "x.txt"
    target.write_bytes(b"keep")
    with pytest.raises(RuntimeError), AtomicOutput(str(target)) as out:
        out.write(b"new")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"keep"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_dev_full_is_a_clean_error():
    with pytest.raises(OutputError, match="/dev/full: cannot write"):
        write_atomic("/dev/full", b"x" * 100_000)


def test_missing_directory_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(str(tmp_path / "no" / "such" / "dir.txt"), b"x")


def test_directory_target_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(str(tmp_path), b"x")


# -- reading ------------------------------------------------------------------------


def test_read_errors_are_one_line(tmp_path):
    with pytest.raises(InputError, match=r"missing\.txt: no such file"):
        ctio.read_bytes(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="is a directory"):
        ctio.read_bytes(str(tmp_path))
    locked = tmp_path / "locked.txt"
    locked.write_text("x")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # running as root: permissions are not enforced
            pytest.skip("permissions are not enforced for this user")
        with pytest.raises(InputError, match="permission denied"):
            ctio.read_bytes(str(locked))
    finally:
        locked.chmod(0o600)


# -- JSONL records ------------------------------------------------------------------


def upper(s: str) -> str:
    return s.upper()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('{"text": "ab"}', '{"text": "AB"}'),
        ('{"id":1.50,"text":"ab","z":null}', '{"id":1.50,"text":"AB","z":null}'),
        ('  { "text" : "ab" }  \r', '  { "text" : "AB" }  \r'),
        ('{"x": "\\u4e2d", "text": "a"}', '{"x": "\\u4e2d", "text": "A"}'),
        ('{"text": "a", "text": "b"}', '{"text": "a", "text": "B"}'),  # last wins, like json
        ('{"nested": {"text": "a"}}', '{"nested": {"text": "a"}}'),  # top level only
        ('{"text": 3}', '{"text": 3}'),  # not a string: untouched
        ('{"other": "a"}', '{"other": "a"}'),  # missing field: untouched
        ("{}", "{}"),
        ('{"text": "\\u4e2d"}', '{"text": "中"}'),  # upper() of 中 is 中: unchanged line
    ],
)
def test_clean_record_splices(line, expected):
    if expected == '{"text": "中"}':
        expected = line  # unchanged value: the line comes back byte for byte
    assert clean_record(line, "text", upper) == expected


@pytest.mark.parametrize(
    "line",
    [
        "[1]",
        '"text"',
        '{"text": "a"',
        '{"text": "a"} x',
        '{"text" "a"}',
        "{'text': 'a'}",
        "",
        "{,}",
    ],
)
def test_malformed_records(line):
    with pytest.raises(RecordError):
        field_span(line, "text")


@given(
    st.dictionaries(
        st.text(max_size=5),
        st.one_of(st.text(max_size=10), st.integers(), st.floats(allow_nan=False), st.none()),
        max_size=5,
    ),
    st.text(max_size=20),
)
def test_clean_record_matches_json(obj, text):
    obj = {**obj, "text": text}
    line = json.dumps(obj, ensure_ascii=bool(len(text) % 2))
    out = json.loads(clean_record(line, "text", upper))
    assert list(out) == list(obj)
    assert out["text"] == text.upper()
    assert {k: v for k, v in out.items() if k != "text"} == {
        k: v for k, v in obj.items() if k != "text"
    }


def test_lone_surrogates_stay_escaped():
    line = '{"text": "\\udc80a"}'
    out = clean_record(line, "text", upper)
    assert out == '{"text": "\\udc80A"}'
    out.encode("utf-8")  # writable


def test_symlink_target_is_followed(tmp_path):
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(str(link), b"new", backup=".bak")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert (tmp_path / "link.txt.bak").read_bytes() == b"old"
