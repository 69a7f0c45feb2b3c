"""Warnings for maps that are legal but probably wrong.

A map with a warning loads and draws; the warning says what looks like a mistake and what
would fix it. Each has its own code:

==================  =====================================================================
code                what it finds
==================  =====================================================================
``empty-map``       a map with no claims: nothing to check or draw
``disconnected``    a claim with no relation to or from it (unless it is the only claim,
                    or a question: a question asks, so it may stand alone)
``support-cycle``   claims that support each other in a circle: the argument rests on
                    itself (named once per cycle, at the relation that closes it)
``mixed-relation``  a claim that both supports and attacks the same claim
``unused-style``    a colour in ``style: {tags: ...}`` for a tag no claim has: it is never
                    drawn (a misspelt tag, or one since removed)
==================  =====================================================================

An undercut connects the claim it comes from, and the claims of the inference it attacks:
the objection "immortals are myths" undercutting *men are mortal -> Socrates is mortal*
is connected to the argument.

What a map lacks (claims; any relation of a claim) is judged only when it has no error:
an error may be why it lacks it (a misspelt id, an entry that could not be read, a
misspelt ``claims:``). The cycles and mixed relations are real whatever else is wrong,
and are reported with the errors. Self-relations, unknown ids and the like are errors;
these checks leave them out rather than say it twice.

>>> from argmap.model import ArgumentMap, Claim, Relation
>>> m = ArgumentMap(
...     claims=[Claim(id="a", text="A"), Claim(id="b", text="B"), Claim(id="c", text="C")],
...     relations=[Relation(sources=["a"], target="b"), Relation(sources=["b"], target="a")],
... )
>>> for problem in advise(m):
...     print(problem.code, problem.pointer, problem.message)  # doctest: +NORMALIZE_WHITESPACE
disconnected ('claims', 'c') claim 'c' is connected to nothing: no relation goes to or
    from it; say what it supports or attacks, or remove it
support-cycle ('relations', 1) support cycle a -> b -> a: each claim supports the next,
    so the reasoning is circular; remove the support that does not hold

Every check costs time in proportion to the size of the map: the cycles are the strongly
connected components of the support graph (Tarjan's algorithm, in a loop rather than by
recursion, so that no length of chain exhausts the stack), each named by its shortest
cycle through its first claim.
"""

from __future__ import annotations

import difflib
import os
import sys
import warnings
from collections import deque
from collections.abc import Iterable, Iterator

from argmap._graphs import strongly_connected
from argmap.errors import ArgmapWarning, Pointer, Problem, Severity
from argmap.model import ArgumentMap, ClaimKind, Inference, RelationKind

__all__ = ["CODES", "advise", "issue"]

#: The code of each warning, as the module's table describes them.
CODES = ("empty-map", "disconnected", "support-cycle", "mixed-relation", "unused-style")

#: A cycle longer than this is named by its ends, its middle counted.
_NAMED = 12
#: The claims caught in cycles with a named one, listed by id up to this many.
_LISTED = 5


def advise(argmap: ArgumentMap, *, absences: bool = True) -> Iterator[Problem]:
    """Every warning of ``argmap``: empty map, disconnected claims, cycles, mixed
    relations, styles of tags no claim has.

    With ``absences`` false, what the map lacks is not judged (no ``empty-map``,
    ``disconnected`` nor ``unused-style``): :func:`argmap.validate` does so for a map with
    errors.
    """
    claim_ids = _first_ids(argmap)
    if absences and not claim_ids:
        yield _warning(
            "the map has no claims: there is nothing to check or draw; add claims under 'claims:'",
            "empty-map",
            ("claims",),
        )
    if absences and len(claim_ids) > 1:
        yield from _disconnected(argmap, claim_ids)
    yield from _cycles(argmap, claim_ids)
    yield from _mixed(argmap, claim_ids)
    if absences:
        yield from _unused_styles(argmap)


def issue(problems: Iterable[Problem]) -> None:
    """Issue each warning among ``problems`` as an :class:`ArgmapWarning`.

    The warning is attributed to the first caller outside argmap (the line that called
    ``load`` or ``build``), as ``warnings.warn`` attributes any library's warning.
    """
    for problem in problems:
        if problem.severity is Severity.WARNING:
            warnings.warn(ArgmapWarning(problem), stacklevel=_outside_argmap())


#: Where argmap's modules are: frames there are not the caller a warning is about.
_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def _outside_argmap() -> int:
    """The ``stacklevel`` that, from :func:`issue`, names the first frame outside argmap."""
    level = 1
    frame = sys._getframe(1)  # issue() itself
    while frame.f_code.co_filename.startswith(_PACKAGE) and frame.f_back is not None:
        frame = frame.f_back
        level += 1
    return level


def _warning(message: str, code: str, pointer: Pointer) -> Problem:
    return Problem(message, code=code, pointer=pointer, severity=Severity.WARNING)


def _first_ids(argmap: ArgumentMap) -> dict[str, int]:
    """Each claim id and its position in the map (a duplicate id, an error, counts once)."""
    ids: dict[str, int] = {}
    for claim in argmap.claims:
        ids.setdefault(claim.id, len(ids))
    return ids


def _disconnected(argmap: ArgumentMap, claim_ids: dict[str, int]) -> Iterator[Problem]:
    connected: set[str] = set()
    for relation in argmap.relations:
        connected.update(relation.sources)
        target = relation.target
        if isinstance(target, Inference):
            # The claims of the inference an undercut attacks (its first level only: any
            # deeper one is the target of another relation, which connects it).
            connected.update(target.sources)
            if isinstance(target.target, str):
                connected.add(target.target)
        else:
            connected.add(target)
    questions = {c.id for c in argmap.claims if c.kind is ClaimKind.QUESTION}
    for claim_id in claim_ids:
        if claim_id not in connected and claim_id not in questions:
            yield _warning(
                f"claim {claim_id!r} is connected to nothing: no relation goes to or from "
                "it; say what it supports or attacks, or remove it",
                "disconnected",
                ("claims", claim_id),
            )


def _unused_styles(argmap: ArgumentMap) -> Iterator[Problem]:
    styled = argmap.style.tags
    if not styled:
        return
    used = {tag for claim in argmap.claims for tag in claim.tags}
    for tag in styled:
        if tag not in used:
            close = difflib.get_close_matches(tag, sorted(used), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else "; remove it, or tag a claim"
            yield _warning(
                f"style for tag {tag!r}, which no claim has: its colour is never drawn{hint}",
                "unused-style",
                ("style", "tags", tag),
            )


# The support graph: claims by their position in the map; from each, the claims it
# supports (alone or linked with others), each with the index of the relation that says so.
_Graph = list[list[tuple[int, int]]]


def _support_graph(argmap: ArgumentMap, claim_ids: dict[str, int]) -> _Graph:
    graph: _Graph = [[] for _ in claim_ids]
    supports = RelationKind.SUPPORTS
    for index, relation in enumerate(argmap.relations):
        target = relation.target
        if relation.kind is not supports or not isinstance(target, str):
            continue
        head = claim_ids.get(target)
        if head is None:
            continue
        for source in relation.sources:
            tail = claim_ids.get(source)
            # A claim that supports itself is an error already.
            if tail is not None and tail != head:
                graph[tail].append((head, index))
    return graph


def _components(graph: _Graph) -> list[list[int]]:
    """The strongly connected components of ``graph`` of more than one claim."""
    found = strongly_connected([[head for head, _ in edges] for edges in graph])
    return [component for component in found if len(component) > 1]


def _shortest_cycle(graph: _Graph, start: int, members: set[int]) -> tuple[list[int], int]:
    """The shortest cycle from ``start`` back to it within ``members``, and the index of
    the relation that closes it. A breadth-first search: linear in the component."""
    came_from: dict[int, int] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for following, index in graph[node]:
            if following == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start], index
            if following in members and following not in came_from:
                came_from[following] = node
                queue.append(following)
    raise AssertionError(f"claim {start} is in a strongly connected component but on no cycle")


def _cycles(argmap: ArgumentMap, claim_ids: dict[str, int]) -> Iterator[Problem]:
    graph = _support_graph(argmap, claim_ids)
    names = list(claim_ids)
    named: list[tuple[int, Problem]] = []
    for component in _components(graph):
        members = set(component)
        cycle, closing = _shortest_cycle(graph, min(component), members)
        message = (
            f"support cycle {_path([names[i] for i in cycle])}: each claim supports the "
            "next, so the reasoning is circular; remove the support that does not hold"
        )
        others = [names[i] for i in sorted(members.difference(cycle))]
        if others:
            listed = ", ".join(others[:_LISTED])
            more = f" and {len(others) - _LISTED:,} more" if len(others) > _LISTED else ""
            message += (
                f" ({len(others):,} more claim{'s' if len(others) != 1 else ''} "
                f"support these in circles too: {listed}{more})"
            )
        named.append((closing, _warning(message, "support-cycle", ("relations", closing))))
    # In map order, as every other problem.
    for _, problem in sorted(named, key=lambda item: item[0]):
        yield problem


def _path(cycle: list[str]) -> str:
    if len(cycle) <= _NAMED:
        return " -> ".join(cycle)
    head, tail = cycle[: _NAMED // 2], cycle[-(_NAMED // 2) :]
    skipped = len(cycle) - len(head) - len(tail)
    return f"{' -> '.join(head)} -> ({skipped:,} more) -> {' -> '.join(tail)}"


def _mixed(argmap: ArgumentMap, claim_ids: dict[str, int]) -> Iterator[Problem]:
    # The first relation by which a claim supports, and attacks, each claim it bears on.
    supported: dict[tuple[str, str], int] = {}
    attacked: dict[tuple[str, str], int] = {}
    warned: set[tuple[str, str]] = set()
    for index, relation in enumerate(argmap.relations):
        target = relation.target
        if relation.kind is RelationKind.SUPPORTS:
            seen, contrary = supported, attacked
        elif relation.kind is RelationKind.ATTACKS:
            seen, contrary = attacked, supported
        else:
            continue
        if not isinstance(target, str) or target not in claim_ids:
            continue
        for source in relation.sources:
            pair = (source, target)
            seen.setdefault(pair, index)
            earlier = contrary.get(pair)
            if earlier is None or pair in warned or source == target:
                continue
            if source not in claim_ids:
                continue
            warned.add(pair)
            yield _warning(
                f"{source!r} both supports and attacks {target!r} "
                f"('{argmap.relations[earlier].describe()}', then "
                f"'{relation.describe()}'); keep the relation you mean, or, if the claim "
                "cuts both ways, split it into two claims",
                "mixed-relation",
                ("relations", index),
            )
