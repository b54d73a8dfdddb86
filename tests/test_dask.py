"""The Dask integration on a real LocalCluster with two worker processes."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest

from cleantext import Pipeline
from cleantext.integrations import dask as ct_dask
from cleantext.io import decode

ROOT = Path(__file__).parent.parent
TEXTS = [decode(p.read_bytes(), p.name) for p in sorted((ROOT / "fixtures" / "raw").glob("*.txt"))]
TEXTS += [
    "　　这是一个被排版\r\n切断的句子，它应\r\n该被重新连接起来\r\n，不能留下换行。\r\n",
    "",
    "plain ascii line\n",
    "零\u200b宽\x00字符\n",
]


def test_missing_dask_names_the_extra(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "dask" or name.startswith("dask."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ImportError, match=r"pip install 'cleantext-cjk\[dask\]'"):
        ct_dask.clean_bag(object(), Pipeline.default())
    with pytest.raises(ImportError, match="cleantext-cjk"):
        ct_dask.clean_column(object(), "text")


def test_rejects_a_non_pipeline():
    pytest.importorskip("dask.bag")
    import dask.bag as db

    with pytest.raises(TypeError, match=r"cleantext\.Pipeline"):
        ct_dask.clean_bag(db.from_sequence(["x"]), "default")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("dask.distributed")
    # Worker processes must import this checkout's cleantext.
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), old]))
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=40,
    )
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old


def test_cluster_has_two_worker_processes(client):
    info = client.scheduler_info()
    assert len(info["workers"]) == 2
    pids = set(client.run(os.getpid).values())
    assert len(pids) == 2 and os.getpid() not in pids


@pytest.mark.parametrize(
    "pipeline",
    [Pipeline.default(), Pipeline.from_config({"blank_lines": True})],
    ids=["default", "blank-lines"],
)
def test_bag_equals_serial(client, pipeline):
    import dask.bag as db

    bag = db.from_sequence(TEXTS * 2, npartitions=4)
    got = ct_dask.clean_bag(bag, pipeline).compute()
    assert got == [pipeline(t) for t in TEXTS * 2]


def test_bag_default_pipeline_and_non_strings(client):
    import dask.bag as db

    got = ct_dask.clean_bag(db.from_sequence(["a\r\nb", None, 3], npartitions=2)).compute()
    assert got == ["a\nb", None, 3]


def test_dataframe_column_equals_serial(client):
    import dask.dataframe as dd
    import pandas as pd

    pipeline = Pipeline.default()
    pdf = pd.DataFrame(
        {
            "id": range(len(TEXTS) * 3),
            "text": TEXTS * 3,
            "source": [f"doc{i}" for i in range(len(TEXTS) * 3)],
        }
    )
    pdf.loc[2, "text"] = None
    ddf = dd.from_pandas(pdf, npartitions=3)
    out = ct_dask.clean_column(ddf, "text", pipeline).compute()
    assert list(out.columns) == ["id", "text", "source"]
    assert list(out["id"]) == list(pdf["id"])
    assert list(out["source"]) == list(pdf["source"])
    expected = [pipeline(t) if isinstance(t, str) else None for t in pdf["text"]]
    got = [None if pd.isna(v) else v for v in out["text"]]
    assert got == expected


def test_dataframe_output_column_keeps_the_original(client):
    import dask.dataframe as dd
    import pandas as pd

    pdf = pd.DataFrame({"text": TEXTS, "n": range(len(TEXTS))})
    ddf = dd.from_pandas(pdf, npartitions=2)
    out = ct_dask.clean_column(ddf, "text", output="clean").compute()
    assert list(out.columns) == ["text", "n", "clean"]
    assert list(out["text"]) == TEXTS
    assert list(out["clean"]) == [Pipeline.default()(t) for t in TEXTS]
    series = ct_dask.clean_series(ddf["text"]).compute()
    assert list(series) == [Pipeline.default()(t) for t in TEXTS]


def test_missing_column(client):
    import dask.dataframe as dd
    import pandas as pd

    ddf = dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(KeyError, match="no column 'text'"):
        ct_dask.clean_column(ddf, "text")
