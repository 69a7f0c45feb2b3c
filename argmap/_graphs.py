"""Strongly connected components, the one graph algorithm several parts of argmap need:
support cycles (validation's warnings), depth under a thesis (stats), the order strength
is computed in, and the parts the semantics settle one at a time.

>>> strongly_connected([[1], [0, 2], []])
[[2], [1, 0]]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["strongly_connected"]


def strongly_connected(
    successors: Sequence[Sequence[int]], *, check: Callable[[], None] | None = None
) -> list[list[int]]:
    """The strongly connected components of the graph whose node ``v`` has an edge to
    each of ``successors[v]``, each listed after every component it reaches.

    Tarjan's algorithm (1972), iterative so that a chain of 100,000 nodes needs no deep
    recursion: roots are taken in node order and edges in list order, so the result is
    deterministic; a component's members come in the order they leave Tarjan's stack
    (its root last). ``check`` is called after the search from each root, so that a
    deadline can stop a large graph.
    """
    count = len(successors)
    order = [-1] * count  # the visiting index of each node, -1 before its visit
    low = [0] * count
    on_stack = [False] * count
    stack: list[int] = []
    found: list[list[int]] = []
    counter = 0
    for root in range(count):
        if order[root] != -1:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            node, next_edge = work[-1]
            edges = successors[node]
            if next_edge < len(edges):
                work[-1] = (node, next_edge + 1)
                other = edges[next_edge]
                if order[other] == -1:
                    order[other] = low[other] = counter
                    counter += 1
                    stack.append(other)
                    on_stack[other] = True
                    work.append((other, 0))
                elif on_stack[other] and order[other] < low[node]:
                    low[node] = order[other]
                continue
            work.pop()
            if work and low[node] < low[work[-1][0]]:
                low[work[-1][0]] = low[node]
            if low[node] == order[node]:
                component: list[int] = []
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
        if check is not None:
            check()
    return found
