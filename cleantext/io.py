"""Reading and writing files for the CLI: decoding with clear errors, atomic writes.

Every failure becomes an :class:`InputError` (or :class:`OutputError`) whose message
is one line naming the file and, for bad bytes, the byte offset.

>>> decode(b"\\xef\\xbb\\xbfabc", "<stdin>")
'abc'
>>> decode(b"ab\\xffc", "in.txt")
Traceback (most recent call last):
...
cleantext.io.InputError: in.txt: not valid UTF-8 at byte 2 (0xff); try --encoding or --errors
>>> decode(b"ab\\xffc", "in.txt", errors="surrogateescape").encode("utf-8", "surrogateescape")
b'ab\\xffc'
>>> decode("中文".encode("gb18030"), "x.txt", encoding="auto")
'中文'
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from .encodings import detect

#: ``--errors`` values: how undecodable input bytes (and unencodable output characters)
#: are handled.
ERROR_HANDLERS = ("strict", "replace", "ignore", "surrogateescape")

#: How much of the input the binary check looks at, and the share of control bytes
#: (NUL and the other C0 controls except TAB, LF, VT, FF, CR and ESC, plus DEL) above
#: which input that is not UTF-16/32 is refused as binary. Text damaged by extraction
#: may hold stray NULs (normalize_controls removes them); a tenth of the bytes is not
#: text. No byte of UTF-8, GB18030 or Big5 text outside ASCII is a control byte.
BINARY_SAMPLE = 1 << 16
BINARY_CONTROL_SHARE = 0.10
BINARY_MIN_CONTROLS = 8
_CONTROL_BYTES = bytes([*range(0, 9), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_DROP_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)


class InputError(Exception):
    """Input that cannot be read as text; the message names the file and position."""


class OutputError(Exception):
    """Output that cannot be written or encoded; the message names the target."""


def canonical(encoding: str) -> str:
    """The codec's canonical name (``UTF8`` → ``utf-8``), or ``auto``.

    >>> canonical("UTF8"), canonical("GB18030"), canonical("auto")
    ('utf-8', 'gb18030', 'auto')
    """
    if encoding.lower() == "auto":
        return "auto"
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None


def _pretty(encoding: str) -> str:
    return "UTF-8" if encoding in ("utf-8", "utf-8-sig") else encoding


def looks_binary(data: bytes) -> bool:
    """True for control-byte-heavy data (executables, images, archives).

    Only meaningful for byte-oriented encodings: UTF-16/32 text is full of NULs.

    >>> looks_binary(b"\\x7fELF\\x02\\x01" + bytes(10)), looks_binary("中文".encode())
    (True, False)
    """
    sample = data[:BINARY_SAMPLE]
    controls = len(sample.translate(None, _DROP_TEXT_BYTES))
    return controls >= BINARY_MIN_CONTROLS and controls >= BINARY_CONTROL_SHARE * len(sample)


def refuse_binary(data: bytes, source: str, encoding: str) -> None:
    """Raise :class:`InputError` when ``data`` (the start of an input) is binary, not text.

    Input declared as UTF-16 or UTF-32 is never refused (its ASCII is full of NULs).
    """
    enc = encoding.lower().replace("_", "-")
    if not enc.startswith(("utf-16", "utf-32")) and looks_binary(data):
        sample = data[:BINARY_SAMPLE]
        share = len(sample.translate(None, _DROP_TEXT_BYTES)) / len(sample)
        raise InputError(
            f"{source}: looks like binary data ({share:.0%} control bytes), not text; "
            "if it is UTF-16 or UTF-32, say so with --encoding"
        )


def decode(data: bytes, source: str, encoding: str = "utf-8", errors: str = "strict") -> str:
    """Decode ``data`` read from ``source``.

    ``encoding`` is a codec name or ``auto`` (see :mod:`cleantext.encodings`). A leading
    byte-order mark is honoured and dropped. Control-byte-heavy data that is not UTF-16/32 is
    refused as binary, whatever ``errors`` says.
    """
    if errors not in ERROR_HANDLERS:
        raise InputError(f"unknown --errors value {errors!r}")
    try:
        enc = canonical(encoding)
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    if enc == "auto":
        enc = detect(data)
    base = 0  # bytes dropped before decoding, so error offsets stay file offsets
    if enc in ("utf-8", "utf-8-sig"):
        enc = "utf-8"
        if data.startswith(codecs.BOM_UTF8):
            data = data[3:]
            base = 3
    elif enc in ("utf-16-le", "utf-16-be") and data[:2] in (
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_BE,
    ):
        enc = "utf-16"
    refuse_binary(data, source, enc)
    try:
        return data.decode(enc, errors)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            f"{source}: not valid {_pretty(enc)} at byte {base + exc.start} (0x{bad}); "
            "try --encoding or --errors"
        ) from None


def encode(text: str, target: str, encoding: str = "utf-8", errors: str = "strict") -> bytes:
    """Encode output text; a character the encoding lacks is an :class:`OutputError`.

    >>> encode("中", "<stdout>", "big5")
    b'\\xa4\\xa4'
    >>> encode("中\\U0001F600", "out.txt", "big5")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    cleantext.io.OutputError: out.txt: character '\\U0001f600' at position 1 cannot be written...
    """
    try:
        return text.encode(encoding, errors)
    except UnicodeEncodeError as exc:
        ch = text[exc.start]
        if "\udc80" <= ch <= "\udcff":
            hint = "(a byte that --errors surrogateescape kept)"
        else:
            hint = "; try --errors replace"
        raise OutputError(
            f"{target}: character {ch!r} at position {exc.start} cannot be written in "
            f"{_pretty(encoding)}{hint}"
        ) from None
    except LookupError:
        raise OutputError(f"{target}: unknown encoding {encoding!r}") from None


def _input_error(path: str, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{path}: no such file")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{path}: is a directory")
    if isinstance(exc, PermissionError):
        return InputError(f"{path}: permission denied")
    return InputError(f"{path}: cannot read ({exc.strerror or exc})")


def open_input(path: str) -> BinaryIO:
    """Open a file for reading in binary mode; failures become one-line :class:`InputError`."""
    try:
        return open(path, "rb")
    except OSError as exc:
        raise _input_error(path, exc) from None


def read_bytes(path: str) -> bytes:
    """Read a file, turning the usual failures into a one-line :class:`InputError`."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise _input_error(path, exc) from None


def _write_all(fh: BinaryIO, data: bytes) -> None:
    """Write ``data`` in 1 MiB pieces (the tests replace this to fail mid-way)."""
    view = memoryview(data)
    for i in range(0, len(view), 1 << 20):
        fh.write(view[i : i + (1 << 20)])


class AtomicOutput:
    """An output file that appears complete or not at all.

    Bytes go to a temporary file in the target's directory; :meth:`commit` fsyncs it,
    gives it the target's permission bits (or the umask's for a new file) and renames
    it over the target; :meth:`abort` (or leaving a ``with`` block by an exception)
    removes it, leaving the target as it was. ``backup`` (a suffix) copies the existing
    target to ``path + backup`` just before the rename. A symlink is followed (the file
    it points to is replaced; the link stays a link). A target that exists and is
    not a regular file (``/dev/null``, ``/dev/full``, a FIFO) is written to directly:
    it cannot be replaced by a rename, and must not be.

    Every failure raises :class:`OutputError` with a one-line message naming ``path``.
    """

    def __init__(self, path: str, backup: str | None = None) -> None:
        self.path = path
        self.backup = backup
        self._tmp: str | None = None
        self._mode: int | None = None
        self._existed = False
        # A symlink is followed: the file it points to is replaced, the link stays.
        self._real = os.path.realpath(path)
        try:
            self._fh = self._open(Path(self._real))
        except OSError as exc:
            raise self._error(exc) from None

    def _error(self, exc: OSError) -> OutputError:
        return OutputError(f"{self.path}: cannot write ({exc.strerror or exc})")

    def _open(self, target: Path) -> BinaryIO:
        try:
            st = target.stat()
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            self._mode = 0o666 & ~umask
        else:
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError(21, "is a directory")
            if not stat.S_ISREG(st.st_mode):
                return open(target, "wb")
            self._mode = st.st_mode & 0o7777
            self._existed = True
        directory = target.parent if str(target.parent) else Path(".")
        import tempfile  # noqa: PLC0415 - only output files need it (stdout does not)

        fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        return os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        """Append ``data`` to the pending output."""
        try:
            _write_all(self._fh, data)
        except OSError as exc:
            self.abort()
            raise self._error(exc) from None

    def commit(self) -> None:
        """Make the output the target (atomically when the target is a regular file)."""
        try:
            self._fh.flush()
            if self._tmp is not None:
                os.fsync(self._fh.fileno())
            self._fh.close()
            if self._tmp is not None:
                assert self._mode is not None
                os.chmod(self._tmp, self._mode)
                if self.backup and self._existed:
                    import shutil  # noqa: PLC0415 - only --backup needs it

                    shutil.copy2(self._real, self.path + self.backup)
                os.replace(self._tmp, self._real)
                self._tmp = None
        except OSError as exc:
            self.abort()
            raise self._error(exc) from None

    def abort(self) -> None:
        """Discard the pending output; the target is left as it was."""
        with contextlib.suppress(OSError):
            self._fh.close()
        if self._tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
            self._tmp = None

    def __enter__(self) -> AtomicOutput:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def write_atomic(path: str, data: bytes, backup: str | None = None) -> None:
    """Write ``data`` to ``path`` atomically (see :class:`AtomicOutput`).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomic(str(p), b"abc"); p.read_bytes()
    b'abc'
    """
    with AtomicOutput(path, backup) as out:
        out.write(data)
