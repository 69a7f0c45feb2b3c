"""Options and checks that several commands share."""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn, TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def quiet_option(function: F) -> F:
    """``-q/--quiet``: say nothing but problems."""
    option = click.option(
        "-q",
        "--quiet",
        is_flag=True,
        help="Print problems only: no 'ok', 'wrote' or summary lines.",
    )
    return option(function)


def strict_option(function: F) -> F:
    """``--strict``: a map with warnings fails."""
    option = click.option(
        "--strict", is_flag=True, help="Fail a map that has warnings, as if they were errors."
    )
    return option(function)


def refuse_empty_names(paths: tuple[str, ...], hint: str) -> None:
    """An empty file name is a usage error: no file has it, and it is easy to pass by
    mistake (``argmap validate "$UNSET"``)."""
    if any(not path for path in paths):
        raise click.BadParameter(
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
    raise click.exceptions.Exit(1)
