"""Compose plain data from LibYAML's events, enforcing the limits as they come.

No node is made for a value: each scalar becomes its Python value at once and each
mapping or list is filled as its events come, with the text offset of every key and
value kept in :class:`~argmap.formats._positions.Positions`. So a hostile file is refused
as soon as it asks for too much:

- values: each scalar, mapping and list is one, and an alias counts as every value it
  names, so a kilobyte of aliases that would expand to gigabytes stops at the limit;
- depth: mappings and lists nested too deep, aliases included;
- an alias to the value it is part of (``&x [*x]``), which would never end.

An alias shares the value it names (as PyYAML's ``safe_load`` does); merge keys (``<<``)
copy the named mapping's entries under the explicit ones, the earlier of a list of
mappings winning a key. A duplicate key keeps its first value and is a problem.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any

from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from argmap import limits
from argmap.errors import Location, MapFormatError, Pointer, Problem
from argmap.formats._positions import Positions, TreeSourceMap
from argmap.formats._text import LineIndex
from argmap.formats._tree import ID_SECTIONS, Parsed
from argmap.formats._yaml_scalars import (
    MAYBE_TYPED,
    PLAIN_DATA,
    ScalarError,
    number_problem,
    plain_scalar,
    scalar,
)

__all__ = ["Composer"]

_MEMO_CHARS, _MEMO_SIZE = 16, 10_000
_MAP_TAGS = (None, "!", "tag:yaml.org,2002:map")
_SEQ_TAGS = (None, "!", "tag:yaml.org,2002:seq")
# The names of scalar types in a message about a key that is not text.
_KEY_TYPES = {
    "int": "a number",
    "float": "a number",
    "long-number": "a number",
    "bad-number": "a number",
    "bool": "a boolean",
    "null": "nothing (null)",
    "timestamp": "a date",
}


# A mapping between a key and its value; the key that merges (<<); an anchor whose value
# is not finished yet.
_NO_KEY: Any = object()
_MERGE: Any = object()
_NOT_TEXT: Any = object()  # a key that is a mapping or a list: reported, its value dropped
_OPEN: Any = object()

# The positions of every empty mapping and list, and the children of every mapping or
# list that holds none: nothing to point into, shared (and never changed).
_EMPTY = Positions()
_NO_CHILDREN: dict[int, Positions] = {}


class _Frame:
    """A mapping or list being read: its data, where its parts are, and its state."""

    __slots__ = (
        "anchor",
        "children",
        "data",
        "discard",
        "extra",
        "height",
        "is_key",
        "is_map",
        "key",
        "key_offset",
        "offset",
        "offsets",
        "path",
        "quiet",
        "start_count",
    )

    def __init__(
        self, is_map: bool, path: Pointer, offset: int, quiet: bool, start_count: int
    ) -> None:
        self.is_map = is_map
        self.is_key = False  # a mapping or list written where a key goes
        self.data: Any = {} if is_map else []
        self.offsets = array("q")
        self.children: dict[int, Positions] | None = None
        self.path = path
        self.offset = offset
        self.quiet = quiet  # inside the ignored value of a duplicate key: no problems
        self.start_count = start_count  # values read before this one
        self.key: Any = _NO_KEY
        self.key_offset = -1
        self.discard = False  # the value being read is a duplicate key's: drop it
        self.anchor: str | None = None
        self.height = 1  # levels of mappings and lists, this one included
        self.extra: _Extra | None = None

    def add_child(self, index: int, positions: Positions) -> None:
        if self.children is None:
            self.children = {}
        self.children[index] = positions


class _Extra:
    """What few mappings have: duplicate keys, and mappings to merge in."""

    __slots__ = ("duplicates", "merge_offset", "merges")

    def __init__(self) -> None:
        self.duplicates: list[tuple[str, int]] = []
        self.merges: list[tuple[dict[str, Any], Positions]] = []
        self.merge_offset = -1


class _Anchor:
    """What an anchor names: the value and its type, how many values it counts as, how
    many levels it nests, and where its parts are (``None`` for a scalar)."""

    __slots__ = ("chars", "height", "kind", "positions", "size", "value")

    def __init__(
        self, value: Any, kind: str, size: int, height: int, positions: Positions | None
    ) -> None:
        self.value = value
        self.kind = kind
        self.size = size
        self.height = height
        self.positions = positions
        self.chars: int | None = None  # of text it holds, counted when first aliased

    def text_size(self) -> int:
        """The characters of text (keys and values) the anchored value holds."""
        if self.chars is None:
            chars, pending = 0, [self.value]
            while pending:
                value = pending.pop()
                if isinstance(value, str):
                    chars += len(value)
                elif isinstance(value, dict):
                    chars += sum(len(key) for key in value)
                    pending.extend(value.values())
                elif isinstance(value, list):
                    pending.extend(value)
            self.chars = chars
        return self.chars


class Composer:
    """Reads the events of one YAML stream into a :class:`Parsed` document."""

    def __init__(self, source: str, lines: LineIndex, limits: limits.Limits) -> None:
        self.source = source
        self.lines = lines
        self.limits = limits
        self.max_values = limits.values
        self.max_depth = limits.depth
        # The text aliases add, on top of the file's own: the file is within input_bytes,
        # and so must be what it expands to (a long text named a hundred times is not).
        self.max_alias_text = limits.input_bytes - len(lines.text)
        self.problems: list[Problem] = []
        self.anchors: dict[str, Any] = {}
        self.anchored_at: dict[str, int] = {}
        self.count = 0
        # The document is a list of one value, which has no place in any pointer.
        self.root = _Frame(is_map=False, path=(), offset=0, quiet=False, start_count=0)
        self.stack = [self.root]

    def location(self, offset: int) -> Location:
        line, column = self.lines.position(offset)
        return Location(self.source, line, column)

    def fail(self, message: str, offset: int) -> MapFormatError:
        where = self.location(offset)
        return MapFormatError(message, where.path, where.line, where.column)

    def problem(self, message: str, offset: int, code: str, pointer: Pointer) -> None:
        location = self.location(offset)
        self.problems.append(Problem(message, location=location, code=code, pointer=pointer))

    # The stream: one document, read event by event.

    def document(self, next_event: Any) -> Parsed:
        next_event()  # the stream starts
        event: Any = next_event()
        if isinstance(event, StreamEndEvent):
            raise MapFormatError(
                "the file is empty; a map needs at least 'claims:'", self.source, 1, 1
            )
        self.read_value(next_event)
        event = next_event()
        if not isinstance(event, StreamEndEvent):
            raise self.fail(
                "invalid YAML: but found another document "
                "(expected a single document in the stream)",
                event.start_mark.index,
            )
        data = self.root.data[0]
        positions = self.root.children.get(0) if self.root.children else None
        where = TreeSourceMap(self.source, data, self.root.offsets[0], positions, self.lines)
        return Parsed(data, where, self.problems)

    def read_value(self, next_event: Any) -> None:
        """Read the events of the document's value, up to the end of the document."""
        handlers: dict[type[Event], Callable[[Any], None]] = {
            ScalarEvent: self.on_scalar,
            MappingStartEvent: self.on_start,
            SequenceStartEvent: self.on_start,
            MappingEndEvent: self.on_end,
            SequenceEndEvent: self.on_end,
            AliasEvent: self.on_alias,
        }
        stack, plain_data, maybe_typed = self.stack, PLAIN_DATA, MAYBE_TYPED
        # Short plain scalars repeat (keys, kinds, numbers): each is typed once.
        typed: dict[str, tuple[str, Any]] = {}
        event: Any = next_event()
        while (kind := type(event)) is not DocumentEndEvent:
            # Most events are untagged scalars of plain data in a mapping or a list: that
            # path is written out here, for speed; the rest go to their handlers.
            if kind is not ScalarEvent or event.anchor is not None or event.tag:
                handlers[kind](event)
                event = next_event()
                continue
            type_, value = "str", event.value
            # A plain scalar is text unless it starts as a number, date, boolean or null can.
            if event.implicit[0] and value[:1] in maybe_typed:
                known = typed.get(value)
                if known is None:
                    known = plain_scalar(value)
                    if len(value) <= _MEMO_CHARS and len(typed) < _MEMO_SIZE:
                        typed[value] = known
                type_, value = known
                if type_ not in plain_data:
                    self.on_scalar(event, (type_, value))
                    event = next_event()
                    continue
            offset: int = event.start_mark.index
            self.count += 1
            if self.count > self.max_values:
                self.count_values(0, offset)
            top = stack[-1]
            if not top.is_map:
                top.data.append(value)
                top.offsets.append(offset)
            elif top.key is _NO_KEY:
                if type_ == "str" and value not in top.data:
                    top.key = value
                    top.key_offset = offset
                else:
                    self.take_key(top, type_, value, event.value, offset)
            elif top.discard or top.key is _MERGE:
                self.add(top, value, offset, None)
            else:
                top.data[top.key] = value
                top.offsets.append(top.key_offset)
                top.offsets.append(offset)
                top.key = _NO_KEY
            event = next_event()

    # Counting values and depth.

    def count_values(self, added: int, offset: int, alias: str | None = None) -> None:
        self.count += added
        if self.count > self.max_values:
            limit = f"{self.max_values:,}"
            if alias is None:
                message = f"the file holds more than {limit} values"
            else:
                message = (
                    f"the alias *{alias} brings the document to more than {limit} values "
                    "(an alias counts as every value it names)"
                )
            raise self.fail(f"{message}; {self.limits.hint('values')}", offset)

    def check_depth(self, depth: int, offset: int, alias: str | None = None) -> None:
        if depth > self.max_depth:
            what = "this value is" if alias is None else f"the alias *{alias} makes values"
            raise self.fail(f"{what} nested {depth} deep; {self.limits.hint('depth')}", offset)

    # The events.

    def on_scalar(self, event: Any, resolved: tuple[str, Any] | None = None) -> None:
        offset: int = event.start_mark.index
        self.count_values(1, offset)
        try:
            kind, value = resolved or scalar(event.value, event.tag, plain=event.implicit[0])
        except ScalarError as error:
            raise self.fail(str(error), offset) from None
        top = self.stack[-1]
        if top.is_map and top.key is _NO_KEY:
            self.take_key(top, kind, value, event.value, offset)
        else:
            if kind in ("long-number", "bad-number") and not (top.quiet or top.discard):
                self.problem(number_problem(kind, value), offset, kind, self.child_path(top))
            self.add(top, value, offset, None)
        if event.anchor is not None:
            self.define(event.anchor, offset)
            self.anchors[event.anchor] = _Anchor(value, kind, 1, 0, None)

    def on_start(self, event: Any) -> None:
        offset: int = event.start_mark.index
        self.count += 1
        if self.count > self.max_values:
            self.count_values(0, offset)
        is_map = type(event) is MappingStartEvent
        if event.tag is not None and event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
            raise self.fail(
                f"unsupported YAML tag {event.tag!r}; a map holds plain data only", offset
            )
        top = self.stack[-1]
        is_key = top.is_map and top.key is _NO_KEY
        if is_key:
            self.key_not_text(top, offset)
        if len(self.stack) > self.max_depth:
            self.check_depth(len(self.stack), offset)
        quiet = top.quiet or top.discard
        frame = _Frame(is_map, self.child_path(top), offset, quiet or is_key, self.count - 1)
        frame.is_key = is_key
        if event.anchor is not None:
            self.define(event.anchor, offset)
            frame.anchor = event.anchor
            self.anchors[event.anchor] = _OPEN
        self.stack.append(frame)

    def on_end(self, event: Any) -> None:
        frame = self.stack.pop()
        if frame.extra is not None:
            self.finish_merging(frame, frame.extra)
        positions = (
            Positions(frame.offsets, frame.children or _NO_CHILDREN) if frame.data else _EMPTY
        )
        if frame.anchor is not None:
            size = self.count - frame.start_count
            kind = "map" if frame.is_map else "seq"
            self.anchors[frame.anchor] = _Anchor(frame.data, kind, size, frame.height, positions)
        top = self.stack[-1]
        if frame.is_key:
            self.drop_value_of(top, frame.offset)
            return
        if frame.height >= top.height:
            top.height = frame.height + 1
        if top.is_map:
            self.add(top, frame.data, frame.offset, positions)
        else:
            top.add_child(len(top.data), positions)
            top.data.append(frame.data)
            top.offsets.append(frame.offset)

    def on_alias(self, event: Any) -> None:
        offset: int = event.start_mark.index
        name: str = event.anchor
        anchor = self.anchors.get(name)
        if anchor is None:
            raise self.fail(
                f"invalid YAML: the alias *{name} names no anchor; "
                f"mark the value it stands for with &{name} before it",
                offset,
            )
        if anchor is _OPEN:
            line = self.lines.position(self.anchored_at[name])[0]
            raise self.fail(
                f"the alias *{name} stands for a value it is part of (anchored on line "
                f"{line}), which would never end",
                offset,
            )
        self.count_values(anchor.size, offset, alias=name)
        self.max_alias_text -= anchor.text_size()
        if self.max_alias_text < 0:
            raise self.fail(
                f"the alias *{name} brings the document to more text than a map file may "
                "hold (an alias counts as all the text it names); "
                f"{self.limits.hint('input_bytes')}",
                offset,
            )
        self.check_depth(len(self.stack) - 1 + anchor.height, offset, alias=name)
        top = self.stack[-1]
        if top.is_map and top.key is _NO_KEY:
            if anchor.positions is not None:
                self.key_not_text(top, offset)
                self.drop_value_of(top, offset)
                return
            written = "" if anchor.value is None else str(anchor.value)
            self.take_key(top, anchor.kind, anchor.value, written, offset)
            return
        if anchor.height >= top.height:
            top.height = anchor.height + 1
        self.add(top, anchor.value, offset, anchor.positions)

    def define(self, name: str, offset: int) -> None:
        if name in self.anchored_at:
            line = self.lines.position(self.anchored_at[name])[0]
            raise self.fail(
                f"invalid YAML: the anchor &{name} is already defined on line {line}; "
                "give each anchor its own name",
                offset,
            )
        self.anchored_at[name] = offset

    # Building mappings and lists.

    def child_path(self, frame: _Frame) -> Pointer:
        """The pointer to the value being read in ``frame``."""
        if frame is self.root:
            return ()
        if frame.is_map:
            return (*frame.path, "<<" if frame.key is _MERGE else frame.key)
        return (*frame.path, len(frame.data))

    def key_not_text(self, frame: _Frame, offset: int) -> None:
        if not frame.quiet:
            self.problem(
                "a key must be plain text, not a mapping or a list; this entry is ignored",
                offset,
                "key-type",
                frame.path,
            )

    def drop_value_of(self, frame: _Frame, offset: int) -> None:
        """Read on past a key that is not text: its value is dropped."""
        frame.key = _NOT_TEXT
        frame.key_offset = offset
        frame.discard = True

    def take_key(self, frame: _Frame, kind: str, value: Any, written: str, offset: int) -> None:
        if kind == "merge":
            key = _MERGE
            extra = frame.extra = frame.extra or _Extra()
            duplicate = extra.merge_offset >= 0
            if not duplicate:
                extra.merge_offset = offset
        elif kind == "str":
            key = value
            duplicate = key in frame.data
        else:
            # Reported, then read as the text it was written as, so that every other
            # problem of the file (more such keys among them) is reported too.
            shown = written if len(written) <= 60 else written[:60] + "…"
            if not frame.quiet:
                self.problem(
                    f"the key {shown!r} is read as {_KEY_TYPES[kind]}, not as text; "
                    f'quote it: "{shown}"',
                    offset,
                    "key-type",
                    (*frame.path, written),
                )
            key = written
            duplicate = key in frame.data
        if duplicate:
            frame.extra = frame.extra or _Extra()
            frame.extra.duplicates.append(("<<" if key is _MERGE else key, offset))
            frame.discard = True
        frame.key = key
        frame.key_offset = offset

    def add(self, frame: _Frame, value: Any, offset: int, positions: Positions | None) -> None:
        if not frame.is_map:
            if positions is not None:
                frame.add_child(len(frame.data), positions)
            frame.data.append(value)
            frame.offsets.append(offset)
            return
        key = frame.key
        frame.key = _NO_KEY
        if frame.discard:
            frame.discard = False
        elif key is _MERGE:
            self.to_merge(frame, value, offset, positions)
        else:
            if positions is not None:
                frame.add_child(len(frame.data), positions)
            frame.data[key] = value
            frame.offsets.append(frame.key_offset)
            frame.offsets.append(offset)

    def to_merge(
        self, frame: _Frame, value: Any, offset: int, positions: Positions | None
    ) -> None:
        # The YAML merge key: a list of mappings merges each, the earlier winning a key.
        assert frame.extra is not None  # made when the key '<<' was read
        if positions is None:
            pass
        elif isinstance(value, dict):
            frame.extra.merges.append((value, positions))
            return
        elif value and all(isinstance(item, dict) for item in value):
            frame.extra.merges.extend(
                (item, positions.children[index]) for index, item in enumerate(value)
            )
            return
        if not frame.quiet:
            self.problem(
                f"a merge key '<<' takes a mapping or a list of mappings, not {_shape(value)}",
                offset,
                "bad-merge",
                frame.path,
            )

    def finish_merging(self, frame: _Frame, extra: _Extra) -> None:
        if extra.duplicates and not frame.quiet:
            self.report_duplicates(frame, extra)
        if not extra.merges:
            return
        # Explicit keys win over merged ones; merged keys come first, as in PyYAML.
        entries: dict[str, tuple[Any, int, int, Positions | None]] = {}
        for source, positions in extra.merges:
            for index, (key, value) in enumerate(source.items()):
                if key not in entries:
                    offsets = positions.offsets
                    child = positions.children.get(index)
                    entries[key] = (value, offsets[2 * index], offsets[2 * index + 1], child)
        children = frame.children or _NO_CHILDREN
        for index, (key, value) in enumerate(frame.data.items()):
            offsets = frame.offsets
            entries[key] = (value, offsets[2 * index], offsets[2 * index + 1], children.get(index))
        frame.data, frame.offsets, frame.children = {}, Positions.array(), None
        for index, (key, (value, key_offset, value_offset, child)) in enumerate(entries.items()):
            frame.data[key] = value
            frame.offsets.append(key_offset)
            frame.offsets.append(value_offset)
            if child is not None:
                frame.add_child(index, child)

    def report_duplicates(self, frame: _Frame, extra: _Extra) -> None:
        ordinals = {key: index for index, key in enumerate(frame.data)}
        path = frame.path
        what = ID_SECTIONS.get(str(path[0]), "key") if len(path) == 1 else "key"
        for key, offset in extra.duplicates:
            # '<<' merged instead of becoming a key: its first copy is remembered apart.
            first = frame.offsets[2 * ordinals[key]] if key in ordinals else extra.merge_offset
            line = self.lines.position(first)[0]
            self.problem(
                f"duplicate {what} {key!r} (first used on line {line}); this one is ignored",
                offset,
                "duplicate-id" if what != "key" else "duplicate-key",
                (*path, key),
            )


def _shape(value: Any) -> str:
    if isinstance(value, list):
        return "a list holding other things" if value else "an empty list"
    if value is None:
        return "nothing (null)"
    return f"{value!r}"
