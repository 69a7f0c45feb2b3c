"""argmap: argument maps as a typed model, checked, analysed and drawn.

>>> import argmap
>>> b = argmap.MapBuilder("Socrates")
>>> thesis = b.thesis("mortal", "Socrates is mortal.")
>>> b.premise("men", "All men are mortal.", supports=thesis)
'men'
>>> m = b.build()
>>> argmap.loads(argmap.dumps(m)) == m
True

Names load on first use, so ``import argmap`` (and the command line) starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from argmap._version import __version__

if TYPE_CHECKING:
    from argmap import examples as examples
    from argmap.batch import Rendered as Rendered
    from argmap.batch import render_many as render_many
    from argmap.builder import MapBuilder as MapBuilder
    from argmap.errors import ArgmapError as ArgmapError
    from argmap.errors import ArgmapWarning as ArgmapWarning
    from argmap.errors import Location as Location
    from argmap.errors import MapFormatError as MapFormatError
    from argmap.errors import Problem as Problem
    from argmap.errors import RenderError as RenderError
    from argmap.errors import Severity as Severity
    from argmap.errors import ValidationError as ValidationError
    from argmap.formats import dump as dump
    from argmap.formats import dumps as dumps
    from argmap.formats import load as load
    from argmap.formats import loads as loads
    from argmap.limits import Limits as Limits
    from argmap.model import Actor as Actor
    from argmap.model import ArgumentMap as ArgumentMap
    from argmap.model import Claim as Claim
    from argmap.model import ClaimKind as ClaimKind
    from argmap.model import Group as Group
    from argmap.model import Inference as Inference
    from argmap.model import MapStyle as MapStyle
    from argmap.model import Relation as Relation
    from argmap.model import RelationKind as RelationKind
    from argmap.model import Source as Source
    from argmap.notebook import display as display
    from argmap.rendering import render as render
    from argmap.rendering.engines import EngineWarning as EngineWarning
    from argmap.rendering.engines import FontWarning as FontWarning
    from argmap.rendering.sizing import SmallTextWarning as SmallTextWarning
    from argmap.validation import validate as validate

_EXPORTS = {
    "examples": "argmap",
    "render": "argmap.rendering",
    "Rendered": "argmap.batch",
    "render_many": "argmap.batch",
    "MapBuilder": "argmap.builder",
    "ArgmapError": "argmap.errors",
    "ArgmapWarning": "argmap.errors",
    "Location": "argmap.errors",
    "MapFormatError": "argmap.errors",
    "Problem": "argmap.errors",
    "RenderError": "argmap.errors",
    "Severity": "argmap.errors",
    "ValidationError": "argmap.errors",
    "dump": "argmap.formats",
    "dumps": "argmap.formats",
    "load": "argmap.formats",
    "loads": "argmap.formats",
    "Limits": "argmap.limits",
    "Actor": "argmap.model",
    "ArgumentMap": "argmap.model",
    "Claim": "argmap.model",
    "ClaimKind": "argmap.model",
    "Group": "argmap.model",
    "Inference": "argmap.model",
    "MapStyle": "argmap.model",
    "Relation": "argmap.model",
    "RelationKind": "argmap.model",
    "Source": "argmap.model",
    "display": "argmap.notebook",
    "validate": "argmap.validation",
    # What render() warns of: a label the fonts cannot draw, a picture too small to read.
    "EngineWarning": "argmap.rendering.engines",
    "FontWarning": "argmap.rendering.engines",
    "SmallTextWarning": "argmap.rendering.sizing",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}") from None
    if module == "argmap":  # a subpackage
        value = importlib.import_module(f"argmap.{name}")
    else:
        value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
