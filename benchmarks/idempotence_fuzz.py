"""How often is the default chain not idempotent on random text? A count, not a test.

Usage::

    python benchmarks/idempotence_fuzz.py                  # seeds 1 2 3, 1 500 texts each
    python benchmarks/idempotence_fuzz.py --seeds 7 --texts 5000 --show 5

Draws random mixtures of the characters where the steps meet (``中文，。``, newlines,
ideographic spaces, ``\\r``, form feeds, spaces and Latin letters; the alphabet of
``tests/test_cli_fuzz.py``), 0 to 300 characters long, and runs the default chain and
the ``blank_lines`` chain on each, then again on the output: a text counts when the
second run changes it. The property tests check the same with hypothesis; this script
gives a rate over many more texts, to compare two versions of the code (run it on
both). Prints the count per seed and the shortest failing texts; exits 1 if any.
"""

from __future__ import annotations

import argparse
import random
import sys

from _common import ROOT  # noqa: F401  (puts the source tree on sys.path)

from cleantext import Pipeline

ALPHABET = "中文，。\n\u3000\r\x0c ab"
LENGTHS = (5, 10, 20, 40, 80, 150, 300)


def failures(seed: int, texts: int) -> tuple[int, list[str]]:
    """``(checks made, the texts whose second run changed)`` for one seed."""
    chains = (Pipeline.default(), Pipeline.from_config({"blank_lines": True}))
    rng = random.Random(seed)
    bad: list[str] = []
    for _ in range(texts):
        n = rng.choice(LENGTHS)
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, n)))
        for chain in chains:
            once = chain(text)
            if chain(once) != once:
                bad.append(text)
    return texts * len(chains), bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--texts", type=int, default=1500, help="texts per seed")
    ap.add_argument("--show", type=int, default=3, help="shortest failing texts shown")
    args = ap.parse_args()
    total = checks = 0
    shown: list[str] = []
    for seed in args.seeds:
        made, bad = failures(seed, args.texts)
        checks += made
        total += len(bad)
        shown += bad
        print(f"seed {seed}: {len(bad)} of {made} changed on a second run")
    print(f"all: {total} of {checks} ({total / max(checks, 1):.2%})")
    for text in sorted(set(shown), key=len)[: args.show]:
        print(f"  {text!r}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
