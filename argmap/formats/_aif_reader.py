"""Read AIF JSON (as AIFdb and OVA write it, bare or in the xAIF wrapper) into the data
of an argmap map file, with a source map into the AIF text.

I-nodes become claims; an RA node a relation that supports its conclusion from its
premises (several premises: linked); a CA node one that attacks its conclusion, or
undercuts it when the conclusion is itself an RA or CA node (an inference). What the
model has no slot for is kept in ``metadata["aif"]``: a node's other keys (timestamp,
scheme, schemeID...) on its claim or relation, the edges of a relation whose ids argmap
did not make up, and on the map everything else: the other nodes (MA, PA, the dialogue's
L, TA and YA) and their edges, locutions, participants, any other key, and the xAIF
wrapper. What argmap knows and AIF cannot say (a claim's kind, quote, actor, tags; the
map's title, actors, groups...) rides in an ``"argmap"`` key of its node or of the graph.

Problems point into the AIF text: a node without an id, two nodes with one id, an edge
without its ends are errors; an edge to a node not in the file, an RA with no premise or
no conclusion, a node argmap does not draw are warnings, the thing itself kept.
"""

from __future__ import annotations

from typing import Any

from argmap import limits
from argmap.errors import Location, MapFormatError, Pointer, Problem, Severity
from argmap.formats._aif_ids import (
    DEFAULT_TEXT,
    DIALOGUE_TYPES,
    EXTRAS,
    RELATION_TYPES,
    Unique,
    edge_id,
    is_id,
    made_up,
    scheme_node_id,
)
from argmap.formats._json_reader import parse_json
from argmap.formats._tree import Parsed, SourceMap

__all__ = ["parse_aif"]

_MISSING: Any = object()
_KINDS = {"RA": "supports", "CA": "attacks"}
_WHAT = {"MA": "a rephrase", "PA": "a preference"}
#: The keys of a map file that the graph's "argmap" object may hold.
_MAP_KEYS = ("title", "source", "actors", "groups", "style", "metadata")


def parse_aif(text: str, source: str) -> Parsed:
    """The map data of an AIF or xAIF text, where each part of it was written, and the
    problems met. Raises :class:`MapFormatError` for text that is not AIF at all."""
    return _Reader(parse_json(text, source)).read()


def _what(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return repr(value)


class AifSourceMap:
    """Where the parts of the map data were written in the AIF text.

    Each claim, relation and map key read from the AIF is noted with the pointer of what
    it came from (``("claims", "5")`` came from ``("nodes", 3)``); a pointer is located
    through the longest noted part of it, the rest followed in the AIF as far as it goes.
    """

    def __init__(self, json: SourceMap, base: Pointer, table: dict[Pointer, Pointer]) -> None:
        self.source = json.source
        self._json = json
        self._base = base
        self._table = table

    def locate(self, pointer: Pointer, *, at_key: bool = False) -> Location:
        """The location in the AIF text of what gave the value at ``pointer``."""
        for length in range(len(pointer), -1, -1):
            found = self._table.get(pointer[:length])
            if found is not None:
                return self._json.locate((*self._base, *found, *pointer[length:]), at_key=at_key)
        return self._json.locate(self._base, at_key=at_key)


class _Reader:
    def __init__(self, parsed: Parsed) -> None:
        self.data = parsed.data
        self.json = parsed.source_map
        self.problems = list(parsed.problems)
        self.most = limits.current().problems
        self.base: Pointer = ()
        self.table: dict[Pointer, Pointer] = {
            (): (),
            ("claims",): ("nodes",),
            ("relations",): ("nodes",),
            ("metadata", "aif"): (),
        }
        self.nodes: list[Any] = []
        self.edges: list[Any] = []
        # Per node id (as text): its place in 'nodes', its type, its claim id.
        self.index: dict[str, int] = {}
        self.types: dict[str, str] = {}
        self.claim_of: dict[str, str] = {}
        self.incoming: dict[str, list[int]] = {}
        self.outgoing: dict[str, list[int]] = {}

    # Problems

    def locate(self, at: Pointer) -> Location:
        return self.json.locate((*self.base, *at))

    def report(self, message: str, at: Pointer, code: str, *, warning: bool = False) -> None:
        # One more than the limit, so that the caller says that more follow.
        if len(self.problems) > self.most:
            return
        severity = Severity.WARNING if warning else Severity.ERROR
        self.problems.append(
            Problem(message, location=self.locate(at), code=code, severity=severity)
        )

    def fail(self, message: str, at: Pointer) -> MapFormatError:
        where = self.locate(at)
        return MapFormatError(message, where.path, where.line, where.column)

    # Reading

    def read(self) -> Parsed:
        graph = self.graph()
        wrapper = {k: v for k, v in self.data.items() if k != "AIF"} if self.base else None
        nodes = graph["nodes"]
        if not isinstance(nodes, list):
            raise self.fail(f"'nodes' holds the nodes in a list, not {_what(nodes)}", ("nodes",))
        self.nodes = nodes
        edges = graph.get("edges", [])
        if isinstance(edges, list):
            self.edges = edges
        else:
            self.report(
                f"'edges' holds the edges in a list, not {_what(edges)}", ("edges",), "type"
            )
        broken_nodes = self.index_nodes()
        claims = self.claims()
        broken_edges = self.index_edges()
        relations, used_nodes, used_edges = self.relations()
        # Everything not read as a claim or a relation is kept, in the order of the file.
        kept_nodes = [
            node
            for i, node in enumerate(self.nodes)
            if i in broken_nodes
            or (self.types[str(node["nodeID"])] != "I" and str(node["nodeID"]) not in used_nodes)
        ]
        kept_edges = [
            edge for j, edge in enumerate(self.edges) if j in broken_edges or j not in used_edges
        ]
        self.report_dialogue(graph)
        data: dict[str, Any] = self.map_extras(graph)
        data["claims"] = claims
        data["relations"] = relations
        facts: dict[str, Any] = {
            key: value
            for key, value in graph.items()
            if key not in ("nodes", "edges", EXTRAS)
            # Every AIF graph argmap writes has locutions (arguebuf needs them).
            and not (key == "locutions" and value == [])
        }
        if kept_nodes:
            facts["nodes"] = kept_nodes
        if kept_edges or not isinstance(edges, list):
            facts["edges"] = kept_edges if isinstance(edges, list) else edges
        if wrapper is not None:
            facts["xaif"] = wrapper
        _add_facts(data, facts)
        return Parsed(data, AifSourceMap(self.json, self.base, self.table), self.problems)

    def graph(self) -> dict[str, Any]:
        """The AIF graph: the document, or what its xAIF wrapper holds under 'AIF'."""
        data = self.data
        expected = "an AIF file holds an object with 'nodes' and 'edges' (or xAIF's 'AIF')"
        if not isinstance(data, dict):
            raise self.fail(f"{expected}, not {_what(data)}", ())
        if "AIF" in data:
            self.base = ("AIF",)
            graph = data["AIF"]
            if not isinstance(graph, dict):
                raise self.fail(
                    f"'AIF' holds an object with 'nodes' and 'edges', not {_what(graph)}", ()
                )
        else:
            graph = data
        if "nodes" not in graph:
            raise self.fail(f"{expected}; this one has no 'nodes'", ())
        return graph

    def index_nodes(self) -> set[int]:
        """Check each node's id and type; the places of those too broken to read."""
        broken: set[int] = set()
        for i, node in enumerate(self.nodes):
            here: Pointer = ("nodes", i)
            if not isinstance(node, dict):
                self.report(
                    f"a node is an object with 'nodeID', 'text' and 'type', not {_what(node)}",
                    here,
                    "type",
                )
                broken.add(i)
                continue
            node_id = node.get("nodeID", _MISSING)
            node_type = node.get("type", _MISSING)
            if node_id is _MISSING:
                self.report("this node has no 'nodeID'; every node needs one", here, "missing-key")
            elif not is_id(node_id):
                self.report(
                    f"a nodeID is text or a whole number, not {_what(node_id)}",
                    (*here, "nodeID"),
                    "type",
                )
            elif str(node_id) in self.index:
                line = self.locate(("nodes", self.index[str(node_id)])).line
                self.report(
                    f"duplicate nodeID {str(node_id)!r} (first used on line {line}); "
                    "each node needs its own",
                    (*here, "nodeID"),
                    "duplicate-id",
                )
            elif node_type is _MISSING:
                self.report(
                    f"node {str(node_id)!r} has no 'type' (I, RA, CA, MA, PA, L, TA or YA)",
                    here,
                    "missing-key",
                )
            elif not isinstance(node_type, str):
                self.report(
                    f"a node's type is text (I, RA, CA, MA, PA, L, TA or YA), not "
                    f"{_what(node_type)}",
                    (*here, "type"),
                    "type",
                )
            else:
                self.index[str(node_id)] = i
                self.types[str(node_id)] = node_type
                continue
            broken.add(i)
        return broken

    def claims(self) -> dict[str, Any]:
        """Each I-node as a claim, its id from its nodeID (or from the writer's note)."""
        claims: dict[str, Any] = {}
        ids = Unique()
        for key, i in self.index.items():
            if self.types[key] != "I":
                continue
            node = self.nodes[i]
            here: Pointer = ("nodes", i)
            extras = self.extras(node, here)
            node_id = node["nodeID"]
            named = extras.pop("id", None)
            if named is not None and not isinstance(named, str):
                self.report(
                    f"expected a claim id (text), got {_what(named)}",
                    (*here, EXTRAS, "id"),
                    "type",
                )
                named = None
            wanted = named if named is not None else key if key.strip() else f"node-{i + 1}"
            claim_id = ids.make(wanted)
            self.claim_of[key] = claim_id
            entry: dict[str, Any] = dict(extras)
            if "text" in node:
                entry["text"] = node["text"]
            facts = {k: v for k, v in node.items() if k not in ("nodeID", "text", "type", EXTRAS)}
            ours = node_id == claim_id or (named is not None and made_up(node_id, claim_id))
            if not (isinstance(node_id, str) and ours):
                facts = {"nodeID": node_id, **facts}
            _add_facts(entry, facts)
            claims[claim_id] = entry
            at = ("claims", claim_id)
            self.table[at] = here
            self.table[(*at, "text")] = (*here, "text")
            for name in extras:
                self.table[(*at, name)] = (*here, EXTRAS, name)
            self.table[(*at, "metadata", "aif")] = here
        return claims

    def extras(self, node: dict[str, Any], here: Pointer) -> dict[str, Any]:
        """What argmap noted in a node's "argmap" object."""
        extras = node.get(EXTRAS, {})
        if isinstance(extras, dict):
            return dict(extras)
        self.report(f"expected an object, got {_what(extras)}", (*here, EXTRAS), "type")
        return {}

    def index_edges(self) -> set[int]:
        """Check each edge's ends; the places of the edges that join no two known nodes."""
        kept: set[int] = set()
        for j, edge in enumerate(self.edges):
            here: Pointer = ("edges", j)
            if not isinstance(edge, dict):
                self.report(
                    f"an edge is an object with 'edgeID', 'fromID' and 'toID', not {_what(edge)}",
                    here,
                    "type",
                )
                kept.add(j)
                continue
            joined = True
            for end in ("fromID", "toID"):
                value = edge.get(end, _MISSING)
                if value is _MISSING:
                    self.report(f"this edge has no '{end}'", here, "missing-key")
                elif not is_id(value):
                    self.report(
                        f"a {end} is a node's id (text or a whole number), not {_what(value)}",
                        (*here, end),
                        "type",
                    )
                elif str(value) not in self.index:
                    direction = "comes from" if end == "fromID" else "goes to"
                    self.report(
                        f"this edge {direction} node {str(value)!r}, which is not in the file; "
                        "kept in metadata, not drawn",
                        (*here, end),
                        "aif-dangling-edge",
                        warning=True,
                    )
                else:
                    continue
                joined = False
            if not joined:
                kept.add(j)
                continue
            self.outgoing.setdefault(str(edge["fromID"]), []).append(j)
            self.incoming.setdefault(str(edge["toID"]), []).append(j)
        return kept

    def relations(self) -> tuple[list[Any], set[str], set[int]]:
        """Each RA and CA node argmap can read as a relation, and the nodes and edges used."""
        ends = self.scheme_ends()
        targets = self.resolve(ends)
        relations: list[Any] = []
        used_nodes: set[str] = set()
        used_edges: set[int] = set()
        for key, (premises, conclusion) in ends.items():
            target = targets.get(key)
            if target is None:
                continue
            i = self.index[key]
            node = self.nodes[i]
            here: Pointer = ("nodes", i)
            node_type = self.types[key]
            position = len(relations)
            to_key = str(self.edges[conclusion]["toID"])
            kind = _KINDS[node_type] if self.types[to_key] == "I" else "undercuts"
            entry: dict[str, Any] = {
                name: value
                for name, value in self.extras(node, here).items()
                if name not in ("from", "to", "kind")
            }
            entry |= {"from": self.sources(premises), "to": target, "kind": kind}
            facts = {k: v for k, v in node.items() if k not in ("type", EXTRAS)}
            if made_up(node["nodeID"], scheme_node_id(node_type, position + 1)):
                del facts["nodeID"]
            if facts.get("text") == DEFAULT_TEXT[node_type]:
                del facts["text"]
            if "scheme" in entry and facts.get("scheme") == entry["scheme"]:
                del facts["scheme"]  # written by argmap from the relation's scheme
            own_edges = [*premises, conclusion]
            recorded = [self.edges[j] for j in own_edges if not _made_up_edge(self.edges[j])]
            if recorded:
                facts["edges"] = recorded
            _add_facts(entry, facts)
            relations.append(entry)
            used_nodes.add(key)
            used_edges.update(own_edges)
            at = ("relations", position)
            self.table[at] = here
            self.table[(*at, "from")] = here
            for p, j in enumerate(premises):
                self.table[(*at, "from", p)] = ("edges", j)
            self.table[(*at, "to")] = ("edges", conclusion)
            self.table[(*at, "kind")] = (*here, "type")
            for name in entry:
                if name not in ("from", "to", "kind"):
                    self.table[(*at, name)] = (*here, EXTRAS, name)
            self.table[(*at, "metadata", "aif")] = here
        return relations, used_nodes, used_edges

    def sources(self, premises: list[int]) -> list[str]:
        return [self.claim_of[str(self.edges[j]["fromID"])] for j in premises]

    def scheme_ends(self) -> dict[str, tuple[list[int], int]]:
        """The premise edges and the conclusion edge of each RA and CA node that has them.

        Premises come from I-nodes (each once); the conclusion is an I-node, or for a CA
        an RA or CA node. A node without them is reported and left out.
        """
        ends: dict[str, tuple[list[int], int]] = {}
        for key, i in self.index.items():
            node_type = self.types[key]
            here: Pointer = ("nodes", i)
            if node_type not in RELATION_TYPES:
                if node_type != "I" and node_type not in DIALOGUE_TYPES:
                    what = _WHAT.get(node_type)
                    named = (
                        f"{node_type} node {key!r} ({what})"
                        if what
                        else (f"node {key!r} of type {node_type!r}")
                    )
                    self.report(
                        f"{named} is not something argmap draws (it draws I-nodes, RA and CA); "
                        "kept in metadata",
                        here,
                        "aif-unsupported",
                        warning=True,
                    )
                continue
            premises: list[int] = []
            seen: set[str] = set()
            for j in self.incoming.get(key, []):
                source = str(self.edges[j]["fromID"])
                if self.types[source] == "I" and source not in seen:
                    seen.add(source)
                    premises.append(j)
            targets = ("I", *RELATION_TYPES) if node_type == "CA" else ("I",)
            outgoing = self.outgoing.get(key, [])
            conclusions = [
                j for j in outgoing if self.types[str(self.edges[j]["toID"])] in targets
            ]
            if not premises:
                self.report(
                    f"{node_type} node {key!r} has no premise: no edge comes to it from an "
                    "I-node; kept in metadata, not drawn",
                    here,
                    "aif-incomplete",
                    warning=True,
                )
            elif len(conclusions) > 1:
                self.report(
                    f"{node_type} node {key!r} has {len(conclusions)} conclusions; a relation "
                    "in argmap has one; kept in metadata, not drawn",
                    here,
                    "aif-unsupported",
                    warning=True,
                )
            elif conclusions:
                ends[key] = (premises, conclusions[0])
            else:
                schemes = [
                    str(self.edges[j]["toID"])
                    for j in outgoing
                    if self.types[str(self.edges[j]["toID"])] in RELATION_TYPES
                ]
                if schemes:
                    message = (
                        f"RA node {key!r} supports {self.types[schemes[0]]} node "
                        f"{schemes[0]!r}, an inference; argmap's supports go to claims "
                        "(an attack on an inference is a CA); kept in metadata, not drawn"
                    )
                    code = "aif-unsupported"
                else:
                    to = "an I-node" if node_type == "RA" else "an I-node, RA or CA"
                    message = (
                        f"{node_type} node {key!r} has no conclusion: no edge goes from it to "
                        f"{to}; kept in metadata, not drawn"
                    )
                    code = "aif-incomplete"
                self.report(message, here, code, warning=True)
        return ends

    def resolve(self, ends: dict[str, tuple[list[int], int]]) -> dict[str, Any]:
        """The target of each relation: a claim id, or for an undercut the inference of
        the relation it attacks, written as a map file does (``{from: ..., to: ...}``).

        Worked out in a loop, each node once: an inference's data is shared by every
        undercut of it, so a chain of undercuts costs no more than its length.
        """
        deepest = limits.current().depth - 5
        targets: dict[str, Any] = {}
        depths: dict[str, int] = {}
        failed: set[str] = set()
        for start in ends:
            chain: list[str] = []
            on_chain: set[str] = set()
            key = start
            reason: str | None = None
            cycle: list[str] = []
            while key not in targets and key not in failed:
                if key not in ends:
                    reason = f"{self.types[key]} node {key!r}, which argmap could not read"
                    break
                if key in on_chain:
                    cycle = chain[chain.index(key) :]
                    break
                chain.append(key)
                on_chain.add(key)
                to_key = str(self.edges[ends[key][1]]["toID"])
                if self.types[to_key] == "I":
                    targets[key] = self.claim_of[to_key]
                    depths[key] = 0
                    chain.pop()
                    break
                key = to_key
            if key in failed and reason is None:
                reason = f"node {key!r}, which argmap could not read"
            for link in reversed(chain):
                to_key = str(self.edges[ends[link][1]]["toID"])
                i = self.index[link]
                if link in cycle:
                    failed.add(link)
                    self.report(
                        f"CA node {link!r} is in a cycle of conflicts, each attacking the "
                        f"inference of the next ({' -> '.join([*cycle, cycle[0]])}); kept in "
                        "metadata, not drawn",
                        ("nodes", i),
                        "aif-unsupported",
                        warning=True,
                    )
                    reason = f"node {link!r}, which argmap could not read"
                    continue
                if reason is not None:
                    failed.add(link)
                    self.report(
                        f"CA node {link!r} attacks the inference of {reason}; kept in "
                        "metadata, not drawn",
                        ("nodes", i),
                        "aif-unsupported",
                        warning=True,
                    )
                    reason = f"node {link!r}, which argmap could not read"
                    continue
                depth = depths[to_key] + 1
                if depth > deepest:
                    failed.add(link)
                    self.report(
                        f"CA node {link!r} undercuts an inference nested more than {deepest} "
                        f"deep (an undercut of an undercut of ...), deeper than a map holds "
                        f"({deepest} is the depth limit less 5; "
                        f"{limits.current().hint('depth')})",
                        ("nodes", i),
                        "too-deep",
                    )
                    reason = f"node {link!r}, which is nested too deep"
                    continue
                premises = ends[to_key][0]
                targets[link] = {"from": self.sources(premises), "to": targets[to_key]}
                depths[link] = depth
        return targets

    def report_dialogue(self, graph: dict[str, Any]) -> None:
        """One warning for the whole dialogue (AIF+): argmap keeps it but draws none of it."""
        counts = dict.fromkeys(DIALOGUE_TYPES, 0)
        first: int | None = None
        for key, i in self.index.items():
            if self.types[key] in counts:
                counts[self.types[key]] += 1
                first = i if first is None else first
        parts = [f"{n} {t} node{'s' if n != 1 else ''}" for t, n in counts.items() if n]
        at: Pointer = ("nodes", first) if first is not None else ()
        for name in ("locutions", "participants"):
            value = graph.get(name)
            if isinstance(value, list) and value:
                parts.append(f"{len(value)} {name if len(value) != 1 else name[:-1]}")
                at = at or (name,)
        if parts:
            self.report(
                f"the dialogue ({', '.join(parts)}) is kept in metadata, not drawn: argmap "
                "maps what is argued, not who said it when",
                at,
                "aif-dialogue",
                warning=True,
            )

    def map_extras(self, graph: dict[str, Any]) -> dict[str, Any]:
        """The map's title, source, actors, groups and metadata, from the graph's "argmap"."""
        extras = graph.get(EXTRAS, {})
        if not isinstance(extras, dict):
            self.report(f"expected an object, got {_what(extras)}", (EXTRAS,), "type")
            return {}
        data: dict[str, Any] = {}
        for name, value in extras.items():
            if name in ("claims", "relations", "argmap"):
                self.report(
                    f"the {EXTRAS!r} object of an AIF graph holds {', '.join(_MAP_KEYS)}; "
                    "the claims and relations are its nodes",
                    (EXTRAS, name),
                    "unknown-key",
                )
                continue
            data[name] = value
            self.table[(name,)] = (EXTRAS, name)
        return data


def _made_up_edge(edge: dict[str, Any]) -> bool:
    """Whether an edge is one the writer made: its id made from its ends, nothing else."""
    return (
        len(edge) == 3
        and "edgeID" in edge
        and made_up(edge["edgeID"], edge_id(edge["fromID"], edge["toID"]))
    )


def _add_facts(entry: dict[str, Any], facts: dict[str, Any]) -> None:
    """Keep ``facts`` in the entry's metadata, under "aif" (a broken metadata is left for
    the checks to report)."""
    if not facts:
        return
    metadata = entry.get("metadata", {})
    if isinstance(metadata, dict):
        entry["metadata"] = {**metadata, "aif": facts}
