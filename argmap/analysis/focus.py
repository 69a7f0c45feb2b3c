"""One line of reasoning at a time: the part of a map around one claim.

``argmap render map.yaml --focus ID --depth 2`` draws what :func:`focus` keeps.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, Literal

import attrs

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap, Group, Inference, Target, target_key
from argmap.validation import Suggester, require_map, unknown

__all__ = ["DIRECTIONS", "Direction", "focus"]

#: Which way the walk goes: both, ``up`` to what the claim bears on, ``down`` to its
#: reasons and objections.
Direction = Literal["both", "up", "down"]
DIRECTIONS: tuple[Direction, ...] = ("both", "up", "down")


def focus(
    argmap: ArgumentMap,
    claim_id: str,
    depth: int | None = None,
    direction: Direction = "both",
) -> ArgumentMap:
    """The part of ``argmap`` within ``depth`` steps of the claim ``claim_id``.

    A step follows one relation. Going ``down`` from a claim reaches the sources of the
    relations that bear on it: its reasons and objections, then theirs. Going ``up``
    reaches what it bears on. ``both`` does both at every step (so it also reaches the
    other reasons of what the claim supports). ``depth=None`` has no limit; ``depth=0``
    keeps the claim alone.

    - A linked relation is one reason: reaching one of its premises through it brings
      the co-premises along at the same step (a premise of a linked argument means
      nothing without them).
    - An undercut bears on every claim of the inference it attacks (its premises and
      its conclusion): it is one step from each.
    - A relation is kept when all its claims are kept; an undercut, when the relation it
      attacks is kept too. Relations are never cut down to the kept part.
    - Groups keep only their kept members, and a group left empty is dropped; an actor
      is kept only if a kept claim names it. Claims and everything else keep their order.
    - The title says what was focused on: ``"Title — focus: id"`` (``"Focus: id"`` for a
      map with no title).

    Raises :class:`~argmap.errors.ArgmapError`, with the nearest ids, for an unknown
    claim; ``ValueError`` for a negative depth or an unknown direction. The cost is
    linear in the size of the map.

    >>> from argmap import MapBuilder
    >>> b = MapBuilder()
    >>> thesis = b.thesis("thesis", "T")
    >>> reason = b.premise("reason", "R", supports=thesis)
    >>> _ = b.evidence("backing", "B", supports=reason)
    >>> m = b.build()
    >>> [c.id for c in focus(m, "reason", depth=1, direction="down").claims]
    ['reason', 'backing']
    >>> focus(m, "tesis")
    Traceback (most recent call last):
    ...
    argmap.errors.ArgmapError: cannot focus: unknown claim 'tesis'; did you mean 'thesis'?
    """
    require_map(argmap, "focus")
    if depth is not None and (not isinstance(depth, int) or depth < 0):
        raise ValueError(f"depth must be a whole number from 0 up, or None; got {depth!r}")
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}; got {direction!r}")
    if not argmap.has_claim(claim_id):
        ids = [claim.id for claim in argmap.claims]
        raise ArgmapError(f"cannot focus: {unknown('claim', claim_id, Suggester(ids))}")
    kept = _reach(argmap, claim_id, depth, direction)
    return _restrict(argmap, kept, claim_id)


def _bears_on(target: Target) -> Iterator[str]:
    """The claims a relation to ``target`` bears on: the claim, or every claim of the
    inference an undercut attacks (in a loop: a chain of undercuts of any depth)."""
    while isinstance(target, Inference):
        yield from target.sources
        target = target.target
    yield target


def _reach(argmap: ArgumentMap, start: str, depth: int | None, direction: Direction) -> set[str]:
    """The ids within ``depth`` steps of ``start``: a breadth-first walk, each relation
    looked at once from each of its claims."""
    up: dict[str, list[int]] = {}  # claim -> relations it is a source of
    down: dict[str, list[int]] = {}  # claim -> relations that bear on it
    bears_on: list[tuple[str, ...]] = []
    for index, relation in enumerate(argmap.relations):
        ends = tuple(dict.fromkeys(_bears_on(relation.target)))
        bears_on.append(ends)
        for source in dict.fromkeys(relation.sources):
            up.setdefault(source, []).append(index)
        for end in ends:
            down.setdefault(end, []).append(index)
    distance = {start: 0}
    queue = deque([start])
    while queue:
        claim = queue.popleft()
        step = distance[claim] + 1
        if depth is not None and step > depth:
            continue
        found: list[Iterable[str]] = []
        if direction != "down":  # what it bears on, with its co-premises
            for index in up.get(claim, ()):
                found += [bears_on[index], argmap.relations[index].sources]
        if direction != "up":  # its reasons and objections
            found += [argmap.relations[index].sources for index in down.get(claim, ())]
        for ids in found:
            for each in ids:
                if each not in distance and argmap.has_claim(each):
                    distance[each] = step
                    queue.append(each)
    return set(distance)


def _restrict(argmap: ArgumentMap, kept: set[str], claim_id: str) -> ArgumentMap:
    # Relations whose sources and claim target are kept; then undercuts, in order of
    # nesting: an undercut's target relation is one level shallower, so it is settled
    # before the undercut is.
    by_level: dict[int, list[int]] = {}
    for index, relation in enumerate(argmap.relations):
        if all(source in kept for source in relation.sources):
            by_level.setdefault(len(target_key(relation.target)) - 1, []).append(index)
    chosen: set[int] = set()
    inferences: set[tuple[tuple[int, Any], ...]] = set()
    for level in sorted(by_level):
        for index in by_level[level]:
            target = argmap.relations[index].target
            if isinstance(target, Inference):
                if target_key(target) in inferences:
                    chosen.add(index)
            elif target in kept:
                chosen.add(index)
        inferences.update(
            target_key(argmap.relations[index].inference)
            for index in by_level[level]
            if index in chosen
        )
    claims = [claim for claim in argmap.claims if claim.id in kept]
    named = {claim.actor for claim in claims if claim.actor is not None}
    groups: list[Group] = []
    for group in argmap.groups:
        members = [member for member in group.members if member in kept]
        if len(members) == len(group.members):
            groups += [group] if members else []
        elif members:
            groups.append(attrs.evolve(group, members=members))
    title = f"{argmap.title} — focus: {claim_id}" if argmap.title else f"Focus: {claim_id}"
    return argmap.evolve(
        title=title,
        claims=claims,
        relations=[r for index, r in enumerate(argmap.relations) if index in chosen],
        groups=groups,
        actors=[actor for actor in argmap.actors if actor.id in named],
    )
