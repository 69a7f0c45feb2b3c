"""Places in a map file's text: the line and column of an offset, and the characters a
YAML file may not hold, each found in one pass and named for the person who typed it.

>>> lines = LineIndex("a: 1\\r\\nb: [\\x00]\\n", YAML_BREAKS)
>>> offset = forbidden_character("a: 1\\r\\nb: [\\x00]\\n")
>>> offset, lines.position(offset), describe("\\x00")
(10, (2, 5), 'U+0000 NUL')
"""

from __future__ import annotations

import bisect
import re
import unicodedata

__all__ = ["JSON_BREAKS", "YAML_BREAKS", "LineIndex", "describe", "forbidden_character"]

#: What ends a line, as the author's editor counts lines; CR LF is one break. LibYAML
#: also breaks lines at NEL, U+2028 and U+2029, but editors show those inside a line,
#: and a location must be found where the editor says it is.
JSON_BREAKS = "\n\r"
YAML_BREAKS = JSON_BREAKS

# Most texts have a problem or two to locate: each is counted directly, in C. A text
# with more gets a table of line starts.
_COUNTED_LOOKUPS = 8


class LineIndex:
    """Line and column (1-based, in characters) of offsets into one text."""

    def __init__(self, text: str, breaks: str) -> None:
        self.text = text
        self._text = text
        self._breaks = breaks
        self._starts: list[int] | None = None
        self._lookups = 0

    def position(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of the character at ``offset``."""
        text, breaks = self._text, self._breaks
        self._lookups += 1
        if self._starts is None and self._lookups > _COUNTED_LOOKUPS:
            pattern = re.compile(f"\r\n|[{re.escape(breaks)}]")
            self._starts = [0] + [match.end() for match in pattern.finditer(text)]
        if self._starts is not None:
            line = bisect.bisect_right(self._starts, offset)
            return line, offset - self._starts[line - 1] + 1
        line = 1 + sum(text.count(character, 0, offset) for character in breaks)
        if "\r" in breaks:
            line -= text.count("\r\n", 0, offset)
        start = max(text.rfind(character, 0, offset) for character in breaks) + 1
        return line, offset - start + 1


# YAML 1.1 allows tab, LF, CR, NEL and the printable characters; LibYAML refuses the rest
# without saying where they are, so this finds them (only then: it costs a pass).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def forbidden_character(text: str) -> int | None:
    """The offset of the first character YAML forbids in ``text``, if there is one."""
    match = _FORBIDDEN.search(text)
    return match.start() if match else None


# Control characters have no Unicode name, only these abbreviations.
_C0 = (  # noqa: SIM905
    "NUL SOH STX ETX EOT ENQ ACK BEL BS TAB LF VT FF CR SO SI "
    "DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
).split()
_C1 = (  # noqa: SIM905
    "PAD HOP BPH NBH IND NEL SSA ESA HTS HTJ VTS PLD PLU RI SS2 SS3 "
    "DCS PU1 PU2 STS CCH MW SPA EPA SOS SGCI SCI CSI ST OSC PM APC"
).split()


def describe(character: str) -> str:
    """``U+0000 NUL``: a character's code point and name, for a message."""
    code = ord(character)
    if code < 0x20:
        name = _C0[code]
    elif code == 0x7F:
        name = "DEL"
    elif 0x80 <= code < 0xA0:
        name = _C1[code - 0x80]
    elif 0xD800 <= code < 0xE000:
        name = "(half of a surrogate pair, alone)"
    else:
        name = unicodedata.name(character, "(a noncharacter)")
    return f"U+{code:04X} {name}"
