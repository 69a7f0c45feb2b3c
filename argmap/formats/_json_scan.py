"""Check a JSON text's nesting and number of values before parsing it.

The standard library's parser recurses once per level (a thousand levels is a
RecursionError) and builds every value before they could be counted, so both limits are
checked first, with str and bytes methods and regular expressions, never a Python loop
per character:

- values: commas, colons and opening brackets bound their number; only a text over the
  limit by that bound is counted exactly, on a skeleton of the text (strings cut out);
- depth: the brackets of the whole text give it at once when no string holds a closing
  bracket (which could hide a level); otherwise the skeleton's brackets do. The depth
  after each bracket is summed in C, lazily, up to the first that goes too deep.

>>> too_deep('[["[[[[", 1], {"a": 2}]', limit=2), too_deep('[[["]"]]]', limit=2)
(None, 2)
>>> count_values('{"a": [1, 2, []], "b": "x,y:z"}')
8
"""

from __future__ import annotations

import itertools
import operator
import re

__all__ = ["count_values", "too_deep", "values_bound"]

# A JSON string (which cannot hold a raw line break); what is left of the text has no
# bracket, comma or colon that is not structure.
_STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')
_WHITESPACE = b" \t\n\r"
# What is left of a JSON text's bytes once escaped quotes and everything but quotes,
# closing brackets and line breaks are cut out matches this when no string holds a
# closing bracket (or a line break, which no valid string holds).
_KEPT = bytes(set(range(256)) - set(b'"]}\n'))
_NO_CLOSER_IN_STRINGS = re.compile(rb'(?:[^"]++|"[^"\]}\n]*+")*+')
# Every kind of bracket becomes a square one, everything else goes.
_SQUARE = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
# In a text of brackets only, an opening one counts two, so that the depth after the
# bracket at index i is the sum so far minus i + 1.
_STEPS = bytes.maketrans(b"[]", b"\x02\x00")
_BRACKET = re.compile(rb"[\[\]{}]")
_CHUNK = 1 << 16


def values_bound(text: str) -> int:
    """An upper bound of the values in ``text`` (commas and colons in strings count too)."""
    structure = text.count("[") + text.count("{") + text.count(",") + text.count(":")
    return structure + 1


def count_values(text: str) -> int:
    """The values (keys included) of the JSON ``text``, if it is valid JSON."""
    skeleton = _skeleton(text).translate(None, _WHITESPACE)
    opens = skeleton.count(b"[") + skeleton.count(b"{")
    empty = skeleton.count(b"[]") + skeleton.count(b"{}")
    return skeleton.count(b",") + skeleton.count(b":") + opens - empty + 1


def too_deep(text: str, limit: int) -> int | None:
    """The offset of the first bracket of ``text`` nested deeper than ``limit``, if any.

    It costs about 0.1 µs a bracket, so check :func:`count_values` first: within the
    limit of values, a text has few enough brackets.
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    # Brackets inside strings that only open can only make the text look deeper than it
    # is: the common case needs no string cut out.
    data = text.encode("utf-8", "surrogatepass")
    if _shallow(data.translate(_SQUARE, _NOT_BRACKETS), limit):
        quotes = data.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _KEPT)
        if _NO_CLOSER_IN_STRINGS.fullmatch(quotes):
            return None
    skeleton = _skeleton(text)
    brackets = skeleton.translate(_SQUARE, _NOT_BRACKETS)
    if _shallow(brackets, limit):
        return None
    first = _first_too_deep(brackets, limit)
    if first is None:
        return None
    offset = _nth_bracket(skeleton, first)
    return _text_offset(text, len(skeleton[:offset].decode("utf-8", "surrogatepass")))


def _shallow(brackets: bytes, limit: int) -> bool:
    """Whether ``brackets`` (only ``[`` and ``]``) surely nest no deeper than ``limit``.

    Cutting out every innermost pair takes a level off all at once, so a real map is
    done in a few passes; one that gives little away is left to :func:`_first_too_deep`.
    """
    for _ in range(limit):
        if not brackets:
            return True
        shorter = brackets.replace(b"[]", b"")
        if len(shorter) > len(brackets) * 7 // 8:
            return False
        brackets = shorter
    return not brackets


def _first_too_deep(brackets: bytes, limit: int) -> int | None:
    """The index of the first of ``brackets`` (only ``[`` and ``]``) deeper than ``limit``.

    The depths are worked out lazily, in C, up to the first that is too deep.
    """
    opened = itertools.accumulate(brackets.translate(_STEPS))  # two for each '['
    depths = map(operator.sub, opened, itertools.count(1))
    return next(itertools.compress(itertools.count(), map(limit.__lt__, depths)), None)


def _nth_bracket(skeleton: bytes, index: int) -> int:
    """The offset in ``skeleton`` of its bracket number ``index`` (from 0)."""
    seen = 0
    for start in range(0, len(skeleton), _CHUNK):
        chunk = skeleton[start : start + _CHUNK]
        count = len(chunk.translate(None, _NOT_BRACKETS))
        if seen + count > index:
            for match in _BRACKET.finditer(chunk):
                if seen == index:
                    return start + match.start()
                seen += 1
        seen += count
    raise ValueError(f"no bracket number {index}")  # pragma: no cover - index comes from it


def _skeleton(text: str) -> bytes:
    # Each string becomes one letter. Without an escaped quote, every other piece
    # between quotes is a string: splitting is faster than the regular expression.
    if '\\"' in text:
        return _STRING.sub("s", text).encode("utf-8", "surrogatepass")
    return "s".join(text.split('"')[::2]).encode("utf-8", "surrogatepass")


def _text_offset(text: str, offset: int) -> int:
    """The offset in ``text`` of the character at ``offset`` in its skeleton."""
    shift = 0
    for match in _STRING.finditer(text):
        if match.start() - shift >= offset:
            break
        shift += match.end() - match.start() - 1
    return offset + shift
