"""``argmap example NAME``: write a map that ships with argmap, to start from."""

from __future__ import annotations

import os
import stat
from typing import Annotated

import typer

from argmap.cli._options import Quiet

SHORT_HELP = "Write an example map to start from."


def _names() -> list[str]:
    from argmap import examples

    return examples.names()


def _complete(incomplete: str) -> list[str]:
    return [name for name in _names() if name.startswith(incomplete)]


def example(
    name: Annotated[
        str | None,
        typer.Argument(metavar="[NAME]", autocompletion=_complete, show_default=False),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "-o", "--output", metavar="OUT", help="Where to write the map. Default: stdout."
        ),
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List the examples, with their titles.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the file -o names if it exists.")
    ] = False,
    quiet: Quiet = False,
) -> None:
    """Write one of the example maps that ship with argmap, to start from.

    An existing file is not replaced without --force: it may be a map being written.
    """
    from argmap import examples
    from argmap._io import write_output
    from argmap.cli._choices import unknown_choice
    from argmap.cli._options import fail, write_lines
    from argmap.cli._report import Reporter
    from argmap.errors import ArgmapError, shown_path

    if list_:
        write_lines([f"{each}\t{examples.load(each).title or ''}" for each in _names()])
        return
    if name is None:
        raise typer.BadParameter("name an example, or use --list", param_hint="NAME")
    if name not in _names():
        raise typer.BadParameter(
            unknown_choice("example", name, tuple(_names())), param_hint="NAME"
        )
    if output not in (None, "-") and not force and _is_a_file(output):
        fail(f"{shown_path(output)} exists; argmap example does not replace it (give --force to)")
    try:
        write_output(output or "-", examples.text(name).encode("utf-8"))
    except ArgmapError as error:
        fail(str(error))
    if output not in (None, "-"):
        Reporter(quiet=quiet).done(f"wrote {shown_path(output)} (the example {name})")


def _is_a_file(path: str) -> bool:
    """Whether ``path`` is an existing regular file (a device or a pipe is written to)."""
    try:
        return bool(stat.S_ISREG(os.stat(path).st_mode))
    except (OSError, ValueError):
        return False
