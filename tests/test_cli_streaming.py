"""The CLI's streaming path for huge files (``cleantext.cli.document_parts``).

The threshold is lowered so that the seeds take the streaming path; the output must be
byte-identical to whole-file cleaning, and the error and ``--check``/``--in-place``
contracts must hold when output is produced in pieces.
"""

from __future__ import annotations

import pytest

from cleantext import cli as ctcli
from cleantext import streaming
from tests.conftest import RAW

SEEDS = sorted(RAW.glob("*.txt"))


@pytest.fixture
def stream_everything(monkeypatch):
    """Stream every file, in small windows, so each seed is cut into several chunks."""
    monkeypatch.setattr(ctcli, "STREAM_INPUT", 1)
    calls = []
    real = streaming.clean_stream

    def small_windows(pipeline, pieces, **kw):
        calls.append(1)
        return real(pipeline, pieces, window=16 * 1024)

    monkeypatch.setattr(ctcli, "clean_stream", small_windows)
    return calls


def _whole(path, tmp_path, name="whole.txt"):
    out = tmp_path / name
    assert ctcli.main([str(path), "-o", str(out), "--stats", "-q"]) == 0  # --stats: whole text
    return out.read_bytes()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_streamed_output_equals_whole_file_output(seed, tmp_path, stream_everything):
    expected = _whole(seed, tmp_path)
    out = tmp_path / "streamed.txt"
    assert ctcli.main([str(seed), "-o", str(out)]) == 0
    assert out.read_bytes() == expected


def test_streaming_path_is_taken(stream_everything, tmp_path):
    out = tmp_path / "o.txt"
    assert ctcli.main([str(SEEDS[0]), "-o", str(out)]) == 0
    assert stream_everything, "the streaming path was not used"


def test_bad_bytes_mid_stream_leave_no_output_file(stream_everything, tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(SEEDS[2].read_bytes() * 3 + b"\xff tail\n")
    out = tmp_path / "out.txt"
    assert ctcli.main([str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "bad.txt: not valid UTF-8 at byte" in err
    assert not out.exists()
    assert not list(tmp_path.glob(".out.txt*")), "a temporary file was left behind"


def test_binary_file_is_refused_when_streaming(stream_everything, tmp_path, capsys):
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 64)
    assert ctcli.main([str(binary)]) == 2
    assert "looks like binary data" in capsys.readouterr().err


def test_check_and_in_place_when_streaming(stream_everything, tmp_path, capsys):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(SEEDS[0].read_bytes())
    assert ctcli.main(["--check", str(doc)]) == 1
    assert ctcli.main(["--in-place", str(doc)]) == 0
    cleaned = doc.read_bytes()
    assert cleaned != SEEDS[0].read_bytes()
    assert ctcli.main(["--check", str(doc)]) == 0  # idempotent: nothing more to change
    assert doc.read_bytes() == cleaned
