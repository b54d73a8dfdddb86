"""The registry: built-ins are discovered, plugins come in through entry points.

A third-party package exposes a normalizer in the ``cleantext.normalizers`` entry-point
group; the test builds such a package on disk (a module and its ``.dist-info`` with an
``entry_points.txt``), puts it on ``sys.path`` and reloads the registry.
"""

from __future__ import annotations

import importlib
import sys
import textwrap
import warnings

import pytest

from cleantext import Pipeline, registry
from cleantext.normalizer import Normalizer

PLUGIN = '''
from dataclasses import dataclass
from cleantext.normalizer import Normalizer, regex_edits
import re

_MARK = re.compile("WATERMARK")


@dataclass(frozen=True)
class StripWatermarks(Normalizer):
    """Remove the word WATERMARK. Never touches anything else."""

    name = "strip_watermarks"
    order = 95
    default = False

    def edits(self, text):
        return regex_edits(_MARK, text, "", "watermark")
'''


def _install(tmp_path, module: str, body: str, target: str) -> None:
    (tmp_path / f"{module}.py").write_text(textwrap.dedent(body), encoding="utf-8")
    info = tmp_path / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        f"[cleantext.normalizers]\n{module} = {target}\n", encoding="utf-8"
    )


@pytest.fixture
def fresh_registry(monkeypatch, tmp_path):
    """A registry that loads again, with ``tmp_path`` on ``sys.path``; restored after."""
    saved = dict(registry._registry)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "_loaded", False)
    importlib.invalidate_caches()
    yield tmp_path
    registry._registry.clear()
    registry._registry.update(saved)
    for name in ("plugin_ok", "plugin_broken"):
        sys.modules.pop(name, None)


def test_builtins_are_discovered_in_chain_order():
    names = registry.names()
    assert names.index("fix_encoding") < names.index("reflow") < names.index("normalize_spacing")
    assert all(issubclass(c, Normalizer) for c in registry.all_normalizers())


def test_plugin_from_entry_point_is_registered_and_usable(fresh_registry):
    _install(fresh_registry, "plugin_ok", PLUGIN, "plugin_ok:StripWatermarks")
    cls = registry.get("strip_watermarks")
    assert cls.__name__ == "StripWatermarks"
    assert not cls.default and "strip_watermarks" not in [c.name for c in registry.default_chain()]
    p = Pipeline.from_config({"steps": ["normalize_controls", "strip_watermarks"]})
    assert p("a WATERMARK b\r\n") == "a  b\n"


def test_broken_plugin_warns_and_does_not_break_the_tool(fresh_registry):
    _install(fresh_registry, "plugin_broken", "raise ImportError('boom')\n", "plugin_broken:X")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert "reflow" in registry.names()
    assert any("plugin_broken" in str(w.message) and "boom" in str(w.message) for w in caught)


def test_a_plugin_cannot_take_a_builtin_name():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Impostor(Normalizer):
        """Pretends to be reflow."""

        name = "reflow"

        def edits(self, text):
            return []

    with pytest.raises(ValueError, match="already registered"):
        registry.register(Impostor)


def test_names_must_be_snake_case():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Bad(Normalizer):
        """Bad name."""

        name = "Bad-Name"

        def edits(self, text):
            return []

    with pytest.raises(ValueError, match="snake_case"):
        registry.register(Bad)
