"""Quotes as footnotes: the claims that quote their source, numbered, their quotes set as
numbered notes under the picture (``render(..., quotes="footnotes")``).

The claims with a ``quote`` are numbered in map order, 1, 2, 3...; each shows ``[n]`` in
its kind line (where the ``"…"`` mark would be), and the notes, under the argument and
its legend, read ``[n]  “the quote”``, wrapped to the argument's width (never narrower
than :data:`MIN_MEASURE`), in the theme's legend colour and the fonts of every label.
The notes are a :class:`~argmap.rendering.panels.PanelSpec`: one more panel of the
stack under the map, set from the argument's left edge.

>>> from argmap.model import Claim
>>> from argmap.rendering.typeset import default_typesetter
>>> notes = Notes.of([Claim(id="a", text="A", quote="Men are mortal."), Claim(id="b", text="B")],
...     default_typesetter(), "#4A4A4A")
>>> [(note.number, note.claim) for note in notes.notes], notes.lines(300)
([(1, 'a')], [('[1]', ['“Men are mortal.”'])])
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Literal

import attrs

from argmap.model import Claim
from argmap.rendering._html import html_line
from argmap.rendering.panels import Panel, Used
from argmap.rendering.svg import draw_block, svg_tag, xml_legal
from argmap.rendering.typeset import Block, FontSet, Typesetter, clean_text

__all__ = ["MIN_MEASURE", "Note", "Notes", "note_mark"]

#: The narrowest the notes are set, whatever the argument's width (points): a quote
#: wrapped to a lone claim's width would be a column of a few words a line.
MIN_MEASURE = 240.0
#: Between a note's number and its text, and between two notes (points).
NUMBER_GAP = 4.0
NOTE_GAP = 3.0


def note_mark(number: int) -> str:
    """How a claim's kind line and its note name the note: ``[1]``."""
    return f"[{number}]"


@attrs.frozen
class Note:
    """The note of claim ``claim`` (its id in the map): its ``number`` and ``quote``."""

    number: int
    claim: str
    quote: str


@attrs.frozen
class Notes:
    """The notes of a picture, set by ``typesetter`` in ``color``."""

    notes: tuple[Note, ...]
    typesetter: Typesetter
    color: str
    align: Literal["centre", "left"] = "left"

    @classmethod
    def of(cls, claims: Iterable[Claim], typesetter: Typesetter, color: str) -> Notes:
        """The notes of the ``claims`` that have a quote, numbered in their order."""
        quoted = [claim for claim in claims if claim.quote and clean_text(claim.quote)]
        notes = tuple(
            Note(number, claim.id, clean_text(claim.quote or ""))
            for number, claim in enumerate(quoted, start=1)
        )
        return cls(notes, typesetter, color)

    def numbers(self) -> dict[str, int]:
        """Each quoted claim's number, by its id."""
        return {note.claim: note.number for note in self.notes}

    def _set(self, room: float) -> tuple[float, list[tuple[Block, Block]]]:
        """The width of the numbers' column, and each note's number and text blocks."""
        numbers = [
            self.typesetter.note(note_mark(note.number), self.color, float("inf"))
            for note in self.notes
        ]
        column = max((block.width for block in numbers), default=0.0)
        measure = max(room, MIN_MEASURE) - column - NUMBER_GAP
        texts = [
            self.typesetter.note(f"\u201c{note.quote}\u201d", self.color, measure)
            for note in self.notes
        ]
        return column, list(zip(numbers, texts, strict=True))

    def lines(self, room: float) -> list[tuple[str, list[str]]]:
        """Each note's mark and its lines, as set for an argument ``room`` points wide."""
        _, blocks = self._set(room)
        return [
            (number.lines[0].text, [line.text for line in text.lines]) for number, text in blocks
        ]

    def layout(self, room: float) -> Panel:
        """The notes, one under another, wrapped to ``room`` points (at least
        :data:`MIN_MEASURE`)."""
        column, blocks = self._set(room)
        width = column + NUMBER_GAP + max(text.width for _, text in blocks)
        heights = [max(number.height, text.height) for number, text in blocks]
        height = sum(heights) + NOTE_GAP * (len(blocks) - 1)

        def draw(parent: ET.Element, left: float, top: float, fonts: FontSet) -> Used:
            group = ET.SubElement(parent, svg_tag("g"), {"id": "notes", "class": "notes"})
            ET.SubElement(group, svg_tag("title")).text = "notes"
            used: Used = []
            y = top
            for note, (number, text), line_height in zip(self.notes, blocks, heights, strict=True):
                shown = ET.SubElement(
                    group,
                    svg_tag("g"),
                    {
                        "id": f"note-{note.number}",
                        "class": "note",
                        "data-id": xml_legal(note.claim),
                        "data-kind": "note",
                    },
                )
                ET.SubElement(shown, svg_tag("title")).text = f"the quote of claim {note.claim!r}"
                used += draw_block(shown, number, fonts, x=left, top=y, centre=False)
                text_left = left + column + NUMBER_GAP
                used += draw_block(shown, text, fonts, x=text_left, top=y, centre=False)
                y += line_height + NOTE_GAP
            return used

        return Panel(width, height, draw)

    def column(self) -> Panel | None:
        """Notes never stand beside the argument."""
        return None

    def table(self, room: float) -> str:
        """The notes as a Graphviz HTML-like table: a row a note, its number before its
        lines, set from the left (a table's columns would share out the room the legend
        leaves, so a note is one cell)."""
        _, blocks = self._set(room)
        rows = "".join(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{html_line(number.lines[0])} '
            + "<BR/>".join(html_line(line) for line in text.lines)
            + "</TD></TR>"
            for number, text in blocks
        )
        return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{rows}</TABLE>'
