"""The map files named on the command line: files as given, directories searched.

A directory is searched recursively for files whose suffix names a map format (``.yaml``,
``.yml``, ``.json``, ``.argdown``, in any case), in a stable order: each directory's
files by name, then its subdirectories by name. The search skips what holds no one's
maps: hidden files and directories (``.git``, ``.venv``, ``.tox``), ``node_modules``,
``__pycache__``, and virtual environments (a directory holding ``pyvenv.cfg``). It does
not follow symbolic links to directories, so it always ends. A file named on the command
line is read whatever its suffix; a name given twice is read once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.errors import Problem

#: Suffixes of the map files a directory search takes. (``.ad`` is Argdown only when a
#: file is named: in a folder it is as likely AsciiDoc.)
MAP_SUFFIXES = (".yaml", ".yml", ".json", ".argdown")
#: Directories a search never enters, besides hidden ones and virtual environments.
SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__"})
#: What a search skips, as help and messages say it.
SKIPPED = "hidden files and directories, node_modules, __pycache__ and virtual environments"


@dataclass(frozen=True)
class Input:
    """A map to read: ``path`` as the user wrote it (or their directory joined with the
    file's place in it); ``within``, the part under the directory named, for laying out
    the pictures of a directory's maps the same way elsewhere."""

    path: str
    within: str | None = None

    @property
    def shown(self) -> str:
        """The name messages use: the path, or ``<stdin>`` for ``-``."""
        return "<stdin>" if self.path == "-" else self.path


@dataclass(frozen=True)
class Inputs:
    """The maps to read, and what was wrong with the arguments themselves (a directory
    with no map in it, one that cannot be listed), each a problem at that path."""

    maps: list[Input]
    problems: list[Problem]


def expand(arguments: list[str]) -> Inputs:
    """The maps ``arguments`` name: each file, and the map files in each directory.

    >>> expand(["-", "map.yaml", "-"]).maps
    [Input(path='-', within=None), Input(path='map.yaml', within=None)]
    """
    maps: list[Input] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def take(found: Input) -> None:
        key = found.path if found.path == "-" else os.path.normpath(found.path)
        if key not in seen:
            seen.add(key)
            maps.append(found)

    for argument in arguments:
        if argument != "-" and os.path.isdir(argument):
            found, trouble = _search(argument)
            problems += trouble
            for each in found:
                take(each)
            if not found and not trouble:
                problems.append(_problem(argument, _NO_MAPS, "no-maps"))
        else:
            take(Input(argument))
    return Inputs(maps, problems)


_NO_MAPS = (
    f"no map files in this directory ({', '.join(MAP_SUFFIXES)}; searched recursively, "
    f"skipping {SKIPPED})"
)


def _problem(path: str, message: str, code: str) -> Problem:
    from argmap.errors import Location, Problem

    return Problem(message, location=Location(path), code=code)


def _search(directory: str) -> tuple[list[Input], list[Problem]]:
    found: list[Input] = []
    problems: list[Problem] = []

    def unreadable(error: OSError) -> None:
        name = error.filename if isinstance(error.filename, str) else directory
        reason = error.strerror or str(error)
        problems.append(_problem(name, f"cannot search this directory: {reason}", "unreadable"))

    for here, subdirectories, files in os.walk(directory, onerror=unreadable):
        subdirectories[:] = sorted(
            name for name in subdirectories if not _skipped(os.path.join(here, name), name)
        )
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(MAP_SUFFIXES):
                continue
            path = os.path.join(here, name)
            found.append(Input(path, os.path.relpath(path, directory)))
    return found, problems


def _skipped(path: str, name: str) -> bool:
    return (
        name.startswith(".")
        or name in SKIPPED_DIRECTORIES
        or os.path.exists(os.path.join(path, "pyvenv.cfg"))
    )
