"""The ``argmap`` typer app: its commands, ``-h``, ``--version``, completion, and the
limits check."""

from __future__ import annotations

from typing import Annotated

import typer

from argmap._version import __version__
from argmap.cli import (
    _cmd_completion,
    _cmd_convert,
    _cmd_evaluate,
    _cmd_example,
    _cmd_lint,
    _cmd_new,
    _cmd_outline,
    _cmd_render,
    _cmd_stats,
    _cmd_validate,
    _cmd_watch,
)
from argmap.cli._help import Command, Group

app = typer.Typer(
    name="argmap",
    cls=Group,
    help="Write, check and draw argument maps.",
    epilog=(
        "Exit status: 0 done, 1 bad input or a failed picture or write, 2 a usage error, "
        "70 a bug in argmap, 128+N stopped by signal N. "
        "Run 'argmap COMMAND -h' for a command's options."
    ),
    # '--help' first: usage errors end "Try 'argmap render --help' for help."
    context_settings={"help_option_names": ["--help", "-h"]},
    no_args_is_help=True,
    # Help and usage errors as plain text, laid out as click tools do: rich's panels
    # would load rich for every -h and usage error, and box messages that people copy.
    # rich colours argmap's own diagnostics (_report).
    rich_markup_mode=None,
    # argmap's process says what went wrong in one line (_process), never a traceback.
    pretty_exceptions_enable=False,
)


def _version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from argmap.cli._options import write_lines

        write_lines([f"argmap {__version__}"])
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "-V",
            "--version",
            callback=_version,
            is_eager=True,
            expose_value=False,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Write, check and draw argument maps."""
    from argmap.cli._options import fail
    from argmap.errors import ArgmapError
    from argmap.limits import Limits

    try:  # a mistyped ARGMAP_MAX_* variable is reported before any work starts
        Limits.from_env()
    except ArgmapError as error:
        fail(str(error))


app.command("new", cls=Command, help=_cmd_new.HELP, epilog=_cmd_new.EPILOG)(_cmd_new.new)
app.command("validate", cls=Command, help=_cmd_validate.HELP, epilog=_cmd_validate.EPILOG)(
    _cmd_validate.validate
)
app.command("render", cls=Command, help=_cmd_render.HELP, epilog=_cmd_render.EPILOG)(
    _cmd_render.render
)
app.command("watch", cls=Command, help=_cmd_watch.HELP, epilog=_cmd_watch.EPILOG)(_cmd_watch.watch)
app.command("convert", cls=Command, help=_cmd_convert.HELP, epilog=_cmd_convert.EPILOG)(
    _cmd_convert.convert
)
app.command("evaluate", cls=Command, help=_cmd_evaluate.HELP, epilog=_cmd_evaluate.EPILOG)(
    _cmd_evaluate.evaluate
)
app.command("stats", cls=Command, help=_cmd_stats.HELP, epilog=_cmd_stats.EPILOG)(_cmd_stats.stats)
app.command("lint", cls=Command, help=_cmd_lint.HELP, epilog=_cmd_lint.EPILOG)(_cmd_lint.lint)
app.command("outline", cls=Command, help=_cmd_outline.HELP, epilog=_cmd_outline.EPILOG)(
    _cmd_outline.outline
)
app.command("example", cls=Command, short_help=_cmd_example.SHORT_HELP)(_cmd_example.example)
app.command(
    "completion",
    cls=Command,
    help=_cmd_completion.HELP,
    short_help=_cmd_completion.SHORT_HELP,
)(_cmd_completion.completion)
