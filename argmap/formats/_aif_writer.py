"""Write a map as an AIF graph: what :mod:`argmap.formats._aif_reader` reads back equal.

Each claim becomes an I-node, each relation an RA node (supports) or a CA node (attacks,
undercuts) with an edge from each premise and one to the conclusion: a claim's I-node,
or for an undercut the scheme node of the inference it attacks. Ids come from the map's
``metadata["aif"]`` where it holds them (a map read from AIF), else from the map: a
claim's id, ``ra3`` or ``ca3`` for the third relation, ``from>to`` for an edge. What the
map kept of an AIF file (other nodes and edges, locutions, participants, the xAIF
wrapper) is written back as it was.
"""

from __future__ import annotations

from typing import Any

from argmap.errors import Problem, ValidationError
from argmap.formats._aif_ids import (
    DEFAULT_TEXT,
    EXTRAS,
    Unique,
    edge_id,
    is_id,
    scheme_node_id,
)
from argmap.formats._plain import plain
from argmap.model import ArgumentMap, Inference, Metadata, Relation, RelationKind, target_key

__all__ = ["to_aif"]

# A claim's entry in the map file keeps these; the relations are the AIF's own.
_NOT_EXTRAS = ("text", "supports", "attacks", "undercuts", "metadata")
# The keys of the map's AIF record that the writer places itself.
_PLACED = ("nodes", "edges", "locutions", "xaif", EXTRAS)


def _split(metadata: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """A metadata mapping as its AIF record (``"aif"``, when an object) and the rest."""
    if not isinstance(metadata, dict):
        return {}, {}
    facts = metadata.get("aif")
    if isinstance(facts, dict):
        return facts, {k: v for k, v in metadata.items() if k != "aif"}
    return {}, dict(metadata)


def to_aif(argmap: ArgumentMap, data: dict[str, Any]) -> dict[str, Any]:
    """The AIF graph (or xAIF document) of ``argmap``, whose map file data is ``data``.

    ``data`` is what :func:`~argmap.formats._document.to_data` gives: plain, checked
    data, from which the claims' and the map's extras are taken as a map file has them.
    """
    return _Writer(argmap, data).document()


class _Writer:
    def __init__(self, argmap: ArgumentMap, data: dict[str, Any]) -> None:
        self.map = argmap
        self.data = data
        self.facts, self.metadata = _split(data.get("metadata"))
        self.node_ids = Unique()
        self.edge_ids = Unique()
        self.node_of: dict[str, Any] = {}

    def document(self) -> dict[str, Any]:
        facts = self.facts
        kept_nodes = _list(facts.get("nodes"))
        kept_edges = _list(facts.get("edges"))
        # What was kept is written as it was: its ids are taken first.
        for node in kept_nodes:
            if isinstance(node, dict) and is_id(node.get("nodeID")):
                self.node_ids.claim(node["nodeID"])
        for edge in kept_edges:
            if isinstance(edge, dict) and is_id(edge.get("edgeID")):
                self.edge_ids.claim(edge["edgeID"])
        nodes = [self.claim_node(claim.id, claim.text) for claim in self.map.claims]
        relation_nodes, edges = self.relations()
        graph: dict[str, Any] = {
            "nodes": [*nodes, *relation_nodes, *kept_nodes],
            "edges": [*edges, *kept_edges],
            "locutions": facts.get("locutions", []),
        }
        graph |= {k: v for k, v in facts.items() if k not in _PLACED}
        extras: dict[str, Any] = {
            k: self.data[k]
            for k in ("title", "source", "actors", "groups", "style")
            if k in self.data
        }
        if self.metadata:
            extras["metadata"] = self.metadata
        if extras:
            graph[EXTRAS] = extras
        wrapper = facts.get("xaif")
        if isinstance(wrapper, dict):
            return {"AIF": graph, **{k: v for k, v in wrapper.items() if k != "AIF"}}
        return graph

    def claim_node(self, claim_id: str, text: str) -> dict[str, Any]:
        entry = self.data.get("claims", {}).get(claim_id, {})
        facts, metadata = _split(entry.get("metadata"))
        recorded = facts.get("nodeID")
        if is_id(recorded) and self.node_ids.claim(recorded):
            node_id = recorded
        elif self.node_ids.claim(claim_id):
            node_id = claim_id
        else:
            node_id = self.node_ids.make(claim_id)
        self.node_of.setdefault(claim_id, node_id)
        node: dict[str, Any] = {"nodeID": node_id, "text": text, "type": "I"}
        node |= {k: v for k, v in facts.items() if k not in ("nodeID", "text", "type", EXTRAS)}
        extras = {k: v for k, v in entry.items() if k not in _NOT_EXTRAS}
        if metadata:
            extras["metadata"] = metadata
        if str(node_id) != claim_id:
            extras["id"] = claim_id
        if extras:
            node[EXTRAS] = extras
        return node

    def relations(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The scheme node of each relation, and the edges to and from them."""
        facts_of: list[tuple[dict[str, Any], dict[str, Any]]] = []
        scheme_of: dict[Any, Any] = {}
        nodes: list[dict[str, Any]] = []
        # Checked already (to_data): copied as plain data in one go.
        all_metadata = plain([_as_dict(r.metadata) for r in self.map.relations])
        for position, relation in enumerate(self.map.relations, 1):
            facts, metadata = _split(all_metadata[position - 1])
            facts_of.append((facts, metadata))
            node_type = "RA" if relation.kind is RelationKind.SUPPORTS else "CA"
            recorded = facts.get("nodeID")
            if is_id(recorded) and self.node_ids.claim(recorded):
                node_id = recorded
            else:
                node_id = self.node_ids.make(scheme_node_id(node_type, position))
            scheme_of.setdefault(_ends(relation), node_id)
            node: dict[str, Any] = {
                "nodeID": node_id,
                "text": facts.get("text", DEFAULT_TEXT[node_type]),
                "type": node_type,
            }
            node |= {
                k: v
                for k, v in facts.items()
                if k not in ("nodeID", "text", "type", "edges", EXTRAS)
            }
            extras: dict[str, Any] = {}
            if relation.scheme is not None:
                # AIF names a scheme on its RA/CA node; argmap's own note says which
                # field it came from, so that an AIFdb scheme name is not taken for one.
                node.setdefault("scheme", relation.scheme)
                extras["scheme"] = relation.scheme
            if metadata:
                extras["metadata"] = metadata
            if extras:
                node[EXTRAS] = extras
            nodes.append(node)
        edges: list[dict[str, Any]] = []
        problems: list[Problem] = []
        for index, (relation, node, (facts, _)) in enumerate(
            zip(self.map.relations, nodes, facts_of, strict=True)
        ):
            recorded = [e for e in _list(facts.get("edges")) if isinstance(e, dict)]
            scheme = node["nodeID"]
            for source in relation.sources:
                edges.append(self.edge(self.node_of.get(source, source), scheme, recorded))
            target = relation.target
            if isinstance(target, Inference):
                to = scheme_of.get((tuple(sorted(target.sources)), target_key(target.target)))
                if to is None:
                    problems.append(
                        Problem(
                            f"cannot write the map as AIF: no relation is the inference "
                            f"{target.describe()!r} that '{relation.describe()}' attacks",
                            code="unwritable",
                            pointer=("relations", index, "to"),
                        )
                    )
                    continue
            else:
                to = self.node_of.get(target, target)
            edges.append(self.edge(scheme, to, recorded))
        if problems:
            raise ValidationError(problems)
        return nodes, edges

    def edge(self, from_id: Any, to_id: Any, recorded: list[dict[str, Any]]) -> dict[str, Any]:
        """The edge between two nodes: as recorded, when its id is free, else made up."""
        for edge in recorded:
            if str(edge.get("fromID")) == str(from_id) and str(edge.get("toID")) == str(to_id):
                edge_id_ = edge.get("edgeID")
                if not is_id(edge_id_) or self.edge_ids.claim(edge_id_):
                    recorded.remove(edge)
                    return edge
        return {
            "edgeID": self.edge_ids.make(edge_id(from_id, to_id)),
            "fromID": from_id,
            "toID": to_id,
        }


def _ends(relation: Relation) -> tuple[tuple[str, ...], Any]:
    return (tuple(sorted(relation.sources)), target_key(relation.target))


def _as_dict(metadata: Metadata) -> dict[str, Any]:
    return dict(metadata)


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []
