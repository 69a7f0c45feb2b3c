"""Option values from a closed list: any case accepted, a wrong one answered with the
closest names and the whole list.

Each list is a ``Literal`` type, so that typer completes its values (in any case, as
listed) and mypy checks what a command passes on, and a parser (:func:`choice`) gives
the value as listed or the message of :func:`unknown_choice`. (typer's own choices say
"Value error, 'drak' is not one of ..." and suggest nothing.)

The lists are spelled out here rather than imported from the library, which would load
the renderer at every start; a test checks that they name exactly what the library offers.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from typing import Literal, get_args

import typer

PictureFormat = Literal["svg", "png", "pdf", "dot", "html"]
MapFormat = Literal["yaml", "json", "argdown", "aif"]
WrittenFormat = Literal["yaml", "json", "argdown", "aif", "graphml", "mermaid"]
ThemeName = Literal["default", "dark", "print", "colorblind"]
Direction = Literal["TB", "LR", "BT", "RL"]
EngineName = Literal["embedded", "system"]
ReportFormat = Literal["text", "json"]
Shell = Literal["bash", "zsh", "fish", "powershell", "pwsh"]
SemanticsName = Literal["grounded", "complete", "preferred", "stable"]
StrengthName = Literal["df-quad", "quadratic-energy"]
FrameworkFormat = Literal["apx", "iccma"]
QuoteStyle = Literal["mark", "footnotes"]

#: Picture formats ``argmap render`` writes.
PICTURE_FORMATS: tuple[str, ...] = get_args(PictureFormat)
#: Picture formats that are binary: never written to a terminal.
BINARY_FORMATS = ("png", "pdf")
#: Map file formats ``argmap validate``, ``render`` and ``convert`` read.
MAP_FORMATS: tuple[str, ...] = get_args(MapFormat)
#: Formats ``argmap convert`` writes: the map files, and formats other tools draw.
WRITTEN_FORMATS: tuple[str, ...] = get_args(WrittenFormat)
#: The suffixes that name each written format (as argmap.formats.FORMATS has them).
FORMAT_SUFFIXES: dict[str, tuple[str, ...]] = {
    "yaml": (".yaml", ".yml"),
    "json": (".json",),
    "argdown": (".argdown", ".ad"),
    "aif": (".aif.json", ".aif"),
    "graphml": (".graphml",),
    "mermaid": (".mmd", ".mermaid"),
}
#: The built-in themes.
THEMES: tuple[str, ...] = get_args(ThemeName)
#: Where the thesis sits: TB on top, BT at the bottom, LR left, RL right.
DIRECTIONS: tuple[str, ...] = get_args(Direction)
#: How a claim's quote shows: a mark in its kind line, or a numbered note under the map.
QUOTE_STYLES: tuple[str, ...] = get_args(QuoteStyle)
#: Layout engines: embedded (installed with argmap) or system (Graphviz's dot).
ENGINES: tuple[str, ...] = get_args(EngineName)
#: What ``argmap validate`` prints: lines for people, or one JSON document for programs.
REPORT_FORMATS: tuple[str, ...] = get_args(ReportFormat)
#: Extension semantics ``argmap evaluate`` computes (argmap.analysis.SEMANTICS).
SEMANTICS: tuple[str, ...] = get_args(SemanticsName)
#: Gradual semantics ``argmap evaluate --strength`` computes (argmap.analysis.strength).
STRENGTHS: tuple[str, ...] = get_args(StrengthName)
#: Formats ``argmap evaluate --framework`` writes (argmap.analysis.export).
FRAMEWORK_FORMATS: tuple[str, ...] = get_args(FrameworkFormat)
#: Shells ``argmap completion`` writes a script for: those typer completes.
SHELLS: tuple[str, ...] = get_args(Shell)


def suffix_format(path: str) -> str | None:
    """The written format ``path``'s suffix names (in any case), if any.

    The longest suffix wins, as in :func:`argmap.formats.format_for`:

    >>> suffix_format("debate.YML"), suffix_format("nodes.aif.json"), suffix_format("a.txt")
    ('yaml', 'aif', None)
    """
    name = os.path.basename(path).lower()
    found, longest = None, 0
    for format, suffixes in FORMAT_SUFFIXES.items():
        for suffix in suffixes:
            if len(name) > len(suffix) > longest and name.endswith(suffix):
                found, longest = format, len(suffix)
    return found


def formats_disagree(flag: str, chosen: str, output: str, named: str) -> str:
    """The message for a format option that the suffix of ``-o`` contradicts."""
    return (
        f"{flag} {chosen} and -o {output} disagree: the suffix of {output!r} says {named}; "
        "make them agree, or give only one of them"
    )


def format_untold(output: str, flag: str, formats: tuple[str, ...]) -> str:
    """The message for an ``-o`` whose suffix names none of ``formats``."""
    return f"cannot tell the format from {output!r}; name it with {flag} {'|'.join(formats)}"


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


def choice(what: str, choices: tuple[str, ...]) -> Callable[[str], str]:
    """A typer ``parser`` taking one of ``choices`` in any case and giving it as listed;
    anything else is a usage error naming the close ones.

    >>> choice("direction", DIRECTIONS)("lr")
    'LR'
    """
    folded = {each.casefold(): each for each in choices}

    def parse(value: str) -> str:
        try:
            return folded[value.casefold()]
        except KeyError:
            # Not a ValueError: typer would prefix that with pydantic's "Value error, ".
            raise typer.BadParameter(unknown_choice(what, value, choices)) from None

    return parse
