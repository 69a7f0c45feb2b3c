"""AIF: reading AIFdb and OVA files, writing AIF that reads back, and telling AIF from
argmap's own JSON."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap import limits
from argmap.errors import MapFormatError, ValidationError
from argmap.formats import check, check_file, format_for
from argmap.formats._aif_sniff import looks_like_aif
from argmap.model import ArgumentMap, Claim, ClaimKind, Inference, Relation, RelationKind

AIF_DATA = Path(__file__).parent / "data" / "aif"
FIXTURES = sorted(AIF_DATA.glob("*.json"))
FLAGSHIP = Path(__file__).parent.parent / "examples" / "second-occupation" / "map.yaml"


def _graph(document: dict[str, Any]) -> dict[str, Any]:
    graph: dict[str, Any] = document.get("AIF", document)
    return graph


def _canonical(items: list[Any]) -> list[str]:
    return sorted(json.dumps(item, sort_keys=True) for item in items)


def _problems(text: str, source: str = "m.json") -> list[str]:
    return [str(problem) for problem in check(text, "aif", source=source)[1]]


def _quiet_load(text: str) -> ArgumentMap:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", argmap.ArgmapWarning)
        return argmap.loads(text, "aif")


# Files in the shapes AIFdb and OVA write.


def test_there_are_fixtures_of_each_kind() -> None:
    assert [path.name for path in FIXTURES] == [
        "aifdb-nodeset.json",
        "mined-xaif.json",
        "ova3-analysis.json",
    ]


def _relations_the_file_says(graph: dict[str, Any]) -> int:
    """RA and CA nodes with a premise from an I-node and a conclusion: what AIF tools draw."""
    types = {str(n["nodeID"]): n["type"] for n in graph["nodes"]}
    said = 0
    for node_id, node_type in types.items():
        if node_type not in ("RA", "CA"):
            continue
        premises = [e for e in graph["edges"] if str(e["toID"]) == node_id]
        ends = [e for e in graph["edges"] if str(e["fromID"]) == node_id]
        if any(types[str(e["fromID"])] == "I" for e in premises) and any(
            types[str(e["toID"])] in ("I", "RA", "CA") for e in ends
        ):
            said += 1
    return said


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_a_fixture_loads_every_i_node_as_a_claim_and_every_relation(path: Path) -> None:
    graph = _graph(json.loads(path.read_text()))
    m = _quiet_load(path.read_text())
    assert sorted(c.text for c in m.claims) == sorted(
        n["text"] for n in graph["nodes"] if n["type"] == "I"
    )
    assert len(m.relations) >= _relations_the_file_says(graph) > 0


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_a_fixture_written_back_has_the_same_nodes_edges_and_keys(path: Path) -> None:
    original = json.loads(path.read_text())
    written = json.loads(argmap.dumps(_quiet_load(path.read_text()), "aif"))
    assert set(written) == set(original)
    graph, graph_back = _graph(original), _graph(written)
    assert _canonical(graph_back["nodes"]) == _canonical(graph["nodes"])
    assert _canonical(graph_back["edges"]) == _canonical(graph["edges"])
    assert {k: v for k, v in graph_back.items() if k not in ("nodes", "edges")} == {
        k: v for k, v in graph.items() if k not in ("nodes", "edges")
    }
    if "AIF" in original:
        assert {k: v for k, v in written.items() if k != "AIF"} == {
            k: v for k, v in original.items() if k != "AIF"
        }


def test_the_aifdb_nodeset_reads_as_its_analyst_drew_it() -> None:
    path = AIF_DATA / "aifdb-nodeset.json"
    m, found = check_file(path)
    assert m is not None
    texts = {c.id: c.text for c in m.claims}
    described = sorted(
        r.describe().replace(" + ", " & ") for r in m.relations
    )  # by text, for a readable assertion
    for claim_id, text in texts.items():
        described = [d.replace(claim_id, f"[{text}]") for d in described]
    assert described == sorted(
        [
            "[people who rest more make fewer mistakes] & [the trials in Iceland showed output "
            "held steady] supports [a four-day week would make workers more productive]",
            "[a four-day week would make workers more productive] supports [the government "
            "should bring in a four-day week]",
            "[small firms cannot cover the fifth day with the same staff] attacks [the "
            "government should bring in a four-day week]",
            "[the Iceland trials only covered offices, not shops or care homes] undercuts "
            "([people who rest more make fewer mistakes] & [the trials in Iceland showed "
            "output held steady] -> [a four-day week would make workers more productive])",
        ]
    )
    assert [str(p).replace(str(path), "f") for p in found] == [
        "f:1:13: warning: the dialogue (7 L nodes, 5 TA nodes, 12 YA nodes, 8 locutions) is "
        "kept in metadata, not drawn: argmap maps what is argued, not who said it when",
        "f:1:2622: warning: claim '300120' is connected to nothing: no relation goes to or "
        "from it; say what it supports or attacks, or remove it",
        "f:1:3423: warning: MA node '300126' (a rephrase) is not something argmap draws (it "
        "draws I-nodes, RA and CA); kept in metadata",
    ]


def test_scheme_names_and_node_facts_are_kept_in_metadata() -> None:
    m = _quiet_load((AIF_DATA / "ova3-analysis.json").read_text())
    sign = next(r for r in m.relations if r.metadata["aif"]["nodeID"] == "8")
    assert sign.metadata["aif"] == {
        "nodeID": "8",
        "text": "Argument From Sign",
        "timestamp": "2023-03-02 14:10:50",
        "scheme": "Argument From Sign",
        "schemeID": "33",
        "edges": [
            {"edgeID": 3, "fromID": "3", "toID": "8"},
            {"edgeID": 4, "fromID": "8", "toID": "2"},
        ],
    }
    assert m.claim("1").metadata == {"aif": {"timestamp": "2023-03-02 14:10:05"}}
    kept = m.metadata["aif"]
    assert [n["type"] for n in kept["nodes"]] == ["PA"]
    assert sorted(kept) == [
        "cqdescriptorfulfillments",
        "descriptorfulfillments",
        "edges",
        "nodes",
        "participants",
        "schemefulfillments",
        "xaif",
    ]
    assert sorted(kept["xaif"]) == ["OVA", "text"]


def test_whole_number_ids_become_claim_ids_and_are_written_back_as_numbers() -> None:
    text = (AIF_DATA / "mined-xaif.json").read_text()
    m = _quiet_load(text)
    assert sorted(c.id for c in m.claims) == ["15", "3", "4", "5", "6"]
    assert m.claim("3").metadata == {"aif": {"nodeID": 3, "timestamp": ""}}
    # A conflict that attacks a conflict undercuts the attack.
    assert Relation(sources=["5"], target=Inference(["4"], "3"), kind=RelationKind.UNDERCUTS) in [
        ends_and_kind(r) for r in m.relations
    ]
    written = _graph(json.loads(argmap.dumps(m, "aif")))
    assert {n["nodeID"] for n in written["nodes"]} == set(range(16))


def ends_and_kind(relation: Relation) -> Relation:
    """The relation without its metadata, to compare its ends and kind."""
    return Relation(sources=relation.sources, target=relation.target, kind=relation.kind)


# The flagship map and maps made in argmap.


def test_the_flagship_map_survives_yaml_to_aif_to_yaml() -> None:
    m = argmap.load(FLAGSHIP)
    back = argmap.loads(argmap.dumps(m, "aif"), "aif")
    assert back == m
    assert argmap.dumps(back) == argmap.dumps(m)


def test_a_map_is_written_as_aif_with_what_aif_lacks_in_argmap_keys() -> None:
    m = ArgumentMap(
        title="Socrates",
        claims=[
            Claim(id="t", text="Socrates is mortal.", kind=ClaimKind.THESIS),
            Claim(id="p", text="All men are mortal.", tags=["classic"]),
            Claim(id="q", text="Socrates is a man."),
            Claim(id="o", text="Immortality is a myth.", kind=ClaimKind.OBJECTION),
        ],
        relations=[
            Relation(sources=["p", "q"], target="t"),
            Relation(sources=["o"], target=Inference(["p", "q"], "t"), kind="undercuts"),
        ],
    )
    assert json.loads(argmap.dumps(m, "aif")) == {
        "nodes": [
            {
                "nodeID": "t",
                "text": "Socrates is mortal.",
                "type": "I",
                "argmap": {"kind": "thesis"},
            },
            {
                "nodeID": "p",
                "text": "All men are mortal.",
                "type": "I",
                "argmap": {"tags": ["classic"]},
            },
            {"nodeID": "q", "text": "Socrates is a man.", "type": "I"},
            {
                "nodeID": "o",
                "text": "Immortality is a myth.",
                "type": "I",
                "argmap": {"kind": "objection"},
            },
            {"nodeID": "ra1", "text": "Default Inference", "type": "RA"},
            {"nodeID": "ca2", "text": "Default Conflict", "type": "CA"},
        ],
        "edges": [
            {"edgeID": "p>ra1", "fromID": "p", "toID": "ra1"},
            {"edgeID": "q>ra1", "fromID": "q", "toID": "ra1"},
            {"edgeID": "ra1>t", "fromID": "ra1", "toID": "t"},
            {"edgeID": "o>ca2", "fromID": "o", "toID": "ca2"},
            {"edgeID": "ca2>ra1", "fromID": "ca2", "toID": "ra1"},
        ],
        "locutions": [],
        "argmap": {"title": "Socrates"},
    }
    assert argmap.loads(argmap.dumps(m, "aif"), "aif") == m


def test_ids_argmap_would_make_up_but_claims_hold_are_made_unique_and_read_back() -> None:
    m = ArgumentMap(
        claims=[
            Claim(id="ra1", text="A"),
            Claim(id="ra1_2", text="B"),
            Claim(id="a>ra1_3", text="C"),
            Claim(id="a", text="D"),
        ],
        relations=[
            Relation(sources=["ra1"], target="ra1_2"),
            Relation(sources=["a"], target="a>ra1_3", kind="attacks"),
        ],
    )
    graph = json.loads(argmap.dumps(m, "aif"))
    assert [n["nodeID"] for n in graph["nodes"]] == [
        "ra1",
        "ra1_2",
        "a>ra1_3",
        "a",
        "ra1_3",
        "ca2",
    ]
    assert [e["edgeID"] for e in graph["edges"]] == [
        "ra1>ra1_3",
        "ra1_3>ra1_2",
        "a>ca2",
        "ca2>a>ra1_3",
    ]
    assert argmap.loads(argmap.dumps(m, "aif"), "aif") == m


def test_a_recorded_node_id_another_claim_holds_gives_way_and_the_map_reads_back() -> None:
    m = ArgumentMap(
        claims=[
            Claim(id="x", text="X", metadata={"aif": {"nodeID": "y", "timestamp": "t"}}),
            Claim(id="y", text="Y"),
            Claim(id="z", text="Z", metadata={"aif": {"nodeID": 7}}),
        ],
        relations=[Relation(sources=["x", "z"], target="y")],
    )
    graph = json.loads(argmap.dumps(m, "aif"))
    assert [(n["nodeID"], n.get("argmap")) for n in graph["nodes"][:3]] == [
        ("y", {"id": "x"}),
        ("y_2", {"id": "y"}),
        (7, {"id": "z"}),
    ]
    assert argmap.loads(argmap.dumps(m, "aif"), "aif") == m


def test_metadata_aif_that_is_not_an_object_is_ordinary_metadata() -> None:
    m = ArgumentMap(
        claims=[Claim(id="a", text="A", metadata={"aif": 5}), Claim(id="b", text="B")],
        relations=[Relation(sources=["a"], target="b", metadata={"aif": [1], "k": "v"})],
        metadata={"aif": "x"},
    )
    assert _quiet_load(argmap.dumps(m, "aif")) == m


def test_an_xaif_map_is_written_back_as_xaif() -> None:
    text = (AIF_DATA / "ova3-analysis.json").read_text()
    written = json.loads(argmap.dumps(_quiet_load(text), "aif"))
    assert list(written) == ["AIF", "text", "OVA"]


def test_nan_in_metadata_is_refused_naming_its_place_in_the_map() -> None:
    m = ArgumentMap(claims=[Claim(id="a", text="A", metadata={"n": float("nan")})])
    with pytest.raises(ValidationError) as raised:
        argmap.dumps(m, "aif")
    assert [str(p) for p in raised.value.problems] == [
        "error: cannot write the map as JSON: the number at /claims/a/metadata/n is nan, "
        "which JSON cannot hold (write it as text, or write YAML)"
    ]


def test_an_undercut_of_no_relation_cannot_be_written() -> None:
    m = ArgumentMap(
        claims=[Claim(id="a", text="A"), Claim(id="b", text="B"), Claim(id="c", text="C")],
        relations=[Relation(sources=["c"], target=Inference("a", "b"), kind="undercuts")],
    )
    with pytest.raises(ValidationError) as raised:
        argmap.dumps(m, "aif")
    assert [p.message for p in raised.value.problems] == [
        "cannot write the map as AIF: no relation is the inference '(a -> b)' that "
        "'c undercuts (a -> b)' attacks"
    ]


# Problems, each at its line and column in the AIF text, all at once.

BROKEN = """\
{"nodes": [
  {"nodeID": "a", "text": "A", "type": "I"},
  {"nodeID": "b", "text": "B", "type": "I"},
  {"nodeID": "a", "text": "A again", "type": "I"},
  {"text": "no id", "type": "I"},
  {"nodeID": "r1", "text": "Default Inference", "type": "RA"},
  {"nodeID": "r2", "text": "Default Inference", "type": "RA"},
  {"nodeID": "c1", "text": "Default Conflict", "type": "CA"},
  {"nodeID": "m1", "text": "Default Rephrase", "type": "MA"},
  {"nodeID": "x", "text": "?", "type": "XY"},
  {"nodeID": "c", "text": "", "type": "I"},
  {"nodeID": "d", "text": ["D"], "type": "I"},
  {"nodeID": true, "type": "I"},
  {"nodeID": "e", "text": "E"},
  7
 ],
 "edges": [
  {"edgeID": "e1", "fromID": "a", "toID": "r1"},
  {"edgeID": "e2", "fromID": "r1", "toID": "zz"},
  {"edgeID": "e3", "fromID": "r2", "toID": "b"},
  {"edgeID": "e4", "fromID": "b", "toID": "c1"},
  {"edgeID": "e5", "fromID": "c1", "toID": "m1"},
  {"edgeID": "e6", "fromID": "a"},
  "e7"
 ]
}
"""


def test_every_problem_of_a_broken_file_is_reported_at_once_where_it_is() -> None:
    assert _problems(BROKEN) == [
        "m.json:4:14: error: duplicate nodeID 'a' (first used on line 2); each node needs its own",
        "m.json:5:3: error: this node has no 'nodeID'; every node needs one",
        "m.json:11:27: error: claim 'c' has an empty text; say what the claim states",
        "m.json:12:19: error: expected text, got a list",
        "m.json:13:14: error: a nodeID is text or a whole number, not the boolean true",
        "m.json:14:3: error: node 'e' has no 'type' (I, RA, CA, MA, PA, L, TA or YA)",
        "m.json:15:3: error: a node is an object with 'nodeID', 'text' and 'type', not the "
        "number 7",
        "m.json:23:3: error: this edge has no 'toID'",
        "m.json:24:3: error: an edge is an object with 'edgeID', 'fromID' and 'toID', not 'e7'",
        "m.json:6:3: warning: RA node 'r1' has no conclusion: no edge goes from it to an "
        "I-node; kept in metadata, not drawn",
        "m.json:7:3: warning: RA node 'r2' has no premise: no edge comes to it from an I-node; "
        "kept in metadata, not drawn",
        "m.json:8:3: warning: CA node 'c1' has no conclusion: no edge goes from it to an "
        "I-node, RA or CA; kept in metadata, not drawn",
        "m.json:9:3: warning: MA node 'm1' (a rephrase) is not something argmap draws (it "
        "draws I-nodes, RA and CA); kept in metadata",
        "m.json:10:3: warning: node 'x' of type 'XY' is not something argmap draws (it draws "
        "I-nodes, RA and CA); kept in metadata",
        "m.json:19:44: warning: this edge goes to node 'zz', which is not in the file; kept in "
        "metadata, not drawn",
    ]


def test_what_a_broken_file_keeps_is_everything_it_did_not_read() -> None:
    data = argmap.formats.FORMATS["aif"].parse
    assert data is not None
    kept = data(BROKEN, "m.json").data["metadata"]["aif"]
    assert [
        n if not isinstance(n, dict) else n.get("nodeID", n.get("text")) for n in kept["nodes"]
    ] == ["a", "no id", "r1", "r2", "c1", "m1", "x", True, "e", 7]
    assert [e if not isinstance(e, dict) else e["edgeID"] for e in kept["edges"]] == [
        "e1",
        "e2",
        "e3",
        "e4",
        "e5",
        "e6",
        "e7",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "[1]",
            "m.json:1:1: an AIF file holds an object with 'nodes' and 'edges' "
            "(or xAIF's 'AIF'), not a list",
            id="a-list",
        ),
        pytest.param(
            '{"AIF": 5}',
            "m.json:1:9: 'AIF' holds an object with 'nodes' and 'edges', not the number 5",
            id="aif-not-an-object",
        ),
        pytest.param(
            '{"edges": []}',
            "m.json:1:1: an AIF file holds an object with 'nodes' "
            "and 'edges' (or xAIF's 'AIF'); this one has no 'nodes'",
            id="no-nodes",
        ),
        pytest.param(
            '{\n "nodes": {}}',
            "m.json:2:2: 'nodes' holds the nodes in a list, not an object",
            id="nodes-not-a-list",
        ),
        pytest.param(
            '{"nodes": [\n  {"nodeID": "a",}]}',
            "m.json:2:18: invalid JSON: a comma before '}': JSON allows none after the last item",
            id="broken-json",
        ),
    ],
)
def test_text_that_is_no_aif_graph_is_refused_where_it_goes_wrong(text: str, message: str) -> None:
    with pytest.raises(MapFormatError) as raised:
        argmap.loads(text, "aif", source="m.json")
    assert str(raised.value) == message


def test_edges_that_are_not_a_list_are_an_error_and_the_nodes_still_read() -> None:
    text = '{"nodes": [{"nodeID": "a", "text": "A", "type": "I"}],\n "edges": 3}'
    assert _problems(text) == [
        "m.json:2:11: error: 'edges' holds the edges in a list, not the number 3"
    ]


def test_an_ra_with_two_conclusions_or_supporting_an_inference_is_kept_with_a_warning() -> None:
    text = """{"nodes": [
 {"nodeID": "a", "text": "A", "type": "I"}, {"nodeID": "b", "text": "B", "type": "I"},
 {"nodeID": "c", "text": "C", "type": "I"},
 {"nodeID": "r1", "text": "x", "type": "RA"},
 {"nodeID": "r2", "text": "x", "type": "RA"}],
 "edges": [{"fromID": "a", "toID": "r1"}, {"fromID": "r1", "toID": "b"},
  {"fromID": "r1", "toID": "c"}, {"fromID": "c", "toID": "r2"}, {"fromID": "r2", "toID": "r1"}]}
"""
    assert _problems(text)[3:] == [
        "m.json:4:2: warning: RA node 'r1' has 2 conclusions; a relation in argmap has one; "
        "kept in metadata, not drawn",
        "m.json:5:2: warning: RA node 'r2' supports RA node 'r1', an inference; argmap's "
        "supports go to claims (an attack on an inference is a CA); kept in metadata, not drawn",
    ]
    m = _quiet_load(text)
    assert m.relations == ()
    assert len(m.metadata["aif"]["edges"]) == 5


def test_conflicts_in_a_cycle_or_on_an_unread_inference_are_kept_with_a_warning() -> None:
    text = """{"nodes": [
 {"nodeID": "a", "text": "A", "type": "I"}, {"nodeID": "b", "text": "B", "type": "I"},
 {"nodeID": "c1", "text": "x", "type": "CA"}, {"nodeID": "c2", "text": "x", "type": "CA"},
 {"nodeID": "c3", "text": "x", "type": "CA"}, {"nodeID": "m", "text": "x", "type": "MA"}],
 "edges": [{"fromID": "a", "toID": "c1"}, {"fromID": "c1", "toID": "c2"},
  {"fromID": "b", "toID": "c2"}, {"fromID": "c2", "toID": "c1"},
  {"fromID": "a", "toID": "c3"}, {"fromID": "c3", "toID": "m"}]}
"""
    assert _problems(text)[2:] == [
        "m.json:3:2: warning: CA node 'c1' is in a cycle of conflicts, each attacking the "
        "inference of the next (c1 -> c2 -> c1); kept in metadata, not drawn",
        "m.json:3:47: warning: CA node 'c2' is in a cycle of conflicts, each attacking the "
        "inference of the next (c1 -> c2 -> c1); kept in metadata, not drawn",
        "m.json:4:2: warning: CA node 'c3' has no conclusion: no edge goes from it to an "
        "I-node, RA or CA; kept in metadata, not drawn",
        "m.json:4:47: warning: MA node 'm' (a rephrase) is not something argmap draws (it "
        "draws I-nodes, RA and CA); kept in metadata",
    ]


def _chain(length: int) -> str:
    """AIF text of an inference attacked by a chain of ``length`` conflicts."""
    nodes = [{"nodeID": "p", "text": "P", "type": "I"}, {"nodeID": "c", "text": "C", "type": "I"}]
    nodes.append({"nodeID": "r", "text": "Default Inference", "type": "RA"})
    edges = [{"fromID": "p", "toID": "r"}, {"fromID": "r", "toID": "c"}]
    target = "r"
    for i in range(length):
        nodes.append({"nodeID": f"a{i}", "text": f"A{i}", "type": "I"})
        nodes.append({"nodeID": f"x{i}", "text": "Default Conflict", "type": "CA"})
        edges += [{"fromID": f"a{i}", "toID": f"x{i}"}, {"fromID": f"x{i}", "toID": target}]
        target = f"x{i}"
    # The chain's last conflict first, so that reading starts at the top of it.
    return json.dumps({"nodes": nodes[::-1], "edges": edges}, indent=0)


def test_the_deepest_undercut_chain_a_map_holds_is_read() -> None:
    deepest = limits.current().depth - 5
    m = _quiet_load(_chain(deepest))
    assert len(m.relations) == deepest + 1


def test_an_undercut_chain_deeper_than_a_map_holds_is_an_error_where_it_gets_too_deep() -> None:
    deepest = limits.current().depth - 5
    found = check(_chain(deepest + 2), "aif", source="m.json")[1]
    assert [(str(p.location), p.code, p.message) for p in found] == [
        (
            "m.json:13:1",
            "too-deep",
            "CA node 'x59' undercuts an inference nested more than 59 deep (an undercut of "
            "an undercut of ...), deeper than a map holds (59 is the depth limit less 5; the "
            "limit is 64; set ARGMAP_MAX_DEPTH to raise it)",
        ),
        (
            "m.json:3:1",
            "aif-unsupported",
            "CA node 'x60' attacks the inference of node 'x59', which is nested too deep; "
            "kept in metadata, not drawn",
        ),
    ]


def test_a_long_chain_of_undercuts_is_refused_past_the_depth_limit_at_a_bounded_cost() -> None:
    # Each undercut's inference holds the one below it: past the limit, every level is
    # an error (the first thousand reported), and nothing recurses on the chain.
    found = check(_chain(8_000), "aif")[1]
    assert len(found) == limits.current().problems + 1
    assert [p.code for p in found[:2]] == ["too-deep", "aif-unsupported"]
    assert found[-1].code == "too-many-problems"


def test_problems_past_the_limit_are_cut_with_a_note() -> None:
    text = json.dumps(
        {
            "nodes": [{"nodeID": "a", "text": "A", "type": "I"}],
            "edges": [{"fromID": "a", "toID": f"z{i}"} for i in range(50)],
        }
    )
    with limits.override(problems=10):
        found = check(text, "aif")[1]
    assert len(found) == 11
    assert found[-1].code == "too-many-problems"


def test_the_dialogue_of_an_xaif_without_nodes_of_it_is_still_reported() -> None:
    text = '{"AIF": {"nodes": [], "edges": [],\n "locutions": [{"nodeID": 1, "personID": 1}]}}'
    assert _problems(text)[1] == (
        "m.json:2:2: warning: the dialogue (1 locution) is kept in metadata, not drawn: "
        "argmap maps what is argued, not who said it when"
    )


def test_a_hand_edited_argmap_key_is_checked_like_a_map_file() -> None:
    text = """{"nodes": [
 {"nodeID": "a", "text": "A", "type": "I", "argmap": {"kind": "thesys", "colour": 1}}],
 "edges": [],
 "argmap": {"claims": {}, "title": 5}}
"""
    assert _problems(text) == [
        "m.json:2:63: error: unknown claim kind 'thesys'; did you mean 'thesis'? (one of: "
        "thesis, premise, evidence, motive, objection, assumption, consequence, question)",
        "m.json:2:73: error: unknown key 'colour' (expected one of: kind, text, quote, "
        "actor, weight, tags, supports, attacks, undercuts, metadata)",
        "m.json:4:13: error: the 'argmap' object of an AIF graph holds title, source, actors, "
        "groups, style, metadata; the claims and relations are its nodes",
        "m.json:4:36: error: expected text, got the number 5; put it in quotes to keep it as text",
    ]


# Telling AIF from argmap's JSON.


@pytest.mark.parametrize(
    ("text", "aif"),
    [
        ('{"nodes": [], "edges": []}', True),
        ('{"edges": [], "nodes": []}', True),
        ('{"AIF": {"nodes": [], "edges": []}, "text": ""}', True),
        ('{"text": "", "OVA": {}, "AIF": {}}', True),
        ('{"locutions": [], "nodes": []}', True),
        ('{"argmap": {"title": "T"}, "nodes": []}', True),
        ('{"argmap": 1, "nodes": []}', False),
        ('{"claims": {}, "nodes": []}', False),
        ('{"metadata": {"nodes": []}}', False),
        ('{"x": {"nodes": [], "edges": []}}', False),
        ("{}", False),
        ("[]", False),
        ('{"nodes" 1}', False),
        ('{"a": [1, 2,], "nodes": []}', False),
        ('{"a": ' + "[" * 5000 + "]" * 5000 + ', "nodes": []}', False),
        ('\ufeff {"nodes": []}', False),
        ("", False),
    ],
)
def test_aif_is_told_from_a_map_file_by_its_top_level_keys(text: str, aif: bool) -> None:
    assert looks_like_aif(text) is aif


@pytest.mark.parametrize(
    ("path", "text", "name"),
    [
        ("m.json", '{"nodes": [], "edges": []}', "aif"),
        ("m.json", '{"argmap": 1, "claims": {}}', "json"),
        ("m.JSON", '{"AIF": {}}', "aif"),
        ("m.aif.json", None, "aif"),
        ("m.aif", None, "aif"),
        ("m.json", None, "json"),
        (None, '  {"nodes": []}', "aif"),
        (None, '{"claims": {}}', "json"),
        ("-", '{"nodes": []}', "aif"),
        ("m.yaml", '{"nodes": []}', "yaml"),
        (".aif", '{"nodes": []}', "aif"),
        (".json", "claims: {}", "yaml"),
    ],
)
def test_format_for_names_aif_by_suffix_or_by_its_keys(
    path: str | None, text: str | None, name: str
) -> None:
    assert format_for(path=path, text=text).name == name


def test_format_for_a_name_is_that_format_whatever_the_text() -> None:
    assert format_for("json", "m.json", '{"nodes": []}').name == "json"
    assert format_for("AIF").name == "aif"


def test_an_aif_json_file_is_read_as_aif_and_written_by_its_suffix(tmp_path: Path) -> None:
    source = tmp_path / "corpus.json"
    source.write_text((AIF_DATA / "ova3-analysis.json").read_text())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", argmap.ArgmapWarning)
        m = argmap.load(source)
    assert len(m.claims) == 6
    argmap.dump(m, tmp_path / "out.aif.json")
    argmap.dump(m, tmp_path / "out.json")
    assert "AIF" in json.loads((tmp_path / "out.aif.json").read_text())
    assert json.loads((tmp_path / "out.json").read_text())["argmap"] == 1


def test_a_warning_of_the_reader_is_issued_when_a_map_loads() -> None:
    text = (AIF_DATA / "ova3-analysis.json").read_text()
    with pytest.warns(argmap.ArgmapWarning, match="PA node '12' \\(a preference\\)"):
        argmap.loads(text, "aif")
