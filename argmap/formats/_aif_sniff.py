"""Tell an AIF file from an argmap JSON map file by its top-level keys, cheaply.

AIFdb and OVA save AIF as ``.json``, as argmap does its JSON map files. The keys of the
top-level object tell them apart: ``AIF`` (xAIF's wrapper), ``nodes`` or ``edges`` are
AIF's, and no argmap map file holds them; ``claims``, ``title`` and the other keys of a
map file are argmap's. The keys are read in order, each value skipped by the standard
library's scanner, and the first telling key decides: a file written by argmap or by
AIFdb is decided at its first key, whatever its size.

>>> looks_like_aif('{"nodes": [], "edges": []}'), looks_like_aif('{"AIF": {"nodes": []}}')
(True, True)
>>> looks_like_aif('{"argmap": 1, "claims": {}}'), looks_like_aif('[1, 2]')
(False, False)
"""

from __future__ import annotations

import re

from argmap.formats._json_locator import _scan

__all__ = ["looks_like_aif"]

_AIF_KEYS = frozenset(("AIF", "nodes", "edges"))
_ARGMAP_KEYS = frozenset(
    ("argmap", "title", "source", "actors", "claims", "relations", "groups", "metadata")
)
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def looks_like_aif(text: str) -> bool:
    """Whether the JSON ``text`` is an AIF graph (bare or xAIF) rather than a map file.

    Text that is not JSON, or breaks off before a telling key, is not AIF: the map file
    reader then says what is wrong with it.
    """
    at = _skip(text, 0)
    if text[at : at + 1] != "{":
        return False
    at = _skip(text, at + 1)
    try:
        while text[at : at + 1] == '"':
            key, at = _scan(text, at)
            at = _skip(text, at)
            if text[at : at + 1] != ":":
                return False
            at = _skip(text, at + 1)
            if key in _AIF_KEYS:
                return True
            # An AIF graph written by argmap has an "argmap" object; a map file's
            # "argmap" is its version number.
            if key in _ARGMAP_KEYS and not (key == "argmap" and text[at : at + 1] == "{"):
                return False
            at = _skip(text, _scan(text, at)[1])
            if text[at : at + 1] != ",":
                return False
            at = _skip(text, at + 1)
    except (StopIteration, ValueError, RecursionError):
        return False
    return False


def _skip(text: str, offset: int) -> int:
    match = _WHITESPACE.match(text, offset)
    assert match is not None  # it matches the empty string
    return match.end()
