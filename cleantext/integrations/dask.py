"""Clean a Dask bag of strings or a column of a Dask DataFrame with a cleantext pipeline.

Install with ``pip install 'cleantext-cjk[dask]'``. Dask is imported only when one of
these functions is called; importing this module without Dask installed works, and
calling a function then raises an :class:`ImportError` that names the extra.

The pipeline is shipped to the workers by pickling (a :class:`~cleantext.Pipeline`
holds only frozen dataclasses), once per partition task. Values that are not strings
(``None``, ``NaN``, numbers) pass through unchanged. Results are in the input's order.

Example (with a ``dask.distributed.Client`` running, or on the local scheduler)::

    import dask.bag as db
    from cleantext import Pipeline
    from cleantext.integrations.dask import clean_bag, clean_column

    texts = db.read_text("scans/*.txt", linedelimiter="\\f")   # or db.from_sequence(docs)
    cleaned = clean_bag(texts, Pipeline.default()).compute()

    import dask.dataframe as dd
    df = dd.read_parquet("crawl/")                             # a "text" column
    df = clean_column(df, "text", Pipeline.from_config({"skip": ["remove_ads"]}))
    df.to_parquet("crawl-clean/")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..pipeline import Pipeline

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag
    import dask.dataframe
    import pandas

EXTRA_HINT = "cleantext.integrations.dask needs Dask: pip install 'cleantext-cjk[dask]'"


def _require(module: str) -> Any:
    try:
        return __import__(module, fromlist=["_"])
    except ImportError as exc:
        raise ImportError(f"{EXTRA_HINT} ({exc})") from exc


def _pipeline(pipeline: Pipeline | None) -> Pipeline:
    if pipeline is None:
        return Pipeline.default()
    if not isinstance(pipeline, Pipeline):
        raise TypeError(f"pipeline must be a cleantext.Pipeline, got {pipeline!r}")
    return pipeline


def _clean_value(value: Any, pipeline: Pipeline) -> Any:
    return pipeline(value) if isinstance(value, str) else value


def _clean_partition(texts: Any, pipeline: Pipeline) -> list[Any]:
    return [_clean_value(t, pipeline) for t in texts]


def _clean_series(series: pandas.Series, pipeline: Pipeline) -> pandas.Series:
    cleaned = series.astype(object).map(lambda v: _clean_value(v, pipeline))
    return cleaned.astype(series.dtype)


def _clean_frame(
    frame: pandas.DataFrame, column: str, output: str, pipeline: Pipeline
) -> pandas.DataFrame:
    frame = frame.copy(deep=False)
    frame[output] = _clean_series(frame[column], pipeline)
    return frame


def clean_bag(bag: dask.bag.Bag, pipeline: Pipeline | None = None) -> dask.bag.Bag:
    """A bag of the cleaned strings of ``bag`` (default chain when ``pipeline`` is None).

    Each partition is cleaned in one task, in order: ``clean_bag(db.from_sequence(
    ["a\\r\\nb"]), p).compute()`` gives ``["a\\nb"]``.
    """
    _require("dask.bag")
    p = _pipeline(pipeline)
    return bag.map_partitions(_clean_partition, p)


def clean_series(series: dask.dataframe.Series, pipeline: Pipeline | None = None) -> Any:
    """A Dask Series with every string of ``series`` cleaned; the dtype is kept."""
    _require("dask.dataframe")
    p = _pipeline(pipeline)
    return series.map_partitions(_clean_series, p, meta=series._meta)


def clean_column(
    frame: dask.dataframe.DataFrame,
    column: str,
    pipeline: Pipeline | None = None,
    *,
    output: str | None = None,
) -> dask.dataframe.DataFrame:
    """``frame`` with the strings of ``column`` cleaned (into ``output`` when given).

    Every other column, the index, the column order and the dtypes are unchanged; with
    ``output`` the cleaned text goes into that column (added at the end if new) and
    ``column`` is kept as it was.
    """
    _require("dask.dataframe")
    if column not in frame.columns:
        raise KeyError(f"no column {column!r} (columns: {', '.join(map(str, frame.columns))})")
    p = _pipeline(pipeline)
    out = column if output is None else output
    meta = _clean_frame(frame._meta, column, out, Pipeline([]))
    return frame.map_partitions(_clean_frame, column, out, p, meta=meta)
