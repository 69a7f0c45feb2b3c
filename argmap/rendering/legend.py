"""The legend: a sample of each kind of claim and relation a picture shows, in rows.

argmap lays the legend out and draws it itself, after the layout (see
:mod:`argmap.rendering.panels`): its entries flow into as many centred rows as keep it
no wider than the argument it explains, a row holding at least one entry, the entries in
reading order. Each entry is a sample drawn as the picture draws the thing it names:

- a claim kind: a box of the kind's shape, fill, border and line, its name inside;
- a relation kind: a short line in the relation's colour, dash and width, ending in its
  arrowhead (an arrow, a tee bar, ...), its name beside it;
- the quote mark; the status of a claim (a heading naming the semantics, then a sample
  of in, with its double border, out, faded, and undecided); the strength, with a small
  sample bar.

In the SVG the legend is ``<g id="legend">``, each entry ``<g id="legend-<kind>"
class="node">`` whose first shape holds its text (a relation's line is a
``class="edge"`` group inside its entry). For the DOT text and the system engine's PDF,
:meth:`Legend.table` gives the same entries in the same rows as an HTML-like table.

>>> from argmap.rendering.themes import THEMES
>>> from argmap.rendering.typeset import default_typesetter
>>> legend = Legend.of(default_typesetter(), THEMES["default"],
...     kinds=[ClaimKind.THESIS, ClaimKind.PREMISE], relations=[RelationKind.SUPPORTS])
>>> [entry.id for entry in legend.entries]
['legend-thesis', 'legend-premise', 'legend-supports']
>>> [len(row) for row in legend.rows(room=120)], [len(row) for row in legend.rows(room=1000)]
([1, 1, 1], [3])
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Literal

import attrs

from argmap.errors import RenderError
from argmap.model import ClaimKind, RelationKind
from argmap.rendering._html import html_line
from argmap.rendering.panels import Panel, Used, flow_rows
from argmap.rendering.svg import draw_block, svg_tag
from argmap.rendering.themes import EdgeStyle, NodeStyle, Theme, fade
from argmap.rendering.typeset import Block, FontSet, Gauge, Typesetter

__all__ = ["Entry", "Legend"]

#: Around the entries, inside the legend's frame (points).
MARGIN = 8.0
#: Between two entries of a row, and between two rows.
ENTRY_GAP = 10.0
ROW_GAP = 6.0
#: The sample line of a relation, and its arrowhead (Graphviz's 10 points at the
#: ``arrowsize`` of 0.75 that :mod:`argmap.rendering.dot` draws edges with).
LINE = 28.0
ARROW = 7.5
#: The sample bar of the strength, and the value it shows.
BAR = (24.0, 4.0)
BAR_VALUE = 0.6
#: How far a double border (an accepted claim) lies outside the first.
DOUBLE = 4.0
#: The radius of a rounded box's corners.
CORNER = 4.0

Sample = Literal["kind", "relation", "bar", "words"]
Point = tuple[float, float]


@attrs.frozen(kw_only=True)
class Entry:
    """One entry of the legend: ``id`` (``legend-<kind>``), its words, and what sample
    shows it: a claim kind's box (``style``, ``double``), a relation's line (``edge``),
    a strength bar (``gauge``), or none (``words``)."""

    id: str
    block: Block
    sample: Sample = "words"
    style: NodeStyle | None = None
    double: bool = False
    edge: EdgeStyle | None = None
    gauge: Gauge | None = None
    title: str = ""

    @property
    def width(self) -> float:
        if self.sample == "kind":
            return self.block.width + (2 * DOUBLE if self.double else 0)
        if self.sample == "relation":
            return LINE + self.block.width
        if self.sample == "bar":
            return BAR[0] + self.block.width
        return self.block.width

    @property
    def height(self) -> float:
        return self.block.height + (2 * DOUBLE if self.double else 0)


@attrs.frozen
class Legend:
    """The entries of a legend, with the colours of its frame; a
    :class:`~argmap.rendering.panels.PanelSpec` set centred under the argument."""

    entries: tuple[Entry, ...]
    border: str
    background: str
    align: Literal["centre", "left"] = "centre"

    @classmethod
    def of(
        cls,
        typesetter: Typesetter,
        theme: Theme,
        *,
        kinds: Sequence[ClaimKind] = (),
        quote_mark: str | None = None,
        relations: Sequence[RelationKind] = (),
        status_heading: str | None = None,
        status_colours: tuple[str, str, str] | None = None,
        strength: str | None = None,
    ) -> Legend:
        """The legend of a picture: a sample of each of ``kinds`` and ``relations``, in
        the ``theme``'s styles; the ``quote_mark`` entry when given; ``status_heading``
        and a sample of in, out and undecided, their words in ``status_colours``; the
        ``strength`` entry's words, with a sample bar. Raises :class:`RenderError` for a
        theme whose colours cannot be faded (the sample of out)."""
        entries: list[Entry] = []
        for kind in kinds:
            style = theme.node(kind)
            block = typesetter.legend_kind(kind.value, style)
            entries.append(
                Entry(id=f"legend-{kind.value}", block=block, sample="kind", style=style)
            )
        text = theme.legend_text
        if quote_mark is not None:
            block = typesetter.legend_relation(f"{quote_mark} quotes the source", text)
            entries.append(Entry(id="legend-quote", block=block))
        for relation in relations:
            edge = theme.relation(relation)
            block = typesetter.legend_relation(relation.value, text)
            entries.append(
                Entry(id=f"legend-{relation.value}", block=block, sample="relation", edge=edge)
            )
        if status_heading is not None and status_colours is not None:
            block = typesetter.legend_relation(status_heading, text)
            entries.append(Entry(id="legend-status", block=block))
            sample = theme.node(ClaimKind.PREMISE)
            words = (("in", "in"), ("out", "out"), ("undec", "undecided"))
            for (status, word), colour in zip(words, status_colours, strict=True):
                style = _faded(sample, theme) if status == "out" else sample
                style = attrs.evolve(style, text=colour, bold=True)
                block = typesetter.legend_kind(word, style)
                entry = Entry(
                    id=f"legend-{status}",
                    block=block,
                    sample="kind",
                    style=style,
                    double=status == "in",
                    title=word,
                )
                entries.append(entry)
        if strength is not None:
            gauge = Gauge(BAR_VALUE, theme.analysis.bar, theme.analysis.track)
            block = typesetter.legend_relation(strength, text)
            entries.append(Entry(id="legend-strength", block=block, sample="bar", gauge=gauge))
        return cls(tuple(entries), theme.group_border, theme.background)

    def rows(self, room: float) -> list[list[Entry]]:
        """The entries in rows for a legend no wider than ``room`` points, frame
        included, where it can be (see :func:`~argmap.rendering.panels.flow_rows`)."""
        widths = [entry.width for entry in self.entries]
        indices = flow_rows(widths, room - 2 * MARGIN, ENTRY_GAP)
        return [[self.entries[i] for i in row] for row in indices]

    def layout(self, room: float) -> Panel:
        """The legend in centred rows, no wider than ``room`` where it can be."""
        return self._panel(self.rows(room), centred=True)

    def column(self) -> Panel | None:
        """The legend as a column, one entry a row, set from the left."""
        return self._panel([[entry] for entry in self.entries], centred=False)

    def _panel(self, rows: list[list[Entry]], *, centred: bool) -> Panel:
        widths = [_row_width(row) for row in rows]
        heights = [max(entry.height for entry in row) for row in rows]
        inner = max(widths)
        width = inner + 2 * MARGIN
        height = sum(heights) + ROW_GAP * (len(rows) - 1) + 2 * MARGIN

        def draw(parent: ET.Element, left: float, top: float, fonts: FontSet) -> Used:
            group = ET.SubElement(
                parent, svg_tag("g"), {"id": "legend", "class": "legend", "data-kind": "legend"}
            )
            ET.SubElement(group, svg_tag("title")).text = "legend"
            frame = _rounded(left, top, left + width, top + height, CORNER + 2)
            ET.SubElement(
                group,
                svg_tag("path"),
                {
                    "fill": _paint(self.background),
                    "stroke": _paint(self.border),
                    "stroke-width": "0.6",
                    "d": frame,
                },
            )
            used: Used = []
            y = top + MARGIN
            for row, row_width, row_height in zip(rows, widths, heights, strict=True):
                x = left + MARGIN + ((inner - row_width) / 2 if centred else 0)
                for entry in row:
                    entry_top = y + (row_height - entry.height) / 2
                    used += _draw_entry(group, entry, x, entry_top, fonts)
                    x += entry.width + ENTRY_GAP
                y += row_height + ROW_GAP
            return used

        return Panel(width, height, draw)

    def table(self, room: float) -> str:
        """The legend as a Graphviz HTML-like table, its entries in the rows
        :meth:`rows` gives for ``room`` points."""
        rows = "".join(
            '<TR><TD><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="0"><TR>'
            + "".join(_cell(entry) for entry in row)
            + "</TR></TABLE></TD></TR>"
            for row in self.rows(room)
        )
        return (
            f'<TABLE BORDER="1" STYLE="rounded" COLOR="{self.border}" CELLBORDER="0" '
            f'CELLSPACING="2" CELLPADDING="2">{rows}</TABLE>'
        )


def _row_width(row: Sequence[Entry]) -> float:
    return sum(entry.width for entry in row) + ENTRY_GAP * (len(row) - 1)


def _faded(style: NodeStyle, theme: Theme) -> NodeStyle:
    try:
        return fade(style, theme.background)
    except ValueError as error:
        raise RenderError(f"theme {theme.name!r}: {error}") from None


def _paint(colour: str) -> str:
    """``colour`` as the engines write a shape's fill or stroke."""
    return colour.lower()


def _numbers(*values: float) -> str:
    return ",".join(f"{value:.2f}".rstrip("0").rstrip(".") for value in values)


def _rounded(x0: float, y0: float, x1: float, y1: float, radius: float) -> str:
    """A rounded rectangle as an SVG path, its corners quadratic-like curves of
    ``radius``: every number in it is a point's x or y, as in the engines' paths (tools
    that read a shape's extent from its path's numbers read it right)."""
    r = min(radius, (x1 - x0) / 2, (y1 - y0) / 2)
    corners = [
        ((x1 - r, y0), (x1, y0), (x1, y0 + r)),
        ((x1, y1 - r), (x1, y1), (x1 - r, y1)),
        ((x0 + r, y1), (x0, y1), (x0, y1 - r)),
        ((x0, y0 + r), (x0, y0), (x0 + r, y0)),
    ]
    path = f"M{_numbers(x0 + r, y0)}"
    for start, corner, end in corners:
        path += f"L{_numbers(*start)}C{_points(corner, corner, end)}"
    return path + "Z"


def _points(*corners: Point) -> str:
    return " ".join(_numbers(x, y) for x, y in corners)


_DASHES = {"dashed": "5,2", "dotted": "1,5"}


def _stroke(colour: str, width: float, line: str = "solid") -> dict[str, str]:
    attributes = {"stroke": _paint(colour)}
    if width != 1:
        attributes["stroke-width"] = f"{width:g}"
    if line in _DASHES:
        attributes["stroke-dasharray"] = _DASHES[line]
    return attributes


def _entry_group(parent: ET.Element, entry: Entry, title: str) -> ET.Element:
    # data-kind: what the entry shows (a claim or relation kind, quote, status, in, ...)
    kind = entry.id.removeprefix("legend-")
    group = ET.SubElement(
        parent, svg_tag("g"), {"id": entry.id, "class": "node", "data-kind": kind}
    )
    ET.SubElement(group, svg_tag("title")).text = title
    return group


def _draw_entry(parent: ET.Element, entry: Entry, left: float, top: float, fonts: FontSet) -> Used:
    """Draw ``entry`` with its top left corner at (left, top)."""
    name = entry.title or entry.id.removeprefix("legend-")
    group = _entry_group(parent, entry, name)
    block = entry.block
    if entry.sample == "kind":
        assert entry.style is not None
        inset = DOUBLE if entry.double else 0.0
        box = (left + inset, top + inset, left + inset + block.width, top + inset + block.height)
        _kind_shape(group, entry.style, box)
        if entry.double:
            outer = (box[0] - DOUBLE, box[1] - DOUBLE, box[2] + DOUBLE, box[3] + DOUBLE)
            _kind_shape(group, entry.style, outer, filled=False)
        return draw_block(group, block, fonts, x=(box[0] + box[2]) / 2, top=box[1], centre=True)
    # The first shape of an entry holds its text (what a reader of nodes expects): an
    # outline no one sees, around the whole entry.
    corners: tuple[Point, ...] = (
        (left, top),
        (left + entry.width, top),
        (left + entry.width, top + entry.height),
    )
    ET.SubElement(
        group,
        svg_tag("polygon"),
        {
            "fill": "none",
            "stroke": "none",
            "points": _points(*corners, (left, top + entry.height)),
        },
    )
    text_left = left
    middle = top + entry.height / 2
    if entry.sample == "relation":
        assert entry.edge is not None
        _relation_line(group, entry, left, middle)
        text_left = left + LINE
    elif entry.sample == "bar":
        assert entry.gauge is not None
        _bar(group, entry.gauge, left, middle)
        text_left = left + BAR[0]
    return draw_block(group, block, fonts, x=text_left + block.width / 2, top=top, centre=True)


def _kind_shape(
    group: ET.Element,
    style: NodeStyle,
    box: tuple[float, float, float, float],
    *,
    filled: bool = True,
) -> None:
    """The outline of a claim of ``style`` around ``box``, as the engine draws one."""
    x0, y0, x1, y1 = box
    attributes = {"fill": _paint(style.fill) if filled else "none"}
    attributes |= _stroke(style.border, style.penwidth, style.line)
    if style.shape == "note":
        fold = 4.0
        outline = _points((x1 - fold, y0), (x0, y0), (x0, y1), (x1, y1), (x1, y0 + fold))
        closed = f"{outline} {_points((x1 - fold, y0))}"
        ET.SubElement(group, svg_tag("polygon"), {**attributes, "points": closed})
        line = {"fill": "none", **_stroke(style.border, style.penwidth, style.line)}
        fold_corner = (x1 - fold, y0 + fold)
        for start in ((x1 - fold, y0), (x1, y0 + fold)):
            points = _points(start, fold_corner)
            ET.SubElement(group, svg_tag("polyline"), {**line, "points": points})
    elif style.rounded:
        ET.SubElement(group, svg_tag("path"), {**attributes, "d": _rounded(*box, CORNER)})
    else:
        outline = _points((x1, y0), (x0, y0), (x0, y1), (x1, y1), (x1, y0))
        ET.SubElement(group, svg_tag("polygon"), {**attributes, "points": outline})


def _relation_line(group: ET.Element, entry: Entry, left: float, y: float) -> None:
    """A relation's sample: a line from ``left`` ending in the relation's arrowhead, in a
    ``class="edge"`` group of its own."""
    edge = entry.edge
    assert edge is not None
    sample = ET.SubElement(group, svg_tag("g"), {"id": f"{entry.id}-sample", "class": "edge"})
    ET.SubElement(sample, svg_tag("title")).text = entry.id.replace("-", "_", 1)
    line = {"fill": "none", **_stroke(edge.color, edge.penwidth, edge.line)}
    path = ET.SubElement(sample, svg_tag("path"), line)
    # The arrowhead over the line's end, as the engines draw an edge.
    end = _arrowhead(sample, edge, left + LINE - 3, y)
    path.set("d", f"M{_numbers(left + 2, y)}H{_numbers(end)}")


# Graphviz's arrowheads pointing right, in arrow lengths: the outline's corners as
# (back from the tip, across the line), and where the line meets the head.
_HEADS: dict[str, tuple[tuple[Point, ...], float]] = {
    "normal": (((1, -0.35), (0, 0), (1, 0.35)), 1.0),
    "inv": (((1, 0), (0, -0.35), (0, 0.35)), 1.0),
    "vee": (((0, 0), (1, -0.35), (0.6, 0), (1, 0.35)), 0.6),
    "tee": (((0.2, -0.5), (0, -0.5), (0, 0.5), (0.2, 0.5)), 0.2),
    "box": (((0.6, -0.3), (0, -0.3), (0, 0.3), (0.6, 0.3)), 0.6),
    "diamond": (((1.2, 0), (0.6, -0.35), (0, 0), (0.6, 0.35)), 1.2),
}
_DOT = 0.4  # the radius of a dot, in arrow lengths


def _arrowhead(group: ET.Element, edge: EdgeStyle, tip: float, y: float) -> float:
    """Draw ``edge``'s arrowhead pointing right, its tip at (tip, y); returns where the
    line meets it. Graphviz's shapes at the size the edges have (an ``o`` before a
    name draws it hollow); a name this does not know is drawn as the normal arrow."""
    colour = _paint(edge.color)
    paint = {"fill": colour, "stroke": colour, "stroke-width": f"{edge.penwidth:g}"}
    name = edge.arrowhead
    if name in ("empty", "onormal"):
        name = "onormal"
    if name == "none":
        return tip
    shape = name[1:] if name.startswith("o") and name[1:] in (*_HEADS, "dot") else name
    if shape != name:
        paint["fill"] = "none"
    if shape == "dot":
        r = ARROW * _DOT
        circle = {"cx": _numbers(tip - r), "cy": _numbers(y), "rx": _numbers(r), "ry": _numbers(r)}
        ET.SubElement(group, svg_tag("ellipse"), {**paint, **circle})
        return tip - 2 * r
    corners, back = _HEADS.get(shape, _HEADS["normal"])
    outline = [(tip - ARROW * u, y + ARROW * v) for u, v in corners]
    points = _points(*outline, outline[0])
    ET.SubElement(group, svg_tag("polygon"), {**paint, "points": points})
    return tip - ARROW * back


def _bar(group: ET.Element, gauge: Gauge, left: float, y: float) -> None:
    """A sample strength bar: its track, outlined, and the filled part (classes of their
    own: a claim's bar is ``strength-bar``)."""
    width, height = BAR[0] - 4, BAR[1]
    common = {"x": _numbers(left + 2), "y": _numbers(y - height / 2), "height": f"{height:g}"}
    ET.SubElement(
        group,
        svg_tag("rect"),
        {
            "class": "strength-sample-track",
            **common,
            "width": _numbers(width),
            "fill": gauge.track,
            "stroke": gauge.fill,
            "stroke-width": "0.5",
        },
    )
    ET.SubElement(
        group,
        svg_tag("rect"),
        {
            "class": "strength-sample-bar",
            **common,
            "width": _numbers(width * gauge.value),
            "fill": gauge.fill,
        },
    )


# --- the legend as an HTML-like table, for the DOT text and the system engine's PDF ----

_GLYPHS = {"tee": "\u22a3", "inv": "\u25c2", "dot": "\u2022", "odot": "\u2218", "none": ""}
_CELL_STYLES = {"dashed": ' STYLE="dashed"', "dotted": ' STYLE="dotted"'}


def _words(block: Block) -> str:
    return "<BR/>".join(html_line(line) for line in block.lines)


def _cell(entry: Entry) -> str:
    words = _words(entry.block)
    if entry.sample == "kind":
        style = entry.style
        assert style is not None
        border = max(1, round(style.penwidth))
        rounded = "rounded" if style.rounded and style.shape != "note" else ""
        lines = {"dashed": "dashed", "dotted": "dotted"}.get(style.line, "")
        styles = ",".join(s for s in (rounded, lines) if s)
        shown = f' STYLE="{styles}"' if styles else ""
        box = (
            f'<TABLE BORDER="{border}"{shown} COLOR="{style.border}" BGCOLOR="{style.fill}" '
            f'CELLBORDER="0" CELLPADDING="3" CELLSPACING="0"><TR><TD>{words}</TD></TR></TABLE>'
        )
        if entry.double:  # a second border around the first
            box = (
                f'<TABLE BORDER="1"{shown} COLOR="{style.border}" CELLBORDER="0" '
                f'CELLPADDING="0" CELLSPACING="2"><TR><TD>{box}</TD></TR></TABLE>'
            )
        return f"<TD>{box}</TD>"
    if entry.sample == "relation":
        edge = entry.edge
        assert edge is not None
        glyph = _GLYPHS.get(edge.arrowhead, "\u25b8")
        head = f'<FONT POINT-SIZE="9" COLOR="{edge.color}">{glyph or "&#160;"}</FONT>'
        line = (
            f'<TD SIDES="B" BORDER="{max(1, round(edge.penwidth))}" COLOR="{edge.color}"'
            f'{_CELL_STYLES.get(edge.line, "")} WIDTH="{math.ceil(LINE - ARROW)}"> </TD>'
        )
        return f'{line}<TD VALIGN="BOTTOM">{head}</TD><TD>{words}</TD>'
    if entry.sample == "bar":
        gauge = entry.gauge
        assert gauge is not None
        width = BAR[0] - 4
        filled = math.ceil(width * gauge.value)
        bar = (
            f'<TABLE BORDER="1" COLOR="{gauge.fill}" CELLBORDER="0" CELLSPACING="0" '
            f'CELLPADDING="0"><TR><TD FIXEDSIZE="TRUE" WIDTH="{filled}" HEIGHT="{BAR[1]:g}" '
            f'BGCOLOR="{gauge.fill}"></TD><TD FIXEDSIZE="TRUE" '
            f'WIDTH="{math.ceil(width) - filled}" HEIGHT="{BAR[1]:g}" '
            f'BGCOLOR="{gauge.track}"></TD></TR></TABLE>'
        )
        return f"<TD>{bar}</TD><TD>{words}</TD>"
    return f"<TD>{words}</TD>"
