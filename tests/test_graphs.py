"""argmap._graphs.strongly_connected: the components networkx finds, in an order every
user relies on (each after every component it reaches)."""

from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from argmap._graphs import strongly_connected


@st.composite
def graphs(draw: st.DrawFn) -> list[list[int]]:
    count = draw(st.integers(min_value=0, max_value=12))
    if count == 0:
        return []
    node = st.integers(min_value=0, max_value=count - 1)
    return [draw(st.lists(node, max_size=4)) for _ in range(count)]


@given(successors=graphs())
def test_the_components_are_networkx_s_each_after_those_it_reaches(
    successors: list[list[int]],
) -> None:
    found = strongly_connected(successors)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(successors)))
    graph.add_edges_from((v, w) for v, edges in enumerate(successors) for w in edges)
    assert sorted(sorted(c) for c in found) == sorted(
        sorted(c) for c in nx.strongly_connected_components(graph)
    )
    position = {v: i for i, component in enumerate(found) for v in component}
    for v, edges in enumerate(successors):
        for w in edges:
            assert position[w] <= position[v]


def test_a_chain_of_100000_needs_no_recursion_and_check_runs_per_root() -> None:
    chain = [[v + 1] for v in range(99_999)] + [[]]
    calls: list[None] = []
    found = strongly_connected(chain, check=lambda: calls.append(None))
    assert found == [[v] for v in reversed(range(100_000))]
    assert len(calls) == 1  # one root reaches every node
