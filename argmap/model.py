"""The argument map model: claims, relations between them, actors and groups.

Every class is a frozen, slotted attrs class. A map is a value: two maps that say the
same thing compare equal however they were built. The order in which claims, relations,
groups, actors, tags or linked premises were written is kept (it guides layout and
dumping) but does not take part in equality.

The model holds what a map says; whether it is consistent (every id known, no relation
to itself, ...) is checked by :func:`argmap.validate`, so that a map with problems can
still be built, inspected and reported on all at once. A value of the wrong type is
another matter: it is a mistake in the calling code, refused at once with a
``TypeError`` that names the field.

>>> thesis = Claim(id="t", text="Socrates is mortal.", kind=ClaimKind.THESIS)
>>> reason = Claim(id="p", text="All men are mortal.")
>>> m = ArgumentMap(claims=[thesis, reason], relations=[Relation(sources=["p"], target="t")])
>>> m.claim("p").kind
<ClaimKind.PREMISE: 'premise'>
>>> [r.describe() for r in m.relations]
['p supports t']
>>> Claim(id=7, text="Seven")
Traceback (most recent call last):
...
TypeError: Claim.id must be a str; got 7 (int)
"""

from __future__ import annotations

import enum
import reprlib
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias, TypeVar

import attrs

from argmap.colours import colour_error, is_colour

__all__ = [
    "Actor",
    "ArgumentMap",
    "Claim",
    "ClaimKind",
    "Group",
    "Inference",
    "MapStyle",
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
    # A lone string is one id, not a sequence of one-letter ids. Anything else that is
    # not iterable is left for the validator to refuse with a message naming the field.
    if isinstance(values, str):
        return (values,)
    if isinstance(values, Iterable):
        return tuple(values)
    return values


def _sorted(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(values))


def _frozen_metadata(value: Metadata | None) -> Metadata:
    if value is None:
        return {}
    return dict(value) if isinstance(value, Mapping) else value


def wrong_type(where: str, expected: str, value: object) -> TypeError:
    """The error for a value of the wrong type: ``Claim.id must be a str; got 7 (int)``."""
    return TypeError(
        f"{where} must be {expected}; got {reprlib.repr(value)} ({type(value).__name__})"
    )


def _field(instance: Any, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name.lstrip('_')}"


def _text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str):
        raise wrong_type(_field(instance, attribute), "a str", value)


def _optional_text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise wrong_type(_field(instance, attribute), "a str or None", value)


def _texts(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple):
        raise wrong_type(_field(instance, attribute), "a str or an iterable of str", value)
    for item in value:
        if not isinstance(item, str):
            raise wrong_type(f"each of {_field(instance, attribute)}", "a str", item)


def _metadata(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Mapping):
        raise wrong_type(_field(instance, attribute), "a mapping with str keys", value)
    for key in value:
        if not isinstance(key, str):
            raise wrong_type(f"each key of {_field(instance, attribute)}", "a str", key)


def _metadata_field() -> Any:
    # Excluded from hashing because it may hold unhashable JSON-like values.
    return attrs.field(
        factory=dict, converter=_frozen_metadata, validator=_metadata, hash=False, kw_only=True
    )


E = TypeVar("E", bound=enum.Enum)


def _enum_value(cls: type[E], value: Any) -> Any:
    # A kind may be given by its value ("thesis"), as in map files and the builder; any
    # other type is left for the validator to refuse by name.
    if isinstance(value, str) and not isinstance(value, cls):
        try:
            return cls(value)
        except ValueError:
            known = ", ".join(repr(member.value) for member in cls)
            raise ValueError(f"unknown {cls.__name__} {value!r} (one of: {known})") from None
    return value


def _weight_value(value: Any) -> Any:
    # An int weight (0 or 1 in a map file) is the same base score as its float.
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _weight(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, float):
        raise wrong_type(_field(instance, attribute), "a number from 0 to 1 or None", value)
    if not 0.0 <= value <= 1.0:  # also refuses NaN, which compares false
        raise ValueError(f"{_field(instance, attribute)} must be from 0 to 1; got {value!r}")


def _claim_kind(value: ClaimKind | str) -> ClaimKind:
    kind: ClaimKind = _enum_value(ClaimKind, value)
    return kind


def _relation_kind(value: RelationKind | str) -> RelationKind:
    kind: RelationKind = _enum_value(RelationKind, value)
    return kind


def _member_of(cls: type[enum.Enum]) -> Any:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, cls):
            raise wrong_type(_field(instance, attribute), f"a {cls.__name__} or its value", value)

    return check


def _target(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str | Inference):
        raise wrong_type(_field(instance, attribute), "a claim id (str) or an Inference", value)


def target_key(target: Target) -> tuple[tuple[int, Any], ...]:
    """A flat key that equals another target's exactly when the targets are equal.

    Built in a loop, so that comparing, hashing or sorting an undercut of an undercut of
    ... never recurses, however deep the chain (validation then bounds the depth).

    >>> target_key(Inference(["b", "a"], Inference("c", "d")))
    ((1, ('a', 'b')), (1, ('c',)), (0, 'd'))
    """
    key: list[tuple[int, Any]] = []
    while isinstance(target, Inference):
        key.append((1, tuple(sorted(target.sources))))
        target = target.target
    key.append((0, target))
    return tuple(key)


def _describe(target: Target) -> str:
    parts: list[str] = []
    closing = 0
    while isinstance(target, Inference):
        parts.append(f"({' + '.join(target.sources)} -> ")
        target = target.target
        closing += 1
    return "".join(parts) + target + ")" * closing


@attrs.frozen
class Source:
    """Where the argument comes from: the text the map reads."""

    title: str | None = attrs.field(default=None, validator=_optional_text)
    author: str | None = attrs.field(default=None, validator=_optional_text)
    url: str | None = attrs.field(default=None, validator=_optional_text)
    date: str | None = attrs.field(default=None, validator=_optional_text)
    metadata: Metadata = _metadata_field()


@attrs.frozen
class Actor:
    """Someone to whom the map attributes a motive or a position."""

    id: str = attrs.field(validator=_text)
    name: str = attrs.field(validator=_text)
    metadata: Metadata = _metadata_field()


@attrs.frozen(kw_only=True)
class Claim:
    """One statement of the argument.

    ``text`` is the claim in the map author's words; ``quote`` is an optional verbatim
    span of the source it rests on; ``actor`` names, by id, whose motive a motive is;
    ``weight`` is its base score in [0, 1] for gradual strength (None: the default).

    >>> Claim(id="a", text="A", weight=1.5)
    Traceback (most recent call last):
    ...
    ValueError: Claim.weight must be from 0 to 1; got 1.5
    """

    id: str = attrs.field(validator=_text)
    text: str = attrs.field(validator=_text)
    kind: ClaimKind = attrs.field(
        default=ClaimKind.PREMISE,
        converter=_claim_kind,
        validator=_member_of(ClaimKind),
    )
    quote: str | None = attrs.field(default=None, validator=_optional_text)
    actor: str | None = attrs.field(default=None, validator=_optional_text)
    weight: float | None = attrs.field(default=None, converter=_weight_value, validator=_weight)
    tags: tuple[str, ...] = attrs.field(
        default=(), converter=_str_tuple, validator=_texts, eq=_sorted
    )
    metadata: Metadata = _metadata_field()


@attrs.frozen
class Inference:
    """A reference to a relation by its ends: what an undercut attacks.

    ``Inference(["a", "b"], "c")`` is the inference from *a* and *b* (jointly) to *c*.
    """

    sources: tuple[str, ...] = attrs.field(converter=_str_tuple, validator=_texts, eq=_sorted)
    target: Target = attrs.field(validator=_target, eq=target_key)

    def matches(self, relation: Relation) -> bool:
        """Whether ``relation`` is the inference this reference points at."""
        return sorted(relation.sources) == sorted(self.sources) and relation.target == self.target

    def describe(self) -> str:
        """A short, readable form such as ``(a + b -> c)``."""
        return _describe(self)

    def __repr__(self) -> str:
        # Built in a loop, innermost first: an undercut chain of any depth has a repr.
        levels: list[tuple[str, ...]] = []
        target: Target = self
        while isinstance(target, Inference):
            levels.append(target.sources)
            target = target.target
        text = repr(target)
        for sources in reversed(levels):
            text = f"Inference(sources={sources!r}, target={text})"
        return text


#: A relation points at a claim (by id) or, for an undercut, at an inference.
Target: TypeAlias = str | Inference


@attrs.frozen(kw_only=True)
class Relation:
    """Sources that support, attack or undercut a target.

    Several sources form a *linked* argument: they bear on the target only jointly.
    The target is a claim id, or an :class:`Inference` for an undercut. ``scheme`` names
    the argumentation scheme the relation instantiates (``"expert-opinion"``; see
    :mod:`argmap.analysis.schemes`), whose critical questions lint asks.
    """

    sources: tuple[str, ...] = attrs.field(converter=_str_tuple, validator=_texts, eq=_sorted)
    target: Target = attrs.field(validator=_target, eq=target_key)
    kind: RelationKind = attrs.field(
        default=RelationKind.SUPPORTS,
        converter=_relation_kind,
        validator=_member_of(RelationKind),
    )
    scheme: str | None = attrs.field(default=None, validator=_optional_text)
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
        return f"{' + '.join(self.sources)} {self.kind.value} {_describe(self.target)}"


@attrs.frozen
class Group:
    """Claims that belong together, drawn as a labelled cluster."""

    id: str = attrs.field(validator=_text)
    label: str = attrs.field(validator=_text)
    members: tuple[str, ...] = attrs.field(
        default=(), converter=_str_tuple, validator=_texts, eq=_sorted
    )
    metadata: Metadata = _metadata_field()


def _frozen_colours(value: Mapping[str, str] | None) -> Mapping[str, str]:
    if value is None:
        return {}
    return dict(value) if isinstance(value, Mapping) else value


def _tag_colours(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    where = _field(instance, attribute)
    if not isinstance(value, Mapping):
        raise wrong_type(where, "a mapping of tags to colours", value)
    for tag, colour in value.items():
        if not isinstance(tag, str):
            raise wrong_type(f"each tag of {where}", "a str", tag)
        if not isinstance(colour, str):
            raise wrong_type(f"the colour of tag {tag!r} in {where}", "a str", colour)
        if not is_colour(colour):
            raise ValueError(f"{where}: {colour_error(colour, f'for tag {tag!r}')}")


def _font_paths(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _texts(instance, attribute, value)
    if any(not path for path in value):
        raise ValueError(f"{_field(instance, attribute)} holds an empty path")


@attrs.frozen(kw_only=True)
class MapStyle:
    """How the map asks to be drawn, beyond what the drawing's options say.

    ``tags`` gives some tags a colour (``#rrggbb``, ``#rgb`` or a name of
    :data:`argmap.colours.NAMED_COLOURS`), in which the picture draws their chips;
    ``fonts`` names font files (paths) to draw with. Both are kept as written.

    >>> MapStyle(tags={"empirical": "teal", "normative": "#7b5296"}).tags["empirical"]
    'teal'
    >>> MapStyle(tags={"x": "blu"})
    Traceback (most recent call last):
    ...
    ValueError: MapStyle.tags: unknown colour 'blu' for tag 'x'; did you mean 'blue'? \
(write #rrggbb, or one of: black, blue, brown, green, grey, olive, orange, pink, purple, \
red, teal, white)
    """

    # Excluded from hashing, as metadata is: a mapping is not hashable.
    tags: Mapping[str, str] = attrs.field(
        factory=dict, converter=_frozen_colours, validator=_tag_colours, hash=False
    )
    fonts: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_font_paths)


def _style(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, MapStyle):
        raise wrong_type(_field(instance, attribute), "a MapStyle", value)


def _style_value(value: MapStyle | None) -> MapStyle:
    return MapStyle() if value is None else value


def _parts(items: Iterable[Any]) -> Any:
    # Anything that is not iterable is left for the validator to refuse by name.
    return tuple(items) if isinstance(items, Iterable) and not isinstance(items, str) else items


def _claims(items: Iterable[Claim]) -> tuple[Claim, ...]:
    parts: tuple[Claim, ...] = _parts(items)
    return parts


def _relations(items: Iterable[Relation]) -> tuple[Relation, ...]:
    parts: tuple[Relation, ...] = _parts(items)
    return parts


def _actors(items: Iterable[Actor]) -> tuple[Actor, ...]:
    parts: tuple[Actor, ...] = _parts(items)
    return parts


def _groups(items: Iterable[Group]) -> tuple[Group, ...]:
    parts: tuple[Group, ...] = _parts(items)
    return parts


def _each(cls: type) -> Any:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        expected = f"an iterable of {cls.__name__}"
        if not isinstance(value, tuple):
            raise wrong_type(_field(instance, attribute), expected, value)
        for item in value:
            if not isinstance(item, cls):
                raise wrong_type(
                    f"each of {_field(instance, attribute)}", f"a {cls.__name__}", item
                )

    return check


def _source(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, Source):
        raise wrong_type(_field(instance, attribute), "a Source or None", value)


def _by_id(items: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(sorted(items, key=lambda item: item.id))


def _relation_key(relation: Relation) -> tuple[Any, ...]:
    return (relation.kind.value, tuple(sorted(relation.sources)), target_key(relation.target))


def _relations_eq(relations: tuple[Relation, ...]) -> tuple[Relation, ...]:
    return tuple(sorted(relations, key=_relation_key))


@attrs.frozen(kw_only=True)
class ArgumentMap:
    """A whole argument map.

    Build one with :class:`argmap.MapBuilder`, load one with :func:`argmap.load`, or pass
    the parts directly. Lists become tuples; order is kept but is not part of equality.
    ``style`` is how the map asks to be drawn (:class:`MapStyle`; None: no style).
    """

    title: str | None = attrs.field(default=None, validator=_optional_text)
    source: Source | None = attrs.field(default=None, validator=_source)
    actors: tuple[Actor, ...] = attrs.field(
        default=(), converter=_actors, validator=_each(Actor), eq=_by_id
    )
    claims: tuple[Claim, ...] = attrs.field(
        default=(), converter=_claims, validator=_each(Claim), eq=_by_id
    )
    relations: tuple[Relation, ...] = attrs.field(
        default=(), converter=_relations, validator=_each(Relation), eq=_relations_eq
    )
    groups: tuple[Group, ...] = attrs.field(
        default=(), converter=_groups, validator=_each(Group), eq=_by_id
    )
    style: MapStyle = attrs.field(factory=MapStyle, converter=_style_value, validator=_style)
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

    def _repr_svg_(self) -> str | None:
        """The picture, for Jupyter and other notebooks; None (the notebook then shows
        the text form) for a map that cannot be drawn: no claims, or an error in it,
        which ``argmap.validate(m)`` or ``argmap.render(m)`` name."""
        from argmap.errors import ArgmapError
        from argmap.rendering import render

        try:
            return render(self, "svg").decode("utf-8")
        except ArgmapError:
            return None
