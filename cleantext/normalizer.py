"""The normalizer contract: what every repair step is and promises.

A normalizer is a small frozen dataclass. Its options are its fields; its class
attributes say how it is registered:

* ``name`` — the registry name (``reflow``, ``remove_ads``…), used by the CLI,
  config files and :func:`cleantext.clean`;
* ``order`` — its place in the chain (lower runs first); see ``ORDER`` below;
* ``default`` — whether it is part of the default chain;
* ``shorthands`` — top-level config keys that set one of its fields (``convert`` →
  ``convert_script.config``); giving a shorthand for an opt-in step adds the step.

A normalizer implements :meth:`Normalizer.edits`, which returns the list of
:class:`Edit` records that turn its input into its output. Calling the normalizer
applies them. Because the edits *are* the change, :meth:`cleantext.Pipeline.explain`
can show exactly what each step did, with offsets in that step's input, and nothing
can disappear without a trace. A normalizer may override ``__call__`` with a faster
path; the property tests check that it agrees with its edits.

Every normalizer promises: it is idempotent (``f(f(x)) == f(x)``), never raises on
any ``str`` (lone surrogates, NUL, 10 MB lines), runs in time linear in the input,
is pure (no I/O, no global state), picklable and safe to share between threads.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Shout(Normalizer):
...     '''Upper-cases ASCII "a". Never touches anything else.'''
...     name = "shout"
...     order = 999
...     default = False
...     def edits(self, text):
...         return regex_edits(_A, text, "A", "shout")
>>> import re; _A = re.compile("a")
>>> Shout()("banana")
'bAnAnA'
>>> [(e.start, e.old, e.new) for e in Shout().edits("ha")]
[(1, 'a', 'A')]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

#: Where each built-in step sits in the chain, and why (see ARCHITECTURE.md):
#: encoding first (everything else assumes real characters), then controls and
#: newlines; then the layout steps that need the original lines, before reflow joins
#: them; reflow; then the in-paragraph steps; script conversion last (opt-in).
ORDER: Mapping[str, int] = {
    "fix_encoding": 10,
    "normalize_controls": 20,
    "remove_page_marks": 30,
    "remove_ads": 40,
    "dedupe_glyphs": 50,
    "reflow": 60,
    "normalize_width": 70,
    "normalize_punctuation": 80,
    "normalize_spacing": 90,
    "convert_script": 100,
}


class _Pattern(Protocol):
    def finditer(self, string: str) -> Iterable[Any]: ...


@dataclass(frozen=True, slots=True)
class Edit:
    """One change made by a step: ``text[start:end]`` (``old``) became ``new``.

    Offsets are in the input of the step that made the edit. ``kind`` is a short
    machine-readable label (``join``, ``page-number``, ``ad-block``…); ``note`` is
    an optional human-readable detail.

    >>> Edit(3, 5, "ab", "", "page-number").removed
    'ab'
    """

    start: int
    end: int
    old: str
    new: str
    kind: str
    note: str = ""

    @property
    def removed(self) -> str:
        """The text this edit took away (empty for pure insertions)."""
        return self.old

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping of this edit.

        >>> Edit(0, 1, "a", "b", "x").to_dict()["new"]
        'b'
        """
        return dataclasses.asdict(self)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits, sorted by position, to ``text``.

    >>> apply_edits("abcdef", [Edit(1, 2, "b", "B", "x"), Edit(4, 6, "ef", "", "x")])
    'aBcd'
    """
    if not edits:
        return text
    parts: list[str] = []
    pos = 0
    for e in edits:
        parts.append(text[pos : e.start])
        parts.append(e.new)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def check_edits(text: str, edits: Sequence[Edit]) -> None:
    """Raise ``ValueError`` unless ``edits`` is a valid edit script for ``text``.

    Used by the tests: edits must be sorted, non-overlapping, within the text, and
    each ``old`` must be the text it claims to replace.
    """
    pos = 0
    for e in edits:
        if not (pos <= e.start <= e.end <= len(text)):
            raise ValueError(f"edit out of order or out of range: {e!r} (after {pos})")
        if text[e.start : e.end] != e.old:
            raise ValueError(f"edit.old does not match the text: {e!r}")
        if e.old == e.new:
            raise ValueError(f"edit changes nothing: {e!r}")
        pos = e.end


def regex_edits(
    pattern: _Pattern,
    text: str,
    repl: str | Callable[[Any], str],
    kind: str,
    note: str = "",
    *,
    pos: int = 0,
    endpos: int | None = None,
) -> list[Edit]:
    """Edits for every match of ``pattern`` in ``text``, like ``pattern.sub(repl, text)``
    (within ``text[pos:endpos]``, read as ``pattern.finditer`` reads them, when given).

    ``repl`` is a literal string (no group references) or a function of the match.
    Matches whose replacement equals the matched text produce no edit.

    >>> import re
    >>> [e.new for e in regex_edits(re.compile(r"\\d+"), "a1b22", lambda m: "#", "num")]
    ['#', '#']
    """
    out: list[Edit] = []
    for m in pattern.finditer(text, pos, len(text) if endpos is None else endpos):
        old = m.group(0)
        new = repl if isinstance(repl, str) else repl(m)
        if new != old:
            out.append(Edit(m.start(), m.end(), old, new, kind, note))
    return out


def line_edits(text: str, fix: Callable[[str], str], kind: str, note: str = "") -> list[Edit]:
    """Edits that apply ``fix`` to each line (``\\n``-separated) independently.

    For steps that work within a line and cannot say more precisely what they did
    (an external library, for instance): each changed line is one edit.

    >>> [(e.old, e.new) for e in line_edits("ab\\ncd", str.upper, "up")]
    [('ab', 'AB'), ('cd', 'CD')]
    """
    out: list[Edit] = []
    pos = 0
    for line in text.split("\n"):
        new = fix(line)
        if new != line:
            out.append(Edit(pos, pos + len(line), line, new, kind, note))
        pos += len(line) + 1
    return out


class Normalizer:
    """Base class of every repair step (see the module docstring for the contract).

    Subclasses are ``@dataclass(frozen=True)`` and define ``name``, ``order``,
    ``default`` and :meth:`edits`.
    """

    name: ClassVar[str] = ""
    order: ClassVar[int] = 500
    default: ClassVar[bool] = False
    shorthands: ClassVar[Mapping[str, str]] = {}

    def edits(self, text: str) -> list[Edit]:  # pragma: no cover - abstract
        """The edits that turn ``text`` into this step's output."""
        raise NotImplementedError

    def __call__(self, text: str) -> str:
        """Return the repaired text."""
        return apply_edits(text, self.edits(text))

    def warm(self) -> None:
        """Build now what this step otherwise builds on first use (large patterns,
        imports), once per process: a process that forks workers calls it first, so
        that they share it instead of each building it. Nothing by default."""

    @classmethod
    def summary(cls) -> str:
        """The first line of the docstring: what the step does, in one sentence."""
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0].strip() if doc else ""

    @classmethod
    def variants(cls) -> list[Normalizer]:
        """Instances the property tests check: the default, plus notable option sets.

        A normalizer whose options change its behaviour a lot (modes, configs) lists
        one instance per option value here, so that every one is proven idempotent.
        """
        return [cls()]

    def options(self) -> dict[str, Any]:
        """The option fields and their current values."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]
