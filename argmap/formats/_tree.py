"""Parse YAML and JSON text into plain data, keeping where every value came from.

Both parsers return the data (dicts, lists, str, int, float, bool, None) and a
:class:`SourceMap` that turns a pointer into the data (``("claims", "a", "text")``) into a
line and column of the text. Errors in the text itself raise :class:`MapFormatError`
with their location; a duplicate key is such an error, never a silent override.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

import attrs
import yaml

from argmap.errors import Location, MapFormatError, Pointer, Problem

try:  # LibYAML is several times faster; the pure-Python parser gives the same nodes.
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]

__all__ = ["Parsed", "SourceMap", "parse_json", "parse_yaml"]

# An alias may be expanded many times; a document whose expansion grows far beyond its
# own size is an alias bomb, not a map.
_EXPANSION_PER_BYTE = 50
_EXPANSION_FLOOR = 100_000


class SourceMap(Protocol):
    """Where the values of a parsed document are in its text."""

    source: str

    def locate(self, pointer: Pointer, *, at_key: bool = False) -> Location:
        """The location of the value at ``pointer`` (of its key with ``at_key``).

        A pointer that goes deeper than the document resolves to the deepest value that
        exists, so every problem gets the closest location there is.
        """
        ...


@attrs.frozen
class Parsed:
    """A parsed document: its data, where each value is, and duplicate keys found.

    A duplicate key keeps its first value and becomes a problem, so that the rest of the
    file is still checked and every problem reported at once.
    """

    data: Any
    source_map: SourceMap
    problems: list[Problem]


# What a duplicate key is called in the sections keyed by id.
_ID_SECTIONS = {"claims": "claim id", "actors": "actor id", "groups": "group id"}


def parse_yaml(text: str, source: str) -> Parsed:
    """Parse one YAML document into plain data and its source map."""
    try:
        root = yaml.compose(text, Loader=_YamlLoader)
    except yaml.MarkedYAMLError as error:
        raise _yaml_error(error, source) from None
    except yaml.YAMLError as error:  # pragma: no cover - LibYAML errors are all marked
        raise MapFormatError(f"invalid YAML: {error}", source) from None
    if root is None:
        raise MapFormatError("the file is empty; a map needs at least 'claims:'", source, 1, 1)
    budget = _EXPANSION_FLOOR + _EXPANSION_PER_BYTE * len(text)
    builder = _YamlBuilder(source, budget)
    data = builder.build(root, ())
    return Parsed(data, _YamlSourceMap(source, root), builder.problems)


def _yaml_error(error: yaml.MarkedYAMLError, source: str) -> MapFormatError:
    mark = error.problem_mark or error.context_mark
    message = error.problem or "invalid YAML"
    if error.context:
        message = f"{message} ({error.context})"
    if mark is None:  # pragma: no cover - LibYAML always marks
        return MapFormatError(f"invalid YAML: {message}", source)
    return MapFormatError(f"invalid YAML: {message}", source, mark.line + 1, mark.column + 1)


_PLAIN_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


_COLLECTION_TAGS: dict[type[yaml.Node], str] = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}


class _YamlBuilder:
    def __init__(self, source: str, budget: int) -> None:
        self.source = source
        self.budget = budget
        self.constructor = yaml.SafeLoader("")
        self.problems: list[Problem] = []

    def location(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.source, mark.line + 1, mark.column + 1)

    def fail(self, message: str, node: yaml.Node) -> MapFormatError:
        where = self.location(node)
        return MapFormatError(message, where.path, where.line, where.column)

    def build(self, node: yaml.Node, path: Pointer) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail("the document expands to too many values (an alias bomb?)", node)
        expected = _COLLECTION_TAGS.get(type(node))
        if expected is not None and node.tag != expected:
            raise self.fail(
                f"unsupported YAML tag {node.tag!r}; a map holds plain data only", node
            )
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        if node.tag in _PLAIN_TAGS:
            return self.constructor.construct_object(node)
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            # A date stays the text the author wrote: the model keeps dates as strings.
            return node.value
        raise self.fail(f"unsupported YAML tag {node.tag!r}; a map holds plain data only", node)

    def mapping(self, node: yaml.MappingNode, path: Pointer) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (
                "tag:yaml.org,2002:str",
                "tag:yaml.org,2002:int",
                "tag:yaml.org,2002:float",
                "tag:yaml.org,2002:bool",
                "tag:yaml.org,2002:null",
                "tag:yaml.org,2002:timestamp",
            ):
                raise self.fail("a key must be plain text", key_node)
            if key_node.tag != "tag:yaml.org,2002:str":
                raise self.fail(
                    f"the key {key_node.value!r} is read as a "
                    f"{key_node.tag.rsplit(':', 1)[-1]}, not as text; quote it: "
                    f'"{key_node.value}"',
                    key_node,
                )
            key = key_node.value
            if key in first_seen:
                line = first_seen[key].start_mark.line + 1
                what = _ID_SECTIONS.get(str(path[0]), "key") if len(path) == 1 else "key"
                self.problems.append(
                    Problem(
                        f"duplicate {what} {key!r} (first used on line {line}); "
                        "this one is ignored",
                        location=self.location(key_node),
                        code="duplicate-id" if what != "key" else "duplicate-key",
                        pointer=(*path, key),
                    )
                )
                continue
            first_seen[key] = key_node
            result[key] = self.build(value_node, (*path, key))
        return result


class _YamlSourceMap:
    def __init__(self, source: str, root: yaml.Node) -> None:
        self.source = source
        self.root = root

    def locate(self, pointer: Pointer, *, at_key: bool = False) -> Location:
        node = self.root
        key_node: yaml.Node | None = None
        for part in pointer:
            child = _yaml_child(node, part)
            if child is None:
                break
            key_node, node = child
        use_key = key_node is not None and (at_key or not isinstance(node, yaml.ScalarNode))
        mark = (key_node if use_key and key_node is not None else node).start_mark
        return Location(self.source, mark.line + 1, mark.column + 1)


def _yaml_child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == part:
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None


def parse_json(text: str, source: str) -> Parsed:
    """Parse a JSON document into plain data and its source map."""
    if not text.strip():
        raise MapFormatError("the file is empty; a map needs at least 'claims'", source, 1, 1)
    duplicates: list[str] = []

    def first_wins(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                duplicates.append(key)
            else:
                result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=first_wins)
    except json.JSONDecodeError as error:
        message = f"invalid JSON: {error.msg}"
        raise MapFormatError(message, source, error.lineno, error.colno) from None
    if duplicates:
        # json_source_map places a duplicated key at its last copy, but the first is the
        # one kept. JSON is YAML, and the YAML reader keeps and places the first.
        try:
            as_yaml = parse_yaml(text, source)
            return Parsed(data, as_yaml.source_map, as_yaml.problems)
        except MapFormatError:
            problems = [
                Problem(f"duplicate key {key!r}; this one is ignored", location=Location(source))
                for key in duplicates
            ]
            return Parsed(data, _JsonSourceMap(source, text), problems)
    return Parsed(data, _JsonSourceMap(source, text), [])


class _JsonSourceMap:
    """Positions come from ``json_source_map``, computed only when a problem needs one."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.text = text
        self._entries: dict[str, Any] | None = None

    def entries(self) -> dict[str, Any]:
        if self._entries is None:
            import json_source_map

            self._entries = json_source_map.calculate(self.text)
        return self._entries

    def locate(self, pointer: Pointer, *, at_key: bool = False) -> Location:
        entries = self.entries()
        parts = list(pointer)
        while parts:
            entry = entries.get(_json_pointer(parts))
            if entry is not None:
                collection = self.text[entry.value_start.position] in "{["
                start = entry.key_start if (at_key or collection) and entry.key_start else None
                start = start or entry.value_start
                return Location(self.source, start.line + 1, start.column + 1)
            parts.pop()
        return Location(self.source, 1, 1)


def _escape(part: str | int) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def _json_pointer(parts: list[str | int]) -> str:
    return "".join("/" + _escape(part) for part in parts)
