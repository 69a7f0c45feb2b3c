"""The colours a map file may give its tags: ``#rrggbb``, ``#rgb``, or a name.

A map styles its tags with colours a reader can write without a colour picker: a hex
triplet, or one of a dozen names. The names stand for colours chosen to stay apart and
readable as the edge of a chip on white and on a dark background (the Tableau 10
palette's hues, Stone 2007, "Choosing colors for data visualization", with black and
white), not for the CSS keywords: CSS's ``green`` is too dark and its ``yellow`` too pale
to tell a tag by.

>>> to_hex("teal"), to_hex("#0af"), to_hex("#1F3a5f")
('#17BECF', '#00AAFF', '#1F3A5F')
>>> is_colour("blu")
False
>>> colour_error("blu")
"unknown colour 'blu'; did you mean 'blue'? (write #rrggbb, or one of: black, blue, \
brown, green, grey, olive, orange, pink, purple, red, teal, white)"
"""

from __future__ import annotations

import difflib
import re

__all__ = ["NAMED_COLOURS", "colour_error", "is_colour", "to_hex"]

#: The colour names a map file may use, and the colour each stands for.
NAMED_COLOURS: dict[str, str] = {
    "black": "#000000",
    "blue": "#1F77B4",
    "brown": "#8C564B",
    "green": "#2CA02C",
    "grey": "#7F7F7F",
    "olive": "#BCBD22",
    "orange": "#FF7F0E",
    "pink": "#E377C2",
    "purple": "#9467BD",
    "red": "#D62728",
    "teal": "#17BECF",
    "white": "#FFFFFF",
}

# Also understood, never suggested: the other spelling of grey, and its CSS cousins.
_ALIASES = {"gray": "grey", "cyan": "teal"}

#: A value longer than this is shown cut short in a message.
_LONGEST_SHOWN = 40

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def is_colour(value: str) -> bool:
    """Whether ``value`` is a colour a map file may give: ``#rrggbb``, ``#rgb`` or a name
    of :data:`NAMED_COLOURS` (any case)."""
    return bool(_HEX.fullmatch(value)) or _name(value) in NAMED_COLOURS


def to_hex(colour: str) -> str:
    """``colour`` (see :func:`is_colour`) as upper-case ``#RRGGBB``; ``ValueError`` for
    anything else, with :func:`colour_error`'s message."""
    if _HEX.fullmatch(colour):
        digits = colour[1:].upper()
        return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits))
    named = NAMED_COLOURS.get(_name(colour))
    if named is None:
        raise ValueError(colour_error(colour))
    return named


def colour_error(value: str, of: str = "") -> str:
    """What is wrong with ``value`` as a colour (``of`` says of what), and what would be
    right."""
    names = list(NAMED_COLOURS)
    close = difflib.get_close_matches(value.strip().lower(), names, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    shown = value if len(value) <= _LONGEST_SHOWN else value[:_LONGEST_SHOWN] + "\u2026"
    of = f" {of}" if of else ""
    return f"unknown colour {shown!r}{of}{hint} (write #rrggbb, or one of: {', '.join(names)})"


def _name(value: str) -> str:
    name = value.lower()
    return _ALIASES.get(name, name)
