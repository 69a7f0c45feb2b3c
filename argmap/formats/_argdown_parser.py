"""Argdown's syntax, line by line: the tree of statements, arguments and relations.

A hand-written parser over the lines of :mod:`argmap.formats._argdown_lines`. Each
paragraph is one of: a heading (``# ...``), the front matter (``===`` ... ``===``, first
in the file), a premise-conclusion structure (``(1) ...``, ``----``, ``(2) ...``), or a
statement or argument (``[Title]: text``, ``<Title>: text``, ``[Title]``, plain text)
with its relations below it, by indentation (``+ - _ <+ <- <_ +> -> _> ><``), to any
depth. Nesting is followed with an explicit stack, never by recursion; a tree deeper
than ``ARGMAP_MAX_DEPTH`` is refused. Every syntax error is a located problem, and the
parser goes on at the next paragraph, so that all of them are reported at once.
"""

from __future__ import annotations

import re

import attrs

from argmap import limits
from argmap.errors import Location, Problem
from argmap.formats._argdown_lines import COMMENTED, Line
from argmap.formats._argdown_text import find_data_end, read_inline

__all__ = ["Element", "Heading", "Inference", "Pcs", "Relation", "Tree", "parse_tree"]


@attrs.define
class Element:
    """A statement or an argument, at one place where it is written.

    ``text`` is None for a reference (``[Title]``, ``<Title>``); ``title`` is None for a
    statement written without one. ``raw`` is the Argdown text as written (lines of a
    statement that runs over several joined by ``\\n``); ``data`` holds each data block
    with its location.
    """

    argument: bool
    title: str | None
    text: str | None
    raw: str
    location: Location
    text_location: Location
    section: int | None
    tags: tuple[str, ...] = ()
    data: list[tuple[Location, str]] = attrs.field(factory=list)
    # Where each line of ``raw`` starts: offset in raw, and location.
    pieces: list[tuple[int, Location]] = attrs.field(factory=list)


@attrs.define
class Relation:
    """``source`` supports, attacks, undercuts or contradicts ``target``."""

    kind: str  # support, attack, undercut, contradiction
    source: Element
    target: Element
    location: Location


@attrs.define
class Inference:
    """An inference line of a premise-conclusion structure: its rules and data."""

    rules: list[str]
    data: list[tuple[Location, str]]
    location: Location


@attrs.define
class Pcs:
    """A premise-conclusion structure: numbered statements, inference lines between.

    ``inferences[i]`` is the inference line above ``statements[i]`` (a conclusion).
    """

    argument: Element | None
    statements: list[Element]
    inferences: dict[int, Inference]
    location: Location


@attrs.define
class Heading:
    """A heading: a section of the file, and a group of the map."""

    level: int
    title: str
    raw: str
    data: list[tuple[Location, str]]
    location: Location
    parent: int | None


@attrs.define
class Tree:
    """Everything an Argdown file says, in the order it says it."""

    front_matter: tuple[str, Location] | None = None
    elements: list[Element] = attrs.field(factory=list)
    relations: list[Relation] = attrs.field(factory=list)
    arguments: list[Pcs] = attrs.field(factory=list)
    headings: list[Heading] = attrs.field(factory=list)
    problems: list[Problem] = attrs.field(factory=list)


_HEADING = re.compile(r"(#+) (.*)")
_NUMBERED = re.compile(r"([ \t]*)\((\d+)\)[ \t]*")
_INFERENCE = re.compile(r"[ \t]*--")
_RELATION = re.compile(r"([ \t]*)(\+>|->|<\+|\+|<-|-|><|_>|<_|_(?=\s))[ \t]*")
_LIST_ITEM = re.compile(r"[ \t]*(?:\d+\.|\*)(?=\s)[ \t]*")
_STATEMENT_DEFINITION = re.compile(r"\[(.+?)\]:[ \t]*")
_STATEMENT_REFERENCE = re.compile(r"\[([^-\]][^\]]*?)\](?!\()[ \t]*")
_ARGUMENT_DEFINITION = re.compile(r"<(.+?)>:[ \t]*")
_ARGUMENT_REFERENCE = re.compile(r"<([^->][^>]*?)>[ \t]*")
_FRONT_MATTER = re.compile(r"[ \t]*===+[ \t]*")

_KINDS = {
    "+": ("support", True),
    "<+": ("support", True),
    "+>": ("support", False),
    "-": ("attack", True),
    "<-": ("attack", True),
    "->": ("attack", False),
    "_": ("undercut", True),
    "<_": ("undercut", True),
    "_>": ("undercut", False),
    "><": ("contradiction", False),
}


def parse_tree(lines: list[Line]) -> Tree:
    """The syntax tree of Argdown ``lines``, with every syntax error as a problem."""
    return _Parser(lines).run()


class _Parser:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = [line for line in lines if line.text != COMMENTED]
        self.index = 0
        self.tree = Tree()
        self.section: int | None = None
        self.depth = limits.current().depth
        self.most = limits.current().problems
        # The argument a premise-conclusion structure that follows belongs to.
        self.pending: Element | None = None

    def error(self, message: str, where: Location, code: str = "syntax") -> None:
        if len(self.tree.problems) <= self.most:
            self.tree.problems.append(Problem(message, location=where, code=code))

    def run(self) -> Tree:
        self._front_matter()
        while self.index < len(self.lines):
            line = self.lines[self.index]
            text = line.text
            if not text.strip():
                self.index += 1
                continue
            if heading := _HEADING.match(text):
                self._heading(line, heading)
                self.pending = None
                continue
            if _NUMBERED.match(text) or _INFERENCE.match(text):
                self._pcs()
                continue
            if relation := _RELATION.match(text):
                self.error(
                    f"the relation {relation.group(2)!r} has nothing to relate to: write it "
                    "indented below a statement or an argument, with no empty line between",
                    line.at(len(relation.group(1))),
                )
                self._skip_paragraph()
                continue
            self._paragraph()
        return self.tree

    def _skip_paragraph(self) -> None:
        self.index += 1
        while self.index < len(self.lines) and self.lines[self.index].text.strip():
            self.index += 1

    def _front_matter(self) -> None:
        while self.index < len(self.lines) and not self.lines[self.index].text.strip():
            self.index += 1
        if self.index >= len(self.lines):
            return
        first = self.lines[self.index]
        if not _FRONT_MATTER.fullmatch(first.text):
            return
        for end in range(self.index + 1, len(self.lines)):
            if _FRONT_MATTER.fullmatch(self.lines[end].text):
                body = "\n".join(line.text for line in self.lines[self.index + 1 : end])
                self.tree.front_matter = (body, Location(first.path, first.number + 1, 1))
                self.index = end + 1
                return
        self.error(
            "the front matter opened by '===' is never closed; end it with '==='", first.at(0)
        )
        self.index = len(self.lines)

    def _heading(self, line: Line, match: re.Match[str]) -> None:
        self.index += 1
        level = len(match.group(1))
        raw = match.group(2)
        inline = read_inline(raw)
        parent = self.section
        while parent is not None and self.tree.headings[parent].level >= level:
            parent = self.tree.headings[parent].parent
        data = [(line.at(match.start(2) + at), block) for at, block in inline.data]
        self.tree.headings.append(
            Heading(level, inline.text, raw, data, line.at(match.start(2)), parent)
        )
        self.section = len(self.tree.headings) - 1

    # Statements and arguments with their relations.

    def _element(self, line: Line, start: int) -> Element:
        """The statement or argument written on ``line`` from column ``start`` on."""
        text = line.text
        rest = start
        argument = False
        title: str | None = None
        reference = False
        for pattern, is_argument, is_reference in (
            (_STATEMENT_DEFINITION, False, False),
            (_ARGUMENT_DEFINITION, True, False),
            (_STATEMENT_REFERENCE, False, True),
            (_ARGUMENT_REFERENCE, True, True),
        ):
            match = pattern.match(text, start)
            if match is not None:
                argument, reference = is_argument, is_reference
                title = match.group(1).strip()
                rest = match.end()
                break
        element = Element(
            argument=argument,
            title=title or None,
            text=None if reference else "",
            raw=text[rest:].rstrip(),
            location=line.at(start),
            text_location=line.at(rest),
            section=self.section,
            pieces=[(0, line.at(rest))],
        )
        self.tree.elements.append(element)
        return element

    def _continue(self, element: Element, line: Line) -> None:
        """Add ``line`` to the text of ``element``, which runs over several lines."""
        stripped = line.text.strip()
        column = len(line.text) - len(line.text.lstrip())
        if element.raw:
            element.raw += "\n"
        element.pieces.append((len(element.raw), line.at(column)))
        element.raw += stripped

    def _finish(self, element: Element) -> None:
        """Read the text of ``element``: plain text, tags, data blocks."""
        inline = read_inline(element.raw)
        element.tags = inline.tags
        for offset, block in inline.data:
            element.data.append((_locate(element, offset), block))
        if element.text is not None:
            element.text = inline.text
            return
        if inline.text:
            kind = "argument" if element.argument else "statement"
            self.error(
                f"a reference to the {kind} {element.title!r} has text after it: give the "
                f"text after a colon ({'<' if element.argument else '['}{element.title}"
                f"{'>' if element.argument else ']'}: text), or start it on a new line",
                element.text_location,
            )

    def _paragraph(self) -> None:
        """A statement or an argument, its continuation lines and its relation tree."""
        first = self.lines[self.index]
        item = _LIST_ITEM.match(first.text)
        head = self._element(
            first, item.end() if item else len(first.text) - len(first.text.lstrip())
        )
        self.index += 1
        # The open elements, innermost last: (indentation, element).
        stack: list[tuple[int, Element]] = [(-1, head)]
        last = head
        while self.index < len(self.lines):
            line = self.lines[self.index]
            text = line.text
            if not text.strip() or _HEADING.match(text):
                break
            if _NUMBERED.match(text) or _INFERENCE.match(text):
                break
            relation = _RELATION.match(text)
            if relation is None:
                if _STARTS_ELEMENT.match(text) and not text[0].isspace():
                    self.error(
                        "a new statement or argument starts a new paragraph: put an empty "
                        "line before it",
                        line.at(0),
                    )
                    self._finish(last)
                    self._skip_paragraph()
                    return
                self._continue(last, line)
                self.index += 1
                continue
            self._finish(last)
            indent = len(relation.group(1))
            if not self._nest(stack, indent, line):
                return
            parent = stack[-1][1]
            child = self._element(line, relation.end())
            symbol = relation.group(2)
            kind, incoming = _KINDS[symbol]
            source, target = (child, parent) if incoming else (parent, child)
            self.tree.relations.append(Relation(kind, source, target, line.at(indent)))
            stack.append((indent, child))
            last = child
            self.index += 1
        self._finish(last)
        self.pending = head if head.argument and len(stack) >= 1 else None

    # Premise-conclusion structures.

    def _pcs(self) -> None:
        first = self.lines[self.index]
        argument, self.pending = self.pending, None
        pcs = Pcs(argument, [], {}, first.at(0))
        rule: Inference | None = None
        while self.index < len(self.lines):
            line = self.lines[self.index]
            text = line.text
            if not text.strip():
                break  # Argdown allows no empty line inside a structure
            numbered = _NUMBERED.match(text)
            if numbered is not None:
                if rule is not None:
                    pcs.inferences[len(pcs.statements)] = rule
                    rule = None
                self._pcs_statement(pcs, line, numbered)
                continue
            if _INFERENCE.match(text):
                if rule is not None or not pcs.statements:
                    self.error(
                        "an inference line must come after a premise and before its "
                        "conclusion ((1) premise, then ----, then (2) conclusion)",
                        line.at(0),
                    )
                rule = self._inference()
                continue
            break
        if rule is not None:
            self.error(
                "the argument ends with an inference line: give its conclusion below it, "
                "as a numbered statement ((n) conclusion)",
                rule.location,
            )
        if not pcs.inferences:
            self.error(
                "a premise-conclusion structure needs an inference line (----) before its "
                "conclusion",
                pcs.location,
            )
            return
        self.tree.arguments.append(pcs)

    def _pcs_statement(self, pcs: Pcs, line: Line, numbered: re.Match[str]) -> None:
        element = self._element(line, numbered.end())
        pcs.statements.append(element)
        self.index += 1
        stack: list[tuple[int, Element]] = [(len(numbered.group(1)), element)]
        last = element
        while self.index < len(self.lines):
            line = self.lines[self.index]
            text = line.text
            if not text.strip() or _NUMBERED.match(text) or _INFERENCE.match(text):
                break
            if _HEADING.match(text):
                break
            relation = _RELATION.match(text)
            if relation is None:
                if not text[0].isspace() and _STARTS_ELEMENT.match(text):
                    break
                self._continue(last, line)
                self.index += 1
                continue
            self._finish(last)
            indent = len(relation.group(1))
            if not self._nest(stack, indent, line):
                return
            child = self._element(line, relation.end())
            kind, incoming = _KINDS[relation.group(2)]
            parent = stack[-1][1]
            source, target = (child, parent) if incoming else (parent, child)
            self.tree.relations.append(Relation(kind, source, target, line.at(indent)))
            stack.append((indent, child))
            last = child
            self.index += 1
        self._finish(last)

    def _nest(self, stack: list[tuple[int, Element]], indent: int, line: Line) -> bool:
        """Close the relations ``indent`` ends; False (the paragraph skipped, an error
        reported) when one more level would pass the depth limit."""
        while len(stack) > 1 and stack[-1][0] >= indent:
            stack.pop()
        if len(stack) <= self.depth:
            return True
        self.error(
            f"relations nested more than {self.depth:,} deep; argmap reads "
            f"{limits.current().hint('depth')}",
            line.at(indent),
            code="too-deep",
        )
        self._skip_paragraph()
        return False

    def _inference(self) -> Inference:
        first = self.lines[self.index]
        start = len(first.text) - len(first.text.lstrip())
        body: list[tuple[Line, int, str]] = []
        text = first.text.strip()
        self.index += 1
        inner = text[2:]
        # "----" is an inference line's start ("--") and end ("--") at once; "--" alone
        # starts one whose rules follow on the next lines.
        if not inner.strip("-") and len(text) >= 4:
            pass
        elif inner.strip("-").strip() and inner.rstrip().endswith("--"):
            inner = inner.lstrip("-")
            body.append((first, first.text.index(inner), inner.rstrip().rstrip("-")))
        else:
            inner = inner.lstrip("-")
            # Rules over several lines, up to a line ending in "--".
            body.append((first, len(first.text) - len(inner), inner))
            while self.index < len(self.lines):
                line = self.lines[self.index]
                self.index += 1
                stripped = line.text.rstrip()
                column = len(line.text) - len(line.text.lstrip())
                if stripped.endswith("--"):
                    body.append((line, column, stripped.rstrip("-").strip()))
                    break
                body.append((line, column, stripped.strip()))
            else:
                self.error("the inference line is never closed: end it with '--'", first.at(start))
        rules: list[str] = []
        data: list[tuple[Location, str]] = []
        for line, column, content in body:
            position = 0
            kept: list[str] = []
            while (brace := content.find("{", position)) >= 0:
                end = find_data_end(content, brace)
                if end is None:
                    break
                kept.append(content[position:brace])
                data.append((line.at(column + brace), content[brace:end]))
                position = end
            kept.append(content[position:])
            rules.extend(
                rule for part in "".join(kept).split(",") if (rule := read_inline(part).text)
            )
        return Inference(rules, data, first.at(start))


_STARTS_ELEMENT = re.compile(r"\[.+?\]:|<.+?>:")


def _locate(element: Element, offset: int) -> Location:
    """The location of ``offset`` in the raw text of ``element``."""
    start, where = element.pieces[0]
    for piece_start, piece_where in element.pieces:
        if piece_start > offset:
            break
        start, where = piece_start, piece_where
    return Location(where.path, where.line, (where.column or 1) + offset - start)
