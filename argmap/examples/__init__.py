"""The example maps that ship with argmap.

Each is a copy of the map in the repository's ``examples/`` folder, readable after ``pip
install argmap``. A copy, not a link, so that a checkout without symbolic links (Git for
Windows by default) still builds a package with the maps in it; the tests keep the two
equal:

>>> "second-occupation" in names()
True
>>> load("second-occupation").theses[0].id
'thesis'
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from argmap.errors import ArgmapError
from argmap.model import ArgumentMap

__all__ = ["load", "names", "text"]

_MAPS = resources.files(__name__) / "maps"


def names() -> list[str]:
    """The names of the example maps, sorted."""
    return sorted(
        entry.name.removesuffix(".yaml")
        for entry in _MAPS.iterdir()
        if entry.name.endswith(".yaml")
    )


def _file(name: str) -> Traversable:
    """The example's file; an unknown name is an error naming close ones and the list.

    >>> _file("watchmakr")
    Traceback (most recent call last):
    ...
    argmap.errors.ArgmapError: unknown example 'watchmakr'; did you mean 'watchmaker'? \
(one of: second-occupation, watchmaker)
    """
    known = names()
    if name not in known:
        from argmap.validation import nearest

        # Only names that start so or are close enough to be a typo: "nope" suggests none.
        started = [each for each in known if name and each.startswith(name)]
        close = list(dict.fromkeys([*started, *nearest(name, known, close_only=True)]))[:3]
        hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
        raise ArgmapError(f"unknown example {name!r}{hint} (one of: {', '.join(known)})")
    return _MAPS / f"{name}.yaml"


def text(name: str) -> str:
    """The YAML text of the example called ``name``, exactly as shipped."""
    return _file(name).read_text(encoding="utf-8")


def load(name: str) -> ArgumentMap:
    """The example map called ``name``, loaded and checked."""
    from argmap.formats import loads

    return loads(text(name), "yaml", source=f"<example {name}>")
