"""Exceptions and the problems they carry.

Every error argmap raises for bad input is an :class:`ArgmapError`, with a message
written for the person who made the mistake: what is wrong, where, what would be right.
What is legal but probably wrong (a cycle of support, a claim connected to nothing) is a
problem of severity warning: it is reported, and issued as an :class:`ArgmapWarning`,
but never stops a map from loading or drawing.

>>> loc = Location("map.yaml", 3, 7)
>>> str(Problem("unknown claim 'thesis'", location=loc))
"map.yaml:3:7: error: unknown claim 'thesis'"
>>> cycle = Problem("support cycle: a -> b -> a", location=loc, severity=Severity.WARNING)
>>> str(cycle), cycle.is_error
('map.yaml:3:7: warning: support cycle: a -> b -> a', False)
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable

import attrs

__all__ = [
    "ArgmapError",
    "ArgmapWarning",
    "Location",
    "MapFormatError",
    "Pointer",
    "Problem",
    "RenderError",
    "Severity",
    "ValidationError",
]

#: Where a value sits in a map document: keys and list indices from the root,
#: e.g. ``("claims", "thesis", "supports", 0)``.
Pointer = tuple[str | int, ...]


@attrs.frozen
class Location:
    """A place in a file: 1-based line and column when known."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [shown_path(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


# Controls (a newline, an escape) in a file name would break a message in two, or drive
# the terminal: they are shown escaped, as Python writes them.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown_path(path: str) -> str:
    r"""``path`` as a message shows it: any control character escaped.

    >>> shown_path("maps/a\nb.yaml")
    'maps/a\\nb.yaml'
    """
    if not _CONTROLS.search(path):
        return path
    return _CONTROLS.sub(lambda found: repr(found.group())[1:-1], path)


class Severity(enum.Enum):
    """How bad a problem is."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Problem:
    """One thing wrong with a map, where it is, and (as ``code``) what kind of thing.

    ``pointer`` addresses the offending value inside the map document; loaders turn it
    into a :class:`Location` with a line and column.
    """

    message: str
    location: Location | None = attrs.field(default=None, kw_only=True)
    code: str = attrs.field(default="invalid", kw_only=True)
    pointer: Pointer = attrs.field(default=(), kw_only=True)
    severity: Severity = attrs.field(default=Severity.ERROR, kw_only=True)

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity.value}: {self.message}"

    @property
    def is_error(self) -> bool:
        """Whether this problem makes the map unusable (a warning does not)."""
        return self.severity is Severity.ERROR


class ArgmapError(Exception):
    """The base of every error argmap raises for bad input or a failed render."""


class MapFormatError(ArgmapError):
    """A map file that cannot be read: bad syntax, wrong encoding, unknown format."""

    def __init__(
        self,
        message: str,
        path: str = "<map>",
        line: int | None = None,
        column: int | None = None,
        *,
        code: str = "syntax",
    ) -> None:
        self.message = message
        self.location = Location(path, line, column)
        #: ``syntax`` for text that cannot be parsed, ``unreadable`` for a file that
        #: cannot be read at all (missing, a directory, no permission, not UTF-8).
        self.code = code
        super().__init__(f"{self.location}: {message}")

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The error as a single problem, so callers can treat all input errors alike."""
        return (Problem(self.message, location=self.location, code=self.code),)


class ValidationError(ArgmapError):
    """A map that was read but is not consistent; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''}:\n{lines}")


class RenderError(ArgmapError):
    """A picture could not be made: engine missing, timed out, or failed."""


class ArgmapWarning(UserWarning):
    """A map that is legal but probably wrong, issued through :mod:`warnings`.

    ``str()`` is the located message (``map.yaml:4:15: warning: ...``); ``problem`` is
    the :class:`Problem`, with its ``code`` (``support-cycle``, ``mixed-relation``,
    ``disconnected``, ``empty-map``). Silence them as any warning:
    ``warnings.simplefilter("ignore", argmap.ArgmapWarning)``; or make them errors
    with ``"error"``.
    """

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
