"""``argmap outline MAP [-o FILE]``: the argument as a nested Markdown list."""

from __future__ import annotations

from typing import Annotated

import typer

from argmap.cli._choices import MAP_FORMATS
from argmap.cli._focus import DepthOption, DownOption, FocusOption, UpOption, focus_options
from argmap.cli._options import MapFormatOption, Quiet, is_same_file, refuse_empty_names

HELP = f"""Write the argument as an outline in Markdown.

MAP is a map file ({", ".join(MAP_FORMATS)}), or '-' for standard input. Each thesis,
then the reasons and objections under it, nested, each with how it bears on what it is
under (supports, attacks, undercuts the inference from ...), its kind, id and text, and
its verbatim quote as a block quote. A claim met a second time is named, "as above".
The same outline stands beside the picture in the HTML page (argmap render -o map.html).

The outline goes to stdout, or to FILE with -o; the map's problems to stderr.
"""

EPILOG = "Exit status: 0 done, 1 a map with errors or a failed write, 2 a usage error."


def outline(
    source: Annotated[str, typer.Argument(metavar="MAP", show_default=False)],
    output: Annotated[
        str | None,
        typer.Option(
            "-o", "--output", metavar="FILE", help="The file to write, '-' for stdout (default)."
        ),
    ] = None,
    map_format: MapFormatOption = None,
    focus: FocusOption = None,
    depth: DepthOption = None,
    up: UpOption = False,
    down: DownOption = False,
    quiet: Quiet = False,
) -> None:
    """Write the outline of one map; exit 1 if it has errors or cannot be written."""
    from argmap._io import write_output
    from argmap.cli._focus import apply_focus
    from argmap.cli._report import Reporter
    from argmap.errors import ArgmapError, Severity, shown_path
    from argmap.formats import check_file
    from argmap.outline import outline_markdown

    refuse_empty_names([source], "MAP")
    focused = focus_options(focus, depth, up, down)
    target = output or "-"
    reporter = Reporter(quiet=quiet)
    argmap, problems = check_file(source, map_format)
    reporter.problems(problems)
    if argmap is None or any(p.severity is Severity.ERROR for p in problems):
        raise typer.Exit(1)
    if target != "-" and is_same_file(target, source):
        reporter.error(f"{shown_path(target)}: the output would overwrite the map itself")
        raise typer.Exit(1)
    argmap, unfocused = apply_focus(argmap, focused, "<stdin>" if source == "-" else source)
    if argmap is None:
        reporter.problems(unfocused)
        raise typer.Exit(1)
    try:
        write_output(target, outline_markdown(argmap).encode("utf-8"))
    except ArgmapError as error:
        reporter.error(str(error))
        raise typer.Exit(1) from None
    if target != "-":
        reporter.done(f"wrote {shown_path(target)}")
