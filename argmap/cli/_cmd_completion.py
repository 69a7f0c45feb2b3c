"""``argmap completion SHELL``: the script that makes a shell complete argmap's words."""

from __future__ import annotations

import click

from argmap.cli._choices import SHELLS, Choice

HELP = """Print the script that completes argmap's commands, options, their values and
file names in SHELL (bash, zsh or fish).

\b
bash:  add  eval "$(argmap completion bash)"  to ~/.bashrc
zsh:   add  eval "$(argmap completion zsh)"   to ~/.zshrc
fish:  argmap completion fish > ~/.config/fish/completions/argmap.fish
"""

#: The variable through which the shell asks argmap for completions.
COMPLETE_VARIABLE = "_ARGMAP_COMPLETE"


@click.command(
    "completion", help=HELP, short_help="Print a shell completion script (bash, zsh, fish)."
)
@click.argument("shell", metavar="SHELL", type=Choice(SHELLS, "shell"))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Write the completion script for ``shell`` on stdout."""
    from click.shell_completion import get_completion_class

    from argmap.cli._options import write_data

    script_class = get_completion_class(shell)
    assert script_class is not None  # SHELLS names only shells click knows
    script = script_class(ctx.find_root().command, {}, "argmap", COMPLETE_VARIABLE).source()
    write_data(script.encode("utf-8"))
