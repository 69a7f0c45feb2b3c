"""The map file schema, shared by YAML and JSON, and its mapping to the model.

The file schema is described by attrs classes (``_Document``, ``_ClaimEntry``, ...) that
cattrs structures from plain data, collecting every type error with its path. The
document then becomes an :class:`~argmap.model.ArgumentMap`: the ``supports:`` /
``attacks:`` / ``undercuts:`` shorthand on a claim turns into relations, and each relation
remembers where it was written so that problems point at the right line.

Dumping goes the other way: a relation that the shorthand can say is written on its
source claim, the rest in ``relations:``; defaults are left out; keys keep schema order.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any, NewType, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from argmap.errors import Pointer, Problem
from argmap.model import (
    Actor,
    ArgumentMap,
    Claim,
    ClaimKind,
    Group,
    Inference,
    Metadata,
    Relation,
    RelationKind,
    Source,
    Target,
)
from argmap.validation import nearest

__all__ = ["FORMAT_VERSION", "Document", "to_data", "to_document"]

#: The version of the map file format this argmap reads and writes (the ``argmap:`` key).
FORMAT_VERSION = 1

#: One id or a list of ids; written as a bare id when there is one.
Ids = NewType("Ids", tuple[str, ...])
#: The ``argmap:`` key: the version of the file format.
Version = NewType("Version", int)


@attrs.frozen(kw_only=True)
class _ClaimEntry:
    kind: ClaimKind = ClaimKind.PREMISE
    text: str
    quote: str | None = None
    actor: str | None = None
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
class Document:
    """A map file as written: the schema of YAML and JSON map files."""

    argmap: Version = Version(FORMAT_VERSION)
    title: str | None = None
    source: Source | None = None
    actors: dict[str, _ActorEntry] = attrs.field(factory=dict)
    claims: dict[str, _ClaimEntry] = attrs.field(factory=dict)
    relations: tuple[_RelationEntry, ...] = ()
    groups: dict[str, _GroupEntry] = attrs.field(factory=dict)
    metadata: dict[str, Any] = attrs.field(factory=dict)


# The file says "from" and "to" where Python cannot.
_RENAMED = {"sources": "from", "target": "to"}
_SHORTHAND = (("supports", RelationKind.SUPPORTS), ("attacks", RelationKind.ATTACKS))


class SchemaError(ValueError):
    """A value of the wrong shape, with a message for the map's author."""


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


def _structure_str(value: Any, _: type) -> str:
    if isinstance(value, str):
        return value
    hint = "; put it in quotes to keep it as text" if isinstance(value, int | float | bool) else ""
    raise SchemaError(f"expected text, got {_describe(value)}{hint}")


def _structure_ids(value: Any, _: type) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise SchemaError(f"expected an id or a list of ids, got {_describe(value)}")
    errors: list[Exception] = []
    for index, item in enumerate(value):
        if not isinstance(item, str):
            error = SchemaError(f"expected an id (text), got {_describe(item)}")
            error.add_note(IterableValidationNote(f"@ index {index}", index, str))
            errors.append(error)
    if errors:
        raise IterableValidationError("invalid ids", errors, tuple)
    return tuple(value)


def _structure_version(value: Any, _: type) -> Version:
    if value != FORMAT_VERSION or isinstance(value, bool):
        raise SchemaError(
            f"this is map format {value!r}; this argmap reads format {FORMAT_VERSION} "
            "(write 'argmap: 1', or upgrade argmap)"
        )
    return Version(FORMAT_VERSION)


E = TypeVar("E", bound=enum.Enum)


def _enum_hook(what: str) -> Callable[[Any, type[E]], E]:
    def structure(value: Any, cls: type[E]) -> E:
        names = [member.value for member in cls]
        if value in names:
            return cls(value)
        hint = nearest(str(value), names, n=1, close_only=True) if isinstance(value, str) else []
        suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
        raise SchemaError(
            f"unknown {what} {_describe(value)}{suggestion} (one of: {', '.join(names)})"
        )

    return structure


def _structure_target(value: Any, _: type) -> Target:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _converter.structure(value, Inference)
    raise SchemaError(
        f"expected a claim id or an inference {{from: ..., to: ...}}, got {_describe(value)}"
    )


def _structure_inferences(value: Any, _: type) -> tuple[Inference, ...]:
    if isinstance(value, dict):
        return (_converter.structure(value, Inference),)
    if isinstance(value, list):
        return tuple(_converter.structure(value, list[Inference]))
    raise SchemaError(
        f"expected an inference {{from: ..., to: ...}} or a list of them, got {_describe(value)}"
    )


def _structure_relations(value: Any, _: type) -> tuple[_RelationEntry, ...]:
    if not isinstance(value, list):
        raise SchemaError(f"expected a list of relations, got {_describe(value)}")
    return tuple(_converter.structure(value, list[_RelationEntry]))


def _structure_metadata(value: Any, _: type) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raise SchemaError(f"expected a mapping, got {_describe(value)}")


def _unstructure_target(target: Target) -> Any:
    return target if isinstance(target, str) else _converter.unstructure(target, Inference)


def _unstructure_inferences(inferences: tuple[Inference, ...]) -> Any:
    written = [_unstructure_target(i) for i in inferences]
    return written[0] if len(written) == 1 else written


def _unstructure_ids(ids: tuple[str, ...]) -> Any:
    return ids[0] if len(ids) == 1 else FlowList(ids)


class FlowList(list[Any]):
    """A short list that YAML writes on one line: ``[a, b]``."""


class FlowMap(dict[str, Any]):
    """A small mapping that YAML writes on one line: ``{from: a, to: c}``."""


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
        (tuple[Inference, ...], _structure_inferences),
        (tuple[_RelationEntry, ...], _structure_relations),
        (ClaimKind, _enum_hook("claim kind")),
        (RelationKind, _enum_hook("relation kind")),
        (Target, _structure_target),
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
        (tuple[Inference, ...], _unstructure_inferences),
    ]
    for cls, unstructure_hook in unstructure_hooks:
        converter.register_unstructure_hook_func(_exactly(cls), unstructure_hook)
    sources, target = override(rename="from"), override(rename="to")
    for cls in (_RelationEntry, Inference):
        structure_fn = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True, sources=sources, target=target
        )
        converter.register_structure_hook(cls, structure_fn)
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
    inference_fn = make_dict_unstructure_fn(
        Inference,
        converter,
        sources=override(rename="from", unstruct_hook=_unstructure_ids),
        target=target,
    )
    converter.register_unstructure_hook(Inference, lambda i: FlowMap(inference_fn(i)))
    # Leaves first: a class's hook is built from the hooks of its fields' classes.
    for cls in (Source, _ClaimEntry, _ActorEntry, _GroupEntry, Document):
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


# Structuring: plain data -> document, with every error as a located problem.


@attrs.frozen
class Structured:
    """The readable part of a document, what kept the rest from being read, and for each
    of its ``relations`` the index it had in the file (broken ones are left out)."""

    document: Document | None
    problems: list[Problem]
    relation_positions: tuple[int, ...] = ()


def structure(data: Any) -> Structured:
    """The document in ``data`` and the problems that kept parts of it from being read.

    When some entries are broken, the document holds the rest (so that the remaining
    checks can still run) and the problems name what was dropped.
    """
    if not isinstance(data, dict):
        message = f"a map file holds a mapping with 'claims:' at the top, not {_describe(data)}"
        return Structured(None, [Problem(message, code="not-a-map")])
    relations = data.get("relations")
    positions = tuple(range(len(relations))) if isinstance(relations, list) else ()
    try:
        return Structured(_converter.structure(data, Document), [], positions)
    except Exception as error:  # cattrs raises groups of the leaf errors
        problems = list(_problems(error, (), data))
    broken: dict[str, set[str | int]] = {}
    for problem in problems:
        if len(problem.pointer) >= 2 and isinstance(
            data.get(str(problem.pointer[0])), dict | list
        ):
            broken.setdefault(str(problem.pointer[0]), set()).add(problem.pointer[1])
        elif problem.pointer:
            broken.setdefault(str(problem.pointer[0]), set())
    salvaged = {}
    for key, value in data.items():
        if key not in broken:
            salvaged[key] = value
        elif isinstance(value, dict) and broken[key]:
            salvaged[key] = {k: v for k, v in value.items() if k not in broken[key]}
        elif isinstance(value, list) and broken[key]:
            salvaged[key] = [v for i, v in enumerate(value) if i not in broken[key]]
    positions = tuple(i for i in positions if i not in broken.get("relations", ()))
    try:
        return Structured(_converter.structure(salvaged, Document), problems, positions)
    except Exception:
        return Structured(None, problems)


def broken_ids(problems: list[Problem], section: str) -> set[str]:
    """Ids of entries of ``section`` that are in the file but could not be read."""
    return {str(p.pointer[1]) for p in problems if len(p.pointer) >= 2 and p.pointer[0] == section}


def _expected(cls: Any) -> str:
    """What a value of type ``cls`` looks like in a map file."""
    options = [a for a in typing.get_args(cls) if a is not type(None)]
    if typing.get_origin(cls) in (typing.Union, types.UnionType) and len(options) == 1:
        cls = options[0]  # an optional value: what it is when it is there
    origin = getattr(cls, "__origin__", cls)
    if origin is dict or attrs.has(origin):
        return "a mapping"
    if origin in (list, tuple):
        return "a list"
    return "a value of another kind"


def _value_at(data: Any, pointer: Pointer) -> Any:
    for part in pointer:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _problems(error: BaseException, path: Pointer, data: Any) -> Iterator[Problem]:
    here = (*path, *_note_path(error))
    if isinstance(error, ClassValidationError | IterableValidationError):
        for sub in error.exceptions:
            yield from _problems(sub, here, data)
    elif isinstance(error, ForbiddenExtraKeysError):
        allowed = [
            _RENAMED.get(a.name, a.name)
            for a in attrs.fields(error.cl)
            if a.init and not a.name.startswith("_")
        ]
        for key in sorted(error.extra_fields):
            suggestion = nearest(key, allowed, n=1, close_only=True)
            hint = f"; did you mean {suggestion[0]!r}?" if suggestion else ""
            yield Problem(
                f"unknown key {key!r}{hint} (expected one of: {', '.join(allowed)})",
                code="unknown-key",
                pointer=(*here, key),
            )
    elif isinstance(error, KeyError):
        yield Problem(f"missing required key {here[-1]!r}", code="missing-key", pointer=here[:-1])
    elif isinstance(error, SchemaError):
        code = "unknown-kind" if "kind" in str(error) and "unknown" in str(error) else "type"
        yield Problem(str(error), code=code, pointer=here)
    else:
        # cattrs met a value of the wrong shape before any hook of ours could explain it.
        expected = _expected(_note_type(error))
        found = _describe(_value_at(data, here))
        yield Problem(f"expected {expected}, got {found}", code="type", pointer=here)


def _note_type(error: BaseException) -> Any:
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote | IterableValidationNote):
            return note.type
    return None


def _note_path(error: BaseException) -> Pointer:
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return (_RENAMED.get(note.name, note.name),)
        if isinstance(note, IterableValidationNote):
            return (note.index,)
    return ()


# Document -> model, remembering where each relation was written.


def to_model(
    document: Document, positions: tuple[int, ...] | None = None
) -> tuple[ArgumentMap, list[Pointer]]:
    """The map a document describes, and for each relation the pointer it came from.

    ``positions`` are the indices the document's ``relations`` had in the file.
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
                metadata=relation.metadata,
            )
        )
        origins.append(("relations", positions[position] if positions else position))
    argmap = ArgumentMap(
        title=document.title,
        source=document.source,
        actors=[Actor(i, a.name, metadata=a.metadata) for i, a in document.actors.items()],
        claims=claims,
        relations=relations,
        groups=[
            Group(i, g.label, g.members, metadata=g.metadata) for i, g in document.groups.items()
        ],
        metadata=document.metadata,
    )
    return argmap, origins


def file_pointer(pointer: Pointer, origins: list[Pointer]) -> Pointer:
    """Turn a model pointer (``("relations", 3, "to")``) into one into the file."""
    if len(pointer) < 2 or pointer[0] != "relations" or not isinstance(pointer[1], int):
        return pointer
    origin = origins[pointer[1]]
    rest = pointer[2:]
    if origin[0] == "relations":
        return (*origin, *rest)
    # Shorthand: the claim is the source, the listed id the target.
    if rest[:1] == ("from",):
        return origin[:2]
    return origin


# Model -> document -> plain data.


def _shorthand_key(relation: Relation, claim_ids: set[str]) -> str | None:
    if relation.metadata or len(relation.sources) != 1 or relation.sources[0] not in claim_ids:
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
        metadata=dict(argmap.metadata),
    )


def to_data(argmap: ArgumentMap) -> dict[str, Any]:
    """Plain data (dicts, lists, strings) for ``argmap``, keys in schema order."""
    data: dict[str, Any] = _converter.unstructure(to_document(argmap))
    # The version always comes first, even though it equals its default.
    return {"argmap": FORMAT_VERSION, **data}
