"""What the rendering tests share: the test maps, rendered pictures made once per session,
and readers for the SVG and DOT argmap draws.

The readers know only what the issue promises about a picture: a claim is a Graphviz
node (``<g class="node">``, id ``claim-c<i>`` for the i-th claim of the map) whose label
is one ``<text>`` per line, a group is a cluster, a relation is an edge with id
``relation-<i>``. Everything else is left for the golden files to pin down.
"""

from __future__ import annotations

import functools
import json
import os
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import argmap
from argmap.model import ArgumentMap, Inference, Relation
from argmap.rendering import render
from argmap.rendering.engines import get_engine

TESTS = Path(__file__).parent
DATA = TESTS / "data"
ROOT = TESTS.parent
FLAGSHIP = ROOT / "examples" / "second-occupation" / "map.yaml"

SVG_NS = "http://www.w3.org/2000/svg"

#: Characters XML 1.0 cannot carry at all (C0 controls but tab, LF, CR; two nonchars).
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: The test maps by name; ``hostile-printable`` is the hostile map without the control
#: characters that XML cannot hold (see ``without_controls``).
MAP_FILES = {
    "plain": DATA / "plain.yaml",
    "hostile": DATA / "hostile.yaml",
    "multilingual": DATA / "multilingual.yaml",
    "twenty": DATA / "twenty.yaml",
    "flagship": FLAGSHIP,
    "kinds": DATA / "golden" / "kinds.yaml",
    "linked": DATA / "golden" / "linked.yaml",
    "undercut": DATA / "golden" / "undercut.yaml",
    "groups": DATA / "golden" / "groups.yaml",
    "tags": DATA / "tags.yaml",
}


def requires(condition: object, reason: str) -> None:
    """Skip the test when ``condition`` is false, but fail it on CI (env ``CI`` set),
    where every tool the tests need is installed on purpose."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)")
    pytest.skip(reason)


@functools.cache
def load_map(name: str) -> ArgumentMap:
    """A test map by name (see :data:`MAP_FILES`)."""
    if name == "hostile-printable":
        return without_controls(load_map("hostile"))
    return argmap.load(MAP_FILES[name])


def without_controls(m: ArgumentMap) -> ArgumentMap:
    """``m`` with the characters XML forbids removed from every string that is drawn."""

    def clean(text: str | None) -> str | None:
        return None if text is None else XML_FORBIDDEN.sub("", text)

    return m.evolve(
        title=clean(m.title),
        actors=[attrs.evolve(a, name=clean(a.name)) for a in m.actors],
        claims=[attrs.evolve(c, text=clean(c.text), quote=clean(c.quote)) for c in m.claims],
        groups=[attrs.evolve(g, label=clean(g.label)) for g in m.groups],
    )


class Renders:
    """Pictures of the test maps, each rendered once per session (a render takes ~1 s)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[Any, ...], bytes] = {}

    def __call__(self, name: str, format: str = "svg", **options: Any) -> bytes:
        key = (name, format, tuple(sorted(options.items())))
        if key not in self._cache:
            self._cache[key] = render(load_map(name), format, **options)
        return self._cache[key]


# --- reading SVG -------------------------------------------------------------------------


def tag(name: str) -> str:
    """The qualified name of an SVG element."""
    return f"{{{SVG_NS}}}{name}"


def parse_svg(data: bytes) -> ET.Element:
    """The root of an SVG document; fails the test when it is not well-formed XML."""
    root = ET.fromstring(data)
    assert root.tag == tag("svg")
    return root


def groups_of_class(root: ET.Element, cls: str) -> dict[str, ET.Element]:
    """The ``<g>`` elements of class ``cls`` (node, edge, cluster) by id."""
    return {g.get("id", ""): g for g in root.iter(tag("g")) if g.get("class") == cls}


def text_lines(group: ET.Element) -> list[str]:
    """The lines a node or cluster shows: each ``<text>`` with its ``<tspan>``s joined."""
    return ["".join(text.itertext()) for text in group.iter(tag("text"))]


def claim_node_id(m: ArgumentMap, claim_id: str) -> str:
    """The SVG id of a claim's node: ``claim-c<i>`` for the map's i-th claim."""
    ids = list(dict.fromkeys(c.id for c in m.claims))
    return f"claim-c{ids.index(claim_id)}"


#: Characters no label shows: those XML forbids, DEL and the C1 controls but NEL (a line
#: break), and the noncharacters (U+FDD0-U+FDEF, the last two of every plane).
NOT_DRAWN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)

#: Combining marks a label shows on one character; the rest are dropped.
MARKS_SHOWN = 4


def normalise(text: str) -> str:
    """``text`` as a label shows it: whitespace runs as one space, the characters no
    label shows gone, and no more than :data:`MARKS_SHOWN` marks on a character."""
    kept = []
    marks = 0
    for char in NOT_DRAWN.sub("", text):
        marks = marks + 1 if unicodedata.category(char).startswith("M") else 0
        if marks <= MARKS_SHOWN:
            kept.append(char)
    return " ".join("".join(kept).split())


def _wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(char) in "WF" for char in text)


def shows_text(lines: list[str], text: str) -> bool:
    """Whether the last lines of a label, joined, are ``text``.

    Lines join with a space, or with nothing where a word too wide for a line was cut
    (a no-break space at such a cut is dropped, as a space at a break is). Text with CJK
    or emoji may wrap between two characters with no space between them, so there only
    the characters are compared.
    """
    expected = normalise(text)
    for start in range(len(lines)):
        shown = [normalise(line) for line in lines[start:]]
        if _joined(shown, expected):
            return True
        if _wide(expected) and "".join(shown).replace(" ", "") == expected.replace(" ", ""):
            return True
    return False


def _joined(lines: list[str], expected: str) -> bool:
    """Whether ``expected`` is ``lines`` joined, each join a space or nothing."""
    ends = {0}
    for index, line in enumerate(lines):
        starts = set(ends) if index else {0}
        if index:
            starts |= {end + 1 for end in ends if expected.startswith(" ", end)}
        ends = {start + len(line) for start in starts if expected.startswith(line, start)}
    return len(expected) in ends


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")


def shape_box(group: ET.Element) -> tuple[float, float, float, float]:
    """The bounding box (x0, y0, x1, y1) of the first shape of a node or cluster."""
    for child in group:
        name = child.tag.rsplit("}", 1)[-1]
        if name == "ellipse":
            cx, cy = float(child.get("cx", 0)), float(child.get("cy", 0))
            rx, ry = float(child.get("rx", 0)), float(child.get("ry", 0))
            return cx - rx, cy - ry, cx + rx, cy + ry
        if name in ("polygon", "polyline", "path"):
            numbers = [
                float(n) for n in _NUMBER.findall(child.get("points") or child.get("d", ""))
            ]
            xs, ys = numbers[0::2], numbers[1::2]
            return min(xs), min(ys), max(xs), max(ys)
    raise AssertionError(f"{group.get('id')!r} has no shape")


def colours(root: ET.Element) -> set[str]:
    """Every colour the SVG paints with (fill, stroke, ...), lower-cased, without none."""
    found = set()
    for element in root.iter():
        for name in ("fill", "stroke", "color", "stop-color", "flood-color", "lighting-color"):
            value = element.get(name)
            if value and value.lower() not in ("none", "transparent"):
                found.add(value.lower())
    return found


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb``, ``#rgb``, black or white as (r, g, b)."""
    named = {"black": "#000000", "white": "#ffffff"}
    value = named.get(colour.lower(), colour.lower())
    assert re.fullmatch(r"#[0-9a-f]{3}|#[0-9a-f]{6}", value), f"not a plain colour: {colour!r}"
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def unsafe_markup(root: ET.Element) -> list[str]:
    """Script elements, event-handler attributes and foreign objects in an SVG tree."""
    found = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1].lower()
        if name in ("script", "foreignobject", "iframe", "object", "embed"):
            found.append(f"<{name}>")
        for attribute in element.attrib:
            local = attribute.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                found.append(f"<{name} {attribute}=...>")
    return found


# --- reading DOT -------------------------------------------------------------------------


def dot_json(dot: str) -> dict[str, Any]:
    """The graph ``dot`` describes, as Graphviz itself reads it (laid out, ``-Tjson``)."""
    return dict(json.loads(get_engine("embedded").run(dot, "json")))


def json_nodes(graph: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """The nodes of a ``-Tjson`` graph by their ``_gvid`` (subgraphs have ``nodes``)."""
    return {o["_gvid"]: o for o in graph["objects"] if "nodes" not in o}


def json_clusters(graph: dict[str, Any]) -> list[dict[str, Any]]:
    """The cluster subgraphs of a ``-Tjson`` graph."""
    return [o for o in graph["objects"] if "nodes" in o and o["name"].startswith("cluster")]


def relation_index(m: ArgumentMap, relation: Relation) -> int:
    """The position of ``relation`` among the map's relations (edge id ``relation-<i>``)."""
    return next(i for i, r in enumerate(m.relations) if r is relation)


def undercut_targets(m: ArgumentMap) -> Iterator[tuple[Relation, Relation]]:
    """Each undercut with the relation whose inference it attacks."""
    for relation in m.relations:
        if isinstance(relation.target, Inference):
            target = relation.target
            yield relation, next(r for r in m.relations if target.matches(r))
