"""Reading and writing files for the CLI: strict decoding with clear errors, atomic writes.

>>> decode(b"\\xef\\xbb\\xbfabc", "<stdin>")
'abc'
>>> decode(b"ab\\xffc", "in.txt")
Traceback (most recent call last):
...
cleantext.io.InputError: in.txt: not valid UTF-8 at byte 2 (0xff); try --encoding or --errors
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class InputError(Exception):
    """Input that cannot be read as text; the message names the file and position."""


def decode(data: bytes, source: str, encoding: str = "utf-8", errors: str = "strict") -> str:
    """Decode ``data`` read from ``source``, dropping a leading UTF-8 BOM."""
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8") and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode(encoding, errors)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            f"{source}: not valid {_pretty(encoding)} at byte {exc.start} (0x{bad}); "
            "try --encoding or --errors"
        ) from None
    except LookupError:
        raise InputError(f"{source}: unknown encoding {encoding!r}") from None


def _pretty(encoding: str) -> str:
    return "UTF-8" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding


def read_bytes(path: str) -> bytes:
    """Read a file, turning the usual failures into a one-line :class:`InputError`."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory and a rename.

    On any failure the temporary file is removed and ``path`` is left as it was. An
    existing file's permission bits are kept. A target that exists and is not a
    regular file (``/dev/null``, ``/dev/full``, a FIFO) is written to directly: it
    cannot be replaced by a rename, and must not be.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    mode = None
    with contextlib.suppress(FileNotFoundError):
        st = target.stat()
        if not stat.S_ISREG(st.st_mode):
            with open(target, "wb") as fh:
                fh.write(data)
            return
        mode = st.st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
