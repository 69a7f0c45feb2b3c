"""The ``argmap`` command: a thin shell over the library.

Each command parses its options, calls one library function, prints, and maps errors
to exit codes: 0 success, 1 bad input or a failed render, 2 a usage error. Library
modules are imported inside the commands, so ``argmap --version`` starts fast.
"""

from __future__ import annotations

import enum
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


def main() -> None:
    """Run the command line."""
    app()
