"""JSON Lines records: clean one string field, leave every other byte of the line alone.

A record is rewritten by *splicing*: the raw text of the field's value is replaced by
the JSON encoding of the cleaned string, so every other field — its formatting, key
order, number spelling, ``\\u`` escapes — is byte-for-byte what it was. A record whose
field is unchanged (or missing, or not a string) is returned as it came.

>>> clean_record('{"id": 1.50, "text": "a\\\\r\\\\nb", "x": "\\\\u4e2d"}', "text", str.upper)
'{"id": 1.50, "text": "A\\\\r\\\\nB", "x": "\\\\u4e2d"}'
>>> clean_record('[1, 2]', "text", str.upper)
Traceback (most recent call last):
...
cleantext.jsonl.RecordError: not a JSON object
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

_DECODER = json.JSONDecoder()
_WS = " \t\n\r"
_SURROGATE = re.compile("[\ud800-\udfff]")


class RecordError(ValueError):
    """A line that is not one JSON object."""


def _skip_ws(s: str, i: int) -> int:
    while i < len(s) and s[i] in _WS:
        i += 1
    return i


def field_span(line: str, field: str) -> tuple[int, int, object] | None:
    """The ``(start, end, value)`` of ``field``'s value in the object ``line`` (last wins).

    Raises :class:`RecordError` unless ``line`` is exactly one JSON object.

    >>> field_span('{"a": 1, "text" : "hi"}', "text")
    (18, 22, 'hi')
    """
    i = _skip_ws(line, 0)
    if i >= len(line) or line[i] != "{":
        raise RecordError("not a JSON object")
    found: tuple[int, int, object] | None = None
    i = _skip_ws(line, i + 1)
    if i < len(line) and line[i] == "}":
        end = i + 1
    else:
        while True:
            if i >= len(line) or line[i] != '"':
                raise RecordError(f"expected a key at column {i + 1}")
            try:
                key, i = json.decoder.scanstring(line, i + 1)  # type: ignore[attr-defined]
            except json.JSONDecodeError as exc:
                raise RecordError(exc.msg) from None
            i = _skip_ws(line, i)
            if i >= len(line) or line[i] != ":":
                raise RecordError(f"expected ':' at column {i + 1}")
            i = _skip_ws(line, i + 1)
            try:
                value, j = _DECODER.raw_decode(line, i)
            except json.JSONDecodeError as exc:
                raise RecordError(f"{exc.msg} at column {exc.pos + 1}") from None
            if key == field:
                found = (i, j, value)
            i = _skip_ws(line, j)
            if i < len(line) and line[i] == ",":
                i = _skip_ws(line, i + 1)
                continue
            if i < len(line) and line[i] == "}":
                end = i + 1
                break
            raise RecordError(f"expected ',' or '}}' at column {i + 1}")
    if _skip_ws(line, end) != len(line):
        raise RecordError(f"extra data after the object at column {end + 1}")
    return found


def clean_record(line: str, field: str, clean: Callable[[str], str]) -> str:
    """``line`` with the string value of ``field`` replaced by ``clean(value)``."""
    span = field_span(line, field)
    if span is None or not isinstance(span[2], str):
        return line
    start, end, value = span
    assert isinstance(value, str)
    cleaned = clean(value)
    if cleaned == value:
        return line
    # Lone surrogates (from "\\udc80" escapes) cannot be written raw: keep them escaped.
    ascii_only = _SURROGATE.search(cleaned) is not None
    return line[:start] + json.dumps(cleaned, ensure_ascii=ascii_only) + line[end:]
