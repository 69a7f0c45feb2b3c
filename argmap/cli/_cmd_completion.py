"""``argmap completion SHELL``: the script that makes a shell complete argmap's words.

The same script as typer's ``argmap --show-completion`` (which guesses the shell from the
process that started argmap) and ``--install-completion`` (which also adds it to the
shell's start-up file), for the shell named: what a dotfile or a container image needs.
"""

from __future__ import annotations

from typing import Annotated

import typer

from argmap.cli._choices import SHELLS, Shell, choice

SHORT_HELP = "Print a shell completion script (bash, zsh, fish, powershell)."

HELP = """Print the script that completes argmap's commands, options, their values and
file names in SHELL (bash, zsh, fish, powershell or pwsh).

\b
bash:  add  eval "$(argmap completion bash)"  to ~/.bashrc
zsh:   add  eval "$(argmap completion zsh)"   to ~/.zshrc
fish:  argmap completion fish > ~/.config/fish/completions/argmap.fish

'argmap --install-completion' does this for the shell it runs in.
"""

#: The variable through which the shell asks argmap for completions.
COMPLETE_VARIABLE = "_ARGMAP_COMPLETE"


def completion(
    shell: Annotated[
        Shell,
        typer.Argument(
            metavar="SHELL",
            parser=choice("shell", SHELLS),
            case_sensitive=False,
            show_default=False,
        ),
    ],
) -> None:
    """Write the completion script for ``shell`` on stdout."""
    # What --show-completion prints; typer has no public name for it.
    from typer._completion_shared import get_completion_script

    from argmap.cli._options import write_data

    script = get_completion_script(prog_name="argmap", complete_var=COMPLETE_VARIABLE, shell=shell)
    write_data(f"{script}\n".encode())
