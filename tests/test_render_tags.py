"""What the map says, shown: tooltips that name the map's own ids, kinds, quotes and tags,
and tags drawn as chips in the colours the map's ``style:`` gives them."""

from __future__ import annotations

import shutil
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from render_support import (
    DATA,
    groups_of_class,
    load_map,
    parse_svg,
    requires,
    shape_box,
    tag,
    text_lines,
)
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.model import ArgumentMap, Claim, MapStyle, Relation
from argmap.rendering import render
from argmap.rendering.themes import blend

TAGS = DATA / "tags.yaml"


@pytest.fixture(scope="module")
def tagged() -> ArgumentMap:
    return argmap.load(TAGS)


def titles(svg: bytes) -> dict[str, str]:
    """The tooltip of every element with an id, but the legend's."""
    root = parse_svg(svg)
    found = {}
    for group in root.iter(tag("g")):
        title = group.find(tag("title"))
        name = group.get("id", "")
        if title is not None and not name.startswith(("legend", "argmap_")):
            found[name] = title.text or ""
    return found


def chips(group: ET.Element) -> list[tuple[str, ET.Element]]:
    """A node's chips: each one's text and its box."""
    return [
        ("".join(chip.itertext()), chip.find(tag("rect")))  # type: ignore[misc]
        for chip in group.iter(tag("g"))
        if chip.get("class") == "tag"
    ]


def test_every_tooltip_names_the_maps_ids_and_says_what_the_map_says(
    tagged: ArgumentMap,
) -> None:
    assert titles(render(tagged, schemes=True)) == {
        "argmap": "Congestion pricing",
        "group-0": "money (group): The money",
        "claim-c0": "thesis (thesis): The city centre should have a congestion charge.\n"
        "Tags: policy, normative",
        "claim-c1": "stockholm (evidence): Traffic fell by a fifth when Stockholm began "
        "charging.\nQuote: \u201ctraffic across the cordon fell by 20%\u201d\n"
        "Tags: empirical, stockholm, transport-economics",
        "claim-c2": "revenue (premise): The charge raises money for buses.\nTags: empirical",
        "claim-c3": "buses (premise): Better buses serve the poor.",
        "claim-c4": "fairness (objection): Fees hit the poor hardest.\nTags: normative, equity",
        "claim-c5": "motive (motive, City Council): Cut the budget deficit.",
        "relation-0": "fairness attacks thesis",
        "relation-1": "motive supports thesis",
        "relation-2": "stockholm supports thesis (scheme: expert-opinion)",
        "relation-3": "revenue + buses attacks fairness",
        "relation-3-0": "revenue + buses attacks fairness",
        "relation-3-1": "revenue + buses attacks fairness",
        "inference-3": "revenue + buses attacks fairness",
        "inference-3-mark": "revenue + buses attacks fairness",
        "relation-3-stem": "revenue + buses attacks fairness",
        "relation-4": "motive undercuts (revenue + buses -> fairness)",
    }


def test_tooltips_are_the_same_with_the_system_engine(tagged: ArgumentMap) -> None:
    requires(shutil.which("dot"), "no system Graphviz (dot) on PATH")
    embedded = titles(render(tagged, schemes=True))
    assert titles(render(tagged, schemes=True, engine="system")) == embedded


HOSTILE = "<b>&amp; \"q\" 'a' ]]> <![CDATA[ x ]]>\x07\x1b\u202e"


def test_hostile_text_in_a_tooltip_is_plain_text_escaped_by_the_writer() -> None:
    m = ArgumentMap(
        claims=[
            Claim(id="t<&>", text=HOSTILE, kind="thesis", quote=HOSTILE, tags=[HOSTILE, "]]>"]),
            Claim(id='p"]]>', text="Line one\nline  two\r\n"),
        ],
        relations=[Relation(sources='p"]]>', target="t<&>")],
    )
    svg = render(m)
    shown = "<b>&amp; \"q\" 'a' ]]> <![CDATA[ x ]]>\u202e"
    assert titles(svg) == {
        "argmap": "argument map",
        "claim-c0": f"t<&> (thesis): {shown}\nQuote: \u201c{shown}\u201d\nTags: {shown}, ]]>",
        "claim-c1": 'p"]]> (premise): Line one line two',
        "relation-0": 'p"]]> supports t<&>',
    }
    assert b"<![CDATA[" not in svg.replace(b"&lt;![CDATA[", b"")
    assert b"\x07" not in svg
    assert b"\x1b" not in svg


def test_styled_tags_are_drawn_as_chips_in_the_maps_colours(tagged: ArgumentMap) -> None:
    root = parse_svg(render(tagged))
    nodes = groups_of_class(root, "node")
    teal, purple = "#17BECF", "#7B5296"
    shown = {
        name: [(text, rect.get("stroke"), rect.get("fill")) for text, rect in chips(group)]
        for name, group in nodes.items()
        if name.startswith("claim-")
    }
    assert shown == {
        "claim-c0": [("normative", purple, blend(purple, "#FFFFFF", 0.8))],
        "claim-c1": [("empirical", teal, blend(teal, "#FFFFFF", 0.8))],
        "claim-c2": [("empirical", teal, "#D1F2F5")],
        "claim-c3": [],
        "claim-c4": [("normative", purple, "#E5DCEA")],
        "claim-c5": [],
    }


def test_every_tag_is_drawn_with_tags_true_the_unstyled_in_the_themes_grey(
    tagged: ArgumentMap,
) -> None:
    root = parse_svg(render(tagged, tags=True))
    stockholm = groups_of_class(root, "node")["claim-c1"]
    assert [(text, rect.get("stroke")) for text, rect in chips(stockholm)] == [
        ("empirical", "#17BECF"),
        ("stockholm", "#B9B9B0"),
        ("transport-economics", "#B9B9B0"),
    ]


def test_no_chip_is_drawn_with_tags_false(tagged: ArgumentMap) -> None:
    svg = render(tagged, tags=False)
    assert b'class="tag"' not in svg
    assert render(tagged.evolve(style=MapStyle()), tags=False) == svg


@pytest.mark.parametrize("direction", ["TB", "LR"])
@pytest.mark.parametrize("engine", ["embedded", "system"])
def test_chips_lie_inside_their_node_under_its_text(
    tagged: ArgumentMap, direction: str, engine: str
) -> None:
    if engine == "system":
        requires(shutil.which("dot"), "no system Graphviz (dot) on PATH")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the engine finds every label fits its node
        svg = render(tagged, tags=True, engine=engine, direction=direction)
    found = 0
    for name, group in groups_of_class(parse_svg(svg), "node").items():
        if not name.startswith("claim-"):
            continue
        x0, _, x1, y1 = shape_box(group)
        last_line = max(
            float(text.get("y", 0))
            for text in group.findall(tag("text"))  # the claim's own lines, not the chips'
        )
        for _, rect in chips(group):
            left, top = float(rect.get("x", 0)), float(rect.get("y", 0))
            right = left + float(rect.get("width", 0))
            bottom = top + float(rect.get("height", 0))
            assert x0 + 4 <= left < right <= x1 - 4, name
            assert last_line < top < bottom <= y1 - 4, name
            found += 1
    assert found == 8


def test_a_node_grows_to_hold_its_chips(tagged: ArgumentMap) -> None:
    def size(svg: bytes) -> tuple[float, float]:
        x0, y0, x1, y1 = shape_box(groups_of_class(parse_svg(svg), "node")["claim-c1"])
        return round(x1 - x0, 1), round(y1 - y0, 1)

    (bare_width, bare_height), (width, height) = (
        size(render(tagged, tags=False)),
        size(render(tagged, tags=True)),
    )
    assert width == bare_width  # the text is wider than its row of chips
    # Two rows of chips, each 12.1 pt high, 3 apart, 5 under the text.
    assert height == pytest.approx(bare_height + 5 + 2 * 12.1 + 3, abs=1.5)


def test_a_tag_too_long_for_the_measure_is_cut_short_and_whole_in_the_tooltip() -> None:
    long = "a tag that goes on and on well beyond the width of any claim's text"
    m = ArgumentMap(
        claims=[Claim(id="t", text="Yes.", tags=[long])], style=MapStyle(tags={long: "red"})
    )
    root = parse_svg(render(m))
    node = groups_of_class(root, "node")["claim-c0"]
    [(text, _)] = chips(node)
    assert text.endswith("\u2026")
    assert long.startswith(text[:-1])
    assert titles(render(m))["claim-c0"] == f"t (premise): Yes.\nTags: {long}"


def test_a_map_without_style_draws_no_chip_and_the_same_picture_as_with_tags_false() -> None:
    m = load_map("kinds")
    assert m.style == MapStyle()
    for format in ("svg", "dot"):
        assert render(m, format) == render(m, format, tags=False)
    assert b'class="tag"' not in render(m)


def test_the_dot_of_a_map_with_chips_reserves_their_rows(tagged: ArgumentMap) -> None:
    dot = render(tagged, "dot", tags=True).decode()
    assert dot.count('<TD FIXEDSIZE="TRUE" WIDTH="3" HEIGHT="1"></TD>') == 3
    assert "transport-economics" in dot


def test_chips_are_drawn_alike_every_time(tagged: ArgumentMap) -> None:
    assert render(tagged, tags=True) == render(tagged, tags=True)


def test_tags_must_be_a_bool_or_none(tagged: ArgumentMap) -> None:
    with pytest.raises(TypeError, match=r"^tags must be True or False, not str$"):
        render(tagged, tags="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize(("flag", "count"), [([], 4), (["--tags"], 8), (["--no-tags"], 0)])
def test_the_cli_draws_styled_tags_every_tag_or_none(
    tmp_path: Path, flag: list[str], count: int
) -> None:
    out = tmp_path / "map.svg"
    result = CliRunner().invoke(app, ["render", str(TAGS), "-o", str(out), *flag])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().count(b'class="tag"') == count


def test_chip_text_is_drawn_in_the_embedded_fonts(tagged: ArgumentMap) -> None:
    svg = render(tagged)
    node = groups_of_class(parse_svg(svg), "node")["claim-c0"]
    assert text_lines(node) == [
        "THESIS",
        "The city centre should have a",
        "congestion charge.",
        "normative",
    ]
    # Each face under its own inline-safe name, each embedded; the chip's text among them.
    families = {span.get("font-family") for span in node.iter(tag("tspan"))}
    assert len(families) == 2  # bold (the kind line) and regular
    for family in families:
        assert f"@font-face{{font-family:{family};".encode() in svg
