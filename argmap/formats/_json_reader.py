"""Read a JSON map file into plain data with the standard library's parser, safely.

Before parsing, the nesting and the number of values are checked against the limits
(see :mod:`argmap.formats._json_scan`). While parsing, a duplicate key keeps its first
value, and what JSON or UTF-8 cannot carry is set aside: ``NaN`` and ``Infinity`` (not
JSON), a number too long to read or too large for a float, and half of a surrogate
pair (``"\\ud800"``), which no UTF-8 file can hold. Each becomes a located problem, so
the rest of the file is still checked; positions come from
:class:`~argmap.formats._json_locator.JsonSourceMap`, only when a problem needs one.

>>> parsed = parse_json('{"claims": {"a": {"text": NaN}}}', "m.json")
>>> print(*parsed.problems, sep="\\n")
m.json:1:27: error: NaN is not a number JSON allows; put it in quotes if it is text
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from argmap import limits
from argmap.errors import MapFormatError, Pointer, Problem
from argmap.formats._json_locator import JsonSourceMap
from argmap.formats._json_scan import count_values, too_deep, values_bound
from argmap.formats._text import JSON_BREAKS, LineIndex, describe
from argmap.formats._tree import ID_SECTIONS, MAX_NUMBER_CHARS, Parsed, long_number_problem

__all__ = ["parse_json"]

_WHITESPACE = re.compile(r"[ \t\n\r]*")
# Text that may hold half of a surrogate pair, escaped or not.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Literal(str):
    """What was written where a number should be, set aside to become a problem."""

    __slots__ = ("message",)
    message: str

    def __new__(cls, text: str, message: str) -> _Literal:
        literal = super().__new__(cls, text)
        literal.message = message
        return literal


def parse_json(text: str, source: str) -> Parsed:
    """Parse a JSON document into plain data, its source map and its problems.

    Raises :class:`MapFormatError` for text that is not JSON or goes beyond a limit.
    """
    first = _WHITESPACE.match(text).end()  # type: ignore[union-attr]
    if first == len(text):
        raise MapFormatError("the file is empty; a map needs at least 'claims'", source, 1, 1)
    current = limits.current()
    if values_bound(text) > current.values:
        values = count_values(text)
        if values > current.values:
            message = f"the file holds {values:,} values; {current.hint('values')}"
            raise _error(message, text, first, source)
    deepest = min(current.depth, _DEEPEST)
    deep = too_deep(text, deepest)
    if deep is not None:
        message = f"this value is nested {deepest + 1} deep; " + (
            current.hint("depth")
            if deepest == current.depth
            else f"argmap reads JSON nested at most {_DEEPEST} deep, whatever the limit"
        )
        raise _error(message, text, deep, source)
    return _Reader(text, source).read()


# Python's JSON parser recurses once a level: past this, raising ARGMAP_MAX_DEPTH would
# only trade a located message for a RecursionError.
_DEEPEST = 500


def _error(message: str, text: str, offset: int, source: str) -> MapFormatError:
    line, column = LineIndex(text, JSON_BREAKS).position(offset)
    return MapFormatError(message, source, line, column)


class _Reader:
    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source_map = JsonSourceMap(source, text)
        self.with_duplicates: dict[int, dict[str, Any]] = {}
        self.literals = False

    def read(self) -> Parsed:
        text = self.text
        try:
            data = json.loads(
                text,
                object_pairs_hook=self.object,
                parse_float=self.float,
                parse_int=self.integer,
                parse_constant=self.constant,
            )
        except json.JSONDecodeError as error:
            where = self.source_map.location(error.pos)
            raise MapFormatError(
                f"invalid JSON: {_explain(error, text)}", where.path, where.line, where.column
            ) from None
        surrogates = _may_hold_surrogates(text)
        problems: list[Problem] = []
        if self.with_duplicates or self.literals or surrogates:
            data, problems = self.set_aside(data, surrogates)
        return Parsed(data, self.source_map, problems)

    # The parser's hooks.

    def object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) < len(pairs):  # a duplicate key: the first value is kept
            result = {}
            for key, value in pairs:
                result.setdefault(key, value)
            self.with_duplicates[id(result)] = result
        return result

    def integer(self, literal: str) -> int | str:
        if len(literal) > MAX_NUMBER_CHARS:
            self.literals = True
            return _Literal(literal, long_number_problem(literal))
        return int(literal)

    def float(self, literal: str) -> float | str:
        if len(literal) > MAX_NUMBER_CHARS:
            self.literals = True
            return _Literal(literal, long_number_problem(literal))
        value = float(literal)
        if math.isinf(value):
            self.literals = True
            return _Literal(
                literal,
                f"{literal} is too large a number to read; put it in quotes if it is text",
            )
        return value

    def constant(self, literal: str) -> str:
        self.literals = True
        return _Literal(
            literal, f"{literal} is not a number JSON allows; put it in quotes if it is text"
        )

    # After parsing: what was set aside becomes problems.

    def set_aside(self, data: Any, surrogates: bool) -> tuple[Any, list[Problem]]:
        problems: list[Problem] = []
        where = self.source_map

        def problem(message: str, code: str, pointer: Pointer, at_key: bool = False) -> None:
            location = where.locate(pointer, at_key=at_key)
            problems.append(Problem(message, location=location, code=code, pointer=pointer))

        def check(value: Any, pointer: Pointer, at_key: bool = False) -> Any:
            if isinstance(value, _Literal):
                problem(value.message, "not-a-number", pointer)
                return str(value)
            if surrogates and isinstance(value, str) and _SURROGATE.search(value):
                problem(_surrogate_problem(value), "surrogate", pointer, at_key)
            return value

        data = check(data, ())
        stack: list[tuple[Pointer, Any]] = [((), data)]
        while stack:
            path, value = stack.pop()
            if isinstance(value, dict):
                if id(value) in self.with_duplicates:
                    problems.extend(self.duplicates(path))
                for key, item in value.items():
                    check(key, (*path, key), at_key=True)
                    value[key] = check(item, (*path, key))
                    if isinstance(item, dict | list):
                        stack.append(((*path, key), item))
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    value[index] = check(item, (*path, index))
                    if isinstance(item, dict | list):
                        stack.append(((*path, index), item))
        return data, problems

    def duplicates(self, path: Pointer) -> list[Problem]:
        where = self.source_map
        what = ID_SECTIONS.get(str(path[0]), "key") if len(path) == 1 else "key"
        problems = []
        for key, offset, first in where.duplicates(path):
            line = where.location(first).line
            problems.append(
                Problem(
                    f"duplicate {what} {key!r} (first used on line {line}); this one is ignored",
                    location=where.location(offset),
                    code="duplicate-id" if what != "key" else "duplicate-key",
                    pointer=(*path, key),
                )
            )
        return problems


def _may_hold_surrogates(text: str) -> bool:
    if _SURROGATE_ESCAPE.search(text):
        return True
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _surrogate_problem(value: str) -> str:
    match = _SURROGATE.search(value)
    assert match is not None
    return (
        f"the text holds {describe(match.group())}, which is not a character: no UTF-8 "
        "file can hold it; remove it, or write the whole pair"
    )


def _explain(error: json.JSONDecodeError, text: str) -> str:
    """The json module's message, with what to do where it says too little."""
    at = text[error.pos] if error.pos < len(text) else ""
    if error.msg.startswith("Invalid control character") and at:
        return (
            f"the character {describe(at)} cannot stand raw inside a string; "
            f"write it as \\u{ord(at):04x}"
        )
    if error.msg.startswith("Expecting"):
        if at == "/":
            return "JSON has no comments; remove them (a YAML map file may have comments)"
        if at == "'":
            return "JSON strings take double quotes, not single ones"
        before = text[: error.pos].rstrip()
        if before.endswith(",") and at in "}]":
            return f"a comma before {at!r}: JSON allows none after the last item"
    return error.msg
