"""Reading map text and writing output files without ever leaving half a file behind."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from argmap.errors import ArgmapError, MapFormatError

__all__ = ["STDIO", "atomic_write", "decode", "read_text"]

#: The path that means standard input (for reading) or standard output (for writing).
STDIO = "-"


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (a byte-order mark is allowed); bad bytes are a located error."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise MapFormatError(
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be decoded); "
            "save it as UTF-8",
            source,
            line,
            column,
        ) from None


def read_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    """The text at ``path`` (``-`` for standard input) and the name to report it by."""
    if str(path) == STDIO:
        return decode(sys.stdin.buffer.read(), "<stdin>"), "<stdin>"
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise MapFormatError("no such file", name) from None
    except IsADirectoryError:
        raise MapFormatError("is a directory, not a map file", name) from None
    except OSError as error:
        raise MapFormatError(f"cannot read: {error.strerror}", name) from None
    return decode(data, name), name


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: readers see the old file or the new one.

    The bytes go to a temporary file beside ``path`` that then replaces it, so a failure
    at any point leaves an existing file untouched and no partial file behind.
    """
    target = Path(path)
    directory = target.parent
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else None
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=directory
        )
    except OSError as error:
        raise ArgmapError(f"{target}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise ArgmapError(f"{target}: cannot write: {error.strerror}") from None
        raise
