"""Name → normalizer class, for the built-ins and for plugins.

Built-in normalizers register themselves with :func:`register` when their module
under :mod:`cleantext.normalizers` is imported; every module in that package is
imported on first use, so adding a file there is all it takes to add a step.
Third-party packages add steps through the ``cleantext.normalizers`` entry-point
group (each entry point names a :class:`~cleantext.normalizer.Normalizer` subclass).

>>> "normalize_controls" in names()
True
>>> get("normalize_controls").name
'normalize_controls'
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import threading
import warnings
from importlib.metadata import entry_points

from .normalizer import Normalizer

ENTRY_POINT_GROUP = "cleantext.normalizers"
_NAME_RE = re.compile(r"[a-z][a-z0-9_]*\Z")

_registry: dict[str, type[Normalizer]] = {}
_loaded = False
_lock = threading.RLock()


class UnknownNormalizerError(KeyError):
    """Raised for a step name that no normalizer is registered under."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown normalizer"


def register(cls: type[Normalizer]) -> type[Normalizer]:
    """Class decorator: add ``cls`` to the registry under ``cls.name``.

    Registering a second class under a name already taken by a *different* class is
    an error (a plugin cannot silently replace a built-in).
    """
    if not (isinstance(cls, type) and issubclass(cls, Normalizer)):
        raise TypeError(f"{cls!r} is not a Normalizer subclass")
    if not _NAME_RE.match(cls.name or ""):
        raise ValueError(
            f"{cls.__qualname__}.name must be a snake_case identifier, got {cls.name!r}"
        )
    with _lock:
        old = _registry.get(cls.name)
        if old is not None and (old.__module__, old.__qualname__) != (
            cls.__module__,
            cls.__qualname__,
        ):
            raise ValueError(
                f"normalizer name {cls.name!r} is already registered by "
                f"{old.__module__}.{old.__qualname__}"
            )
        _registry[cls.name] = cls
    return cls


def _load() -> None:
    global _loaded  # noqa: PLW0603 - one-time lazy initialisation
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        from . import normalizers  # noqa: PLC0415 - imported on first use, not at import

        for info in pkgutil.iter_modules(normalizers.__path__):
            importlib.import_module(f"{normalizers.__name__}.{info.name}")
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            try:
                obj = ep.load()
                register(obj)
            except Exception as exc:  # a broken plugin must not break the tool
                warnings.warn(
                    f"cleantext: could not load normalizer plugin {ep.name!r} ({ep.value}): {exc}",
                    RuntimeWarning,
                    stacklevel=2,
                )
        _loaded = True


def get(name: str) -> type[Normalizer]:
    """The normalizer class registered under ``name``.

    >>> get("no_such_step")
    Traceback (most recent call last):
    ...
    cleantext.registry.UnknownNormalizerError: unknown normalizer 'no_such_step'; known: ...
    """
    _load()
    try:
        return _registry[name]
    except KeyError:
        known = ", ".join(names())
        raise UnknownNormalizerError(f"unknown normalizer {name!r}; known: {known}") from None


def all_normalizers() -> list[type[Normalizer]]:
    """Every registered normalizer class, in chain order."""
    _load()
    return sorted(_registry.values(), key=lambda c: (c.order, c.name))


def names() -> list[str]:
    """Every registered name, in chain order."""
    return [c.name for c in all_normalizers()]


def default_chain() -> list[type[Normalizer]]:
    """The classes of the default chain, in order."""
    return [c for c in all_normalizers() if c.default]
