"""The progress bar: on a terminal only, never with --quiet, only after its delay, gone
when the work ends, and the reporter's lines printed above it, whole."""

from __future__ import annotations

import io

from rich.console import Console

from argmap.cli._progress import Progress
from argmap.cli._report import Reporter


def _console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=100, color_system=None), out


def test_the_bar_counts_the_work_and_the_reporter_writes_above_it() -> None:
    console, out = _console()
    reporter = Reporter(colour=False)
    with Progress(3, "rendering maps", reporter, console=console, delay=0) as bar:
        assert reporter.live is console
        bar.advance("a.yaml")
        reporter.done("wrote a.svg (2 claims, 1 relation)")
        bar.advance("b.yaml")
    assert reporter.live is None
    assert bar.done == 2
    shown = out.getvalue()
    assert "rendering maps" in shown
    assert "2/3" in shown
    assert "wrote a.svg (2 claims, 1 relation)\n" in shown


def test_quiet_work_and_work_done_before_the_delay_show_nothing() -> None:
    console, out = _console()
    with Progress(2, "rendering maps", Reporter(quiet=True), console=console, delay=0) as bar:
        bar.advance("a.yaml")
    console2, out2 = _console()
    reporter = Reporter(colour=False)
    with Progress(None, "drawing big.yaml", reporter, console=console2, delay=60) as bar:
        bar.advance()
    assert (out.getvalue(), out2.getvalue(), reporter.live) == ("", "", None)


def test_no_bar_where_standard_error_is_no_terminal(capsys: object) -> None:
    # Under pytest, standard error is captured: not a terminal.
    reporter = Reporter(colour=False)
    with Progress(2, "rendering maps", reporter, delay=0) as bar:
        assert bar._bar is None
        assert reporter.live is None
