"""The lines of an Argdown file, ready to parse: includes in, comments out.

Windows (``\\r\\n``) and old Mac (``\\r``) line ends read as ``\\n``. ``@include(path)``
puts the named file's lines in its place, as Argdown's own ``IncludePlugin`` does (the
path is relative to the including file; a file included twice is refused, so no cycle
can loop). Comments (``// ...``, ``/* ... */``, ``<!-- ... -->``) become spaces, so
that every column still counts as in the file; a line that held only a comment goes.
Each line keeps its file and number, for messages.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs

from argmap import limits
from argmap._io import read_text
from argmap.errors import Location, MapFormatError, Problem, Severity
from argmap.formats._argdown_text import find_data_end

__all__ = ["COMMENTED", "Line", "split_lines"]

#: The text of a line that held only a comment.
COMMENTED = "\0"


@attrs.frozen
class Line:
    """One line of Argdown: its text (no line end), file and 1-based number."""

    text: str
    path: str
    number: int

    def at(self, column: int) -> Location:
        """The location of the 0-based ``column`` of this line."""
        return Location(self.path, self.number, column + 1)


_INCLUDE = re.compile(r"@include\(([^)]+)\)")
_LINE_ENDS = re.compile(r"\r\n|\r")
# Where a comment may start, and what to skip on the way: escapes, links and data
# blocks, whose text may hold "//" (a URL), as Argdown reads them.
_COMMENT_OR_SKIP = re.compile(r"\\.|\[[^\]\n]+?\]\([^)\n]+?\)|\{|//|/\*|<!--", re.DOTALL)
# Front matter: YAML between two "===" lines at the top of the file, comments and all.
_FRONT_MATTER_START = re.compile(r"\s*===[ \t]*\n")
_FRONT_MATTER_END = re.compile(r"^===[ \t]*$", re.MULTILINE)


def split_lines(text: str, source: str) -> tuple[list[Line], list[Problem]]:
    """The lines of ``text`` (from the file ``source``), includes and comments resolved."""
    problems: list[Problem] = []
    lines: list[Line] = []
    budget = [limits.current().input_bytes - len(text.encode("utf-8", "surrogatepass"))]
    stack: list[tuple[list[str], str, int, set[str]]] = [
        (_clean(text, source, problems), source, 0, {_key(source)})
    ]
    # Included files are read in a loop, each one's lines pushed on a stack: no depth of
    # includes recurses.
    while stack:
        texts, path, index, seen = stack.pop()
        while index < len(texts):
            line = texts[index]
            index += 1
            match = _INCLUDE.search(line)
            if match is None:
                lines.append(Line(line, path, index))
                continue
            included = _include(match, line, path, index, seen, budget, problems)
            if included is None:
                lines.append(Line(line[: match.start()] + " " * len(match.group()), path, index))
                continue
            name, included_text = included
            stack.append((texts, path, index, seen))
            stack.append((_clean(included_text, name, problems), name, 0, seen | {_key(name)}))
            break
    return lines, problems


def _key(path: str) -> str:
    return os.path.realpath(path) if not path.startswith("<") else path


def _include(
    match: re.Match[str],
    line: str,
    path: str,
    number: int,
    seen: set[str],
    budget: list[int],
    problems: list[Problem],
) -> tuple[str, str] | None:
    where = Location(path, number, match.start() + 1)
    target = match.group(1).strip()
    if path.startswith("<"):
        problems.append(
            Problem(
                f"@include({target}) is not followed: text read without a file has no folder "
                "to find it in; read the file itself, or put the included text in its place",
                location=where,
                code="argdown-include",
                severity=Severity.WARNING,
            )
        )
        return None
    name = os.path.normpath(os.path.join(os.path.dirname(path), target))
    if _key(name) in seen:
        problems.append(
            Problem(
                f"@include({target}) includes {name!r} inside itself; a file may not include "
                "itself or a file that includes it",
                location=where,
                code="argdown-include",
            )
        )
        return None
    try:
        text, shown = read_text(Path(name))
    except MapFormatError as error:
        problems.append(
            Problem(
                f"@include({target}): {error.message}",
                location=where,
                code="argdown-include",
            )
        )
        return None
    budget[0] -= len(text.encode("utf-8", "surrogatepass"))
    if budget[0] < 0:
        problems.append(
            Problem(
                f"@include({target}) brings the map to more text than argmap reads "
                f"({limits.current().hint('input_bytes')})",
                location=where,
                code="argdown-include",
            )
        )
        return None
    return shown, text


def _clean(text: str, source: str, problems: list[Problem]) -> list[str]:
    """The lines of ``text``, comments blanked; lines that held only a comment dropped."""
    text = _LINE_ENDS.sub("\n", text)
    if text.startswith("\ufeff"):
        text = text[1:]
    pieces: list[str] = []
    commented: set[int] = set()
    index = 0
    opened = _FRONT_MATTER_START.match(text)
    closed = _FRONT_MATTER_END.search(text, opened.end()) if opened else None
    if closed is not None:
        index = closed.end()
    copied = 0
    while True:
        match = _COMMENT_OR_SKIP.search(text, index)
        if match is None:
            break
        token = match.group()
        if token.startswith(("\\", "[")):
            index = match.end()
            continue
        if token == "{":
            index = find_data_end(text, match.start()) or match.end()
            continue
        if token == "//":
            end = text.find("\n", match.start())
            end = len(text) if end < 0 else end
        else:
            closing = "*/" if token == "/*" else "-->"
            end = text.find(closing, match.end())
            if end < 0:
                first = text.count("\n", 0, match.start()) + 1
                column = match.start() - text.rfind("\n", 0, match.start())
                problems.append(
                    Problem(
                        f"the comment {token} is never closed; end it with {closing}",
                        location=Location(source, first, column),
                        code="syntax",
                    )
                )
                end = len(text)
            else:
                end += len(closing)
        first = text.count("\n", 0, match.start())
        commented.update(range(first, first + text.count("\n", match.start(), end) + 1))
        pieces.append(text[copied : match.start()])
        pieces.append("".join("\n" if char == "\n" else " " for char in text[match.start() : end]))
        copied = index = end
    pieces.append(text[copied:])
    lines = "".join(pieces).split("\n")
    # A line that held only a comment is not an empty line: it ends no paragraph.
    return [
        COMMENTED if number in commented and not line.strip() else line
        for number, line in enumerate(lines)
    ]
