"""Throughput of ``cleantext -j N`` against ``-j 1`` on a multi-file corpus and on JSONL.

Builds a corpus of ``--copies`` copies of each seed (40 × 5 = 200 files by default) in
a temporary directory, plus the same documents as one JSON Lines file, then times the
CLI end to end (process start included) with ``-j 1`` and ``-j N``, best of
``--repeat`` runs, and prints MB/s and the ratio. It also times the CLI on empty input
(interpreter start and imports, the same for every ``-j``) and prints the ratio with
that fixed cost taken out, which is what a long run converges to. The load average is
printed before and after, and for each run the CPU seconds it used (workers included)
and the average number of cores it kept busy: on a machine busy with other work a run
may get well under one core whatever ``-j`` says, and the ratio then means little.

    python benchmarks/parallel.py [--copies 40] [--jobs 2] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


CPU: dict[float, float] = {}  # wall time of a run -> CPU seconds it used (workers included)


def timed(args: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    c0 = _child_cpu()
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cleantext", "-q", "--no-config", *args],
        check=True,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - t0
    CPU[wall] = _child_cpu() - c0
    return wall


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    seeds = sorted((ROOT / "fixtures" / "raw").glob("*.txt"))
    print(f"cpus: {os.cpu_count()}  load average before: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        total = 0
        with open(Path(tmp) / "corpus.jsonl", "w", encoding="utf-8") as jsonl:
            for i in range(args.copies):
                for seed in seeds:
                    data = seed.read_bytes()
                    path = Path(tmp) / f"{i:03d}_{seed.name}"
                    path.write_bytes(data)
                    files.append(str(path))
                    total += len(data)
                    text = data.decode("utf-8")
                    jsonl.write(json.dumps({"id": path.name, "text": text}, ensure_ascii=False))
                    jsonl.write("\n")
        mb = total / 1e6
        print(f"corpus: {len(files)} files, {mb:.1f} MB of UTF-8")
        start = min(timed([]) for _ in range(args.repeat))
        print(f"  start-up (empty input): {start:.2f} s")
        for label, extra in (("files", files), ("jsonl", ["--jsonl", f"{tmp}/corpus.jsonl"])):
            best = {}
            for jobs in (1, args.jobs):
                best[jobs] = min(timed(["-j", str(jobs), *extra]) for _ in range(args.repeat))
                cpu = CPU[best[jobs]]
                print(
                    f"  {label:<5} -j {jobs}: {best[jobs]:.2f} s  {mb / best[jobs]:.1f} MB/s  "
                    f"(CPU {cpu:.2f} s = {cpu / best[jobs]:.2f} cores busy)"
                )
            ratio = best[1] / best[args.jobs]
            net = (best[1] - start) / max(best[args.jobs] - start, 1e-9)
            print(
                f"  {label:<5} ratio -j {args.jobs} / -j 1: {ratio:.2f}x end to end, "
                f"{net:.2f}x without start-up"
            )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
