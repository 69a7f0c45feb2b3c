"""What the AIF reader and writer agree on: node types, default labels, and the ids the
writer makes up where the map holds none.

The writer names a claim's I-node by the claim's id, a relation's scheme node ``ra3`` or
``ca3`` (the relation's place in the map, from 1) and an edge ``from>to``; a name already
taken gets a number added (``ra3_2``). The reader recognises these names and keeps no record of
them, so that a map read back from what argmap wrote carries no AIF metadata it did not
have; any other id is kept in ``metadata["aif"]`` and written back as it was.

>>> scheme_node_id("RA", 3), edge_id("p", "ra3")
('ra3', 'p>ra3')
>>> made_up("ra3_2", "ra3"), made_up("ra3x", "ra3"), made_up("ra3_", "ra3")
(True, False, False)
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "DEFAULT_TEXT",
    "DIALOGUE_TYPES",
    "EXTRAS",
    "RELATION_TYPES",
    "Unique",
    "edge_id",
    "is_id",
    "made_up",
    "scheme_node_id",
]

#: The key of a node (or of the graph) that holds what argmap knows and AIF has no slot
#: for: a claim's kind, quote, actor, tags and metadata; a map's title, source, actors,
#: groups and metadata.
EXTRAS = "argmap"

#: The scheme nodes that become relations: inference (supports) and conflict (attacks,
#: or undercuts when the conflict targets an inference).
RELATION_TYPES = ("RA", "CA")

#: The labels AIFdb gives a scheme node that applies no named scheme.
DEFAULT_TEXT = {"RA": "Default Inference", "CA": "Default Conflict"}

#: The nodes of the dialogue (AIF+): locutions, transitions between them, illocutions.
DIALOGUE_TYPES = ("L", "TA", "YA")


def is_id(value: Any) -> bool:
    """Whether ``value`` can be a node or edge id: text or a whole number (not a bool)."""
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def scheme_node_id(node_type: str, position: int) -> str:
    """The id the writer gives the scheme node of the relation at ``position`` (from 1)."""
    return f"{node_type.lower()}{position}"


def edge_id(from_id: Any, to_id: Any) -> str:
    """The id the writer gives an edge it makes."""
    return f"{from_id}>{to_id}"


def made_up(value: Any, base: str) -> bool:
    """Whether ``value`` is ``base``, or ``base`` with a number the writer added to it."""
    if not isinstance(value, str) or not value.startswith(base):
        return False
    rest = value[len(base) :]
    return not rest or (rest[:1] == "_" and rest[1:].isascii() and rest[1:].isdigit())


class Unique:
    """Ids given out once each: one wanted but taken gets a number (``_2``, ``_3``...)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        # The number tried last for each base, so that many ids of one base cost one
        # step each, not one per id before them.
        self._tried: dict[str, int] = {}

    def claim(self, value: Any) -> bool:
        """Take ``value`` if it is free; whether it was."""
        key = str(value)
        if key in self.taken:
            return False
        self.taken.add(key)
        return True

    def make(self, base: str) -> str:
        """``base``, or the first of ``base_2``, ``base_3``... that is free; taken."""
        number = self._tried.get(base, 1)
        candidate = base if number == 1 else f"{base}_{number}"
        while not self.claim(candidate):
            number += 1
            candidate = f"{base}_{number}"
        self._tried[base] = number
        return candidate
