"""A progress bar on standard error for work that takes more than a second.

Shown only when standard error is a terminal (never in a pipe, a file or CI logs), never
with ``--quiet``, and only once the work has run for :data:`DELAY` seconds, so that a
quick render prints exactly what it always did. It is transient: when the work ends it
is gone, and only the lines the work reported stay. While it shows, the reporter's lines
are printed above it through the same console, so they are never torn by the bar.

rich is imported only when the bar is about to show.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import TYPE_CHECKING, Any

from argmap.cli._report import stderr_is_a_terminal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as RichProgress

    from argmap.cli._report import Reporter

#: Seconds of work before the bar shows.
DELAY = 1.0


class Progress:
    """A bar counting ``total`` pieces of work (or a spinner, with ``total=None``),
    labelled ``what``; a context manager. ``advance(name)`` says one piece is done.

    ``console`` and ``delay`` are for tests: by default the bar draws on standard error,
    after :data:`DELAY` seconds, and only on a terminal.
    """

    def __init__(
        self,
        total: int | None,
        what: str,
        reporter: Reporter,
        *,
        console: Console | None = None,
        delay: float = DELAY,
    ) -> None:
        self.total = total
        self.what = what
        self.reporter = reporter
        self.done = 0
        self._console = console
        self._delay = delay
        self._wanted = not reporter.quiet and (console is not None or stderr_is_a_terminal())
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._bar: RichProgress | None = None
        self._task: Any = None
        self._finished = False

    def __enter__(self) -> Progress:
        if self._wanted:
            if self._delay <= 0:
                self._show()
            else:
                self._timer = threading.Timer(self._delay, self._show)
                self._timer.daemon = True
                self._timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._finished = True
            if self._bar is not None:
                self._bar.stop()
                self.reporter.live = None

    def advance(self, name: str = "") -> None:
        """One more piece done; ``name`` (a map's) shows beside the bar."""
        with self._lock:
            self.done += 1
            if self._bar is not None:
                self._bar.update(self._task, advance=1, name=name)

    def _show(self) -> None:
        with self._lock:
            if self._finished:
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )
            from rich.progress import Progress as RichProgress

            console = self._console or Console(stderr=True, highlight=False)
            columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
            if self.total is not None:
                columns += [BarColumn(), MofNCompleteColumn()]
            columns += [TimeElapsedColumn(), TextColumn("{task.fields[name]}")]
            bar = RichProgress(*columns, console=console, transient=True)
            self._task = bar.add_task(self.what, total=self.total, completed=self.done, name="")
            self.reporter.live = bar.console
            bar.start()
            self._bar = bar
