"""Everything the commands say about their work goes to standard error, through here.

Standard output carries only what was asked for (a picture to ``-o -``, an example, a
JSON report). Problems read ``path:line:col: error: message`` (or ``warning:``), in colour
on a terminal only: never in a pipe or a file, never with ``NO_COLOR`` set, and also in a
pipe with ``FORCE_COLOR`` set. Lines about the work done (``map.yaml: ok (...)``,
``wrote map.svg (...)``, summaries) are left out with ``--quiet``; problems never are.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable

import click

from argmap.errors import Location, Problem, Severity

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow"}


def plural(count: int, noun: str) -> str:
    """``1 claim``, ``2 claims``.

    >>> plural(1, "claim"), plural(0, "warning")
    ('1 claim', '0 warnings')
    """
    return f"{count} {noun}{'' if count == 1 else 's'}"


def colour_wanted() -> bool:
    """Whether standard error takes colour: a terminal, unless NO_COLOR; or FORCE_COLOR."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = sys.stderr
    try:
        terminal = stream is not None and stream.isatty()
    except (OSError, ValueError):
        terminal = False
    return terminal and os.environ.get("TERM") != "dumb"


class Reporter:
    """Writes diagnostics on standard error and counts the problems it wrote."""

    def __init__(self, *, quiet: bool = False, colour: bool | None = None) -> None:
        self.quiet = quiet
        self.colour = colour_wanted() if colour is None else colour
        self.errors = 0
        self.warnings = 0

    def problems(self, problems: Iterable[Problem]) -> None:
        """Write each problem on its line, and count it by severity."""
        for problem in problems:
            if problem.severity is Severity.WARNING:
                self.warnings += 1
            else:
                self.errors += 1
            self._write(self._styled(problem))

    def warning(self, where: str, message: str) -> None:
        """A warning about a whole map (from the layout engine, say): ``where: warning: ...``."""
        self.problems([Problem(message, location=Location(where), severity=Severity.WARNING)])

    def done(self, line: str) -> None:
        """A line about work done; left out with ``--quiet``."""
        if not self.quiet:
            self._write(line)

    def failed(self, line: str) -> None:
        """A line saying why a map failed when its problems alone do not; always written."""
        self._write(line)

    def error(self, message: str) -> None:
        """An error that is no map's problem: ``argmap: error: message``; counted."""
        self.errors += 1
        label = _label(Severity.ERROR) if self.colour else "error"
        self._write(f"argmap: {label}: {message}")

    def _styled(self, problem: Problem) -> str:
        if not self.colour:
            return str(problem)
        where = f"{click.style(str(problem.location), bold=True)}: " if problem.location else ""
        label = _label(problem.severity)
        return f"{where}{label}: {problem.message}"

    def _write(self, line: str) -> None:
        # A stderr that cannot take the line loses it; the exit status still tells.
        with contextlib.suppress(OSError, ValueError):
            click.echo(line, err=True, color=self.colour)


def _label(severity: Severity) -> str:
    return click.style(severity.value, fg=_COLOURS.get(severity, "cyan"), bold=True)
