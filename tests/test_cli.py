"""The CLI contract: stdin/stdout filter, files, -o, --list, --steps/--skip, errors."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import RAW, ROOT

SEED = RAW / "000_7bd8d63d74133f45.txt"


def run(*args: str, stdin: bytes = b"", cwd=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
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
