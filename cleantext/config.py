"""Configuration files: ``cleantext.toml`` or ``[tool.cleantext]`` in ``pyproject.toml``.

Discovery works like ruff's: starting in the current directory and walking up to the
root, the first directory that has a ``cleantext.toml``, or a ``pyproject.toml`` with a
``[tool.cleantext]`` table, supplies the configuration (``cleantext.toml`` wins when a
directory has both). A ``pyproject.toml`` without the table is skipped. ``--config
FILE`` names the file instead; ``--no-config`` ignores files altogether.

The keys are exactly those of :meth:`cleantext.Pipeline.from_config` (``steps``,
``skip``, shorthands such as ``convert`` or ``blank_lines``, and per-step tables such
as ``[normalize_spacing] mode = "pangu"``). Files are parsed with :mod:`tomllib`
(``tomli`` before Python 3.11), imported only when a file is read: reading a
configuration never executes code.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "pyproject.toml").write_text('[tool.cleantext]\\nskip = ["reflow"]\\n')
>>> found = find_config(d / "sub" / "dir")
>>> found.path.name, found.values
('pyproject.toml', {'skip': ['reflow']})
"""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .pipeline import ConfigError, Pipeline


def _tomllib() -> types.ModuleType:
    """:mod:`tomllib` (``tomli`` before Python 3.11), imported on first use: most runs
    read no TOML (it is also this module's ``tomllib`` attribute)."""
    if sys.version_info >= (3, 11):
        import tomllib  # noqa: PLC0415 - see above
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib  # noqa: PLC0415

    return tomllib


def __getattr__(name: str) -> Any:
    """``tomllib`` (see :func:`_tomllib`), imported on first access."""
    if name == "tomllib":
        return _tomllib()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


CONFIG_NAME = "cleantext.toml"
PYPROJECT = "pyproject.toml"


@dataclass(frozen=True)
class ConfigFile:
    """A configuration found on disk: where it came from and its keys."""

    path: Path | None
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """How error messages name this configuration."""
        if self.path is None:
            return "defaults"
        if self.path.name == PYPROJECT:
            return f"{self.path} [tool.cleantext]"
        return str(self.path)


def load_config(path: str | Path) -> ConfigFile:
    """Read ``path``: a ``pyproject.toml`` (its ``[tool.cleantext]`` table) or any TOML file.

    Raises :class:`ConfigError` naming the file for unreadable or malformed files.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{p}: no such configuration file") from None
    except IsADirectoryError:
        raise ConfigError(f"{p}: is a directory, not a configuration file") from None
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read ({exc.strerror or exc})") from None
    tomllib = _tomllib()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p}: not valid UTF-8 at byte {exc.start}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: invalid TOML ({exc})") from None
    if p.name == PYPROJECT:
        tool = data.get("tool", {})
        table = tool.get("cleantext", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(f"{p}: [tool.cleantext] must be a table")
        return ConfigFile(p, table)
    return ConfigFile(p, data)


def _has_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False  # not ours to judge; an unreadable pyproject.toml is simply skipped
    if "cleantext" not in text and "\\" not in text:
        return False  # the key is spelled out unless escapes spell it; parsing can wait
    tomllib = _tomllib()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False  # a broken pyproject.toml is skipped too
    tool = data.get("tool")
    return isinstance(tool, dict) and "cleantext" in tool


def find_config(start: str | Path | None = None) -> ConfigFile | None:
    """The first configuration found from ``start`` (default: cwd) upwards, or ``None``."""
    try:
        here = (Path(start) if start is not None else Path.cwd()).resolve()
    except OSError:  # the current directory was removed
        return None
    for directory in (here, *here.parents):
        candidate = directory / CONFIG_NAME
        if _is_file(candidate):
            return load_config(candidate)
        pyproject = directory / PYPROJECT
        if _is_file(pyproject) and _has_table(pyproject):
            return load_config(pyproject)
    return None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # e.g. a parent directory we may not search
        return False


def merge(file_values: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """File values overridden by command-line values; per-step tables merge key by key.

    >>> merge({"skip": ["a"], "reflow": {"indent": True}}, {"reflow": {"blank_lines": True}})
    {'skip': ['a'], 'reflow': {'indent': True, 'blank_lines': True}}
    """
    out: dict[str, Any] = dict(file_values)
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def build_pipeline(
    file_config: ConfigFile | None, overrides: Mapping[str, Any]
) -> tuple[Pipeline, dict[str, Any]]:
    """The pipeline for a file configuration plus command-line overrides.

    File keys are validated against the file (errors name it); then the merged mapping
    builds the pipeline. Returns the pipeline and the merged mapping.
    """
    values: Mapping[str, Any] = file_config.values if file_config else {}
    if file_config is not None and file_config.path is not None:
        Pipeline.from_config(values, source=file_config.source)
    merged = merge(values, overrides)
    return Pipeline.from_config(merged, source="command line"), merged


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, (list, tuple, frozenset)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if value is None:
        return '""'
    return json.dumps(str(value), ensure_ascii=False)


def to_toml(config: Mapping[str, Any]) -> str:
    """A configuration mapping as TOML (for ``--show-config``); it loads back unchanged.

    >>> print(to_toml({"steps": ["a", "b"], "reflow": {"blank_lines": True}}), end="")
    steps = ["a", "b"]
    <BLANKLINE>
    [reflow]
    blank_lines = true
    >>> _tomllib().loads(to_toml({"x": {"mode": "pangu", "n": 3}}))
    {'x': {'mode': 'pangu', 'n': 3}}
    """
    lines = [f"{k} = {_toml_value(v)}" for k, v in config.items() if not isinstance(v, Mapping)]
    for key, table in config.items():
        if isinstance(table, Mapping):
            lines += ["", f"[{key}]"]
            lines += [f"{k} = {_toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"
