"""The node and edge statements argmap writes into a Digraph's body are the ones the
``graphviz`` package's own ``node`` and ``edge`` write, byte for byte, whatever the
names and values (quoted or not, HTML or not, keywords, empty, with quotes inside)."""

from __future__ import annotations

import graphviz
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from argmap.rendering._dot_lines import add_edge, add_node

_KEYS = st.sampled_from(["id", "shape", "color", "width", "style", "tooltip", "weight", "a b"])
_VALUES = st.one_of(
    st.none(),
    st.sampled_from(["", "point", "#ff0000", "0.1000", "rounded,filled", "node", "<<B>x</B>>"]),
    st.text(max_size=80),
)
# graphviz warns of a value ending in an odd backslash (DOT cannot read it); argmap never
# writes one, and the test compares the text either way.
pytestmark = pytest.mark.filterwarnings("ignore::graphviz.exceptions.DotSyntaxWarning")

_NAMES = st.one_of(st.sampled_from(["c0", "j12", "j12k", "graph", "two words"]), st.text())


@given(_NAMES, st.one_of(st.none(), _VALUES.filter(lambda v: v is not None)),
       st.dictionaries(_KEYS, _VALUES, max_size=6))  # fmt: skip
@example("c0", '<<TABLE><TR><TD>"a" &amp; b</TD></TR></TABLE>>', {"id": "claim-c0"})
@example("node", "", {"shape": "point", "width": "0.1", "color": None})
@example('say "hi"', 'a "quoted" \\ label', {"tooltip": "back\\"})
def test_add_node_writes_what_digraph_node_writes(
    name: str, label: str | None, attributes: dict[str, str | None]
) -> None:
    ours, theirs = graphviz.Digraph(), graphviz.Digraph()
    add_node(ours, name, label, **attributes)
    theirs.node(name, label, **attributes)
    assert ours.body == theirs.body
    assert ours.source == theirs.source


@given(_NAMES, _NAMES, st.one_of(st.none(), st.text(max_size=20)),
       st.dictionaries(_KEYS, _VALUES, max_size=6))  # fmt: skip
@example("c0", "j1", None, {"dir": "back", "id": "relation-1", "headport": "n"})
@example("c0", "c1", "<<B>scheme</B>>", {"style": "invis"})
@example("a:p:n", "edge", "", {})
def test_add_edge_writes_what_digraph_edge_writes(
    tail: str, head: str, label: str | None, attributes: dict[str, str | None]
) -> None:
    ours, theirs = graphviz.Digraph(), graphviz.Digraph()
    add_edge(ours, tail, head, label, **attributes)
    theirs.edge(tail, head, label, **attributes)
    assert ours.body == theirs.body
