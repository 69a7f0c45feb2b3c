"""Panels: what argmap draws around the argument after the layout (the legend, the notes).

Graphviz cannot flow a legend into rows under a layout whose width it has not computed
yet, so the engine lays out the argument alone and argmap adds the rest to the finished
SVG: each panel is set for the width the argument turned out to have, the panels are
stacked under the argument in order (a centred one under its middle, a left one from its
left edge), and the canvas (its size, view box and background) grows to hold them. The
first panel may stand beside the argument instead, as a column on its right, when that
makes the smaller canvas (a tall, narrow map). Nothing ever goes between the title and
the argument: the title is above the argument, the panels under or beside it.

A panel is anything with the :class:`PanelSpec` shape: :mod:`argmap.rendering.legend`
and :mod:`argmap.rendering.notes` are two. Where argmap does not finish the SVG (the DOT
text, the system engine's PDF), the same specs give an HTML-like table each, which
:mod:`argmap.rendering.dot` stacks in one node after the argument.

>>> flow_rows([30, 40, 50, 20], room=100, gap=10)
[[0, 1], [2, 3]]
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import Literal, Protocol

import attrs

from argmap.errors import RenderError
from argmap.rendering.typeset import Face, FontSet

__all__ = [
    "GAP",
    "PAD",
    "Box",
    "Panel",
    "PanelSpec",
    "Panels",
    "argument_box",
    "flow_rows",
    "place_panels",
]

#: Between the argument and a panel, and between two panels (points).
GAP = 14.0
#: The canvas's margin around what it holds: what ``pad="0.15"`` (inches) gives the
#: engine's own drawing in :mod:`argmap.rendering.dot`.
PAD = 10.8

_SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_TRANSLATE = re.compile(r"translate\(\s*([-\d.eE+]+)[\s,]+([-\d.eE+]+)\s*\)")

Used = list[tuple[ET.Element, Face]]


@attrs.frozen
class Panel:
    """A panel set for a width: its size in points, and ``draw(parent, left, top,
    fonts)``, which draws it into ``parent`` with its top left corner at (left, top)
    and returns each element that names a font, with its face (for the fonts to embed)."""

    width: float
    height: float
    draw: Callable[[ET.Element, float, float, FontSet], Used]


class PanelSpec(Protocol):
    """What can be placed under the argument."""

    @property
    def align(self) -> Literal["centre", "left"]:
        """centre: under the argument's middle; left: from the argument's left edge."""
        ...

    def layout(self, room: float) -> Panel:
        """The panel set to be no wider than ``room`` points where it can be (it is
        wider only when its narrowest form is)."""
        ...

    def column(self) -> Panel | None:
        """The panel set as a column to stand beside the argument; None: never beside."""
        ...

    def table(self, room: float) -> str:
        """The panel as the inside of a Graphviz HTML-like table cell, set for ``room``
        points (for the DOT text and the system engine's PDF)."""
        ...


@attrs.frozen
class Panels:
    """The panels to place, in order, top to bottom; only the first may stand beside."""

    specs: tuple[PanelSpec, ...] = ()


@attrs.frozen
class Box:
    """A rectangle in the drawing's coordinates (y grows downwards), in points."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def union(self, other: Box) -> Box:
        """The smallest box holding this one and ``other``."""
        return Box(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )


def flow_rows(widths: Sequence[float], room: float, gap: float) -> list[list[int]]:
    """The indices of ``widths`` in rows, in order: as few rows as keep each row (its
    items and the ``gap`` between two) no wider than ``room``, a row holding at least
    one item; then made as even as that number of rows allows (the narrowest widest row),
    so that a last row does not hold one item under a full one.

    >>> flow_rows([50, 50, 50, 50, 50], room=300, gap=10)
    [[0, 1, 2, 3, 4]]
    >>> flow_rows([50, 50, 50, 50, 50], room=200, gap=10)
    [[0, 1, 2], [3, 4]]
    >>> flow_rows([500, 20], room=100, gap=10)
    [[0], [1]]
    """
    if not widths:
        return []
    fewest = _greedy(widths, room, gap)
    # Every room a row could need: the width of each run of items. The narrowest that
    # keeps the number of rows gives the most even rows.
    runs = sorted(
        {
            sum(widths[first : last + 1]) + gap * (last - first)
            for first in range(len(widths))
            for last in range(first, len(widths))
        }
    )
    for candidate in runs:
        if candidate <= room or candidate == runs[0]:
            rows = _greedy(widths, candidate, gap)
            if len(rows) == len(fewest):
                return rows
    return fewest


def _greedy(widths: Sequence[float], room: float, gap: float) -> list[list[int]]:
    rows: list[list[int]] = []
    used = 0.0
    for index, width in enumerate(widths):
        if rows and used + gap + width <= room:
            rows[-1].append(index)
            used += gap + width
        else:
            rows.append([index])
            used = width
    return rows


def argument_box(graph: ET.Element) -> tuple[Box, Box]:
    """The box of everything the engine drew in ``graph`` (the SVG's graph group) but
    its title and background, and the box of the claims alone (whose width is what the
    panels are set for), in the graph's coordinates."""
    whole: Box | None = None
    claims: Box | None = None
    for group in graph.iter(f"{_SVG}g"):
        if group.get("class") not in ("node", "edge", "cluster"):
            continue
        box = _points_box(group)
        if box is None:
            continue
        whole = box if whole is None else whole.union(box)
        if group.get("id", "").startswith("claim-"):
            claims = box if claims is None else claims.union(box)
    if whole is None:
        raise RenderError("the engine's SVG holds no drawing of the argument")
    return whole, claims or whole


def _points_box(group: ET.Element) -> Box | None:
    xs: list[float] = []
    ys: list[float] = []
    for element in group:
        tag = element.tag.removeprefix(_SVG)
        if tag == "ellipse":
            cx, cy = float(element.get("cx", 0)), float(element.get("cy", 0))
            rx, ry = float(element.get("rx", 0)), float(element.get("ry", 0))
            xs += [cx - rx, cx + rx]
            ys += [cy - ry, cy + ry]
        elif tag in ("polygon", "polyline", "path"):
            numbers = [
                float(n) for n in _NUMBER.findall(element.get("points") or element.get("d") or "")
            ]
            xs += numbers[0::2]
            ys += numbers[1::2]
        elif tag == "text":  # an edge's label: its baseline, and a little under it
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            xs.append(x)
            ys += [y - float(element.get("font-size", 0)), y + 3]
    if not xs or not ys:
        return None
    return Box(min(xs), min(ys), max(xs), max(ys))


@attrs.frozen
class _Canvas:
    """The SVG's canvas: its size, and where the graph's origin lies on it."""

    width: float
    height: float
    left: float  # the canvas's left edge in the graph's coordinates
    top: float

    @classmethod
    def of(cls, root: ET.Element, graph: ET.Element) -> _Canvas:
        match = _TRANSLATE.search(graph.get("transform", ""))
        tx, ty = (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)
        return cls(_length(root, "width"), _length(root, "height"), -tx, -ty)

    def holding(self, box: Box) -> _Canvas:
        """This canvas grown (right and down) to hold ``box`` and a margin."""
        return attrs.evolve(
            self,
            width=max(self.width, box.x1 + PAD - self.left),
            height=max(self.height, box.y1 + PAD - self.top),
        )


def _length(root: ET.Element, name: str) -> float:
    value = root.get(name, "")
    match = _NUMBER.match(value.strip())
    if match is None or value.strip()[match.end() :] not in ("", "pt"):
        raise RenderError(f"the engine's SVG has a {name} argmap cannot read: {value!r}")
    return float(match.group())


@attrs.frozen
class _Placed:
    panel: Panel
    left: float
    top: float

    @property
    def box(self) -> Box:
        return Box(self.left, self.top, self.left + self.panel.width, self.top + self.panel.height)


def place_panels(root: ET.Element, panels: Panels, fonts: FontSet) -> Used:
    """Draw ``panels`` into the SVG ``root`` under (or the first beside) the argument,
    growing the canvas to hold them; returns each element that names a font, with its face."""
    graph = root.find(f"{_SVG}g")
    if graph is None or not panels.specs:
        return []
    canvas = _Canvas.of(root, graph)
    whole, claims = argument_box(graph)
    under = _under(panels.specs, whole, claims, canvas)
    placed = under
    first = panels.specs[0]
    column = first.column()
    if column is not None:
        beside = _beside(column, panels.specs[1:], whole, claims, canvas)
        if _area(beside, canvas) < _area(under, canvas):
            placed = beside
    used: Used = []
    grown = canvas
    for item in placed:
        used += item.panel.draw(graph, item.left, item.top, fonts)
        grown = grown.holding(item.box)
    _grow(root, graph, grown)
    return used


def _under(specs: Sequence[PanelSpec], whole: Box, claims: Box, canvas: _Canvas) -> list[_Placed]:
    """Each panel under the one before, the first under the argument."""
    return _stack(specs, whole.y1 + GAP, claims, canvas)


def _beside(
    column: Panel, rest: Sequence[PanelSpec], whole: Box, claims: Box, canvas: _Canvas
) -> list[_Placed]:
    """The first panel as a column right of the argument, level with its top claim
    (an edge may arch higher, up to the title); the others under both."""
    first = _Placed(column, whole.x1 + GAP, claims.y0)
    bottom = max(whole.y1, first.box.y1)
    return [first, *_stack(rest, bottom + GAP, claims, canvas)]


def _stack(specs: Sequence[PanelSpec], top: float, claims: Box, canvas: _Canvas) -> list[_Placed]:
    placed = []
    for spec in specs:
        panel = spec.layout(claims.width)
        centred = spec.align == "centre"
        left = (claims.x0 + claims.x1 - panel.width) / 2 if centred else claims.x0
        # A panel wider than the argument (one entry too wide for it) keeps within the
        # canvas on the left; the canvas grows on the right.
        left = max(left, canvas.left + PAD)
        placed.append(_Placed(panel, left, top))
        top += panel.height + GAP
    return placed


def _area(placed: Sequence[_Placed], canvas: _Canvas) -> float:
    grown = canvas
    for item in placed:
        grown = grown.holding(item.box)
    return grown.width * grown.height


def _grow(root: ET.Element, graph: ET.Element, canvas: _Canvas) -> None:
    """Give the SVG ``canvas``'s size: its width, height, view box and background."""
    width, height = math.ceil(canvas.width), math.ceil(canvas.height)
    root.set("width", f"{width}pt")
    root.set("height", f"{height}pt")
    root.set("viewBox", f"0.00 0.00 {width:.2f} {height:.2f}")
    background = graph.find(f"{_SVG}polygon")
    if background is not None:
        x0, y0 = canvas.left, canvas.top
        x1, y1 = x0 + width, y0 + height
        corners = [(x0, y1), (x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        background.set("points", " ".join(f"{x:g},{y:g}" for x, y in corners))
