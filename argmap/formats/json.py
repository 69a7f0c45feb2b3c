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

from argmap.errors import Problem, ValidationError
from argmap.formats._document import to_data
from argmap.formats._json_reader import parse_json
from argmap.formats._plain import nonfinite_floats, where
from argmap.model import ArgumentMap

__all__ = ["dumps", "parse", "serialize"]

parse = parse_json


def serialize(data: Any) -> str:
    """Indented JSON text with a final newline; non-ASCII text stays readable.

    JSON has no NaN or infinity (Python would write ``NaN``, which other readers
    refuse): a :class:`~argmap.errors.ValidationError` names each place that holds one.
    """
    try:
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except ValueError:
        problems = [
            Problem(
                f"cannot write the map as JSON: the number at {where(pointer)} is {number}, "
                "which JSON cannot hold (write it as text, or write YAML)",
                code="unwritable",
                pointer=pointer,
            )
            for pointer, number in nonfinite_floats(data)
        ]
        if not problems:
            raise
        raise ValidationError(problems) from None


def dumps(argmap: ArgumentMap) -> str:
    """The JSON map file for ``argmap``."""
    return serialize(to_data(argmap))
