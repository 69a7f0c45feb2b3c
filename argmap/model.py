"""The argument map model: claims, relations between them, actors and groups.

Every class is a frozen, slotted attrs class. A map is a value: two maps that say the
same thing compare equal however they were built. The order in which claims, relations,
groups, actors, tags or linked premises were written is kept (it guides layout and
dumping) but does not take part in equality.

The model holds what a map says; whether it is consistent (every id known, no relation
to itself, ...) is checked by :func:`argmap.validate`, so that a map with problems can
still be built, inspected and reported on all at once.

>>> thesis = Claim(id="t", text="Socrates is mortal.", kind=ClaimKind.THESIS)
>>> reason = Claim(id="p", text="All men are mortal.")
>>> m = ArgumentMap(claims=[thesis, reason], relations=[Relation(sources=["p"], target="t")])
>>> m.claim("p").kind
<ClaimKind.PREMISE: 'premise'>
>>> [r.describe() for r in m.relations]
['p supports t']
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import attrs

__all__ = [
    "Actor",
    "ArgumentMap",
    "Claim",
    "ClaimKind",
    "Group",
    "Inference",
    "Metadata",
    "Relation",
    "RelationKind",
    "Source",
    "Target",
]

#: Free-form data a map, claim, relation, actor or group carries through unchanged
#: (for instance the ids an interchange format needs to write a file back).
Metadata: TypeAlias = Mapping[str, Any]


class ClaimKind(enum.Enum):
    """What role a claim plays in the argument."""

    THESIS = "thesis"
    PREMISE = "premise"
    EVIDENCE = "evidence"
    MOTIVE = "motive"
    OBJECTION = "objection"
    ASSUMPTION = "assumption"
    CONSEQUENCE = "consequence"
    QUESTION = "question"


class RelationKind(enum.Enum):
    """How the sources of a relation bear on its target."""

    SUPPORTS = "supports"
    ATTACKS = "attacks"
    #: An attack on an inference: the target is another relation, not a claim.
    UNDERCUTS = "undercuts"


def _str_tuple(values: Iterable[str] | str) -> tuple[str, ...]:
    # A lone string is one id, not a sequence of one-letter ids.
    if isinstance(values, str):
        return (values,)
    return tuple(values)


def _sorted(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(values))


def _frozen_metadata(value: Metadata | None) -> Metadata:
    return dict(value) if value else {}


def _metadata_field() -> Any:
    # Excluded from hashing because it may hold unhashable JSON-like values.
    return attrs.field(factory=dict, converter=_frozen_metadata, hash=False, kw_only=True)


@attrs.frozen
class Source:
    """Where the argument comes from: the text the map reads."""

    title: str | None = None
    author: str | None = None
    url: str | None = None
    date: str | None = None
    metadata: Metadata = _metadata_field()


@attrs.frozen
class Actor:
    """Someone to whom the map attributes a motive or a position."""

    id: str
    name: str
    metadata: Metadata = _metadata_field()


@attrs.frozen(kw_only=True)
class Claim:
    """One statement of the argument.

    ``text`` is the claim in the map author's words; ``quote`` is an optional verbatim
    span of the source it rests on; ``actor`` names, by id, whose motive a motive is.
    """

    id: str
    text: str
    kind: ClaimKind = ClaimKind.PREMISE
    quote: str | None = None
    actor: str | None = None
    tags: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, eq=_sorted)
    metadata: Metadata = _metadata_field()


@attrs.frozen
class Inference:
    """A reference to a relation by its ends: what an undercut attacks.

    ``Inference(["a", "b"], "c")`` is the inference from *a* and *b* (jointly) to *c*.
    """

    sources: tuple[str, ...] = attrs.field(converter=_str_tuple, eq=_sorted)
    target: Target

    def matches(self, relation: Relation) -> bool:
        """Whether ``relation`` is the inference this reference points at."""
        return sorted(relation.sources) == sorted(self.sources) and relation.target == self.target

    def describe(self) -> str:
        """A short, readable form such as ``(a + b -> c)``."""
        target = self.target if isinstance(self.target, str) else self.target.describe()
        return f"({' + '.join(self.sources)} -> {target})"


#: A relation points at a claim (by id) or, for an undercut, at an inference.
Target: TypeAlias = str | Inference


@attrs.frozen(kw_only=True)
class Relation:
    """Sources that support, attack or undercut a target.

    Several sources form a *linked* argument: they bear on the target only jointly.
    The target is a claim id, or an :class:`Inference` for an undercut.
    """

    sources: tuple[str, ...] = attrs.field(converter=_str_tuple, eq=_sorted)
    target: Target
    kind: RelationKind = RelationKind.SUPPORTS
    metadata: Metadata = _metadata_field()

    @property
    def linked(self) -> bool:
        """Whether several premises bear on the target only together."""
        return len(self.sources) > 1

    @property
    def inference(self) -> Inference:
        """The reference an undercut uses to point at this relation."""
        return Inference(self.sources, self.target)

    def describe(self) -> str:
        """A short, readable form such as ``a + b supports c``."""
        target = self.target if isinstance(self.target, str) else self.target.describe()
        return f"{' + '.join(self.sources)} {self.kind.value} {target}"


@attrs.frozen
class Group:
    """Claims that belong together, drawn as a labelled cluster."""

    id: str
    label: str
    members: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, eq=_sorted)
    metadata: Metadata = _metadata_field()


def _claims(items: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(items)


def _relations(items: Iterable[Relation]) -> tuple[Relation, ...]:
    return tuple(items)


def _actors(items: Iterable[Actor]) -> tuple[Actor, ...]:
    return tuple(items)


def _groups(items: Iterable[Group]) -> tuple[Group, ...]:
    return tuple(items)


def _by_id(items: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(sorted(items, key=lambda item: item.id))


def _relation_key(relation: Relation) -> tuple[Any, ...]:
    # Claims sort before inferences, so a key never compares a string with a tuple.
    def target_key(target: Target) -> tuple[Any, ...]:
        if isinstance(target, str):
            return (0, target)
        return (1, tuple(sorted(target.sources)), target_key(target.target))

    return (relation.kind.value, tuple(sorted(relation.sources)), target_key(relation.target))


def _relations_eq(relations: tuple[Relation, ...]) -> tuple[Relation, ...]:
    return tuple(sorted(relations, key=_relation_key))


@attrs.frozen(kw_only=True)
class ArgumentMap:
    """A whole argument map.

    Build one with :class:`argmap.MapBuilder`, load one with :func:`argmap.load`, or pass
    the parts directly. Lists become tuples; order is kept but is not part of equality.
    """

    title: str | None = None
    source: Source | None = None
    actors: tuple[Actor, ...] = attrs.field(default=(), converter=_actors, eq=_by_id)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_claims, eq=_by_id)
    relations: tuple[Relation, ...] = attrs.field(
        default=(), converter=_relations, eq=_relations_eq
    )
    groups: tuple[Group, ...] = attrs.field(default=(), converter=_groups, eq=_by_id)
    metadata: Metadata = _metadata_field()
    _claim_index: dict[str, Claim] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        # The first claim of an id wins; validation reports the duplicates.
        index: dict[str, Claim] = {}
        for claim in self.claims:
            index.setdefault(claim.id, claim)
        object.__setattr__(self, "_claim_index", index)

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id; ``KeyError`` when there is none."""
        return self._claim_index[claim_id]

    def has_claim(self, claim_id: str) -> bool:
        """Whether a claim with this id exists."""
        return claim_id in self._claim_index

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id; ``KeyError`` when there is none."""
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)

    @property
    def theses(self) -> tuple[Claim, ...]:
        """The claims of kind thesis, in map order."""
        return tuple(c for c in self.claims if c.kind is ClaimKind.THESIS)

    def relations_to(self, target: Target) -> tuple[Relation, ...]:
        """The relations whose target is ``target`` (a claim id or an inference)."""
        return tuple(r for r in self.relations if r.target == target)

    def relations_from(self, claim_id: str) -> tuple[Relation, ...]:
        """The relations that have ``claim_id`` among their sources."""
        return tuple(r for r in self.relations if claim_id in r.sources)

    def evolve(self, **changes: Any) -> ArgumentMap:
        """A copy with some fields replaced, e.g. ``m.evolve(title="New")``."""
        return attrs.evolve(self, **changes)

    def to_dot(self, **options: Any) -> str:
        """The Graphviz DOT source of this map's picture (options as :func:`argmap.render`)."""
        from argmap.rendering import render

        return render(self, "dot", **options).decode("utf-8")

    def _repr_svg_(self) -> str:
        """The picture, for Jupyter and other notebooks."""
        from argmap.rendering import render

        return render(self, "svg").decode("utf-8")
