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
    if name not in names():
        from argmap.validation import unknown

        raise ArgmapError(unknown("example", name, names()))
    return _MAPS / f"{name}.yaml"


def text(name: str) -> str:
    """The YAML text of the example called ``name``, exactly as shipped."""
    return _file(name).read_text(encoding="utf-8")


def load(name: str) -> ArgumentMap:
    """The example map called ``name``, loaded and checked."""
    from argmap.formats import loads

    return loads(text(name), "yaml", source=f"<example {name}>")
