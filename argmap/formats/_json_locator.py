"""Where the values of a JSON text are: a source map that reads the text only when asked.

To locate a pointer, the locator walks the text from the top: in each object and array
on the way it notes where every member starts, skipping over values with the standard
library's C scanner, and keeps that note for the next pointer. A map with no problem
costs nothing; one with many costs about one more parse of the parts that have problems.
Keys are compared as the parser decoded them, so escapes (``"\\u0061"``), ``/``, ``~``
and quotes in keys locate like any other; of duplicate keys, the first is the one found.

>>> text = '{"claims": {\\n  "a/b": {"text": 7},\\n  "a/b": {"text": "B"}}}'
>>> where = JsonSourceMap("m.json", text)
>>> str(where.locate(("claims", "a/b", "text"))), str(where.locate(("claims", "a/b")))
('m.json:2:19', 'm.json:2:3')
>>> [(key, str(where.location(offset))) for key, offset, _ in where.duplicates(("claims",))]
[('a/b', 'm.json:3:3')]
"""

from __future__ import annotations

import json
import json.scanner
import re
from collections.abc import Callable
from typing import Any, cast

from argmap.errors import Location, Pointer
from argmap.formats._text import JSON_BREAKS, LineIndex

__all__ = ["JsonSourceMap"]

_WHITESPACE = re.compile(r"[ \t\n\r]*")
# The scanner only needs to find where each value ends: numbers are not converted (a
# long one would be refused) and objects are not built.
_DECODER = json.JSONDecoder(
    parse_int=len, parse_float=len, parse_constant=len, object_pairs_hook=len
)
_scan: Callable[[str, int], tuple[Any, int]] = cast(Any, json.scanner.make_scanner)(_DECODER)


class _Members:
    """Where an object's members are: the first of each key, and the duplicates after."""

    __slots__ = ("duplicates", "first")

    def __init__(self) -> None:
        self.first: dict[str, tuple[int, int]] = {}
        self.duplicates: list[tuple[str, int]] = []


class JsonSourceMap:
    """A source map of a JSON text that was parsed without error."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self._text = text
        self._lines = LineIndex(text, JSON_BREAKS)
        self._objects: dict[int, _Members] = {}
        self._arrays: dict[int, list[int]] = {}
        self._root = _skip(text, 0)

    def location(self, offset: int) -> Location:
        """The location of a text offset."""
        line, column = self._lines.position(offset)
        return Location(self.source, line, column)

    def locate(self, pointer: Pointer, *, at_key: bool = False) -> Location:
        """The location of the value at ``pointer`` (of its key with ``at_key``).

        An object or array is located at its key, where it has one. A pointer that goes
        deeper than the document stops at the deepest value that exists.
        """
        offset, key_offset = self._walk(pointer)
        use_key = key_offset >= 0 and (at_key or self._text[offset] in "{[")
        return self.location(key_offset if use_key else offset)

    def duplicates(self, pointer: Pointer) -> list[tuple[str, int, int]]:
        """The duplicate keys of the object at ``pointer``: each key, the offset of this
        copy and the offset of the first copy (the one the data keeps)."""
        offset, _ = self._walk(pointer)
        if self._text[offset] != "{":
            return []
        members = self._members(offset)
        return [(key, at, members.first[key][0]) for key, at in members.duplicates]

    def _walk(self, pointer: Pointer) -> tuple[int, int]:
        text = self._text
        offset, key_offset = self._root, -1
        for part in pointer:
            opening = text[offset]
            if opening == "{" and isinstance(part, str):
                entry = self._members(offset).first.get(part)
                if entry is None:
                    break
                key_offset, offset = entry
            elif opening == "[" and isinstance(part, int):
                items = self._items(offset)
                if not 0 <= part < len(items):
                    break
                key_offset, offset = -1, items[part]
            else:
                break
        return offset, key_offset

    def _members(self, offset: int) -> _Members:
        members = self._objects.get(offset)
        if members is None:
            members = self._objects[offset] = _Members()
            text = self._text
            at = _skip(text, offset + 1)
            while text[at] == '"':
                key, end = _scan(text, at)
                value_at = _skip(text, _skip(text, end) + 1)
                if key in members.first:
                    members.duplicates.append((key, at))
                else:
                    members.first[key] = (at, value_at)
                at = _skip(text, _scan(text, value_at)[1])
                if text[at] == ",":
                    at = _skip(text, at + 1)
        return members

    def _items(self, offset: int) -> list[int]:
        items = self._arrays.get(offset)
        if items is None:
            items = self._arrays[offset] = []
            text = self._text
            at = _skip(text, offset + 1)
            while text[at] != "]":
                items.append(at)
                at = _skip(text, _scan(text, at)[1])
                if text[at] == ",":
                    at = _skip(text, at + 1)
        return items


def _skip(text: str, offset: int) -> int:
    match = _WHITESPACE.match(text, offset)
    assert match is not None  # it matches the empty string
    return match.end()
