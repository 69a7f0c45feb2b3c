"""GraphML export, for yEd, Gephi, Cytoscape, networkx and other graph tools.

argmap writes GraphML but does not read it. Each claim is a node ``c<i>`` (in map
order) with its data: ``type`` (``claim``), ``claim`` (its id in the map), ``kind``,
``text``, ``label`` (the kind line and the text, as shown), and when the claim has them
``quote``, ``actor`` and ``actor_name``, ``tags`` (joined by ``, ``), ``group`` and
``group_label``. Each relation is one edge from its premise to its target, with ``kind``
and ``relation`` (its index in the map). The premises of a linked relation meet at a
junction node ``r<index>`` (``type`` ``inference``, with the relation's ``kind`` and
``relation``), one edge from each premise to it and one from it to the target; a
relation that an undercut attacks gets such a node too, and the undercut's edge ends
on it. The map's title and source are the graph's data, and so are the colours its
``style:`` gives tags (``tag_colours``: a JSON object, tag to colour as written), declared
only when the map gives any.

yEd's own graphics (yFiles' ``nodegraphics`` and ``edgegraphics``) ride along in their
own keys: each claim a box in its kind's colours from argmap's default theme, with its
label wrapped and visible on open; each relation in its colour, dashed for an undercut.
Nodes start on a grid: yEd's Layout menu (Hierarchical, bottom to top) arranges them.

Text is written as XML character data. The characters XML 1.0 cannot hold (C0 controls
but tab, line feed and carriage return; U+FFFE, U+FFFF; lone surrogates) are each
written as U+FFFD, the replacement character, so that the document always parses; a
carriage return is written as ``&#13;`` so that it survives a parser's line-end
normalisation.

>>> from argmap.model import ArgumentMap, Claim, Group, Relation
>>> m = ArgumentMap(claims=[Claim(id="t", text="A & B", kind="thesis"),
...                         Claim(id="p", text="<p>")],
...                 relations=[Relation(sources=["p"], target="t")])
>>> text = dumps(m)
>>> '<data key="text">A &amp; B</data>' in text
True
>>> '<edge id="e0" source="c1" target="c0">' in text
True
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator

from argmap.formats._export_common import Junctions, default_theme, kind_line, require_valid
from argmap.model import ArgumentMap, Claim, Group, Relation

__all__ = ["dumps"]

_NAMESPACES = (
    'xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:y="http://www.yworks.com/xml/graphml" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"'
)

# (key id, what it is for, attr.name, attr.type), in the order they are declared.
_KEYS = (
    ("title", "graph", "title", "string"),
    ("source_title", "graph", "source_title", "string"),
    ("source_author", "graph", "source_author", "string"),
    ("source_url", "graph", "source_url", "string"),
    ("source_date", "graph", "source_date", "string"),
    ("type", "node", "type", "string"),
    ("claim", "node", "claim", "string"),
    ("kind", "node", "kind", "string"),
    ("text", "node", "text", "string"),
    ("label", "node", "label", "string"),
    ("quote", "node", "quote", "string"),
    ("actor", "node", "actor", "string"),
    ("actor_name", "node", "actor_name", "string"),
    ("tags", "node", "tags", "string"),
    ("group", "node", "group", "string"),
    ("group_label", "node", "group_label", "string"),
    ("node_relation", "node", "relation", "int"),
    ("edge_kind", "edge", "kind", "string"),
    ("edge_relation", "edge", "relation", "int"),
)

# Declared only for a map that styles its tags, so that other maps' files stay as they were.
_TAG_COLOURS = ("tag_colours", "graph", "tag_colours", "string")

# What XML 1.0 cannot hold at all (its Char production), lone surrogates included.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})

# yEd's boxes: a text width in characters, and the size of a line and of the padding
# (points, for yEd's default 12-point Dialog font).
_WRAP = 36
_CHAR_WIDTH = 7.0
_LINE_HEIGHT = 17.0
_PADDING = 12.0
_GRID_COLUMNS = 5
_GRID_X = 320.0
_GRID_Y = 200.0
_JUNCTION_SIZE = 8.0


def _text(value: str) -> str:
    """``value`` as XML character data, every character XML cannot hold as U+FFFD."""
    return _UNWRITABLE.sub("\ufffd", value).translate(_ESCAPES)


def _data(key: str, value: str | int | None, indent: str) -> str:
    if value is None:
        return ""
    text = str(value) if isinstance(value, int) else _text(value)
    return f'{indent}<data key="{key}">{text}</data>\n'


def dumps(argmap: ArgumentMap) -> str:
    """The GraphML document of ``argmap``; raises :class:`ValidationError` for a map with
    errors (an unknown id, an undercut of no relation, ...)."""
    require_valid(argmap)
    return "".join(_document(argmap))


def _document(argmap: ArgumentMap) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f"<graphml {_NAMESPACES}>\n"
    keys = (*_KEYS, _TAG_COLOURS) if argmap.style.tags else _KEYS
    for key, domain, name, type_ in keys:
        yield f'  <key id="{key}" for="{domain}" attr.name="{name}" attr.type="{type_}"/>\n'
    yield '  <key id="nodegraphics" for="node" yfiles.type="nodegraphics"/>\n'
    yield '  <key id="edgegraphics" for="edge" yfiles.type="edgegraphics"/>\n'
    yield '  <graph id="argmap" edgedefault="directed">\n'
    source = argmap.source
    yield _data("title", argmap.title, "    ")
    if source is not None:
        yield _data("source_title", source.title, "    ")
        yield _data("source_author", source.author, "    ")
        yield _data("source_url", source.url, "    ")
        yield _data("source_date", source.date, "    ")
    if argmap.style.tags:
        colours = json.dumps(dict(argmap.style.tags), ensure_ascii=False)
        yield _data("tag_colours", colours, "    ")
    names = {claim.id: f"c{index}" for index, claim in enumerate(argmap.claims)}
    actors = {actor.id: actor.name for actor in argmap.actors}
    groups = {member: group for group in argmap.groups for member in group.members}
    for index, claim in enumerate(argmap.claims):
        actor = None if claim.actor is None else actors[claim.actor]
        group = groups.get(claim.id)
        yield from _claim(kind_line(argmap, claim), claim, actor, group, index)
    junctions = Junctions(argmap)
    place = len(argmap.claims)
    for index, relation in enumerate(argmap.relations):
        if junctions.has(index):
            yield from _junction(relation, index, place)
            place += 1
    edges = 0
    for index, relation in enumerate(argmap.relations):
        end = junctions.target(relation)
        target = names[end] if isinstance(end, str) else f"r{end}"
        sources = [names[source] for source in relation.sources]
        if junctions.has(index):
            pairs = [(source, f"r{index}") for source in sources] + [(f"r{index}", target)]
        else:
            pairs = [(sources[0], target)]
        for start, stop in pairs:
            yield from _edge(relation, index, f"e{edges}", start, stop)
            edges += 1
    yield "  </graph>\n"
    yield "</graphml>\n"


def _claim(
    line: str, claim: Claim, actor: str | None, group: Group | None, index: int
) -> Iterator[str]:
    style = default_theme().node(claim.kind)
    lines = [line, *textwrap.wrap(claim.text, _WRAP)]
    label = "\n".join(lines)
    yield f'    <node id="c{index}">\n'
    for key, value in (
        ("type", "claim"),
        ("claim", claim.id),
        ("kind", claim.kind.value),
        ("text", claim.text),
        ("label", label),
        ("quote", claim.quote),
        ("actor", claim.actor),
        ("actor_name", actor),
        ("tags", ", ".join(claim.tags) if claim.tags else None),
        ("group", None if group is None else group.id),
        ("group_label", None if group is None else group.label),
    ):
        yield _data(key, value, "      ")
    width = _PADDING * 2 + _CHAR_WIDTH * max(len(line) for line in lines)
    height = _PADDING * 2 + _LINE_HEIGHT * len(lines)
    x, y = _grid(index)
    border = "dashed" if style.line == "dashed" else "dotted" if style.line == "dotted" else "line"
    shape = "roundrectangle" if style.rounded else "rectangle"
    yield '      <data key="nodegraphics">\n'
    yield "        <y:ShapeNode>\n"
    yield f'          <y:Geometry x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}"/>\n'
    yield f'          <y:Fill color="{style.fill}" transparent="false"/>\n'
    yield (
        f'          <y:BorderStyle color="{style.border}" type="{border}" '
        f'width="{style.penwidth:g}"/>\n'
    )
    yield (
        '          <y:NodeLabel alignment="left" autoSizePolicy="content" fontSize="12" '
        f'fontStyle="{"bold" if style.bold else "plain"}" textColor="{style.text}" '
        f'modelName="internal" modelPosition="c">{_text(label)}</y:NodeLabel>\n'
    )
    yield f'          <y:Shape type="{shape}"/>\n'
    yield "        </y:ShapeNode>\n"
    yield "      </data>\n"
    yield "    </node>\n"


def _grid(place: int) -> tuple[float, float]:
    """Where a node starts in yEd: on a grid, in map order, until a layout moves it."""
    return (place % _GRID_COLUMNS) * _GRID_X, (place // _GRID_COLUMNS) * _GRID_Y


def _junction(relation: Relation, index: int, place: int) -> Iterator[str]:
    colour = default_theme().relation(relation.kind).color
    size = f"{_JUNCTION_SIZE:g}"
    x, y = _grid(place)
    yield f'    <node id="r{index}">\n'
    yield _data("type", "inference", "      ")
    yield _data("kind", relation.kind.value, "      ")
    yield _data("node_relation", index, "      ")
    yield '      <data key="nodegraphics">\n'
    yield "        <y:ShapeNode>\n"
    yield f'          <y:Geometry x="{x:g}" y="{y:g}" width="{size}" height="{size}"/>\n'
    yield f'          <y:Fill color="{colour}" transparent="false"/>\n'
    yield f'          <y:BorderStyle color="{colour}" type="line" width="1"/>\n'
    yield '          <y:Shape type="ellipse"/>\n'
    yield "        </y:ShapeNode>\n"
    yield "      </data>\n"
    yield "    </node>\n"


def _edge(relation: Relation, index: int, name: str, start: str, stop: str) -> Iterator[str]:
    style = default_theme().relation(relation.kind)
    line = "dashed" if style.line == "dashed" else "line"
    # The premises of a junction end on it with no arrowhead, as in argmap's pictures.
    arrow = "none" if stop == f"r{index}" else "standard"
    yield f'    <edge id="{name}" source="{start}" target="{stop}">\n'
    yield _data("edge_kind", relation.kind.value, "      ")
    yield _data("edge_relation", index, "      ")
    yield '      <data key="edgegraphics">\n'
    yield "        <y:PolyLineEdge>\n"
    width = f"{style.penwidth:g}"
    yield f'          <y:LineStyle color="{style.color}" type="{line}" width="{width}"/>\n'
    yield f'          <y:Arrows source="none" target="{arrow}"/>\n'
    yield "        </y:PolyLineEdge>\n"
    yield "      </data>\n"
    yield "    </edge>\n"
