"""AIF, the Argument Interchange Format of OVA, AIFdb and the argument-mining corpora.

An AIF graph is JSON: ``{"nodes": [...], "edges": [...], "locutions": [...]}``, bare as
AIFdb exports it or wrapped as xAIF (``{"AIF": {...}, "text": ..., "OVA": ...}``) as OVA
and the argument-mining tools write it. Reading maps it onto argmap's model:

- an **I-node** is a claim, its id the nodeID (made unique, and ``node-N`` for a blank
  one);
- an **RA** node is a relation that *supports* its conclusion from its premises
  (several premises: a linked relation);
- a **CA** node is a relation that *attacks* its conclusion, or *undercuts* it when the
  conclusion is itself an RA or CA node: the attack is on that inference;
- everything else is kept in ``metadata["aif"]``, so that the map writes back the same
  nodes and edges: a node's other keys (timestamp, scheme, schemeID) on its claim or
  relation; on the map the MA (rephrase) and PA (preference) nodes, the dialogue (L, TA
  and YA nodes, locutions, participants), their edges, any other key, the xAIF wrapper.

Writing goes the other way, and what AIF has no slot for (a claim's kind, quote, actor
and tags, the map's title, source, actors and groups, metadata) rides in an
``"argmap"`` key of the node or of the graph, so that a map written as AIF reads back
equal. Problems point at their line and column in the AIF text; what argmap cannot draw
(a rephrase, the dialogue, an RA with no conclusion) is a warning, and kept.

>>> from argmap.formats import loads
>>> m = loads('''{"nodes": [
...   {"nodeID": "1", "text": "Socrates is mortal.", "type": "I"},
...   {"nodeID": "2", "text": "All men are mortal.", "type": "I"},
...   {"nodeID": "3", "text": "Socrates is a man.", "type": "I"},
...   {"nodeID": "4", "text": "Default Inference", "type": "RA"}],
...  "edges": [{"edgeID": "5", "fromID": "2", "toID": "4"},
...   {"edgeID": "6", "fromID": "3", "toID": "4"},
...   {"edgeID": "7", "fromID": "4", "toID": "1"}]}''', format="aif")
>>> [r.describe() for r in m.relations]
['2 + 3 supports 1']
>>> loads(dumps(m), format="aif") == m
True
"""

from __future__ import annotations

from argmap.formats import json as _json
from argmap.formats._aif_reader import parse_aif
from argmap.formats._aif_writer import to_aif
from argmap.formats._document import to_data
from argmap.formats._plain import nonfinite_floats
from argmap.model import ArgumentMap

__all__ = ["dumps", "parse"]

parse = parse_aif


def dumps(argmap: ArgumentMap) -> str:
    """The AIF JSON text of ``argmap`` (xAIF when the map was read from xAIF).

    Raises :class:`~argmap.errors.ValidationError` for a map no file can hold, each
    problem at its place in the map (as the JSON writer does).
    """
    data = to_data(argmap)
    if next(nonfinite_floats(data), None) is not None:
        _json.serialize(data)  # raises, naming each place in the map
    return _json.serialize(to_aif(argmap, data))
