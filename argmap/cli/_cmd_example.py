"""``argmap example NAME``: write a map that ships with argmap, to start from."""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem

from argmap.cli._options import quiet_option


def _names() -> list[str]:
    from argmap import examples

    return examples.names()


def _complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(name) for name in _names() if name.startswith(incomplete)]


@click.command("example", short_help="Write an example map to start from.")
@click.argument("name", required=False, metavar="[NAME]", shell_complete=_complete)
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    type=click.Path(allow_dash=True),
    help="Where to write the map. Default: stdout.",
)
@click.option("--list", "list_", is_flag=True, help="List the examples, with their titles.")
@quiet_option
def example(name: str | None, output: str | None, list_: bool, quiet: bool) -> None:
    """Write one of the example maps that ship with argmap, to start from."""
    from argmap import examples
    from argmap._io import write_output
    from argmap.cli._choices import unknown_choice
    from argmap.cli._options import fail, write_lines
    from argmap.cli._report import Reporter
    from argmap.errors import ArgmapError

    if list_:
        write_lines([f"{each}\t{examples.load(each).title or ''}" for each in _names()])
        return
    if name is None:
        raise click.BadParameter("name an example, or use --list", param_hint="NAME")
    if name not in _names():
        raise click.BadParameter(
            unknown_choice("example", name, tuple(_names())), param_hint="NAME"
        )
    try:
        write_output(output or "-", examples.text(name).encode("utf-8"))
    except ArgmapError as error:
        fail(str(error))
    if output not in (None, "-"):
        Reporter(quiet=quiet).done(f"wrote {output} (the example {name})")
