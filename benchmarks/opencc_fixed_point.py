"""Measure that ``convert_script`` is idempotent for every OpenCC config.

OpenCC itself is not idempotent (``s2t`` turns the Traditional ``于飛`` into ``於飛``;
``s2twp`` turns ``史他汀類`` into ``史史他汀類`` on every pass). ``convert_script`` leaves
a line alone when it is already in the target form and converts again (at most
``MAX_PASSES`` passes) when OpenCC's output is not. This script checks, for every
config, every value of every dictionary the config uses (read from the installed
``.ocd2`` files), every seed line and every OpenCC test case: how many passes were
needed, and whether converting the result once more changes it.

Run: ``python benchmarks/opencc_fixed_point.py`` (about a minute).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402

from cleantext.normalizers import script  # noqa: E402

SHARE = Path(os.path.dirname(opencc.__file__)) / "clib" / "share" / "opencc"


def dictionary_values(config: str) -> set[str]:
    """The output strings of every dictionary ``config`` uses (NUL-separated in .ocd2)."""
    files = set(re.findall(r'"file":\s*"([^"]+\.ocd2)"', (SHARE / f"{config}.json").read_text()))
    out: set[str] = set()
    for name in files:
        for part in (SHARE / name).read_bytes().split(b"\x00"):
            try:
                s = part.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if s and all(ord(c) >= 0x2E80 for c in s):
                out.add(s)
    return out


def passes(config: str, line: str) -> int:
    n = 0
    out = line
    while n < script.MAX_PASSES and not script.in_target_form(config, out):
        new = script.one_pass(config, out)
        if new == out:
            break
        out = new
        n += 1
    return n


def main() -> None:
    cases = json.loads((ROOT.parent / "shared" / "peer-cases" / "opencc.json").read_text())
    seeds = sorted((ROOT / "fixtures" / "raw").glob("*.txt"))
    lines = [line for p in seeds for line in p.read_text().split("\n")]
    lines += [c["input"] for c in cases] + [c["expected"] for c in cases]
    total_bad = 0
    for config in script.CONFIGS:
        texts = sorted(dictionary_values(config)) + lines
        hist: Counter[int] = Counter()
        bad = []
        for t in texts:
            hist[passes(config, t)] += 1
            once = script.convert_line(config, t)
            if script.convert_line(config, once) != once:
                bad.append(t)
        total_bad += len(bad)
        hist_s = dict(sorted(hist.items()))
        print(f"{config:6} {len(texts):6} texts  passes {hist_s}  not idempotent: {len(bad)}")
    print("total not idempotent:", total_bad)


if __name__ == "__main__":
    main()
