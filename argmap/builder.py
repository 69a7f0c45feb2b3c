"""Build argument maps in Python so that the code reads like the argument.

Every method that adds a claim returns its id, so the reasons can be written under what
they support; relation methods return the :class:`~argmap.model.Inference` they create,
ready to be undercut.

>>> b = MapBuilder("Socrates")
>>> mortal = b.thesis("mortal", "Socrates is mortal.")
>>> men = b.premise("men-mortal", "All men are mortal.")
>>> man = b.premise("socrates-man", "Socrates is a man.")
>>> step = b.supports([men, man], mortal)       # linked: only jointly
>>> b.objection("gods", "Some say Socrates is a god.", attacks=man)
'gods'
>>> b.claim("myth", "Immortals are myths.", undercuts=step)
'myth'
>>> m = b.build()
>>> for relation in m.relations:
...     print(relation.describe())
men-mortal + socrates-man supports mortal
gods attacks socrates-man
myth undercuts (men-mortal + socrates-man -> mortal)

Problems are reported when the map is built, each at the line of Python that made it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from argmap.errors import Location, Pointer, Problem, ValidationError
from argmap.model import (
    Actor,
    ArgumentMap,
    Claim,
    ClaimKind,
    Group,
    Inference,
    Relation,
    RelationKind,
    Source,
)
from argmap.validation import nearest, validate

__all__ = ["MapBuilder"]

Ids = str | Iterable[str] | None
Inferences = Inference | Iterable[Inference] | None


def _ids(value: Ids) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _inferences(value: Inferences) -> tuple[Inference, ...]:
    if value is None:
        return ()
    if isinstance(value, Inference):
        return (value,)
    return tuple(value)


def _kind(kind: ClaimKind | str) -> ClaimKind:
    if isinstance(kind, ClaimKind):
        return kind
    names = [k.value for k in ClaimKind]
    if kind in names:
        return ClaimKind(kind)
    suggestion = nearest(str(kind), names, n=1, close_only=True)
    hint = f"; did you mean {suggestion[0]!r}?" if suggestion else ""
    raise ValidationError(
        [Problem(f"unknown claim kind {kind!r}{hint}", location=_caller(), code="unknown-kind")]
    )


def _caller() -> Location:
    """Where the user's code called into the builder."""
    frame = sys._getframe(1)
    while frame.f_back is not None and frame.f_code.co_filename == __file__:
        frame = frame.f_back
    return Location(frame.f_code.co_filename, frame.f_lineno)


class MapBuilder:
    """Add actors, claims, relations and groups one call at a time, then :meth:`build`."""

    def __init__(
        self,
        title: str | None = None,
        *,
        source: Source | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> None:
        self.title = title
        self.source = source
        self.metadata = dict(metadata or {})
        self._actors: list[Actor] = []
        self._claims: list[Claim] = []
        self._relations: list[Relation] = []
        self._groups: list[Group] = []
        self._where: dict[Pointer, Location] = {}

    def actor(self, actor_id: str, name: str, **metadata: Any) -> str:
        """Add an actor; returns its id, to pass as a motive's ``actor``."""
        self._actors.append(Actor(actor_id, name, metadata=metadata))
        self._where[("actors", actor_id)] = _caller()
        return actor_id

    def claim(
        self,
        claim_id: str,
        text: str,
        *,
        kind: ClaimKind | str = ClaimKind.PREMISE,
        quote: str | None = None,
        actor: str | None = None,
        tags: Iterable[str] = (),
        supports: Ids = None,
        attacks: Ids = None,
        undercuts: Inferences = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> str:
        """Add a claim and the relations from it in one call; returns its id.

        ``supports`` and ``attacks`` take a claim id or a list of ids; ``undercuts`` an
        inference (what :meth:`supports` returns) or a list of them.
        """
        self._claims.append(
            Claim(
                id=claim_id,
                text=text,
                kind=_kind(kind),
                quote=quote,
                actor=actor,
                tags=tuple(tags),
                metadata=metadata or {},
            )
        )
        where = _caller()
        self._where[("claims", claim_id)] = where
        for target in _ids(supports):
            self._relate((claim_id,), target, RelationKind.SUPPORTS, None, where)
        for target in _ids(attacks):
            self._relate((claim_id,), target, RelationKind.ATTACKS, None, where)
        for inference in _inferences(undercuts):
            self._relate((claim_id,), inference, RelationKind.UNDERCUTS, None, where)
        return claim_id

    def thesis(self, claim_id: str, text: str, **options: Any) -> str:
        """Add the claim the map argues for (kind thesis)."""
        return self.claim(claim_id, text, kind=ClaimKind.THESIS, **options)

    def premise(self, claim_id: str, text: str, **options: Any) -> str:
        """Add a premise: a reason that supports or attacks another claim."""
        return self.claim(claim_id, text, kind=ClaimKind.PREMISE, **options)

    def evidence(self, claim_id: str, text: str, **options: Any) -> str:
        """Add evidence: a reported fact, observation or datum."""
        return self.claim(claim_id, text, kind=ClaimKind.EVIDENCE, **options)

    def motive(self, claim_id: str, text: str, *, actor: str, **options: Any) -> str:
        """Add a motive attributed to ``actor`` (an actor id)."""
        return self.claim(claim_id, text, kind=ClaimKind.MOTIVE, actor=actor, **options)

    def objection(self, claim_id: str, text: str, **options: Any) -> str:
        """Add an objection: a claim raised against another."""
        return self.claim(claim_id, text, kind=ClaimKind.OBJECTION, **options)

    def assumption(self, claim_id: str, text: str, **options: Any) -> str:
        """Add an assumption: something taken for granted without support."""
        return self.claim(claim_id, text, kind=ClaimKind.ASSUMPTION, **options)

    def consequence(self, claim_id: str, text: str, **options: Any) -> str:
        """Add a consequence: something that may follow."""
        return self.claim(claim_id, text, kind=ClaimKind.CONSEQUENCE, **options)

    def question(self, claim_id: str, text: str, **options: Any) -> str:
        """Add an open question the argument leaves unanswered."""
        return self.claim(claim_id, text, kind=ClaimKind.QUESTION, **options)

    def supports(
        self, sources: Ids, target: str, *, metadata: Mapping[str, Any] | None = None
    ) -> Inference:
        """``sources`` support ``target``; several sources only jointly (linked)."""
        return self._relate(_ids(sources), target, RelationKind.SUPPORTS, metadata, _caller())

    def attacks(
        self, sources: Ids, target: str, *, metadata: Mapping[str, Any] | None = None
    ) -> Inference:
        """``sources`` attack ``target``; several sources only jointly."""
        return self._relate(_ids(sources), target, RelationKind.ATTACKS, metadata, _caller())

    def undercuts(
        self, sources: Ids, inference: Inference, *, metadata: Mapping[str, Any] | None = None
    ) -> Inference:
        """``sources`` attack the inference ``inference``, not its premises or conclusion."""
        return self._relate(_ids(sources), inference, RelationKind.UNDERCUTS, metadata, _caller())

    def group(self, group_id: str, label: str, members: Iterable[str], **metadata: Any) -> str:
        """Put claims in a labelled group; returns the group's id."""
        self._groups.append(Group(group_id, label, tuple(members), metadata=metadata))
        self._where[("groups", group_id)] = _caller()
        return group_id

    def _relate(
        self,
        sources: tuple[str, ...],
        target: str | Inference,
        kind: RelationKind,
        metadata: Mapping[str, Any] | None,
        where: Location,
    ) -> Inference:
        relation = Relation(sources=sources, target=target, kind=kind, metadata=metadata or {})
        self._where[("relations", len(self._relations))] = where
        self._relations.append(relation)
        return relation.inference

    def build(self) -> ArgumentMap:
        """The map; raises :class:`ValidationError` naming each problem's line of code."""
        argmap = ArgumentMap(
            title=self.title,
            source=self.source,
            actors=self._actors,
            claims=self._claims,
            relations=self._relations,
            groups=self._groups,
            metadata=self.metadata,
        )
        problems = validate(argmap)
        if problems:
            raise ValidationError(
                attrs.evolve(p, location=self._where.get(p.pointer[:2])) for p in problems
            )
        return argmap
