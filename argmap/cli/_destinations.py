"""Where ``argmap render`` puts each picture, and in which format, decided before any work.

- No ``-o``: each picture goes beside its map, as the map's name with the format's suffix
  (``map.yaml`` gives ``map.svg``, or ``map.png`` with ``-f png``); a map read from
  standard input goes to standard output.
- ``-o -``: the one map's picture goes to standard output.
- ``-o DIR``, when DIR is a directory, ends with ``/``, or several maps are drawn: each
  picture goes into DIR (made if missing), named after its map; the maps found in a
  directory named on the command line keep their folders under DIR.
- ``-o FILE``: the one map's picture goes there.

The format is ``-f``, else the suffix of ``-o FILE``, else SVG. A ``-f`` that disagrees
with the suffix of ``-o FILE`` (``-f png -o map.svg``), a suffix that names no format, two
maps drawn to one file, or several maps to standard output are usage errors
(:class:`Refused`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from argmap.cli._choices import PICTURE_FORMATS, format_untold, formats_disagree
from argmap.cli._inputs import Input

STDOUT = "-"
_OUTPUT_HINT = "'-o' / '--output'"


class Refused(Exception):
    """The pictures cannot go where the options say: a usage error, with the options at
    fault (``option``) when the message is about one of them alone."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.option = option


@dataclass(frozen=True)
class Job:
    """One picture to draw: the map, where the picture goes (``-`` is standard output),
    its format, and whether the folder it goes into is to be made first."""

    source: Input
    output: str
    format: str
    make_folder: bool = False


def plan(maps: list[Input], output: str | None, format: str | None) -> list[Job]:
    """The picture of each map, or :class:`Refused` saying why not.

    >>> plan([Input("maps/a.yaml")], None, "png")
    [Job(source=Input(path='maps/a.yaml', within=None), output='maps/a.png', format='png', \
make_folder=False)]
    """
    if output == "":
        raise Refused(
            "the file name is empty",
            _OUTPUT_HINT,
        )
    several = len(maps) > 1
    if several and any(m.path == STDOUT for m in maps):
        raise Refused(
            "'-' (a map from standard input) can only be drawn alone; draw it separately"
        )
    if output == STDOUT:
        if several:
            raise Refused(
                f"-o - takes one picture, and {len(maps)} maps were named; give -o a "
                "directory for their pictures, or leave -o out to draw each beside its map"
            )
        jobs = [Job(maps[0], STDOUT, format or "svg")]
    elif output is not None and (several or _names_folder(output)):
        jobs = _into_folder(maps, output, format or "svg")
    elif output is not None:
        jobs = [Job(maps[0], output, _format_for(output, format))]
    else:
        chosen = format or "svg"
        jobs = [
            Job(m, STDOUT if m.path == STDOUT else _renamed(m.path, chosen), chosen) for m in maps
        ]
    _refuse_collisions(jobs)
    return jobs


def _names_folder(output: str) -> bool:
    return os.path.isdir(output) or output.endswith(("/", os.sep))


def _into_folder(maps: list[Input], folder: str, format: str) -> list[Job]:
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise Refused(
            f"{folder!r} is a file; with several maps, -o names the directory for their pictures",
            _OUTPUT_HINT,
        )
    suffix = os.path.splitext(folder.rstrip("/" + os.sep))[1].lower().lstrip(".")
    if not _names_folder(folder) and suffix in PICTURE_FORMATS:
        # A name like a picture's, for several pictures, is a slip, not a folder wanted.
        raise Refused(
            f"-o {folder} names one picture, and {len(maps)} maps were named; give -o a "
            f"directory for their pictures (e.g. {os.path.splitext(folder)[0]}/)",
            _OUTPUT_HINT,
        )
    jobs = []
    for each in maps:
        if each.path == STDOUT:
            raise Refused(
                "a map from standard input has no name to give its picture in "
                f"{folder!r}; name the picture itself with -o FILE"
            )
        name = each.within if each.within is not None else os.path.basename(each.path)
        jobs.append(Job(each, os.path.join(folder, _renamed(name, format)), format, True))
    return jobs


def _renamed(path: str, format: str) -> str:
    """``path`` with the format's suffix in place of its own, spelled as given."""
    return f"{os.path.splitext(path)[0]}.{format}"


def _format_for(output: str, format: str | None) -> str:
    suffix = os.path.splitext(output)[1].lower().lstrip(".")
    named = suffix if suffix in PICTURE_FORMATS else None
    if format is None:
        if named is None:
            raise Refused(format_untold(output, "-f", PICTURE_FORMATS), _OUTPUT_HINT)
        return named
    if named is not None and named != format:
        raise Refused(formats_disagree("-f", format, output, named))
    return format


def _refuse_collisions(jobs: list[Job]) -> None:
    drawn: dict[str, Job] = {}
    for job in jobs:
        if job.output == STDOUT:
            continue
        key = os.path.normcase(os.path.abspath(job.output))
        first = drawn.setdefault(key, job)
        if first is not job:
            raise Refused(
                f"{first.source.path} and {job.source.path} would both be drawn to "
                f"{job.output}; draw them one at a time, each with its own -o"
            )
