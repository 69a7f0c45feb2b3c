"""Plain data a map file can hold, checked before a word of it is written.

A map built in Python may carry what no map file can: metadata nested a thousand deep
(or holding itself), a lone surrogate (half of a UTF-16 pair, not a character), a date
object, a key that is not text. Writers would fail deep inside, with a traceback, or
worse, write a file that does not read back. :func:`plain` copies the data in a loop,
never recursing, and reports everything it cannot write, each at its place.

>>> plain({"claims": {"a": {"text": "A", "metadata": {"n": (1, 2.5, None)}}}})
{'claims': {'a': {'text': 'A', 'metadata': {'n': [1, 2.5, None]}}}}
>>> plain({"metadata": {"k": "\\ud800"}})
Traceback (most recent call last):
...
argmap.errors.ValidationError: 1 problem:
error: cannot write the map: the text at /metadata/k holds a lone surrogate (U+D800), \
which is not a character; no UTF-8 file can hold it
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

from argmap import limits
from argmap.errors import Pointer, Problem, ValidationError

__all__ = ["FlowList", "FlowMap", "nonfinite_floats", "plain", "where"]


class FlowList(list[Any]):
    """A short list that YAML writes on one line: ``[a, b]``."""


class FlowMap(dict[str, Any]):
    """A small mapping that YAML writes on one line: ``{from: a, to: c}``."""


_SURROGATE = re.compile("[\ud800-\udfff]")
_SCALARS = (str, bool, int, float, type(None))
# Data shared a million times over may be wrong a million times: the first are enough.
_MOST_PROBLEMS = 100
# A path is kept as a chain (key, parent path), so that going one level deeper costs
# one tuple, not a copy of the whole path; it is spelled out only for a message.
_Path = tuple[Any, ...]


def where(pointer: Pointer, longest: int = 8) -> str:
    r"""A pointer as a JSON pointer (RFC 6901), eliding all but its first parts.

    A lone surrogate in a key is spelled as its escape, so that the message can be
    printed at all.

    >>> where(("claims", "a/b", "metadata", 0))
    '/claims/a~1b/metadata/0'
    >>> print(where(("metadata", "\udc80")))
    /metadata/\udc80
    """
    parts = [
        _printable(str(part).replace("~", "~0").replace("/", "~1")) for part in pointer[:longest]
    ]
    return "".join(f"/{part}" for part in parts) + ("/…" if len(pointer) > longest else "")


def _printable(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _pointer(path: _Path) -> Pointer:
    parts: list[str | int] = []
    while path:
        part, path = path
        parts.append(part)
    return tuple(reversed(parts))


def plain(data: Any) -> Any:
    """A copy of ``data`` made only of what a map file holds; raises what it cannot hold.

    Mappings (with text keys) become dicts, lists and tuples lists, and subclasses of
    str, int, float and bool the plain type; :class:`FlowList` and :class:`FlowMap` stay
    what they are. Nesting deeper than the ``depth`` limit (the top mapping is at depth
    1, as the readers count), more values than the ``values`` limit, lone surrogates and
    values of any other type are :class:`ValidationError` problems, all reported at once.
    """
    current = limits.current()
    problems: list[Problem] = []

    def cannot(message: str, path: _Path, code: str) -> None:
        if len(problems) == _MOST_PROBLEMS:
            problems.append(
                Problem(
                    f"cannot write the map: there is more, but only the first "
                    f"{_MOST_PROBLEMS} problems are listed",
                    code="too-many-problems",
                )
            )
        if len(problems) > _MOST_PROBLEMS:
            return
        pointer = _pointer(path)
        problems.append(
            Problem(
                f"cannot write the map: {message.format(at=where(pointer))}",
                code=code,
                pointer=pointer,
            )
        )

    budget = current.values
    root: list[Any] = [None]
    # Each entry: the value, its path, its depth, and the container and slot to fill.
    stack: list[tuple[Any, _Path, int, Any, Any]] = [(data, (), 1, root, 0)]
    while stack and len(problems) <= _MOST_PROBLEMS:
        value, path, depth, parent, slot = stack.pop()
        budget -= 1
        if budget < 0:
            problems.append(
                Problem(
                    f"cannot write the map: it holds more than {current.values:,} values, "
                    f"more than a map file may ({current.hint('values')})",
                    code="too-many-values",
                )
            )
            break
        copy: Any
        if isinstance(value, _SCALARS):
            copy = _scalar(value)
            if isinstance(copy, str) and _SURROGATE.search(copy):
                cannot(_surrogate_message("the text at {at}", copy), path, "unwritable")
        elif isinstance(value, Mapping | list | tuple):
            if depth > current.depth:
                cannot(
                    "the value at {at} nests deeper than a map file may "
                    f"({current.hint('depth')})",
                    path,
                    "too-deep",
                )
                continue
            children: list[tuple[Any, _Path, int, Any, Any]] = []
            if isinstance(value, Mapping):
                copy = FlowMap() if isinstance(value, FlowMap) else {}
                for key, item in value.items():
                    if not isinstance(key, str):
                        cannot(
                            f"the key {key!r:.40} at {{at}} is {_a(key)}; map files have text "
                            "keys only",
                            path,
                            "unwritable",
                        )
                        continue
                    key = str.__str__(key)
                    if _SURROGATE.search(key):
                        message = _surrogate_message("the key at {at}", key)
                        cannot(message, (key, path), "unwritable")
                        continue
                    copy[key] = None  # keeps the order while the stack fills it in
                    children.append((item, (key, path), depth + 1, copy, key))
            else:
                copy = FlowList() if isinstance(value, FlowList) else []
                copy.extend([None] * len(value))
                children.extend(
                    (item, (index, path), depth + 1, copy, index)
                    for index, item in enumerate(value)
                )
            # Last in, first out: reversed, the problems come in the order of the data.
            stack.extend(reversed(children))
        else:
            cannot(
                f"the value at {{at}} is {_a(value)}; a map file holds text, numbers, "
                "booleans, null, lists and mappings only",
                path,
                "unwritable",
            )
            continue
        parent[slot] = copy
    if problems:
        raise ValidationError(problems)
    return root[0]


def _scalar(value: Any) -> Any:
    # The plain type, so that every writer knows it (PyYAML's safe dumper knows no
    # subclass, such as an IntEnum or numpy's float64).
    if value is None or type(value) in (str, bool, int, float):
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    return float(value)


def _a(value: Any) -> str:
    name = type(value).__name__
    article = "an" if name[:1].lower() in "aeiou" else "a"
    return f"{article} {name} ({value!r:.40})"


def _surrogate_message(what: str, text: str) -> str:
    match = _SURROGATE.search(text)
    assert match is not None
    return (
        f"{what} holds a lone surrogate (U+{ord(match.group()):04X}), which is not a "
        "character; no UTF-8 file can hold it"
    )


def nonfinite_floats(data: Any) -> Iterator[tuple[Pointer, float]]:
    """Where plain ``data`` holds NaN or an infinity, which JSON cannot (in a loop)."""
    stack: list[tuple[Any, _Path]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            yield _pointer(path), value
        elif isinstance(value, dict):
            stack.extend((item, (key, path)) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((item, (index, path)) for index, item in reversed(list(enumerate(value))))
