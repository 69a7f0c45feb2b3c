"""What a YAML scalar means: the value PyYAML's safe loader reads, without making a node.

Plain scalars are typed by PyYAML's own YAML 1.1 resolver (``12`` is a number, ``yes``
a boolean, ``~`` nothing); quoted ones are text. Only plain data comes out: dates stay
the text the author wrote, and a tag that would make anything else is refused.

>>> scalar("12", None, plain=True), scalar("12", None, plain=False)
(('int', 12), ('str', '12'))
>>> scalar("0x_ff", None, plain=True), scalar("1:30", None, plain=True)
(('int', 255), ('int', 90))
>>> scalar("2024-05-01", None, plain=True), scalar("Yes", None, plain=True)
(('timestamp', '2024-05-01'), ('bool', True))
>>> scalar("7" * 101, None, plain=True)[0]
'long-number'
"""

from __future__ import annotations

import re
from typing import Any

import yaml.resolver

from argmap.formats._tree import MAX_NUMBER_CHARS, long_number_problem

__all__ = ["ScalarError", "is_text", "number_problem", "scalar"]

_TAG = "tag:yaml.org,2002:"

# The first character of a plain scalar picks the types it could have, in the order
# PyYAML tries them; most text starts with a letter that none of them can.
_IMPLICIT: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {
    first: [(tag.removeprefix(_TAG), regexp) for tag, regexp in resolvers]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}


def _either(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    scoped = (f"(?{'x' if p.flags & re.VERBOSE else ''}:{p.pattern})" for p in patterns)
    return re.compile("|".join(scoped))


# For each first character, one pattern that matches what is not text.
_TYPED = {first: _either([p for _, p in resolvers]) for first, resolvers in _IMPLICIT.items()}
_INT = next(regexp for name, regexp in _IMPLICIT["1"] if name == "int")
_FLOAT = next(regexp for name, regexp in _IMPLICIT["1"] if name == "float")
_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
# Types that are text under another name: '=' (the "value" key) and '!', '&', '*'.
_TEXT_TYPES = {"str", "value", "yaml"}


class ScalarError(ValueError):
    """A scalar that cannot be plain data; the message is written for the map's author."""


def scalar(value: str, tag: str | None, *, plain: bool) -> tuple[str, Any]:
    """The type and value of a scalar written ``value``, with ``tag`` if it has one.

    ``plain`` says the scalar is untagged and unquoted (or tagged ``!``), so its type
    comes from how it looks. The type is one of ``str``, ``int``, ``float``, ``bool``,
    ``null``, ``timestamp`` (its value is the text), ``merge`` (``<<``), and, with the
    text as value, ``long-number`` for a number literal longer than
    :data:`MAX_NUMBER_CHARS` or ``bad-number`` for one without digits (``0x_``): see
    :func:`number_problem`. Raises :class:`ScalarError` for a tag that is not plain data.
    """
    if tag is None or tag == "!":
        if not plain:
            return "str", value
        kind = _implicit_type(value)
    elif tag.startswith(_TAG) and tag[len(_TAG) :] in _EXPLICIT:
        kind = tag[len(_TAG) :]
        _EXPLICIT[kind](value)
    else:
        raise ScalarError(f"unsupported YAML tag {tag!r}; a map holds plain data only")
    if kind in _TEXT_TYPES:
        return "str", value
    if kind in ("int", "float"):
        if len(value) > MAX_NUMBER_CHARS:
            return "long-number", value
        try:
            return kind, _int(value) if kind == "int" else _float(value)
        except ValueError:  # '0x_' looks like a number to YAML 1.1, but has no digits
            return "bad-number", value
    if kind == "bool":
        return kind, _BOOLS[value.lower()]
    if kind == "null":
        return kind, None
    return kind, value  # timestamp, merge


def number_problem(kind: str, text: str) -> str:
    """The message for a ``long-number`` or ``bad-number`` scalar written ``text``."""
    if kind == "long-number":
        return long_number_problem(text)
    return f"{text!r} is read as a number but has no digits; put it in quotes if it is text"


def is_text(value: str) -> bool:
    """Whether a plain scalar written ``value`` is read as text (the common case, made fast)."""
    typed = _TYPED.get(value[:1])
    return typed is None or typed.match(value) is None


def _implicit_type(value: str) -> str:
    for kind, regexp in _IMPLICIT.get(value[:1], ()):
        if regexp.match(value):
            return kind
    return "str"


def _accept(value: str) -> None:
    pass


def _expect(kind: str, *patterns: re.Pattern[str]) -> Any:
    def check(value: str) -> None:
        if not any(pattern.match(value) for pattern in patterns):
            shown = value if len(value) <= 40 else value[:40] + "…"
            raise ScalarError(f"{shown!r} is tagged !!{kind} but is not one")

    return check


def _expect_bool(value: str) -> None:
    if value.lower() not in _BOOLS:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise ScalarError(f"{shown!r} is tagged !!bool but is not one (write true or false)")


# The standard tags of plain data, and what a value so tagged must look like.
_EXPLICIT = {
    "str": _accept,
    "null": _accept,
    "timestamp": _accept,
    "value": _accept,
    "merge": _accept,
    "int": _expect("int", _INT),
    "float": _expect("float", _FLOAT, _INT),
    "bool": _expect_bool,
}


# As PyYAML's SafeConstructor reads numbers; the literal is short enough to be cheap.
def _int(text: str) -> int:
    value = text.replace("_", "")
    sign = -1 if value[0] == "-" else 1
    if value[0] in "+-":
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value[0] == "0":
        return sign * int(value, 8)
    if ":" in value:
        total = 0
        for part in value.split(":"):
            total = total * 60 + int(part)
        return sign * total
    return sign * int(value)


def _float(text: str) -> float:
    value = text.replace("_", "").lower()
    sign = -1 if value[0] == "-" else 1
    if value[0] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * float("inf")
    if value == ".nan":
        return float("nan")
    if ":" in value:
        total = 0.0
        for part in value.split(":"):
            total = total * 60 + float(part)
        return sign * total
    return sign * float(value)
