"""Size for the target: scale the finished picture to a page's or a column's width.

A figure for a paper is placed at a width the page decides (a column, 85 mm; a full
page, 170 mm), and text that comes out too small there cannot be read. argmap lays a
map out at its natural size (claims' text at 10.5 pt) and then scales the whole
picture: the SVG's ``width`` and ``height`` (its ``viewBox``, and so everything drawn,
unchanged), and through them the PNG's pixels and the PDF's page. When the claims' text
would come out smaller than :data:`MIN_READABLE` points, it warns
(:class:`SmallTextWarning`).

>>> Length.parse("85mm")
Length(value=85.0, unit='mm')
>>> round(Length.parse("3.5in").points, 2)
252.0
>>> svg = b'<svg width="200pt" height="100pt" viewBox="0 0 200 100"/>'
>>> fitted = fit(svg, width=Length.parse("50mm"))
>>> fitted.svg
b'<svg width="50mm" height="25mm" viewBox="0 0 200 100"/>'
>>> round(fitted.scale, 4)
0.7087
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import attrs

from argmap.errors import RenderError

__all__ = [
    "MAX_POINTS",
    "MIN_POINTS",
    "MIN_READABLE",
    "UNITS",
    "Fitted",
    "Length",
    "SmallTextWarning",
    "fit",
    "small_text_advice",
]

#: Points in one of each unit a length may be given in. A px is the CSS pixel, 1/96 in:
#: what a browser means by it, and what resvg draws one PNG pixel for.
UNITS: dict[str, float] = {"pt": 1.0, "px": 0.75, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}

#: The narrowest picture argmap draws, in points.
MIN_POINTS = 1.0
#: The widest, in points: 200 in, the largest page a PDF viewer is bound to show (the
#: PDF 1.7 specification's limit, ISO 32000-1, annex C).
MAX_POINTS = 14_400.0

#: The smallest size, in points, at which the claims' text counts as readable in print.
#: Publishers' artwork guides ask for about 7 pt for normal lettering and nothing under
#: 6 pt (Elsevier, "Sizing of artwork"); below 6 pt the text is hardly legible.
MIN_READABLE = 6.0

_LENGTH = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-zA-Z]*)\s*")
_ROOT = re.compile(rb"<svg\b[^>]*>")
_WIDTH = re.compile(rb"(\swidth\s*=\s*)([\"'])([^\"']*)\2")
_HEIGHT = re.compile(rb"(\sheight\s*=\s*)([\"'])([^\"']*)\2")


class SmallTextWarning(UserWarning):
    """The claims' text would come out smaller than :data:`MIN_READABLE` points at the
    width asked for."""


@attrs.frozen
class Length:
    """A length as given: a number and one of :data:`UNITS`."""

    value: float
    unit: str

    @classmethod
    def parse(cls, given: object, name: str = "width") -> Length:
        """``given`` as a length: a number of points, or text like ``"85mm"``, ``"6.5in"``
        or ``"120"`` (points), from :data:`MIN_POINTS` to :data:`MAX_POINTS`.

        Raises :class:`~argmap.RenderError` naming ``name`` (if any) and the units, and
        :class:`TypeError` for what is neither a number nor text.

        >>> Length.parse(" 12.5 CM ")
        Length(value=12.5, unit='cm')
        >>> Length.parse("12 furlongs")
        Traceback (most recent call last):
            ...
        argmap.errors.RenderError: width '12 furlongs' is not a length: give a number \
and a unit, one of pt, px, mm, cm, in (a bare number is pt), e.g. 85mm or 6.5in
        """
        if isinstance(given, bool) or not isinstance(given, int | float | str):
            raise TypeError(
                f"{name} must be a number of points or a text like '85mm', "
                f"not {type(given).__name__}"
            )
        if isinstance(given, str):
            match = _LENGTH.fullmatch(given)
            unit = match.group(2).lower() if match else ""
            if match is None or (unit and unit not in UNITS):
                raise RenderError(
                    f"{_subject(name, repr(given))} is not a length: give a number and a "
                    f"unit, one of {', '.join(UNITS)} (a bare number is pt), e.g. 85mm or 6.5in"
                )
            length = cls(float(match.group(1)), unit or "pt")
        else:
            # An int too big for a float is as good as infinite (and too long to show).
            big = isinstance(given, int) and abs(given) >= 2**1000
            length = cls(math.inf if big else float(given), "pt")
        if not MIN_POINTS <= length.points <= MAX_POINTS:  # false for nan too
            raise RenderError(
                f"{_subject(name, str(length))} is out of range: a picture is from "
                f"{MIN_POINTS:g} pt to {MAX_POINTS:,.0f} pt (200 in, the largest PDF page) wide"
            )
        return length

    @property
    def points(self) -> float:
        """The length in points (1/72 in)."""
        return self.value * UNITS[self.unit]

    def __str__(self) -> str:
        return f"{_number(self.value)} {self.unit}"


@attrs.frozen
class Fitted:
    """A picture scaled for its target: the SVG, and by how much it was scaled."""

    svg: bytes
    scale: float


def fit(svg: bytes, *, width: Length | None = None, max_width: Length | None = None) -> Fitted:
    """``svg`` scaled to ``width``, or shrunk to ``max_width`` when it is wider.

    Only the root's ``width`` and ``height`` change, to the unit of the length given;
    the ``viewBox`` stays, so every viewer scales what is drawn alike. A picture that
    needs no change comes back as it was, byte for byte.
    """
    if width is None and max_width is None:
        return Fitted(svg, 1.0)
    natural_width, natural_height = svg_points(svg)
    target = width if width is not None else max_width
    assert target is not None
    scale = target.points / natural_width
    if width is None and scale >= 1:
        return Fitted(svg, 1.0)  # --max-width only shrinks
    per_unit = UNITS[target.unit]
    new_width = _number(natural_width * scale / per_unit) + target.unit
    new_height = _number(natural_height * scale / per_unit) + target.unit
    root = _ROOT.search(svg)
    assert root is not None  # svg_points found it
    tag = _WIDTH.sub(_setter(new_width), root.group(), count=1)
    tag = _HEIGHT.sub(_setter(new_height), tag, count=1)
    return Fitted(svg[: root.start()] + tag + svg[root.end() :], scale)


def svg_points(svg: bytes) -> tuple[float, float]:
    """The width and height of ``svg`` in points, from its root's attributes (a length
    without a unit is in px, as in CSS).

    >>> svg_points(b'<svg width="96px" height="2.54cm">')
    (72.0, 72.0)
    """
    root = _ROOT.search(svg)
    sizes = []
    for pattern in (_WIDTH, _HEIGHT):
        found = pattern.search(root.group()) if root else None
        match = _LENGTH.fullmatch(found.group(3).decode("ascii", "replace")) if found else None
        unit = (match.group(2).lower() or "px") if match else ""
        if match is None or unit not in UNITS or float(match.group(1)) <= 0:
            raise RenderError(
                "cannot tell the size of the SVG: its root needs a width and a height"
            )
        sizes.append(float(match.group(1)) * UNITS[unit])
    return sizes[0], sizes[1]


def small_text_advice(
    body: float, scale: float, target: Length, direction: str, shrunk: bool
) -> str | None:
    """What to say when text of ``body`` points, scaled by ``scale`` to fit ``target``,
    comes out smaller than :data:`MIN_READABLE` points; None when it does not.

    >>> print(small_text_advice(10.5, 0.5, Length(85, "mm"), "TB", False))
    at 85 mm wide, the claims' text would be 5.2 pt, too small to read (under 6 pt): \
draw one line of reasoning (--focus ID --depth N), or lay the map out sideways \
(--direction LR), narrower for a broad, shallow map
    """
    size = body * scale
    if size >= MIN_READABLE:
        return None
    ways = ["draw one line of reasoning (--focus ID --depth N)"]
    if direction in ("TB", "BT"):  # broad ranks stand as tall columns on their side
        ways.append("lay the map out sideways (--direction LR), narrower for a broad, shallow map")
    fitted = "shrunk to" if shrunk else "at"
    return (
        f"{fitted} {target} wide, the claims' text would be {_floor(size)} pt, too small "
        f"to read (under {MIN_READABLE:g} pt): {', or '.join(ways)}"
    )


def _subject(name: str, value: str) -> str:
    return f"{name} {value}" if name else value


def _setter(value: str) -> Callable[[re.Match[bytes]], bytes]:
    def replace(match: re.Match[bytes]) -> bytes:
        return match.group(1) + match.group(2) + value.encode("ascii") + match.group(2)

    return replace


def _number(value: float) -> str:
    """``value`` with at most four decimals (a 10,000th of an inch is 0.0072 pt), without
    trailing zeros."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _floor(size: float) -> str:
    """``size`` to one decimal, rounded down: 5.99 pt is not called 6.0 pt."""
    return f"{math.floor(size * 10) / 10:.1f}"
