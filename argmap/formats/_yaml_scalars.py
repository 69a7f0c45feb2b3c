"""What a YAML scalar means: the value PyYAML's safe loader reads, without making a node.

Plain scalars are typed by PyYAML's own YAML 1.1 resolver (``12`` is a number, ``yes``
a boolean, ``~`` nothing); quoted ones are text. Only plain data comes out: dates stay
the text the author wrote, and a tag that would make anything else is refused.

>>> plain_scalar("12"), scalar("12", None, plain=False)
(('int', 12), ('str', '12'))
>>> plain_scalar("0x_ff"), plain_scalar("1:30"), plain_scalar("1.5e+3")
(('int', 255), ('int', 90), ('float', 1500.0))
>>> [plain_scalar(text) for text in ("2024-05-01", "Yes", "~", "The text")]
[('timestamp', '2024-05-01'), ('bool', True), ('null', None), ('str', 'The text')]
>>> plain_scalar("7" * 101)[0], plain_scalar("7." * 101)[0]
('long-number', 'str')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml.resolver

from argmap.formats._tree import MAX_NUMBER_CHARS, long_number_problem

__all__ = ["MAYBE_TYPED", "PLAIN_DATA", "ScalarError", "number_problem", "plain_scalar", "scalar"]

_TAG = "tag:yaml.org,2002:"

# PyYAML's resolver: for each first character of a plain scalar, the types it could
# have, in the order PyYAML tries them. Most text starts with a letter none can have.
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers


def _either(resolvers: list[tuple[str, re.Pattern[str]]]) -> re.Pattern[str]:
    # One pattern per first character; the name of the group that matched is the type.
    groups = (
        f"(?P<{tag.removeprefix(_TAG)}>(?{'x' if p.flags & re.VERBOSE else ''}:{p.pattern}))"
        for tag, p in resolvers
    )
    return re.compile("|".join(groups))


_TYPED = {first: _either(resolvers) for first, resolvers in _RESOLVERS.items()}
# The types whose every spelling is a word: for those first characters, a table is the
# whole of the resolver (checked against it in the tests).
_BOOL_WORDS = ("yes", "no", "true", "false", "on", "off")
_WORDS = {
    **{
        spelling: "bool" for word in _BOOL_WORDS for spelling in (word, word.title(), word.upper())
    },
    **dict.fromkeys(["~", "null", "Null", "NULL", ""], "null"),
    "<<": "merge",
    "=": "value",
    **dict.fromkeys("!&*", "yaml"),
}
_WORD_FIRSTS = frozenset("yYnNtTfFoO~<=!&*")

#: The first characters of a plain scalar that may be read as something other than text
#: ('' for the empty scalar): a scalar starting with any other is text, however long.
MAYBE_TYPED = frozenset(first for first in _TYPED if first is not None)

# PyYAML's int and float patterns, with possessive repeats: on a long literal such as
# 1:59:59:...:59x the originals backtrack through every group and hold memory for each.
_INT = re.compile(
    r"""[-+]?0b[0-1_]++
    |[-+]?0[0-7_]++
    |[-+]?(?:0|[1-9][0-9_]*+)
    |[-+]?0x[0-9a-fA-F_]++
    |[-+]?[1-9][0-9_]*+(?::[0-5]?[0-9])++""",
    re.VERBOSE,
)
_FLOAT = re.compile(
    r"""[-+]?(?:[0-9][0-9_]*+)\.[0-9_]*+(?:[eE][-+][0-9]++)?
    |\.[0-9][0-9_]*+(?:[eE][-+][0-9]++)?
    |[-+]?[0-9][0-9_]*+(?::[0-5]?[0-9])++\.[0-9_]*+
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)""",
    re.VERBOSE,
)
_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}

#: The types of scalars that are plain data as they are (see :func:`scalar`).
PLAIN_DATA = frozenset({"str", "int", "float", "bool", "null", "timestamp"})


class ScalarError(ValueError):
    """A scalar that cannot be plain data; the message is written for the map's author."""


def plain_scalar(value: str) -> tuple[str, Any]:
    """The type and value of a plain (untagged, unquoted) scalar written ``value``.

    See :func:`scalar` for the types.
    """
    if len(value) > MAX_NUMBER_CHARS:  # only a number can be this long and not text
        if _INT.fullmatch(value) or _FLOAT.fullmatch(value):
            return "long-number", value
        return "str", value
    first = value[:1]
    if first in _WORD_FIRSTS:  # most keys start with a letter: a look-up, not a pattern
        return _typed(_WORDS[value], value) if value in _WORDS else ("str", value)
    typed = _TYPED.get(first)
    match = typed.match(value) if typed is not None else None
    if match is None:
        return "str", value
    kind = match.lastgroup
    assert kind is not None
    return _typed(kind, value)


def scalar(value: str, tag: str | None, *, plain: bool) -> tuple[str, Any]:
    """The type and value of a scalar written ``value``, with ``tag`` if it has one.

    ``plain`` says the scalar is untagged and unquoted (or tagged ``!``), so its type
    comes from how it looks. The type is one of :data:`PLAIN_DATA` (a ``timestamp``'s
    value is the text), ``merge`` (``<<``), or, with the text as value, ``long-number``
    for a number literal longer than :data:`MAX_NUMBER_CHARS` or ``bad-number`` for one
    without digits (``0x_``): see :func:`number_problem`. Raises :class:`ScalarError` for
    a tag that is not plain data.
    """
    if tag is None or tag == "!":
        return plain_scalar(value) if plain else ("str", value)
    kind = tag[len(_TAG) :] if tag.startswith(_TAG) else ""
    check = _EXPLICIT.get(kind)
    if check is None:
        raise ScalarError(f"unsupported YAML tag {tag!r}; a map holds plain data only")
    check(value)
    if kind in ("int", "float") and len(value) > MAX_NUMBER_CHARS:
        return "long-number", value
    return _typed(kind, value)


def number_problem(kind: str, text: str) -> str:
    """The message for a ``long-number`` or ``bad-number`` scalar written ``text``."""
    if kind == "long-number":
        return long_number_problem(text)
    return f"{text!r} is read as a number but has no digits; put it in quotes if it is text"


def _typed(kind: str, value: str) -> tuple[str, Any]:
    if kind == "int":
        number = _int(value)
        return ("int", number) if number is not None else ("bad-number", value)
    if kind == "float":
        return kind, _float(value)
    if kind == "bool":
        return kind, _BOOLS[value.lower()]
    if kind == "null":
        return kind, None
    if kind in ("timestamp", "merge"):
        return kind, value
    return "str", value  # '=' (the "value" type), '!', '&', '*': text by another name


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "…")


def _expect(kind: str, *patterns: re.Pattern[str]) -> Callable[[str], None]:
    def check(value: str) -> None:
        if not any(pattern.fullmatch(value) for pattern in patterns):
            raise ScalarError(f"{_shown(value)} is tagged !!{kind} but is not a number")

    return check


def _expect_bool(value: str) -> None:
    if value.lower() not in _BOOLS:
        raise ScalarError(f"{_shown(value)} is tagged !!bool but is not true or false")


def _accept(value: str) -> None:
    pass


# The standard tags of plain data, and what a value so tagged must look like.
_EXPLICIT: dict[str, Callable[[str], None]] = {
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
def _int(text: str) -> int | None:
    value = text.replace("_", "")
    sign = -1 if value[0] == "-" else 1
    if value[0] in "+-":
        value = value[1:]
    if value == "0":
        return 0
    if value[:2] in ("0b", "0x"):
        # '0x_' looks like a number to YAML 1.1, but has no digits (PyYAML fails on it).
        return sign * int(value[2:], 2 if value[1] == "b" else 16) if value[2:] else None
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
