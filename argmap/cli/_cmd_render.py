"""``argmap render MAP...``: draw maps as SVG, PNG, PDF or DOT."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from argmap.cli._choices import (
    BINARY_FORMATS,
    DIRECTIONS,
    ENGINES,
    PICTURE_FORMATS,
    THEMES,
    Choice,
)
from argmap.cli._inputs import MAP_SUFFIXES, SKIPPED
from argmap.cli._options import quiet_option, refuse_empty_names, strict_option

if TYPE_CHECKING:
    from argmap.cli._destinations import Job
    from argmap.cli._report import Reporter

#: The bounds of --dpi and --timeout: far past any real use, short of overflowing anything.
DPI_RANGE = (1.0, 10_000.0)
TIMEOUT_RANGE = (0.1, 86_400.0)

HELP = f"""Draw maps as SVG, PNG, PDF or DOT.

MAP is a map file, '-' for standard input, or a directory, searched recursively for
{", ".join(MAP_SUFFIXES)} files (skipping {SKIPPED}).

Without -o, each picture goes beside its map: map.yaml gives map.svg, or map.png with
-f png; a map from standard input goes to standard output. With -o DIR (an existing
directory, a name ending in '/', or any -o with several maps) the pictures go into DIR,
the maps of a directory keeping their folders there. PNG and PDF never go to a terminal.
"""


def _between(low: float, high: float) -> Callable[[click.Context, click.Parameter, float], float]:
    """A check that a number option lies in [low, high]; nan and inf do not."""

    def check(ctx: click.Context, param: click.Parameter, value: float) -> float:
        if not low <= value <= high:  # false for nan too
            raise click.BadParameter(f"{value:g} is not a number from {low:g} to {high:g}")
        return value

    return check


@dataclass(frozen=True)
class Drawing:
    """How every picture of one run is drawn: the options that reach the renderer."""

    theme: str
    direction: str
    engine: str
    legend: bool
    title: bool
    dpi: float
    timeout: float


@click.command(
    "render",
    help=HELP,
    epilog=(
        "Exit status: 0 when every picture was written, 1 when any map had an error (or a "
        "warning, with --strict) or a picture could not be made or written, 2 for a usage "
        "error (nothing is drawn then)."
    ),
)
@click.argument(
    "maps", nargs=-1, required=True, metavar="MAP...", type=click.Path(allow_dash=True)
)
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    type=click.Path(allow_dash=True),
    help="The picture's file, '-' for stdout, or a directory. Default: beside each map.",
)
@click.option(
    "-f",
    "--format",
    "picture_format",
    metavar="FORMAT",
    type=Choice(PICTURE_FORMATS, "picture format"),
    help="svg, png, pdf or dot. Default: from OUT's suffix, else svg.",
)
@click.option(
    "--theme",
    metavar="THEME",
    type=Choice(THEMES, "theme"),
    default="default",
    show_default=True,
    help=f"Colours and lines: {', '.join(THEMES)}.",
)
@click.option(
    "--direction",
    metavar="DIRECTION",
    type=Choice(DIRECTIONS, "direction"),
    default="TB",
    show_default=True,
    help="Where the thesis sits: TB on top, BT at the bottom, LR left, RL right.",
)
@click.option(
    "--engine",
    metavar="ENGINE",
    type=Choice(ENGINES, "engine"),
    default="embedded",
    show_default=True,
    help="embedded (installed with argmap) or system (Graphviz's dot, for PDF).",
)
@click.option("--legend/--no-legend", default=True, help="Draw the legend of kinds.")
@click.option("--title/--no-title", default=True, help="Draw the map's title.")
@click.option(
    "--dpi",
    metavar="DPI",
    type=float,
    default=144.0,
    show_default=True,
    callback=_between(*DPI_RANGE),
    help="PNG resolution, 1 to 10000.",
)
@click.option(
    "--timeout",
    metavar="SECONDS",
    type=float,
    default=60.0,
    show_default=True,
    callback=_between(*TIMEOUT_RANGE),
    help="Seconds each layout may take, 0.1 to 86400.",
)
@strict_option
@quiet_option
def render(
    maps: tuple[str, ...],
    output: str | None,
    picture_format: str | None,
    theme: str,
    direction: str,
    engine: str,
    legend: bool,
    title: bool,
    dpi: float,
    timeout: float,
    strict: bool,
    quiet: bool,
) -> None:
    """Draw each map; exit 1 if any failed."""
    from argmap.cli._destinations import plan
    from argmap.cli._inputs import expand
    from argmap.cli._report import Reporter, plural

    refuse_empty_names(maps, "MAP...")
    inputs = expand(list(maps))
    jobs = plan(inputs.maps, output, picture_format) if inputs.maps else []
    _refuse_binary_on_a_terminal(jobs)
    reporter = Reporter(quiet=quiet)
    reporter.problems(inputs.problems)
    options = Drawing(theme, direction, engine, legend, title, dpi, timeout)
    drawn = sum(_draw(job, options, reporter, strict) for job in jobs)
    if len(jobs) > 1:
        counts = [plural(reporter.errors, "error")] if reporter.errors else []
        counts += [plural(reporter.warnings, "warning")] if reporter.warnings else []
        more = f"; {', '.join(counts)}" if counts else ""
        reporter.done(f"rendered {drawn} of {plural(len(jobs), 'map')}{more}")
    if inputs.problems or drawn < len(jobs):
        raise click.exceptions.Exit(1)


def _refuse_binary_on_a_terminal(jobs: list[Job]) -> None:
    for job in jobs:
        if job.output == "-" and job.format in BINARY_FORMATS and _stdout_is_a_terminal():
            raise click.UsageError(
                f"a {job.format.upper()} picture is binary and would garble the terminal; "
                "write it to a file with -o FILE, or pipe it (-o - | ...)"
            )


def _stdout_is_a_terminal() -> bool:
    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except (OSError, ValueError):
        return False


def _draw(job: Job, options: Drawing, reporter: Reporter, strict: bool) -> bool:
    """Check, draw and write one map's picture, reporting every problem; whether it was."""
    import warnings

    from argmap._io import write_output
    from argmap.cli._report import plural
    from argmap.errors import ArgmapError, Location, Problem, Severity
    from argmap.formats import check_file
    from argmap.rendering import render as render_map

    shown = job.source.shown
    argmap, problems = check_file(job.source.path)
    reporter.problems(problems)
    if argmap is None or any(p.severity is Severity.ERROR for p in problems):
        return False
    warned = len(problems)
    if job.output != "-" and _is_same_file(job.output, job.source.path):
        reporter.error(
            f"{job.output}: the output would overwrite the map itself; choose another -o"
        )
        return False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            picture = render_map(
                argmap,
                job.format,
                theme=options.theme,
                direction=options.direction,
                engine=options.engine,
                legend=options.legend,
                title=options.title,
                dpi=options.dpi,
                timeout=options.timeout,
            )
    except ArgmapError as error:
        located = getattr(error, "problems", None) or [
            Problem(str(error), location=Location(shown))
        ]
        reporter.problems(located)
        return False
    for warning in caught:
        reporter.warning(shown, str(warning.message))
    warned += len(caught)
    if strict and warned:
        reporter.failed(f"{shown}: not drawn: {plural(warned, 'warning')} (--strict)")
        return False
    try:
        if job.make_folder:
            _make_folder(os.path.dirname(job.output))
        write_output(job.output, picture)
    except ArgmapError as error:
        reporter.error(str(error))
        return False
    if job.output != "-":
        counts = f"{plural(len(argmap.claims), 'claim')}, "
        counts += plural(len(argmap.relations), "relation")
        if warned:
            counts += f"; {plural(warned, 'warning')}"
        reporter.done(f"wrote {job.output} ({counts})")
    return True


def _make_folder(folder: str) -> None:
    from argmap.errors import ArgmapError

    if not folder:
        return
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise ArgmapError(f"{folder}: cannot make the directory: {error.strerror}") from None


def _is_same_file(output: str, map_file: str) -> bool:
    """Whether writing ``output`` would replace the map file, by any spelling or link."""
    if map_file == "-":
        return False
    try:
        written, read = os.stat(output), os.stat(map_file)
    except (OSError, ValueError):
        return False
    # Only a regular file can be overwritten; a device or pipe in and out is fine.
    return os.path.samestat(written, read) and os.path.isfile(map_file)
