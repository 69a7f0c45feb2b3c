"""Options and checks that several commands share."""

from __future__ import annotations

import os
from typing import Annotated, NoReturn

import typer

from argmap.cli._choices import MAP_FORMATS, MapFormat, choice

#: ``-f/--format``: the format of the one map a command reads, whatever its name says.
MapFormatOption = Annotated[
    MapFormat | None,
    typer.Option(
        "-f",
        "--format",
        metavar="FORMAT",
        parser=choice("map format", MAP_FORMATS),
        case_sensitive=False,
        help=f"Read MAP as FORMAT ({', '.join(MAP_FORMATS)}), whatever its suffix.",
    ),
]

#: ``-q/--quiet``: say nothing but problems.
Quiet = Annotated[
    bool,
    typer.Option("-q", "--quiet", help="Print problems only: no 'ok', 'wrote' or summary lines."),
]

#: ``--strict``: a map with warnings fails.
Strict = Annotated[
    bool,
    typer.Option("--strict", help="Fail a map that has warnings, as if they were errors."),
]

#: ``-j/--jobs``: how many maps are worked on at once.
JobsOption = Annotated[
    int,
    typer.Option(
        "-j",
        "--jobs",
        metavar="N",
        min=1,
        help="Work on N maps at once, in N processes (for many maps).",
    ),
]


def refuse_empty_names(paths: list[str], hint: str) -> None:
    """An empty file name is a usage error: no file has it, and it is easy to pass by
    mistake (``argmap validate "$UNSET"``)."""
    if any(not path for path in paths):
        raise typer.BadParameter(
            "the file name is empty; name a map file, or '-' for standard input",
            param_hint=hint,
        )


def write_data(data: bytes) -> None:
    """Write ``data`` to standard output, every byte checked; a failed write exits 1."""
    from argmap._io import write_stdout
    from argmap.errors import ArgmapError

    try:
        write_stdout(data)
    except ArgmapError as error:
        fail(str(error))


def write_lines(lines: list[str]) -> None:
    """Write ``lines`` on standard output (see :func:`write_data`)."""
    # surrogateescape gives back the bytes of a file name that is not UTF-8.
    write_data("".join(f"{line}\n" for line in lines).encode("utf-8", "surrogateescape"))


def fail(message: str) -> NoReturn:
    """Print ``argmap: error: message`` on stderr and exit 1."""
    from argmap.cli._report import Reporter

    Reporter().error(message)
    raise typer.Exit(1)


def is_same_file(output: str, source: str) -> bool:
    """Whether writing ``output`` would replace the map file ``source``, by any spelling
    or link (``-`` is no file)."""
    if source == "-" or output == "-":
        return False
    try:
        written, read = os.stat(output), os.stat(source)
    except (OSError, ValueError):
        return False
    # Only a regular file can be overwritten; a device or pipe in and out is fine.
    return os.path.samestat(written, read) and os.path.isfile(source)
