"""From Argdown's syntax tree to the data of an argmap map file, with a source map.

The mapping is documented in :mod:`argmap.formats.argdown`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import attrs

from argmap import limits
from argmap.errors import Location, MapFormatError, Pointer, Problem, Severity
from argmap.formats._argdown_lines import split_lines
from argmap.formats._argdown_parser import Element, Pcs, Tree, parse_tree
from argmap.formats._argdown_text import escape
from argmap.formats._tree import Parsed
from argmap.formats._yaml_reader import parse_yaml

__all__ = ["GENERATED_ARGUMENT", "parse", "slug"]

#: The title argmap gives an argument it must name (one that an undercut attacks).
GENERATED_ARGUMENT = re.compile(r"argmap inference \d+")

# Claim keys a statement's data block may set, and the front matter keys of the map.
_CLAIM_KEYS = ("id", "kind", "text", "quote", "actor", "weight", "tags", "metadata")
_MAP_KEYS = ("title", "source", "actors", "style", "metadata", "relations")


def slug(title: str) -> str:
    """The id argmap gives a title: lower case, words joined by ``-``.

    >>> slug("Freedom of Speech!")
    'freedom-of-speech'
    """
    text = unicodedata.normalize("NFC", title).lower()
    return re.sub(r"[\W_]+", "-", text).strip("-")


@attrs.define
class _SourceMap:
    source: str
    places: dict[Pointer, Location] = attrs.field(factory=dict)
    # Values read from YAML (front matter, data blocks): the pointer under which they
    # sit, the pointer in that YAML, and the YAML's own source map and offset.
    nested: dict[Pointer, tuple[Pointer, Any, Location]] = attrs.field(factory=dict)

    def locate(self, pointer: Pointer, *, at_key: bool = False) -> Location:
        for length in range(len(pointer), -1, -1):
            prefix = pointer[:length]
            if prefix in self.nested:
                inner, source_map, origin = self.nested[prefix]
                found = source_map.locate((*inner, *pointer[length:]), at_key=at_key)
                return _shift(found, origin)
            if prefix in self.places:
                return self.places[prefix]
        return Location(self.source)


def _shift(found: Location, origin: Location) -> Location:
    """A location in a YAML snippet that starts at ``origin``, as one in the file."""
    if found.line is None:
        return origin
    line = (origin.line or 1) + found.line - 1
    column = found.column
    if found.line == 1 and column is not None:
        column += (origin.column or 1) - 1
    return Location(origin.path, line, column)


@attrs.define
class _Statement:
    title: str
    argument: bool
    elements: list[Element] = attrs.field(factory=list)
    pcs: Pcs | None = None
    id: str = ""


def parse(text: str, source: str) -> Parsed:
    """Read Argdown ``text`` (from the file ``source``) into map data and a source map."""
    lines, problems = split_lines(text, source)
    tree = parse_tree(lines)
    reader = _Reader(source, tree, problems + tree.problems)
    data = reader.read()
    if not data["claims"] and any(p.is_error for p in reader.problems) and not tree.elements:
        first = next(p for p in reader.problems if p.is_error)
        where = first.location or Location(source)
        raise MapFormatError(first.message, where.path, where.line, where.column)
    return Parsed(data, reader.source_map, reader.problems)


class _Reader:
    def __init__(self, source: str, tree: Tree, problems: list[Problem]) -> None:
        self.source = source
        self.tree = tree
        self.problems = problems
        self.source_map = _SourceMap(source)
        self.statements: dict[str, _Statement] = {}
        self.arguments: dict[str, _Statement] = {}
        self.claims: dict[str, Any] = {}
        self.relations: list[dict[str, Any]] = []
        self.seen_relations: set[Any] = set()
        self.cache: dict[tuple[Location, str], tuple[Any, Any]] = {}

    def warn(self, message: str, where: Location, code: str) -> None:
        self.problems.append(
            Problem(message, location=where, code=code, severity=Severity.WARNING)
        )

    def yaml(self, text: str, where: Location, what: str) -> tuple[Any, Any]:
        """The data of a YAML snippet at ``where``, and its source map (read once)."""
        key = (where, text)
        if key not in self.cache:
            self.cache[key] = self._read_yaml(text, where, what)
        return self.cache[key]

    def _read_yaml(self, text: str, where: Location, what: str) -> tuple[Any, Any]:
        try:
            parsed = parse_yaml(text, where.path)
        except MapFormatError as error:
            shifted = _shift(error.location, where)
            self.problems.append(
                Problem(f"{what}: {error.message}", location=shifted, code="syntax")
            )
            return None, None
        for problem in parsed.problems:
            found = parsed.source_map.locate(problem.pointer)
            self.problems.append(attrs.evolve(problem, location=_shift(found, where), pointer=()))
        return parsed.data, parsed.source_map

    def read(self) -> dict[str, Any]:
        data: dict[str, Any] = {"argmap": 1}
        front: dict[str, Any] = {}
        if self.tree.front_matter is not None:
            body, where = self.tree.front_matter
            value, source_map = self.yaml(body, where, "the front matter")
            if isinstance(value, dict):
                front = value
                for key in _MAP_KEYS:
                    if key in front:
                        self.source_map.nested[(key,)] = ((key,), source_map, where)
            elif value is not None:
                self.problems.append(
                    Problem(
                        "the front matter holds a mapping (key: value lines)",
                        location=where,
                        code="syntax",
                    )
                )
        self._collect()
        self._ids()
        for statement in [*self.statements.values(), *self.arguments.values()]:
            if statement.pcs is None:
                self._claim(statement)
        for pcs_statement in self.arguments.values():
            if pcs_statement.pcs is not None:
                self._pcs(pcs_statement)
        for relation in self.tree.relations:
            self._relation(relation)
        groups = self._groups()
        extra = {k: v for k, v in front.items() if k not in _MAP_KEYS}
        if isinstance(front.get("title"), str) or "title" in front:
            data["title"] = front["title"]
        for key in ("source", "actors", "style"):
            if key in front:
                data[key] = front[key]
        data["claims"] = self.claims
        relations = self.relations
        if "relations" in front:
            written = front["relations"]
            nested = self.source_map.nested.pop(("relations",), None)
            if isinstance(written, list):
                offset = len(relations)
                if nested is not None:
                    for index in range(len(written)):
                        self.source_map.nested[("relations", offset + index)] = (
                            ("relations", index),
                            nested[1],
                            nested[2],
                        )
                relations = relations + written
            else:
                where = nested[2] if nested else Location(self.source)
                self.problems.append(
                    Problem(
                        "the front matter's 'relations' holds a list of relations",
                        location=where,
                        code="type",
                    )
                )
        data["relations"] = relations
        if groups:
            data["groups"] = groups
        metadata = front.get("metadata", {})
        if extra:
            if not isinstance(metadata, dict):
                metadata = {}
            metadata = {**metadata}
            argdown = dict(metadata.get("argdown", {}))
            argdown["front_matter"] = extra
            metadata["argdown"] = argdown
        if metadata or "metadata" in front:
            data["metadata"] = metadata
        return data

    # Statements and arguments: equivalence classes by title.

    def _collect(self) -> None:
        untitled = 0
        for element in self.tree.elements:
            if element.title is None:
                untitled += 1
                element.title = f"Untitled {untitled}"
            table = self.arguments if element.argument else self.statements
            statement = table.setdefault(
                element.title, _Statement(element.title, element.argument)
            )
            statement.elements.append(element)
        count = 0
        for pcs in self.tree.arguments:
            if pcs.argument is None:
                count += 1
                title = f"Untitled argument {count}"
                while title in self.arguments:
                    count += 1
                    title = f"Untitled argument {count}"
                self.arguments[title] = _Statement(title, True, pcs=pcs)
                pcs.argument = None
                self.arguments[title].elements = []
                continue
            statement = self.arguments[pcs.argument.title or ""]
            if statement.pcs is not None:
                self.problems.append(
                    Problem(
                        f"the argument <{statement.title}> has a premise-conclusion structure "
                        "already; give this one another title",
                        location=pcs.location,
                        code="syntax",
                    )
                )
                continue
            statement.pcs = pcs
        most = limits.current().values
        if len(self.statements) + len(self.arguments) > most:
            raise MapFormatError(
                f"the map has more than {most:,} statements and arguments "
                f"({limits.current().hint('values')})",
                self.source,
            )

    def _data(self, statement: _Statement) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for element in statement.elements:
            for where, block in element.data:
                value, source_map = self.yaml(block, where, "the data block")
                if isinstance(value, dict):
                    merged.update(value)
                    if statement.pcs is None:
                        for key in value:
                            if key in _CLAIM_KEYS:
                                self.source_map.nested.setdefault(
                                    ("claims", statement.id, key), ((key,), source_map, where)
                                )
                elif value is not None:
                    self.problems.append(
                        Problem(
                            "a data block holds a mapping ({key: value})",
                            location=where,
                            code="syntax",
                        )
                    )
        return merged

    def _ids(self) -> None:
        """Give each claim an id: its data's ``id``, else its title's slug, unique."""
        taken: set[str] = set()
        explicit: dict[int, str] = {}
        everything = [*self.statements.values(), *self.arguments.values()]
        for position, statement in enumerate(everything):
            for element in statement.elements:
                for where, block in element.data:
                    if "id" in block:
                        value, _ = self.yaml(block, where, "the data block")
                        if isinstance(value, dict) and isinstance(value.get("id"), str):
                            explicit[position] = value["id"]
                            taken.add(value["id"])
        for position, statement in enumerate(everything):
            if position in explicit:
                statement.id = explicit[position]
                continue
            base = slug(statement.title) or ("argument" if statement.argument else "statement")
            candidate, number = base, 1
            while candidate in taken:
                number += 1
                candidate = f"{base}-{number}"
            taken.add(candidate)
            statement.id = candidate

    def _claim(self, statement: _Statement) -> None:
        data = self._data(statement)
        defined = [e for e in statement.elements if e.text]
        first = defined[0] if defined else statement.elements[0]
        # Argdown's canonical text is the last one given, unless one says it is canonical.
        canonical = defined[-1] if defined else first
        for element in defined:
            if any("isCanonical" in block for _, block in element.data):
                canonical = element
        texts = [canonical.text or ""] + [
            t for t in dict.fromkeys(e.text for e in defined if e.text) if t != canonical.text
        ]
        texts = [t for t in texts if t]
        claim: dict[str, Any] = {}
        argdown: dict[str, Any] = {}
        kind = data.pop("kind", None)
        if kind is not None:
            # A kind that is no claim kind is reported by the checks, at its place.
            claim["kind"] = kind
        weight = data.pop("weight", None)
        if weight is not None:
            # As with a kind, a weight that is no number from 0 to 1 is reported at its place.
            claim["weight"] = weight
        exact = data.pop("text", None)
        if isinstance(exact, str):
            claim["text"] = exact
        elif texts:
            claim["text"] = texts[0]
        else:
            claim["text"] = statement.title
            self.warn(
                f"the {'argument' if statement.argument else 'statement'} "
                f"{_bracket(statement)} is referred to but never given a text; its title "
                "stands for its text",
                first.location,
                "argdown-no-text",
            )
        if exact is not None and not isinstance(exact, str):
            data["text"] = exact
        for key in ("quote", "actor"):
            if isinstance(data.get(key), str):
                claim[key] = data.pop(key)
        tags = data.pop("tags", None)
        if isinstance(tags, list) and all(isinstance(t, str) for t in tags):
            claim["tags"] = tags
        else:
            if tags is not None:
                data["tags"] = tags
            found = list(dict.fromkeys(t for e in statement.elements for t in e.tags))
            if found:
                claim["tags"] = found
        explicit_id = data.pop("id", None)
        metadata = data.pop("metadata", None)
        if statement.title != statement.id and not (
            isinstance(explicit_id, str) and slug(statement.title) == statement.title
        ):
            argdown["title"] = statement.title
        if statement.argument:
            argdown["argument"] = True
        if len(texts) > 1 and not isinstance(exact, str):
            argdown["texts"] = texts[1:]
            self.warn(
                f"{_bracket(statement)} is given {len(texts)} different texts; argmap "
                "draws the last, as Argdown does, and keeps the others in its metadata",
                canonical.location,
                "argdown-texts",
            )
        if (
            first.text
            and escape(first.text) != _without_data(first)
            and not isinstance(exact, str)
        ):
            argdown["markup"] = _without_data(first)
        if data:
            argdown["data"] = data
        if isinstance(metadata, dict):
            claim_metadata = dict(metadata)
        else:
            claim_metadata = {}
            if metadata is not None:
                argdown.setdefault("data", {})["metadata"] = metadata
        if argdown:
            claim_metadata["argdown"] = {**claim_metadata.get("argdown", {}), **argdown}
        if claim_metadata:
            claim["metadata"] = claim_metadata
        self.claims[statement.id] = claim
        self.source_map.places[("claims", statement.id)] = first.location
        self.source_map.places[("claims", statement.id, "text")] = canonical.text_location

    # Premise-conclusion structures: one linked support per inference.

    def _pcs(self, statement: _Statement) -> None:
        pcs = statement.pcs
        assert pcs is not None
        data = self._data(statement)
        descriptions = [e.text for e in statement.elements if e.text]
        ids = [self._endpoint_id(e) for e in pcs.statements]
        previous: int | None = None
        steps = sorted(pcs.inferences)
        for number, conclusion in enumerate(steps):
            inference = pcs.inferences[conclusion]
            start = 0 if previous is None else previous
            premises = list(dict.fromkeys(ids[start:conclusion]))
            rule_data: dict[str, Any] = {}
            for where, block in inference.data:
                value, _ = self.yaml(block, where, "the inference's data")
                if isinstance(value, dict):
                    rule_data.update(value)
            uses = rule_data.get("uses")
            if isinstance(uses, list) and all(
                isinstance(u, int) and 1 <= u <= conclusion for u in uses
            ):
                premises = list(dict.fromkeys(ids[u - 1] for u in uses))
            premises = [p for p in premises if p != ids[conclusion]]
            previous = conclusion
            if not premises:
                continue
            argdown: dict[str, Any] = {}
            metadata: dict[str, Any] = {}
            last = number == len(steps) - 1
            if not GENERATED_ARGUMENT.fullmatch(statement.title) and not (
                statement.title.startswith("Untitled argument") and not statement.elements
            ):
                argdown["argument"] = statement.title
            if last:
                if descriptions:
                    argdown["description"] = descriptions[0]
                own = dict(data)
                if isinstance(own.get("metadata"), dict):
                    metadata = dict(own.pop("metadata"))
                if own:
                    argdown["data"] = own
            else:
                argdown["step"] = number + 1
            if inference.rules:
                argdown["rules"] = inference.rules
            if rule_data:
                argdown["inference_data"] = rule_data
            if argdown:
                metadata["argdown"] = {**metadata.get("argdown", {}), **argdown}
            self._add(
                {"from": premises, "to": ids[conclusion], "kind": "supports"},
                metadata,
                inference.location,
            )

    def _endpoint_id(self, element: Element) -> str:
        table = self.arguments if element.argument else self.statements
        return table[element.title or ""].id

    def _main(self, statement: _Statement) -> tuple[list[str], str] | None:
        """The premises and the conclusion of the last inference of an argument."""
        pcs = statement.pcs
        if pcs is None or not pcs.inferences:
            return None
        conclusion = max(pcs.inferences)
        earlier = [c for c in pcs.inferences if c < conclusion]
        start = max(earlier) if earlier else 0
        ids = [self._endpoint_id(e) for e in pcs.statements]
        premises = [p for p in dict.fromkeys(ids[start:conclusion]) if p != ids[conclusion]]
        return premises, ids[conclusion]

    def _add(self, relation: dict[str, Any], metadata: dict[str, Any], where: Location) -> None:
        target = relation["to"]
        key = (
            relation["kind"],
            tuple(sorted(relation["from"])),
            repr(target),
        )
        if key in self.seen_relations:
            return
        self.seen_relations.add(key)
        if metadata:
            relation["metadata"] = metadata
        self.source_map.places[("relations", len(self.relations))] = where
        self.relations.append(relation)

    def _relation(self, relation: Any) -> None:
        source = self._statement(relation.source)
        target = self._statement(relation.target)
        argdown: dict[str, Any] = {}
        source_main = self._main(source)
        if source_main is not None:
            source_id = source_main[1]
            argdown["from"] = "argument"
        else:
            source_id = source.id
        target_main = self._main(target)
        kind = relation.kind
        where = relation.location
        if kind == "undercut":
            if target_main is not None:
                to: Any = {"from": target_main[0], "to": target_main[1]}
                self._relate(source_id, to, "undercuts", argdown, where)
                return
            argdown["undercut"] = True
            self.warn(
                f"{_bracket(target)} has no premise-conclusion structure, so it has no "
                "inference to undercut; argmap draws the undercut as an attack on it",
                where,
                "argdown-undercut",
            )
            kind = "attack"
        if target_main is not None:
            argdown["to"] = "argument"
            self.warn(
                f"the {kind} on the argument {_bracket(target)} is drawn on its conclusion",
                where,
                "argdown-argument-relation",
            )
            target_id = target_main[1]
        else:
            target_id = target.id
        if kind == "contradiction":
            argdown["contradiction"] = True
            self._relate(source_id, target_id, "attacks", argdown, where)
            self._relate(target_id, source_id, "attacks", dict(argdown), where)
            return
        self._relate(
            source_id, target_id, "supports" if kind == "support" else "attacks", argdown, where
        )

    def _relate(
        self, source: str, target: Any, kind: str, argdown: dict[str, Any], where: Location
    ) -> None:
        if source == target:
            return  # an argument's relation to its own conclusion: its inference says it
        metadata = {"argdown": argdown} if argdown else {}
        self._add({"from": [source], "to": target, "kind": kind}, metadata, where)

    def _statement(self, element: Element) -> _Statement:
        table = self.arguments if element.argument else self.statements
        return table[element.title or ""]

    # Headings: the sections that hold claims are groups.

    def _groups(self) -> dict[str, Any]:
        headings = self.tree.headings
        data_of: list[dict[str, Any]] = []
        for heading in headings:
            data: dict[str, Any] = {}
            for where, block in heading.data:
                value, _ = self.yaml(block, where, "the heading's data")
                if isinstance(value, dict):
                    data.update(value)
            data_of.append(data)
        # A heading with {isGroup: false} is a section but no group: its claims belong to
        # the nearest heading above it that is one, as in Argdown.
        grouping = [data.get("isGroup", True) is not False for data in data_of]
        members: dict[int, list[str]] = {}
        ungrouped: set[int] = set()
        for statement in [*self.statements.values(), *self.arguments.values()]:
            if statement.pcs is not None or statement.id not in self.claims:
                continue
            defined = [e for e in statement.elements if e.text] or statement.elements
            section = defined[0].section if defined else None
            while section is not None and not grouping[section]:
                ungrouped.add(section)
                section = headings[section].parent
            if section is not None:
                members.setdefault(section, []).append(statement.id)
        for index in sorted(ungrouped):
            self.warn(
                f"the section {headings[index].title!r} is no group ({{isGroup: false}}): "
                "its claims belong to the group of the heading above it, if any",
                headings[index].location,
                "argdown-unsupported",
            )
        groups: dict[str, Any] = {}
        taken: set[str] = set()
        for index, heading in enumerate(headings):
            if index not in members:
                continue
            data = data_of[index]
            if data.get("isGroup") is True:  # what every heading is anyway
                del data["isGroup"]
            group_id = data.pop("id", None)
            if not isinstance(group_id, str):
                group_id = slug(heading.title) or "group"
            candidate, number = group_id, 1
            while candidate in taken:
                number += 1
                candidate = f"{group_id}-{number}"
            taken.add(candidate)
            label = data.pop("label", None)
            if not isinstance(label, str):
                if label is not None:
                    data["label"] = label  # kept in the data below
                label = heading.title
            metadata = data.pop("metadata", {})
            metadata = dict(metadata) if isinstance(metadata, dict) else {}
            argdown: dict[str, Any] = {}
            if heading.level != 1:
                argdown["level"] = heading.level
            if data:
                argdown["data"] = data
            if argdown:
                metadata["argdown"] = {**metadata.get("argdown", {}), **argdown}
            group: dict[str, Any] = {"label": label, "members": members[index]}
            if metadata:
                group["metadata"] = metadata
            groups[candidate] = group
            self.source_map.places[("groups", candidate)] = heading.location
        return groups


def _bracket(statement: _Statement) -> str:
    return f"<{statement.title}>" if statement.argument else f"[{statement.title}]"


def _without_data(element: Element) -> str:
    raw = element.raw
    for _, block in reversed(element.data):
        position = raw.rfind(block)
        if position >= 0:
            raw = raw[:position] + raw[position + len(block) :]
    return re.sub(r"[ \t]*\n[ \t]*", " ", raw).strip(" \t")
