"""Checks of the arguments the rendering functions take from their callers.

A caller's mistake is reported where it is made, naming the parameter: a value of the
wrong type is a :class:`TypeError`, a number out of range a
:class:`~argmap.RenderError`, rather than an error from deep inside (or a hang).

>>> positive_number("dpi", 144)
144.0
>>> positive_number("timeout", float("inf"))
Traceback (most recent call last):
    ...
argmap.errors.RenderError: timeout must be a finite number greater than 0, not inf
"""

from __future__ import annotations

import math
from collections.abc import Container

from argmap.errors import RenderError

__all__ = ["choice", "flag", "positive_number"]


def positive_number(name: str, value: object) -> float:
    """``value`` as a float, if it is a finite number greater than 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    # An int too big for a float is as good as infinite (and too long to show).
    number = float(value) if isinstance(value, float) or abs(value) < 2**1000 else math.inf
    if not (math.isfinite(number) and number > 0):
        raise RenderError(f"{name} must be a finite number greater than 0, not {number:g}")
    return number


def choice(name: str, value: object, choices: Container[str], shown: str) -> str:
    """``value``, if it is a string among ``choices`` (``shown`` lists them)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    if value not in choices:
        raise RenderError(f"unknown {name} {value!r} (one of: {shown})")
    return value


def flag(name: str, value: object) -> bool:
    """``value``, if it is a bool."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {type(value).__name__}")
    return value
