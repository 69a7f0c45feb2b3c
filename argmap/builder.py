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
An argument of the wrong type is refused at once, before anything is added:

>>> b.thesis(7, "Seven")
Traceback (most recent call last):
...
TypeError: MapBuilder: claim_id must be a str; got 7 (int)
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from argmap.advice import issue
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
    wrong_type,
)
from argmap.validation import nearest, validate

__all__ = ["MapBuilder"]

Ids = str | Iterable[str] | None
Inferences = Inference | Iterable[Inference] | None


def _check(name: str, value: Any, expected: type | tuple[type, ...], text: str) -> None:
    if not isinstance(value, expected):
        raise wrong_type(f"MapBuilder: {name}", text, value)


def _source(fields: Mapping[str, Any]) -> Source:
    """The :class:`Source` a mapping describes (``{"title": ..., "url": ...}``)."""
    known = [field.name for field in attrs.fields(Source)]
    unknown = [key for key in fields if key not in known]
    if unknown:
        raise TypeError(
            f"MapBuilder: source has no field {unknown[0]!r} (its fields: {', '.join(known)})"
        )
    return Source(**fields)


def _ids(value: Ids, name: str) -> tuple[str, ...]:
    """The ids ``value`` names; a TypeError naming the parameter if it names none."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    _check(name, value, Iterable, "a claim id (str), an iterable of them, or None")
    ids = tuple(value)
    for item in ids:
        _check(f"each of {name}", item, str, "a claim id (str)")
    return ids


def _inferences(value: Inferences, name: str) -> tuple[Inference, ...]:
    if value is None:
        return ()
    if isinstance(value, Inference):
        return (value,)
    expected = "an Inference (what supports() returns), an iterable of them, or None"
    if isinstance(value, str):  # an id where the inference was meant: not its letters
        raise wrong_type(f"MapBuilder: {name}", expected, value)
    _check(name, value, Iterable, expected)
    inferences = tuple(value)
    for item in inferences:
        _check(f"each of {name}", item, Inference, "an Inference (what supports() returns)")
    return inferences


def _metadata(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if value is None:
        return {}
    _check("metadata", value, Mapping, "a mapping or None")
    return value


def _kind(kind: ClaimKind | str) -> ClaimKind:
    if isinstance(kind, ClaimKind):
        return kind
    _check("kind", kind, str, "a ClaimKind or its value (str)")
    names = [k.value for k in ClaimKind]
    if kind in names:
        return ClaimKind(kind)
    suggestion = nearest(kind, names, n=1, close_only=True)
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
        source: Source | Mapping[str, Any] | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> None:
        if title is not None:
            _check("title", title, str, "a str or None")
        if isinstance(source, Mapping):
            source = _source(source)
        if source is not None:
            _check("source", source, Source, "a Source, a mapping of its fields, or None")
        self.title = title
        self.source: Source | None = source
        self.metadata = dict(_metadata(metadata))
        self._actors: list[Actor] = []
        self._claims: list[Claim] = []
        self._relations: list[Relation] = []
        self._groups: list[Group] = []
        self._where: dict[Pointer, Location] = {}

    def actor(self, actor_id: str, name: str, **metadata: Any) -> str:
        """Add an actor; returns its id, to pass as a motive's ``actor``."""
        _check("actor_id", actor_id, str, "a str")
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
        _check("claim_id", claim_id, str, "a str")
        # Everything is checked before anything is added: a wrong argument adds nothing.
        claim = Claim(
            id=claim_id,
            text=text,
            kind=_kind(kind),
            quote=quote,
            actor=actor,
            tags=tags,
            metadata=_metadata(metadata),
        )
        targets: list[tuple[str | Inference, RelationKind]] = [
            *((target, RelationKind.SUPPORTS) for target in _ids(supports, "supports")),
            *((target, RelationKind.ATTACKS) for target in _ids(attacks, "attacks")),
            *((i, RelationKind.UNDERCUTS) for i in _inferences(undercuts, "undercuts")),
        ]
        self._claims.append(claim)
        where = _caller()
        self._where[("claims", claim_id)] = where
        for target, relation_kind in targets:
            self._relate((claim_id,), target, relation_kind, None, where)
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
        _check("target", target, str, "a claim id (str)")
        sources_ = _ids(sources, "sources")
        return self._relate(sources_, target, RelationKind.SUPPORTS, metadata, _caller())

    def attacks(
        self, sources: Ids, target: str, *, metadata: Mapping[str, Any] | None = None
    ) -> Inference:
        """``sources`` attack ``target``; several sources only jointly."""
        _check("target", target, str, "a claim id (str)")
        sources_ = _ids(sources, "sources")
        return self._relate(sources_, target, RelationKind.ATTACKS, metadata, _caller())

    def undercuts(
        self, sources: Ids, inference: Inference, *, metadata: Mapping[str, Any] | None = None
    ) -> Inference:
        """``sources`` attack the inference ``inference``, not its premises or conclusion."""
        _check("inference", inference, Inference, "an Inference (what supports() returns)")
        sources_ = _ids(sources, "sources")
        return self._relate(sources_, inference, RelationKind.UNDERCUTS, metadata, _caller())

    def group(self, group_id: str, label: str, members: Iterable[str], **metadata: Any) -> str:
        """Put claims in a labelled group; returns the group's id."""
        _check("group_id", group_id, str, "a str")
        self._groups.append(Group(group_id, label, _ids(members, "members"), metadata=metadata))
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
        relation = Relation(
            sources=sources, target=target, kind=kind, metadata=_metadata(metadata)
        )
        self._where[("relations", len(self._relations))] = where
        self._relations.append(relation)
        return relation.inference

    def build(self) -> ArgumentMap:
        """The map, checked; each problem names the line of code that made it.

        Raises :class:`ValidationError` listing every problem when one is an error. A map
        with only warnings (a support cycle, a claim connected to nothing, ...) is built,
        and each warning is issued as an :class:`~argmap.ArgmapWarning`.
        """
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
            # A problem of the whole map (a map with no claims) is where it was built.
            built = _caller()
            problems = [
                attrs.evolve(
                    p,
                    location=self._where.get(p.pointer[:2], built if len(p.pointer) < 2 else None),
                )
                for p in problems
            ]
        if any(problem.is_error for problem in problems):
            raise ValidationError(problems)
        issue(problems)
        return argmap
