"""Structural checks of an argument map.

:func:`validate` returns every problem at once, each with a ``pointer`` into the map
(``("claims", "a", "actor")``, ``("relations", 2, "to")``, ...). Loaders turn pointers into
file locations; the builder into the line of Python that added the element.

>>> from argmap.model import ArgumentMap, Claim, Relation
>>> m = ArgumentMap(claims=[Claim(id="thesis", text="T")],
...                 relations=[Relation(sources=["thesis"], target="thesis")])
>>> [p.message for p in validate(m)]
["'thesis' supports itself: a relation needs a target other than its sources"]
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator

from argmap.errors import Pointer, Problem
from argmap.model import ArgumentMap, ClaimKind, Inference, Relation, RelationKind, Target

__all__ = ["nearest", "validate"]


def nearest(
    word: str, candidates: Iterable[str], n: int = 3, *, close_only: bool = False
) -> list[str]:
    """The known names closest to ``word``, best first (never more than ``n``).

    With ``close_only``, only names similar enough to be a likely typo.
    """
    pool = sorted(set(candidates))
    close = difflib.get_close_matches(word, pool, n=n, cutoff=0.6)
    if close or close_only:
        return close
    return difflib.get_close_matches(word, pool, n=n, cutoff=0.0)


def unknown(what: str, name: str, known: Iterable[str]) -> str:
    """The message for a reference to a name that does not exist."""
    suggestions = nearest(name, known)
    if not suggestions:
        return f"unknown {what} {name!r}: the map has no {what}s"
    hint = " or ".join(repr(s) for s in suggestions)
    return f"unknown {what} {name!r}; did you mean {hint}?"


def validate(
    argmap: ArgumentMap, *, assume_claims: Iterable[str] = (), assume_actors: Iterable[str] = ()
) -> list[Problem]:
    """Every structural problem of ``argmap``, in map order; empty when it is sound.

    ``assume_claims`` and ``assume_actors`` are ids that exist although they are not in
    the map (entries of a file that could not be read): references to them are fine.
    """
    return list(_Checker(argmap, set(assume_claims), set(assume_actors)).run())


class _Checker:
    def __init__(self, argmap: ArgumentMap, claims: set[str], actors: set[str]) -> None:
        self.map = argmap
        self.claim_ids = {c.id for c in argmap.claims} | claims
        self.actor_ids = {a.id for a in argmap.actors} | actors

    def run(self) -> Iterator[Problem]:
        yield from self._duplicates("claim", "claims", (c.id for c in self.map.claims))
        yield from self._duplicates("actor", "actors", (a.id for a in self.map.actors))
        yield from self._duplicates("group", "groups", (g.id for g in self.map.groups))
        yield from self._actors()
        yield from self._claims()
        for index, relation in enumerate(self.map.relations):
            yield from self._relation(index, relation)
            if isinstance(relation.target, Inference):
                yield from self._inference(relation, relation.target, ("relations", index, "to"))
        yield from self._duplicate_relations()
        yield from self._groups()

    def _duplicates(self, what: str, section: str, ids: Iterable[str]) -> Iterator[Problem]:
        for name, count in Counter(ids).items():
            if count > 1:
                yield Problem(
                    f"duplicate {what} id {name!r} ({count} {what}s share it); ids must be unique",
                    code="duplicate-id",
                    pointer=(section, name),
                )

    def _actors(self) -> Iterator[Problem]:
        for actor in self.map.actors:
            yield from _blank(actor.id, "actor", ("actors", actor.id))
            if not actor.name.strip():
                yield Problem(
                    f"actor {actor.id!r} has an empty name",
                    code="empty-text",
                    pointer=("actors", actor.id, "name"),
                )

    def _claims(self) -> Iterator[Problem]:
        for claim in self.map.claims:
            here: Pointer = ("claims", claim.id)
            yield from _blank(claim.id, "claim", here)
            if not claim.text.strip():
                yield Problem(
                    f"claim {claim.id!r} has an empty text; say what the claim states",
                    code="empty-text",
                    pointer=(*here, "text"),
                )
            if claim.actor is not None and claim.actor not in self.actor_ids:
                yield Problem(
                    unknown("actor", claim.actor, self.actor_ids),
                    code="unknown-id",
                    pointer=(*here, "actor"),
                )
            elif claim.kind is ClaimKind.MOTIVE and claim.actor is None:
                yield Problem(
                    f"motive {claim.id!r} has no actor; say whose motive it is with 'actor:'",
                    code="motive-without-actor",
                    pointer=here,
                )

    def _relation(self, index: int, relation: Relation) -> Iterator[Problem]:
        here: Pointer = ("relations", index)
        if not relation.sources:
            yield Problem(
                f"relation '{relation.describe()}' has no source",
                code="no-source",
                pointer=(*here, "from"),
            )
        for position, source in enumerate(relation.sources):
            if source not in self.claim_ids:
                yield Problem(
                    unknown("claim", source, self.claim_ids),
                    code="unknown-id",
                    pointer=(*here, "from", position),
                )
        for source, count in Counter(relation.sources).items():
            if count > 1:
                yield Problem(
                    f"{source!r} is listed {count} times among the premises of one relation",
                    code="duplicate-source",
                    pointer=(*here, "from"),
                )
        yield from self._target(relation, (*here, "to"))

    def _target(self, relation: Relation, here: Pointer) -> Iterator[Problem]:
        target = relation.target
        kind = relation.kind.value
        if isinstance(target, str):
            if relation.kind is RelationKind.UNDERCUTS:
                yield Problem(
                    f"an undercut attacks an inference, not the claim {target!r}; write "
                    f"'to: {{from: ..., to: {target}}}' for the inference, or use 'attacks'",
                    code="undercut-target",
                    pointer=here,
                )
            if target not in self.claim_ids:
                yield Problem(
                    unknown("claim", target, self.claim_ids), code="unknown-id", pointer=here
                )
            elif target in relation.sources:
                yield Problem(
                    f"{target!r} {kind} itself: a relation needs a target other than its sources",
                    code="self-relation",
                    pointer=here,
                )
            return
        if relation.kind is not RelationKind.UNDERCUTS:
            yield Problem(
                f"only an undercut can target an inference; '{relation.describe()}' {kind} "
                f"one (use kind 'undercuts', or target a claim)",
                code="inference-target",
                pointer=here,
            )

    def _inference(
        self, undercut: Relation, target: Inference, here: Pointer
    ) -> Iterator[Problem]:
        matches = [r for r in self.map.relations if target.matches(r)]
        if len(matches) == 1:
            return
        if matches:
            yield Problem(
                f"the inference {target.describe()} is ambiguous: {len(matches)} relations "
                "have these ends",
                code="ambiguous-inference",
                pointer=here,
            )
            return
        known = [r.inference.describe() for r in self.map.relations if r is not undercut]
        yield Problem(
            unknown("inference", target.describe(), known).replace(
                "unknown inference", "no relation is the inference"
            ),
            code="unknown-inference",
            pointer=here,
        )

    def _duplicate_relations(self) -> Iterator[Problem]:
        seen: dict[tuple[str, tuple[str, ...], Target], int] = {}
        for index, relation in enumerate(self.map.relations):
            key = (relation.kind.value, tuple(sorted(relation.sources)), relation.target)
            if key in seen:
                yield Problem(
                    f"'{relation.describe()}' is stated twice",
                    code="duplicate-relation",
                    pointer=("relations", index),
                )
            else:
                seen[key] = index

    def _groups(self) -> Iterator[Problem]:
        for group in self.map.groups:
            here: Pointer = ("groups", group.id)
            yield from _blank(group.id, "group", here)
            if not group.members:
                yield Problem(
                    f"group {group.id!r} has no members", code="empty-group", pointer=here
                )
            for position, member in enumerate(group.members):
                if member not in self.claim_ids:
                    yield Problem(
                        unknown("claim", member, self.claim_ids),
                        code="unknown-id",
                        pointer=(*here, "members", position),
                    )


def _blank(name: str, what: str, here: Pointer) -> Iterator[Problem]:
    if not name.strip():
        yield Problem(f"a {what} has an empty id", code="empty-id", pointer=here)
