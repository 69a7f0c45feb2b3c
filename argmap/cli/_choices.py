"""Option values from a closed list: any case accepted, a wrong one answered with the
closest names and the whole list.

The lists are spelled out here rather than imported from the library, which would load
the renderer at every start; a test checks that they name exactly what the library offers.
"""

from __future__ import annotations

import difflib
from typing import Any

import click
from click.shell_completion import CompletionItem

#: Picture formats ``argmap render`` writes.
PICTURE_FORMATS = ("svg", "png", "pdf", "dot")
#: Picture formats that are binary: never written to a terminal.
BINARY_FORMATS = ("png", "pdf")
#: Map file formats ``argmap validate`` reads.
MAP_FORMATS = ("yaml", "json")
#: The built-in themes.
THEMES = ("default", "dark", "print", "colorblind")
#: Where the thesis sits: TB on top, BT at the bottom, LR left, RL right.
DIRECTIONS = ("TB", "LR", "BT", "RL")
#: Layout engines: embedded (installed with argmap) or system (Graphviz's dot).
ENGINES = ("embedded", "system")
#: What ``argmap validate`` prints: lines for people, or one JSON document for programs.
REPORT_FORMATS = ("text", "json")
#: Shells ``argmap completion`` writes a script for.
SHELLS = ("bash", "zsh", "fish")


def unknown_choice(what: str, value: str, choices: tuple[str, ...]) -> str:
    """The message for a value that is none of ``choices``, naming only close ones.

    >>> unknown_choice("theme", "drak", THEMES)
    "unknown theme 'drak'; did you mean 'dark'? (one of: default, dark, print, colorblind)"
    >>> unknown_choice("engine", "sys", ENGINES)
    "unknown engine 'sys'; did you mean 'system'? (one of: embedded, system)"
    >>> unknown_choice("theme", "neon", THEMES)
    "unknown theme 'neon' (one of: default, dark, print, colorblind)"
    """
    folded = {choice.casefold(): choice for choice in choices}
    word = value.casefold()
    # Names that start so (a prefix) or are close enough to be a typo: never all of them.
    started = [each for each in folded if word and each.startswith(word)]
    typos = difflib.get_close_matches(word, list(folded), n=3, cutoff=0.6)
    close = list(dict.fromkeys([*started, *typos]))[:3]
    hint = f"; did you mean {' or '.join(repr(folded[c]) for c in close)}?" if close else ""
    return f"unknown {what} {value!r}{hint} (one of: {', '.join(choices)})"


class Choice(click.Choice[str]):
    """One of ``choices``, in any case (``lr`` is ``LR``); the value is the choice as listed."""

    def __init__(self, choices: tuple[str, ...], what: str) -> None:
        super().__init__(choices, case_sensitive=False)
        self.what = what

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        return unknown_choice(self.what, str(value), tuple(self.choices))

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        # As listed (TB, not the folded tb), for any case typed so far.
        start = incomplete.casefold()
        return [CompletionItem(c) for c in self.choices if c.casefold().startswith(start)]
