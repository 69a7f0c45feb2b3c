"""The analysis in the picture: render(status=, strength=, schemes=) shows each claim's
status (word, colour and a cue colour does not carry), its strength (number and bar), a
legend for both, and each relation's scheme; without them the picture is unchanged."""

from __future__ import annotations

import functools
import math
import re
import shutil
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from render_support import (
    claim_node_id,
    colours,
    dot_json,
    groups_of_class,
    json_nodes,
    load_map,
    parse_svg,
    requires,
    rgb,
    shape_box,
    tag,
    text_lines,
)

from argmap import RenderError
from argmap.analysis import evaluate
from argmap.analysis.strength import strength
from argmap.model import ArgumentMap, Claim, ClaimKind, Relation
from argmap.rendering import render
from argmap.rendering.themes import THEMES, fade
from argmap.rendering.typeset import default_fonts

ENGINES = ["embedded", "system"]
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

#: The attack chain a -> b -> c: grounded semantics gives a in, b out, c in.
CHAIN = ArgumentMap(
    title="Chain",
    claims=[Claim(id=name, text=f"Claim {name.upper()} holds.") for name in "abc"],
    relations=[
        Relation(sources="a", target="b", kind="attacks", scheme="expert-opinion"),
        Relation(sources="b", target="c", kind="attacks"),
    ],
)
CHAIN_STATUS = {"a": "in", "b": "out", "c": "in"}
CHAIN_STRENGTH = {"a": 1.0, "b": 0.25, "c": 0.73}

#: a and b attack each other; c stands apart: two preferred labellings.
MUTUAL = ArgumentMap(
    claims=[Claim(id=name, text=name.upper()) for name in "abc"],
    relations=[
        Relation(sources="a", target="b", kind="attacks"),
        Relation(sources="b", target="a", kind="attacks"),
    ],
)


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    if request.param == "system":
        requires(shutil.which("dot"), "Graphviz's dot is not on PATH: no system engine")
    return str(request.param)


@functools.cache
def chain_svg(engine: str, theme: str, direction: str = "TB") -> ET.Element:
    """The chain with its grounded status and strengths, drawn once per combination."""
    svg = render(
        CHAIN,
        theme=theme,
        engine=engine,
        direction=direction,
        status=evaluate(CHAIN),
        status_semantics="grounded",
        strength=CHAIN_STRENGTH,
        strength_semantics="DF-QuAD",
        schemes=True,
    )
    return parse_svg(svg)


def node(root: ET.Element, m: ArgumentMap, claim: str) -> ET.Element:
    return groups_of_class(root, "node")[claim_node_id(m, claim)]


def shapes(group: ET.Element) -> list[ET.Element]:
    """The outlines a node draws: one per border (a note's fold lines are polylines)."""
    return [e for e in group if e.tag in (tag("path"), tag("polygon"))]


# --- status ------------------------------------------------------------------------------


def test_the_chain_is_in_out_in_under_grounded_semantics() -> None:
    assert evaluate(CHAIN) == [CHAIN_STATUS]


@pytest.mark.parametrize("theme", ["default", "print", "dark"])
def test_each_kind_line_ends_with_its_status_word_and_strength(engine: str, theme: str) -> None:
    root = chain_svg(engine, theme)
    kind_lines = {c.id: text_lines(node(root, CHAIN, c.id))[0] for c in CHAIN.claims}
    assert kind_lines == {
        "a": "PREMISE · 1.00 · IN",
        "b": "PREMISE · 0.25 · OUT",
        "c": "PREMISE · 0.73 · IN",
    }


@pytest.mark.parametrize("theme", ["default", "print", "dark", "colorblind"])
def test_a_double_border_marks_exactly_the_accepted_claims(engine: str, theme: str) -> None:
    root = chain_svg(engine, theme)
    borders = {c.id: len(shapes(node(root, CHAIN, c.id))) for c in CHAIN.claims}
    assert borders == {"a": 2, "b": 1, "c": 2}
    # The outer border is an outline around the filled box, 4 points out.
    inner, outer = shapes(node(root, CHAIN, "a"))
    fill = THEMES[theme].node(ClaimKind.PREMISE).fill
    assert (inner.get("fill"), outer.get("fill")) == (paint(fill), "none")
    x0, y0, x1, y1 = shape_box(node(root, CHAIN, "a"))
    numbers = [float(n) for n in NUMBER.findall(outer.get("d") or outer.get("points") or "")]
    xs, ys = numbers[0::2], numbers[1::2]
    assert (min(xs), min(ys), max(xs), max(ys)) == pytest.approx((x0 - 4, y0 - 4, x1 + 4, y1 + 4))


@pytest.mark.parametrize("theme", ["default", "print", "dark", "colorblind"])
def test_a_rejected_claim_is_faded_into_the_background(engine: str, theme: str) -> None:
    root = chain_svg(engine, theme)
    style, background = THEMES[theme].node(ClaimKind.PREMISE), THEMES[theme].background
    faded = fade(style, background)
    (shape,) = shapes(node(root, CHAIN, "b"))
    assert (shape.get("stroke"), shape.get("fill")) == (paint(faded.border), paint(faded.fill))
    texts = list(node(root, CHAIN, "b").iter(tag("text")))
    assert [t.get("fill") for t in texts] == [faded.accent, faded.text]
    # Nearer the background than the claims that stand, but still readable.
    standing = list(node(root, CHAIN, "a").iter(tag("text")))[1].get("fill")
    assert standing == style.text
    assert distance(faded.text, background) < distance(style.text, background)
    assert distance(faded.text, background) > 0.3 * distance(style.text, background)


def paint(colour: str) -> str:
    """``colour`` as the engines write it into a shape's fill or stroke."""
    return colour.lower()


def distance(a: str, b: str) -> float:
    return math.dist(rgb(a), rgb(b))


@pytest.mark.parametrize(
    ("theme", "words"),
    [
        ("default", {"IN": "#1E6B2A", "OUT": "#A8322A"}),
        ("dark", {"IN": "#7FD08A", "OUT": "#F08A80"}),
        ("colorblind", {"IN": "#005A8C", "OUT": "#A34A00"}),
    ],
)
def test_the_status_word_is_in_the_status_colour(
    engine: str, theme: str, words: dict[str, str]
) -> None:
    root = chain_svg(engine, theme)
    for claim, word in (("a", "IN"), ("b", "OUT"), ("c", "IN")):
        first = next(node(root, CHAIN, claim).iter(tag("text")))
        spans = list(first.iter(tag("tspan")))
        assert spans[-1].text == word
        assert spans[-1].get("fill") == words[word]
        assert all(span.get("fill") is None for span in spans[:-1])


def test_the_print_picture_with_status_and_strength_is_grey_only(engine: str) -> None:
    found = colours(chain_svg(engine, "print"))
    assert sorted(c for c in found if len(set(rgb(c))) != 1) == []


def test_several_labellings_are_shown_sceptically() -> None:
    labellings = evaluate(MUTUAL, "preferred")
    assert [dict(each) for each in labellings] == [
        {"a": "in", "b": "out", "c": "in"},
        {"a": "out", "b": "in", "c": "in"},
    ]
    root = parse_svg(render(MUTUAL, status=labellings))
    kind_lines = {c.id: text_lines(node(root, MUTUAL, c.id))[0] for c in MUTUAL.claims}
    assert kind_lines == {
        "a": "PREMISE · UNDECIDED",
        "b": "PREMISE · UNDECIDED",
        "c": "PREMISE · IN",
    }
    assert render(MUTUAL, "dot", status=labellings) == render(
        MUTUAL, "dot", status={"a": "undec", "b": "undec", "c": "in"}
    )


def test_claims_the_status_does_not_name_are_drawn_as_without_it() -> None:
    partial = render(CHAIN, "dot", status={"a": "in", "elsewhere": "out"}).decode()
    plain = render(CHAIN, "dot").decode()
    nodes = {n["id"]: n for n in json_nodes(dot_json(partial)).values() if "id" in n}
    before = {n["id"]: n for n in json_nodes(dot_json(plain)).values() if "id" in n}
    assert nodes["claim-c0"].get("peripheries") == "2"
    for name in ("claim-c1", "claim-c2"):
        assert nodes[name]["label"] == before[name]["label"]
        assert "peripheries" not in nodes[name]


@pytest.mark.parametrize("name", ["plain", "kinds", "undercut", "flagship"])
@pytest.mark.parametrize("format", ["dot", "svg"])
def test_without_analysis_the_picture_is_byte_identical(name: str, format: str) -> None:
    m = load_map(name)
    plain = render(m, format)
    assert render(m, format, status={}, strength={}, schemes=False) == plain
    assert render(m, format, status={"no-such-claim": "in"}, strength={"x": 0.5}) == plain
    if not any(r.scheme for r in m.relations):
        assert render(m, format, schemes=True) == plain


# --- strength ----------------------------------------------------------------------------


def bars(group: ET.Element) -> dict[str, ET.Element]:
    return {r.get("class", ""): r for r in group.iter(tag("rect"))}


@pytest.mark.parametrize("theme", ["default", "print", "dark"])
def test_the_strength_bar_is_filled_in_proportion(engine: str, theme: str) -> None:
    root = chain_svg(engine, theme)
    for claim, value in CHAIN_STRENGTH.items():
        drawn = bars(node(root, CHAIN, claim))
        track = float(drawn["strength-track"].get("width", 0))
        filled = float(drawn["strength-bar"].get("width", 0))
        assert filled == pytest.approx(value * track, abs=0.01), claim
        assert drawn["strength-bar"].get("x") == drawn["strength-track"].get("x")
        assert drawn["strength-bar"].get("fill") == THEMES[theme].analysis.bar


def test_a_strength_of_zero_draws_the_empty_track() -> None:
    root = parse_svg(render(CHAIN, strength={"a": 0, "b": 0.5}))
    assert set(bars(node(root, CHAIN, "a"))) == {"strength-track"}
    assert set(bars(node(root, CHAIN, "b"))) == {"strength-track", "strength-bar"}
    assert bars(node(root, CHAIN, "c")) == {}
    assert text_lines(node(root, CHAIN, "a"))[0] == "PREMISE · 0.00"


def test_the_box_grows_to_hold_the_bar_under_the_text(engine: str) -> None:
    plain = parse_svg(render(CHAIN, engine=engine))
    root = chain_svg(engine, "default")
    fonts = default_fonts()
    for claim in CHAIN.claims:
        group = node(root, CHAIN, claim.id)
        x0, y0, x1, y1 = shape_box(group)
        _, py0, _, py1 = shape_box(node(plain, CHAIN, claim.id))
        assert y1 - y0 == pytest.approx(py1 - py0 + 8, abs=0.5)
        track = bars(group)["strength-track"]
        top, left = float(track.get("y", 0)), float(track.get("x", 0))
        right = left + float(track.get("width", 0))
        bottom = top + float(track.get("height", 0))
        last_baseline = max(float(t.get("y", 0)) for t in group.iter(tag("text")))
        assert last_baseline < top < bottom < y1, claim.id
        assert x0 < left < right < x1, claim.id
        # Every line fits its box, as measured with the fonts that draw it.
        for text in group.iter(tag("text")):
            line = "".join(text.itertext())
            width = fonts.width(
                line, float(text.get("font-size", 0)), text.get("font-weight") == "bold"
            )
            assert width <= x1 - x0 - 10, (claim.id, line)


# --- the legend --------------------------------------------------------------------------


def legend_texts(root: ET.Element) -> dict[str, list[str]]:
    return {
        i: text_lines(g)
        for i, g in groups_of_class(root, "node").items()
        if i.startswith("legend-")
    }


def test_the_legend_names_the_semantics_and_shows_each_status_with_its_cue(engine: str) -> None:
    root = chain_svg(engine, "default")
    texts = legend_texts(root)
    assert texts["legend-status"] == ["grounded:"]
    assert (texts["legend-in"], texts["legend-out"], texts["legend-undec"]) == (
        ["in"],
        ["out"],
        ["undecided"],
    )
    assert texts["legend-strength"] == ["strength (DF-QuAD), 0\u20131"]
    nodes = groups_of_class(root, "node")
    assert [len(shapes(nodes[f"legend-{s}"])) for s in ("in", "out", "undec")] == [2, 1, 1]
    faded = fade(THEMES["default"].node(ClaimKind.PREMISE), "#FFFFFF")
    assert shapes(nodes["legend-out"])[0].get("stroke") == paint(faded.border)


def test_the_legend_says_status_and_strength_when_no_semantics_is_named() -> None:
    root = parse_svg(render(CHAIN, status=CHAIN_STATUS, strength=CHAIN_STRENGTH))
    texts = legend_texts(root)
    assert (texts["legend-status"], texts["legend-strength"]) == (
        ["status:"],
        ["strength, 0\u20131"],
    )


def test_no_legend_entry_for_an_analysis_of_none_of_the_claims() -> None:
    texts = legend_texts(parse_svg(render(CHAIN, status={"x": "in"}, strength={"x": 1})))
    assert not {"legend-status", "legend-in", "legend-strength"} & set(texts)


# --- schemes -----------------------------------------------------------------------------


def test_schemes_label_exactly_the_relations_that_name_one(engine: str) -> None:
    root = chain_svg(engine, "default")
    edges = groups_of_class(root, "edge")
    assert text_lines(edges["relation-0"]) == ["expert-opinion"]
    assert text_lines(edges["relation-1"]) == []
    title = edges["relation-0"].find(tag("title"))
    assert title is not None
    assert title.text == "a attacks b (scheme: expert-opinion)"
    without = parse_svg(render(CHAIN, engine=engine))
    assert text_lines(groups_of_class(without, "edge")["relation-0"]) == []


def test_the_scheme_of_a_linked_relation_labels_the_line_into_its_junction() -> None:
    m = ArgumentMap(
        claims=[Claim(id=name, text=name.upper()) for name in "tpq"],
        relations=[Relation(sources=("p", "q"), target="t", scheme="practical-reasoning")],
    )
    dot = render(m, "dot", schemes=True).decode()
    edges = {e["id"]: e for e in dot_json(dot)["edges"] if "id" in e}
    assert "practical-reasoning" in edges["relation-0"]["label"]
    assert [edges[f"relation-0-{i}"].get("label", "") for i in (0, 1)] == ["", ""]


# --- arguments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "error", "message"),
    [
        (
            {"status": "grounded"},
            TypeError,
            "status must be a mapping of claim ids to 'in', 'out' or 'undec' (a Labelling), "
            "or a list of them, not str",
        ),
        (
            {"status": [["a"]]},
            TypeError,
            "status must be a list of mappings (Labellings), not of list",
        ),
        ({"status": {1: "in"}}, TypeError, "status maps claim ids, not int"),
        (
            {"status": {"b": "accepted"}},
            RenderError,
            "status of claim 'b' is 'accepted'; a status is 'in', 'out' or 'undec'",
        ),
        (
            {"status": []},
            RenderError,
            "status is an empty list of labellings: there is no status to show "
            "(stable semantics has none for a map with, say, an odd cycle of attacks)",
        ),
        (
            {"strength": [0.5]},
            TypeError,
            "strength must be a mapping of claim ids to numbers from 0 to 1, not list",
        ),
        (
            {"strength": {"a": "high"}},
            TypeError,
            "strength of claim 'a' must be a number, not str",
        ),
        ({"strength": {"a": True}}, TypeError, "strength of claim 'a' must be a number, not bool"),
        (
            {"strength": {"c": 1.5}},
            RenderError,
            "strength of claim 'c' is 1.5; a strength is a number from 0 to 1",
        ),
        (
            {"strength": {"c": math.nan}},
            RenderError,
            "strength of claim 'c' is nan; a strength is a number from 0 to 1",
        ),
        ({"status_semantics": 3}, TypeError, "status_semantics must be a string or None, not int"),
        ({"schemes": "yes"}, TypeError, "schemes must be True or False, not str"),
    ],
)
def test_a_wrong_analysis_argument_is_reported_naming_it(
    option: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        render(CHAIN, "dot", **option)
    assert str(caught.value) == message


def test_the_flagship_shows_what_evaluate_and_strength_compute() -> None:
    m = load_map("flagship")
    found, strengths = evaluate(m), strength(m, "df-quad")
    root = parse_svg(render(m, status=found, strength=strengths))
    words = {"in": "IN", "out": "OUT", "undec": "UNDECIDED"}
    for claim in m.claims:
        kind_line = text_lines(node(root, m, claim.id))[0]
        assert kind_line.endswith(f" · {strengths[claim.id]:.2f} · {words[found[0][claim.id]]}")


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_status_words_and_faded_text_stay_legible(theme: str) -> None:
    from test_render_themes import contrast

    style = THEMES[theme]
    shown = style.analysis
    for kind, node_style in style.nodes.items():
        faded = fade(node_style, style.background)
        for word in (shown.accepted, shown.undecided):
            assert contrast(word, node_style.fill) >= 4.5, (kind, word)
        assert contrast(shown.rejected, faded.fill) >= 4.5, kind
        assert contrast(faded.text, faded.fill) >= 3.0, kind
        assert contrast(shown.bar, node_style.fill) >= 3.0, kind


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ({"status": {"a": "yes"}}, "status of claim 'a' is 'yes', not in, out or undec"),
        ({"strength": {"a": -0.5}}, "strength of claim 'a' is -0.5, not from 0 to 1"),
    ],
)
def test_dot_options_refuse_a_status_or_strength_they_cannot_draw(
    option: dict[str, Any], message: str
) -> None:
    from argmap.rendering.dot import DotOptions

    with pytest.raises(ValueError, match=re.escape(message)):
        DotOptions(**option)
