"""The ``argmap`` command: a thin shell over the library.

Each command parses its options, calls one library function, prints, and maps errors
to exit codes: 0 success, 1 bad input or a failed render, 2 a usage error. Library
modules are imported inside the commands, so ``argmap --version`` starts fast.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from argmap._version import __version__

app = typer.Typer(
    name="argmap",
    help="Write, check and draw argument maps.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"argmap {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Write, check and draw argument maps."""


class MapFormat(enum.Enum):
    """Map file formats a command reads."""

    yaml = "yaml"
    json = "json"


def plural(count: int, noun: str) -> str:
    """``1 claim``, ``2 claims``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def fail(message: str) -> NoReturn:
    """Print an error for the user (no traceback) and exit 1."""
    typer.echo(f"argmap: error: {message}", err=True)
    raise typer.Exit(1)


@app.command()
def validate(
    files: Annotated[
        list[str], typer.Argument(metavar="FILE...", help="Map files to check; '-' reads stdin.")
    ],
    format: Annotated[
        MapFormat | None,
        typer.Option("--format", "-f", help="Read as this format, whatever the suffix."),
    ] = None,
) -> None:
    """Check map files and report every problem as path:line:col."""
    from argmap.formats import check_file

    failed = 0
    for path in files:
        argmap, problems = check_file(path, format.value if format else None)
        for problem in problems:
            typer.echo(str(problem))
        if problems or argmap is None:
            failed += 1
        else:
            typer.echo(
                f"{'<stdin>' if path == '-' else path}: ok "
                f"({plural(len(argmap.claims), 'claim')}, "
                f"{plural(len(argmap.relations), 'relation')})",
                err=True,
            )
    if failed:
        raise typer.Exit(1)


class OutputFormat(enum.Enum):
    """Picture formats ``argmap render`` writes."""

    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"


class ThemeName(enum.Enum):
    """The built-in themes."""

    default = "default"
    dark = "dark"
    print = "print"
    colorblind = "colorblind"


class DirectionName(enum.Enum):
    """Where the thesis sits: TB on top, BT at the bottom, LR left, RL right."""

    TB = "TB"
    LR = "LR"
    BT = "BT"
    RL = "RL"


class EngineName(enum.Enum):
    """Layout engines: embedded (installed with argmap) or system (Graphviz's dot)."""

    embedded = "embedded"
    system = "system"


def _report(error: Exception) -> NoReturn:
    """Print an argmap error for the user, each problem on its own line, and exit 1."""
    problems = getattr(error, "problems", None)
    if problems:
        for problem in problems:
            typer.echo(str(problem), err=True)
    else:
        typer.echo(f"argmap: error: {error}", err=True)
    raise typer.Exit(1)


def _output_format(output: str | None, format: OutputFormat | None) -> str:
    if format is not None:
        return format.value
    if output is None or output == "-":
        return "svg"
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in {f.value for f in OutputFormat}:
        return suffix
    raise typer.BadParameter(
        f"cannot tell the format from {output!r}; name it with -f svg|png|pdf|dot",
        param_hint="'-o' / '--output'",
    )


@app.command()
def render(
    map_file: Annotated[str, typer.Argument(metavar="MAP", help="The map file; '-' reads stdin.")],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="OUT",
            help="Where to write; '-' is stdout. Default: MAP with the format's suffix.",
        ),
    ] = None,
    format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format", "-f", help="Picture format. Default: from OUT's suffix, else svg."
        ),
    ] = None,
    theme: Annotated[ThemeName, typer.Option(help="Colours and lines.")] = ThemeName.default,
    direction: Annotated[
        DirectionName, typer.Option(help="Where the thesis sits (TB: on top).")
    ] = DirectionName.TB,
    engine: Annotated[
        EngineName, typer.Option(help="embedded (installed with argmap) or system (dot on PATH).")
    ] = EngineName.embedded,
    legend: Annotated[bool, typer.Option("--legend/--no-legend", help="Draw the legend.")] = True,
    title: Annotated[
        bool, typer.Option("--title/--no-title", help="Draw the map's title.")
    ] = True,
    dpi: Annotated[float, typer.Option(min=1, help="PNG resolution.")] = 144.0,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds the layout may take.")] = 60.0,
) -> None:
    """Draw a map as SVG, PNG, PDF or DOT."""
    import warnings

    from argmap._io import atomic_write
    from argmap.errors import ArgmapError
    from argmap.formats import load
    from argmap.rendering import render as render_map

    chosen = _output_format(output, format)
    # With neither -o nor -f the picture goes beside the map; with -f alone, to stdout.
    if output is None and format is None and map_file != "-":
        output = str(Path(map_file).with_suffix(f".{chosen}"))
    writes_file = output not in (None, "-") and map_file != "-"
    if writes_file and Path(str(output)).resolve() == Path(map_file).resolve():
        fail(f"{output}: the output would overwrite the map itself; choose another -o")
    try:
        argmap = load(map_file)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            picture = render_map(
                argmap,
                chosen,
                theme=theme.value,
                direction=direction.value,
                engine=engine.value,
                legend=legend,
                title=title,
                dpi=dpi,
                timeout=timeout,
            )
        for warning in caught:
            typer.echo(f"argmap: warning: {warning.message}", err=True)
        if output in (None, "-"):
            sys.stdout.buffer.write(picture)
            sys.stdout.buffer.flush()
        else:
            atomic_write(output, picture)
    except ArgmapError as error:
        _report(error)


@app.command()
def example(
    name: Annotated[str | None, typer.Argument(help="The example to write; see --list.")] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="OUT", help="Where to write; default stdout."),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the examples and exit.")] = False,
) -> None:
    """Write one of the example maps that ship with argmap, to start from."""
    from argmap import examples
    from argmap._io import atomic_write
    from argmap.errors import ArgmapError

    if list_:
        for each in examples.names():
            title = examples.load(each).title or ""
            typer.echo(f"{each}\t{title}")
        return
    if name is None:
        raise typer.BadParameter("name an example, or use --list", param_hint="NAME")
    try:
        content = examples.text(name)
        if output in (None, "-"):
            typer.echo(content, nl=False)
        else:
            atomic_write(output, content.encode("utf-8"))
    except ArgmapError as error:
        _report(error)


def main() -> None:
    """Run the command line."""
    app()
