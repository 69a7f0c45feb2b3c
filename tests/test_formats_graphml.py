"""GraphML export: read back by networkx with exactly the nodes, edges and data argmap
wrote, whatever the text holds; refused for a map with errors; write-only."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from test_formats_roundtrip import PROPERTY, argument_maps

import argmap
from argmap.errors import MapFormatError, ValidationError
from argmap.formats import format_for
from argmap.model import ArgumentMap, Claim, Relation, RelationKind

nx = pytest.importorskip("networkx", reason="networkx is not installed (pip install networkx)")

pytestmark = pytest.mark.filterwarnings("ignore::argmap.ArgmapWarning")

FEATURES = Path(__file__).parent / "data" / "export" / "features.yaml"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
YFILES = "{http://www.yworks.com/xml/graphml}"

# What XML 1.0 cannot hold, which the writer replaces with U+FFFD.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def read_back(m: ArgumentMap) -> object:
    return nx.parse_graphml(argmap.dumps(m, "graphml"))


def claim_node(place: int, **data: object) -> dict[str, object]:
    x, y = (place % 5) * 320, (place // 5) * 200
    return {"type": "claim", **data, "x": str(x), "y": str(y)}


def test_the_features_map_reads_back_with_every_node_edge_and_datum() -> None:
    graph = read_back(argmap.load(FEATURES))
    assert graph.graph == {
        "node_default": {},
        "edge_default": {},
        "title": 'Socrates & the <mortal> "question"',
        "source_title": "Phaedo",
        "source_author": "Plato",
        "source_date": "-360",
    }
    assert dict(graph.nodes(data=True)) == {
        "c0": claim_node(
            0,
            claim="end",
            kind="thesis",
            text="Socrates is mortal.",
            label="THESIS\nSocrates is mortal.",
            tags="logic, classic",
            shape_type="roundrectangle",
        ),
        "c1": claim_node(
            1,
            claim="men-mortal",
            kind="premise",
            text="All men are mortal; #1 of the rules.",
            label="PREMISE\nAll men are mortal; #1 of the rules.",
            group="premises",
            group_label="The syllogism",
            shape_type="roundrectangle",
        ),
        "c2": claim_node(
            2,
            claim="socrates.man",
            kind="premise",
            text="Socrates is a man.",
            label="PREMISE  \u201c\u2026\u201d\nSocrates is a man.",
            quote="Socrates is a man",
            group="premises",
            group_label="The syllogism",
            shape_type="roundrectangle",
        ),
        "c3": claim_node(
            3,
            claim="myth",
            kind="objection",
            text="Immortality is a myth, so the syllogism proves nothing new.",
            label=(
                "OBJECTION \u00b7 PLATO\nImmortality is a myth, so the\n"
                "syllogism proves nothing new."
            ),
            actor="plato",
            actor_name="Plato",
            shape_type="rectangle",
        ),
        "c4": claim_node(
            4,
            claim="soul",
            kind="question",
            text="What of the soul? `code` and [brackets]",
            label="QUESTION\nWhat of the soul? `code` and\n[brackets]",
            shape_type="roundrectangle",
        ),
        "c5": claim_node(
            5,
            claim="myths-matter",
            kind="assumption",
            text="Myths matter.",
            label="ASSUMPTION\nMyths matter.",
            shape_type="roundrectangle",
        ),
        # The undercut of the linked inference is itself undercut: both get a junction.
        "r0": {
            "type": "inference",
            "kind": "undercuts",
            "relation": 0,
            "x": "320",
            "y": "200",
            "shape_type": "ellipse",
        },
        "r3": {
            "type": "inference",
            "kind": "supports",
            "relation": 3,
            "x": "640",
            "y": "200",
            "shape_type": "ellipse",
        },
    }
    assert sorted(graph.edges(data=True)) == [
        ("c1", "r3", {"id": "e4", "kind": "supports", "relation": 3}),
        ("c2", "r3", {"id": "e5", "kind": "supports", "relation": 3}),
        ("c3", "r0", {"id": "e0", "kind": "undercuts", "relation": 0}),
        ("c4", "c0", {"id": "e2", "kind": "attacks", "relation": 1}),
        ("c5", "r0", {"id": "e3", "kind": "undercuts", "relation": 2}),
        ("r0", "r3", {"id": "e1", "kind": "undercuts", "relation": 0}),
        ("r3", "c0", {"id": "e6", "kind": "supports", "relation": 3}),
    ]


def yfiles(root: ElementTree.Element, path: str, *names: str) -> tuple[str | None, ...]:
    """The attributes ``names`` of the yFiles element at ``path`` (``y:`` for its prefix),
    and its text last."""
    element = root.find(path.replace("g:", GRAPHML).replace("y:", YFILES))
    assert element is not None, path
    return (*(element.get(name) for name in names), element.text)


def test_yed_sees_each_claim_as_a_labelled_box_in_its_kinds_colours() -> None:
    root = ElementTree.fromstring(argmap.dumps(argmap.load(FEATURES), "graphml"))
    box = "g:graph/g:node[@id='c0']/g:data[@key='nodegraphics']/y:ShapeNode/"
    assert yfiles(root, box + "y:Fill", "color") == ("#E9EFF8", None)
    assert yfiles(root, box + "y:BorderStyle", "color", "type", "width") == (
        "#1F3A5F",
        "line",
        "2.2",
        None,
    )
    assert yfiles(root, box + "y:NodeLabel", "fontStyle") == (
        "bold",
        "THESIS\nSocrates is mortal.",
    )
    assert yfiles(root, box + "y:Shape", "type") == ("roundrectangle", None)
    undercut = "g:graph/g:edge[@id='e3']/g:data/y:PolyLineEdge/"
    assert yfiles(root, undercut + "y:LineStyle", "color", "type") == ("#C0392B", "dashed", None)
    assert yfiles(root, undercut + "y:Arrows", "target") == ("standard", None)
    # A premise's line ends on its junction with no arrowhead, as in argmap's pictures.
    premise = "g:graph/g:edge[@id='e4']/g:data/y:PolyLineEdge/"
    assert yfiles(root, premise + "y:Arrows", "target") == ("none", None)


def test_every_key_is_declared_once_before_the_graph_with_its_type() -> None:
    root = ElementTree.fromstring(argmap.dumps(argmap.load(FEATURES), "graphml"))
    keys = [(k.get("id"), k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root]
    assert keys[-1] == ("argmap", None, None, None)  # the <graph>, after every key
    declared = keys[:-1]
    assert len({k[0] for k in declared}) == len(declared)
    assert ("edge_relation", "edge", "relation", "int") in declared
    used = {data.get("key") for data in root.iter(f"{GRAPHML}data")}
    assert used <= {k[0] for k in declared}


# XML-hostile text: markup, quotes, a CDATA end, the controls XML 1.0 forbids, carriage
# returns (which a parser would turn into line feeds), noncharacters, lone surrogates.
hostile = (
    st.lists(
        st.one_of(
            st.sampled_from(list("<&>\"'\x00\x01\x08\x0b\x0c\x1f\r\n\t\ufffe\uffff\ud800]")),
            st.sampled_from(["]]>", "<![CDATA[", "&amp;", "&#0;", "<?xml", "-->"]),
            st.characters(),
        ),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(lambda s: s.strip() != "")
)


def with_texts(m: ArgumentMap, texts: list[str]) -> ArgumentMap:
    claims = [
        attrs.evolve(claim, text=texts[i % len(texts)], quote=texts[-1 - i % len(texts)])
        for i, claim in enumerate(m.claims)
    ]
    return m.evolve(claims=claims, title=texts[0])


@PROPERTY
@given(m=argument_maps(), texts=st.lists(hostile, min_size=1, max_size=4))
@example(m=ArgumentMap(claims=[Claim(id="a", text="a")]), texts=["\x00\r\n]]>&<\ud800\uffff"]).via(
    "the worst characters at once"
)
def test_any_text_reads_back_with_only_what_xml_cannot_hold_replaced(
    m: ArgumentMap, texts: list[str]
) -> None:
    m = with_texts(m, texts)
    graph = read_back(m)
    names = {claim.id: f"c{i}" for i, claim in enumerate(m.claims)}
    for claim in m.claims:
        node = graph.nodes[names[claim.id]]
        assert node["text"] == UNWRITABLE.sub("\ufffd", claim.text)
        assert node["quote"] == UNWRITABLE.sub("\ufffd", claim.quote or "")
        assert node["claim"] == claim.id
    assert graph.graph["title"] == UNWRITABLE.sub("\ufffd", texts[0])


@PROPERTY
@given(m=argument_maps())
def test_every_relation_is_an_edge_or_a_junction_with_its_edges(m: ArgumentMap) -> None:
    graph = read_back(m)
    junctions = {n for n, d in graph.nodes(data=True) if d["type"] == "inference"}
    assert len(graph) == len(m.claims) + len(junctions)
    edges = graph.edges(data=True)
    assert graph.number_of_edges() == sum(
        len(r.sources) + 1 if f"r{i}" in junctions else 1 for i, r in enumerate(m.relations)
    )
    # A junction for each linked relation and for each relation an undercut attacks.
    for index, relation in enumerate(m.relations):
        undercut = any(
            r.kind is RelationKind.UNDERCUTS and r.target == relation.inference
            for r in m.relations
        )
        if relation.linked or undercut:
            assert f"r{index}" in junctions
    for _, _, data in edges:
        assert data["kind"] == m.relations[data["relation"]].kind.value


def test_a_carriage_return_survives_as_a_character_reference() -> None:
    m = ArgumentMap(claims=[Claim(id="a", text="one\r\ntwo")])
    text = argmap.dumps(m, "graphml")
    assert '<data key="text">one&#13;\ntwo</data>' in text
    assert read_back(m).nodes["c0"]["text"] == "one\r\ntwo"


def test_a_map_with_errors_is_refused_with_every_error() -> None:
    m = ArgumentMap(
        claims=[Claim(id="a", text="A")],
        relations=[Relation(sources=["a"], target="nowhere"), Relation(sources=["b"], target="a")],
    )
    with pytest.raises(ValidationError) as raised:
        argmap.dumps(m, "graphml")
    assert str(raised.value) == (
        "2 problems:\n"
        "error: unknown claim 'nowhere'; did you mean 'a'?\n"
        "error: unknown claim 'b'; did you mean 'a'?"
    )


def test_an_empty_map_is_an_empty_graph() -> None:
    graph = read_back(ArgumentMap())
    assert (len(graph), graph.number_of_edges()) == (0, 0)


def test_graphml_is_written_not_read(tmp_path: Path) -> None:
    assert format_for(path="map.graphml").name == "graphml"
    path = tmp_path / "map.graphml"
    argmap.dump(argmap.load(FEATURES), path)
    assert path.read_text(encoding="utf-8") == argmap.dumps(argmap.load(FEATURES), "graphml")
    with pytest.raises(MapFormatError) as raised:
        argmap.loads(path.read_text(encoding="utf-8"), "graphml")
    assert raised.value.message == "argmap writes graphml but does not read it"
