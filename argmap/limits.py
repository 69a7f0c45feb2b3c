"""Limits that keep the cost of a command proportional to what was asked for.

A map file is small, but a hostile one can ask for much: aliases that expand a kilobyte
into gigabytes, nesting a thousand deep, a word of a million letters, a picture of a
billion pixels. argmap refuses such input early, with a message that names the limit
and the ``ARGMAP_*`` environment variable that raises it. The defaults leave room for
every real map: a map of 10,000 claims loads, validates and draws.

====================  ===========================  ====================================
limit                 environment variable         what it bounds
====================  ===========================  ====================================
``input_bytes``       ``ARGMAP_MAX_INPUT_BYTES``   the size of a map file or stdin
``values``            ``ARGMAP_MAX_VALUES``        values in a map file, aliases expanded
``depth``             ``ARGMAP_MAX_DEPTH``         nesting of a map file's values
``problems``          ``ARGMAP_MAX_PROBLEMS``      problems reported for one map file
``word_chars``        ``ARGMAP_MAX_WORD_CHARS``    characters of one unbroken word drawn
``claims``            ``ARGMAP_MAX_CLAIMS``        claims in one picture
``groups``            ``ARGMAP_MAX_GROUPS``        groups in one picture
``pixels``            ``ARGMAP_MAX_PIXELS``        pixels of a PNG
``engine_memory``     ``ARGMAP_MAX_ENGINE_MEMORY``  address space of the layout engine
====================  ===========================  ====================================

Byte sizes take a suffix: ``ARGMAP_MAX_INPUT_BYTES=64M``, ``ARGMAP_MAX_ENGINE_MEMORY=4G``.
In Python, :func:`override` changes limits for a block of code:

>>> current().depth
64
>>> with override(depth=200):
...     current().depth
200
>>> print(current().hint("depth"))
the limit is 64; set ARGMAP_MAX_DEPTH to raise it
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from argmap.errors import ArgmapError

__all__ = ["ENVIRONMENT", "Limits", "current", "override"]

_KIB = 1024
_MIB = 1024 * _KIB
_GIB = 1024 * _MIB


@attrs.frozen(kw_only=True)
class Limits:
    """How much one command may ask for; see the module's table for what each bounds."""

    input_bytes: int = 8 * _MIB
    values: int = 250_000
    depth: int = 64
    problems: int = 1_000
    word_chars: int = 1_000
    claims: int = 10_000
    groups: int = 1_000
    pixels: int = 30_000_000
    engine_memory: int = 1 * _GIB

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, with any ``ARGMAP_MAX_*`` variable of ``environ`` applied."""
        environ = os.environ if environ is None else environ
        changes: dict[str, int] = {}
        for name, variable in ENVIRONMENT.items():
            text = environ.get(variable)
            if text is not None and text.strip():
                changes[name] = _parse(variable, text, bytes_=name in _BYTE_SIZED)
        return cls(**changes)

    def hint(self, name: str) -> str:
        """``the limit is 64; set ARGMAP_MAX_DEPTH to raise it``: the tail of a message."""
        value: int = getattr(self, name)
        shown = _bytes(value) if name in _BYTE_SIZED else f"{value:,}"
        return f"the limit is {shown}; set {ENVIRONMENT[name]} to raise it"


#: The environment variable that sets each limit.
ENVIRONMENT: dict[str, str] = {
    field.name: f"ARGMAP_MAX_{field.name.upper()}" for field in attrs.fields(Limits)
}
_BYTE_SIZED = {"input_bytes", "engine_memory"}
_SUFFIXES = {"": 1, "k": _KIB, "m": _MIB, "g": _GIB}
_NUMBER = re.compile(r"\s*(\d[\d_]*)\s*([kmg]?)(?:i?b)?\s*", re.IGNORECASE)


def _parse(variable: str, text: str, *, bytes_: bool) -> int:
    match = _NUMBER.fullmatch(text)
    if match is None or (match.group(2) and not bytes_):
        form = "a whole number, optionally with K, M or G" if bytes_ else "a whole number"
        raise ArgmapError(f"{variable}={text!r} is not {form}")
    value = int(match.group(1).replace("_", "")) * _SUFFIXES[match.group(2).lower()]
    if value < 1:
        raise ArgmapError(f"{variable}={text!r}: a limit must be at least 1")
    return value


def _bytes(value: int) -> str:
    for unit, size in (("GiB", _GIB), ("MiB", _MIB), ("KiB", _KIB)):
        if value >= size and value % size == 0:
            return f"{value // size:,} {unit}"
    return f"{value:,} bytes"


_OVERRIDE: contextvars.ContextVar[Limits | None] = contextvars.ContextVar(
    "argmap_limits", default=None
)


def current() -> Limits:
    """The limits in force: an :func:`override`'s, else the environment's."""
    return _OVERRIDE.get() or Limits.from_env()


@contextlib.contextmanager
def override(**changes: Any) -> Iterator[Limits]:
    """Change some limits inside a ``with`` block (in this thread or task only)."""
    limits = attrs.evolve(current(), **changes)
    token = _OVERRIDE.set(limits)
    try:
        yield limits
    finally:
        _OVERRIDE.reset(token)
