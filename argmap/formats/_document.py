"""The map file schema, shared by YAML and JSON, and its mapping to the model.

The file schema is described by attrs classes (``Document``, ``_ClaimEntry``, ...) that
cattrs structures from plain data, collecting every type error with its path. The
document then becomes an :class:`~argmap.model.ArgumentMap`: the ``supports:`` /
``attacks:`` / ``undercuts:`` shorthand on a claim turns into relations, and each relation
remembers where it was written so that problems point at the right line.

Dumping goes the other way: a relation that the shorthand can say is written on its
source claim, the rest in ``relations:``; defaults are left out; keys keep schema order.

An inference (``{from: a, to: {from: b, to: c}}``) is read and written in a loop, not by
recursion, so that no depth of nesting can exhaust the stack.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from typing import Any, NewType, TypeVar, cast

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from argmap import limits
from argmap.colours import NAMED_COLOURS, colour_error, is_colour
from argmap.errors import Pointer, Problem, ValidationError
from argmap.formats._plain import FlowList, FlowMap, plain
from argmap.model import (
    Actor,
    ArgumentMap,
    Claim,
    ClaimKind,
    Group,
    Inference,
    MapStyle,
    Metadata,
    Relation,
    RelationKind,
    Source,
    Target,
)
from argmap.validation import inference_depth_problems, nearest, validate

__all__ = ["FORMAT_VERSION", "Document", "read", "read_located", "to_data", "to_document"]

#: The version of the map file format this argmap reads and writes (the ``argmap:`` key).
FORMAT_VERSION = 1

#: One id or a list of ids; written as a bare id when there is one.
Ids = NewType("Ids", tuple[str, ...])
#: The ``argmap:`` key: the version of the file format.
Version = NewType("Version", int)
#: A claim's ``weight:``, its base score for gradual strength: a number from 0 to 1.
Weight = NewType("Weight", float)
#: The ``tags:`` of ``style:``: a colour for each tag it names.
TagColours = NewType("TagColours", dict[str, str])
#: The ``fonts:`` of ``style:``: paths of font files, each non-empty text.
FontPaths = NewType("FontPaths", tuple[str, ...])


@attrs.frozen(kw_only=True)
class _ClaimEntry:
    kind: ClaimKind = ClaimKind.PREMISE
    text: str
    quote: str | None = None
    actor: str | None = None
    weight: Weight | None = None
    tags: tuple[str, ...] = ()
    supports: Ids = Ids(())
    attacks: Ids = Ids(())
    undercuts: tuple[Inference, ...] = ()
    metadata: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class _RelationEntry:
    sources: Ids  # written "from"
    target: Target  # written "to"
    kind: RelationKind = RelationKind.SUPPORTS
    scheme: str | None = None
    metadata: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class _ActorEntry:
    name: str
    metadata: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class _GroupEntry:
    label: str
    members: tuple[str, ...] = ()
    metadata: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class _StyleEntry:
    tags: TagColours = attrs.field(factory=lambda: TagColours({}))
    fonts: FontPaths = attrs.field(factory=lambda: FontPaths(()))


@attrs.frozen(kw_only=True)
class Document:
    """A map file as written: the schema of YAML and JSON map files."""

    argmap: Version = Version(FORMAT_VERSION)
    title: str | None = None
    source: Source | None = None
    actors: dict[str, _ActorEntry] = attrs.field(factory=dict)
    claims: dict[str, _ClaimEntry] = attrs.field(factory=dict)
    relations: tuple[_RelationEntry, ...] = ()
    groups: dict[str, _GroupEntry] = attrs.field(factory=dict)
    style: _StyleEntry | None = None
    metadata: dict[str, Any] = attrs.field(factory=dict)


# The file says "from" and "to" where Python cannot.
_RENAMED = {"sources": "from", "target": "to"}
_SHORTHAND = (("supports", RelationKind.SUPPORTS), ("attacks", RelationKind.ATTACKS))


class SchemaError(ValueError):
    """A value of the wrong shape, with a message for the map's author.

    ``at`` is where, below the value a hook was given; ``code`` is the problem's code.
    """

    def __init__(self, message: str, at: Pointer = (), code: str = "type") -> None:
        super().__init__(message)
        self.at = at
        self.code = code


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _unknown_key(key: str, allowed: list[str], at: Pointer) -> SchemaError:
    suggestion = nearest(key, allowed, n=1, close_only=True)
    hint = f"; did you mean {suggestion[0]!r}?" if suggestion else ""
    return SchemaError(
        f"unknown key {key!r}{hint} (expected one of: {', '.join(allowed)})",
        (*at, key),
        "unknown-key",
    )


def _structure_str(value: Any, _: type) -> str:
    if isinstance(value, str):
        return value
    hint = "; put it in quotes to keep it as text" if isinstance(value, int | float | bool) else ""
    raise SchemaError(f"expected text, got {_describe(value)}{hint}")


def _ids(value: Any, at: Pointer = ()) -> tuple[tuple[str, ...], list[SchemaError]]:
    """The ids ``value`` holds, and an error for each item that is not one."""
    if isinstance(value, str):
        return (value,), []
    if not isinstance(value, list):
        return (), [SchemaError(f"expected an id or a list of ids, got {_describe(value)}", at)]
    errors = [
        SchemaError(f"expected an id (text), got {_describe(item)}", (*at, index))
        for index, item in enumerate(value)
        if not isinstance(item, str)
    ]
    return tuple(value), errors


def _structure_ids(value: Any, _: type) -> tuple[str, ...]:
    ids, errors = _ids(value)
    if errors:
        raise ExceptionGroup("invalid ids", errors)
    return ids


def _structure_version(value: Any, _: type) -> Version:
    if value != FORMAT_VERSION or isinstance(value, bool):
        raise SchemaError(
            f"this is map format {value!r}; this argmap reads format {FORMAT_VERSION} "
            "(write 'argmap: 1', or upgrade argmap)"
        )
    return Version(FORMAT_VERSION)


def _structure_weight(value: Any, _: type) -> Weight:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if not number or not 0 <= value <= 1:  # NaN compares false, so it is refused too
        raise SchemaError(
            f"expected a weight, a number from 0 to 1 (the claim's base score), "
            f"got {_describe(value)}"
        )
    return Weight(float(value))


_COLOUR_WANTED = f"a colour (#rrggbb, or one of: {', '.join(NAMED_COLOURS)})"


def _structure_tag_colours(value: Any, _: type) -> TagColours:
    """The colour of each tag ``style: {tags: ...}`` names, every wrong one reported."""
    if not isinstance(value, dict):
        raise SchemaError(f"expected a mapping of tags to colours, got {_describe(value)}")
    errors: list[SchemaError] = []
    for tag, colour in value.items():
        if not isinstance(tag, str):
            errors.append(
                SchemaError(f"expected a tag (text), got {_describe(tag)}; put it in quotes")
            )
        elif not isinstance(colour, str):
            wanted = f"expected {_COLOUR_WANTED}, got {_describe(colour)}"
            errors.append(SchemaError(wanted, (tag,)))
        elif not is_colour(colour):
            wrong = colour_error(colour, f"for tag {tag!r}")
            errors.append(SchemaError(wrong, (tag,), "unknown-colour"))
    if errors:
        raise ExceptionGroup("invalid tag colours", errors)
    return TagColours(dict(value))


def _structure_font_paths(value: Any, _: type) -> FontPaths:
    """The paths ``style: {fonts: ...}`` lists: a list of non-empty text."""
    if not isinstance(value, list):
        hint = f"; write one as a list: [{value}]" if isinstance(value, str) else ""
        raise SchemaError(f"expected a list of font files' paths, got {_describe(value)}{hint}")
    errors = [
        SchemaError(f"expected a font file's path (text), got {_describe(item)}", (index,))
        for index, item in enumerate(value)
        if not isinstance(item, str)
    ]
    errors += [
        SchemaError("a font file's path is empty; write the path of a .ttf or .otf file", (i,))
        for i, item in enumerate(value)
        if item == ""
    ]
    if errors:
        raise ExceptionGroup("invalid font paths", errors)
    return FontPaths(tuple(value))


E = TypeVar("E", bound=enum.Enum)


@functools.cache
def _members(cls: type[enum.Enum]) -> dict[Any, enum.Enum]:
    """The members of ``cls`` by value (built once: every claim and relation asks)."""
    return {member.value: member for member in cls}


def _enum_hook(what: str) -> Callable[[Any, type[E]], E]:
    def structure(value: Any, cls: type[E]) -> E:
        if isinstance(value, str):
            member = _members(cls).get(value)
            if member is not None:
                return cast(E, member)
        names = [member.value for member in cls]
        known = ", ".join(names)
        if not isinstance(value, str):
            raise SchemaError(f"expected a {what}, got {_describe(value)} (one of: {known})")
        hint = nearest(value, names, n=1, close_only=True)
        suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
        raise SchemaError(
            f"unknown {what} {value!r}{suggestion} (one of: {known})", code="unknown-kind"
        )

    return structure


_INFERENCE_KEYS = ["from", "to"]
_NOT_AN_INFERENCE = "expected an inference {from: ..., to: ...}"


def _structure_inference(value: Any) -> Inference:
    """The inference ``{from: ..., to: ...}`` in ``value``, read level by level.

    Raises an ``ExceptionGroup`` of :class:`SchemaError` naming every broken level.
    """
    levels: list[tuple[str, ...]] = []
    errors: list[SchemaError] = []
    node = value
    while True:
        at: Pointer = ("to",) * len(levels)  # made only here, not copied at each level
        if not isinstance(node, dict):
            errors.append(SchemaError(f"{_NOT_AN_INFERENCE}, got {_describe(node)}", at))
            break
        errors.extend(
            _unknown_key(key, _INFERENCE_KEYS, at) for key in node if key != "from" and key != "to"
        )
        for key in _INFERENCE_KEYS:
            if key not in node:
                errors.append(SchemaError(f"missing required key {key!r}", at, "missing-key"))
        sources, wrong = _ids(node["from"], (*at, "from")) if "from" in node else ((), [])
        errors.extend(wrong)
        levels.append(sources)
        node = node.get("to", "")
        if isinstance(node, str):
            break
        if not isinstance(node, dict):
            errors.append(
                SchemaError(
                    "expected a claim id or an inference {from: ..., to: ...}, "
                    f"got {_describe(node)}",
                    (*at, "to"),
                )
            )
            break
    if errors:
        raise ExceptionGroup("invalid inference", errors)
    target: Target = node
    for sources in reversed(levels):
        target = Inference(sources, target)
    assert isinstance(target, Inference)
    return target


def _structure_target(value: Any, _: type) -> Target:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _structure_inference(value)
    raise SchemaError(
        f"expected a claim id or an inference {{from: ..., to: ...}}, got {_describe(value)}"
    )


def _structure_inferences(value: Any, _: type) -> tuple[Inference, ...]:
    if isinstance(value, dict):
        return (_structure_inference(value),)
    if not isinstance(value, list):
        raise SchemaError(f"{_NOT_AN_INFERENCE} or a list of them, got {_describe(value)}")
    inferences: list[Inference] = []
    errors: list[SchemaError] = []
    for index, item in enumerate(value):
        try:
            inferences.append(_structure_inference(item))
        except ExceptionGroup as group:
            errors.extend(_moved(error, (index,)) for error in group.exceptions)
    if errors:
        raise ExceptionGroup("invalid inferences", errors)
    return tuple(inferences)


def _moved(error: Exception, at: Pointer) -> SchemaError:
    assert isinstance(error, SchemaError)
    return SchemaError(str(error), (*at, *error.at), error.code)


def _structure_metadata(value: Any, _: type) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raise SchemaError(f"expected a mapping, got {_describe(value)}")


def _unstructure_target(target: Target) -> Any:
    # Innermost first, so that no depth of nesting recurses.
    levels: list[tuple[str, ...]] = []
    while isinstance(target, Inference):
        levels.append(target.sources)
        target = target.target
    written: Any = target
    for sources in reversed(levels):
        written = FlowMap({"from": _unstructure_ids(sources), "to": written})
    return written


def _unstructure_inferences(inferences: tuple[Inference, ...]) -> Any:
    written = [_unstructure_target(i) for i in inferences]
    return written[0] if len(written) == 1 else written


def _unstructure_ids(ids: tuple[str, ...]) -> Any:
    return ids[0] if len(ids) == 1 else FlowList(ids)


def _exactly(cls: Any) -> Callable[[Any], bool]:
    # Generic aliases such as tuple[str, ...] cannot be registered by class.
    return lambda candidate: bool(candidate == cls)


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    structure_hooks: list[tuple[Any, Callable[[Any, Any], Any]]] = [
        (str, _structure_str),
        (Ids, _structure_ids),
        (tuple[str, ...], _structure_ids),
        (Version, _structure_version),
        (Weight, _structure_weight),
        (TagColours, _structure_tag_colours),
        (FontPaths, _structure_font_paths),
        (tuple[Inference, ...], _structure_inferences),
        (ClaimKind, _enum_hook("claim kind")),
        (RelationKind, _enum_hook("relation kind")),
        (Target, _structure_target),
        (Inference, lambda value, _: _structure_inference(value)),
        (dict[str, Any], _structure_metadata),
        (Metadata, _structure_metadata),
    ]
    for cls, structure_hook in structure_hooks:
        if isinstance(cls, type):  # classes must go through the dispatch that owns them
            converter.register_structure_hook(cls, structure_hook)
        else:
            converter.register_structure_hook_func(_exactly(cls), structure_hook)
    unstructure_hooks: list[tuple[Any, Callable[[Any], Any]]] = [
        (Target, _unstructure_target),
        (Ids, _unstructure_ids),
        (tuple[str, ...], FlowList),
        (FontPaths, FlowList),
        (TagColours, dict),
        (tuple[Inference, ...], _unstructure_inferences),
        # Metadata is plain data already: plain() copies it, checking as it goes,
        # where cattrs would recurse into it.
        (dict[str, Any], lambda value: value),
    ]
    for cls, unstructure_hook in unstructure_hooks:
        converter.register_unstructure_hook_func(_exactly(cls), unstructure_hook)
    sources, target = override(rename="from"), override(rename="to")
    converter.register_structure_hook(
        _RelationEntry,
        make_dict_structure_fn(
            _RelationEntry,
            converter,
            _cattrs_forbid_extra_keys=True,
            sources=sources,
            target=target,
        ),
    )
    converter.register_unstructure_hook(
        _RelationEntry,
        make_dict_unstructure_fn(
            _RelationEntry,
            converter,
            _cattrs_omit_if_default=True,
            sources=sources,
            target=target,
        ),
    )
    # Leaves first: a class's hook is built from the hooks of its fields' classes.
    for cls in (Source, _ClaimEntry, _ActorEntry, _GroupEntry, _StyleEntry, Document):
        converter.register_unstructure_hook(
            cls,
            _in_field_order(
                cls, make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True)
            ),
        )
    return converter


def _in_field_order(
    cls: type, unstructure: Callable[[Any], dict[str, Any]]
) -> Callable[[Any], dict[str, Any]]:
    # cattrs writes the keys without defaults first; the file keeps the schema's order.
    order = [a.name for a in attrs.fields(cls)]

    def ordered(value: Any) -> dict[str, Any]:
        data = unstructure(value)
        return {key: data[key] for key in order if key in data}

    return ordered


_converter = _make_converter()


# Structuring: plain data -> document, with every error as a located problem, and the
# readable part of each broken entry kept so that the remaining checks still run.

#: Keys whose value is a list of items: a broken item is dropped, the others kept.
_ITEMS = {"supports", "attacks", "undercuts", "tags", "members", "from", "fonts"}
#: What stands in for a required value that could not be read (the checks that would
#: look at it are told it was not read).
_PLACEHOLDERS: dict[str, Any] = {"text": "", "name": "", "label": "", "from": [], "to": ""}
_MISSING = object()


@attrs.frozen
class Structured:
    """What ``structure`` read of a document.

    ``unread`` points (into the data) at values that could not be read, and ``kept``
    gives, for each list some items of which were dropped, the positions of the others.
    """

    document: Document | None
    problems: list[Problem]
    unread: frozenset[Pointer] = frozenset()
    kept: dict[Pointer, tuple[int, ...]] = attrs.field(factory=dict)


def structure(data: Any) -> Structured:
    """The document in ``data`` and the problems that kept parts of it from being read.

    Every readable value is kept: an entry with a broken value keeps its other values,
    a list with a broken item its other items. Only errors in the data become problems;
    any other exception propagates.
    """
    if not isinstance(data, dict):
        message = f"a map file holds a mapping with 'claims:' at the top, not {_describe(data)}"
        return Structured(None, [Problem(message, code="not-a-map")])
    reader = _Reader()
    parts = {"actors", "claims", "relations", "groups", "source", "style"}
    head = reader.entry({k: v for k, v in data.items() if k not in parts}, Document, ())
    assert head is not None  # a mapping always gives an entry
    source, style = data.get("source"), data.get("style")
    document = attrs.evolve(
        head,
        source=None if source is None else reader.entry(source, Source, ("source",)),
        style=None if style is None else reader.entry(style, _StyleEntry, ("style",)),
        actors=reader.section(data.get("actors", _MISSING), "actors", _ActorEntry),
        claims=reader.section(data.get("claims", _MISSING), "claims", _ClaimEntry),
        relations=reader.relations(data.get("relations", _MISSING)),
        groups=reader.section(data.get("groups", _MISSING), "groups", _GroupEntry),
    )
    return Structured(document, reader.problems, frozenset(reader.unread), reader.kept)


T = TypeVar("T", bound=attrs.AttrsInstance)


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.unread: set[Pointer] = set()
        self.kept: dict[Pointer, tuple[int, ...]] = {}
        self.most = limits.current().problems

    @property
    def full(self) -> bool:
        """Whether more problems were found than are reported: reading may stop."""
        return len(self.problems) > self.most

    def wrong(self, message: str, here: Pointer) -> None:
        self.problems.append(Problem(message, code="type", pointer=here))
        self.unread.add(here)

    def section(self, value: Any, name: str, cls: type[T]) -> dict[str, T]:
        if value is _MISSING:
            return {}
        if not isinstance(value, dict):
            self.wrong(f"expected a mapping, got {_describe(value)}", (name,))
            return {}
        entries: dict[str, T] = {}
        for key, item in value.items():
            if self.full:
                break
            entry = self.entry(item, cls, (name, key))
            if entry is not None:
                entries[key] = entry
        return entries

    def relations(self, value: Any) -> tuple[_RelationEntry, ...]:
        if value is _MISSING:
            return ()
        if not isinstance(value, list):
            self.wrong(f"expected a list of relations, got {_describe(value)}", ("relations",))
            return ()
        entries = [
            None if self.full else self.entry(item, _RelationEntry, ("relations", i))
            for i, item in enumerate(value)
        ]
        self.kept[("relations",)] = tuple(i for i, e in enumerate(entries) if e is not None)
        return tuple(entry for entry in entries if entry is not None)

    def entry(self, value: Any, cls: type[T], here: Pointer) -> T | None:
        """``value`` as a ``cls``: what could be read of it, or None if it is no mapping."""
        if not isinstance(value, dict):
            self.wrong(f"expected a mapping, got {_describe(value)}", here)
            return None
        data = dict(value)
        required = [
            _RENAMED.get(a.name, a.name) for a in attrs.fields(cls) if a.default is attrs.NOTHING
        ]
        for key in required:
            if key not in data:
                self.problems.append(
                    Problem(f"missing required key {key!r}", code="missing-key", pointer=here)
                )
                self.unread.add((*here, key))
                data[key] = _PLACEHOLDERS[key]
        try:
            structured: T = _converter.structure(data, cls)
            return structured
        except cattrs.ClassValidationError as error:
            found = list(_problems(error, here))
        self.problems.extend(found)
        # What to drop: a whole value (None), or some items of a list.
        broken: dict[str, set[int] | None] = {}
        for problem in found:
            key, *rest = problem.pointer[len(here) :]
            assert isinstance(key, str)  # every error of an entry is under one of its keys
            if problem.code == "unknown-key" and not rest:
                del data[key]
            elif (
                key in _ITEMS and rest and isinstance(rest[0], int) and isinstance(data[key], list)
            ):
                items = broken.setdefault(key, set())
                if items is not None:
                    items.add(rest[0])
            else:
                broken[key] = None
        for key, items in broken.items():
            self.unread.add((*here, key))
            if items is not None:
                kept = tuple(i for i in range(len(data[key])) if i not in items)
                data[key] = [data[key][i] for i in kept]
                self.kept[(*here, key)] = kept
            elif key in required:
                data[key] = _PLACEHOLDERS[key]
            else:
                del data[key]
        salvaged: T = _converter.structure(data, cls)
        return salvaged


def _problems(error: BaseException, path: Pointer) -> list[Problem]:
    """The problems an error of cattrs or of a hook stands for; other errors are raised."""
    here = (*path, *_note_path(error))
    if isinstance(error, BaseExceptionGroup):  # cattrs's groups and the hooks'
        return [problem for sub in error.exceptions for problem in _problems(sub, here)]
    if isinstance(error, ForbiddenExtraKeysError):
        allowed = [
            _RENAMED.get(a.name, a.name)
            for a in attrs.fields(error.cl)
            if a.init and not a.name.startswith("_")
        ]
        return [
            Problem(str(found), code=found.code, pointer=found.at)
            for found in (_unknown_key(key, allowed, here) for key in sorted(error.extra_fields))
        ]
    if isinstance(error, SchemaError):
        return [Problem(str(error), code=error.code, pointer=(*here, *error.at))]
    # Not a problem of the data but a defect of argmap: it must not pass for one.
    raise error


def _note_path(error: BaseException) -> Pointer:
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return (_RENAMED.get(note.name, note.name),)
    return ()


# Document -> model, remembering where each relation was written.


def to_model(document: Document) -> tuple[ArgumentMap, list[Pointer]]:
    """The map a document describes, and for each relation the pointer it came from.

    The pointers count positions in the document, which may have fewer items than the
    file; :func:`file_pointer` counts them in the file.
    """
    claims: list[Claim] = []
    relations: list[Relation] = []
    origins: list[Pointer] = []
    for claim_id, entry in document.claims.items():
        claims.append(
            Claim(
                id=claim_id,
                text=entry.text,
                kind=entry.kind,
                quote=entry.quote,
                actor=entry.actor,
                weight=entry.weight,
                tags=entry.tags,
                metadata=entry.metadata,
            )
        )
        shorthand: list[tuple[str, RelationKind, tuple[Target, ...]]] = [
            (key, kind, getattr(entry, key)) for key, kind in _SHORTHAND
        ]
        shorthand.append(("undercuts", RelationKind.UNDERCUTS, entry.undercuts))
        for key, kind, targets in shorthand:
            for position, target in enumerate(targets):
                relations.append(Relation(sources=(claim_id,), target=target, kind=kind))
                origins.append(("claims", claim_id, key, position))
    for position, relation in enumerate(document.relations):
        relations.append(
            Relation(
                sources=relation.sources,
                target=relation.target,
                kind=relation.kind,
                scheme=relation.scheme,
                metadata=relation.metadata,
            )
        )
        origins.append(("relations", position))
    argmap = ArgumentMap(
        title=document.title,
        source=document.source,
        actors=[Actor(i, a.name, metadata=a.metadata) for i, a in document.actors.items()],
        claims=claims,
        relations=relations,
        groups=[
            Group(i, g.label, g.members, metadata=g.metadata) for i, g in document.groups.items()
        ],
        style=_style_of(document.style),
        metadata=document.metadata,
    )
    return argmap, origins


def _style_of(entry: _StyleEntry | None) -> MapStyle:
    return MapStyle() if entry is None else MapStyle(tags=entry.tags, fonts=entry.fonts)


def file_pointer(
    pointer: Pointer, origins: list[Pointer], kept: dict[Pointer, tuple[int, ...]]
) -> Pointer:
    """Turn a model pointer (``("relations", 3, "to")``) into one into the file."""
    if len(pointer) >= 2 and pointer[0] == "relations" and isinstance(pointer[1], int):
        origin = origins[pointer[1]]
        rest = pointer[2:]
        if origin[0] == "relations":
            pointer = (*origin, *rest)
        else:
            # Shorthand: the claim is the source, the listed id the target.
            pointer = origin[:2] if rest[:1] == ("from",) else origin
    # Count positions in lists that lost broken items as the file does.
    counted: list[str | int] = []
    for part in pointer:
        if isinstance(part, int):
            positions = kept.get(tuple(counted))
            if positions is not None:
                part = positions[part]
        counted.append(part)
    return tuple(counted)


def read(data: Any, *, complete: bool = True) -> tuple[ArgumentMap | None, list[Problem]]:
    """The map that plain data describes, and every problem of it, pointing into the data.

    The map is None when the data is no mapping at all. Otherwise it holds what could be
    read (an unreadable required text is empty), and every check that does not depend on
    an unreadable value has run. The problems are errors, then warnings; ``complete``
    false says that the data lost something already (a duplicate key dropped), so that
    what the map lacks is not judged (see :func:`argmap.validate`).
    """
    argmap, problems, _ = read_located(data, complete=complete)
    return argmap, problems


def _same(pointer: Pointer) -> Pointer:
    return pointer


def read_located(
    data: Any, *, complete: bool = True
) -> tuple[ArgumentMap | None, list[Problem], Callable[[Pointer], Pointer]]:
    """Like :func:`read`, with the function that turns a pointer into the model
    (``("relations", 3)``, ``("claims", "a", "quote")``) into one into the data."""
    structured = structure(data)
    most = limits.current().problems
    if structured.document is None or len(structured.problems) > most:
        return None, structured.problems, _same
    argmap, origins = to_model(structured.document)

    def in_file(pointer: Pointer) -> Pointer:
        return file_pointer(pointer, origins, structured.kept)

    # The unread values of relations as validation sees them: by position in the model.
    unread = {p for p in structured.unread if p[0] != "relations"}
    if any(p[0] == "relations" and len(p) <= 2 for p in structured.unread):
        unread.add(("relations",))  # a relation whose ends are unknown
    for index, origin in enumerate(origins):
        if origin[0] == "relations":
            written = in_file(("relations", index))
            unread.update(
                ("relations", index, key)
                for key in ("from", "to", "kind")
                if (*written, key) in structured.unread
            )
    problems = structured.problems + [
        attrs.evolve(problem, pointer=in_file(problem.pointer))
        for problem in validate(
            argmap,
            unread=unread,
            most=most - len(structured.problems),
            complete=complete and not structured.problems,
        )
    ]
    return argmap, problems, in_file


# Model -> document -> plain data.


def _shorthand_key(relation: Relation, claim_ids: set[str]) -> str | None:
    # The shorthand names only the target: a scheme or metadata needs the long form.
    if (
        relation.metadata
        or relation.scheme is not None
        or len(relation.sources) != 1
        or relation.sources[0] not in claim_ids
    ):
        return None
    if relation.kind is RelationKind.UNDERCUTS:
        return "undercuts" if isinstance(relation.target, Inference) else None
    if not isinstance(relation.target, str):
        return None
    return str(relation.kind.value)


def to_document(argmap: ArgumentMap) -> Document:
    """The document that writes ``argmap`` most tidily: shorthand wherever it fits."""
    claim_ids = {c.id for c in argmap.claims}
    on_claim: dict[str, dict[str, list[Any]]] = {}
    long_form: list[_RelationEntry] = []
    for relation in argmap.relations:
        key = _shorthand_key(relation, claim_ids)
        if key is None:
            long_form.append(
                _RelationEntry(
                    sources=Ids(relation.sources),
                    target=relation.target,
                    kind=relation.kind,
                    scheme=relation.scheme,
                    metadata=dict(relation.metadata),
                )
            )
        else:
            on_claim.setdefault(relation.sources[0], {}).setdefault(key, []).append(
                relation.target
            )
    claims = {}
    for claim in argmap.claims:
        extra = on_claim.get(claim.id, {})
        claims[claim.id] = _ClaimEntry(
            kind=claim.kind,
            text=claim.text,
            quote=claim.quote,
            actor=claim.actor,
            weight=None if claim.weight is None else Weight(claim.weight),
            tags=claim.tags,
            supports=Ids(tuple(extra.get("supports", ()))),
            attacks=Ids(tuple(extra.get("attacks", ()))),
            undercuts=tuple(extra.get("undercuts", ())),
            metadata=dict(claim.metadata),
        )
    return Document(
        title=argmap.title,
        source=argmap.source,
        actors={a.id: _ActorEntry(name=a.name, metadata=dict(a.metadata)) for a in argmap.actors},
        claims=claims,
        relations=tuple(long_form),
        groups={
            g.id: _GroupEntry(label=g.label, members=g.members, metadata=dict(g.metadata))
            for g in argmap.groups
        },
        style=None
        if argmap.style == MapStyle()
        else _StyleEntry(
            tags=TagColours(dict(argmap.style.tags)), fonts=FontPaths(argmap.style.fonts)
        ),
        metadata=dict(argmap.metadata),
    )


def to_data(argmap: ArgumentMap) -> dict[str, Any]:
    """Plain data (dicts, lists, strings) for ``argmap``, keys in schema order.

    Raises :class:`ValidationError` when the map cannot be written as a file that reads
    back: inferences or metadata nested too deep, text that is not Unicode characters,
    metadata that is not plain data (see :func:`argmap.formats._plain.plain`).
    """
    too_deep = inference_depth_problems(argmap)
    if too_deep:
        raise ValidationError(too_deep.values())
    data: dict[str, Any] = _converter.unstructure(to_document(argmap))
    # The version always comes first, even though it equals its default.
    written: dict[str, Any] = plain({"argmap": FORMAT_VERSION, **data})
    return written
