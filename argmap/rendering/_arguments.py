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
>>> statuses([{"a": "in", "b": "in"}, {"a": "in", "b": "out"}])
{'a': 'in', 'b': 'undec'}
"""

from __future__ import annotations

import math
from collections.abc import Container, Mapping, Sequence

from argmap.errors import RenderError

__all__ = ["choice", "flag", "optional_text", "positive_number", "statuses", "strengths"]

#: The labels a claim's status may have (``argmap.analysis.Label``).
STATUSES = ("in", "out", "undec")


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


def optional_text(name: str, value: object) -> str | None:
    """``value``, if it is None or a string."""
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name} must be a string or None, not {type(value).__name__}")
    return value


def statuses(value: object) -> dict[str, str] | None:
    """Each claim's status to show, from one labelling (a mapping of claim ids to
    ``"in"``, ``"out"`` or ``"undec"``, as :class:`argmap.analysis.Labelling`) or a
    list of them (what :func:`argmap.analysis.evaluate` returns).

    Several labellings are shown sceptically: a claim is in when every labelling has it
    in, out when every one has it out, and undecided otherwise (sceptical justification:
    Baroni, Caminada and Giacomin 2011, "An introduction to argumentation semantics",
    Knowledge Engineering Review 26). An empty list (stable semantics may have no
    labelling) is a :class:`~argmap.RenderError`: there is nothing to show.
    """
    if value is None:
        return None
    if isinstance(value, Mapping):
        labellings: Sequence[object] = [value]
    elif isinstance(value, list | tuple):
        labellings = value
    else:
        raise TypeError(
            "status must be a mapping of claim ids to 'in', 'out' or 'undec' (a Labelling), "
            f"or a list of them, not {type(value).__name__}"
        )
    if not labellings:
        raise RenderError(
            "status is an empty list of labellings: there is no status to show "
            "(stable semantics has none for a map with, say, an odd cycle of attacks)"
        )
    shown: dict[str, str] = {}
    counts: dict[str, int] = {}
    for labelling in labellings:
        if not isinstance(labelling, Mapping):
            raise TypeError(
                f"status must be a list of mappings (Labellings), not of "
                f"{type(labelling).__name__}"
            )
        for claim, label in labelling.items():
            if not isinstance(claim, str):
                raise TypeError(f"status maps claim ids, not {type(claim).__name__}")
            if label not in STATUSES:
                raise RenderError(
                    f"status of claim {claim!r} is {label!r}; a status is 'in', 'out' or 'undec'"
                )
            if shown.setdefault(claim, label) != label:
                shown[claim] = "undec"
            counts[claim] = counts.get(claim, 0) + 1
    # A claim that some labelling does not name is not in (or out) in every one.
    return {
        claim: label if counts[claim] == len(labellings) else "undec"
        for claim, label in shown.items()
    }


def strengths(value: object) -> dict[str, float] | None:
    """Each claim's strength to show: a mapping of claim ids to numbers from 0 to 1 (what
    :func:`argmap.analysis.strength.strength` returns)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise TypeError(
            f"strength must be a mapping of claim ids to numbers from 0 to 1, "
            f"not {type(value).__name__}"
        )
    shown: dict[str, float] = {}
    for claim, number in value.items():
        if not isinstance(claim, str):
            raise TypeError(f"strength maps claim ids, not {type(claim).__name__}")
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise TypeError(
                f"strength of claim {claim!r} must be a number, not {type(number).__name__}"
            )
        if not 0 <= number <= 1:  # false for nan too
            raise RenderError(
                f"strength of claim {claim!r} is {number:g}; a strength is a number from 0 to 1"
            )
        shown[claim] = float(number)
    return shown
