"""Prove a speed change behaviour-neutral: record every step's edits, compare later.

Usage::

    python benchmarks/same_edits.py --save /tmp/before.pkl          # on the old code
    python benchmarks/same_edits.py --check /tmp/before.pkl         # on the new code
    python benchmarks/same_edits.py --check /tmp/before.pkl --steps reflow

Each step of the default chain (and its notable ``variants()``) is run on the input it
sees in the chain, for a fixed set of documents: the five seeds, the speed benchmark
corpus (2 MB), the accuracy corpus (dev and test splits, 200 samples each), the
synthetic ad corpus, 300 synthetic paged documents and small pathological inputs.
Every edit ``(start, end, old, new, kind, note)`` is recorded; ``--check`` reports the
first documents whose edits differ, and exits 1 if any do. Output equality alone would
miss a change in what ``--explain`` shows, so the edits are compared, not the text.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "benchmarks"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from _common import corpus, seeds  # noqa: E402

from cleantext import Pipeline  # noqa: E402


def documents() -> dict[str, str]:
    """The named documents every step is checked on (deterministic)."""
    import random

    from linear import pathological  # type: ignore[import-not-found]

    from tests import ads_corpus, corruption, pages

    docs: dict[str, str] = {}
    for i, s in enumerate(seeds()):
        docs[f"seed/{i}"] = s
    for i, d in enumerate(corpus(2.0, seed=11)):
        docs[f"speed/{i}"] = d
    for split in ("dev", "test"):
        for i, sample in enumerate(corruption.generate(200, seed=3, split=split)):
            docs[f"accuracy-{split}/{i}"] = sample.text
    for label, doc in ads_corpus.documents():
        docs[f"ads/{label}"] = doc.text
    rng = random.Random(5)
    for i in range(300):
        d = pages.make_document(rng)
        docs[f"pages/{i}"] = d.text
        docs[f"pages-damaged/{i}"] = pages.damage(d, rng).text
    for name, text in pathological(60_000).items():
        docs[f"pathological/{name}"] = text
    return docs


def record(steps: set[str] | None) -> dict[tuple[str, str, str], str]:
    """``(step variant, document, input hash) -> digest of the edits``."""
    chain = Pipeline.default()
    out: dict[tuple[str, str, str], str] = {}
    docs = documents()
    for name, text in docs.items():
        cur = text
        for step in chain.steps:
            if steps is None or step.name in steps:
                key_in = hashlib.blake2b(cur.encode("utf-8", "surrogatepass"), digest_size=8)
                for variant in type(step).variants():
                    edits = variant.edits(cur)
                    h = hashlib.blake2b(digest_size=16)
                    for e in edits:
                        h.update(
                            repr((e.start, e.end, e.old, e.new, e.kind, e.note)).encode(
                                "utf-8", "surrogatepass"
                            )
                        )
                    out[(repr(variant), name, key_in.hexdigest())] = h.hexdigest()
            cur = step(cur)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", help="record the edits into this file")
    group.add_argument("--check", help="compare the edits with this recording")
    ap.add_argument("--steps", help="comma-separated step names (default: every step)")
    args = ap.parse_args(argv)
    steps = set(args.steps.split(",")) if args.steps else None
    now = record(steps)
    if args.save:
        Path(args.save).write_bytes(pickle.dumps(now))
        print(f"recorded {len(now)} (step, document) edit lists into {args.save}")
        return 0
    before: dict[tuple[str, str, str], str] = pickle.loads(Path(args.check).read_bytes())
    if steps is not None:
        before = {k: v for k, v in before.items() if k[0].split("(")[0] in _classes(steps)}
    missing = [k for k in before if k not in now]
    differ = [k for k in before if k in now and before[k] != now[k]]
    for k in differ[:20]:
        print(f"DIFFERENT edits: {k[0]} on {k[1]}")
    for k in missing[:20]:
        print(f"input changed (an earlier step differs?) or not run: {k[0]} on {k[1]}")
    print(
        f"{len(before)} compared: {len(differ)} with different edits, {len(missing)} not comparable"
    )
    return 1 if differ or missing else 0


def _classes(steps: set[str]) -> set[str]:
    from cleantext.registry import get

    return {type(get(s)()).__name__ for s in steps}


if __name__ == "__main__":
    sys.exit(main())
