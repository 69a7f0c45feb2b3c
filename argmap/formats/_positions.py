"""Where the values of a parsed document were written, kept compactly.

A document of half a million values must not cost half a million objects to locate the
few that have a problem. So each mapping and list keeps one array of text offsets (key
and value of each entry, in order; the value of each item) and a dict of only those
children that are themselves mappings or lists. Lines and columns are worked out only
for the offsets a problem needs.

>>> from argmap.formats._text import YAML_BREAKS, LineIndex
>>> text = "claims:\\n  a: {text: 1}\\n"
>>> claim = Positions([14, 20])  # the key 'text' and its value
>>> claims = Positions([10, 13], {0: claim})  # the key 'a' and its mapping
>>> root = Positions([0, 10], {0: claims})
>>> data = {"claims": {"a": {"text": 1}}}
>>> where = TreeSourceMap("m.yaml", data, 0, root, LineIndex(text, YAML_BREAKS))
>>> str(where.locate(("claims", "a", "text"))), str(where.locate(("claims", "a")))
('m.yaml:2:13', 'm.yaml:2:3')
>>> str(where.locate(("claims", "a", "text", "deeper")))
'm.yaml:2:13'
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import Any

from argmap.errors import Location, Pointer
from argmap.formats._text import LineIndex

__all__ = ["Positions", "TreeSourceMap"]


class Positions:
    """The text offsets of one mapping's entries or one list's items.

    ``offsets`` holds, for a mapping, the offset of each key and of its value, in the
    order of the mapping's keys; for a list, the offset of each item. ``children``
    holds the positions of those entries (by index) that are mappings or lists.
    """

    __slots__ = ("_ordinals", "children", "offsets")

    def __init__(
        self, offsets: Iterable[int] = (), children: dict[int, Positions] | None = None
    ) -> None:
        # An array is taken as it is: readers fill one while reading, then hand it over.
        self.offsets = offsets if isinstance(offsets, array) else self.array(offsets)
        self.children: dict[int, Positions] = {} if children is None else children
        self._ordinals: dict[str, int] | None = None

    @staticmethod
    def array(offsets: Iterable[int] = ()) -> array[int]:
        """An array of offsets: 8 bytes each, not a Python int each."""
        return array("q", offsets)

    def ordinal(self, key: str, mapping: dict[str, Any]) -> int:
        """The index of ``key`` among the keys of ``mapping``, whose positions these are."""
        if self._ordinals is None:
            self._ordinals = {name: index for index, name in enumerate(mapping)}
        return self._ordinals[key]


class TreeSourceMap:
    """A source map over a document's data and the :class:`Positions` of its collections."""

    def __init__(
        self, source: str, data: Any, root_offset: int, root: Positions | None, lines: LineIndex
    ) -> None:
        self.source = source
        self._data = data
        self._root_offset = root_offset
        self._root = root
        self._lines = lines

    def location(self, offset: int) -> Location:
        """The location of a text offset."""
        line, column = self._lines.position(offset)
        return Location(self.source, line, column)

    def locate(self, pointer: Pointer, *, at_key: bool = False) -> Location:
        """The location of the value at ``pointer`` (of its key with ``at_key``).

        A mapping or list is located at its key, where it has one: that is the line that
        names it. A pointer that goes deeper than the document stops at the deepest
        value that exists.
        """
        data, positions = self._data, self._root
        offset, key_offset = self._root_offset, -1
        for part in pointer:
            if positions is None:
                break
            if isinstance(data, dict):
                if not isinstance(part, str) or part not in data:
                    break
                index = positions.ordinal(part, data)
                key_offset = positions.offsets[2 * index]
                offset = positions.offsets[2 * index + 1]
            elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
                index, key_offset, offset = part, -1, positions.offsets[part]
            else:
                break
            data, positions = data[part], positions.children.get(index)
        use_key = key_offset >= 0 and (at_key or positions is not None)
        return self.location(key_offset if use_key else offset)
