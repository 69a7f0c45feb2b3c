"""What the YAML and JSON readers give back: plain data, where each value was written,
and the problems found while reading.

Both readers return the data (dicts, lists, str, int, float, bool, None) and a
:class:`SourceMap` that turns a pointer into the data (``("claims", "a", "text")``) into a
line and column of the text. Text that cannot be read at all raises
:class:`~argmap.errors.MapFormatError` with its location; a duplicate key, a number too
long to read and the like are problems, so that the rest of the file is still checked.
"""

from __future__ import annotations

from typing import Any, Protocol

import attrs

from argmap.errors import Location, Pointer, Problem

__all__ = ["ID_SECTIONS", "MAX_NUMBER_CHARS", "Parsed", "SourceMap", "long_number_problem"]


class SourceMap(Protocol):
    """Where the values of a parsed document are in its text."""

    source: str

    def locate(self, pointer: Pointer, *, at_key: bool = False) -> Location:
        """The location of the value at ``pointer`` (of its key with ``at_key``).

        A pointer that goes deeper than the document resolves to the deepest value that
        exists, so every problem gets the closest location there is.
        """
        ...


@attrs.frozen
class Parsed:
    """A parsed document: its data, where each value is, and the problems found.

    A duplicate key keeps its first value and becomes a problem, so that the rest of the
    file is still checked and every problem reported at once.
    """

    data: Any
    source_map: SourceMap
    problems: list[Problem]


#: What a duplicate key is called in the sections keyed by id.
ID_SECTIONS = {"claims": "claim id", "actors": "actor id", "groups": "group id"}

#: A number literal longer than this is not converted: it is a problem, not a value.
#: Python refuses to read integers of more than 4,300 digits, and no map needs one.
MAX_NUMBER_CHARS = 100


def long_number_problem(text: str) -> str:
    """The message for a number literal longer than :data:`MAX_NUMBER_CHARS`."""
    return (
        f"a number {len(text):,} characters long is more than argmap reads "
        f"({MAX_NUMBER_CHARS} at most); put it in quotes if it is text"
    )
