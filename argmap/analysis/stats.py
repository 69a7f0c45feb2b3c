"""Counts and shapes of a map: what it holds, how deep and wide its reasoning goes, and
what is left unsupported or unanswered.

>>> from argmap import MapBuilder
>>> b = MapBuilder()
>>> thesis = b.thesis("thesis", "T")
>>> reason = b.premise("reason", "R", supports=thesis)
>>> _ = b.objection("doubt", "D", attacks=reason)
>>> s = stats(b.build())
>>> s.claims_by_kind["premise"], s.relations_by_kind["attacks"], s.theses[0].depth
(1, 1, 2)
>>> s.unsupported_premises, s.unanswered_attacks
(('reason',), ('doubt attacks reason',))
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from argmap._graphs import strongly_connected
from argmap.model import ArgumentMap, ClaimKind, Inference, RelationKind, Target, target_key
from argmap.validation import require_map

__all__ = ["ActorStats", "GroupStats", "Stats", "ThesisStats", "stats"]


@attrs.frozen
class ThesisStats:
    """The reasoning under one thesis.

    ``depth`` is the longest chain of relations ending at the thesis (a claim on a cycle
    counts once: the claims of a cycle sit at one level); ``claims_under`` the claims
    from which a chain of relations leads to it; ``branching_mean`` and
    ``branching_max`` the number of relations bearing directly on each claim that has
    any, among the thesis and the claims under it (an undercut of a step into a claim
    counts for that claim; a linked argument counts once).
    """

    id: str
    depth: int
    claims_under: int
    branching_mean: float
    branching_max: int


@attrs.frozen
class GroupStats:
    """A group and how many claims it holds."""

    id: str
    label: str
    size: int


@attrs.frozen
class ActorStats:
    """An actor and how many motives the map attributes to them."""

    id: str
    name: str
    motives: int


def _counts(value: Mapping[str, int]) -> Mapping[str, int]:
    return dict(value)


@attrs.frozen(kw_only=True)
class Stats:
    """What :func:`stats` finds in a map. Counts by kind name every kind, in the order
    of :class:`~argmap.model.ClaimKind` and :class:`~argmap.model.RelationKind`, zeros
    included; lists of claims and relations are in map order."""

    title: str | None
    claims: int
    claims_by_kind: Mapping[str, int] = attrs.field(converter=_counts, hash=False)
    relations: int
    relations_by_kind: Mapping[str, int] = attrs.field(converter=_counts, hash=False)
    #: Relations with several premises, which bear on their target only jointly.
    linked: int
    theses: tuple[ThesisStats, ...]
    #: Claims of kind premise.
    premises: int
    #: The premises that no relation supports, by id.
    unsupported_premises: tuple[str, ...]
    #: Attacks and undercuts whose sources nothing attacks and that nothing undercuts,
    #: each described as ``a attacks b``.
    unanswered_attacks: tuple[str, ...]
    #: Claims in no relation at all, by id.
    disconnected: tuple[str, ...]
    groups: tuple[GroupStats, ...]
    actors: tuple[ActorStats, ...]

    @property
    def unsupported_share(self) -> float | None:
        """The share of premises left unsupported, from 0 to 1; None without premises."""
        return len(self.unsupported_premises) / self.premises if self.premises else None


def _end(target: Target) -> str:
    """The claim a relation finally bears on: its target, or the conclusion of the
    inference an undercut attacks (in a loop, for a chain of any depth)."""
    while isinstance(target, Inference):
        target = target.target
    return target


def stats(argmap: ArgumentMap) -> Stats:
    """The :class:`Stats` of ``argmap``, in time linear in its size (times the number of
    theses, for what lies under each). Ids that name no claim (in a map with errors)
    are left out of the graph rather than refused.
    """
    require_map(argmap, "stats")
    ids = list(dict.fromkeys(claim.id for claim in argmap.claims))
    number = {claim_id: index for index, claim_id in enumerate(ids)}
    # reasons[v]: the claims with a relation that ends at v; incoming[v]: how many
    # relations end at v.
    reasons: list[list[int]] = [[] for _ in ids]
    incoming = [0] * len(ids)
    supported: set[str] = set()
    attacked: set[str] = set()
    undercut: set[tuple[tuple[int, Any], ...]] = set()
    related: set[str] = set()
    for relation in argmap.relations:
        related.update(relation.sources)
        related.update(_claims_of(relation.target))
        end = number.get(_end(relation.target))
        if relation.kind is RelationKind.UNDERCUTS and isinstance(relation.target, Inference):
            undercut.add(target_key(relation.target))
        elif isinstance(relation.target, str):
            if relation.kind is RelationKind.SUPPORTS:
                supported.add(relation.target)
            else:
                attacked.add(relation.target)
        if end is None:
            continue
        incoming[end] += 1
        reasons[end].extend(number[s] for s in dict.fromkeys(relation.sources) if s in number)
    depth = _depths(reasons)
    theses = tuple(
        _thesis(claim.id, number[claim.id], depth, reasons, incoming)
        for claim in argmap.theses
        if claim is argmap.claim(claim.id)  # a duplicate id counts once
    )
    return Stats(
        title=argmap.title,
        claims=len(argmap.claims),
        claims_by_kind=_by_kind((c.kind for c in argmap.claims), ClaimKind),
        relations=len(argmap.relations),
        relations_by_kind=_by_kind((r.kind for r in argmap.relations), RelationKind),
        linked=sum(relation.linked for relation in argmap.relations),
        theses=theses,
        premises=sum(claim.kind is ClaimKind.PREMISE for claim in argmap.claims),
        unsupported_premises=tuple(
            claim.id
            for claim in argmap.claims
            if claim.kind is ClaimKind.PREMISE and claim.id not in supported
        ),
        unanswered_attacks=tuple(
            relation.describe()
            for relation in argmap.relations
            if relation.kind is not RelationKind.SUPPORTS
            and not any(source in attacked for source in relation.sources)
            and target_key(relation.inference) not in undercut
        ),
        disconnected=tuple(claim.id for claim in argmap.claims if claim.id not in related),
        groups=tuple(GroupStats(g.id, g.label, len(set(g.members))) for g in argmap.groups),
        actors=tuple(
            ActorStats(
                actor.id,
                actor.name,
                sum(c.kind is ClaimKind.MOTIVE and c.actor == actor.id for c in argmap.claims),
            )
            for actor in argmap.actors
        ),
    )


def _claims_of(target: Target) -> Iterator[str]:
    while isinstance(target, Inference):
        yield from target.sources
        target = target.target
    yield target


def _by_kind(kinds: Any, enum: Any) -> dict[str, int]:
    counts = {member.value: 0 for member in enum}
    for kind in kinds:
        counts[kind.value] += 1
    return counts


def _thesis(
    claim_id: str, start: int, depth: list[int], reasons: list[list[int]], incoming: list[int]
) -> ThesisStats:
    seen = {start}
    queue = deque([start])
    while queue:
        for reason in reasons[queue.popleft()]:
            if reason not in seen:
                seen.add(reason)
                queue.append(reason)
    widths = [incoming[v] for v in seen if incoming[v]]
    return ThesisStats(
        id=claim_id,
        depth=depth[start],
        claims_under=len(seen) - 1,
        branching_mean=sum(widths) / len(widths) if widths else 0.0,
        branching_max=max(widths, default=0),
    )


def _depths(reasons: list[list[int]]) -> list[int]:
    """The longest chain of reasons ending at each claim, a cycle collapsed to one level.

    A strongly connected component is listed after every component it reaches, so its
    depth is one more than the deepest of those, known by then.
    """
    components = strongly_connected(reasons)
    component = [0] * len(reasons)
    depth_of: list[int] = []
    for here, members in enumerate(components):
        for member in members:
            component[member] = here
        depth_of.append(
            max(
                (
                    depth_of[component[reason]] + 1
                    for member in members
                    for reason in reasons[member]
                    if component[reason] != here
                ),
                default=0,
            )
        )
    return [depth_of[component[v]] for v in range(len(reasons))]
