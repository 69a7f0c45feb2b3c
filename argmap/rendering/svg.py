"""Finish the engine's SVG: argmap's own text, in argmap's own fonts, embedded.

Graphviz places each label line from its built-in width tables; with any other font
the lines come out off-centre or spill out of their boxes. So argmap keeps the boxes
and edges Graphviz laid out and draws every label itself: one ``<text>`` per line,
centred in its box (or set from the left edge of a cluster's label cell), one
``<tspan>`` per run of one font. The glyphs the picture uses are embedded as WOFF2
subsets in ``@font-face`` rules, so every browser draws exactly what was measured,
whatever fonts its machine has. Output is deterministic: no dates, no versions, no
timestamps in the fonts.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path

import attrs

from argmap.errors import RenderError
from argmap.rendering.panels import Panels, place_panels
from argmap.rendering.typeset import Bar, Block, Chip, Face, FontSet, Line, clean_text

__all__ = [
    "Placed",
    "draw_block",
    "embedded_family",
    "finish_svg",
    "safe_family",
    "shape_box",
    "svg_tag",
    "xml_legal",
]

_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", _SVG)
ET.register_namespace("xlink", _XLINK)

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")


# What XML 1.0 cannot hold at all, even escaped: controls but tab, line feed and carriage
# return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_legal(text: str) -> str:
    r"""``text`` without the characters no XML document can hold, escaped or not; every
    other character is kept exactly (the SVG writer escapes quotes, ``<``, ``&``).

    >>> xml_legal("a\x00b\tc <d>")
    'ab\tc <d>'
    """
    return _NOT_XML.sub("", text)


@attrs.frozen
class Placed:
    """A label to draw into the SVG element with this ``id``.

    ``centre``: centred in the element's shape (a node). Otherwise set from the left
    edge of the cell the engine reserved for it (a cluster's or the graph's label).
    ``title``: the tooltip and accessible name of the element (lines apart by ``\n``).
    """

    block: Block
    centre: bool = True
    title: str | None = None


def svg_tag(name: str) -> str:
    """The qualified name of the SVG element ``name`` (``{http://www.w3.org/2000/svg}g``)."""
    return f"{{{_SVG}}}{name}"


_tag = svg_tag


def shape_box(group: ET.Element) -> tuple[float, float, float, float] | None:
    """The bounding box (x0, y0, x1, y1) of a node's or cluster's first shape."""
    for child in group:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "ellipse":
            cx, cy = float(child.get("cx", 0)), float(child.get("cy", 0))
            rx, ry = float(child.get("rx", 0)), float(child.get("ry", 0))
            return cx - rx, cy - ry, cx + rx, cy + ry
        if tag in ("polygon", "polyline", "path"):
            geometry = child.get("points") or child.get("d") or ""
            numbers = [float(n) for n in _NUMBER.findall(geometry)]
            xs, ys = numbers[0::2], numbers[1::2]
            if xs and ys:
                return min(xs), min(ys), max(xs), max(ys)
    return None


# Each element that names a font, with the face it names: the names are given once the
# subsets are made (see ``font_faces``).
_Spans = list[tuple[ET.Element, Face]]


def _draw_line(
    parent: ET.Element, fonts: FontSet, line: Line, x: float, y: float, anchor: str
) -> _Spans:
    text = ET.SubElement(
        parent,
        _tag("text"),
        {
            "x": f"{x:.2f}",
            "y": f"{y:.2f}",
            "text-anchor": anchor,
            "font-size": f"{line.size:g}",
            "fill": line.color,
        },
    )
    if line.bold:
        text.set("font-weight", "bold")
    spans = []
    for piece, color in line.pieces():
        for run in fonts.runs(piece, line.bold):
            # The family is named once the subsets are made (see ``_finish``).
            span = ET.SubElement(text, _tag("tspan"), {"font-family": ""})
            if color != line.color:  # a status word in its own colour
                span.set("fill", color)
            span.text = run.text
            spans.append((span, run.face))
    return spans


def _draw_bar(parent: ET.Element, bar: Bar, left: float, top: float) -> None:
    """The track, outlined, and over it the filled part: ``value`` of its width."""
    x, y = left + bar.left, top + bar.top
    gauge = bar.gauge
    common = {"x": f"{x:.2f}", "y": f"{y:.2f}", "height": f"{bar.height:g}"}
    ET.SubElement(
        parent,
        _tag("rect"),
        {
            "class": "strength-track",
            **common,
            "width": f"{bar.width:.2f}",
            "fill": gauge.track,
            "stroke": gauge.fill,
            "stroke-width": "0.5",
        },
    )
    if gauge.value > 0:
        filled = {"class": "strength-bar", **common, "width": f"{bar.width * gauge.value:.2f}"}
        ET.SubElement(parent, _tag("rect"), {**filled, "fill": gauge.fill})


def _draw_chip(parent: ET.Element, fonts: FontSet, chip: Chip, left: float, top: float) -> _Spans:
    """A tag's chip: a rounded box in the tag's colours, its text centred in it."""
    x, y = left + chip.left, top + chip.top
    tag = chip.tag
    drawn = ET.SubElement(parent, _tag("g"), {"class": "tag"})
    ET.SubElement(
        drawn,
        _tag("rect"),
        {
            "x": f"{x:.2f}",
            "y": f"{y:.2f}",
            "width": f"{chip.width:.2f}",
            "height": f"{chip.height:.2f}",
            "rx": f"{chip.height / 3:.2f}",
            "fill": tag.fill,
            "stroke": tag.border,
            "stroke-width": "0.8",
        },
    )
    return _draw_line(
        drawn, fonts, chip.line, x + chip.width / 2, top + chip.line.baseline, "middle"
    )


def _replace_text(group: ET.Element, placed: Placed, fonts: FontSet) -> _Spans:
    texts = [child for child in group if child.tag == _tag("text")]
    if placed.centre:
        box = shape_box(group)
        if box is None:
            raise RenderError(f"the engine drew no shape for {group.get('id')!r}")
        x = (box[0] + box[2]) / 2
        top = (box[1] + box[3]) / 2 - placed.block.height / 2
    else:
        if not texts:  # the engine dropped the label: nowhere to put it
            return []
        # The engine set the reserved cell's text from the cell's left edge; its
        # first baseline tells where the cell is.
        x = float(texts[0].get("x", 0))
        first = placed.block.lines[0]
        top = float(texts[0].get("y", 0)) - first.baseline
    for child in texts:
        group.remove(child)
    if placed.title is not None:
        _set_title(group, placed.title)
    return draw_block(group, placed.block, fonts, x=x, top=top, centre=placed.centre)


def draw_block(
    parent: ET.Element, block: Block, fonts: FontSet, *, x: float, top: float, centre: bool
) -> list[tuple[ET.Element, Face]]:
    """Draw ``block``'s lines (and its bar) into ``parent``, its top edge at ``top``:
    each line centred on ``x``, or set from ``x`` when not ``centre``; then its
    tags' chips. Returns each
    element that names a font, with its face: the SVG names the faces once their
    subsets are made.
    """
    anchor = "middle" if centre else "start"
    used: _Spans = []
    for line in block.lines:
        used += _draw_line(parent, fonts, line, x, top + line.baseline, anchor)
    left = x - block.width / 2 if centre else x
    for chip in block.chips:
        used += _draw_chip(parent, fonts, chip, left, top)
    if block.bar is not None:
        _draw_bar(parent, block.bar, left, top)
    return used


def _set_title(group: ET.Element, text: str) -> None:
    """Give ``group``'s ``<title>`` the text ``text``, each line as drawn (no controls, no
    runs of white space); ElementTree escapes what XML must."""
    title = group.find(_tag("title"))
    if title is not None:
        title.text = "\n".join(filter(None, (clean_text(line) for line in text.split("\n"))))


def _strip_links(root: ET.Element) -> None:
    """Remove the ``<a>`` wrappers Graphviz adds for tooltips: no links, no scripts."""
    for parent in root.iter():
        for child in list(parent):
            if child.tag == _tag("a"):
                index = list(parent).index(child)
                parent.remove(child)
                for offset, grandchild in enumerate(child):
                    parent.insert(index + offset, grandchild)


def finish_svg(
    svg: bytes,
    labels: Mapping[str, Placed],
    fonts: FontSet,
    *,
    title: str | None = None,
    titles: Mapping[str, str] | None = None,
    panels: Panels | None = None,
    data: Mapping[str, Mapping[str, str]] | None = None,
) -> bytes:
    """The engine's ``svg`` with every label in ``labels`` drawn by argmap, the
    ``panels`` (the legend, the notes) placed under the argument, fonts embedded, the
    tooltip of each element in ``titles`` (by id) set: the engine names the
    elements by DOT names (``c1->c0``) the map never used; and the attributes in
    ``data`` (by id: the map's own ids and kinds, ``data-id``, ``data-kind``) added."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as error:
        raise RenderError(f"the engine's SVG cannot be read: {error}") from None
    if root.tag != _tag("svg"):
        raise RenderError("the engine's drawing is not an SVG")
    try:
        return _finish(root, labels, fonts, title, titles or {}, panels, data or {})
    except ValueError as error:  # a number that is not one, where the engine puts one
        raise RenderError(f"the engine's SVG cannot be read: {error}") from None


def _finish(
    root: ET.Element,
    labels: Mapping[str, Placed],
    fonts: FontSet,
    title: str | None,
    titles: Mapping[str, str],
    panels: Panels | None,
    data: Mapping[str, Mapping[str, str]],
) -> bytes:
    _strip_links(root)
    spans: _Spans = []
    for group in root.iter(_tag("g")):
        name = group.get("id", "")
        for attribute, value in data.get(name, {}).items():
            group.set(attribute, value)
        placed = labels.get(name)
        if placed is not None:
            spans += _replace_text(group, placed, fonts)
        elif name in titles:
            _set_title(group, titles[name])
    if panels is not None and panels.specs:
        spans += place_panels(root, panels, fonts)
    # Any text left (e.g. an edge label) is drawn in the main face too.
    main = fonts.regular[0]
    spans += [(text, main) for text in root.iter(_tag("text")) if text.get("font-family")]
    rules, names = _embed((face, element.text or "") for element, face in spans)
    for element, face in spans:
        element.set("font-family", f"'{names[face]}'")
    graph_title = root.find(f"{_tag('g')}/{_tag('title')}")
    if graph_title is not None:
        graph_title.text = clean_text(title or "") or "argument map"
    root.set("text-rendering", "geometricPrecision")
    style = ET.Element(_tag("style"))
    style.text = rules
    root.insert(0, style)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + body + "\n").encode()


def font_faces(used: Iterable[tuple[Face, str]]) -> str:
    """``@font-face`` rules embedding, for each face, the glyphs of the text it draws
    (under the names :func:`embedded_family` gives them)."""
    return _embed(used)[0]


def embedded_family(face: Face, subset: bytes) -> str:
    """The family name the SVG gives the ``subset`` of ``face`` it embeds: one no page
    uses, derived from the subset's bytes, so that an SVG inlined in a page (beside
    other argmap SVGs, in a page that asks for 'Noto Sans') draws with its own glyphs
    and leaves the page's text alone; the same glyphs give the same name, and the
    family's own name follows (letters, digits, spaces, ``-`` and ``_`` only), which
    :func:`argmap.rendering.raster.rasterize` reads back.

    >>> from argmap.rendering.typeset import default_fonts
    >>> embedded_family(default_fonts().regular[0], b"glyphs")
    'argmap-521393cd-Noto Sans'
    """
    digest = hashlib.sha256(subset).hexdigest()[:8]
    return f"argmap-{digest}-{safe_family(face.family)}"


def safe_family(family: str) -> str:
    """``family`` with only what CSS and XML carry unquoted and unescaped.

    >>> safe_family("Fancy 'Serif' {Pro}")
    'Fancy Serif Pro'
    """
    return _UNSAFE.sub("", family).strip() or "font"


_UNSAFE = re.compile(r"[^A-Za-z0-9 _-]")


def _embed(used: Iterable[tuple[Face, str]]) -> tuple[str, dict[Face, str]]:
    """The ``@font-face`` rules embedding, for each face, the glyphs of the text it
    draws, and the family name each face is embedded under."""
    chars: dict[Face, set[str]] = {}
    for face, text in used:
        chars.setdefault(face, set()).update(text)
    rules, names = [], {}
    for face in sorted(chars, key=lambda f: (f.family, f.bold, str(f.path))):
        subset = _subset(face, "".join(sorted(chars[face])))
        names[face] = embedded_family(face, subset)
        data = base64.b64encode(subset).decode("ascii")
        rules.append(
            f"@font-face{{font-family:'{names[face]}';font-weight:{700 if face.bold else 400};"
            f"src:url(data:font/woff2;base64,{data}) format('woff2');}}"
        )
    return "\n".join(rules), names


def _subset(face: Face, text: str) -> bytes:
    """The glyphs ``face`` needs for ``text``, as WOFF2.

    HarfBuzz subsets in about a millisecond (fontTools' subsetter spent 0.4 s a face
    reading Noto's layout tables); fontTools then compresses to WOFF2. Layout features
    are kept, so browsers shape, kern and join exactly as the layout was measured; the
    font's timestamp is kept, so the same text gives the same bytes.

    The result depends on nothing but the font file and the characters, so it is kept
    (:func:`_cached_subset`): rendering a map again, or another map with the same
    characters, embeds the same bytes without subsetting and compressing anew (four
    fifths of a warm render of the flagship). The file's size and modification time are
    part of the key, so a font file changed on disk is subset again.
    """
    info = face.path.stat()
    return _cached_subset(str(face.path), info.st_size, info.st_mtime_ns, text)


#: How many subsets :func:`_subset` keeps: the faces of a few maps' character sets, a few
#: to some hundred kilobytes each.
_SUBSETS_KEPT = 64


# lru_cache is thread-safe: two threads asking for one new subset may both make it
# (the same bytes), and neither sees a half-made entry.
@functools.lru_cache(maxsize=_SUBSETS_KEPT)
def _cached_subset(path: str, size: int, modified: int, text: str) -> bytes:
    """The WOFF2 subset of the font file at ``path`` (``size`` bytes, modified at
    ``modified`` ns: the key's part that notices a changed file) for ``text``."""
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    request = hb.SubsetInput()
    request.unicode_set.update(ord(char) for char in set(text))
    request.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.DESUBROUTINIZE
    request.name_id_set.update([13, 14])  # the licence, with the names kept by default
    subset = hb.subset(hb.Face(hb.Blob.from_file_path(path)), request)
    if subset is None:
        raise RenderError(f"cannot embed {Path(path).name}")
    font = TTFont(io.BytesIO(subset.blob.data), recalcTimestamp=False)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
