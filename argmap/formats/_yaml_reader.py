"""Read a YAML map file into plain data, straight from LibYAML's stream of events.

:mod:`argmap.formats._yaml_composer` builds the data and enforces the limits; this
module turns what LibYAML refuses into located messages: a syntax error at its mark, a
tab where YAML wants spaces, and a character YAML forbids by its name and place (LibYAML
names it but does not say where it is).

>>> parsed = parse_yaml("claims:\\n  a: {text: &t Shared}\\n  b: {text: *t}\\n", "m.yaml")
>>> parsed.data
{'claims': {'a': {'text': 'Shared'}, 'b': {'text': 'Shared'}}}
>>> str(parsed.source_map.locate(("claims", "b", "text")))
'm.yaml:3:13'
"""

from __future__ import annotations

import yaml

from argmap import limits
from argmap.errors import MapFormatError
from argmap.formats._text import YAML_BREAKS, LineIndex, describe, forbidden_character
from argmap.formats._tree import Parsed
from argmap.formats._yaml_composer import Composer

try:  # LibYAML is several times faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["parse_yaml"]


def parse_yaml(text: str, source: str) -> Parsed:
    """Parse one YAML document into plain data, its source map and its problems.

    Raises :class:`MapFormatError` for text that is not YAML, a tag that is not plain
    data, a key that is not text, and input beyond a limit.
    """
    lines = LineIndex(text, YAML_BREAKS)
    try:
        loader = _Loader(text)
    except (UnicodeEncodeError, yaml.reader.ReaderError):  # LibYAML: a lone surrogate
        raise _forbidden(text, source, lines) from None
    try:
        return Composer(source, lines, limits.current()).document(loader.get_event)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text, source, lines) from None
    except yaml.reader.ReaderError:  # LibYAML says which character, not where
        raise _forbidden(text, source, lines) from None
    finally:
        loader.dispose()


def _forbidden(text: str, source: str, lines: LineIndex) -> MapFormatError:
    offset = forbidden_character(text)
    if offset is None:  # pragma: no cover - the pattern is LibYAML's rule
        return MapFormatError("invalid YAML: a character YAML does not allow", source)
    character = text[offset]
    code = ord(character)
    if 0xD800 <= code < 0xE000:
        fix = "delete it: it is not a character, and no UTF-8 file can hold it"
    elif code in (0xFFFE, 0xFFFF):
        fix = "delete it"
    else:
        fix = f'delete it, or write it as "\\x{code:02x}" inside double quotes'
    line, column = lines.position(offset)
    return MapFormatError(
        f"the character {describe(character)} is not allowed in YAML; {fix}", source, line, column
    )


def _syntax_error(
    error: yaml.MarkedYAMLError, text: str, source: str, lines: LineIndex
) -> MapFormatError:
    mark = error.problem_mark or error.context_mark
    offset = mark.index if mark is not None else 0
    line, column = lines.position(offset)
    if error.problem == "exceeded maximum nesting depth":  # LibYAML's own limit, 1,000
        hint = limits.current().hint("depth")
        return MapFormatError(
            f"this value is nested over 1,000 deep; {hint}", source, line, column
        )
    if offset < len(text) and text[offset] == "\t":
        message = (
            "found a tab character; YAML indents with spaces, never tabs: "
            "replace the tab with spaces (two per level of nesting)"
        )
    elif error.problem == "mapping values are not allowed in this context" and column > _KEY:
        # YAML reads a key written plainly only within 1,024 characters of its line.
        message = (
            "mapping values are not allowed here; if a key ends here, it is too long: YAML "
            "reads a key written without '? ' only within 1,024 characters, so write a "
            "longer one as '? KEY' on its own line and its value as ': VALUE' on the next"
        )
    else:
        message = error.problem or "invalid YAML"
        if error.context:
            message = f"{message} ({error.context})"
    return MapFormatError(f"invalid YAML: {message}", source, line, column)


_KEY = 1024
