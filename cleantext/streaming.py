"""Clean a text too large for memory, window by window, with the whole-file result.

:func:`clean_stream` takes the text as any sequence of string pieces (lines, blocks of
a file) and yields the cleaned text in pieces; :func:`clean_file` does it for a file on
disk, decoding it incrementally. Memory stays bounded by a few windows of text,
whatever the size of the input or the length of its lines.

How the text is cut (the rule the tests check against whole-file cleaning):

* The text is cut into **chunks** of about ``window`` characters. A chunk ends at the
  first *safe boundary* at or after ``window`` characters: just after the newline of a
  line that ends in sentence-final punctuation (``。！？…`` and friends, possibly
  followed by closing quotes or brackets and trailing spaces) **and** is followed by a
  blank line, an indented line (U+3000, two spaces or a tab) or a form feed — a place
  where every layout step sees the end of a paragraph. A heading, a doubled-glyph line,
  a page number or an ad line never ends in sentence punctuation, so no cut falls just
  after one. Only when there is no such boundary within ``2 × window`` characters does
  the cut fall back to the first blank line, then to the first newline, and last to a
  hard cut at ``2 × window`` characters (a single huge line).
* Each chunk is cleaned **together with its neighbours**: the pipeline runs on the
  chunk plus about ``context`` characters of text before and after it (both ends
  again at safe boundaries), so that document-level statistics — the wrap width,
  lines repeated on several pages, a heading split across the cut — are estimated on
  that whole window, and steps see the lines on both sides of the cut as they would
  in the whole file.
* The output of the chunk is cut out of the window's output by mapping the chunk's two
  cut points through every step's edit script (:meth:`cleantext.Pipeline.explain`):
  an edit that straddles a cut point belongs to the chunk on its right. The windows
  on both sides of a cut see the same text around it, make the same edits there, and
  apply the same rule, so the pieces join up exactly.

The result equals ``pipeline(whole_text)`` whenever the window-level statistics agree
with the whole-file ones — always when the text fits in one window (the default window
is 256 K characters, about 750 KB of Chinese), and in practice at the default window
for real documents. A step whose decision depends on text more than ``context``
characters away from a cut (a running header judged over the whole book, say) can
decide differently near the cut; that is the price of bounded memory.

>>> from cleantext import Pipeline
>>> p = Pipeline.default()
>>> text = "　　第一段的文字被排\\n版切断了。\\n　　第二段。\\n" * 30
>>> pieces = [text[i : i + 7] for i in range(0, len(text), 7)]  # any split will do
>>> out = list(clean_stream(p, pieces, window=40, context=40))
>>> len(out), "".join(out) == p(text)
(15, True)
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO

from .charsets import CLOSING, HSPACE_CLASS, SENTENCE_END
from .io import InputError, open_input
from .normalizer import Edit
from .pipeline import Pipeline

#: Characters per chunk by default (about 750 KB of UTF-8 Chinese, 256 KB of ASCII).
DEFAULT_WINDOW = 256 * 1024
#: Bytes read from a file at a time by :func:`clean_file`.
DEFAULT_BLOCK = 1 << 20


def _class(chars: Iterable[str]) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


# A line that ends a sentence, then its newline, then a blank line, an indented line
# or a form feed. No nested quantifiers; the three classes are disjoint, so a failed
# attempt costs at most the run of closing brackets and spaces after one sentence end.
_SAFE = re.compile(
    rf"[{_class(SENTENCE_END)}][{_class(CLOSING)}]*[{HSPACE_CLASS}]*\n"
    rf"(?=[{HSPACE_CLASS}]*\n|\u3000|[ \t]{{2}}|\t|\f)"
)


def find_cut(text: str, lo: int, hi: int) -> int:
    """The first safe cut point in ``text[lo:hi]`` (see the module docstring).

    Falls back to just after the first blank line, then the first newline, then ``hi``.

    >>> t = "标题\\n正文。\\n　　下一段。\\n"
    >>> find_cut(t, 0, len(t))
    7
    >>> find_cut("abc\\ndef", 0, 7), find_cut("abcdef", 0, 4)
    (4, 4)
    """
    hi = min(hi, len(text))
    if lo >= hi:
        return hi
    m = _SAFE.search(text, lo, hi)
    if m is not None:
        return m.end()
    blank = text.find("\n\n", lo, hi)
    if blank >= 0:
        return blank + 1
    nl = text.find("\n", lo, hi)
    if nl >= 0:
        return nl + 1
    return hi


def map_position(pos: int, edits: Sequence[Edit]) -> int:
    """Where position ``pos`` of a step's input lands in its output.

    An edit that ends at or before ``pos`` (and starts before it) moves it by its
    change in length; an edit that straddles ``pos`` is assigned to the right of the
    cut, so ``pos`` maps to the start of that edit's replacement.

    >>> e = [Edit(1, 3, "bc", "X", "t"), Edit(5, 8, "fgh", "", "t")]
    >>> [map_position(p, e) for p in (0, 1, 2, 3, 5, 6, 8, 9)]
    [0, 1, 1, 2, 4, 4, 4, 5]
    """
    shift = 0
    for e in edits:
        if e.start >= pos:
            break
        if e.end <= pos:
            shift += len(e.new) - (e.end - e.start)
        else:
            return e.start + shift
    return pos + shift


def _clean_window(pipeline: Pipeline, text: str, start: int, stop: int | None) -> str:
    """The cleaned text of ``text[start:stop]``, cleaned in the context of all of ``text``."""
    result = pipeline.explain(text)
    for step in result.steps:
        start = map_position(start, step.edits)
        if stop is not None:
            stop = map_position(stop, step.edits)
    return result.text[start:stop]


def clean_stream(
    pipeline: Pipeline,
    pieces: Iterable[str],
    *,
    window: int = DEFAULT_WINDOW,
    context: int | None = None,
) -> Iterator[str]:
    """Clean the text made of ``pieces`` in bounded memory; yield the output in pieces.

    ``pieces`` is the input in any split (lines of a text file, fixed-size blocks,
    one huge string); joining the yielded pieces gives the cleaned text. ``window``
    is the chunk size in characters; ``context`` (default ``window // 4``, at least 1) is how
    much text on each side of a chunk is cleaned along with it; it must cover what a
    step looks at around a position (``0`` is exact only for steps that look at
    nothing but the characters they change). Memory use is about
    ``2 × window + 4 × context`` characters plus the edits made on one window, plus
    the largest piece (give it lines or blocks, not one huge string: :func:`clean_file`
    reads 1 MB blocks).

    >>> from cleantext import Pipeline
    >>> list(clean_stream(Pipeline.default(), ["a\\r", "\\nb\\n"]))
    ['a\\nb\\n']
    """
    if window < 1:
        raise ValueError("window must be at least 1 character")
    ctx = max(window // 4, 1) if context is None else context
    if ctx < 0:
        raise ValueError("context must not be negative")
    buf = ""  # text from the start of the current window's left context
    a = 0  # start of the current chunk in buf
    pending: list[str] = []
    pending_len = 0
    source = iter(pieces)
    eof = False
    while True:
        need = a + 2 * window + 2 * ctx + 1
        while not eof and len(buf) + pending_len < need:
            try:
                piece = next(source)
            except StopIteration:
                eof = True
                break
            if piece:
                pending.append(piece)
                pending_len += len(piece)
        if pending:
            buf += "".join(pending)
            pending.clear()
            pending_len = 0
        if eof and len(buf) - a <= 2 * window:
            out = _clean_window(pipeline, buf, a, None) if len(buf) > a or a == 0 else ""
            if out:
                yield out
            return
        b = find_cut(buf, a + window, a + 2 * window)
        end = find_cut(buf, b + ctx, b + 2 * ctx) if ctx else b
        if eof and end >= len(buf) - 1:
            end = len(buf)
        out = _clean_window(pipeline, buf[:end], a, b)
        if out:
            yield out
        # The next window's left context starts at a boundary about ``ctx`` before b.
        keep = find_cut(buf, max(0, b - 2 * ctx), b - ctx) if ctx and b - ctx > 0 else b
        if ctx and b - 2 * ctx <= 0:
            keep = 0
        buf = buf[keep:]
        a = b - keep


def iter_decode(
    fh: BinaryIO,
    source: str,
    encoding: str = "utf-8",
    errors: str = "strict",
    block_size: int = DEFAULT_BLOCK,
) -> Iterator[str]:
    """Decode a binary file incrementally, block by block, like :func:`cleantext.io.decode`.

    A leading UTF-8 BOM is dropped. Undecodable bytes raise
    :class:`~cleantext.io.InputError` naming ``source`` and the byte offset in the
    whole file (the same message as whole-file decoding).

    >>> import io
    >>> list(iter_decode(io.BytesIO("\\ufeff中文".encode()), "x", block_size=2))
    ['中', '文']
    >>> list(iter_decode(io.BytesIO(b"abc\\xff"), "in.txt", block_size=2))
    Traceback (most recent call last):
    ...
    cleantext.io.InputError: in.txt: not valid UTF-8 at byte 3 (0xff); try --encoding or --errors
    """
    try:
        decoder = codecs.getincrementaldecoder(encoding)(errors)
    except LookupError:
        raise InputError(f"{source}: unknown encoding {encoding!r}") from None
    utf8 = encoding.lower().replace("_", "-") in ("utf-8", "utf8")
    fed = 0
    first = True
    while True:
        block = fh.read(block_size)
        final = not block
        if first and utf8:
            while len(block) < 3 and not final:  # the BOM check needs three bytes
                more = fh.read(block_size)
                if not more:
                    break
                block += more
            if block.startswith(b"\xef\xbb\xbf"):
                block = block[3:]
                fed = 3
            first = False
        held = decoder.getstate()[0]
        try:
            text = decoder.decode(block, final)
        except UnicodeDecodeError as exc:
            data = held + block
            offset = fed - len(held) + exc.start
            bad = data[exc.start : exc.start + 1].hex()
            name = "UTF-8" if utf8 else encoding
            raise InputError(
                f"{source}: not valid {name} at byte {offset} (0x{bad}); try --encoding or --errors"
            ) from None
        fed += len(block)
        if text:
            yield text
        if final:
            return


def clean_file(
    pipeline: Pipeline,
    in_path: str,
    out_fp: BinaryIO,
    *,
    encoding: str = "utf-8",
    errors: str = "strict",
    window: int = DEFAULT_WINDOW,
    context: int | None = None,
    block_size: int = DEFAULT_BLOCK,
) -> int:
    """Clean the file ``in_path`` into the binary stream ``out_fp``; return bytes written.

    The output is UTF-8 (lone surrogates from ``errors="surrogateescape"`` are written
    back as the original bytes). Read errors raise :class:`~cleantext.io.InputError`
    with a one-line message; output may be partly written by then, so write to a
    temporary file and rename it on success when the target matters.
    """
    written = 0
    with open_input(in_path) as fh:
        pieces = iter_decode(fh, in_path, encoding, errors, block_size)
        for out in clean_stream(pipeline, pieces, window=window, context=context):
            data = out.encode("utf-8", "surrogateescape")
            out_fp.write(data)
            written += len(data)
    return written
