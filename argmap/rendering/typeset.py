"""Typography: which font draws each character, how wide each line is, where it wraps.

Why argmap measures text itself: Graphviz sizes labels from built-in width tables of a
few fonts (and counts every non-ASCII byte as a space), and a browser draws with
whatever fonts its machine has, so text that fits on one machine spills out of its box
on another. Instead argmap ships its fonts (Noto, see ``fonts/README.md``), shapes each
line with HarfBuzz to get its true width, wraps to a readable measure, and gives every
node an explicit size. The SVG then draws those lines itself, centred, in those same
fonts, embedded as a subset (:mod:`argmap.rendering.svg`), and the PNG rasterizer is handed
the same files. Every engine gets the same boxes and every viewer draws the same text.

>>> fonts = default_fonts()
>>> round(fonts.width("Socrates is mortal.", 10), 1)
86.5
>>> [(run.face.family, run.text) for run in fonts.runs("Peace, سلام, 和平 🕊", bold=False)]
[('Noto Sans', 'Peace, '), ('Noto Sans Arabic', 'سلام, '), ('Noto Sans CJK SC', '和平'), \
('Noto Sans', ' '), ('Noto Emoji', '🕊')]
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import attrs

from argmap.model import ClaimKind
from argmap.rendering.themes import NodeStyle
from argmap.rendering.wrapping import NO_BREAK_SPACES, check_words, wrap

__all__ = [
    "FONT_DIR",
    "NOTO_CHAIN",
    "Bar",
    "Block",
    "Chip",
    "Face",
    "FontSet",
    "Gauge",
    "Line",
    "Mark",
    "Run",
    "Tag",
    "Typesetter",
    "clean_text",
    "default_fonts",
    "default_typesetter",
]

#: Where the bundled font files are.
FONT_DIR = Path(__file__).parent / "fonts"

# Characters that belong to the character before them: they never start a run.
_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}
_EMOJI = "Noto Emoji"


# Characters that must not be drawn: what XML 1.0 forbids (C0 controls but tab, CR and
# LF; lone surrogates), which would make the SVG unreadable; DEL and the C1 controls but
# NEL (a line break, so a space), which fonts draw as boxes; and the noncharacters,
# which make Pango (the system engine) drop the text around them.
_NONCHARACTERS = "".join(chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + _NONCHARACTERS
    + "]"
)

# A run of white space breaks a line if any of it does: all kinds of space but the
# no-break ones, which hold words together.
_WHITE_SPACE = re.compile(r"\s+")

# Combining marks one character may carry: Vietnamese needs two, pointed Hebrew up to
# four; a thousand stacked marks would draw a line across the picture.
_MAX_MARKS = 4


def clean_text(text: str) -> str:
    r"""``text`` as drawn: white space runs as single spaces (no-break spaces kept),
    unprintable characters dropped, at most four combining marks on a character.

    >>> clean_text("  a\tb \u00a0 c\u00a0d\x00\x85e\ufdd0 ")
    'a b c\xa0d e'
    >>> len(clean_text("e" + "\u0301" * 1000))
    5
    """
    if text.isascii() and text.isprintable() and "  " not in text:
        return text.strip()  # no controls, no white space but single spaces: as below
    text = _FORBIDDEN.sub("", text)
    if any(space in text for space in NO_BREAK_SPACES):
        text = _WHITE_SPACE.sub(_space, text)
    else:  # the common case, without a call per run of white space
        text = _WHITE_SPACE.sub(" ", text)
    return _cap_marks(text).strip()


def _space(match: re.Match[str]) -> str:
    run = match.group()
    return run if all(char in NO_BREAK_SPACES for char in run) else " "


# Only a run of five characters or more, none of them ASCII, can hold too many marks.
_LONG_NON_ASCII = re.compile(f"[^\\x00-\\x7f]{{{_MAX_MARKS + 1},}}")


def _cap_marks(text: str) -> str:
    if text.isascii() or not _LONG_NON_ASCII.search(text):
        return text
    kept: list[str] = []
    marks = 0
    for char in text:
        if unicodedata.category(char)[0] == "M":
            marks += 1
            if marks > _MAX_MARKS:
                continue
        else:
            marks = 0
        kept.append(char)
    return "".join(kept)


def _neutral(char: str) -> bool:
    """Spaces, digits and punctuation: characters of no script of their own."""
    return unicodedata.category(char)[0] in "ZNP"


class Face:
    """One font file: its CSS family and weight, and (loaded on first use) its shaper."""

    def __init__(self, family: str, path: Path, bold: bool) -> None:
        self.family = family
        self.path = path
        self.bold = bold
        self._shaper: tuple[Any, frozenset[int], int] | None = None

    def __repr__(self) -> str:
        return f"Face({self.family!r}, {self.path.name!r}, bold={self.bold})"

    @property
    def css_family(self) -> str:
        """The family as an SVG ``font-family`` names it (quoted: names may hold spaces)."""
        return f"'{self.family}'"

    def _load(self) -> tuple[Any, frozenset[int], int]:
        if self._shaper is None:
            import uharfbuzz as hb

            face = hb.Face(hb.Blob.from_file_path(str(self.path)))
            self._shaper = (hb.Font(face), frozenset(face.unicodes), face.upem)
        return self._shaper

    def covers(self, char: str) -> bool:
        """Whether this font has a glyph for ``char``."""
        return ord(char) in self._load()[1]

    def advance(self, text: str) -> float:
        """The shaped width of ``text`` in em (kerning, ligatures, joining applied)."""
        import uharfbuzz as hb

        font, _, upem = self._load()
        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        hb.shape(font, buffer)
        # A list, not a generator: sum() over one is faster, and this runs per line.
        return float(sum([p.x_advance for p in buffer.glyph_positions])) / upem


@attrs.frozen
class Run:
    """A piece of a line drawn with one face."""

    text: str
    face: Face


class FontSet:
    """The faces argmap draws with, in fallback order, regular and bold: ``chain`` lists
    each family, its regular file and its bold file (None: the regular sets bold text
    too), by name in ``directory`` or by path."""

    def __init__(
        self, chain: list[tuple[str, str | Path, str | Path | None]], directory: Path
    ) -> None:
        self.family = chain[0][0]
        self.regular = [Face(f, directory / r, False) for f, r, _ in chain]
        # A family with no bold file draws bold text with its regular face (the very same
        # object, so that one file is one face wherever it is used).
        self.bold = [
            Face(f, directory / b, True) if b else regular
            for (f, _, b), regular in zip(chain, self.regular, strict=True)
        ]
        # Widths by text: the words of a map come up again and again, its lines once or
        # twice (measured to wrap, then to draw), so lines get a cache of their own that
        # a large map churns without pushing the words out.
        self._word_width = functools.lru_cache(maxsize=1 << 17)(self._measure)
        self._line_width = functools.lru_cache(maxsize=1 << 12)(self._measure)
        # Which faces of each chain have a character, learnt once per character: a map
        # repeats a few hundred characters over and over (see ``runs``).
        self._coverage: dict[bool, dict[str, tuple[Face, ...]]] = {False: {}, True: {}}
        # The characters each chain's main face has, for the fast path of ``runs``.
        self._main_has: dict[bool, set[str]] = {False: set(), True: set()}

    def faces(self) -> list[Face]:
        """Every distinct face, regular ones first."""
        seen: dict[Path, Face] = {}
        for face in [*self.regular, *self.bold]:
            seen.setdefault(face.path, face)
        return list(seen.values())

    @property
    def paths(self) -> list[Path]:
        """Every font file, regular ones first: what a PDF maker is handed to draw the
        SVG's text with.

        >>> [path.name for path in default_fonts().paths][:2]
        ['NotoSans-Regular.ttf', 'NotoSansArabic-Regular.ttf']
        """
        return [face.path for face in self.faces()]

    def _faces_having(self, char: str, bold: bool) -> tuple[Face, ...]:
        """The faces of the chain that have ``char``, in fallback order (asked once)."""
        known = self._coverage[bold]
        faces = known.get(char)
        if faces is None:
            chain = self.bold if bold else self.regular
            faces = known[char] = tuple(face for face in chain if face.covers(char))
            if faces and faces[0] is chain[0]:
                self._main_has[bold].add(char)
        return faces

    def face_for(self, char: str, bold: bool) -> Face:
        """The first face that has ``char`` (the main face when none has it)."""
        faces = self._faces_having(char, bold)
        return faces[0] if faces else (self.bold if bold else self.regular)[0]

    def runs(self, text: str, bold: bool) -> list[Run]:
        """``text`` cut into runs that one face each draws.

        Each distinct character is looked up in the faces once per weight, and text all
        of whose characters the main face has (most text) is one run without a look-up.
        """
        main = (self.bold if bold else self.regular)[0]
        if text.isascii():
            main_has = self._main_has[bold]
            if not main_has.issuperset(text):
                for char in set(text).difference(main_has):
                    self._faces_having(char, bold)
            if main_has.issuperset(text):
                return [Run(text, main)] if text else []  # what the loop below would find
        runs: list[tuple[str, Face]] = []
        for char in text:
            if runs and _attached(char):
                runs[-1] = (runs[-1][0] + char, runs[-1][1])
                continue
            # Spaces, digits and punctuation stay with the text before them (an Arabic
            # comma with its Arabic), except after an emoji: the emoji font's space is far
            # wider than a text font's.
            previous = runs[-1][1] if runs else None
            if (
                previous
                and _neutral(char)
                and previous.family != _EMOJI
                and previous in self._faces_having(char, bold)
            ):
                face = previous
            else:
                face = self.face_for(char, bold)
            if runs and runs[-1][1] is face:
                runs[-1] = (runs[-1][0] + char, face)
            else:
                runs.append((char, face))
        return [Run(text, face) for text, face in runs]

    def missing(self, text: str, bold: bool = False) -> str:
        """The characters of ``text`` that no face has, each once, in order: what would
        be drawn as empty boxes. Invisible characters (format controls such as joiners
        and variation selectors, and spaces), which shaping draws as nothing, are not.

        Asked of text just measured, it costs a look-up per distinct character.

        >>> default_fonts().missing("Thai: ภาษา, 2020")
        'ภาษ'
        """
        main_has = self._main_has[bold]
        if main_has.issuperset(text):
            return ""
        return "".join(
            char
            for char in dict.fromkeys(text)
            if char not in main_has and not self._faces_having(char, bold) and not _invisible(char)
        )

    def _measure(self, text: str, bold: bool) -> float:
        if text and text.isascii() and self._main_has[bold].issuperset(text):
            # What runs() finds for most text, one run of the main face, without it.
            return (self.bold if bold else self.regular)[0].advance(text)
        runs = self.runs(text, bold)
        if len(runs) == 1:  # most text: what the sum gives (0 + x is x), without it
            return runs[0].face.advance(runs[0].text)
        return sum(run.face.advance(run.text) for run in runs)

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """The width of ``text`` in points at ``size`` points."""
        measured = self._line_width if " " in text else self._word_width
        return float(measured(text, bold)) * size

    def measurer(self, size: float, bold: bool = False) -> Callable[[str], float]:
        """``width`` at ``size`` and ``bold`` as a function of the text alone: what
        wrapping calls for every word and line, one call less each time."""
        line_width, word_width = self._line_width, self._word_width

        def width(text: str) -> float:
            measured = line_width if " " in text else word_width
            return float(measured(text, bold)) * size

        return width


#: The bundled fonts in fallback order: family, regular file, bold file (or none).
NOTO_CHAIN: list[tuple[str, str | Path, str | Path | None]] = [
    ("Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("Noto Sans Arabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    ("Noto Sans Hebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    ("Noto Sans CJK SC", "NotoSansCJKsc-Regular-common.otf", None),
    (_EMOJI, "NotoEmoji-Regular.ttf", None),
]


@functools.cache
def default_fonts() -> FontSet:
    """The fonts argmap ships (loaded once per process)."""
    return FontSet(NOTO_CHAIN, FONT_DIR)


@attrs.frozen
class Line:
    """One line of a label, as drawn."""

    text: str
    size: float
    bold: bool
    color: str
    width: float
    baseline: float  # below the top of the block, in points
    height: int  # of the line's box, in points
    # The end of ``text`` drawn in a colour of its own (a claim's status word).
    mark: str = ""
    mark_color: str = ""

    def pieces(self) -> list[tuple[str, str]]:
        """The line as (text, colour) pieces: one, or two when it ends with a mark."""
        if not self.mark or not self.text.endswith(self.mark):
            return [(self.text, self.color)]
        head = self.text[: len(self.text) - len(self.mark)]
        return [(head, self.color), (self.mark, self.mark_color)]


@attrs.frozen
class Mark:
    """Words to end a claim's kind line with, in their own colour (``IN``)."""

    text: str
    color: str


@attrs.frozen
class Gauge:
    """A value from 0 to 1 to show as a bar under a label: ``fill`` colours the
    ``value`` part of the ``track``."""

    value: float
    fill: str
    track: str


@attrs.frozen
class Bar:
    """A :class:`Gauge` placed in a block: its track's box, in points from the block's
    top left corner, and the ``room`` it takes under the lines (with the gap above it)."""

    gauge: Gauge
    left: float
    top: float
    width: float
    height: float
    room: float


@attrs.frozen
class Tag:
    """A tag to show as a chip under a claim's text: its ``text``, in ``color`` on
    ``fill``, in a rounded box outlined in ``border``."""

    text: str
    fill: str
    border: str
    color: str


@attrs.frozen
class Chip:
    """A :class:`Tag` placed in a block: its box, in points from the block's top left
    corner; ``line`` is its text as set (``baseline`` below the block's top), cut short
    with an ellipsis when the whole tag is wider than the claim's measure."""

    tag: Tag
    line: Line
    left: float
    top: float
    width: float
    height: float


@attrs.frozen
class Block:
    """A label set in lines, with the size of the box that holds it (points); ``chips``
    and then ``bar`` lie under the lines, in room the block's height includes;
    ``missing`` lists the characters no font has, which are drawn as empty boxes."""

    lines: tuple[Line, ...]
    width: float
    height: float
    bar: Bar | None = None
    #: The characters of the lines that no font has (:meth:`FontSet.missing`).
    missing: str = ""
    chips: tuple[Chip, ...] = ()


class Typesetter(Protocol):
    """What :mod:`argmap.rendering.dot` asks of typography."""

    family: str

    def claim(
        self,
        kind_line: str,
        text: str,
        kind: ClaimKind,
        style: NodeStyle,
        *,
        mark: Mark | None = None,
        gauge: Gauge | None = None,
        tags: Sequence[Tag] = (),
    ) -> Block:
        """The label of a claim: its kind line (ending with ``mark``) above its wrapped
        text, ``tags`` as chips under it, and ``gauge`` as a bar under them."""
        ...

    def title(self, text: str, color: str) -> Block:
        """The title of the whole picture."""
        ...

    def group_label(self, text: str, color: str) -> Block:
        """The label of a group's cluster."""
        ...

    def legend_kind(self, name: str, style: NodeStyle) -> Block:
        """A legend entry drawn in a claim kind's style."""
        ...

    def legend_relation(self, name: str, color: str) -> Block:
        """A legend entry naming a relation kind."""
        ...

    def edge_label(self, text: str, color: str) -> Block:
        """A small label on a relation's line (the scheme it instantiates)."""
        ...

    def note(self, text: str, color: str, measure: float) -> Block:
        """A note under the picture (a claim's quote), wrapped to ``measure`` points."""
        ...


@attrs.frozen(kw_only=True)
class Measures:
    """The typographic scale, in points."""

    body: float = 10.5
    thesis: float = 11.5
    kind: float = 7.5
    title: float = 14.0
    group: float = 9.0
    legend: float = 8.0
    leading: float = 1.3  # line height as a multiple of the size
    kind_gap: float = 2.5  # between the kind line and the text
    pad_x: float = 10.0
    pad_y: float = 7.0
    measure: float = 150.0  # the widest line of a claim's text
    thesis_measure: float = 210.0
    title_measure: float = 520.0
    group_measure: float = 240.0
    # A relation's legend entry sits close to its sample line.
    legend_pad_x: float = 2.0
    min_width: float = 72.0
    # Slack for rounding in viewers: a line may come out a hair wider than measured.
    slack: float = 1.02
    # A strength bar: its height, and the gap between the text and it.
    bar: float = 4.0
    bar_gap: float = 4.0
    edge_label: float = 7.5
    # A note under the picture (a quote, with --quotes footnotes).
    note: float = 8.5
    # A tag's chip: its text's size, the room either side of the text and above and
    # below it, the gap between chips (across and down) and between the text and them.
    chip: float = 7.0
    chip_pad_x: float = 4.0
    chip_pad_y: float = 1.5
    chip_gap: float = 3.0
    chips_gap: float = 5.0


class NotoTypesetter:
    """Sets labels in the bundled Noto fonts."""

    def __init__(self, fonts: FontSet | None = None, measures: Measures | None = None) -> None:
        self.fonts = fonts or default_fonts()
        self.family = self.fonts.family
        self.m = measures or Measures()

    def wrap(self, text: str, size: float, bold: bool, measure: float) -> list[str]:
        """``text`` broken into lines no wider than ``measure`` points where possible.

        Raises :class:`~argmap.rendering.wrapping.WordTooLong` for a word longer than
        ``limits.word_chars`` characters.
        """
        return wrap(clean_text(text), self.fonts.measurer(size, bold), measure)

    def _block(
        self,
        rows: list[tuple[str, float, bool, str]],
        min_width: float,
        *,
        pad_x: float | None = None,
        pad_y: float | None = None,
        slack: float | None = None,
    ) -> Block:
        m = self.m
        pad_y = m.pad_y if pad_y is None else pad_y
        lines = []
        top = pad_y
        widest = 0.0
        missing = ""
        for index, (raw, size, bold, color) in enumerate(rows):
            text = clean_text(raw)
            # Whole points, so that a Graphviz table can hold each line's exact box.
            height = round(size * m.leading)
            # Centre the line's capitals in its line box.
            baseline = top + height / 2 + 0.36 * size
            if index == 0 and len(rows) > 1 and size < rows[1][1]:
                height += round(m.kind_gap)  # the gap under the kind line
            width = self.fonts.width(text, size, bold)
            missing += self.fonts.missing(text, bold)
            widest = max(widest, width)
            lines.append(Line(text, size, bold, color, width, round(baseline, 2), height))
            top += height
        pad_x = m.pad_x if pad_x is None else pad_x
        slack = m.slack if slack is None else slack
        width = max(min_width, widest * slack + 2 * pad_x)
        missing = "".join(dict.fromkeys(missing))
        return Block(tuple(lines), round(width, 2), round(top + pad_y, 2), missing=missing)

    def claim(
        self,
        kind_line: str,
        text: str,
        kind: ClaimKind,
        style: NodeStyle,
        *,
        mark: Mark | None = None,
        gauge: Gauge | None = None,
        tags: Sequence[Tag] = (),
    ) -> Block:
        """The label of a claim: its kind line above its wrapped text. ``mark`` ends the
        kind line after a middle dot, in its own colour; ``tags`` are chips in centred
        rows under the text (see :meth:`_chips`); ``gauge`` is drawn as a bar across the
        box under them."""
        m = self.m
        thesis = kind is ClaimKind.THESIS
        size = m.thesis if thesis else m.body
        measure = m.thesis_measure if thesis else m.measure
        shown_mark = clean_text(mark.text) if mark is not None else ""
        if shown_mark:
            kind_line = f"{clean_text(kind_line)} \u00b7 {shown_mark}"
        check_words(clean_text(kind_line))
        body = self.wrap(text, size, style.bold, measure)
        rows = [(kind_line, m.kind, True, style.accent)]
        rows += [(line, size, style.bold, style.text) for line in body]
        block = self._block(rows, m.min_width)
        if shown_mark:
            assert mark is not None
            first = attrs.evolve(block.lines[0], mark=shown_mark, mark_color=mark.color)
            block = attrs.evolve(block, lines=(first, *block.lines[1:]))
        if tags:
            block = self._chips(block, tags, measure)
        if gauge is not None:
            bar = Bar(
                gauge,
                left=m.pad_x,
                top=round(block.height - m.pad_y + m.bar_gap, 2),
                width=round(block.width - 2 * m.pad_x, 2),
                height=m.bar,
                room=m.bar_gap + m.bar,
            )
            block = attrs.evolve(block, height=round(block.height + bar.room, 2), bar=bar)
        return block

    def _chips(self, block: Block, tags: Sequence[Tag], measure: float) -> Block:
        """``block`` with ``tags`` set as chips in rows under its lines: as many chips a
        row as fit the claim's measure (or its text, if wider), each row centred; a tag
        wider than the measure is cut short with an ellipsis. The block grows to hold
        them, wider too if a row is wider than its text."""
        m = self.m
        room = max(measure, block.width - 2 * m.pad_x)
        height = round(m.chip * m.leading + 2 * m.chip_pad_y, 2)
        sized: list[tuple[Tag, str, float]] = []
        for tag in tags:
            text = self._fitted(clean_text(tag.text), room - 2 * m.chip_pad_x)
            width = self.fonts.width(text, m.chip) * m.slack + 2 * m.chip_pad_x
            sized.append((tag, text, round(width, 2)))
        rows: list[list[tuple[Tag, str, float]]] = [[]]
        used = 0.0
        for chip in sized:
            wanted = chip[2] if not rows[-1] else used + m.chip_gap + chip[2]
            if rows[-1] and wanted > room:
                rows.append([])
                wanted = chip[2]
            rows[-1].append(chip)
            used = wanted
        widths = [sum(w for _, _, w in row) + m.chip_gap * (len(row) - 1) for row in rows]
        width = round(max(block.width, max(widths) + 2 * m.pad_x), 2)
        top = block.height - m.pad_y + m.chips_gap
        chips: list[Chip] = []
        for row, row_width in zip(rows, widths, strict=True):
            left = (width - row_width) / 2
            for tag, text, chip_width in row:
                baseline = top + height / 2 + 0.36 * m.chip
                line = Line(
                    text,
                    m.chip,
                    False,
                    tag.color,
                    round(self.fonts.width(text, m.chip), 2),
                    round(baseline, 2),
                    round(height),
                )
                chips.append(Chip(tag, line, round(left, 2), round(top, 2), chip_width, height))
                left += chip_width + m.chip_gap
            top += height + m.chip_gap
        bottom = top - m.chip_gap + m.pad_y
        return attrs.evolve(block, width=width, height=round(bottom, 2), chips=tuple(chips))

    def _fitted(self, text: str, room: float) -> str:
        """``text``, cut short with an ellipsis (at a character) to fit ``room`` points."""
        size = self.m.chip
        if self.fonts.width(text, size) * self.m.slack <= room:
            return text
        low, high = 0, len(text)
        while low < high:  # the longest head that fits with its ellipsis
            middle = (low + high + 1) // 2
            if self.fonts.width(text[:middle].rstrip() + "\u2026", size) * self.m.slack <= room:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + "\u2026"

    def title(self, text: str, color: str) -> Block:
        """The title of the whole picture."""
        lines = self.wrap(text, self.m.title, True, self.m.title_measure)
        return self._block([(line, self.m.title, True, color) for line in lines], 0.0)

    def group_label(self, text: str, color: str) -> Block:
        """The label of a group's cluster."""
        lines = self.wrap(text, self.m.group, True, self.m.group_measure)
        return self._block([(line, self.m.group, True, color) for line in lines], 0.0)

    def legend_kind(self, name: str, style: NodeStyle) -> Block:
        """A legend entry drawn in a claim kind's style."""
        return self._block([(name, self.m.legend, style.bold, style.text)], 0.0)

    def legend_relation(self, name: str, color: str) -> Block:
        """A legend entry naming a relation kind: text beside its sample line."""
        m = self.m
        return self._block([(name, m.legend, False, color)], 0.0, pad_x=m.legend_pad_x, slack=1.0)

    def edge_label(self, text: str, color: str) -> Block:
        """A small label on a relation's line (the scheme it instantiates), set with a
        little room each side so that it keeps clear of the line."""
        m = self.m
        check_words(clean_text(text))
        row = [(text, m.edge_label, False, color)]
        return self._block(row, 0.0, pad_x=2 * m.legend_pad_x, pad_y=1.0)

    def note(self, text: str, color: str, measure: float) -> Block:
        """A note under the picture, wrapped to ``measure`` points, set flush: no room
        around its lines but a point above and under."""
        m = self.m
        lines = self.wrap(text, m.note, False, measure)
        rows = [(line, m.note, False, color) for line in lines]
        return self._block(rows, 0.0, pad_x=0.0, pad_y=1.0, slack=1.0)


# Variation selectors: format characters in all but their category (Mn).
_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def _invisible(char: str) -> bool:
    """Whether ``char`` is drawn as nothing when no font has it: a space or a format
    character (a joiner, a direction mark, a variation selector)."""
    return unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp") or bool(_SELECTORS.match(char))


def _attached(char: str) -> bool:
    """Whether ``char`` belongs to the character before it (a mark, a joiner)."""
    return char in _JOINERS or unicodedata.combining(char) != 0


@functools.cache
def default_typesetter() -> NotoTypesetter:
    """The typesetter with the bundled fonts and the default scale."""
    return NotoTypesetter()
