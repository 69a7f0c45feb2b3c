"""YAML map files: the format people write by hand.

>>> from argmap.model import ArgumentMap, Claim, ClaimKind, Relation
>>> m = ArgumentMap(claims=[Claim(id="t", text="Socrates is mortal.", kind=ClaimKind.THESIS),
...                         Claim(id="p", text="All men are mortal.")],
...                 relations=[Relation(sources=["p"], target="t")])
>>> print(dumps(m), end="")
argmap: 1
claims:
  t:
    kind: thesis
    text: Socrates is mortal.
  p:
    text: All men are mortal.
    supports: t
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from argmap.formats._document import to_data
from argmap.formats._plain import FlowList, FlowMap
from argmap.formats._yaml_reader import parse_yaml
from argmap.model import ArgumentMap

__all__ = ["dumps", "parse", "serialize"]

parse = parse_yaml


# The pure-Python dumper: LibYAML's escapes characters beyond the BMP (emoji) even with
# allow_unicode, and dumping is never the hot path.
class _Dumper(yaml.SafeDumper):
    """Block style for the map's structure, one-line lists of ids and inferences."""


# Characters the pure-Python emitter may write raw where a reader would fold or drop them
# (NEL, the Unicode line separators, controls): text holding one goes in double quotes,
# where they are escaped.
_NEEDS_ESCAPES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _str(dumper: _Dumper, data: str) -> yaml.Node:
    style = '"' if _NEEDS_ESCAPES.search(data) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _flow_list(dumper: _Dumper, data: FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _flow_map(dumper: _Dumper, data: FlowMap) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(FlowList, _flow_list)
_Dumper.add_representer(FlowMap, _flow_map)


def serialize(data: Any) -> str:
    """YAML text for plain data, keys in the order given."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return text


def dumps(argmap: ArgumentMap) -> str:
    """The YAML map file for ``argmap``."""
    return serialize(to_data(argmap))
