"""``-j N``: order, error line numbers and atomic output when work is spread over workers."""

from __future__ import annotations

import io
import json
import os
import random
import re
import subprocess
import sys

import pytest

from cleantext import cli as ctcli
from tests.conftest import RAW, ROOT

SEEDS = sorted(RAW.glob("*.txt"))


def run(*args: str, stdin: bytes = b"", env=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "cleantext", "--no-config", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )


def _small_records(n: int) -> list[bytes]:
    """``n`` short records, every one changed by normalize_controls, with its number."""
    return [
        json.dumps({"id": i, "text": f"記錄{i}\r\nx\u0001y"}, ensure_ascii=bool(i % 3)).encode()
        for i in range(n)
    ]


# -- reading JSON Lines in blocks ------------------------------------------------------


@pytest.mark.parametrize("total", [None, "size"])
@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_jsonl_blocks_are_whole_lines_with_their_numbers(monkeypatch, total, jobs):
    monkeypatch.setattr(ctcli, "TASK_MIN_BYTES", 7)
    monkeypatch.setattr(ctcli, "TASK_BYTES", 11)
    monkeypatch.setattr(ctcli, "TASK_MAX_BYTES", 13)
    rng = random.Random(8)
    for _ in range(200):
        lines = [b"x" * rng.choice([0, 1, 5, 12, 30]) for _ in range(rng.randrange(0, 12))]
        data = b"\n".join(lines) + rng.choice([b"", b"\n"])
        size = len(data) if total else None
        blocks = list(ctcli._jsonl_blocks(io.BytesIO(data), size, jobs))
        assert b"".join(b for _, b in blocks) == data
        line = 1
        for first, block in blocks:
            assert first == line and block
            assert block.endswith(b"\n") or (first, block) == blocks[-1]
            line += block.count(b"\n")


def test_file_tasks_keep_every_input_in_order(tmp_path):
    items: list[str | tuple[str, bytes]] = []
    for i in range(300):
        p = tmp_path / f"{i}.txt"
        p.write_bytes(b"x" * (i * 97 % 5000))
        items.append(str(p))
    items.insert(5, ("<stdin>", b"y" * 10))
    items.append(str(tmp_path / "missing.txt"))
    tasks = list(ctcli._file_tasks(items, 2))
    assert [x for t in tasks for x in t] == items
    assert len(tasks) > 8  # enough tasks to keep two workers busy to the end


# -- end to end ------------------------------------------------------------------------


def test_many_small_records_keep_their_order(tmp_path):
    lines = _small_records(30000)  # ~1.3 MB: many blocks, shrinking towards the end
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    args = ("--jsonl", "--steps", "normalize_controls")
    serial = run(*args, str(src))
    assert serial.returncode == 0, serial.stderr
    out = serial.stdout.splitlines()
    assert [json.loads(x)["id"] for x in out] == list(range(30000))
    assert all(json.loads(x)["text"].endswith("\nxy") for x in out[:50])
    for jobs in ("2", "3"):
        parallel = run(*args, "-j", jobs, str(src))
        assert parallel.returncode == 0, parallel.stderr
        assert parallel.stdout == serial.stdout
    piped = run(*args, "-j", "2", stdin=src.read_bytes())  # size unknown: fixed blocks
    assert piped.returncode == 0 and piped.stdout == serial.stdout


def test_bad_lines_are_numbered_right_in_every_block(tmp_path):
    lines = _small_records(20000)
    bad = {1: b"[1]", 7777: b"{oops", 15001: b'{"text": "\xff"}', 19999: b"{"}
    for n, line in bad.items():
        lines[n - 1] = line
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    args = ("--jsonl", "--steps", "normalize_controls")
    serial = run(*args, "--skip-bad-lines", str(src))
    parallel = run(*args, "--skip-bad-lines", "-j", "2", str(src))
    assert serial.returncode == parallel.returncode == 0
    assert parallel.stdout == serial.stdout and parallel.stderr == serial.stderr
    reported = [int(x.split(b":")[2]) for x in parallel.stderr.splitlines()]
    assert reported == sorted(bad)
    assert b"in.jsonl:15001: not valid utf-8 at byte 10; line skipped" in parallel.stderr
    assert parallel.stdout.count(b"\n") == 20000 - len(bad)

    del bad[1]  # now the first bad line stops the run, with what came before it written
    lines[0] = _small_records(1)[0]
    src.write_bytes(b"\n".join(lines) + b"\n")
    serial = run(*args, str(src))
    out = tmp_path / "out.jsonl"
    for jobs in ("2", "0"):
        parallel = run(*args, "-j", jobs, str(src))
        assert parallel.returncode == 2
        assert parallel.stderr == serial.stderr
        assert f"{src}:7777: malformed JSON".encode() in parallel.stderr
        assert parallel.stdout == serial.stdout and parallel.stdout.count(b"\n") == 7776
        # -o is atomic: nothing, not even the records before the bad line
        r = run(*args, "-j", jobs, str(src), "-o", str(out))
        assert r.returncode == 2 and not out.exists()


def test_a_line_longer_than_a_block(tmp_path):
    big = json.dumps({"text": "長" * 700_000 + "\r\n"}).encode()  # 4.2 MB as \\u escapes
    lines = [*_small_records(3), big, *_small_records(2), b"{bad"]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines))  # no final newline either
    args = ("--jsonl", "--steps", "normalize_controls")
    serial = run(*args, str(src))
    parallel = run(*args, "-j", "2", str(src))
    assert serial.returncode == parallel.returncode == 2
    assert parallel.stdout == serial.stdout and parallel.stdout.count(b"\n") == 6
    assert f"{src}:7: malformed JSON".encode() in parallel.stderr
    assert json.loads(parallel.stdout.splitlines()[3])["text"] == "長" * 700_000 + "\n"


def test_many_files_keep_their_order_and_errors(tmp_path):
    paths = []
    for i in range(150):
        p = tmp_path / f"{i:03d}.txt"
        if i == 77:
            p.write_bytes("好".encode() + b"\xff")
        else:
            seed = SEEDS[i % len(SEEDS)].read_bytes() if i % 10 == 0 else b"x\r\n"
            p.write_bytes(seed.rstrip(b"\n") + f"\n文件{i}\n".encode())
        paths.append(str(p))
    serial = run(*paths)
    assert serial.returncode == 2
    assert (
        serial.stderr
        == f"cleantext: {paths[77]}: not valid UTF-8 at byte 3 (0xff); ".encode()
        + (b"try --encoding or --errors\n")
    )
    found = [int(m) for m in re.findall(r"文件(\d+)", serial.stdout.decode())]
    assert found == [i for i in range(150) if i != 77]
    for jobs, method in (("2", "fork"), ("0", "spawn")):
        parallel = run("-j", jobs, *paths, env={"CLEANTEXT_START_METHOD": method})
        assert parallel.returncode == 2
        assert parallel.stdout == serial.stdout and parallel.stderr == serial.stderr
    out = tmp_path / "out.txt"
    r = run("-j", "2", *paths, "-o", str(out))
    assert r.returncode == 2 and not out.exists()


def test_a_stopped_run_does_not_wait_for_work_sent_ahead(monkeypatch, tmp_path, capsysbinary):
    closed = []
    monkeypatch.setattr(
        ctcli._Pool, "close", lambda self, terminate=False: closed.append(terminate)
    )
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"text": "a"}\n{oops\n{"text": "b"}\n')
    assert ctcli.main(["--no-config", "--jsonl", str(src)]) == 2
    src.write_bytes(b'{"text": "a"}\n')
    assert ctcli.main(["--no-config", "--jsonl", str(src)]) == 0
    assert closed == [True, False]  # terminate: the workers' pending blocks are dropped
