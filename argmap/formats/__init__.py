"""Reading and writing map files, one module per format.

``load``/``loads`` read a map and check it: every problem of the file is reported at
once, each at its line and column, in a :class:`~argmap.errors.ValidationError` (or a
:class:`~argmap.errors.MapFormatError` when the text cannot be parsed at all). What is
legal but probably wrong does not stop the map from loading: each such warning is issued
as an :class:`~argmap.errors.ArgmapWarning`. ``check``/``check_file`` return the map with
the errors and the warnings, for a caller that reports them itself.

>>> m = loads('''
... claims:
...   t: {kind: thesis, text: Socrates is mortal.}
...   p: {text: All men are mortal., supports: t}
... ''')
>>> loads(dumps(m, format="json"), format="json") == m
True
>>> loads("claims: {p: {text: P, supports: thesys}, thesis: {text: T}}")
Traceback (most recent call last):
...
argmap.errors.ValidationError: 1 problem:
<string>:1:33: error: unknown claim 'thesys'; did you mean 'thesis'?
>>> m, problems = check("claims: {t: {text: T}, p: {text: P, supports: t}, q: {text: Q}}")
>>> [str(problem) for problem in problems]  # doctest: +NORMALIZE_WHITESPACE
["<string>:1:51: warning: claim 'q' is connected to nothing: no relation goes to or
  from it; say what it supports or attacks, or remove it"]
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import attrs

from argmap import limits
from argmap._gc import collector_paused
from argmap._io import STDIO, decode, read_text, write_file
from argmap.advice import issue
from argmap.errors import Location, MapFormatError, Pointer, Problem, Severity, ValidationError
from argmap.formats import aif as _aif
from argmap.formats import argdown as _argdown
from argmap.formats import graphml as _graphml
from argmap.formats import json as _json
from argmap.formats import mermaid as _mermaid
from argmap.formats import yaml as _yaml
from argmap.formats._aif_sniff import looks_like_aif
from argmap.formats._document import read_located
from argmap.formats._tree import Parsed
from argmap.model import ArgumentMap
from argmap.validation import require_map

__all__ = [
    "FORMATS",
    "Checked",
    "Format",
    "check",
    "check_file",
    "check_file_located",
    "check_located",
    "dump",
    "dumps",
    "format_for",
    "load",
    "loads",
]


@attrs.frozen
class Format:
    """A map file format: its name, file suffixes, reader and writer.

    ``parse(text, source)`` gives the map as the data of an argmap map file (the schema
    YAML and JSON share), with where each value was written and the problems met on the
    way; ``dumps(map)`` gives the text. A format only written (a picture's source for
    another tool) has no ``parse``; one only read has no ``dumps``.
    """

    name: str
    suffixes: tuple[str, ...]
    parse: Callable[[str, str], Parsed] | None
    dumps: Callable[[ArgumentMap], str] | None


#: The map file formats by name.
FORMATS: dict[str, Format] = {
    "yaml": Format("yaml", (".yaml", ".yml"), _yaml.parse, _yaml.dumps),
    "json": Format("json", (".json",), _json.parse, _json.dumps),
    "argdown": Format("argdown", (".argdown", ".ad"), _argdown.parse, _argdown.dumps),
    # AIFdb and OVA save AIF as plain .json: such a file is told from an argmap JSON
    # file by its keys (see format_for); .aif.json and .aif name it outright.
    "aif": Format("aif", (".aif.json", ".aif"), _aif.parse, _aif.dumps),
    "graphml": Format("graphml", (".graphml",), None, _graphml.dumps),
    "mermaid": Format("mermaid", (".mmd", ".mermaid"), None, _mermaid.dumps),
}


def format_for(
    name: str | None = None, path: str | os.PathLike[str] | None = None, text: str | None = None
) -> Format:
    """The format called ``name``, else the one ``path``'s suffix names, else a guess.

    The longest suffix that ends the file's name wins (``.aif.json`` over ``.json``).
    Without a name or a known suffix, text that starts with ``{`` is JSON, the rest YAML.
    JSON text (a ``.json`` file, or text without a suffix) is AIF when its top-level
    object has an ``AIF``, ``nodes`` or ``edges`` key, keys no argmap map file holds.
    """
    if name is not None:
        try:
            return FORMATS[name.lower()]
        except KeyError:
            known = ", ".join(FORMATS)
            raise MapFormatError(
                f"unknown map format {name!r} (known: {known})", code="unknown-format"
            ) from None
    found: Format | None = None
    if path is not None and str(path) != STDIO:
        file_name = Path(path).name.lower()
        longest = 0
        for candidate in FORMATS.values():
            for suffix in candidate.suffixes:
                if len(file_name) > len(suffix) > longest and file_name.endswith(suffix):
                    found, longest = candidate, len(suffix)
    if found is None and text is not None and text.lstrip().startswith("{"):
        found = FORMATS["json"]
    if found is FORMATS["json"] and text is not None and looks_like_aif(text):
        return FORMATS["aif"]
    return found or FORMATS["yaml"]


@attrs.frozen
class Checked:
    """A map read and checked, with the way to find where any part of it was written.

    ``locate(pointer)`` gives the location in the file of a part of the model:
    ``("claims", "a")`` (the claim's key), ``("claims", "a", "quote")``,
    ``("relations", 3)`` (the fourth relation of ``map.relations``, wherever the file
    wrote it: on its source claim or in ``relations:``), ``("groups", "g")``, ``()``.
    """

    map: ArgumentMap | None
    problems: list[Problem]
    locate: Callable[[Pointer], Location]


def check(
    text: str | bytes, format: str = "yaml", *, source: str = "<string>"
) -> tuple[ArgumentMap | None, list[Problem]]:
    """Read ``text`` and return the map with every problem found, located in the text.

    The problems are the errors in reading order, then the warnings in reading order
    (``problem.is_error`` tells them apart; each has a ``code``). The map is ``None``
    when the text could not be read far enough to build one; it is usable when it is
    not ``None`` and no problem is an error. At most ``ARGMAP_MAX_PROBLEMS`` problems
    are returned, and a last one says more follow: an error if errors were left out
    (the map is then ``None``), else a warning.

    ``text`` may be bytes, which must be UTF-8 (a byte-order mark is allowed). Raises
    :class:`MapFormatError` when the text is not valid YAML/JSON at all.
    """
    checked = check_located(text, format, source=source)
    return checked.map, checked.problems


def check_located(text: str | bytes, format: str = "yaml", *, source: str = "<string>") -> Checked:
    """Like :func:`check`, with a way to locate any part of the map (see :class:`Checked`).

    >>> checked = check_located("claims:\\n  t: {text: T}\\n  p: {text: P, supports: t}\\n")
    >>> str(checked.locate(("claims", "p"))), str(checked.locate(("relations", 0)))
    ('<string>:3:3', '<string>:3:26')
    """
    fmt = format_for(format)
    if fmt.parse is None:
        raise MapFormatError(
            f"argmap writes {fmt.name} but does not read it", source, code="unknown-format"
        )
    with collector_paused():  # the reading builds objects that all stay alive
        parsed = fmt.parse(_as_text(text, source), source)
        # A reader's warning (what an Argdown file says that the model cannot hold)
        # loses nothing the checks need; an error may have.
        complete = not any(problem.is_error for problem in parsed.problems)
        argmap, problems, in_file = read_located(parsed.data, complete=complete)

    def locate(pointer: Pointer) -> Location:
        # A claim or a group is found at its id; a relation, at its target.
        at_key = len(pointer) == 2 and pointer[0] != "relations"
        return parsed.source_map.locate(in_file(pointer), at_key=at_key)

    # Past the problems limit, the reading stopped early: report the first ones found,
    # and say that more follow. The errors come before the warnings, so when the first
    # problem left out is a warning, every error is reported and the map is whole.
    most = limits.current().problems
    found = parsed.problems + problems
    located = [
        attrs.evolve(p, location=parsed.source_map.locate(p.pointer, at_key=p.code in _AT_KEY))
        if p.location is None
        else p
        for p in found[:most]
    ]
    # A value reached by several paths (an alias, a merge key) is one place: its problem
    # is reported once.
    once: dict[tuple[Location | None, str, Severity], Problem] = {}
    for problem in located:
        once.setdefault((problem.location, problem.message, problem.severity), problem)
    located = sorted(once.values(), key=_reading_order)
    if len(found) > most:
        errors_left_out = found[most].is_error
        located.append(
            Problem(
                f"more {'problems' if errors_left_out else 'warnings'} follow; argmap "
                f"reports the first {most:,} of a file ({limits.current().hint('problems')})",
                location=Location(source),
                code="too-many-problems",
                severity=Severity.ERROR if errors_left_out else Severity.WARNING,
            )
        )
        if errors_left_out:
            argmap = None
    return Checked(argmap, located, locate)


# Problems about a key itself point at the key, not at what it holds.
_AT_KEY = ("unknown-key", "duplicate-id", "disconnected", "empty-map", "unused-style")


def _reading_order(problem: Problem) -> tuple[bool, int, int]:
    """Errors first, then warnings; each in the order of the text."""
    location = problem.location
    line, column = (location.line or 0, location.column or 0) if location else (0, 0)
    return (not problem.is_error, line, column)


def _as_text(text: str | bytes, source: str) -> str:
    if isinstance(text, bytes):
        return decode(text, source)
    if not isinstance(text, str):
        what = type(text).__name__
        raise TypeError(f"a map is read from str or bytes, not {what}; load() reads files")
    return text


def loads(text: str | bytes, format: str = "yaml", *, source: str = "<string>") -> ArgumentMap:
    """The map in ``text`` (str, or UTF-8 bytes), checked.

    Raises :class:`ValidationError` listing every problem (warnings too) when one is an
    error, :class:`MapFormatError` when the text cannot be read at all. A map with only
    warnings loads, and each warning is issued as an :class:`~argmap.ArgmapWarning`.
    """
    return _usable(*check(text, format, source=source))


def _usable(argmap: ArgumentMap | None, problems: list[Problem]) -> ArgumentMap:
    """The map, its warnings issued; a :class:`ValidationError` if it has an error."""
    if argmap is None or any(problem.is_error for problem in problems):
        raise ValidationError(problems)
    issue(problems)
    return argmap


def check_file(
    path: str | os.PathLike[str], format: str | None = None
) -> tuple[ArgumentMap | None, list[Problem]]:
    """Like :func:`check`, for the file at ``path``; an unreadable file is a problem too.

    Returns ``(map, problems)``: the errors in reading order, then the warnings; the map
    is ``None`` when the file could not be read (then there is an error among them).
    """
    checked = check_file_located(path, format)
    return checked.map, checked.problems


def check_file_located(path: str | os.PathLike[str], format: str | None = None) -> Checked:
    """Like :func:`check_file`, with a way to locate any part of the map (:class:`Checked`)."""
    try:
        text, source = read_text(path)
        return check_located(text, format_for(format, path, text).name, source=source)
    except MapFormatError as error:
        where = error.location
        return Checked(None, list(error.problems), lambda _: where)


def load(path: str | os.PathLike[str], format: str | None = None) -> ArgumentMap:
    """The map in the file at ``path`` (``-`` for standard input), checked.

    The format comes from ``format``, else from the file's suffix (``.yaml``, ``.yml``,
    ``.json``), else from the text itself. Raises :class:`MapFormatError` when the file
    cannot be read or parsed, :class:`ValidationError` listing every problem when one is
    an error; each warning of a map that loads is issued as an :class:`~argmap.ArgmapWarning`.
    """
    text, source = read_text(path)
    return _usable(*check(text, format_for(format, path, text).name, source=source))


def dumps(argmap: ArgumentMap, format: str = "yaml") -> str:
    """The text of ``argmap`` in ``format``: tidy, stable, and loading back to an equal map."""
    require_map(argmap, "dumps")
    fmt = format_for(format)
    if fmt.dumps is None:
        raise MapFormatError(
            f"argmap reads {fmt.name} but does not write it", code="unknown-format"
        )
    return fmt.dumps(argmap)


def dump(argmap: ArgumentMap, path: str | os.PathLike[str], format: str | None = None) -> None:
    """Write ``argmap`` to ``path`` atomically, in ``format`` or the one its suffix names."""
    require_map(argmap, "dump")
    text = dumps(argmap, format_for(format, path).name)
    write_file(path, text.encode("utf-8"))
