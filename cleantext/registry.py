"""Name → normalizer class, for the built-ins and for plugins.

Built-in normalizers register themselves with :func:`register` when their module
under :mod:`cleantext.normalizers` is imported; every module in that package is
imported on first use, so adding a file there is all it takes to add a step.
Third-party packages add steps through the ``cleantext.normalizers`` entry-point
group (each entry point names a :class:`~cleantext.normalizer.Normalizer` subclass).
:mod:`importlib.metadata` reads them, imported only when an installed distribution
can have one (see :func:`_may_have_plugins`): it costs a tenth of a command-line call.

>>> "normalize_controls" in names()
True
>>> get("normalize_controls").name
'normalize_controls'
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import pkgutil
import re
import sys
import threading
import warnings

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


def _may_have_plugins() -> bool:
    """False when no installed distribution can have an entry point of the group, so
    that ``importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)`` is certainly
    empty: distributions are found only by the standard path finder, every entry of
    ``sys.path`` is a directory (or missing), and no ``entry_points.txt`` of a
    ``*.dist-info`` or ``*.egg-info`` directory in them holds the group's name (a
    section header does). True whenever that cannot be told (a zip file or an egg on
    ``sys.path``, an unreadable file, another finder of distributions)."""
    if "importlib.metadata" in sys.modules:
        return True  # already imported: nothing to save
    for finder in sys.meta_path:
        if hasattr(finder, "find_distributions") and finder is not importlib.machinery.PathFinder:
            return True
    needle = ENTRY_POINT_GROUP.encode()
    for entry in sys.path:
        if not isinstance(entry, str) or entry.lower().endswith(".egg"):
            return True
        root = entry or "."
        try:
            children = os.listdir(root)
        except OSError:
            if os.path.exists(root):
                return True  # a zip file, or a directory we may not list
            continue
        for child in children:
            if not child.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(root, child, "entry_points.txt"), "rb") as fh:
                    if needle in fh.read():
                        return True
            except (FileNotFoundError, NotADirectoryError):
                continue  # no entry points (an ``.egg-info`` may be a file)
            except OSError:
                return True
    return False


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
        if not _may_have_plugins():
            _loaded = True
            return
        from importlib.metadata import entry_points  # noqa: PLC0415 - see _may_have_plugins

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
