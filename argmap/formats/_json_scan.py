"""Check a JSON text's nesting and number of values before parsing it.

The standard library's parser recurses once per level (a thousand levels is a
RecursionError) and builds every value before we could count them, so both limits are
checked first, on a skeleton of the text: its strings cut out by one regular expression,
then only bytes-level operations, never a Python loop per character. A text within
both limits, as every real map is, costs a few counts of characters and, when it has many
brackets, one pass to cut out its strings.

>>> from argmap.limits import override
>>> with override(depth=2):
...     too_deep('[["[[[[", 1], {"a": 2}]'), too_deep('[[["]"]]]')
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
# Text whose strings hold no closing bracket: all of it matches.
_NO_CLOSER_IN_STRINGS = re.compile(r'(?:[^"]++|"[^"\\\n\]}]*+(?:\\.[^"\\\n\]}]*+)*+")*+')
# Every kind of bracket becomes a square one, everything else goes.
_SQUARE = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
# An opening bracket goes a level down (2 - 1), a closing one up (0 - 1), the rest stays.
_STEPS = bytes(
    {ord("["): 2, ord("{"): 2, ord("]"): 0, ord("}"): 0}.get(byte, 1) for byte in range(256)
)


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


def too_deep(text: str, limit: int | None = None) -> int | None:
    """The offset of the first bracket of ``text`` nested deeper than ``limit``, if any."""
    if limit is None:
        from argmap import limits

        limit = limits.current().depth
    if text.count("[") + text.count("{") <= limit:
        return None
    # Brackets inside strings that only open can only make the text look deeper than it
    # is: the common case needs no string cut out.
    raw = text.encode("utf-8", "surrogatepass").translate(_SQUARE, _NOT_BRACKETS)
    if _depth_at_most(raw, limit) and _NO_CLOSER_IN_STRINGS.fullmatch(text):
        return None
    skeleton = _skeleton(text)
    if _depth_at_most(skeleton.translate(_SQUARE, _NOT_BRACKETS), limit):
        return None
    # The depth after each byte, worked out lazily up to the first that is too deep.
    steps = itertools.accumulate(skeleton.translate(_STEPS))
    depths = map(operator.sub, steps, itertools.count(1))
    first = next(itertools.compress(itertools.count(), map(limit.__lt__, depths)), None)
    if first is None:
        return None
    return _text_offset(text, len(skeleton[:first].decode("utf-8", "surrogatepass")))


def _depth_at_most(brackets: bytes, limit: int) -> bool:
    # Cutting out every innermost pair of brackets takes one level off all at once.
    for _ in range(limit):
        if not brackets:
            return True
        shorter = brackets.replace(b"[]", b"")
        if len(shorter) == len(brackets):
            return False  # unbalanced
        brackets = shorter
    return not brackets


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
