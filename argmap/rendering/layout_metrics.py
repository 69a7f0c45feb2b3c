"""How good a laid-out picture is, measured from its SVG: fill, edge lengths, crossings.

Read from argmap's SVG (the engine's geometry, whichever engine made it), by the ids
:mod:`argmap.rendering.dot` gives: claims are ``claim-*`` nodes, junctions
``inference-<i>`` (and the mark on an undercut inference's line ``inference-<i>-mark``),
and edges ``relation-<i>`` (into a claim, a junction or a mark), ``relation-<i>-<k>``
(from a junction to its ``k``-th premise) or ``relation-<i>-stem`` (from a mark to its
junction). Lines and arrowheads of
the legend are not counted. The measures, defined here so that a number in a table or a
test means one thing:

- **canvas fill**: the area of the claims' boxes over the canvas's (the SVG's
  ``viewBox``); **argument fill**: over the bounding box of the claims' boxes. Empty
  canvas lowers both; the first also counts the title's and the margins' room.
- **edge length**: each edge's path flattened into segments (each cubic Bézier into
  :data:`SEGMENTS_PER_CURVE` chords) and summed; the total over all edges and the
  longest one, in points.
- **crossings**: the points where segments of two different edges cross, for edges
  that share no end (edges meeting at a claim or junction touch there by design). The
  usual count of graph drawing's crossing number (Purchase, "Which aesthetic has the
  greatest effect on human understanding?", Graph Drawing 1997), on the drawn curves
  rather than on straight lines between node centres.
- **junction angle**: at each junction, the smallest angle between two of the lines
  that meet at its dot (premises', undercuts', and the line on to the conclusion), each
  taken as the direction from the dot to a point :data:`RAY_LENGTH` along it. Two lines
  that arrive almost parallel cannot be told apart where they join. (A premise whose
  line runs straight on into the conclusion's is not small here: argmap draws the line
  to the conclusion heavier, so that case reads by weight, not by angle.)
- **undercut clearance**: for each undercut (an edge ``relation-<u>`` that ends on
  inference ``<i>``'s junction or mark), the least distance between its line, apart from
  its last :data:`RAY_LENGTH` points before that end, and the lines of ``<i>``'s
  premises; the smallest over the picture. An undercut lying along a support edge, or
  crossing one, hides it: the clearance is then near 0.

>>> import argmap
>>> b = argmap.MapBuilder("Socrates")
>>> t = b.thesis("mortal", "Socrates is mortal.")
>>> b.premise("men", "All men are mortal.", supports=t)
'men'
>>> metrics = measure(argmap.render(b.build(), legend=False))
>>> metrics.claims, metrics.edges, metrics.crossings, metrics.junction_angle
(2, 1, 0, None)
>>> metrics.undercut_clearance is None
True
"""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence

import attrs

from argmap.rendering.svg import shape_box

__all__ = ["RAY_LENGTH", "SEGMENTS_PER_CURVE", "LayoutMetrics", "measure"]

#: Chords each cubic Bézier of an edge is flattened into.
SEGMENTS_PER_CURVE = 16
#: How far along a line (in points) its direction at a junction is read.
RAY_LENGTH = 12.0

_SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")
_EDGE = re.compile(r"relation-(\d+)(?:-(\d+)|-stem)?$")
_INFERENCE = re.compile(r"inference-(\d+)(?:-mark)?$")

Point = tuple[float, float]
Box = tuple[float, float, float, float]
Segment = tuple[Point, Point]


@attrs.frozen(kw_only=True)
class LayoutMetrics:
    """What :func:`measure` found; lengths in points, the angle in degrees."""

    canvas_width: float
    canvas_height: float
    argument_width: float
    argument_height: float
    claims: int
    claims_area: float
    edges: int
    total_edge_length: float
    longest_edge: float
    crossings: int
    #: The smallest junction angle of the picture; None when it has no junction.
    junction_angle: float | None
    #: The smallest undercut clearance of the picture; None when it has no undercut.
    undercut_clearance: float | None = None

    @property
    def canvas_fill(self) -> float:
        """The claims' boxes' area over the canvas's, 0 to 1."""
        return self.claims_area / (self.canvas_width * self.canvas_height)

    @property
    def argument_fill(self) -> float:
        """The claims' boxes' area over their bounding box's, 0 to 1."""
        return self.claims_area / (self.argument_width * self.argument_height)


@attrs.frozen
class _Edge:
    name: str
    relation: int
    premise: int | None
    points: tuple[Point, ...]  # the flattened path, from its first point to its last
    ends: frozenset[str]

    def segments(self) -> Iterator[Segment]:
        return itertools.pairwise(self.points)

    def length(self) -> float:
        return sum(math.dist(a, b) for a, b in self.segments())


def measure(svg: bytes | str) -> LayoutMetrics:
    """The :class:`LayoutMetrics` of argmap's SVG ``svg`` (see the module's definitions).

    Raises :class:`ValueError` when ``svg`` is not an SVG with at least one claim.
    """
    root = ET.fromstring(svg)
    view = [float(n) for n in _NUMBER.findall(root.get("viewBox", ""))]
    if root.tag != f"{_SVG}svg" or len(view) != 4:
        raise ValueError("not an SVG with a viewBox")
    nodes: dict[str, Box] = {}
    claims: list[Box] = []
    edge_groups: list[tuple[str, ET.Element]] = []
    for group in root.iter(f"{_SVG}g"):
        name = group.get("id") or ""
        if name.startswith(("claim-", "inference-")):
            box = shape_box(group)
            if box is not None:
                nodes[name] = box
                if name.startswith("claim-"):
                    claims.append(box)
        elif _EDGE.match(name):
            edge_groups.append((name, group))
    if not claims:
        raise ValueError("no claims in the SVG (is it argmap's?)")
    edges = [_edge(name, group, nodes) for name, group in edge_groups]
    drawn = [edge for edge in edges if len(edge.points) > 1]
    lengths = [edge.length() for edge in drawn]
    left, top = min(b[0] for b in claims), min(b[1] for b in claims)
    right, bottom = max(b[2] for b in claims), max(b[3] for b in claims)
    return LayoutMetrics(
        canvas_width=view[2],
        canvas_height=view[3],
        argument_width=right - left,
        argument_height=bottom - top,
        claims=len(claims),
        claims_area=sum((b[2] - b[0]) * (b[3] - b[1]) for b in claims),
        edges=len(drawn),
        total_edge_length=sum(lengths),
        longest_edge=max(lengths, default=0.0),
        crossings=_crossings(drawn),
        junction_angle=_junction_angle(drawn, nodes),
        undercut_clearance=_undercut_clearance(drawn, nodes),
    )


def _edge(name: str, group: ET.Element, nodes: dict[str, Box]) -> _Edge:
    match = _EDGE.match(name)
    assert match is not None
    path = next(group.iter(f"{_SVG}path"), None)
    points = _flatten(path.get("d", "")) if path is not None else []
    ends = frozenset(_nearest(point, nodes) for point in (points[:1] + points[-1:]))
    premise = None if match.group(2) is None else int(match.group(2))
    return _Edge(name, int(match.group(1)), premise, tuple(points), ends)


def _flatten(d: str) -> list[Point]:
    """The points of a Graphviz edge path (``M p C p p p p p p ...``), each cubic Bézier
    flattened into :data:`SEGMENTS_PER_CURVE` chords."""
    numbers = [float(n) for n in _NUMBER.findall(d)]
    pairs = list(zip(numbers[0::2], numbers[1::2], strict=False))
    if not pairs:
        return []
    points = [pairs[0]]
    for start in range(0, len(pairs) - 3, 3):
        p0, p1, p2, p3 = pairs[start : start + 4]
        for step in range(1, SEGMENTS_PER_CURVE + 1):
            t = step / SEGMENTS_PER_CURVE
            u = 1 - t
            a, b, c, e = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            points.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1],
                )
            )
    return points


def _nearest(point: Point, nodes: dict[str, Box]) -> str:
    """The node whose shape lies nearest ``point``: what an edge ending there joins
    (an arrowhead leaves a gap of a few points between a line and its node)."""

    def distance(name: str) -> float:
        x0, y0, x1, y1 = nodes[name]
        dx = max(x0 - point[0], 0.0, point[0] - x1)
        dy = max(y0 - point[1], 0.0, point[1] - y1)
        return math.hypot(dx, dy)

    return min(sorted(nodes), key=distance) if nodes else ""


def _crossings(edges: Sequence[_Edge]) -> int:
    count = 0
    for first, second in itertools.combinations(edges, 2):
        if first.ends & second.ends or not _overlap(_bounds(first.points), _bounds(second.points)):
            continue
        for a in first.segments():
            bounds = _bounds(a)
            for b in second.segments():
                if _overlap(bounds, _bounds(b)) and _cross(a, b):
                    count += 1
    return count


def _bounds(points: Iterable[Point]) -> Box:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _cross(a: Segment, b: Segment) -> bool:
    """Whether two segments cross at a point inside both (touching ends do not count)."""

    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2 = side(b[0], b[1], a[0]), side(b[0], b[1], a[1])
    d3, d4 = side(a[0], a[1], b[0]), side(a[0], a[1], b[1])
    return d1 * d2 < 0 and d3 * d4 < 0


def _junction_angle(edges: Sequence[_Edge], nodes: dict[str, Box]) -> float | None:
    """The smallest angle between two lines at any junction (see the module's text)."""
    rays: dict[str, list[float]] = {}
    for edge in edges:
        for junction in (end for end in edge.ends if end.startswith("inference-")):
            x0, y0, x1, y1 = nodes[junction]
            centre = ((x0 + x1) / 2, (y0 + y1) / 2)
            rays.setdefault(junction, []).append(_ray(edge.points, centre))
    smallest = None
    for angles in rays.values():
        for a, b in itertools.combinations(angles, 2):
            between = abs(a - b) % (2 * math.pi)
            between = math.degrees(min(between, 2 * math.pi - between))
            smallest = between if smallest is None else min(smallest, between)
    return smallest


def _ray(points: Sequence[Point], centre: Point) -> float:
    """The direction (radians) from ``centre`` to the point :data:`RAY_LENGTH` along
    the line from its end nearer ``centre``."""
    walk = (
        points if math.dist(points[0], centre) <= math.dist(points[-1], centre) else points[::-1]
    )
    target = walk[-1]
    for point in walk:
        if math.dist(point, centre) >= RAY_LENGTH:
            target = point
            break
    return math.atan2(target[1] - centre[1], target[0] - centre[0])


def _undercut_clearance(edges: Sequence[_Edge], nodes: dict[str, Box]) -> float | None:
    """The least undercut clearance of the picture (see the module's text)."""
    premises: dict[int, list[_Edge]] = {}
    for edge in edges:
        if edge.premise is not None:
            premises.setdefault(edge.relation, []).append(edge)
    smallest = None
    for edge in edges:
        if edge.premise is not None or edge.name.endswith("-stem"):
            continue
        for end in edge.ends:
            match = _INFERENCE.match(end)
            if match is None or int(match.group(1)) == edge.relation:
                continue  # not an undercut, or the inference's own line
            attacked = premises.get(int(match.group(1)), [])
            points = _away_from(edge.points, end_near=_end_point(edge.points, nodes[end]))
            for premise in attacked:
                for point in points:
                    for segment in premise.segments():
                        distance = _to_segment(point, segment)
                        smallest = distance if smallest is None else min(smallest, distance)
    return smallest


def _end_point(points: Sequence[Point], box: Box) -> Point:
    """The end of a line that lies nearer the centre of ``box``."""
    centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    return min((points[0], points[-1]), key=lambda p: math.dist(p, centre))


def _away_from(points: Sequence[Point], end_near: Point) -> list[Point]:
    """The points of a line farther than :data:`RAY_LENGTH` from its end ``end_near``."""
    return [point for point in points if math.dist(point, end_near) > RAY_LENGTH]


def _to_segment(point: Point, segment: Segment) -> float:
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    length = dx * dx + dy * dy
    t = (
        0.0
        if length == 0
        else max(0.0, min(1.0, ((point[0] - x0) * dx + (point[1] - y0) * dy) / length))
    )
    return math.dist(point, (x0 + t * dx, y0 + t * dy))
