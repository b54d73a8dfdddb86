"""``Pipeline``: an ordered list of normalizers, and how one is built from a config.

A pipeline is called like a function; :meth:`Pipeline.explain` also returns what each
step changed. It holds nothing but its steps, so it is cheap to build, picklable and
safe to share between threads and processes.

Configuration keys (the same in ``clean(text, **options)``, ``Pipeline.from_config``,
``cleantext.toml`` and ``[tool.cleantext]``):

``steps``
    list of step names replacing the default chain (order as given).
``skip``
    list of step names to leave out.
*a shorthand* such as ``convert = "t2s"`` or ``blank_lines = true``
    sets one option of one step (listed by ``cleantext --list``); a shorthand for an
    opt-in step adds that step.
*a step name* with a mapping, e.g. ``{"normalize_spacing": {"mode": "pangu"}}``
    sets that step's options; a table for an opt-in step adds that step.

>>> p = Pipeline.from_config({"steps": ["normalize_controls"]})
>>> p("a\\r\\nb")
'a\\nb'
>>> [s.name for s in p.explain("a\\r\\nb").changed]
['normalize_controls']
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from . import registry
from .normalizer import Edit, Normalizer, apply_edits

TOP_LEVEL_KEYS = ("steps", "skip")


class ConfigError(ValueError):
    """A configuration key or value that cannot be used; the message names the key."""


@dataclass(frozen=True)
class StepReport:
    """What one step did: its name, its edits (offsets in its input) and sizes."""

    name: str
    edits: tuple[Edit, ...]
    chars_in: int
    chars_out: int

    @property
    def changed(self) -> bool:
        """True when the step changed the text."""
        return bool(self.edits)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping of this report."""
        return {
            "step": self.name,
            "chars_in": self.chars_in,
            "chars_out": self.chars_out,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass(frozen=True)
class Explanation:
    """The result of :meth:`Pipeline.explain`: the output and one report per step."""

    text: str
    steps: tuple[StepReport, ...]

    @property
    def changed(self) -> tuple[StepReport, ...]:
        """Only the steps that changed something."""
        return tuple(s for s in self.steps if s.edits)


class Pipeline:
    """An ordered chain of normalizers.

    >>> from cleantext.normalizers.controls import NormalizeControls
    >>> Pipeline([NormalizeControls()])("x\\u200by")
    'xy'
    """

    __slots__ = ("steps",)

    def __init__(self, steps: Iterable[Normalizer]) -> None:
        steps = tuple(steps)
        for s in steps:
            if not isinstance(s, Normalizer):
                raise TypeError(f"pipeline steps must be Normalizer instances, got {s!r}")
        self.steps: tuple[Normalizer, ...] = steps

    # -- running -----------------------------------------------------------------------

    def __call__(self, text: str) -> str:
        """Run every step in order and return the cleaned text."""
        for step in self.steps:
            text = step(text)
        return text

    def warm(self) -> None:
        """Build what every step otherwise builds on first use (see
        :meth:`Normalizer.warm`): before forking workers."""
        for step in self.steps:
            step.warm()

    def explain(self, text: str) -> Explanation:
        """Run every step and report its edits (offsets are in that step's input)."""
        reports = []
        for step in self.steps:
            edits = tuple(step.edits(text))
            out = apply_edits(text, edits)
            reports.append(StepReport(step.name, edits, len(text), len(out)))
            text = out
        return Explanation(text, tuple(reports))

    # -- building ----------------------------------------------------------------------

    @classmethod
    def default(cls) -> Pipeline:
        """The default chain with default options."""
        return cls(c() for c in registry.default_chain())

    @classmethod
    def from_names(
        cls, names: Sequence[str], options: Mapping[str, Mapping[str, Any]] | None = None
    ) -> Pipeline:
        """Steps by name, in the given order, with optional per-step options.

        >>> [s.name for s in Pipeline.from_names(["normalize_controls"]).steps]
        ['normalize_controls']
        """
        options = options or {}
        return cls(make_step(name, options.get(name, {})) for name in names)

    @classmethod
    def from_config(cls, config: Mapping[str, Any], source: str = "options") -> Pipeline:
        """Build a pipeline from a config mapping (see the module docstring for keys).

        ``source`` names where the mapping came from (a file name) in error messages.

        >>> Pipeline.from_config({"bogus": 1})
        Traceback (most recent call last):
        ...
        cleantext.pipeline.ConfigError: options: unknown key 'bogus'
        """
        steps_value = config.get("steps")
        skip_value = config.get("skip", ())
        names = _name_list(steps_value, "steps", source) if steps_value is not None else None
        skip = set(_name_list(skip_value, "skip", source))

        shorthand_owner = {key: c for c in registry.all_normalizers() for key in c.shorthands}
        per_step: dict[str, dict[str, Any]] = {}
        added: list[str] = []
        for key, value in config.items():
            if key in TOP_LEVEL_KEYS:
                continue
            if key in shorthand_owner:
                owner = shorthand_owner[key]
                per_step.setdefault(owner.name, {})[owner.shorthands[key]] = value
                added.append(owner.name)
            elif key in registry.names():
                if not isinstance(value, Mapping):
                    raise ConfigError(f"{source}: [{key}] must be a table of options")
                per_step.setdefault(key, {}).update(value)
                added.append(key)
            else:
                raise ConfigError(f"{source}: unknown key {key!r}")

        chain = list(names) if names is not None else [c.name for c in registry.default_chain()]
        for name in added:
            if name not in chain and names is None:
                _insert_by_order(chain, name)
        chain = [n for n in chain if n not in skip]
        steps = []
        for name in chain:
            try:
                steps.append(make_step(name, per_step.get(name, {})))
            except ConfigError as exc:
                raise ConfigError(f"{source}: {exc}") from None
        return cls(steps)

    def to_config(self) -> dict[str, Any]:
        """The config mapping that rebuilds this pipeline (``--show-config``)."""
        config: dict[str, Any] = {"steps": [s.name for s in self.steps]}
        for s in self.steps:
            changed = {k: v for k, v in s.options().items() if v != _field_default(type(s), k)}
            if changed:
                config[s.name] = changed
        return config

    # -- plumbing ----------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pipeline) and self.steps == other.steps

    def __hash__(self) -> int:
        return hash(self.steps)

    def __repr__(self) -> str:
        return f"Pipeline({list(self.steps)!r})"

    def __getstate__(self) -> tuple[Normalizer, ...]:
        return self.steps

    def __setstate__(self, state: tuple[Normalizer, ...]) -> None:
        self.steps = state


def _insert_by_order(chain: list[str], name: str) -> None:
    order = registry.get(name).order
    for i, other in enumerate(chain):
        if registry.get(other).order > order:
            chain.insert(i, name)
            return
    chain.append(name)


def _name_list(value: Any, key: str, source: str) -> list[str]:
    if isinstance(value, str):
        value = [v for v in value.replace(" ", "").split(",") if v]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: {key!r} must be a list of step names")
    known = set(registry.names())
    for v in value:
        if v not in known:
            raise ConfigError(
                f"{source}: {key!r} names unknown step {v!r}; known: {', '.join(registry.names())}"
            )
    return list(value)


def _field_default(cls: type[Normalizer], name: str) -> Any:
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name == name:
            if f.default is not dataclasses.MISSING:
                return f.default
            if f.default_factory is not dataclasses.MISSING:
                return f.default_factory()
    return dataclasses.MISSING


def make_step(name: str, options: Mapping[str, Any]) -> Normalizer:
    """Instantiate step ``name`` with ``options``, checking names and types.

    >>> make_step("normalize_controls", {"colour": 1})
    Traceback (most recent call last):
    ...
    cleantext.pipeline.ConfigError: [normalize_controls] unknown option 'colour' (options: none)
    """
    cls = registry.get(name)
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    hints = typing.get_type_hints(cls)
    for key, value in options.items():
        if key not in fields:
            listed = ", ".join(fields) or "none"
            raise ConfigError(f"[{name}] unknown option {key!r} (options: {listed})")
        problem = _type_problem(value, hints.get(key, Any))
        if problem:
            raise ConfigError(f"[{name}] option {key!r}: {problem}")
    try:
        return cls(**options)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"[{name}] {exc}") from None


def _type_problem(value: Any, hint: Any) -> str | None:
    origin = get_origin(hint)
    if hint is Any:
        return None
    if origin is Literal:
        choices = get_args(hint)
        return (
            None
            if value in choices
            else f"must be one of {', '.join(map(repr, choices))}, got {value!r}"
        )
    if origin in (Union, types.UnionType):
        problems = [_type_problem(value, h) for h in get_args(hint)]
        return (
            None
            if any(p is None for p in problems)
            else f"got {value!r} of type {type(value).__name__}"
        )
    if hint is type(None):
        return None if value is None else "must be null"
    if hint is bool:
        return None if isinstance(value, bool) else f"must be true or false, got {value!r}"
    if hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"must be an integer, got {value!r}"
    if hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else f"must be a number, got {value!r}"
    if hint is str:
        return None if isinstance(value, str) else f"must be a string, got {value!r}"
    if origin in (tuple, list, frozenset):
        return (
            None
            if isinstance(value, (list, tuple, frozenset))
            else f"must be a list, got {value!r}"
        )
    return None
