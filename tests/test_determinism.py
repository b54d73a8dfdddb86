"""Determinism: the same output from many threads, many processes and any hash seed."""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest

from cleantext import Pipeline, registry
from cleantext.io import decode

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "fixtures" / "raw").glob("*.txt"))
TEXTS = [decode(p.read_bytes(), p.name) for p in SEEDS]


def _every_step() -> Pipeline:
    """Every registered normalizer once, in chain order (opt-in ones included)."""
    return Pipeline(cls() for cls in registry.all_normalizers())


def _pipelines() -> list:
    return [
        pytest.param(Pipeline.default(), id="default"),
        pytest.param(_every_step(), id="every-step"),
    ]


def _digest(pipeline: Pipeline, texts: list[str]) -> str:
    h = hashlib.sha256()
    for t in texts:
        h.update(pipeline(t).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


@pytest.mark.parametrize("pipeline", _pipelines())
def test_one_pipeline_from_eight_threads(pipeline):
    expected = [pipeline(t) for t in TEXTS]
    jobs = [i for _ in range(4) for i in range(len(TEXTS))]  # each seed 4 times
    barrier = threading.Barrier(8)

    def work(k: int) -> list[tuple[int, str]]:
        barrier.wait()
        mine = jobs[k::8] + jobs[: k % 3]
        return [(i, pipeline(TEXTS[i])) for i in mine]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = [r for rs in pool.map(work, range(8)) for r in rs]
    assert len(results) >= len(jobs)
    for i, out in results:
        assert out == expected[i], SEEDS[i].name


@pytest.mark.parametrize("pipeline", _pipelines())
def test_explain_from_threads_matches_serial(pipeline):
    expected = [pipeline.explain(t) for t in TEXTS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(pipeline.explain, TEXTS * 2))
    for i, exp in enumerate(got):
        assert exp == expected[i % len(TEXTS)]


def _clean_in_worker(args: tuple[bytes, str]) -> str:
    pipeline = pickle.loads(args[0])
    return pipeline(args[1])


@pytest.mark.parametrize("pipeline", _pipelines())
def test_pickled_pipeline_in_spawned_processes(pipeline):
    blob = pickle.dumps(pipeline)
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        got = list(pool.map(_clean_in_worker, [(blob, t) for t in TEXTS]))
    assert got == [pipeline(t) for t in TEXTS]


def test_every_variant_pickles_and_behaves_the_same():
    sample = TEXTS[0][:5000]
    for cls in registry.all_normalizers():
        for v in cls.variants():
            clone = pickle.loads(pickle.dumps(v))
            assert clone == v
            assert clone(sample) == v(sample), cls.name


_SCRIPT = """
import hashlib, sys
from pathlib import Path
from cleantext import Pipeline, registry
from cleantext.io import decode
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
texts = [decode(p.read_bytes(), p.name) for p in paths]
for pipeline in (Pipeline.default(), Pipeline(c() for c in registry.all_normalizers())):
    h = hashlib.sha256()
    for t in texts:
        h.update(pipeline(t).encode("utf-8", "surrogatepass"))
        h.update(b"\\x00")
    print(h.hexdigest())
"""


@pytest.mark.parametrize("hashseed", ["0", "1", "4242", "random"])
def test_same_output_across_processes_and_hash_seeds(hashseed):
    env = dict(os.environ, PYTHONHASHSEED=hashseed, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(ROOT / "fixtures" / "raw")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    default_hash, every_hash = proc.stdout.split()
    assert default_hash == _digest(Pipeline.default(), TEXTS)
    assert every_hash == _digest(_every_step(), TEXTS)
