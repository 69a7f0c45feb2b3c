"""Layout engines: run Graphviz on DOT text and return what it drew.

- :class:`EmbeddedEngine` (the default) runs ``graphviz-pure``, a port of Graphviz that
  pip installs as one executable: no system package, no compiler, nothing downloaded.
  It is found through the installed package's file list, so it works when the virtual
  environment is not activated and ``PATH`` is bare.
- :class:`SystemEngine` runs the ``dot`` on ``PATH`` (Debian's ``graphviz``, Homebrew's,
  ...). Graphviz's own PDF comes from here, drawn with argmap's fonts (argmap's
  usual PDF is typst's, from the finished SVG: :mod:`argmap.rendering.pdf`).

Both run Graphviz in a child process, so a failed or stuck layout can never affect the
next render in the same process (watch mode, notebooks, batch jobs), nothing Graphviz
prints reaches this process's stdout (which may be the user's SVG), its warnings come
back as :class:`EngineWarning`, and a layout that runs past ``timeout`` seconds is killed.

The child runs in a process group of its own, killed whole on a timeout and whenever an
exception (Ctrl-C, the CLI's exit on SIGTERM) interrupts the wait. On Linux it is also
bounded by the kernel, set with ``prlimit`` before it reads the DOT: its address space
to ``limits.engine_memory`` (running out is a :class:`RenderError` naming the limit)
and its CPU time to the timeout and a margin, so that even a child orphaned by a
``kill -9`` of this process dies soon after (it also dies on writing its drawing to the
pipe its dead parent held). There is no parent-death signal: it could only be set
between fork and exec, where Python runs no code safely in a threaded process.
Elsewhere (macOS, Windows) neither memory nor an orphan's CPU time is bounded, and on
Windows a timeout kills the engine itself but not any process it started.

What the engine wrote is checked before it is used: an SVG must be well-formed XML with
an ``<svg>`` root, a PDF must have a PDF header and trailer.

>>> engine = get_engine("embedded")
>>> b"<svg" in engine.run('digraph { a -> b }', "svg")
True
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
import xml.parsers.expat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Protocol
from xml.sax.saxutils import escape

from argmap import limits
from argmap.errors import RenderError
from argmap.rendering._arguments import positive_number

__all__ = [
    "DEFAULT_TIMEOUT",
    "ENGINES",
    "EmbeddedEngine",
    "Engine",
    "EngineWarning",
    "FontWarning",
    "SystemEngine",
    "get_engine",
]

#: Seconds a layout may take before it is stopped.
DEFAULT_TIMEOUT = 60.0


class EngineWarning(UserWarning):
    """Something Graphviz warned about while laying out a map."""


class FontWarning(EngineWarning):
    """A label has characters that no font argmap draws with has: they come out as
    empty boxes. One warning a label, naming it as the map does (``claim 'thai'``)
    and the characters; a font that has them can be added (``render(fonts=...)``)."""


class Engine(Protocol):
    """Runs Graphviz: DOT text in, the drawing in ``format`` out."""

    name: str
    formats: tuple[str, ...]

    def run(self, dot: str, format: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
        """The drawing of ``dot`` in ``format``; raises :class:`RenderError`."""
        ...


#: CPU seconds an engine may use beyond its timeout (a second thread, start-up), after
#: which the kernel stops it even if this process is no longer there to.
_CPU_MARGIN = 5

#: What warns of a drawing that is not whole: cairo stops drawing after any error.
_FATAL = re.compile(r"^cairo: ")
_PAGE = re.compile(rb"/Type\s*/Page\b")
_MEMORY = re.compile(r"(?i)out of memory|memory allocation|cannot allocate memory")


def _run(
    command: list[str],
    dot: str,
    format: str,
    timeout: float,
    env: dict[str, str] | None,
    describe: Callable[[str], str] | None,
) -> bytes:
    """Run Graphviz with ``dot`` on stdin; stdout is the result, stderr becomes warnings."""
    timeout = positive_number("timeout", timeout)
    if timeout > MAX_TIMEOUT:
        raise RenderError(f"timeout must be at most {MAX_TIMEOUT:,} s (a day), not {timeout:g}")
    data = dot.encode("utf-8")
    # Graphviz's drawing is a few times its DOT: much more is not Graphviz at work, and
    # must not fill this process's memory before it is refused.
    most = _OUTPUT_FLOOR + _OUTPUT_PER_BYTE * len(data)
    # A Ctrl-C or SIGTERM that came after the fork but before the block that kills the
    # engine on any exception would leave it running: the signals wait until then.
    blocked = _hold_interrupts()
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own process group, to be killed whole
        )
    except OSError as error:
        _release_interrupts(blocked)
        raise RenderError(f"cannot run {command[0]}: {error.strerror}") from None
    except BaseException:
        _release_interrupts(blocked)
        raise
    with process:  # closes the pipes and reaps the child however this block ends
        try:
            _release_interrupts(blocked)  # one that came meanwhile is raised here
            _bound(process.pid, timeout)
            stdout, stderr = _exchange(process, data, timeout, most)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise RenderError(_too_slow(timeout)) from None
        except BaseException:  # Ctrl-C, or SystemExit from a SIGTERM handler
            _stop(process)
            raise
    if stdout is None:
        raise RenderError(
            f"Graphviz wrote more than {most // 2**20:,} MiB for a graph of "
            f"{len(data) // 1024:,} KiB, and was stopped: that is not a drawing"
        )
    messages = [describe(m) for m in _messages(stderr)] if describe else _messages(stderr)
    # A failed run may still have written a complete-looking drawing: trust the status.
    if process.returncode != 0:
        raise RenderError(_failure(process.returncode, messages, timeout))
    fatal = [message for message in messages if _FATAL.match(message)]
    if fatal:
        raise RenderError(f"Graphviz failed: {'; '.join(fatal)}")
    for message in messages:
        warnings.warn(message, EngineWarning, stacklevel=3)
    if not stdout:
        raise RenderError("Graphviz produced no output")
    _check_output(stdout, format)
    return stdout


#: The longest layout :func:`EmbeddedEngine.run` and :func:`SystemEngine.run` allow.
MAX_TIMEOUT = 86_400
_OUTPUT_FLOOR = 32 * 2**20
_OUTPUT_PER_BYTE = 16
_MOST_MESSAGES = 2**20  # of the engine's stderr: its warnings, which are shown


def _exchange(
    process: subprocess.Popen[bytes], data: bytes, timeout: float, most: int
) -> tuple[bytes | None, bytes]:
    """Feed ``data`` to the engine and collect what it writes, within ``timeout``.

    Like ``communicate``, but reading at most ``most`` bytes of the drawing: past that the
    engine is stopped and the drawing is None. Raises ``TimeoutExpired``.
    """
    assert process.stdin is not None
    assert process.stdout is not None
    assert process.stderr is not None
    drawing, messages = bytearray(), bytearray()
    overflowed = threading.Event()
    stdin = process.stdin

    # An engine that stopped reading fails a write with OSError. A run given up (a
    # timeout, Ctrl-C, SIGTERM) closes the pipes under these threads: their reads and
    # writes then fail with ValueError, which is no news and must print no traceback.
    def feed() -> None:
        with contextlib.suppress(OSError, ValueError):
            stdin.write(data)
        with contextlib.suppress(OSError, ValueError):
            stdin.close()

    def collect(stream: IO[bytes], into: bytearray, limit: int, stops: bool) -> None:
        with contextlib.suppress(OSError, ValueError):
            _collect(stream, into, limit, stops)

    def _collect(stream: IO[bytes], into: bytearray, limit: int, stops: bool) -> None:
        while chunk := stream.read(65536):
            room = limit - len(into)
            if len(chunk) > room:
                if stops:
                    overflowed.set()
                    _stop(process)
                    return
                chunk = chunk[: max(room, 0)]  # keep the first messages, drain the rest
            into += chunk

    workers = [
        threading.Thread(target=feed, daemon=True),
        threading.Thread(target=collect, args=(process.stdout, drawing, most, True), daemon=True),
        threading.Thread(
            target=collect, args=(process.stderr, messages, _MOST_MESSAGES, False), daemon=True
        ),
    ]
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + timeout
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
        if worker.is_alive():
            raise subprocess.TimeoutExpired(process.args, timeout)
    process.wait(max(0.0, deadline - time.monotonic()))
    return (None if overflowed.is_set() else bytes(drawing)), bytes(messages)


# The signals that interrupt a render: Ctrl-C, and the CLI's SIGTERM and SIGHUP.
_INTERRUPTS = {
    signal.SIGINT,
    *(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)),
}


def _hold_interrupts() -> set[int | signal.Signals] | None:
    """Hold back the interrupting signals in this thread; the mask to restore (None where
    signals cannot be held). The engine inherits the mask, which is harmless: it is
    stopped with SIGKILL, and bounded by SIGXCPU and SIGKILL.

    The kernel gives a signal sent to the process to a thread that does not hold it: in
    the CLI, whose only thread draws, that is this one. A program with other threads
    that take signals gets the usual Python behaviour instead."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)


def _release_interrupts(previous: set[int | signal.Signals] | None) -> None:
    """Restore the mask :func:`_hold_interrupts` changed; a signal held back is raised."""
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _bound(pid: int, timeout: float) -> None:
    """Limit the child's address space and CPU time (Linux; elsewhere nothing)."""
    if sys.platform != "linux":
        return
    import resource

    def set_limit(kind: int, soft: int, hard: int) -> None:
        # The child cannot be given more than this process may have.
        ceiling = resource.getrlimit(kind)[1]
        if ceiling != resource.RLIM_INFINITY:
            soft, hard = min(soft, ceiling), min(hard, ceiling)
        # Already gone, or a sandbox that forbids prlimit: the timeout still holds.
        with contextlib.suppress(OSError):
            resource.prlimit(pid, kind, (soft, hard))

    memory = limits.current().engine_memory
    set_limit(resource.RLIMIT_AS, memory, memory)
    cpu = math.ceil(timeout) + _CPU_MARGIN
    # The soft limit sends SIGXCPU, the hard one a second later SIGKILL.
    set_limit(resource.RLIMIT_CPU, cpu, cpu + 1)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill the engine's whole process group (while the child is unreaped, its id
    cannot name another group)."""
    if process.returncode is not None:
        return
    if sys.platform == "win32":
        process.kill()
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _too_slow(timeout: float) -> str:
    return (
        f"the layout took longer than {timeout:g} s and was stopped; "
        "a smaller map, or a longer timeout, will do"
    )


def _failure(returncode: int, messages: list[str], timeout: float) -> str:
    """Why the engine failed, from its exit status and what it said."""
    memory = [message for message in messages if _MEMORY.search(message)]
    hint = limits.current().hint("engine_memory")
    if memory:
        return f"Graphviz ran out of memory ({'; '.join(memory)}); {hint}"
    if returncode < 0:
        name = _signal_name(-returncode)
        if -returncode == getattr(signal, "SIGXCPU", None):
            return _too_slow(timeout)
        return f"Graphviz crashed ({name}); if it ran out of memory, {hint}"
    detail = "; ".join(messages) or f"exit status {returncode}"
    return f"Graphviz failed: {detail}"


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _check_output(output: bytes, format: str) -> None:
    """Raise :class:`RenderError` unless ``output`` looks like a whole ``format`` file."""
    if format == "pdf":
        # A header, a trailer that says where the objects are, and at least a page.
        tail = output[-1024:]
        whole = b"%%EOF" in tail and b"startxref" in tail
        if not output.startswith(b"%PDF-") or not whole or not _PAGE.search(output):
            raise RenderError("Graphviz's PDF is not a whole PDF file")
    elif format == "svg":
        _check_svg(output)
    elif format == "json":
        try:
            json.loads(output)
        except ValueError as error:
            raise RenderError(f"Graphviz's JSON cannot be read: {error}") from None


def _check_svg(output: bytes) -> None:
    roots: list[str] = []
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")

    def start(name: str, attributes: object) -> None:
        if not roots:
            roots.append(name)

    parser.StartElementHandler = start
    try:
        parser.Parse(output, True)
    except xml.parsers.expat.ExpatError as error:
        raise RenderError(f"Graphviz's SVG cannot be read: {error}") from None
    if roots != ["http://www.w3.org/2000/svg svg"]:
        raise RenderError("Graphviz's drawing is not an SVG")


def _messages(stderr: bytes) -> list[str]:
    text = stderr.decode("utf-8", errors="replace")
    lines: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        while line.startswith(("Warning: ", "Error: ")):
            line = line.split(": ", 1)[1]
        if not line:
            continue
        # Graphviz says where a problem is on a line of its own: keep it with the problem.
        if lines and line.startswith("in label of"):
            lines[-1] = f"{lines[-1]} ({line})"
        else:
            lines.append(line)
    return lines


@functools.cache
def _embedded_executable() -> Path | None:
    """Where pip put graphviz-pure's executable, whatever PATH says."""
    try:
        distribution = importlib.metadata.distribution("graphviz-pure")
    except importlib.metadata.PackageNotFoundError:
        return None
    for file in distribution.files or ():
        if file.name in ("graphviz-pure", "graphviz-pure.exe"):
            path = Path(str(distribution.locate_file(file))).resolve()
            if path.exists():
                return path
    # Beside this interpreter (a venv's bin) or on PATH, for unusual installs.
    beside = Path(sys.executable).parent / "graphviz-pure"
    if beside.exists():
        return beside
    found = shutil.which("graphviz-pure")
    return Path(found) if found else None


class EmbeddedEngine:
    """Graphviz as installed by pip (``graphviz-pure``): SVG, DOT, JSON."""

    name: str = "embedded"
    formats: tuple[str, ...] = ("svg", "dot", "json")

    def run(
        self,
        dot: str,
        format: str,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        describe: Callable[[str], str] | None = None,
    ) -> bytes:
        """The drawing of ``dot`` in ``format``; raises :class:`RenderError`.

        ``describe`` rewrites each warning (naming a node as the map names it).
        """
        if format not in self.formats:
            raise RenderError(f"the embedded engine cannot draw {format!r}")
        executable = _embedded_executable()
        if executable is None:
            raise RenderError(
                "the embedded Graphviz engine is missing; reinstall argmap "
                "(pip install --force-reinstall graphviz-pure), or use --engine system"
            )
        # A clean environment: the result must not depend on the caller's locale,
        # home or time zone.
        env = {"PATH": os.defpath, "LC_ALL": "C", "TZ": "UTC"}
        return _run([str(executable), "-q", f"-T{format}"], dot, format, timeout, env, describe)


class SystemEngine:
    """The Graphviz ``dot`` found on ``PATH``: SVG, PDF, DOT, JSON."""

    name: str = "system"
    formats: tuple[str, ...] = ("svg", "pdf", "dot", "json")

    def __init__(self, executable: str = "dot") -> None:
        self.executable = executable

    def run(
        self,
        dot: str,
        format: str,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        describe: Callable[[str], str] | None = None,
        fonts: Sequence[Path] = (),
    ) -> bytes:
        """The drawing of ``dot`` in ``format``; raises :class:`RenderError`.

        ``describe`` rewrites each warning (naming a node as the map names it);
        ``fonts`` are font files that ``dot`` finds by their family names before the
        bundled fonts and the system's (the user's fonts, for the text of a PDF).
        """
        if format not in self.formats:
            raise RenderError(f"the system engine cannot draw {format!r}")
        found = shutil.which(self.executable)
        if found is None:
            raise RenderError(
                f"no Graphviz '{self.executable}' on PATH; install Graphviz "
                "(apt install graphviz, brew install graphviz, https://graphviz.org), "
                "or use the default embedded engine"
            )
        from argmap.rendering.typeset import FONT_DIR

        with tempfile.TemporaryDirectory(prefix="argmap-fonts-") as directory:
            # Let dot find argmap's fonts by their family names, before any system font;
            # fontconfig takes directories, so other fonts are linked into one.
            dirs = [FONT_DIR]
            outside = [path for path in fonts if path.parent != FONT_DIR]
            if outside:
                dirs.insert(0, Path(directory) / "fonts")
                dirs[0].mkdir()
                for index, path in enumerate(outside):
                    link = dirs[0] / f"{index}{path.suffix.lower()}"
                    try:
                        link.symlink_to(path.resolve())
                    except OSError:  # no symbolic links (Windows without the right)
                        shutil.copyfile(path, link)
            config = Path(directory) / "fonts.conf"
            config.write_text(
                '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                "<fontconfig>"
                + "".join(f"<dir>{escape(str(path))}</dir>" for path in dirs)
                + '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                f"<cachedir>{escape(directory)}</cachedir></fontconfig>",
                encoding="utf-8",
            )
            env = {**os.environ, "FONTCONFIG_FILE": str(config)}
            return _run([found, f"-T{format}"], dot, format, timeout, env, describe)


#: The engines by name; ``embedded`` is the default.
ENGINES: dict[str, Callable[[], Engine]] = {
    "embedded": EmbeddedEngine,
    "system": SystemEngine,
}


def get_engine(engine: str | Engine) -> Engine:
    """The engine called ``engine`` (or ``engine`` itself)."""
    if not isinstance(engine, str):
        return engine
    try:
        return ENGINES[engine]()
    except KeyError:
        raise RenderError(f"unknown engine {engine!r} (one of: {', '.join(ENGINES)})") from None
