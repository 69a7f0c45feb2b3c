"""What every map file, however hostile, must give: the property the fuzz targets check.

Any input either gives a map and/or a list of problems, each located at a line and
column, or raises :class:`argmap.MapFormatError` with a location; nothing else escapes
(no other exception, no ``RecursionError``, no ``MemoryError``). A map that comes back
with no problems survives ``dumps`` then ``loads`` unchanged, in both formats.

This module needs no fuzzer: ``python fuzz/properties.py FILE...`` checks files by hand.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from argmap.errors import ArgmapError, Location, MapFormatError, Problem
from argmap.formats import check, check_file, dumps, loads
from argmap.model import ArgumentMap

__all__ = ["PropertyViolation", "check_bytes", "check_text"]

#: The name problems are reported by, so that a location can be told from none.
SOURCE = "fuzz-input"
# The file suffixes check_file is fed: the first byte of a bytes input picks one.
_SUFFIXES = (".yaml", ".json", ".yml", "")


class PropertyViolation(AssertionError):
    """The input broke the property; the first line of the message names how."""


def check_text(text: str, format: str) -> None:
    """Check ``text`` as a map file of ``format`` ("yaml" or "json")."""
    try:
        argmap, problems = check(text, format, source=SOURCE)
    except MapFormatError as error:
        _require_located(error.location, f"MapFormatError {error}")
        return
    _require_sound(argmap, problems)


def check_bytes(data: bytes, directory: str | os.PathLike[str] | None = None) -> None:
    """Check ``data[1:]`` as a file whose suffix ``data[0]`` picks (decoding included)."""
    suffix = _SUFFIXES[data[0] % len(_SUFFIXES)] if data else ".yaml"
    handle, name = tempfile.mkstemp(prefix="fuzz-", suffix=suffix, dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data[1:])
        # check_file never raises for bad input: an unreadable file is a problem too.
        argmap, problems = check_file(name)
    finally:
        os.unlink(name)
    _require_sound(argmap, problems, path=name)


def _require_located(location: Location | None, what: str, path: str = SOURCE) -> None:
    what = what.replace(path, "FILE")  # a temporary name would make each finding look new
    if location is None or location.line is None or location.column is None:
        raise PropertyViolation(f"no line and column\n{what}")
    if location.path != path:
        raise PropertyViolation(f"located in another file {location.path!r}\n{what}")


def _require_sound(
    argmap: ArgumentMap | None, problems: list[Problem], path: str = SOURCE
) -> None:
    for problem in problems:
        if not isinstance(problem, Problem):
            raise PropertyViolation(f"not a Problem\n{problem!r}")
        _require_located(problem.location, f"problem {problem}", path)
    if argmap is None or problems:
        return
    for format in ("yaml", "json"):
        text = dumps(argmap, format)
        try:
            again = loads(text, format)
        except ArgmapError as error:  # a dump that does not load, or does not parse
            message = f"{format} round trip: the dump does not load\n{error}\n{text}"
            raise PropertyViolation(message) from None
        if again != argmap:
            raise PropertyViolation(
                f"{format} round trip: {_first_difference(argmap, again)} differ\n{text}"
            )


def _first_difference(before: ArgumentMap, after: ArgumentMap) -> str:
    for field in ("title", "source", "metadata", "actors", "claims", "relations", "groups"):
        if getattr(before, field) != getattr(after, field):
            return field
    return "maps"


def main(paths: list[str]) -> int:
    """Check each file by hand (text targets by suffix); print what breaks."""
    failed = 0
    for path in paths:
        data = Path(path).read_bytes()
        text = data.decode("utf-8", errors="replace")
        try:
            check_text(text, "json" if path.endswith(".json") else "yaml")
        except Exception as error:
            failed += 1
            print(f"{path}: {type(error).__name__}: {str(error).splitlines()[0]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
