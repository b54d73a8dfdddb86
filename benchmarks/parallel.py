"""Throughput of ``cleantext -j N`` against ``-j 1`` on a multi-file corpus and on JSONL.

Builds a corpus of ``--copies`` copies of each seed (100 × 5 = 500 files, 18 MB, by
default: ``-j 1`` then runs for about 4 s, long enough for a throughput) in
a temporary directory, plus the same documents as one JSON Lines file, then times the
CLI end to end (process start included) with ``-j 1`` and ``-j N``, best of
``--repeat`` runs, and prints MB/s and the wall-clock ratio, also with the fixed cost
of an empty run (interpreter start and imports) taken out.

Wall-clock ratios mean little on a machine busy with other work, so each run also
reports its CPU time split into the parent's (``RUSAGE_SELF``: start-up, reading,
batching, unpickling, writing) and the workers' (``RUSAGE_CHILDREN``). From those:

* the **serial share** ``s`` = parent CPU / total CPU of the ``-j N`` run, and the
  **Amdahl bound** ``1 / (s + (1 - s) / N)`` — the most ``-j N`` can gain if the
  parent's work never overlapped the workers' (a pessimistic bound);
* the **overhead**: total CPU of the ``-j N`` run / CPU of the ``-j 1`` run;
* the **task plan** (this tree only): how ``-j N`` cuts the corpus into tasks, each
  task's chain cost from the documents' costs measured alone, list-scheduled on N
  workers: the scheduling efficiency and the ratio an idle machine could reach, load
  or not (start-up included);
* the **machine's ceiling** for this work (``--ceiling-rounds``; 0 skips it): the
  chain run over the seeds in memory by one process, then by N processes at once, each
  doing all of it (no files, no pickling, no parent), alternately, best of
  ``--repeat``: N × one process's wall time / the N processes' wall time. Below N
  when the cores share what the chain needs (a physical core behind two virtual CPUs,
  caches, memory bandwidth) or the machine is busy — the most any ``-j N`` could
  reach here, measured in the same run;
* the **chain alone**: the CPU time spent in ``Pipeline.__call__`` during the same run
  (parent or workers), and what the serial share, the bound and the wall-clock ratio
  would become with a chain ``--faster`` (5) times faster: 4/5 of the chain's time
  taken out of the ``-j 1`` run and, shared among the workers, out of the ``-j N`` run.

``--baseline DIR`` also runs the CLI of another source tree (e.g. ``git archive main``
unpacked in /tmp), alternating with this one, so old and new are measured under the
same load.

    python benchmarks/parallel.py [--copies 100] [--jobs 2] [--repeat 3] [--faster 5]
                                  [--baseline DIR] [--only files|jsonl]
                                  [--ceiling-rounds 3]
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Runs the CLI in the child and reports on stderr its own CPU time, its workers', and
#: the part of either spent in the chain itself (``Pipeline.__call__``, timed in
#: whichever process runs it: the workers are forked, so they share the counter).
_RUNNER = """\
import json, multiprocessing, resource, sys, time
from cleantext.cli import main
from cleantext.pipeline import Pipeline
chain = multiprocessing.Value("d", 0.0)
call = Pipeline.__call__
def timed_call(self, text):
    t0 = time.process_time()
    try:
        return call(self, text)
    finally:
        dt = time.process_time() - t0
        with chain.get_lock():
            chain.value += dt
Pipeline.__call__ = timed_call
code = main(sys.argv[1:])
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = {
    "parent": me.ru_utime + me.ru_stime,
    "workers": kids.ru_utime + kids.ru_stime,
    "chain": chain.value,
}
sys.stderr.write(json.dumps(cpu) + "\\n")
raise SystemExit(code)
"""


@dataclass
class Run:
    wall: float
    parent: float  # CPU seconds of the CLI process
    workers: float  # CPU seconds of its worker processes
    chain: float  # CPU seconds spent in the chain, in the parent or the workers

    @property
    def cpu(self) -> float:
        return self.parent + self.workers


#: Bytecode cache of the runs: start-up as installed, not compiling every module each run
#: (PYTHONDONTWRITEBYTECODE=1 would add ~0.05 s to every run); kept out of the tree.
PYCACHE = tempfile.mkdtemp(prefix="cleantext-bench-pyc-")


def run_cli(root: Path, args: list[str]) -> Run:
    env = dict(os.environ, PYTHONPATH=str(root), CLEANTEXT_START_METHOD="fork")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = PYCACHE
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-c", _RUNNER, "-q", "--no-config", *args],
        check=True,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wall = time.perf_counter() - t0
    cpu = json.loads(r.stderr.decode().strip().splitlines()[-1])
    return Run(wall, cpu["parent"], cpu["workers"], cpu["chain"])


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.wall)


def amdahl(serial: float, jobs: int) -> float:
    return 1 / (serial + (1 - serial) / jobs)


def report(label: str, mb: float, jobs: int, faster: float, *, one: Run, many: Run, start: Run):
    for n, r in ((1, one), (jobs, many)):
        print(
            f"  {label:<5} -j {n}: {r.wall:5.2f} s  {mb / r.wall:4.1f} MB/s  CPU: parent "
            f"{r.parent:5.2f} s + workers {r.workers:5.2f} s ({r.cpu / r.wall:.2f} cores busy), "
            f"chain {r.chain:5.2f} s"
        )
    ratio = one.wall / many.wall
    net = (one.wall - start.wall) / max(many.wall - start.wall, 1e-9)
    s = many.parent / many.cpu
    print(
        f"  {label:<5} -j {jobs} / -j 1: {ratio:.2f}x wall ({net:.2f}x without start-up); "
        f"serial share {s:.1%} (start-up {start.parent / many.cpu:.1%}) -> Amdahl bound "
        f"{amdahl(s, jobs):.2f}x; CPU overhead {many.cpu / one.cpu:.2f}x"
    )
    cut1, cut = one.chain * (1 - 1 / faster), many.chain * (1 - 1 / faster)
    s5 = many.parent / (many.cpu - cut)
    wall5 = (one.wall - cut1) / max(many.wall - cut / jobs, 1e-9)
    print(
        f"  {label:<5} with a {faster:g}x faster chain: serial share {s5:.1%} -> Amdahl "
        f"bound {amdahl(s5, jobs):.2f}x; wall ratio would be {wall5:.2f}x"
    )


def _chain_work(texts: list[str], rounds: int, go, out) -> None:
    """Worker of :func:`ceiling`: wait for the start, run the chain, report CPU time."""
    from cleantext import Pipeline

    pipeline = Pipeline.default()
    pipeline(texts[0])  # (what is built on first use, before the clock starts)
    go.wait()
    t0 = time.process_time()
    for _ in range(rounds):
        for text in texts:
            pipeline(text)
    out.put(time.process_time() - t0)


def ceiling(seeds: list[Path], jobs: int, rounds: int, repeat: int) -> tuple[float, float]:
    """The machine's own speed-up for ``jobs`` processes running the chain: the same
    work (``rounds`` passes over the seeds, in memory) in 1 process, then in ``jobs``
    processes at once, alternately, best of ``repeat`` each. Returns (speed-up, CPU
    time per process with ``jobs`` at once / CPU time alone)."""
    import multiprocessing as mp

    sys.path.insert(0, str(ROOT))
    ctx = mp.get_context("fork")
    texts = [s.read_text("utf-8") for s in seeds]
    best_of: dict[int, tuple[float, float]] = {}
    for _ in range(repeat):
        for n in (1, jobs):
            go, out = ctx.Event(), ctx.Queue()
            procs = [
                ctx.Process(target=_chain_work, args=(texts, rounds, go, out)) for _ in range(n)
            ]
            for p in procs:
                p.start()
            time.sleep(1.0)  # (every worker built its pipeline and waits)
            t0 = time.perf_counter()
            go.set()
            cpu = [out.get() for _ in procs]
            for p in procs:
                p.join()
            run = (time.perf_counter() - t0, sum(cpu) / n)
            best_of[n] = min(best_of.get(n, run), run)
    (wall1, cpu1), (wall_n, cpu_n) = best_of[1], best_of[jobs]
    return jobs * wall1 / wall_n, cpu_n / cpu1


def plan(tmp: str, files: list[str], seeds: list[Path], args: argparse.Namespace) -> None:
    """How this tree's ``-j N`` cuts the corpus into tasks, and what that costs on an idle
    machine: each document's chain CPU time (measured here, alone) summed per task, the
    tasks list-scheduled in order on N workers. Scheduling efficiency = work / (N ×
    makespan); the ratio bound adds this tree's start-up CPU to both sides."""
    sys.path.insert(0, str(ROOT))
    from cleantext import Pipeline, cli  # this tree's CLI, for its task plan

    if not hasattr(cli, "_file_tasks"):
        return
    pipeline = Pipeline.default()
    cost = {}
    for seed in seeds:
        text = seed.read_text("utf-8")
        runs = []
        for _ in range(args.repeat):
            t0 = time.process_time()
            pipeline(text)
            runs.append(time.process_time() - t0)
        cost[seed.name] = min(runs)
    doc_cost = [cost[Path(f).name[4:]] for f in files]  # "000_<seed name>"
    file_tasks = [[cost[Path(f).name[4:]] for f in t] for t in cli._file_tasks(files, args.jobs)]
    path = Path(tmp) / "corpus.jsonl"
    blocks, line = [], 0
    with open(path, "rb") as fh:
        for _, block in cli._jsonl_blocks(fh, path.stat().st_size, args.jobs):
            n = block.count(b"\n")
            blocks.append(doc_cost[line : line + n])
            line += n
    start = run_cli(ROOT, []).parent
    for label, tasks in (("files", file_tasks), ("jsonl", blocks)):
        for speed in (1.0, args.faster):
            costs = [sum(t) / speed for t in tasks]
            workers = [0.0] * args.jobs
            for c in costs:
                heapq.heapreplace(workers, workers[0] + c)
            span, work = max(workers), sum(costs)
            print(
                f"  {label:<5} plan, chain {speed:g}x: {len(costs)} tasks, scheduling "
                f"efficiency {work / args.jobs / span:.1%}; -j {args.jobs} / -j 1 on an idle "
                f"machine at most {(start + work) / (start + span):.2f}x "
                f"({work / span:.2f}x without start-up {start:.2f} s)"
            )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--faster", type=float, default=5.0, help="project a chain this much faster")
    ap.add_argument("--baseline", type=Path, help="also time the CLI of this source tree")
    ap.add_argument("--only", choices=("files", "jsonl"), help="time one mode only")
    ap.add_argument(
        "--ceiling-rounds",
        type=int,
        default=3,
        help="passes over the seeds per process when measuring the machine's ceiling (0: skip)",
    )
    args = ap.parse_args()
    seeds = sorted((ROOT / "fixtures" / "raw").glob("*.txt"))
    trees = [("this", ROOT)] + ([("base", args.baseline.resolve())] if args.baseline else [])
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
        modes = [("files", files), ("jsonl", ["--jsonl", f"{tmp}/corpus.jsonl"])]
        if args.only:
            modes = [m for m in modes if m[0] == args.only]
        for _, root in trees:
            run_cli(root, [])  # fills the bytecode cache
        start = {
            name: best([run_cli(root, []) for _ in range(args.repeat)]) for name, root in trees
        }
        for label, extra in modes:
            runs: dict[tuple[str, int], list[Run]] = {}
            for _ in range(args.repeat):  # alternate trees and -j, so load hits all alike
                for name, root in trees:
                    for jobs in (1, args.jobs):
                        runs.setdefault((name, jobs), []).append(
                            run_cli(root, ["-j", str(jobs), *extra])
                        )
            for name, _ in trees:
                up = start[name]
                who = f" {name}:" if len(trees) > 1 else " "
                print(f"{who} start-up (empty input): {up.wall:.2f} s, CPU {up.parent:.2f} s")
                one, many = best(runs[(name, 1)]), best(runs[(name, args.jobs)])
                report(label, mb, args.jobs, args.faster, one=one, many=many, start=start[name])
        plan(tmp, files, seeds, args)
    if args.ceiling_rounds:
        gain, cost = ceiling(seeds, args.jobs, args.ceiling_rounds, args.repeat)
        print(
            f"  machine ceiling: the chain in {args.jobs} processes at once, in memory: "
            f"{gain:.2f}x one process (each process needs {cost:.2f}x the CPU time it "
            f"needs alone)"
        )
    print(f"load average after: {os.getloadavg()}")
    shutil.rmtree(PYCACHE, ignore_errors=True)


if __name__ == "__main__":
    main()
