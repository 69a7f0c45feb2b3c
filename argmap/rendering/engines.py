"""Layout engines: run Graphviz on DOT text and return what it drew.

- :class:`EmbeddedEngine` (the default) runs ``graphviz-pure``, a port of Graphviz that
  pip installs as one executable: no system package, no compiler, nothing downloaded.
  It is found through the installed package's file list, so it works when the virtual
  environment is not activated and ``PATH`` is bare.
- :class:`SystemEngine` runs the ``dot`` on ``PATH`` (Debian's ``graphviz``, Homebrew's,
  ...). PDF comes from here, drawn with argmap's fonts.

Both run Graphviz in a child process, so a failed or stuck layout can never affect the
next render in the same process (watch mode, notebooks, batch jobs), nothing Graphviz
prints reaches this process's stdout (which may be the user's SVG), its warnings come
back as :class:`EngineWarning`, and a layout that runs past ``timeout`` seconds is killed.

>>> engine = get_engine("embedded")
>>> b"<svg" in engine.run('digraph { a -> b }', "svg")
True
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Protocol
from xml.sax.saxutils import escape

from argmap.errors import RenderError

__all__ = [
    "DEFAULT_TIMEOUT",
    "ENGINES",
    "EmbeddedEngine",
    "Engine",
    "EngineWarning",
    "SystemEngine",
    "get_engine",
]

#: Seconds a layout may take before it is stopped.
DEFAULT_TIMEOUT = 60.0


class EngineWarning(UserWarning):
    """Something Graphviz warned about while laying out a map."""


class Engine(Protocol):
    """Runs Graphviz: DOT text in, the drawing in ``format`` out."""

    name: str
    formats: tuple[str, ...]

    def run(self, dot: str, format: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
        """The drawing of ``dot`` in ``format``; raises :class:`RenderError`."""
        ...


def _run(command: list[str], dot: str, timeout: float, env: dict[str, str] | None) -> bytes:
    """Run Graphviz with ``dot`` on stdin; stdout is the result, stderr becomes warnings."""
    try:
        process = subprocess.run(
            command,
            input=dot.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"the layout took longer than {timeout:g} s and was stopped; "
            "a smaller map, or a longer timeout, will do"
        ) from None
    except OSError as error:
        raise RenderError(f"cannot run {command[0]}: {error.strerror}") from None
    messages = _messages(process.stderr)
    # A failed run may still have written a complete-looking drawing: trust the status.
    if process.returncode != 0:
        detail = "; ".join(messages) or f"exit status {process.returncode}"
        raise RenderError(f"Graphviz failed: {detail}")
    for message in messages:
        warnings.warn(message, EngineWarning, stacklevel=3)
    if not process.stdout:
        raise RenderError("Graphviz produced no output")
    return process.stdout


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

    def run(self, dot: str, format: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
        """The drawing of ``dot`` in ``format``; raises :class:`RenderError`."""
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
        return _run([str(executable), "-q", f"-T{format}"], dot, timeout, env)


class SystemEngine:
    """The Graphviz ``dot`` found on ``PATH``: SVG, PDF, DOT, JSON."""

    name: str = "system"
    formats: tuple[str, ...] = ("svg", "pdf", "dot", "json")

    def __init__(self, executable: str = "dot") -> None:
        self.executable = executable

    def run(self, dot: str, format: str, timeout: float = DEFAULT_TIMEOUT) -> bytes:
        """The drawing of ``dot`` in ``format``; raises :class:`RenderError`."""
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
            # Let dot find argmap's fonts by their family names, before any system font.
            config = Path(directory) / "fonts.conf"
            config.write_text(
                '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                f"<fontconfig><dir>{escape(str(FONT_DIR))}</dir>"
                '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                f"<cachedir>{escape(directory)}</cachedir></fontconfig>",
                encoding="utf-8",
            )
            env = {**os.environ, "FONTCONFIG_FILE": str(config)}
            return _run([found, f"-T{format}"], dot, timeout, env)


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
