"""JSON map files: the same schema as YAML, for programs that write maps.

>>> from argmap.model import ArgumentMap, Claim
>>> print(dumps(ArgumentMap(title="T", claims=[Claim(id="a", text="A")])), end="")
{
  "argmap": 1,
  "title": "T",
  "claims": {
    "a": {
      "text": "A"
    }
  }
}
"""

from __future__ import annotations

import json
from typing import Any

from argmap.formats._document import to_data
from argmap.formats._json_reader import parse_json
from argmap.model import ArgumentMap

__all__ = ["dumps", "parse", "serialize"]

parse = parse_json


def serialize(data: Any) -> str:
    """Indented JSON text with a final newline; non-ASCII text stays readable."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def dumps(argmap: ArgumentMap) -> str:
    """The JSON map file for ``argmap``."""
    return serialize(to_data(argmap))
