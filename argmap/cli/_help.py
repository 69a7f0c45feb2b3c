"""How argmap's typer commands name their arguments and answer an unknown option.

typer 0.29 writes a required argument of several values as ``{FILE...}...`` in the usage
line, lists the arguments with their Python types (``FILE... <list[str]>``), and answers
``--strct`` with ``No such option: --strct (Possible options: --strict)``. argmap's
commands write ``Usage: argmap validate [OPTIONS] FILE...``, each argument as its
``metavar`` says, list the options only (the text of the command says what its arguments
are), and answer ``No such option '--strct'. Did you mean '--strict'?``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# typer's own copy of click, which typer's commands are made of.
from typer._click.exceptions import NoSuchOption
from typer.core import TyperArgument, TyperCommand, TyperGroup

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter


def _reword(error: NoSuchOption) -> NoSuchOption:
    """``error`` saying ``No such option '--strct'. Did you mean '--strict'?``."""
    close = sorted(error.possibilities or ())
    hint = f" Did you mean {' or '.join(repr(each) for each in close)}?" if close else ""
    # repr shows a control character as an escape, never as itself.
    error.message = f"No such option {error.option_name!r}.{hint}"
    error.possibilities = None
    return error


class Command(TyperCommand):
    """A typer command that names its arguments as click does (see the module)."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(param.metavar or (param.name or "").upper())
        return pieces

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        records = [
            record
            for param in self.get_params(ctx)
            if not isinstance(param, TyperArgument)
            and (record := param.get_help_record(ctx)) is not None
        ]
        if records:
            with formatter.section("Options"):
                formatter.write_dl(records)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except NoSuchOption as error:
            raise _reword(error) from None


class Group(TyperGroup):
    """The ``argmap`` group, answering an unknown option as its commands do."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except NoSuchOption as error:
            raise _reword(error) from None
