"""Peak memory of streaming a large file through the default chain (in a subprocess).

Usage::

    python benchmarks/streaming_memory.py               # 200 MB input, limit 200 MB RSS
    python benchmarks/streaming_memory.py --size 50 --whole 20

Writes a ``--size`` MB UTF-8 file made of the benchmark corpus (seeds and noisy
documents, repeated), then cleans it with :func:`cleantext.streaming.clean_file` in a
fresh Python process writing to a file, and reports that process's peak resident set
size (``ru_maxrss``), its time and throughput; then the same file through the command
line (``cleantext SRC -o DST``, which streams files of 32 MB or more). ``--whole N``
also cleans the first N MB the ordinary way (read everything, ``pipeline(text)``) for
comparison. Exits 1 when either streaming peak RSS reaches ``--limit`` MB.
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

from _common import ROOT, corpus, machine

_CHILD = r"""
import resource, sys, time
sys.path.insert(0, sys.argv[1])
from cleantext import Pipeline
from cleantext.streaming import clean_file
mode, src, dst, window = sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
pipeline = Pipeline.default()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
if mode == "stream":
    with open(dst, "wb") as out:
        written = clean_file(pipeline, src, out, window=window)
elif mode == "cli":  # the command line, as a user runs it: cleantext SRC -o DST
    import os
    from cleantext.cli import main
    if main([src, "-o", dst, "--quiet"]) != 0:
        raise SystemExit("the command line failed")
    written = os.path.getsize(dst)
else:
    from cleantext.io import decode, read_bytes
    data = pipeline(decode(read_bytes(src), src)).encode("utf-8", "surrogateescape")
    with open(dst, "wb") as out:
        written = out.write(data)
took = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(base, peak, took, written)
"""


def _write_input(path: Path, size_mb: float) -> int:
    docs = corpus(min(10.0, size_mb))
    blob = "".join(docs).encode("utf-8", "surrogatepass")
    target = int(size_mb * 1e6)
    written = 0
    with open(path, "wb") as fh:
        while written < target:
            chunk = blob[: target - written]
            # Cut at a line end so that the file stays valid UTF-8.
            if len(chunk) < len(blob):
                chunk = chunk[: chunk.rfind(b"\n") + 1]
                if not chunk:
                    break
            fh.write(chunk)
            written += len(chunk)
    return written


def _run(mode: str, src: Path, dst: Path, window: int) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROOT), mode, str(src), str(dst), str(window)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{proc.stderr}")
    base, peak, took, written = proc.stdout.split()
    size = src.stat().st_size
    return {
        "mode": mode,
        "input_mb": size / 1e6,
        "output_mb": int(written) / 1e6,
        "rss_after_import_mb": int(base) / 1024,  # ru_maxrss is in KiB on Linux
        "peak_rss_mb": int(peak) / 1024,
        "seconds": float(took),
        "mb_per_s": size / 1e6 / float(took),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--size", type=float, default=200.0, help="input size in MB (default 200)")
    ap.add_argument("--limit", type=float, default=200.0, help="peak RSS limit in MB")
    ap.add_argument("--window", type=int, default=0, help="chunk size in characters (0: default)")
    ap.add_argument("--whole", type=float, default=0.0, help="also clean N MB the ordinary way")
    ap.add_argument("--tmp", default=None, help="directory for the input and output files")
    ap.add_argument(
        "--json",
        default=str(ROOT / "benchmarks" / "results" / "streaming_memory.json"),
        help="where to write the figures",
    )
    args = ap.parse_args(argv)
    from cleantext.streaming import DEFAULT_WINDOW

    window = args.window or DEFAULT_WINDOW
    results: dict = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "window_chars": window,
        "runs": [],
    }
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        src = Path(tmp) / "big.txt"
        dst = Path(tmp) / "big.clean.txt"
        size = _write_input(src, args.size)
        print(f"input: {size / 1e6:.1f} MB at {src}")
        stream = _run("stream", src, dst, window)
        results["runs"].append(stream)
        cli = _run("cli", src, dst, window)
        results["runs"].append(cli)
        if args.whole:
            part = Path(tmp) / "part.txt"
            _write_input(part, args.whole)
            results["runs"].append(_run("whole", part, dst, window))
        os.unlink(dst)
    print(
        f"{'mode':<8}{'input MB':>10}{'seconds':>10}{'MB/s':>8}{'RSS at start':>14}{'peak RSS':>10}"
    )
    for r in results["runs"]:
        print(
            f"{r['mode']:<8}{r['input_mb']:10.1f}{r['seconds']:10.1f}{r['mb_per_s']:8.1f}"
            f"{r['rss_after_import_mb']:11.1f} MB{r['peak_rss_mb']:7.1f} MB"
        )
    ok = stream["peak_rss_mb"] < args.limit and cli["peak_rss_mb"] < args.limit
    results["limit_mb"] = args.limit
    results["ok"] = ok
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    verdict = "OK" if ok else "OVER THE LIMIT"
    print(
        f"streaming peak RSS {stream['peak_rss_mb']:.1f} MB, command line "
        f"{cli['peak_rss_mb']:.1f} MB (limit {args.limit:.0f} MB): {verdict}"
    )
    print(f"figures written to {out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
