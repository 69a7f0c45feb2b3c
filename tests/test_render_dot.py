"""Model to DOT: golden files, determinism, the visual grammar's structure, escaping.

The golden files in tests/golden pin the whole DOT of a handful of small maps; rewrite
them after an intended change with ``ARGMAP_REGENERATE_GOLDEN=1 pytest tests/test_render_dot.py``
(see tests/golden/README.md) and review the diff. The other tests check what must hold
whatever the golden files say, reading the DOT the way Graphviz reads it (``-Tjson``).
"""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path
from typing import Any

import pytest
from render_support import (
    MAP_FILES,
    dot_json,
    json_clusters,
    json_nodes,
    load_map,
    parse_svg,
    relation_index,
    requires,
    tag,
    undercut_targets,
)

import argmap
from argmap import MapBuilder, RenderError, limits
from argmap.model import ArgumentMap, Claim, ClaimKind, Group, Inference, Relation, RelationKind
from argmap.rendering import DIRECTIONS, render
from argmap.rendering.dot import DotOptions, html_text, kind_line, to_digraph
from argmap.rendering.engines import get_engine
from argmap.rendering.themes import THEMES

GOLDEN = Path(__file__).parent / "golden"

#: Golden file name -> (test map, render options).
GOLDEN_CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "kinds": ("kinds", {}),
    "kinds-no-legend": ("kinds", {"legend": False}),
    "kinds-print": ("kinds", {"theme": "print"}),
    "linked": ("linked", {}),
    "undercut": ("undercut", {}),
    "groups": ("groups", {}),
    "tags": ("tags", {"tags": True}),
    **{f"plain-{d}": ("plain", {"direction": d}) for d in DIRECTIONS},
}


def regenerating(config: pytest.Config) -> bool:
    return bool(
        config.getoption("--regenerate-golden", default=False)
        or os.environ.get("ARGMAP_REGENERATE_GOLDEN") == "1"
    )


@pytest.mark.parametrize("case", sorted(GOLDEN_CASES))
def test_dot_matches_its_golden_file(case: str, pytestconfig: pytest.Config) -> None:
    name, options = GOLDEN_CASES[case]
    dot = render(load_map(name), "dot", **options)
    path = GOLDEN / f"{case}.dot"
    if regenerating(pytestconfig):
        path.write_bytes(dot)
    assert path.exists(), f"no golden file {path}; make it with ARGMAP_REGENERATE_GOLDEN=1"
    assert dot.decode() == path.read_text(encoding="utf-8"), (
        f"the DOT of {case} changed; if that was intended, regenerate: "
        "ARGMAP_REGENERATE_GOLDEN=1 pytest tests/test_render_dot.py"
    )


def test_golden_directory_holds_exactly_one_file_per_case(pytestconfig: pytest.Config) -> None:
    files = {path.stem for path in GOLDEN.glob("*.dot")}
    if regenerating(pytestconfig):
        for stale in files - set(GOLDEN_CASES):
            (GOLDEN / f"{stale}.dot").unlink()
        files &= set(GOLDEN_CASES)
    assert files == set(GOLDEN_CASES)


@pytest.mark.parametrize("name", sorted(MAP_FILES))
def test_dot_is_byte_identical_across_calls_and_loads(name: str) -> None:
    first = render(load_map(name), "dot")
    assert render(load_map(name), "dot") == first
    assert render(argmap.load(MAP_FILES[name]), "dot") == first  # a map read afresh
    assert to_digraph(load_map(name)).source == first.decode()


def test_to_digraph_takes_the_same_options_as_render() -> None:
    m = load_map("kinds")
    options = DotOptions(theme=THEMES["dark"], direction="RL", legend=False)
    expected = render(m, "dot", theme="dark", direction="RL", legend=False).decode()
    assert to_digraph(m, options).source == expected


# --- the structure of the grammar --------------------------------------------------------


def edge_by_id(graph: dict[str, Any], edge_id: str) -> dict[str, Any]:
    return next(e for e in graph["edges"] if e.get("id") == edge_id)


def names_by_claim(graph: dict[str, Any]) -> dict[str, int]:
    """The gvid of each claim node, by node id (``claim-c<i>``)."""
    return {n["id"]: gvid for gvid, n in json_nodes(graph).items() if "id" in n}


def neighbours(graph: dict[str, Any], gvid: int) -> set[int]:
    ends = set()
    for edge in graph["edges"]:
        if edge.get("style") == "invis":
            continue
        if edge["tail"] == gvid:
            ends.add(edge["head"])
        if edge["head"] == gvid:
            ends.add(edge["tail"])
    return ends


@pytest.mark.parametrize("name", ["groups", "twenty", "multilingual"])
def test_each_group_is_a_cluster_subgraph_holding_exactly_its_members(name: str) -> None:
    m = load_map(name)
    graph = dot_json(render(m, "dot").decode())
    claims = names_by_claim(graph)
    clusters = json_clusters(graph)
    for group in m.groups:
        members = {claims[f"claim-c{[c.id for c in m.claims].index(i)}"] for i in group.members}
        holding = [c for c in clusters if members <= set(c["nodes"])]
        assert holding, f"no cluster holds the members of group {group.id!r}"
        # The smallest cluster holding them holds nothing else but junction points.
        smallest = min(holding, key=lambda c: len(c["nodes"]))
        others = set(smallest["nodes"]) - members
        assert all(json_nodes(graph)[o]["shape"] == "point" for o in others)


def test_a_map_without_groups_or_legend_has_no_cluster() -> None:
    graph = dot_json(render(load_map("plain"), "dot", legend=False).decode())
    assert json_clusters(graph) == []


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_support_and_attack_edges_differ_in_arrowhead_and_colour(theme: str) -> None:
    m = load_map("plain")
    graph = dot_json(render(m, "dot", theme=theme).decode())
    styles = {}
    for index, relation in enumerate(m.relations):
        edge = edge_by_id(graph, f"relation-{index}")
        styles.setdefault(relation.kind, set()).add((edge["color"], edge["arrowtail"]))
    support, attack = styles[RelationKind.SUPPORTS], styles[RelationKind.ATTACKS]
    assert len(support) == len(attack) == 1  # one look per relation kind
    (support_colour, support_arrow), (attack_colour, attack_arrow) = *support, *attack
    assert support_arrow != attack_arrow
    if theme != "print":  # print keeps the distinction in the arrowhead and line
        assert support_colour.lower() != attack_colour.lower()


@pytest.mark.parametrize("name", ["linked", "twenty"])
def test_linked_premises_meet_at_one_point_that_reaches_the_conclusion(name: str) -> None:
    m = load_map(name)
    graph = dot_json(render(m, "dot").decode())
    nodes, claims = json_nodes(graph), names_by_claim(graph)
    ids = [c.id for c in m.claims]
    linked = [r for r in m.relations if r.linked]
    assert linked
    for relation in linked:
        premises = {claims[f"claim-c{ids.index(s)}"] for s in relation.sources}
        conclusion = claims[f"claim-c{ids.index(relation.target)}"]  # type: ignore[arg-type]
        shared = set.intersection(*(neighbours(graph, p) for p in premises))
        points = [p for p in shared if nodes[p]["shape"] == "point"]
        assert len(points) == 1, f"{relation.describe()}: premises meet at {points}"
        # Straight on, or (an undercut inference) through the mark its undercut ends on.
        marks = {n for n in neighbours(graph, points[0]) if nodes[n]["shape"] == "point"}
        onward = neighbours(graph, points[0]).union(*(neighbours(graph, m) for m in marks))
        assert conclusion in onward
        for premise in premises:
            assert conclusion not in neighbours(graph, premise)


@pytest.mark.parametrize("name", ["undercut", "twenty", "kinds"])
def test_an_undercut_ends_on_the_inference_it_attacks(name: str) -> None:
    m = load_map(name)
    undercuts = list(undercut_targets(m))
    if name == "kinds":
        assert undercuts == []
        return
    assert undercuts
    graph = dot_json(render(m, "dot").decode())
    nodes, claims = json_nodes(graph), names_by_claim(graph)
    ids = [c.id for c in m.claims]
    for undercut, attacked in undercuts:
        edge = edge_by_id(graph, f"relation-{relation_index(m, undercut)}")
        ends = {edge["tail"], edge["head"]}
        (mark,) = [e for e in ends if nodes[e]["shape"] == "point"]
        undercutter = claims[f"claim-c{ids.index(undercut.sources[0])}"]
        conclusion = claims[f"claim-c{ids.index(attacked.target)}"]  # type: ignore[arg-type]
        premises = {claims[f"claim-c{ids.index(s)}"] for s in attacked.sources}
        assert ends == {mark, undercutter}
        assert nodes[mark]["id"] == f"inference-{relation_index(m, attacked)}-mark"
        # The mark sits on the attacked inference's line, between its conclusion and the
        # junction where its premises meet (not on the junction, where their lines end).
        (junction,) = [n for n in neighbours(graph, mark) if nodes[n]["shape"] == "point"]
        assert neighbours(graph, mark) == {conclusion, junction, undercutter}
        assert neighbours(graph, junction) >= premises


@pytest.mark.parametrize("direction", DIRECTIONS)
def test_direction_puts_the_thesis_first_in_reading_order(direction: str) -> None:
    m = load_map("plain")
    graph = dot_json(render(m, "dot", direction=direction, legend=False).decode())
    positions = {}
    for node in json_nodes(graph).values():
        if node.get("id", "").startswith("claim-"):
            x, y = (float(v) for v in node["pos"].split(","))
            positions[node["id"]] = (x, y)  # Graphviz's y grows upwards
    thesis = positions.pop("claim-c0")
    axis, sign = {"TB": (1, 1), "BT": (1, -1), "LR": (0, -1), "RL": (0, 1)}[direction]
    assert all(sign * thesis[axis] > sign * other[axis] for other in positions.values())


def test_legend_lists_only_the_kinds_present() -> None:
    m = load_map("plain")  # thesis, premise, evidence, objection; supports and attacks
    with_legend = render(m, "dot").decode().lower()
    without = render(m, "dot", legend=False).decode().lower()
    present = {c.kind.value for c in m.claims} | {r.kind.value for r in m.relations}
    absent = {k.value for k in [*ClaimKind, *RelationKind]} - present
    assert absent == {"motive", "assumption", "consequence", "question", "undercuts"}
    for word in present:
        assert with_legend.count(word) > without.count(word), f"legend misses {word}"
    for word in absent:
        assert word not in with_legend, f"legend shows {word}, which the map lacks"


@pytest.mark.parametrize("name", ["plain", "kinds", "twenty"])
def test_no_legend_leaves_only_claims_and_junction_points(name: str) -> None:
    m = load_map(name)
    graph = dot_json(render(m, "dot", legend=False).decode())
    nodes = json_nodes(graph).values()
    claims = [n for n in nodes if n.get("id", "").startswith("claim-")]
    others = [n for n in nodes if not n.get("id", "").startswith("claim-")]
    assert len(claims) == len(m.claims)
    assert all(n["shape"] == "point" for n in others)
    assert not any("legend" in c["name"] for c in json_clusters(graph))


def test_kind_line_of_a_motive_names_its_actor() -> None:
    m = load_map("kinds")
    line = kind_line(m.claim("motive"), m)
    assert "MOTIVE" in line.upper()
    assert "THE MAYOR" in line.upper()


def test_kind_line_marks_a_claim_that_quotes_its_source() -> None:
    m = load_map("kinds")
    quoted = m.claim("evidence")
    assert quoted.quote
    bare = Claim(id=quoted.id, text=quoted.text, kind=quoted.kind)
    assert kind_line(quoted, m) != kind_line(bare, m)
    assert kind_line(quoted, m).startswith(kind_line(bare, m))


# --- escaping ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a & b", "a &amp; b"),
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
        ('say "hi"', "say &quot;hi&quot;"),
        ("[label]", "&#91;label&#93;"),
        ("&amp;", "&amp;amp;"),
        ("{braces}", "{braces}"),
        # Graphviz reads \N, \G, ... as names, even in an HTML-like label.
        ("trailing \\", "trailing \\\\"),
        ("\\N \\l \\G", "\\\\N \\\\l \\\\G"),
        ("line\nbreak\r\nand\ttab", "line break and tab"),
        ("bell\x07 null\x00 esc\x1b", "bell null esc"),
        ("  spaced   out  ", "spaced out"),
        ("مرحبا 👨\u200d👩\u200d👧", "مرحبا 👨\u200d👩\u200d👧"),
    ],
)
def test_html_text_escapes_markup_and_drops_what_a_label_cannot_show(
    text: str, escaped: str
) -> None:
    assert html_text(text) == escaped


@pytest.mark.parametrize("name", ["hostile", "hostile-printable"])
@pytest.mark.parametrize("engine", ["embedded", "system"])
def test_hostile_labels_give_dot_graphviz_reads_as_the_intended_graph(
    name: str, engine: str
) -> None:
    if engine == "system":
        requires(shutil.which("dot"), "Graphviz's dot is not on PATH")
    m = load_map(name)
    dot = render(m, "dot").decode()
    read_back = get_engine(engine).run(dot, "dot").decode()  # raises if the DOT is broken
    assert "digraph argmap" in read_back
    graph = dot_json(dot)
    names = {n["name"] for n in json_nodes(graph).values()}
    claims = {f"c{i}" for i in range(len(m.claims))}
    assert claims <= names
    # Nothing a label says became a node, an edge or an attribute of its own.
    assert all(n in claims or n.startswith("j") or n == "panels" for n in names)
    assert not any("injected" in n or "pwned" in n for n in names)
    # One edge per relation, plus one per premise of a relation drawn through a point,
    # plus, for an undercut one, the line from its junction to the mark its undercut ends on.
    assert len([e for e in graph["edges"] if e.get("id", "").startswith("relation-")]) == sum(
        1 + (len(r.sources) if r.linked or _undercut(m, r) else 0) + _undercut(m, r)
        for r in m.relations
    )


@pytest.mark.parametrize("engine", ["embedded", "system"])
def test_a_backslash_in_a_label_reaches_the_engine_as_a_backslash(engine: str) -> None:
    if engine == "system":
        requires(shutil.which("dot"), "Graphviz's dot is not on PATH")
    b = argmap.MapBuilder("Title \\G")
    b.thesis("t", "Names \\N \\G \\E \\T \\H \\L end \\")
    drawn = get_engine(engine).run(render(b.build(), "dot").decode(), "svg")
    texts = ["".join(text.itertext()) for text in parse_svg(drawn).iter(tag("text"))]
    assert "Title \\G" in texts
    assert "Names \\N \\G \\E \\T \\H \\L end \\" in texts


@pytest.mark.parametrize("engine", ["embedded", "system"])
def test_the_hostile_map_lays_out_without_a_warning(engine: str) -> None:
    # Graphviz drew "\G" in a label as "argmap", wider than the cell argmap measured.
    if engine == "system":
        requires(shutil.which("dot"), "Graphviz's dot is not on PATH")
    dot = render(load_map("hostile"), "dot").decode()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        get_engine(engine).run(dot, "svg")


def _undercut(m: argmap.ArgumentMap, relation: argmap.Relation) -> bool:
    """Whether some undercut attacks ``relation`` (it is then drawn through a point)."""
    return any(attacked is relation for _, attacked in undercut_targets(m))


# --- what is too big to draw -------------------------------------------------------------

LONG_WORD_ERROR = (
    "a word of 1,200 characters ('77777777777777777777\u2026') is too long to draw; "
    "the limit is 1,000; set ARGMAP_MAX_WORD_CHARS to raise it"
)


def _long_word_map(where: str) -> ArgumentMap:
    word = "7" * 1_200
    b = MapBuilder(f"Title {word}" if where == "title" else "Title")
    b.actor("us", f"United {word}" if where == "actor" else "United States")
    b.thesis("thesis", "A thesis.")
    b.motive(
        "big-one", f"Text {word}" if where == "claim" else "Text.", actor="us", supports="thesis"
    )
    b.premise("other", "A reason.", supports="thesis")
    b.group("the-group", f"Label {word}" if where == "group" else "Label", ["other"])
    return b.build()


@pytest.mark.parametrize(
    ("where", "subject"),
    [
        ("claim", "claim 'big-one'"),
        ("actor", "claim 'big-one'"),  # the actor's name is in the claim's kind line
        ("title", "the title"),
        ("group", "group 'the-group'"),
    ],
)
def test_a_word_too_long_to_draw_is_a_render_error_naming_where_it_is(
    where: str, subject: str
) -> None:
    m = _long_word_map(where)
    for format in ("dot", "svg"):
        with pytest.raises(RenderError) as caught:
            render(m, format)
        assert str(caught.value) == f"{subject}: {LONG_WORD_ERROR}"
    with limits.override(word_chars=2_000):
        assert b"7777777777777777" in render(m, "dot")


@pytest.mark.parametrize(
    ("name", "variable"), [("claims", "ARGMAP_MAX_CLAIMS"), ("groups", "ARGMAP_MAX_GROUPS")]
)
def test_a_map_with_more_claims_or_groups_than_the_limit_is_refused_before_typesetting(
    name: str, variable: str
) -> None:
    claims = [Claim(id=f"c{i}", text=f"Claim {i}.") for i in range(12)]
    groups = [Group(f"g{i}", f"Group {i}", [f"c{i}"]) for i in range(12)]
    m = ArgumentMap(title="Many", claims=claims, groups=groups)
    with limits.override(**{name: 12}):
        render(m, "dot")
    with limits.override(**{name: 11}), pytest.raises(RenderError) as caught:
        to_digraph(m)
    assert str(caught.value) == (
        f"the map has 12 {name}, more than one picture may hold; "
        f"the limit is 11; set {variable} to raise it"
    )


def test_ten_thousand_groups_are_refused_at_the_default_limit() -> None:
    # 10,000 groups drove the layout engine to 15 GB.
    claims = [Claim(id=f"c{i}", text="A claim.") for i in range(10_000)]
    groups = [Group(f"g{i}", "A group", [f"c{i}"]) for i in range(10_000)]
    with pytest.raises(RenderError, match=r"^the map has 10,000 groups, .* the limit is 1,000;"):
        render(ArgumentMap(claims=claims, groups=groups), "dot")


def test_an_undercut_finds_its_inference_whatever_the_order_of_its_sources() -> None:
    relations = [
        Relation(sources=("a", "b"), target="t"),
        Relation(sources=("u",), target=Inference(("b", "a"), "t"), kind=RelationKind.UNDERCUTS),
        Relation(
            sources=("v",),
            target=Inference(("u",), Inference(("a", "b"), "t")),
            kind=RelationKind.UNDERCUTS,
        ),
    ]
    claims = [Claim(id=i, text=i) for i in ("t", "a", "b", "u", "v")]
    m = ArgumentMap(claims=claims, relations=relations)
    graph = dot_json(render(m, "dot").decode())
    edges = {e["id"]: e for e in graph["edges"] if "id" in e}
    names = {n["_gvid"]: n["name"] for n in json_nodes(graph).values()}
    # Edges run from what is attacked to the attacker: the undercut of a, b -> t starts
    # at the mark on that inference's line, the undercut of that undercut at the mark on
    # the undercut's.
    assert names[edges["relation-1"]["tail"]] == "j0k"
    assert names[edges["relation-2"]["tail"]] == "j1k"
