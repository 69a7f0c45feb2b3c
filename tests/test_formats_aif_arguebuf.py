"""Conformance: arguebuf, the reference library of the argument-mining community, loads
every AIF graph argmap writes with the same nodes and edges.

arguebuf is a development extra (``pip install arguebuf``; 3.0 needs Python 3.13, 2.7
runs on 3.11 and 3.12, and both read AIF alike): without it these tests are skipped.
"""

from __future__ import annotations

import json
import logging
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from test_formats_roundtrip import PROPERTY, argument_maps

import argmap
from argmap.model import ArgumentMap

arguebuf = pytest.importorskip(
    "arguebuf", reason="arguebuf is not installed (pip install arguebuf: the dev extra)"
)

DATA = Path(__file__).parent / "data"
FLAGSHIP = DATA.parent.parent / "examples" / "second-occupation" / "map.yaml"
# arguebuf's scheme classes, by the AIF node type each is written as.
SCHEME_TYPES = {"Support": "RA", "Attack": "CA", "Rephrase": "MA", "Preference": "PA"}
ARGUMENT_TYPES = ("I", *SCHEME_TYPES.values())

pytestmark = pytest.mark.filterwarnings("ignore::argmap.ArgmapWarning")


def _as_written(document: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    """The argument's nodes and edges of a document: what arguebuf should see."""
    graph: dict[str, Any] = document.get("AIF", document)
    types = {str(n["nodeID"]): n["type"] for n in graph["nodes"]}
    atoms = {str(n["nodeID"]): n["text"] for n in graph["nodes"] if n["type"] == "I"}
    schemes = {key: t for key, t in types.items() if t in SCHEME_TYPES.values()}
    edges = {
        str(e["edgeID"]): (str(e["fromID"]), str(e["toID"]))
        for e in graph["edges"]
        if types.get(str(e["fromID"])) in ARGUMENT_TYPES
        and types.get(str(e["toID"])) in ARGUMENT_TYPES
    }
    return atoms, schemes, edges


def _as_arguebuf_reads(document: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    load = arguebuf.load.xaif if "AIF" in document else arguebuf.load.aif
    graph = load(document)
    atoms = {str(n.id): n.plain_text for n in graph.atom_nodes.values()}
    schemes = {
        str(n.id): SCHEME_TYPES[type(n.scheme).__name__] for n in graph.scheme_nodes.values()
    }
    edges = {str(e.id): (str(e.source.id), str(e.target.id)) for e in graph.edges.values()}
    return atoms, schemes, edges


def _check(m: ArgumentMap) -> None:
    document = json.loads(argmap.dumps(m, "aif"))
    written = _as_written(document)
    assert _as_arguebuf_reads(document) == written
    atoms, schemes, edges = written
    assert len(atoms) == len(m.claims)
    assert len(schemes) >= len(m.relations)
    assert len(edges) >= sum(len(r.sources) + 1 for r in m.relations)


@pytest.fixture(autouse=True)
def _quiet_arguebuf() -> Any:
    # arguebuf logs each edge of the dialogue it leaves out; that is no concern here.
    logging.disable(logging.WARNING)
    yield
    logging.disable(logging.NOTSET)


@PROPERTY
@given(m=argument_maps())
def test_arguebuf_reads_every_map_argmap_writes_with_the_same_nodes_and_edges(
    m: ArgumentMap,
) -> None:
    _check(m)


def test_arguebuf_reads_the_flagship_map_as_argmap_writes_it() -> None:
    m = argmap.load(FLAGSHIP)
    _check(m)
    atoms, schemes, edges = _as_arguebuf_reads(json.loads(argmap.dumps(m, "aif")))
    assert (len(atoms), len(schemes), len(edges)) == (26, 23, 50)


@pytest.mark.parametrize("path", sorted((DATA / "aif").glob("*.json")), ids=lambda p: p.stem)
def test_arguebuf_reads_a_fixture_written_back_as_it_reads_the_fixture(path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", argmap.ArgmapWarning)
        m = argmap.load(path)
    _check(m)
    original = json.loads(path.read_text())
    assert _as_arguebuf_reads(json.loads(argmap.dumps(m, "aif"))) == _as_arguebuf_reads(original)
