"""Writing output: regular files replaced atomically (mode, owner, links and read-only files
respected), special files written in place with every byte checked, every failure an
ArgmapError that leaves the old file as it was and no temporary file behind."""

from __future__ import annotations

import errno
import io
import os
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import argmap
from argmap import ArgmapError
from argmap import _io as io_module
from argmap._io import write_file, write_output, write_stdout

SIMPLE = "claims:\n  t: {kind: thesis, text: T}\n  p: {text: P, supports: t}\n"
LINUX = sys.platform.startswith("linux")


@pytest.fixture(params=["unnamed", "named"])
def how(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test both through Linux's unnamed temporary file and through a named one,
    the way every other system (or file system) is written."""
    if request.param == "named":
        monkeypatch.setattr(io_module, "_ANONYMOUS", 0)
    elif not (LINUX and getattr(os, "O_TMPFILE", 0)):
        pytest.skip("no O_TMPFILE here")
    return str(request.param)


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


# --- regular files -----------------------------------------------------------------------


def test_an_existing_file_is_replaced_keeping_its_mode(tmp_path: Path, how: str) -> None:
    path = tmp_path / "out.yaml"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_file(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert names(tmp_path) == ["out.yaml"]


def test_a_new_file_gets_the_usual_mode(tmp_path: Path, how: str) -> None:
    umask = os.umask(0o022)
    try:
        write_file(tmp_path / "new.yaml", b"data")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o644
    assert names(tmp_path) == ["new.yaml"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_an_existing_file_keeps_its_owner_and_group(tmp_path: Path, how: str) -> None:
    path = tmp_path / "out.svg"
    path.write_bytes(b"old")
    os.chown(path, 1234, 5678)
    write_file(path, b"new")
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 5678)
    assert path.read_bytes() == b"new"


def test_the_bytes_have_no_name_until_they_are_all_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With O_TMPFILE, a process killed mid-write (even by SIGKILL) leaves nothing behind.
    if not (LINUX and getattr(os, "O_TMPFILE", 0)):
        pytest.skip("no O_TMPFILE here")
    path = tmp_path / "out.svg"
    path.write_bytes(b"old")
    seen: list[list[str]] = []
    real = io_module._write_all

    def spy(descriptor: int, data: bytes) -> None:
        seen.append(names(tmp_path))
        real(descriptor, data)

    monkeypatch.setattr(io_module, "_write_all", spy)
    write_file(path, b"new")
    write_file(tmp_path / "fresh.svg", b"new")
    assert seen == [["out.svg"], ["out.svg"]]


@pytest.mark.parametrize("length", [255, 243])
def test_a_name_as_long_as_the_system_allows_works(tmp_path: Path, how: str, length: int) -> None:
    path = tmp_path / ("x" * (length - 4) + ".svg")
    write_file(path, b"new")
    assert path.read_bytes() == b"new"
    write_file(path, b"newer")
    assert names(tmp_path) == [path.name]


def test_a_name_longer_than_the_system_allows_is_an_argmap_error(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 256)
    with pytest.raises(ArgmapError) as raised:
        write_file(path, b"new")
    assert str(raised.value) == f"{path}: cannot write: File name too long"


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path, how: str) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "picture.svg"
    target.write_bytes(b"old")
    target.chmod(0o600)
    (tmp_path / "middle.svg").symlink_to("real/picture.svg")
    link = tmp_path / "link.svg"
    link.symlink_to(tmp_path / "middle.svg")
    write_file(link, b"new")
    assert link.is_symlink()
    assert (tmp_path / "middle.svg").is_symlink()
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o600
    assert names(tmp_path) == ["link.svg", "middle.svg", "real"]
    assert names(tmp_path / "real") == ["picture.svg"]


def test_a_dangling_symlink_creates_the_file_it_names(tmp_path: Path, how: str) -> None:
    link = tmp_path / "link.svg"
    link.symlink_to("later.svg")
    write_file(link, b"new")
    assert link.is_symlink()
    assert (tmp_path / "later.svg").read_bytes() == b"new"


def test_a_symlink_through_a_linked_directory_and_dot_dot_goes_where_the_system_goes(
    tmp_path: Path, how: str
) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "jump").symlink_to(tmp_path / "a" / "b")
    # jump/.. is a, not tmp_path: the link is followed before the .. is.
    write_file(tmp_path / "jump" / ".." / "out.svg", b"new")
    assert (tmp_path / "a" / "out.svg").read_bytes() == b"new"
    assert not (tmp_path / "out.svg").exists()


def test_a_symlink_loop_is_an_argmap_error(tmp_path: Path) -> None:
    (tmp_path / "one").symlink_to("two")
    (tmp_path / "two").symlink_to("one")
    with pytest.raises(ArgmapError) as raised:
        write_file(tmp_path / "one", b"new")
    assert (
        str(raised.value) == f"{tmp_path / 'one'}: cannot write: Too many levels of symbolic links"
    )


READ_ONLY = "it is read-only; make it writable first (chmod u+w) to replace it"


@pytest.mark.parametrize("through", ["itself", "symlink"])
def test_a_read_only_file_is_refused_even_for_root(tmp_path: Path, how: str, through: str) -> None:
    path = tmp_path / "out.svg"
    path.write_bytes(b"old")
    path.chmod(0o444)
    name = path
    if through == "symlink":
        name = tmp_path / "link.svg"
        name.symlink_to(path)
    with pytest.raises(ArgmapError) as raised:
        write_file(name, b"new")
    assert str(raised.value) == f"{name}: cannot write: {READ_ONLY}"
    assert path.read_bytes() == b"old"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write")
def test_a_file_only_others_may_write_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "out.svg"
    path.write_bytes(b"old")
    path.chmod(0o066)
    with pytest.raises(ArgmapError) as raised:
        write_file(path, b"new")
    assert str(raised.value) == f"{path}: cannot write: Permission denied"
    path.chmod(0o644)
    assert path.read_bytes() == b"old"


def test_a_writable_file_in_a_directory_that_takes_no_new_files_is_refused_saying_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.svg"
    path.write_bytes(b"old")
    real = os.access
    # As root, every directory lets one create files: pretend this one does not.
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: p != str(tmp_path) and real(p, mode, **kw)
    )
    with pytest.raises(ArgmapError) as raised:
        write_file(path, b"new")
    assert str(raised.value) == (
        f"{path}: cannot write: Permission denied: a file is replaced by a new one made "
        "beside it, and its directory does not let you create files"
    )
    assert path.read_bytes() == b"old"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(lambda p: p, "Is a directory", id="directory"),
        pytest.param(lambda p: f"{p}/new/", "Is a directory", id="trailing-slash"),
        pytest.param(lambda p: "", "the file name is empty", id="empty"),
        pytest.param(lambda p: p / "no" / "out.svg", "No such file or directory", id="no-dir"),
        pytest.param(lambda p: p / "file" / "out.svg", "Not a directory", id="file-as-dir"),
    ],
)
def test_a_name_that_cannot_be_a_file_is_an_argmap_error(
    tmp_path: Path, name: Callable[[Path], object], message: str
) -> None:
    (tmp_path / "file").write_bytes(b"old")
    target = name(tmp_path)
    with pytest.raises(ArgmapError) as raised:
        write_file(target, b"new")  # type: ignore[arg-type]
    assert str(raised.value) == f"{target}: cannot write: {message}"
    assert names(tmp_path) == ["file"]
    assert (tmp_path / "file").read_bytes() == b"old"


def test_a_nul_in_the_name_is_an_argmap_error(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError) as raised:
        write_file("out\0.svg", b"new")
    assert str(raised.value) == "'out\\x00.svg': cannot write: the name contains a NUL character"


# --- failures and interrupts: the old file stays, nothing else is left ---------------------


def _raise(error: BaseException) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "No space left on device"),
        (errno.EIO, "Input/output error"),
        (errno.EPIPE, "Broken pipe"),
        (errno.EACCES, "Permission denied"),
        (errno.EROFS, "Read-only file system"),
        (errno.EDQUOT, "Disk quota exceeded"),
    ],
)
def test_every_write_error_is_an_argmap_error_and_the_old_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str, code: int, reason: str
) -> None:
    path = tmp_path / "out.svg"
    path.write_bytes(b"old")
    monkeypatch.setattr(os, "write", _raise(OSError(code, os.strerror(code))))
    with pytest.raises(ArgmapError) as raised:
        write_file(path, b"new")
    monkeypatch.undo()
    assert str(raised.value) == f"{path}: cannot write: {reason}"
    assert path.read_bytes() == b"old"
    assert names(tmp_path) == ["out.svg"]


STEPS = ["write", "fsync", "fchmod", "fchown", "link", "replace", "open"]


def _takes(step: str, how: str, exists: bool) -> bool:
    """Whether a write takes ``step``: only an existing file's owner and mode are copied,
    only an unnamed file is linked, and a new unnamed file is linked, not renamed."""
    if step in ("fchown", "fchmod") and not exists:
        return False
    if step == "link":
        return how == "unnamed"
    return not (step == "replace" and how == "unnamed" and not exists)


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("exists", [True, False], ids=["existing", "new"])
@pytest.mark.parametrize(
    "error",
    [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
    ids=["error", "interrupt"],
)
def test_a_failure_or_interrupt_at_any_step_leaves_the_old_file_and_nothing_else(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
    step: str,
    exists: bool,
    error: BaseException,
) -> None:
    path = tmp_path / "out.svg"
    if exists:
        path.write_bytes(b"old")
    monkeypatch.setattr(os, step, _raise(error))
    if not _takes(step, how, exists):
        write_file(path, b"new")
        monkeypatch.undo()
        assert path.read_bytes() == b"new"
        return
    expected = ArgmapError if isinstance(error, OSError) else KeyboardInterrupt
    with pytest.raises(expected) as raised:
        write_file(path, b"new")
    monkeypatch.undo()
    if expected is ArgmapError:
        assert str(raised.value) == f"{path}: cannot write: No space left on device"
    assert names(tmp_path) == (["out.svg"] if exists else [])
    if exists:
        assert path.read_bytes() == b"old"


def test_where_proc_cannot_name_an_unnamed_file_a_named_one_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not (LINUX and getattr(os, "O_TMPFILE", 0)):
        pytest.skip("no O_TMPFILE here")
    path = tmp_path / "out.svg"
    path.write_bytes(b"old")
    refused: list[str] = []

    def link(source: str, name: str, **kwargs: object) -> None:
        refused.append(name)
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "link", link)
    write_file(path, b"new")
    assert path.read_bytes() == b"new"
    assert names(tmp_path) == ["out.svg"]
    assert len(refused) == 1


def test_short_writes_are_continued_until_every_byte_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, bytes(data[:3])))
    path = tmp_path / "out.svg"
    write_file(path, b"0123456789")
    assert path.read_bytes() == b"0123456789"


def test_an_output_that_takes_no_bytes_is_an_error_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "write", lambda fd, data: 0)
    with pytest.raises(ArgmapError) as raised:
        write_file(tmp_path / "out.svg", b"new")
    assert (
        str(raised.value) == f"{tmp_path / 'out.svg'}: cannot write: the output took no more bytes"
    )


# --- special files: written in place ------------------------------------------------------


def test_dev_null_takes_the_bytes_and_stays_a_device() -> None:
    if not os.path.exists("/dev/null") or not LINUX:
        pytest.skip("no /dev/null device here")
    write_file("/dev/null", b"new")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dev_full_reports_the_disk_full_and_stays_a_device() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with pytest.raises(ArgmapError) as raised:
        argmap.dump(argmap.loads(SIMPLE), "/dev/full", "yaml")
    assert str(raised.value) == "/dev/full: cannot write: No space left on device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.fixture
def reader() -> Iterator[Callable[[Callable[[], bytes]], list[bytes]]]:
    """``reader(read)``: run ``read`` in a thread; its result lands in the list returned."""
    threads: list[threading.Thread] = []

    def start(read: Callable[[], bytes]) -> list[bytes]:
        got: list[bytes] = []
        thread = threading.Thread(target=lambda: got.append(read()))
        thread.start()
        threads.append(thread)
        return got

    yield start
    for thread in threads:
        thread.join(timeout=20)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_written_not_replaced(
    tmp_path: Path, reader: Callable[[Callable[[], bytes]], list[bytes]]
) -> None:
    path = tmp_path / "pipe.svg"
    os.mkfifo(path)
    got = reader(path.read_bytes)
    data = b"<svg/>" * 50_000  # more than a pipe holds at once
    write_file(path, data)
    while not got:
        threading.Event().wait(0.01)
    assert got == [data]
    assert stat.S_ISFIFO(path.stat().st_mode)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_a_unix_socket_is_sent_the_bytes(
    tmp_path: Path, reader: Callable[[Callable[[], bytes]], list[bytes]]
) -> None:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)

    def receive() -> bytes:
        connection, _ = server.accept()
        with connection, io.BytesIO() as received:
            while chunk := connection.recv(65536):
                received.write(chunk)
            return received.getvalue()

    try:
        got = reader(receive)
        write_file(path, b"<svg/>" * 10_000)
        while not got:
            threading.Event().wait(0.01)
        assert got == [b"<svg/>" * 10_000]
        assert stat.S_ISSOCK(path.stat().st_mode)
    finally:
        server.close()


def test_a_socket_nobody_listens_on_is_an_argmap_error(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
    with pytest.raises(ArgmapError) as raised:
        write_file(path, b"new")
    assert str(raised.value) == f"{path}: cannot write: Connection refused"


@pytest.mark.skipif(not LINUX, reason="/proc and /dev/fd as on Linux")
@pytest.mark.parametrize(
    "spelling", ["/dev/fd/{fd}", "/proc/self/fd/{fd}", "/proc/{pid}/fd/{fd}", "link"]
)
def test_this_processs_own_descriptor_is_written_in_place(
    tmp_path: Path, spelling: str, reader: Callable[[Callable[[], bytes]], list[bytes]]
) -> None:
    read_end, write_end = os.pipe()
    try:
        name = spelling.format(fd=write_end, pid=os.getpid())
        if spelling == "link":
            name = str(tmp_path / "link.svg")
            os.symlink(f"/dev/fd/{write_end}", name)
        with os.fdopen(read_end, "rb", closefd=False) as stream:
            got = reader(stream.read)
            write_file(name, b"<svg/>")
            os.close(write_end)
            write_end = -1
            while not got:
                threading.Event().wait(0.01)
        assert got == [b"<svg/>"]
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)


@pytest.mark.skipif(not LINUX, reason="/dev/fd as on Linux")
def test_an_own_descriptor_open_for_appending_is_appended_to(tmp_path: Path) -> None:
    # `argmap render m.yaml -o /dev/stdout >> log` must add to log, not replace it.
    log = tmp_path / "log"
    log.write_bytes(b"before\n")
    with open(log, "ab") as stream:
        write_file(f"/dev/fd/{stream.fileno()}", b"<svg/>\n")
    assert log.read_bytes() == b"before\n<svg/>\n"
    assert names(tmp_path) == ["log"]


@pytest.mark.skipif(not LINUX, reason="/dev/fd as on Linux")
def test_a_closed_own_descriptor_is_an_argmap_error() -> None:
    closed = os.open(os.devnull, os.O_RDONLY)
    os.close(closed)
    with pytest.raises(ArgmapError) as raised:
        write_file(f"/dev/fd/{closed}", b"new")
    assert str(raised.value) == f"/dev/fd/{closed}: cannot write: Bad file descriptor"


# --- standard output ---------------------------------------------------------------------


class _Stdout(io.TextIOWrapper):
    """A text stdout over a binary stream, as a notebook or a test runner gives."""

    def fileno(self) -> int:
        raise io.UnsupportedOperation("no descriptor")


def test_dash_writes_to_standard_output(monkeypatch: pytest.MonkeyPatch) -> None:
    captured = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", _Stdout(captured, write_through=True))
    write_output("-", b"<svg/>")
    assert captured.getvalue() == b"<svg/>"


def test_standard_output_on_a_descriptor_gets_every_byte_of_short_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open(tmp_path / "out", "w") as stream:
        monkeypatch.setattr(sys, "stdout", stream)
        real = os.write
        monkeypatch.setattr(os, "write", lambda fd, data: real(fd, bytes(data[:2])))
        stream.write("text first, ")
        write_stdout(b"then bytes")
    assert (tmp_path / "out").read_bytes() == b"text first, then bytes"


def test_a_full_standard_output_is_an_argmap_error(monkeypatch: pytest.MonkeyPatch) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as stream:
        monkeypatch.setattr(sys, "stdout", stream)
        with pytest.raises(ArgmapError) as raised:
            write_stdout(b"<svg/>")
    assert str(raised.value) == "cannot write to standard output: No space left on device"


def test_a_closed_standard_output_is_an_argmap_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(ArgmapError) as raised:
        write_stdout(b"<svg/>")
    assert str(raised.value) == "cannot write to standard output: Bad file descriptor"


def test_dev_stdout_on_a_closed_stdout_is_an_error_not_a_vanished_picture(
    tmp_path: Path,
) -> None:
    # Before: exit 0, and the picture went into the /dev/null that stands in for the
    # closed descriptor 1 (without -o, the same run already said "Bad file descriptor").
    path = tmp_path / "m.yaml"
    path.write_text("claims:\n  a: {text: A}\n")
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "render", str(path), "-f", "svg", "-o", "/dev/stdout"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 1
    assert done.stderr == "argmap: error: /dev/stdout: cannot write: Bad file descriptor\n"
