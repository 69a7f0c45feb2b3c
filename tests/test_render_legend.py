"""The legend and the notes under the map: argmap places them after the layout.

What must hold on every shipped example and test map, in every direction, with both
engines: the legend is no wider than the argument it explains (but when one entry alone
is), everything it draws lies inside its frame, it stands under the argument (or beside
it), never over the argument or the title, and the canvas holds it. Then the order of its
entries, how it wraps, the quotes as numbered notes, and the DOT text's legend node.
Geometry is read from the SVG alone (ElementTree), text extents measured with the fonts
that draw them.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from render_support import ROOT, TESTS, dot_json, json_nodes, parse_svg, requires, tag
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.errors import RenderError
from argmap.model import ArgumentMap, Claim, ClaimKind, Relation
from argmap.rendering import DIRECTIONS, render
from argmap.rendering.dot import DotOptions, draw
from argmap.rendering.legend import ENTRY_GAP, MARGIN, Legend
from argmap.rendering.notes import MIN_MEASURE, Notes
from argmap.rendering.panels import flow_rows
from argmap.rendering.themes import THEMES
from argmap.rendering.typeset import default_fonts, default_typesetter

Box = tuple[float, float, float, float]
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")

#: Every map to draw: the shipped examples, the test maps (and those a sibling change
#: adds under tests/data/maps).
MAPS = sorted(
    [
        *ROOT.glob("examples/*/map.yaml"),
        *TESTS.glob("data/*.yaml"),
        *TESTS.glob("data/golden/*.yaml"),
        *TESTS.glob("data/maps/*.yaml"),
    ]
)
# A map of errors on purpose (the validation tests' own): there is nothing to draw.
MAPS.remove(TESTS / "data" / "ten-problems.yaml")
ENGINES = ["embedded", "system"]


def engine_available(engine: str) -> None:
    if engine == "system":
        requires(shutil.which("dot"), "the system engine needs Graphviz's dot on PATH")


# --- reading the SVG -----------------------------------------------------------------------


def union(boxes: list[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def element_box(element: ET.Element) -> Box | None:
    """The extent of one drawn element; a text's from its measured width."""
    name = element.tag.rsplit("}", 1)[-1]
    if name in ("polygon", "polyline", "path"):
        numbers = [
            float(n) for n in NUMBER.findall(element.get("points") or element.get("d") or "")
        ]
        xs, ys = numbers[0::2], numbers[1::2]
        return (min(xs), min(ys), max(xs), max(ys)) if xs else None
    if name == "ellipse":
        cx, cy, rx, ry = (float(element.get(k, 0)) for k in ("cx", "cy", "rx", "ry"))
        return cx - rx, cy - ry, cx + rx, cy + ry
    if name == "rect":
        x, y, w, h = (float(element.get(k, 0)) for k in ("x", "y", "width", "height"))
        return x, y, x + w, y + h
    if name == "text":
        size = float(element.get("font-size", 0))
        width = default_fonts().width(
            "".join(element.itertext()), size, element.get("font-weight") == "bold"
        )
        x, y = float(element.get("x", 0)), float(element.get("y", 0))
        left = {"middle": x - width / 2, "end": x - width}.get(element.get("text-anchor", ""), x)
        return left, y - size, left + width, y + 0.3 * size
    return None


def drawn_box(group: ET.Element) -> Box | None:
    boxes = [b for e in group.iter() if (b := element_box(e)) is not None]
    return union(boxes) if boxes else None


class Picture:
    """The parts of a finished SVG, in the graph's coordinates."""

    def __init__(self, svg: bytes) -> None:
        self.root = parse_svg(svg)
        graph = self.root.find(tag("g"))
        assert graph is not None
        self.graph = graph
        tx, ty = (float(n) for n in NUMBER.findall(graph.get("transform", ""))[-2:])
        width, height = (float(n) for n in self.root.get("viewBox", "").split()[2:])
        self.canvas: Box = (-tx, -ty, width - tx, height - ty)
        children = [g for g in graph if g.tag == tag("g")]
        engine = [g for g in children if g.get("id") not in ("legend", "notes")]
        self.argument = union([b for g in engine if (b := drawn_box(g)) is not None])
        self.claims = union(
            [drawn_box(g) for g in engine if g.get("id", "").startswith("claim-")]  # type: ignore[misc]
        )
        titles = [b for t in graph if t.tag == tag("text") and (b := element_box(t)) is not None]
        self.title = union(titles) if titles else None
        self.legend = graph.find(f"{tag('g')}[@id='legend']")
        self.notes = graph.find(f"{tag('g')}[@id='notes']")

    def frame(self) -> Box:
        """The legend's frame: its first shape."""
        assert self.legend is not None
        box = element_box(self.legend.findall(tag("path"))[0])
        assert box is not None
        return box

    def entries(self) -> list[ET.Element]:
        assert self.legend is not None
        return [g for g in self.legend if g.get("id", "").startswith("legend-")]

    def rows(self) -> list[list[str]]:
        """The entries' ids, row by row (by the top of each entry's first shape)."""
        rows: dict[float, list[tuple[float, str]]] = {}
        for entry in self.entries():
            box = drawn_box(entry)
            assert box is not None
            middle = round((box[1] + box[3]) / 2)
            rows.setdefault(middle, []).append((box[0], entry.get("id", "")))
        return [[i for _, i in sorted(row)] for _, row in sorted(rows.items())]


def inside(inner: Box, outer: Box, slack: float = 0.01) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.fixture(scope="module", params=MAPS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def any_map(request: pytest.FixtureRequest) -> ArgumentMap:
    return argmap.load(request.param)


# --- on every map, direction and engine -----------------------------------------------------


# The scripts map warns of the characters the bundled fonts lack: not what this is about.
@pytest.mark.filterwarnings("ignore::argmap.rendering.engines.EngineWarning")
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_the_legend_fits_the_argument_and_stands_under_or_beside_it(
    any_map: ArgumentMap, direction: str, engine: str
) -> None:
    engine_available(engine)
    try:
        svg = render(any_map, direction=direction, engine=engine, quotes="footnotes")
    except RenderError as error:
        pytest.skip(f"the map is not drawn: {error}")
    picture = Picture(svg)
    assert picture.legend is not None
    frame = picture.frame()
    claims = picture.claims
    entries = picture.entries()
    # No wider than the argument, unless one entry alone is.
    widest = max(drawn_box(e)[2] - drawn_box(e)[0] for e in entries)  # type: ignore[index]
    assert frame[2] - frame[0] <= max(claims[2] - claims[0], widest + 2 * MARGIN) + 0.01
    # Everything the legend draws lies in its frame, the frame on the canvas.
    for element in picture.legend.iter():
        box = element_box(element)
        if box is not None:
            assert inside(box, frame, slack=0.5), (element.tag, element.attrib)
    assert inside(frame, picture.canvas)
    # Under the argument or beside it; never over it or the title.
    argument = picture.argument
    assert frame[1] >= argument[3] or frame[0] >= argument[2]
    assert not overlaps(frame, argument)
    if picture.title is not None:
        assert not overlaps(frame, picture.title)
        assert frame[1] >= picture.title[3]
    # The notes under everything, on the canvas too.
    if picture.notes is not None:
        notes = drawn_box(picture.notes)
        assert notes is not None
        assert notes[1] >= max(frame[3], argument[3])
        assert inside(notes, picture.canvas)


# --- order, rows, place --------------------------------------------------------------------


def test_entries_keep_reading_order_in_the_svg() -> None:
    picture = Picture(render(argmap.load(TESTS / "data/golden/kinds.yaml")))
    order = [
        "legend-thesis",
        "legend-premise",
        "legend-evidence",
        "legend-motive",
        "legend-objection",
        "legend-assumption",
        "legend-consequence",
        "legend-question",
        "legend-quote",
        "legend-supports",
        "legend-attacks",
    ]
    assert [e.get("id") for e in picture.entries()] == order
    assert picture.rows() == [order]


def narrow_map() -> ArgumentMap:
    """A chain of one claim of each kind but motive (which needs an actor): one claim a
    rank, the legend of seven kinds must wrap under it."""
    kinds = [kind for kind in ClaimKind if kind is not ClaimKind.MOTIVE]
    text = "A claim long enough to fill a line and then some."
    claims = [Claim(id=f"k{i}", text=text, kind=kind) for i, kind in enumerate(kinds)]
    relations = [
        Relation(sources=f"k{i + 1}", target=f"k{i}", kind="supports")
        for i in range(len(kinds) - 1)
    ]
    return ArgumentMap(claims=claims, relations=relations)


def test_a_legend_wider_than_a_narrow_argument_wraps_into_even_centred_rows() -> None:
    picture = Picture(render(narrow_map()))
    assert picture.rows() == [
        ["legend-thesis", "legend-premise", "legend-evidence"],
        ["legend-objection", "legend-assumption"],
        ["legend-consequence", "legend-question", "legend-supports"],
    ]
    frame, claims = picture.frame(), picture.claims
    assert frame[2] - frame[0] <= claims[2] - claims[0]
    # Centred under the argument.
    assert abs((frame[0] + frame[2]) / 2 - (claims[0] + claims[2]) / 2) < 0.01


def test_a_wide_short_map_has_its_legend_beside_it_when_that_is_smaller() -> None:
    watchmaker = argmap.load(ROOT / "examples/watchmaker/map.yaml")
    picture = Picture(render(watchmaker, direction="LR"))
    bare = Picture(render(watchmaker, direction="LR", legend=False))
    assert picture.frame()[0] > picture.argument[2]  # a column on the right
    assert [len(row) for row in picture.rows()] == [1] * len(picture.entries())
    assert picture.root.get("height") == bare.root.get("height")  # no taller for it


def test_flow_rows_fills_as_few_rows_as_fit_then_evens_them() -> None:
    assert flow_rows([], 100, 10) == []
    assert flow_rows([40, 40, 40, 40], 100, 10) == [[0, 1], [2, 3]]
    # Greedy would give [[0, 1, 2], [3]]: the same two rows, evened.
    assert flow_rows([30, 30, 30, 30], 100, 10) == [[0, 1], [2, 3]]
    assert flow_rows([90, 10, 10], 100, 0) == [[0], [1, 2]]
    assert flow_rows([120, 30], 100, 10) == [[0], [1]]


def test_legend_rows_keep_the_frame_within_the_room() -> None:
    legend = Legend.of(
        default_typesetter(),
        THEMES["default"],
        kinds=list(ClaimKind),
    )
    for room in (100.0, 200.0, 300.0, 500.0):
        for row in legend.rows(room):
            width = sum(e.width for e in row) + ENTRY_GAP * (len(row) - 1) + 2 * MARGIN
            assert width <= room or len(row) == 1


def test_without_a_legend_or_notes_nothing_is_added_and_mark_is_the_default() -> None:
    m = argmap.load(TESTS / "data/golden/kinds.yaml")
    assert render(m, quotes="mark") == render(m)
    bare = Picture(render(m, legend=False))
    assert bare.legend is None
    assert bare.notes is None


# --- quotes as footnotes -------------------------------------------------------------------

QUOTE = (
    "The whole is more than the sum of its parts, and what holds for each part need not "
    "hold for the whole they make together, which is why this quote wraps."
)


def quoted_map() -> ArgumentMap:
    return ArgumentMap(
        claims=[
            Claim(id="t", text="The thesis.", kind="thesis", quote="First quote."),
            Claim(id="a", text="A reason without a quote."),
            Claim(id="b", text="A reason with one.", quote=QUOTE),
        ],
        relations=[
            Relation(sources="a", target="t", kind="supports"),
            Relation(sources="b", target="t", kind="supports"),
        ],
    )


def kind_lines(picture: Picture) -> dict[str, str]:
    return {
        g.get("id", ""): "".join(g.findall(tag("text"))[0].itertext())
        for g in picture.graph.iter(tag("g"))
        if g.get("id", "").startswith("claim-")
    }


def test_footnotes_number_the_quoted_claims_and_set_their_quotes_under_the_legend() -> None:
    picture = Picture(render(quoted_map(), quotes="footnotes"))
    assert kind_lines(picture) == {
        "claim-c0": "THESIS [1]",
        "claim-c1": "PREMISE",
        "claim-c2": "PREMISE [2]",
    }
    assert picture.notes is not None
    notes = picture.notes.findall(tag("g"))
    assert [n.get("id") for n in notes] == ["note-1", "note-2"]
    assert ["".join(t.itertext()) for t in notes[0].iter(tag("text"))] == [
        "[1]",
        "\u201cFirst quote.\u201d",
    ]
    # The quote wrapped to the argument's width, or the notes' least measure.
    lines = ["".join(t.itertext()) for t in notes[1].iter(tag("text"))]
    assert lines == [
        "[2]",
        "\u201cThe whole is more than the sum of its parts, and what holds for",
        "each part need not hold for the whole they make together, which",
        "is why this quote wraps.\u201d",
    ]
    claims = picture.claims
    measure = max(claims[2] - claims[0], MIN_MEASURE)
    texts = list(notes[1].iter(tag("text")))
    assert all(float(t.get("x", 0)) == float(texts[1].get("x", 0)) for t in texts[1:])
    for text in texts[1:]:
        box = element_box(text)
        assert box is not None
        assert box[2] - picture.claims[0] <= measure + 0.01
    # In the legend's colour, under the legend, set from the argument's left edge.
    assert {t.get("fill") for t in picture.notes.iter(tag("text"))} == {
        THEMES["default"].legend_text
    }
    notes_box = drawn_box(picture.notes)
    assert notes_box is not None
    assert notes_box[1] > picture.frame()[3]
    assert abs(notes_box[0] - claims[0]) < 0.01
    # The quote mark entry is gone from the legend: the numbers say it.
    assert "legend-quote" not in {e.get("id") for e in picture.entries()}


def test_notes_lines_are_what_the_svg_draws() -> None:
    notes = Notes.of(quoted_map().claims, default_typesetter(), "#000000")
    assert [n.number for n in notes.notes] == [1, 2]
    assert notes.lines(100) == notes.lines(MIN_MEASURE)  # never narrower than the least
    assert notes.lines(1000) == [
        ("[1]", ["\u201cFirst quote.\u201d"]),
        ("[2]", [f"\u201c{QUOTE}\u201d"]),
    ]


def test_the_notes_fonts_are_embedded_like_every_label() -> None:
    m = ArgumentMap(claims=[Claim(id="t", text="Peace.", quote="\u548c\u5e73")])
    svg = render(m, quotes="footnotes")
    # The CJK face is embedded (under its inline-safe name) and draws the quote.
    assert re.search(r"font-family:'argmap-[0-9a-f]{8}-Noto Sans CJK SC'", svg.decode())
    notes = Picture(svg).notes
    assert notes is not None
    assert ["".join(t.itertext()) for t in notes.iter(tag("text"))] == [
        "[1]",
        "\u201c\u548c\u5e73\u201d",
    ]


def test_a_quote_with_a_word_too_long_to_draw_is_named_by_its_claim() -> None:
    m = ArgumentMap(claims=[Claim(id="t", text="Fine.", quote="x" * 10_000)])
    with pytest.raises(RenderError, match=r"^the quote of claim 't': "):
        render(m, quotes="footnotes")


def test_an_unknown_quotes_style_is_a_render_error() -> None:
    with pytest.raises(RenderError, match=r"unknown quotes 'notes' \(one of: mark, footnotes\)"):
        render(quoted_map(), quotes="notes")


def test_cli_quotes_footnotes_draws_the_notes(tmp_path: Path) -> None:
    source = tmp_path / "map.yaml"
    argmap.dump(quoted_map(), source)
    result = CliRunner().invoke(app, ["render", str(source), "--quotes", "footnotes"])
    assert result.exit_code == 0, result.output
    picture = Picture((tmp_path / "map.svg").read_bytes())
    assert picture.notes is not None


def test_cli_refuses_an_unknown_quotes_style_with_exit_2(tmp_path: Path) -> None:
    source = tmp_path / "map.yaml"
    argmap.dump(quoted_map(), source)
    result = CliRunner().invoke(app, ["render", str(source), "--quotes", "notes"])
    assert result.exit_code == 2
    assert "Invalid value for '--quotes': unknown quotes style 'notes'" in result.output
    assert "(one of: mark, footnotes)" in result.output
    assert not (tmp_path / "map.svg").exists()


# --- the DOT text and the system engine's PDF ------------------------------------------------


def test_the_dot_for_an_svg_has_no_legend_node_but_the_dot_text_has_one() -> None:
    m = quoted_map()
    drawing = draw(m, DotOptions(quotes="footnotes"))
    assert "panels" not in drawing.graph.source
    dot = render(m, "dot", quotes="footnotes").decode()
    assert dot.count("\tpanels [") == 1
    assert "&#91;2&#93; <FONT" not in dot  # the number and the text in one cell
    assert "\u201cFirst quote.\u201d" in dot
    assert "<B>thesis</B></FONT>" in dot
    assert "supports</FONT>" in dot


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("direction", DIRECTIONS)
def test_the_dot_legend_node_follows_the_argument(direction: str, engine: str) -> None:
    engine_available(engine)
    m = argmap.load(TESTS / "data/golden/kinds.yaml")
    dot = render(m, "dot", direction=direction, quotes="footnotes").decode()
    nodes = json_nodes(dot_json(dot)).values()
    panels = next(n for n in nodes if n["name"] == "panels")
    px, py = (float(v) for v in panels["pos"].split(","))
    claims = [
        tuple(float(v) for v in n["pos"].split(","))
        for n in nodes
        if n.get("id", "").startswith("claim-")
    ]
    # Graphviz's y grows upwards: TB's last rank is the lowest, LR's the rightmost; in BT
    # and RL the panels share the theses' rank, the lowest (BT) or the rightmost (RL).
    if direction == "TB":
        assert all(py < y for _, y in claims)
    elif direction == "LR":
        assert all(px > x for x, _ in claims)
    elif direction == "BT":
        assert all(py <= y + 0.5 for _, y in claims)
    else:
        assert all(px >= x - 0.5 for x, _ in claims)


def test_the_dot_legend_rows_follow_the_estimated_width() -> None:
    drawing = draw(narrow_map())
    legend = drawing.panels.specs[0]
    assert isinstance(legend, Legend)
    rows = legend.rows(drawing.estimated_width)
    dot = render(narrow_map(), "dot").decode()
    assert dot.count('<TR><TD><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4"') == len(rows)
    assert [len(row) for row in rows] == [3, 2, 3]


def test_the_system_pdf_has_the_legend_and_the_notes(tmp_path: Path) -> None:
    requires(shutil.which("dot"), "PDF needs Graphviz's dot on PATH")
    requires(shutil.which("pdftotext"), "reading the PDF needs pdftotext")
    import subprocess

    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(render(quoted_map(), "pdf", engine="system", quotes="footnotes"))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "thesis" in text
    assert "supports" in text
    assert "[2]" in text
    assert "First quote." in text
