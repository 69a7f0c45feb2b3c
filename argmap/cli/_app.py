"""The ``argmap`` command group: its commands, ``-h``, ``--version``, and the limits check."""

from __future__ import annotations

import click

from argmap._version import __version__
from argmap.cli._cmd_completion import completion
from argmap.cli._cmd_example import example
from argmap.cli._cmd_render import render
from argmap.cli._cmd_validate import validate


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from argmap.cli._options import write_lines

        write_lines([f"argmap {__version__}"])
        ctx.exit()


@click.group(
    "argmap",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    epilog=(
        "Exit status: 0 done, 1 bad input or a failed picture or write, 2 a usage error, "
        "70 a bug in argmap, 128+N stopped by signal N. "
        "Run 'argmap COMMAND -h' for a command's options."
    ),
)
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="Show the version and exit.",
)
def app() -> None:
    """Write, check and draw argument maps."""
    from argmap.cli._options import fail
    from argmap.errors import ArgmapError
    from argmap.limits import Limits

    try:  # a mistyped ARGMAP_MAX_* variable is reported before any work starts
        Limits.from_env()
    except ArgmapError as error:
        fail(str(error))


app.add_command(validate)
app.add_command(render)
app.add_command(example)
app.add_command(completion)
