"""The CLI contract: stdin/stdout filter, files, -o, --list, --steps/--skip, errors."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys

import pytest

from cleantext import Pipeline, registry
from cleantext import cli as ctcli
from cleantext import io as ctio
from tests.conftest import RAW, ROOT

SEED = RAW / "000_7bd8d63d74133f45.txt"


def run(*args: str, stdin: bytes = b"", cwd=None, env=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "cleantext", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_stdin_to_stdout():
    r = run(stdin=SEED.read_bytes())
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode("utf-8")
    assert "作风问题关系人心向背，关系党的执政基础。" in out
    assert "\n\n" not in out


def test_clean_file_is_byte_identical():
    text = "第一段，已经干净。\n第二段也是。\n".encode()
    r = run(stdin=text)
    assert r.returncode == 0
    assert r.stdout == text


def test_list():
    r = run("--list")
    assert r.returncode == 0
    out = r.stdout.decode()
    assert "reflow" in out and "normalize_controls" in out and "default" in out


def test_version_and_help():
    assert run("--version").stdout.decode().startswith("cleantext ")
    help_text = run("--help").stdout.decode()
    assert "examples:" in help_text


def test_steps_and_skip():
    r = run("--steps", "normalize_controls", stdin=b"a\r\nb")
    assert r.stdout == b"a\nb"
    r = run("--skip", "normalize_controls", stdin=b"a\x00b")
    assert r.stdout == b"a\x00b"


def test_unknown_step_is_a_clear_error():
    r = run("--steps", "nope")
    assert r.returncode == 2
    assert b"unknown step 'nope'" in r.stderr
    assert b"Traceback" not in r.stderr


def test_output_file(tmp_path):
    out = tmp_path / "out.txt"
    r = run(str(SEED), "-o", str(out))
    assert r.returncode == 0
    assert r.stdout == b""
    assert "作风问题关系人心向背" in out.read_text("utf-8")


def test_missing_file_and_bad_bytes(tmp_path):
    r = run(str(tmp_path / "missing.txt"))
    assert r.returncode == 2 and b"missing.txt: no such file" in r.stderr
    bad = tmp_path / "bad.txt"
    bad.write_bytes("好".encode() + b"\xff")
    out = tmp_path / "out.txt"
    r = run(str(bad), "-o", str(out))
    assert r.returncode == 2
    assert b"bad.txt: not valid UTF-8 at byte 3" in r.stderr
    assert not out.exists()


def test_blank_lines():
    r = run("--blank-lines", stdin="第一段。\n第二段。\n".encode())
    assert r.stdout.decode() == "第一段。\n\n第二段。\n"


# ---------------------------------------------------------------------------------
# Ergonomics and reliability (issues 8, 9 and 10): in-process where possible.
# ---------------------------------------------------------------------------------

SEEDS = sorted(RAW.glob("*.txt"))
WRAPPED = "　　这是一个被排版\n切断的句子，它应\n该被重新连接起来\n，不能留下换行。\n".encode()
JOINED = "这是一个被排版切断的句子，它应该被重新连接起来，不能留下换行。\n".encode()


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def cli(args, monkeypatch, capsys, stdin=b"", stderr=None):
    """Run ``main`` in-process; returns (exit status, stdout bytes, stderr text)."""
    monkeypatch.setenv("CLEANTEXT_START_METHOD", "fork")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    out_buf = io.BytesIO()
    out = io.TextIOWrapper(out_buf, encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", out)
    if stderr is not None:
        monkeypatch.setattr(sys, "stderr", stderr)
    code = ctcli.main(["--no-config", *args])
    out.flush()
    err = stderr.getvalue() if stderr is not None else capsys.readouterr().err
    return code, out_buf.getvalue(), err


def test_empty_input_gives_empty_output(monkeypatch, capsys, tmp_path):
    assert cli([], monkeypatch, capsys) == (0, b"", "")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert cli([str(empty)], monkeypatch, capsys) == (0, b"", "")


def test_several_files_and_stdin_dash(monkeypatch, capsys, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes("甲段".encode())  # no final newline: one is added between files
    b.write_bytes("乙段\n".encode())
    code, out, _ = cli([str(a), "-", str(b)], monkeypatch, capsys, stdin="丙段\n".encode())
    assert code == 0
    assert out.decode() == "甲段\n丙段\n乙段\n"


# -- --explain ----------------------------------------------------------------------


def test_explain_text_shows_removed_text(monkeypatch, capsys):
    code, out, err = cli(["--explain"], monkeypatch, capsys, stdin=b"ab\x01c\r\nd\n")
    assert code == 0 and out == b"abc\nd\n"
    assert "<stdin>" in err
    assert "normalize_controls" in err
    assert "removed '\\x01'" in err
    assert "\x1b[" not in err  # stderr is not a terminal: no colour


def test_explain_colour_rules(monkeypatch):
    tty = FakeTTY()
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert ctcli.use_color("auto", tty)
    assert not ctcli.use_color("auto", io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ctcli.use_color("auto", tty)
    assert ctcli.use_color("always", io.StringIO())
    assert not ctcli.use_color("never", tty)


def test_explain_coloured_on_a_terminal(monkeypatch, capsys):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    code, _, err = cli(["--explain"], monkeypatch, capsys, stdin=b"a\x01b", stderr=FakeTTY())
    assert code == 0 and "\x1b[31mremoved\x1b[0m" in err
    monkeypatch.setenv("NO_COLOR", "1")
    _, _, err = cli(["--explain"], monkeypatch, capsys, stdin=b"a\x01b", stderr=FakeTTY())
    assert "\x1b[" not in err


def test_explain_shows_reflow_joins(monkeypatch, capsys):
    _, out, err = cli(["--explain"], monkeypatch, capsys, stdin=WRAPPED)
    assert out == JOINED
    assert "reflow" in err and "join" in err


def test_explain_json_matches_pipeline_explain(monkeypatch, capsys):
    text = "ab\x01c\r\n　　这是一个被排版\n切断的句子，它应\n该被重新连接起来\n，不能留下换行。\n"
    code, out, err = cli(
        ["--explain", "--format", "json"], monkeypatch, capsys, stdin=text.encode()
    )
    assert code == 0
    (report,) = [json.loads(line) for line in err.splitlines()]
    assert report["file"] == "<stdin>"
    expected = Pipeline.default().explain(text)
    assert [s["step"] for s in report["steps"]] == [s.name for s in expected.changed]
    for got, want in zip(report["steps"], expected.changed, strict=True):
        assert [(e["start"], e["end"], e["old"], e["new"], e["kind"]) for e in got["edits"]] == [
            (e.start, e.end, e.old, e.new, e.kind) for e in want.edits
        ]
        assert got["chars_in"] == want.chars_in and got["chars_out"] == want.chars_out
    assert out.decode() == expected.text


# -- --diff and --check -------------------------------------------------------------


def test_diff(monkeypatch, capsys, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(WRAPPED)
    code, out, _ = cli(["--diff", str(doc)], monkeypatch, capsys)
    assert code == 0
    text = out.decode()
    assert text.startswith(f"--- {doc}\n+++ {doc} (cleaned)\n@@")
    assert "-切断的句子，它应\n" in text
    assert "+" + JOINED.decode() in text
    assert doc.read_bytes() == WRAPPED
    clean = tmp_path / "clean.txt"
    clean.write_bytes(JOINED)
    assert cli(["--diff", str(clean)], monkeypatch, capsys)[:2] == (0, b"")


def test_check(monkeypatch, capsys, tmp_path):
    dirty, clean = tmp_path / "dirty.txt", tmp_path / "clean.txt"
    dirty.write_bytes(WRAPPED)
    clean.write_bytes(JOINED)
    code, out, err = cli(["--check", str(dirty), str(clean)], monkeypatch, capsys)
    assert code == 1 and out == b""
    assert f"would clean {dirty}" in err and str(clean) not in err.replace(str(dirty), "")
    assert "1 file would be cleaned, 1 file already clean." in err
    assert dirty.read_bytes() == WRAPPED
    assert cli(["--check", str(clean)], monkeypatch, capsys)[0] == 0
    code, _, err = cli(["--check", str(clean), str(tmp_path / "nope")], monkeypatch, capsys)
    assert code == 2 and "nope: no such file" in err
    assert cli(["--check", "-q", str(dirty)], monkeypatch, capsys)[2] == f"would clean {dirty}\n"


# -- --in-place ---------------------------------------------------------------------


def test_in_place_with_backup_keeps_mode(monkeypatch, capsys, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(WRAPPED)
    doc.chmod(0o640)
    code, out, err = cli(["--in-place", "--backup", ".orig", str(doc)], monkeypatch, capsys)
    assert (code, out, err) == (0, b"", "")
    assert doc.read_bytes() == JOINED
    assert stat.S_IMODE(doc.stat().st_mode) == 0o640
    assert (tmp_path / "doc.txt.orig").read_bytes() == WRAPPED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt", "doc.txt.orig"]


def test_in_place_leaves_clean_files_alone(monkeypatch, capsys, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(JOINED)
    before = doc.stat()
    assert cli(["-i", "--backup", ".bak", str(doc)], monkeypatch, capsys)[0] == 0
    after = doc.stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert not (tmp_path / "doc.txt.bak").exists()


def test_in_place_failing_mid_way_keeps_original(monkeypatch, capsys, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(WRAPPED)

    def failing(fh, data):
        fh.write(data[:7])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ctio, "_write_all", failing)
    code, _, err = cli(["--in-place", str(doc)], monkeypatch, capsys)
    assert code == 2
    assert err == f"cleantext: {doc}: cannot write (No space left on device)\n"
    assert doc.read_bytes() == WRAPPED
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--in-place"], "--in-place needs file arguments"),
        (["--in-place", "a", "-o", "b"], "cannot be combined"),
        (["--backup", ".b", "a"], "--backup only makes sense with --in-place"),
        (["--check", "-o", "x", "a"], "--check writes nothing"),
        (["-j", "-1", "a"], "-j/--jobs must be 0"),
        (["--errors", "bogus"], "invalid choice"),
        (["--frobnicate"], "unrecognized arguments"),
    ],
)
def test_usage_errors(args, message):
    r = run(*args)
    assert r.returncode == 2
    assert message in r.stderr.decode()
    assert b"Traceback" not in r.stderr


# -- -o: atomic, never partial --------------------------------------------------------


def test_output_failing_mid_way_leaves_nothing(monkeypatch, capsys, tmp_path):
    out = tmp_path / "out.txt"
    calls = []

    def failing(fh, data):
        calls.append(len(data))
        fh.write(data[:3])
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(ctio, "_write_all", failing)
    code, _, err = cli([str(SEEDS[0]), "-o", str(out)], monkeypatch, capsys)
    assert code == 2 and "out.txt: cannot write (Input/output error)" in err
    assert calls and not out.exists()
    assert list(tmp_path.iterdir()) == []
    # and an existing output file is left exactly as it was
    out.write_bytes(b"precious")
    code, _, _ = cli([str(SEEDS[0]), "-o", str(out)], monkeypatch, capsys)
    assert code == 2 and out.read_bytes() == b"precious"


def test_output_not_written_when_a_later_input_fails(tmp_path):
    out = tmp_path / "out.txt"
    out.write_bytes(b"precious")
    r = run(str(SEEDS[0]), str(tmp_path / "missing.txt"), "-o", str(out))
    assert r.returncode == 2 and b"missing.txt: no such file" in r.stderr
    assert out.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_dev_full():
    r = run(str(SEEDS[0]), "-o", "/dev/full")
    assert r.returncode == 2
    assert r.stderr == b"cleantext: /dev/full: cannot write (No space left on device)\n"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with open("/dev/full", "wb") as full:
        p = subprocess.run(
            [sys.executable, "-m", "cleantext", str(SEEDS[0])],
            stdout=full,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
            check=False,
        )
    assert p.returncode != 0 and b"Traceback" not in p.stderr
    assert b"No space left on device" in p.stderr


def test_broken_pipe_is_quiet(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"".join(s.read_bytes() for s in SEEDS) * 8)  # ~1.5 MB, > a pipe buffer
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.Popen(
        [sys.executable, "-m", "cleantext", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert p.stdout is not None and p.stderr is not None
    p.stdout.read(100)
    p.stdout.close()
    err = p.stderr.read()
    code = p.wait(timeout=120)
    assert code in (0, 141, -13)
    assert err == b""


# -- bad bytes, binary, unreadable -------------------------------------------------------


def test_bad_utf8_never_touches_the_output(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("第一行\n".encode() + b"\xff\xfe" + "尾".encode())
    out = tmp_path / "out.txt"
    out.write_bytes(b"keep me")
    r = run(str(bad), "-o", str(out))
    assert r.returncode == 2
    assert (
        r.stderr
        == (
            f"cleantext: {bad}: not valid UTF-8 at byte 10 (0xff); try --encoding or --errors\n"
        ).encode()
    )
    assert out.read_bytes() == b"keep me"


def test_surrogateescape_round_trips_bad_bytes(tmp_path):
    data = "第一行\n".encode() + b"\xff\xfe\x80" + "尾\n".encode()
    r = run("--errors", "surrogateescape", stdin=data)
    assert r.returncode == 0 and r.stdout == data
    r = run("--errors", "replace", stdin=data)
    assert r.stdout == "第一行\n\ufffd\ufffd\ufffd尾\n".encode()
    r = run("--errors", "ignore", stdin=data)
    assert r.stdout == "第一行\n尾\n".encode()


def test_binary_input_refused(tmp_path):
    blob = tmp_path / "image.png"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    out = tmp_path / "out.txt"
    r = run(str(blob), "-o", str(out), "--errors", "replace")
    assert r.returncode == 2
    assert b"image.png: looks like binary data" in r.stderr
    assert not out.exists()


def test_directory_and_unreadable_arguments(tmp_path):
    r = run(str(tmp_path))
    assert r.returncode == 2 and r.stderr == f"cleantext: {tmp_path}: is a directory\n".encode()
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.txt"
        locked.write_text("x")
        locked.chmod(0)
        r = run(str(locked))
        assert r.returncode == 2 and r.stderr.endswith(b"locked.txt: permission denied\n")


def test_errors_continue_with_other_files_on_stdout(tmp_path):
    good = tmp_path / "good.txt"
    good.write_bytes(JOINED)
    r = run(str(tmp_path / "missing.txt"), str(good))
    assert r.returncode == 2
    assert r.stdout == JOINED
    assert r.stderr.count(b"\n") == 1


# -- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "utf-16", "utf-16-le", "utf-8-sig"])
def test_explicit_encodings(tmp_path, encoding):
    text = "　　這是一個被排版\n切斷的句子，它應\n該被重新連接起來\n，不能留下換行。\n"
    doc = tmp_path / "doc.txt"
    doc.write_bytes(text.encode(encoding))
    r = run("--encoding", encoding, str(doc))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "這是一個被排版切斷的句子，它應該被重新連接起來，不能留下換行。\n".encode()
    r = run("--encoding", "auto", str(doc))
    assert r.stdout.decode("utf-8").startswith("這是一個被排版切斷的句子")


def test_bom_dropped_by_default():
    r = run(stdin=b"\xef\xbb\xbf" + JOINED)
    assert r.stdout == JOINED


def test_output_encoding(tmp_path):
    r = run("--output-encoding", "gb18030", stdin=WRAPPED)
    assert r.stdout == JOINED.decode().encode("gb18030")
    r = run("--output-encoding", "big5", stdin="风\n".encode())
    assert r.returncode == 2 and b"cannot be written in big5" in r.stderr
    r = run("--output-encoding", "big5", "--errors", "replace", stdin="风\n".encode())
    assert r.returncode == 0 and r.stdout == b"?\n"
    r = run("--encoding", "klingon", stdin=b"x")
    assert r.returncode == 2 and b"unknown encoding 'klingon'" in r.stderr


def test_auto_on_every_seed_reencoded(tmp_path):
    expected = [run(str(s)).stdout for s in SEEDS]
    for encoding in ("gb18030", "utf-16"):
        paths = []
        for s in SEEDS:
            p = tmp_path / f"{encoding}_{s.name}"
            p.write_bytes(s.read_text("utf-8").encode(encoding))
            paths.append(str(p))
        r = run("--encoding", "auto", *paths)
        assert r.returncode == 0
        assert r.stdout == b"".join(
            e if e.endswith(b"\n") or not e else e + b"\n" for e in expected
        )


# -- JSONL ---------------------------------------------------------------------------


def _records(n=30, size=None):
    lines = []
    texts = [s.read_text("utf-8") for s in SEEDS]
    for i in range(n):
        text = texts[i % len(texts)]
        if size:  # a window of the seed, so that records differ
            start = (i * 97) % max(len(text) - size, 1)
            text = text[start : start + size]
        obj = {"id": i, "score": 1.50, "text": text, "meta": {"k": "中"}}
        line = json.dumps(obj, ensure_ascii=bool(i % 2))
        lines.append(line.replace('"score": 1.5', '"score": 1.50'))
    return lines


def test_jsonl_cleans_only_the_field(monkeypatch, capsys):
    lines = _records(10)
    code, out, err = cli(["--jsonl"], monkeypatch, capsys, stdin="\n".join(lines).encode() + b"\n")
    assert code == 0 and err == ""
    out_lines = out.decode().split("\n")
    assert out_lines[-1] == "" and len(out_lines) == 11
    pipeline = Pipeline.default()
    for before, after in zip(lines, out_lines, strict=False):
        a, b = json.loads(before), json.loads(after)
        assert list(a) == list(b)
        assert b["text"] == pipeline(a["text"])
        # every other byte of the line is unchanged
        assert after.startswith(before[: before.index('"text"')])
        assert '"score": 1.50' in after and after.endswith(before[before.index(', "meta"') :])


def test_jsonl_field_option(monkeypatch, capsys):
    line = b'{"text": "a\\r\\nb", "body": "c\\r\\nd"}\n'
    code, out, _ = cli(["--jsonl", "--field", "body"], monkeypatch, capsys, stdin=line)
    assert code == 0 and out == b'{"text": "a\\r\\nb", "body": "c\\nd"}\n'


def test_jsonl_malformed_line_stops_with_line_number(monkeypatch, capsys, tmp_path):
    data = b'{"text": "a\\r\\nb"}\n{"text": oops}\n{"text": "c"}\n'
    code, out, err = cli(["--jsonl"], monkeypatch, capsys, stdin=data)
    assert code == 2
    assert "<stdin>:2: malformed JSON" in err and "--skip-bad-lines" in err
    assert out == b'{"text": "a\\nb"}\n'  # what came before, nothing after
    target = tmp_path / "out.jsonl"
    code, _, _ = cli(["--jsonl", "-o", str(target)], monkeypatch, capsys, stdin=data)
    assert code == 2 and not target.exists()


def test_jsonl_skip_bad_lines(monkeypatch, capsys):
    data = b'{"text": "a"}\n[1]\n\xff\n{"text": "c"}\n'
    code, out, err = cli(["--jsonl", "--skip-bad-lines"], monkeypatch, capsys, stdin=data)
    assert code == 0
    assert out == b'{"text": "a"}\n{"text": "c"}\n'
    assert "<stdin>:2: malformed JSON (not a JSON object); line skipped" in err
    assert "<stdin>:3: not valid utf-8 at byte 0; line skipped" in err


def test_jsonl_blank_lines_and_no_final_newline(monkeypatch, capsys):
    data = b'{"text": "a\\r\\nb"}\n\n{"text": "x"}'
    code, out, _ = cli(["--jsonl"], monkeypatch, capsys, stdin=data)
    assert code == 0 and out == b'{"text": "a\\nb"}\n\n{"text": "x"}'


def test_jsonl_parallel_matches_serial_spawn(tmp_path):
    lines = _records(1200, size=300)  # more than one batch of records
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    serial = run("--jsonl", str(src))
    env_spawn = {"CLEANTEXT_START_METHOD": "spawn"}
    parallel = run("--jsonl", "-j", "2", str(src), env=env_spawn)
    assert serial.returncode == parallel.returncode == 0, parallel.stderr
    assert parallel.stdout == serial.stdout
    assert parallel.stdout.count(b"\n") == 1200


def test_parallel_files_keep_order(tmp_path):
    paths = []
    for i in range(12):
        p = tmp_path / f"{i:02d}.txt"
        # On a line of its own: seed 001 ends without a newline, in its ad's disclaimer.
        p.write_bytes(SEEDS[i % len(SEEDS)].read_bytes().rstrip(b"\n") + f"\n文件{i}\n".encode())
        paths.append(str(p))
    serial = run(*paths)
    for jobs in ("2", "0"):
        parallel = run("-j", jobs, *paths, env={"CLEANTEXT_START_METHOD": "spawn"})
        assert parallel.returncode == 0, parallel.stderr
        assert parallel.stdout == serial.stdout
    assert [int(m) for m in re.findall(r"文件(\d+)", serial.stdout.decode())] == list(range(12))


def test_parallel_in_place_and_check(tmp_path):
    paths = []
    for i in range(4):
        p = tmp_path / f"{i}.txt"
        p.write_bytes(WRAPPED if i % 2 else JOINED)
        paths.append(p)
    r = run("--check", "-j", "2", *map(str, paths))
    assert r.returncode == 1 and r.stderr.count(b"would clean") == 2
    r = run("-i", "-j", "2", *map(str, paths))
    assert r.returncode == 0
    assert all(p.read_bytes() == JOINED for p in paths)


# -- --stats, progress, quiet ------------------------------------------------------------


def test_stats(monkeypatch, capsys):
    code, out, err = cli(["--stats"], monkeypatch, capsys, stdin=WRAPPED)
    assert code == 0 and out == JOINED
    lines = err.splitlines()
    assert lines[0].split()[:3] == ["step", "changed", "edits"]
    row = next(line for line in lines if line.startswith("reflow"))
    assert row.split()[1] == "1" and int(row.split()[2]) > 0
    assert f"{len(WRAPPED):,}" in row and f"{len(JOINED):,}" in row
    code, _, err = cli(["--stats", "--format", "json"], monkeypatch, capsys, stdin=WRAPPED)
    data = json.loads(err)
    assert data["inputs"] == 1
    names = [s["step"] for s in data["steps"]]
    assert names == [s.name for s in Pipeline.default().steps]
    reflow = data["steps"][names.index("reflow")]
    assert reflow["bytes_in"] == len(WRAPPED) and reflow["bytes_out"] == len(JOINED)


def test_progress_only_on_a_terminal(monkeypatch, capsys, tmp_path):
    paths = []
    for i in range(3):
        p = tmp_path / f"{i}.txt"
        p.write_bytes(WRAPPED)
        paths.append(str(p))
    _, out, err = cli(paths, monkeypatch, capsys)
    assert err == ""
    _, out_tty, err = cli(paths, monkeypatch, capsys, stderr=FakeTTY())
    assert "3/3 files" in err and "\r" in err
    assert out_tty == out
    _, _, err = cli(["-q", *paths], monkeypatch, capsys, stderr=FakeTTY())
    assert err == ""
    records = tmp_path / "r.jsonl"
    records.write_bytes(b'{"text": "a"}\n' * 3)
    _, _, err = cli(["--jsonl", str(records)], monkeypatch, capsys, stderr=FakeTTY())
    assert "42 B/42 B" in err and "B/s" in err


# -- step options from the registry ---------------------------------------------------


def test_every_shorthand_has_an_option():
    parser = ctcli.build_parser()
    flags = {opt for action in parser._actions for opt in action.option_strings}
    for cls in registry.all_normalizers():
        for key in cls.shorthands:
            assert "--" + key.replace("_", "-") in flags


def test_convert_option_when_convert_script_is_registered():
    if "convert_script" not in registry.names():
        pytest.skip("convert_script is not registered on this branch")
    r = run("--convert", "t2s", stdin="這是繁體。\n".encode())
    assert r.returncode == 0 and r.stdout == "这是繁体。\n".encode()


def test_indent_option():
    r = run("--indent", "--blank-lines", stdin=WRAPPED)
    assert r.stdout == "　　".encode() + JOINED.replace(b"\n", b"\n\n").rstrip(b"\n") + b"\n"


# -- never a traceback ---------------------------------------------------------------


def test_internal_error_is_one_clean_message(monkeypatch, capsys):
    def boom(self, text):
        raise RuntimeError("kaput")

    monkeypatch.setattr(Pipeline, "__call__", boom)
    code, _, err = cli([], monkeypatch, capsys, stdin=b"x")
    assert code == 3
    assert "internal error: RuntimeError: kaput" in err and "Traceback" not in err


def test_check_with_diff(monkeypatch, capsys, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(WRAPPED)
    code, out, err = cli(["--check", "--diff", str(doc)], monkeypatch, capsys)
    assert code == 1 and out.decode().startswith(f"--- {doc}")
    assert f"would clean {doc}" in err
    assert doc.read_bytes() == WRAPPED


def test_jsonl_explain_names_file_and_line(monkeypatch, capsys):
    data = b'{"text": "ok"}\n{"text": "a\\u0001b"}\n'
    code, out, err = cli(["--jsonl", "--explain"], monkeypatch, capsys, stdin=data)
    assert code == 0 and out == b'{"text": "ok"}\n{"text": "ab"}\n'
    assert err.startswith("<stdin>:2: 1 change by 1 step")
    assert "removed '\\x01'" in err


def test_jsonl_in_place_and_check(monkeypatch, capsys, tmp_path):
    doc = tmp_path / "data.jsonl"
    doc.write_bytes(b'{"text": "a\\r\\nb", "n": 1}\n')
    code, _, err = cli(["--jsonl", "--check", str(doc)], monkeypatch, capsys)
    assert code == 1 and f"would clean {doc}" in err
    assert cli(["--jsonl", "-i", str(doc)], monkeypatch, capsys)[0] == 0
    assert doc.read_bytes() == b'{"text": "a\\nb", "n": 1}\n'
    assert cli(["--jsonl", "--check", str(doc)], monkeypatch, capsys)[0] == 0


def test_interrupt_is_quiet(monkeypatch, capsys, tmp_path):
    def interrupted(self, text):
        raise KeyboardInterrupt

    monkeypatch.setattr(Pipeline, "__call__", interrupted)
    out = tmp_path / "out.txt"
    code, _, err = cli([str(SEEDS[0]), "-o", str(out)], monkeypatch, capsys)
    assert code == 130 and err == "cleantext: interrupted\n"
    assert list(tmp_path.iterdir()) == []  # the pending -o file was discarded


def test_jsonl_parallel_stops_at_the_same_line(tmp_path):
    lines = _records(1100, size=50)
    lines[700] = "{broken"
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    serial = run("--jsonl", str(src))
    parallel = run("--jsonl", "-j", "2", str(src))
    assert serial.returncode == parallel.returncode == 2
    assert f"{src}:701: malformed JSON".encode() in parallel.stderr
    assert parallel.stdout == serial.stdout and parallel.stdout.count(b"\n") == 700
    skipped = run("--jsonl", "-j", "2", "--skip-bad-lines", str(src))
    assert skipped.returncode == 0 and skipped.stdout.count(b"\n") == 1099
