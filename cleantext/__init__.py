"""cleantext: turn text damaged by OCR, PDF extraction and scraping back into clean paragraphs.

>>> import cleantext
>>> cleantext.clean("第一行\\r\\n第二行")
'第一行\\n第二行'
>>> "reflow" in [n.name for n in cleantext.list_normalizers()]
True
"""

from __future__ import annotations

import functools
import json
from typing import Any

from . import registry
from .normalizer import Edit, Normalizer
from .pipeline import ConfigError, Explanation, Pipeline, StepReport

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "Edit",
    "Explanation",
    "Normalizer",
    "Pipeline",
    "StepReport",
    "__version__",
    "clean",
    "get_normalizer",
    "list_normalizers",
]


@functools.lru_cache(maxsize=64)
def _pipeline_for(key: str) -> Pipeline:
    return Pipeline.from_config(json.loads(key))


def clean(text: str, **options: Any) -> str:
    """Clean ``text`` with the default chain, or the chain that ``options`` describe.

    ``options`` are the configuration keys (see :mod:`cleantext.pipeline`): ``steps``,
    ``skip``, shorthands such as ``convert="t2s"`` or ``blank_lines=True``, and
    per-step option mappings such as ``normalize_spacing={"mode": "pangu"}``.

    >>> clean("　　这是一个被排版\\n切断的句子，它应\\n该被重新连接起来\\n，不能留下换行。\\n")
    '这是一个被排版切断的句子，它应该被重新连接起来，不能留下换行。\\n'
    >>> clean("a", colour="red")
    Traceback (most recent call last):
    ...
    cleantext.pipeline.ConfigError: options: unknown key 'colour'
    """
    try:
        key = json.dumps(options, sort_keys=True)
    except (TypeError, ValueError):
        return Pipeline.from_config(options)(text)
    return _pipeline_for(key)(text)


def get_normalizer(name: str) -> type[Normalizer]:
    """The normalizer class registered under ``name``."""
    return registry.get(name)


def list_normalizers() -> list[type[Normalizer]]:
    """Every registered normalizer class, in chain order."""
    return registry.all_normalizers()
