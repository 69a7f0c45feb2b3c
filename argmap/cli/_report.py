"""Everything the commands say about their work goes to standard error, through here.

Standard output carries only what was asked for (a picture to ``-o -``, an example, a
JSON report). Problems read ``path:line:col: error: message`` (or ``warning:``), in colour
on a terminal only: never in a pipe or a file, never with ``NO_COLOR`` set, and also in a
pipe with ``FORCE_COLOR`` set. Lines about the work done (``map.yaml: ok (...)``,
``wrote map.svg (...)``, summaries) are left out with ``--quiet``; problems never are.

Colour is rich's, imported only when colour is wanted: a pipe, a file or CI pays nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import typer

from argmap.errors import Location, Problem, Severity

if TYPE_CHECKING:
    from rich.console import Console

#: rich's style of each severity's label; any other severity is bold cyan.
_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow"}

#: A line in pieces, each with its rich style ("" for none).
Pieces = list[tuple[str, str]]


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
    return stderr_is_a_terminal()


def stderr_is_a_terminal() -> bool:
    """Whether standard error is an interactive terminal that can redraw a line."""
    try:
        terminal = sys.stderr is not None and sys.stderr.isatty()
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
        self._console: Console | None = None
        #: The console of a progress bar on show (:mod:`argmap.cli._progress`): lines go
        #: through it, above the bar, while it is there.
        self.live: Console | None = None

    def problems(self, problems: Iterable[Problem]) -> None:
        """Write each problem on its line, and count it by severity."""
        for problem in problems:
            if problem.severity is Severity.WARNING:
                self.warnings += 1
            else:
                self.errors += 1
            where: Pieces = [(str(problem.location), "bold"), (": ", "")]
            self._write(
                [
                    *(where if problem.location else []),
                    (problem.severity.value, _style(problem.severity)),
                    (f": {problem.message}", ""),
                ]
            )

    def warning(self, where: str, message: str) -> None:
        """A warning about a whole map (from the layout engine, say): ``where: warning: ...``."""
        self.problems([Problem(message, location=Location(where), severity=Severity.WARNING)])

    def done(self, line: str) -> None:
        """A line about work done; left out with ``--quiet``."""
        if not self.quiet:
            self._write([(line, "")])

    def failed(self, line: str) -> None:
        """A line saying why a map failed when its problems alone do not; always written."""
        self._write([(line, "")])

    def error(self, message: str) -> None:
        """An error that is no map's problem: ``argmap: error: message``; counted."""
        self.errors += 1
        self._write([("argmap: ", ""), ("error", _style(Severity.ERROR)), (f": {message}", "")])

    def _write(self, pieces: Pieces) -> None:
        # A stderr that cannot take the line loses it; the exit status still tells.
        with contextlib.suppress(OSError, ValueError):
            live = self.live
            if live is not None:
                from rich.text import Text

                shown = pieces if self.colour else [(text, "") for text, _ in pieces]
                live.print(Text.assemble(*shown), highlight=False, soft_wrap=True)
            elif self.colour:
                from rich.text import Text

                self._rich().print(Text.assemble(*pieces))
            else:
                typer.echo("".join(text for text, _ in pieces), err=True, color=False)

    def _rich(self) -> Console:
        if self._console is None:
            from rich.console import Console

            # Text as it is: no markup, emoji codes, highlighting or wrapping of its own.
            self._console = Console(
                stderr=True,
                force_terminal=True,
                highlight=False,
                markup=False,
                emoji=False,
                soft_wrap=True,
            )
        return self._console


def _style(severity: Severity) -> str:
    return _STYLES.get(severity, "bold cyan")


def location_data(location: Location | None) -> dict[str, Any]:
    """Where a problem is, as the JSON reports of ``validate`` and ``lint`` give it."""
    return {
        "path": location.path if location else None,
        "line": location.line if location else None,
        "column": location.column if location else None,
    }


class Recorder(Reporter):
    """A reporter that writes nothing but keeps what it was told, to be told to another
    reporter later (:meth:`replay`): what a worker process reports about its map."""

    def __init__(self) -> None:
        super().__init__(colour=False)
        self.said: list[tuple[str, Any]] = []

    def problems(self, problems: Iterable[Problem]) -> None:
        self.said.append(("problems", list(problems)))

    def done(self, line: str) -> None:
        self.said.append(("done", line))

    def failed(self, line: str) -> None:
        self.said.append(("failed", line))

    def error(self, message: str) -> None:
        self.said.append(("error", message))

    def replay(self, reporter: Reporter) -> None:
        """Tell ``reporter`` everything this one was told, in order."""
        for method, argument in self.said:
            getattr(reporter, method)(argument)
