"""The parser behind ``re.compile``, for the steps that read a pattern's structure.

``remove_ads`` derives the fragments its prefilter scans for from its feature patterns,
and ``fix_encoding`` the window its detector search needs from ftfy's pattern. Both read
the parse tree of ``re``: ``re._parser``/``re._constants`` since Python 3.11,
``sre_parse``/``sre_constants`` before. These are private modules, so every use treats a
tree it does not understand as opaque (no prefilter, no window: slower, never wrong).

>>> parser.parse("ab").getwidth()
(2, 2)
"""

from __future__ import annotations

try:
    from re import _constants as constants
    from re import _parser as parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as constants  # type: ignore[no-redef]
    import sre_parse as parser  # type: ignore[no-redef]

__all__ = ["constants", "parser"]
