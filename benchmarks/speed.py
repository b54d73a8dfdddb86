"""Throughput of the default chain, of each of its steps, and of ``ftfy.fix_text`` alone.

Usage::

    python benchmarks/speed.py                    # 10 MB corpus, table + JSON
    python benchmarks/speed.py --size 2           # a quicker run
    python benchmarks/speed.py --profile          # + cProfile of the chain (top functions)
    python benchmarks/speed.py --profile pyinstrument   # if pyinstrument is installed

The corpus (see ``benchmarks/_common.py``) is the seeds plus a generated noisy corpus,
cleaned document by document, as a user cleaning a collection would. Throughput is
MB (10^6 bytes) of UTF-8 input per second of CPU time (``_common.timeit``), best of
``--repeat`` runs. Each step is timed on the documents as it really sees them in the
chain (the previous step's output).
``ftfy.fix_text`` runs on the same documents in the same process as the baseline,
alternating with the chain round by round (``--repeat`` rounds; the best of each is
compared, and the ratio of each round is printed too, to show how much the machine
moved); the target is a chain at least 10x faster than ftfy alone.

The same comparison runs on **short records** (``--records``, default 300 and 3000
bytes): the first ``--records-mb`` MB of the corpus cut at line ends into records of
about that size, cleaned one by one, as the records of a JSONL stream are. Each call
pays what a step does whatever the length of its text, so this shows the cost of a
call, which the big documents of the corpus hide.

Start-up is measured too: the CPU time of ``import cleantext.cli`` and
``Pipeline.default()`` in a fresh subprocess with a bytecode cache (best of
``--startup-repeat``), the same plus the cleaning of one short document (what is built
on first use is then built too), and what a user pays for a whole command-line call
on that document, ``python -m cleantext FILE -o OUT``: the CPU time of the process,
interpreter start-up, argument parsing, configuration search and writing included.

Steps are discovered from the registry (``cleantext.registry.default_chain()``), so the
table always covers the chain as it is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import (
    ROOT,
    corpus,
    machine,
    step_inputs,
    timeit,
    utf8_len,
)

from cleantext import Pipeline

TARGET_RATIO = 10.0


def _run(pipeline: Pipeline, docs: list[str]) -> None:
    for d in docs:
        pipeline(d)


def alternate(
    pipeline: Pipeline, docs: list[str], repeat: int, ftfy: bool = True
) -> tuple[list[float], list[float]]:
    """CPU seconds of the chain over ``docs`` and of ``ftfy.fix_text`` over the same
    documents (unless ``ftfy`` is false), one run of each per round, ``repeat`` rounds:
    both see the machine in the same states (its speed moves by 15 % and more between
    minutes)."""
    import ftfy as ftfy_module

    def run_ftfy() -> None:
        for d in docs:
            ftfy_module.fix_text(d)

    chain_runs: list[float] = []
    ftfy_runs: list[float] = []
    for _ in range(max(1, repeat)):
        chain_runs.append(timeit(lambda: _run(pipeline, docs), 1))
        if ftfy:
            ftfy_runs.append(timeit(run_ftfy, 1))
    return chain_runs, ftfy_runs


def records(docs: list[str], size_bytes: int, limit_bytes: int) -> list[str]:
    """The first ``limit_bytes`` of ``docs`` (joined) cut at line ends into records of
    at least ``size_bytes`` each (the last may be shorter).

    >>> records(["ab\\ncd\\n", "ef\\n"], 4, 100)
    ['ab\\ncd\\n', 'ef\\n']
    """
    out: list[str] = []
    lines: list[str] = []
    size = total = 0
    for line in "".join(docs).splitlines(keepends=True):
        lines.append(line)
        n = utf8_len(line)
        size += n
        total += n
        if size >= size_bytes:
            out.append("".join(lines))
            lines, size = [], 0
        if total >= limit_bytes:
            break
    if lines:
        out.append("".join(lines))
    return out


def compare_records(
    pipeline: Pipeline, docs: list[str], size_bytes: int, limit_bytes: int, repeat: int
) -> dict[str, float]:
    """The chain and ``ftfy.fix_text`` on :func:`records` of ``size_bytes``, alternating
    round by round, best of ``repeat`` each: MB/s, records/s and their ratio."""
    import ftfy

    recs = records(docs, size_bytes, limit_bytes)
    mb = sum(map(utf8_len, recs)) / 1e6
    for r in recs[:20]:  # (what the steps build on first use)
        pipeline(r)
        ftfy.fix_text(r)
    chain_runs, ftfy_runs = alternate(pipeline, recs, repeat)
    chain_s, ftfy_s = min(chain_runs), min(ftfy_runs)
    return {
        "record_bytes": size_bytes,
        "records": len(recs),
        "mb": mb,
        "chain_mb_per_s": mb / chain_s,
        "chain_records_per_s": len(recs) / chain_s,
        "ftfy_mb_per_s": mb / ftfy_s,
        "ratio": ftfy_s / chain_s,
    }


#: Timed in a fresh interpreter: the start-up of a command-line call, and the same with a
#: first document (mojibake, an ad line, spaces: what steps build on first use).
_STARTUP_CODE = """
import sys, time
sys.path.insert(0, {root!r})
t = time.process_time()
import cleantext.cli
from cleantext import Pipeline
p = Pipeline.default()
if {first!r}:
    p({first!r})
print(time.process_time() - t)
"""
_FIRST_DOC = "cafÃ© 中文 text\n本广告由某某赞助，详情请致电 010-12345678\n浣犲ソ 世界\n"


def _startup_env() -> dict[str, str]:
    """The environment of a timed interpreter: a bytecode cache (a private one)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "cleantext-bench-pycache")
    return env


def startup_seconds(repeat: int, first: str = "") -> float:
    """Best CPU seconds of ``repeat`` fresh interpreters importing ``cleantext.cli`` and
    building ``Pipeline.default()`` (and cleaning ``first`` when given), with a bytecode
    cache (filled by a first run that is not counted)."""
    env = _startup_env()
    code = _STARTUP_CODE.format(root=str(ROOT), first=first)
    runs = []
    for _ in range(repeat + 1):
        out = subprocess.run(
            [sys.executable, "-c", code],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        runs.append(float(out.stdout.strip()))
    return min(runs[1:])


def cli_seconds(repeat: int, text: str = _FIRST_DOC) -> float:
    """Best CPU seconds of ``repeat`` whole ``python -m cleantext FILE -o OUT`` processes
    on a file holding ``text`` (the process's own CPU time, interpreter start-up
    included, from ``RUSAGE_CHILDREN``), run in an empty directory (no configuration
    file there), with a bytecode cache (filled by a first run that is not counted)."""
    import resource

    env = _startup_env()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    runs = []
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "in.txt").write_text(text, encoding="utf-8")
        for _ in range(repeat + 1):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(
                [sys.executable, "-m", "cleantext", "in.txt", "-o", "out.txt"],
                check=True,
                env=env,
                cwd=d,
                stdin=subprocess.DEVNULL,
            )
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            runs.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(runs[1:])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--size", type=float, default=10.0, help="corpus size in MB (default 10)")
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per measurement (best kept); the chain and ftfy alternate, one run each a round",
    )
    ap.add_argument(
        "--profile",
        nargs="?",
        const="cprofile",
        choices=["cprofile", "pyinstrument"],
        help="profile the chain on the corpus and print the hottest functions",
    )
    ap.add_argument(
        "--json",
        default=str(ROOT / "benchmarks" / "results" / "speed.json"),
        help="where to write the figures (default benchmarks/results/speed.json)",
    )
    ap.add_argument(
        "--startup-repeat", type=int, default=5, help="fresh interpreters timed (best kept)"
    )
    ap.add_argument("--no-ftfy", action="store_true", help="skip the ftfy baseline")
    ap.add_argument(
        "--records",
        default="300,3000",
        help="record sizes in bytes for the short-record comparison ('' skips it)",
    )
    ap.add_argument(
        "--records-mb", type=float, default=1.0, help="MB of the corpus cut into records"
    )
    args = ap.parse_args(argv)

    docs = corpus(args.size)
    size = sum(utf8_len(d) for d in docs)
    pipeline = Pipeline.default()
    names = [s.name for s in pipeline.steps]
    print(
        f"corpus: {len(docs)} documents, {size / 1e6:.2f} MB UTF-8, "
        f"{sum(map(len, docs)) / 1e6:.2f} M characters"
    )
    print(f"default chain: {' -> '.join(names)}")

    # The chain and ftfy alternate, round by round; the ratio is taken from the best of
    # each and shown per round too.
    chain_runs, ftfy_runs = alternate(pipeline, docs, args.repeat, ftfy=not args.no_ftfy)
    chain_s = min(chain_runs)
    chain_mbs = size / 1e6 / chain_s

    rows = []
    for step, inputs in zip(pipeline.steps, step_inputs(pipeline, docs), strict=True):
        in_bytes = sum(utf8_len(d) for d in inputs)

        def run(step=step, inputs=inputs) -> None:
            for d in inputs:
                step(d)

        secs = timeit(run, args.repeat)
        rows.append(
            {
                "step": step.name,
                "input_mb": in_bytes / 1e6,
                "seconds": secs,
                "mb_per_s": in_bytes / 1e6 / secs if secs else float("inf"),
                "share": secs / chain_s,
            }
        )

    ftfy_s = min(ftfy_runs) if ftfy_runs else None

    w = max([len(r["step"]) for r in rows] + [22])
    print()
    print(f"{'step':<{w}}  {'input MB':>8}  {'seconds':>8}  {'MB/s':>8}  {'share':>6}")
    print("-" * (w + 40))
    for r in rows:
        print(
            f"{r['step']:<{w}}  {r['input_mb']:8.2f}  {r['seconds']:8.3f}  "
            f"{r['mb_per_s']:8.1f}  {r['share']:6.1%}"
        )
    print("-" * (w + 40))
    print(f"{'default chain':<{w}}  {size / 1e6:8.2f}  {chain_s:8.3f}  {chain_mbs:8.1f}")
    startup_s = startup_seconds(args.startup_repeat)
    first_s = startup_seconds(args.startup_repeat, _FIRST_DOC)
    cli_s = cli_seconds(args.startup_repeat)
    print(
        f"\nstart-up (import cleantext.cli + Pipeline.default(), fresh process, bytecode "
        f"cache): {startup_s:.3f} s CPU; with a first short document: {first_s:.3f} s; "
        f"a whole `cleantext FILE -o OUT` call on that document: {cli_s:.3f} s"
    )
    result = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "corpus": {"documents": len(docs), "mb": size / 1e6, "size_arg": args.size},
        "repeat": args.repeat,
        "chain": {"steps": names, "seconds": chain_s, "mb_per_s": chain_mbs},
        "steps": rows,
        "startup": {
            "seconds": startup_s,
            "with_first_document_seconds": first_s,
            "cli_call_seconds": cli_s,
        },
    }
    status = 0
    if ftfy_s is not None:
        ftfy_mbs = size / 1e6 / ftfy_s
        ratio = ftfy_s / chain_s
        print(f"{'ftfy.fix_text alone':<{w}}  {size / 1e6:8.2f}  {ftfy_s:8.3f}  {ftfy_mbs:8.1f}")
        verdict = "OK" if ratio >= TARGET_RATIO else "BELOW TARGET"
        rounds = [f / c for c, f in zip(chain_runs, ftfy_runs, strict=True)]
        print(
            f"\nchain is {ratio:.1f}x faster than ftfy.fix_text "
            f"(target {TARGET_RATIO:.0f}x): {verdict}\n"
            f"(best of each over {len(rounds)} alternating rounds; round by round: "
            f"{', '.join(f'{r:.1f}x' for r in rounds)})"
        )
        result["ftfy"] = {
            "seconds": ftfy_s,
            "mb_per_s": ftfy_mbs,
            "ratio": ratio,
            "ratio_per_round": rounds,
        }
        status = 0 if ratio >= TARGET_RATIO else 1
    if args.records and not args.no_ftfy:
        print(f"\nshort records (the first {args.records_mb:g} MB of the corpus, cut at line ends)")
        result["records"] = []
        for size_arg in args.records.split(","):
            rec = compare_records(
                pipeline, docs, int(size_arg), int(args.records_mb * 1e6), args.repeat
            )
            result["records"].append(rec)
            print(
                f"  ~{rec['record_bytes']} B records ({rec['records']}): chain "
                f"{rec['chain_mb_per_s']:.2f} MB/s ({rec['chain_records_per_s']:.0f} records/s), "
                f"ftfy {rec['ftfy_mb_per_s']:.2f} MB/s: {rec['ratio']:.2f}x"
            )
    slowest = max(rows, key=lambda r: r["seconds"]) if rows else None
    if slowest:
        print(f"slowest step: {slowest['step']} ({slowest['share']:.0%} of the chain time)")
        result["slowest_step"] = slowest["step"]

    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"figures written to {out}")

    if args.profile:
        _profile(args.profile, pipeline, docs)
    return status


def _profile(kind: str, pipeline: Pipeline, docs: list[str]) -> None:
    print(f"\n== profile ({kind}) of the default chain over the corpus ==")
    if kind == "pyinstrument":
        try:
            from pyinstrument import Profiler
        except ImportError:
            print("pyinstrument is not installed (pip install pyinstrument); using cProfile")
        else:
            prof = Profiler()
            prof.start()
            _run(pipeline, docs)
            prof.stop()
            print(prof.output_text(unicode=True, color=False))
            return
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    _run(pipeline, docs)
    prof.disable()
    stats = pstats.Stats(prof, stream=sys.stdout).strip_dirs()
    stats.sort_stats("tottime").print_stats(20)
    stats.sort_stats("cumulative").print_stats(20)


if __name__ == "__main__":
    sys.exit(main())
