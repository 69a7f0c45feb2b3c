"""Reading map text and writing output, so that no file is ever left half-written.

- Reads are bounded: a file, device, pipe or standard input gives at most
  ``limits.current().input_bytes`` bytes, so ``/dev/zero`` is refused, not read forever.
- A regular file is replaced atomically: the bytes go to a file with no name (Linux's
  ``O_TMPFILE``) or a short hidden name beside it, which takes the target's name only once
  complete. Readers see the old file or the new one; a failure or an interrupt at any point
  leaves the old file untouched and nothing else behind.
- Anything else is written in place, as a shell's ``>`` would: devices (``/dev/null``,
  ``/dev/full``), named pipes, sockets, and this process's own descriptors
  (``/dev/stdout``, ``/dev/fd/N``, ``/proc/self/fd/N``). Every byte is checked.
- A symbolic link is followed: the link stays, the file it names gets the new bytes.

Every failure is an :class:`~argmap.errors.ArgmapError` naming the file and the reason.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import select
import socket
import stat
import sys
from collections.abc import Callable

from argmap import limits
from argmap._standard_streams import STAND_INS
from argmap.errors import ArgmapError, MapFormatError

__all__ = [
    "STDIO",
    "decode",
    "read_text",
    "write_file",
    "write_output",
    "write_stdout",
]

#: The path that means standard input (for reading) or standard output (for writing).
STDIO = "-"

# --- reading -----------------------------------------------------------------------------

_CHUNK = 1024 * 1024


# Byte-order marks of the encodings a map file is sometimes saved in by mistake.
_OTHER_ENCODINGS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def decode(data: bytes, source: str) -> str:
    """UTF-8 text (a byte-order mark is allowed); bad bytes are a located error.

    >>> decode("\ufeffclaims: {}".encode("utf-16"), "m.yaml")
    Traceback (most recent call last):
    ...
    argmap.errors.MapFormatError: m.yaml:1:1: the file is UTF-16 text; save it as UTF-8
    """
    for mark, encoding in _OTHER_ENCODINGS:
        if data.startswith(mark):
            raise MapFormatError(
                f"the file is {encoding} text; save it as UTF-8", source, 1, 1, code=_UNREADABLE
            )
    if len(data) >= 4 and data[:4].count(0) >= 2:
        # ASCII saved as UTF-16 or UTF-32 without a mark: every other letter a zero byte.
        raise MapFormatError(
            "the file looks like UTF-16 or UTF-32 text (it holds zero bytes between its "
            "letters); save it as UTF-8",
            source,
            1,
            1,
            code=_UNREADABLE,
        )
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
            code=_UNREADABLE,
        ) from None


def read_text(path: str | os.PathLike[str]) -> tuple[str, str]:
    """The text at ``path`` (``-`` for standard input) and the name to report it by.

    Raises :class:`MapFormatError` when the file cannot be read, is not UTF-8, or holds
    more than the ``input_bytes`` limit.
    """
    name = os.fspath(path)
    if name == STDIO:
        return decode(_read_stdin(), "<stdin>"), "<stdin>"
    return decode(_read_file(name), name), name


def _read_stdin() -> bytes:
    stream = sys.stdin
    try:
        if stream is None:
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        return _read_bounded(stream.buffer.read, "<stdin>")
    except OSError as error:
        raise MapFormatError(
            f"cannot read: {_reason(error)}", "<stdin>", code=_UNREADABLE
        ) from None


def _read_file(name: str) -> bytes:
    if not name:
        raise MapFormatError(
            "the file name is empty; name a map file, or '-' for stdin", "''", code=_UNREADABLE
        )
    try:
        with open(name, "rb", buffering=0) as stream:
            info = os.fstat(stream.fileno())
            # A regular file says its size: refuse a big one without reading it.
            if stat.S_ISREG(info.st_mode) and info.st_size > limits.current().input_bytes:
                raise _too_large(name)
            return _read_bounded(stream.read, name)
    except FileNotFoundError:
        raise MapFormatError(_missing(name), name, code=_UNREADABLE) from None
    except IsADirectoryError:
        raise MapFormatError("is a directory, not a map file", name, code=_UNREADABLE) from None
    except OSError as error:
        raise MapFormatError(f"cannot read: {_reason(error)}", name, code=_UNREADABLE) from None
    except ValueError:  # a NUL in the name: no file can have it
        raise MapFormatError(
            "no such file (the name contains a NUL character)", name, code=_UNREADABLE
        ) from None


#: The problem code of a file that cannot be read at all (as opposed to parsed).
_UNREADABLE = "unreadable"


def _missing(name: str) -> str:
    """Why a file that cannot be found is not there: gone, or a link to nowhere."""
    try:
        target = os.readlink(name)
    except (OSError, ValueError):
        return "no such file"
    return f"a broken link: it points to {target!r}, which does not exist"


def _read_bounded(read: Callable[[int], bytes | None], name: str) -> bytes:
    """Everything ``read`` gives up to the size limit; one byte more is an error."""
    limit = limits.current().input_bytes
    data = bytearray()
    while len(data) <= limit:
        chunk = read(min(_CHUNK, limit + 1 - len(data)))
        if not chunk:
            return bytes(data)
        data += chunk
    raise _too_large(name)


def _too_large(name: str) -> MapFormatError:
    hint = limits.current().hint("input_bytes")
    return MapFormatError(f"too large to be a map file; {hint}", name, code="too-large")


# --- writing -----------------------------------------------------------------------------


def write_output(target: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to the file ``target``, or to standard output when it is ``-``.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as directory:
    ...     path = pathlib.Path(directory, "out.svg")
    ...     write_output(path, b"<svg/>")
    ...     path.read_bytes()
    b'<svg/>'
    """
    if os.fspath(target) == STDIO:
        write_stdout(data)
    else:
        write_file(target, data)


def write_stdout(data: bytes) -> None:
    """Write all of ``data`` to standard output; a failure is an :class:`ArgmapError`."""
    stream = sys.stdout
    try:
        if stream is None:
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        stream.flush()
        descriptor = _descriptor_of(stream)
        if descriptor is None:  # a stand-in (a test's, a notebook's): it has a buffer
            stream.buffer.write(data)
            stream.buffer.flush()
        else:
            _write_all(descriptor, data)
    except OSError as error:
        raise ArgmapError(f"cannot write to standard output: {_reason(error)}") from None


def write_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path``: replace a regular file atomically, write anything else.

    A regular file (or a new one) is replaced all at once, keeping the old file's mode
    and, where permitted, its owner and group; a file without write permission is
    refused, even for root. Devices, named pipes, sockets and this process's descriptors
    (``/dev/stdout``, ``/dev/fd/1``) are written directly. Symbolic links are followed.
    Raises :class:`ArgmapError` for any failure, leaving an existing file as it was.
    """
    name = os.fspath(path)
    try:
        _write_file(name, data)
    except OSError as error:
        raise ArgmapError(f"{name}: cannot write: {_reason(error)}") from None
    except ValueError:  # a NUL in the name
        raise ArgmapError(f"{name!r}: cannot write: the name contains a NUL character") from None


def _write_file(name: str, data: bytes) -> None:
    if not name:
        raise FileNotFoundError(errno.ENOENT, "the file name is empty")
    if name.endswith(("/", os.sep)):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
    target, descriptor = _follow(name)
    if descriptor is not None:
        _write_own_descriptor(descriptor, data)
        return
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        _check_writable(target, info)
        if not stat.S_ISREG(info.st_mode):
            _write_special(target, info, data)
            return
    directory = os.path.dirname(target)
    if info is not None and not _may_write(directory, os.W_OK | os.X_OK):
        # The file itself is writable: say why that is not enough.
        raise PermissionError(
            errno.EACCES,
            "Permission denied: a file is replaced by a new one made beside it, and its "
            "directory does not let you create files",
        )
    if not _replace_anonymously(directory, target, data, info):
        _replace_by_name(directory, target, data, info)
    _sync_directory(directory)


# A directory of some process's descriptors, as realpath spells it: Linux's /dev/fd and
# /proc/self/fd lead to /proc/<pid>/fd; on macOS and the BSDs, /dev/fd is our own.
_DESCRIPTORS = re.compile(r"(?:/proc/(\d+)(?:/task/\d+)?|/dev)/fd")
_NUMBER = re.compile(r"[0-9]+")
_MAX_LINKS = 40  # Linux's own limit on symbolic links in one lookup


def _follow(name: str) -> tuple[str, int | None]:
    """The file a write to ``name`` reaches, and its number if it is one of our descriptors.

    Links are followed by hand, because a descriptor's link (``/proc/self/fd/1``) names
    a pipe or terminal that no path reaches: it must be caught before it is read.
    """
    # Not abspath: it would undo `link/..` by spelling, where the system follows the link.
    current = os.path.join(os.getcwd(), name)
    for _ in range(_MAX_LINKS):
        directory, base = os.path.split(current)
        directory = os.path.realpath(directory)
        current = os.path.join(directory, base)
        descriptors = _DESCRIPTORS.fullmatch(directory)
        if descriptors and _NUMBER.fullmatch(base):
            # Another process's descriptor is opened like a device; ours is used as is,
            # which keeps its offset and append mode (`>> log` stays an append).
            process = descriptors.group(1)
            own = process is None or int(process) == os.getpid()
            return current, int(base) if own else None
        try:
            link = os.readlink(current)
        except OSError as error:
            if error.errno in (errno.EINVAL, errno.ENOENT):  # not a link; not there yet
                return current, None
            raise
        current = os.path.join(directory, link)
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP))


def _check_writable(target: str, info: os.stat_result) -> None:
    # Replacing a file needs only the directory's permission, and root may open anything:
    # ask the file itself, so that a read-only file stays read-only.
    if not info.st_mode & 0o222:
        raise PermissionError(
            errno.EACCES, "it is read-only; make it writable first (chmod u+w) to replace it"
        )
    if not _may_write(target, os.W_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))


def _may_write(path: str, mode: int) -> bool:
    effective = os.access in os.supports_effective_ids
    return os.access(path or ".", mode, effective_ids=effective)


def _write_own_descriptor(descriptor: int, data: bytes) -> None:
    if descriptor in STAND_INS:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and _descriptor_of(stream) == descriptor:
            stream.flush()
    _write_all(descriptor, data)


def _write_special(target: str, info: os.stat_result, data: bytes) -> None:
    if stat.S_ISSOCK(info.st_mode):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(target)
            connection.sendall(data)
        return
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | _CLOEXEC | _BINARY
    descriptor = os.open(target, flags)
    try:
        _write_all(descriptor, data)
    finally:
        os.close(descriptor)


def _write_all(descriptor: int, data: bytes) -> None:
    """Write every byte of ``data``, however few each call takes."""
    view = memoryview(data)
    while view:
        try:
            written = os.write(descriptor, view)
        except BlockingIOError:  # a descriptor someone left non-blocking: wait for room
            select.select([], [descriptor], [])
            continue
        if written <= 0:
            raise OSError(errno.EIO, "the output took no more bytes")
        view = view[written:]


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_ANONYMOUS = getattr(os, "O_TMPFILE", 0)
# What O_TMPFILE fails with where the kernel or the file system lacks it.
_NO_ANONYMOUS = {errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOSYS}
# What linking /proc/self/fd/N fails with where /proc is missing or locked down.
_NO_PROC_LINK = {errno.ENOENT, errno.EPERM, errno.EXDEV, errno.EOPNOTSUPP, errno.EINVAL}


class _CannotLink(Exception):
    """The unnamed file cannot be given a name here: write a named one instead."""


def _replace_anonymously(
    directory: str, target: str, data: bytes, info: os.stat_result | None
) -> bool:
    """Replace ``target`` through a file with no name until complete; False if impossible.

    A process killed outright (SIGKILL, power loss) leaves nothing behind this way.
    """
    if not _ANONYMOUS:
        return False
    try:  # the unnamed file is named through its entry here, so it must be readable
        descriptors = os.open("/proc/self/fd", os.O_RDONLY | _CLOEXEC)
    except OSError:
        return False
    try:
        try:
            descriptor = os.open(directory or ".", os.O_WRONLY | _ANONYMOUS | _CLOEXEC, 0o666)
        except OSError as error:
            if error.errno in _NO_ANONYMOUS:
                return False
            raise
        try:
            return _fill_and_link(descriptors, descriptor, directory, target, data, info)
        finally:
            with contextlib.suppress(OSError):
                os.close(descriptor)
    finally:
        os.close(descriptors)


def _fill_and_link(
    descriptors: int,
    descriptor: int,
    directory: str,
    target: str,
    data: bytes,
    info: os.stat_result | None,
) -> bool:
    pending: str | None = None  # a name this call made, to remove if it fails
    try:
        _fill(descriptor, data, info)
        # A new file takes its name at once, so it never exists half-written.
        if info is None and _link(descriptors, descriptor, target):
            return True
        # Named before it exists, so an interrupt right after the link still removes it.
        pending = _temporary_name(directory)
        if not _link(descriptors, descriptor, pending):
            pending = None
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST))
        os.replace(pending, target)
        pending = None
        return True
    except _CannotLink:
        return False
    except BaseException:
        if pending is not None:
            with contextlib.suppress(OSError):
                os.unlink(pending)
        raise


def _link(descriptors: int, descriptor: int, name: str) -> bool:
    """Give the unnamed file ``name``; False if that name is taken.

    Through the directory of descriptors: ``os.link("/proc/self/fd/N", ...)`` alone
    would call link(2), which links the magic symlink itself and fails.
    """
    try:
        os.link(str(descriptor), name, src_dir_fd=descriptors, follow_symlinks=True)
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno in _NO_PROC_LINK:
            raise _CannotLink from error
        raise
    return True


def _replace_by_name(
    directory: str, target: str, data: bytes, info: os.stat_result | None
) -> None:
    """Replace ``target`` through a hidden temporary file beside it, removed on failure."""
    name = _temporary_name(directory)
    pending: str | None = name  # set before the file exists: an interrupt may come next
    descriptor: int | None = None
    try:
        try:
            descriptor = os.open(
                name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC | _BINARY, 0o666
            )
        except OSError:
            pending = None  # nothing was made
            raise
        _fill(descriptor, data, info)
        os.close(descriptor)
        descriptor = None
        os.replace(name, target)
        pending = None
    except BaseException:
        if descriptor is not None:
            with contextlib.suppress(OSError):
                os.close(descriptor)
        if pending is not None:
            with contextlib.suppress(OSError):
                os.unlink(pending)
        raise


def _temporary_name(directory: str) -> str:
    # Short, so that a target name of 255 bytes (the usual maximum) still works.
    return os.path.join(directory, f".argmap-{secrets.token_hex(6)}.tmp")


def _fill(descriptor: int, data: bytes, info: os.stat_result | None) -> None:
    """Write the new file's bytes and give it the old one's owner and mode, durably."""
    _write_all(descriptor, data)
    if info is not None:
        if hasattr(os, "fchown"):
            try:
                os.fchown(descriptor, info.st_uid, info.st_gid)
            except PermissionError:  # not root: keep at least the group, if ours
                with contextlib.suppress(PermissionError):
                    os.fchown(descriptor, -1, info.st_gid)
        if hasattr(os, "fchmod"):  # after chown, which may clear set-id bits
            os.fchmod(descriptor, stat.S_IMODE(info.st_mode))
    os.fsync(descriptor)


def _sync_directory(directory: str) -> None:
    """Make the rename durable too, where the system allows syncing a directory."""
    try:
        descriptor = os.open(directory or ".", os.O_RDONLY | _CLOEXEC)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _descriptor_of(stream: object) -> int | None:
    try:
        number = stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return None
    return number if isinstance(number, int) else None


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__
