"""Themes: each renders, print is grey, colorblind uses Okabe-Ito, no distinction is lost."""

from __future__ import annotations

import itertools
from typing import Any

import attrs
import pytest
from render_support import (
    Renders,
    claim_node_id,
    colours,
    dot_json,
    groups_of_class,
    json_nodes,
    load_map,
    parse_svg,
    rgb,
    tag,
)

from argmap import RenderError
from argmap.model import ClaimKind, RelationKind
from argmap.rendering import render
from argmap.rendering.dot import kind_line
from argmap.rendering.themes import THEMES, Theme, get_theme

OKABE_ITO = {
    "#000000",
    "#e69f00",
    "#56b4e9",
    "#009e73",
    "#f0e442",
    "#0072b2",
    "#d55e00",
    "#cc79a7",
}


def test_the_built_in_themes_are_the_four_the_issue_names() -> None:
    assert set(THEMES) >= {"default", "dark", "print", "colorblind"}
    for name, theme in THEMES.items():
        assert isinstance(theme, Theme)
        assert theme.name == name
        assert set(theme.nodes) == set(ClaimKind)
        assert set(theme.edges) == set(RelationKind)


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_theme_renders_each_kind_in_its_own_colours(theme: str, rendered: Renders) -> None:
    m = load_map("twenty")
    assert {c.kind for c in m.claims} == set(ClaimKind)
    root = parse_svg(rendered("twenty", theme=theme))
    style = THEMES[theme]
    graph = root.find(tag("g"))
    assert graph is not None
    background = graph.find(tag("polygon"))
    assert background is not None
    assert background.get("fill", "").lower() == style.background.lower()
    nodes = groups_of_class(root, "node")
    for claim in m.claims:
        shape = next(e for e in nodes[claim_node_id(m, claim.id)] if e.tag != tag("title"))
        expected = style.node(claim.kind)
        assert shape.get("fill", "").lower() == expected.fill.lower(), claim.id
        assert shape.get("stroke", "").lower() == expected.border.lower(), claim.id


def is_grey(colour: str) -> bool:
    r, g, b = rgb(colour)
    return r == g == b


def theme_colours(theme: Theme) -> set[str]:
    found = {theme.background, theme.group_fill, theme.group_border}
    found |= {theme.group_label, theme.legend_text, theme.title_text}
    for node in theme.nodes.values():
        found |= {node.fill, node.border, node.accent, node.text}
    found |= {edge.color for edge in theme.edges.values()}
    return found


def test_print_theme_is_defined_in_greys_only() -> None:
    assert [c for c in theme_colours(THEMES["print"]) if not is_grey(c)] == []


def test_print_theme_svg_paints_in_greys_only(rendered: Renders) -> None:
    for name in ("twenty", "multilingual"):
        found = colours(parse_svg(rendered(name, theme="print")))
        assert found, "no colour found"
        assert sorted(c for c in found if not is_grey(c)) == []


def test_colorblind_theme_edges_are_okabe_ito_colours(rendered: Renders) -> None:
    theme = THEMES["colorblind"]
    assert {edge.color.lower() for edge in theme.edges.values()} <= OKABE_ITO
    root = parse_svg(rendered("twenty", theme="colorblind"))
    edges = groups_of_class(root, "edge")
    relations = [e for i, e in edges.items() if i.startswith("relation-")]
    assert len(relations) >= len(load_map("twenty").relations)
    for edge in relations:
        assert colours(edge) <= OKABE_ITO, edge.get("id")


# --- no distinction lost -----------------------------------------------------------------


def node_looks(theme: str) -> dict[ClaimKind, dict[str, Any]]:
    """How each claim kind of the kinds map is drawn, read back from its DOT."""
    m = load_map("kinds")
    graph = dot_json(render(m, "dot", theme=theme).decode())
    nodes = {n.get("id"): n for n in json_nodes(graph).values()}
    looks = {}
    for claim in m.claims:
        node = nodes[claim_node_id(m, claim.id)]
        looks[claim.kind] = {
            "fill": node["fillcolor"].lower(),
            "border": node["color"].lower(),
            "line": ",".join(sorted(node["style"].split(","))),
            "shape": node["shape"],
            "width": node["penwidth"],
            "kind line": kind_line(claim, m).split()[0],
        }
    assert set(looks) == set(ClaimKind)
    return looks


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_each_theme_keeps_every_claim_kind_distinct(theme: str) -> None:
    looks = node_looks(theme)
    for (a, look_a), (b, look_b) in itertools.combinations(looks.items(), 2):
        assert look_a != look_b, f"{a.value} and {b.value} look the same in {theme}"


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_each_theme_tells_claim_kinds_apart_by_drawing_alone(theme: str) -> None:
    looks = node_looks(theme)
    for (a, look_a), (b, look_b) in itertools.combinations(looks.items(), 2):
        drawn_a = {k: v for k, v in look_a.items() if k != "kind line"}
        drawn_b = {k: v for k, v in look_b.items() if k != "kind line"}
        assert drawn_a != drawn_b, f"{a.value} and {b.value} differ only in words in {theme}"


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_each_theme_keeps_every_relation_kind_distinct(theme: str) -> None:
    m = load_map("undercut")
    assert {r.kind for r in m.relations} == set(RelationKind)
    graph = dot_json(render(m, "dot", theme=theme).decode())
    edges = {e.get("id"): e for e in graph["edges"]}
    looks = {}
    for index, relation in enumerate(m.relations):
        edge = edges[f"relation-{index}"]
        looks[relation.kind] = (edge["color"].lower(), edge["style"], edge["arrowtail"])
    assert len(set(looks.values())) == len(RelationKind), looks


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else float(((c + 0.055) / 1.055) ** 2.4)

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_each_theme_keeps_text_and_lines_legible(theme: str) -> None:
    style = THEMES[theme]
    for kind, node in style.nodes.items():
        assert contrast(node.text, node.fill) >= 4.5, kind
        assert contrast(node.accent, node.fill) >= 3.0, kind
    for kind, edge in style.edges.items():
        assert contrast(edge.color, style.background) >= 3.0, kind
    assert contrast(style.title_text, style.background) >= 4.5
    assert contrast(style.legend_text, style.background) >= 4.5
    assert contrast(style.group_label, style.group_fill) >= 4.5


# --- choosing a theme --------------------------------------------------------------------


def test_an_unknown_theme_is_a_render_error_naming_the_known_ones() -> None:
    with pytest.raises(RenderError, match=r"default.*dark.*print.*colorblind"):
        render(load_map("plain"), "dot", theme="neon")


def test_a_theme_of_ones_own_is_used_as_given() -> None:
    mine = attrs.evolve(THEMES["default"], name="mine", background="#FFFFF0")
    assert get_theme(mine) is mine
    graph = dot_json(render(load_map("plain"), "dot", theme=mine).decode())
    assert graph["bgcolor"] == "#FFFFF0"
