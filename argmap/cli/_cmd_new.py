"""``argmap new [PATH]``: write a starter map to rewrite into one's own."""

from __future__ import annotations

from typing import Annotated

import typer

HELP = """Write a starter map to rewrite into your own.

The map shows every part of the format, each explained by a comment: the title, the
source, an actor, a thesis, premises, evidence with a verbatim quote, a motive an actor
holds, an objection, a linked pair, an undercut, a group and tags. It validates, lints
clean and renders as it is.

PATH is the file to write (default map.yaml), or '-' for stdout. A PATH ending in .json
gets the same map as JSON, without the comments (JSON has none). An existing file is
never replaced unless --force is given.
"""

EPILOG = "Exit status: 0 written, 1 the file exists (without --force) or cannot be written."


def new(
    path: Annotated[str, typer.Argument(metavar="PATH", show_default=False)] = "map.yaml",
    force: Annotated[
        bool, typer.Option("--force", help="Replace PATH if it exists.", show_default=False)
    ] = False,
) -> None:
    """Write the starter map to PATH."""
    import os

    from argmap._io import write_output
    from argmap.cli._options import refuse_empty_names
    from argmap.cli._report import Reporter
    from argmap.errors import ArgmapError, shown_path
    from argmap.starter import starter_text

    refuse_empty_names([path], "PATH")
    reporter = Reporter()
    if path != "-" and not force and os.path.lexists(path):
        reporter.error(
            f"{shown_path(path)} already exists; choose another name, "
            "or give --force to replace it"
        )
        raise typer.Exit(1)
    json = path != "-" and path.lower().endswith(".json")
    try:
        write_output(path, starter_text("json" if json else "yaml").encode())
    except ArgmapError as error:
        reporter.error(str(error))
        raise typer.Exit(1) from None
    if path != "-":
        reporter.done(
            f"wrote {shown_path(path)}: rewrite it, then 'argmap watch {shown_path(path)}'"
        )
