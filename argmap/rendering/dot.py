"""Model to Graphviz: the visual grammar of an argument map, as a ``graphviz.Digraph``.

Pure and deterministic: the same map and options give byte-identical DOT.

- The thesis is the most prominent node and sits on the first rank; reasons point into
  what they support (edges run from conclusion to reason with ``dir=back``, so the
  layout direction is the reading direction: ``TB`` puts the thesis on top).
- Each claim kind has its own fill, border and shape; each node reads top-down: a small
  kind line (with the actor on a motive, and a quotation mark when the claim quotes its
  source), then the wrapped text.
- Support, attack and undercut each have their own colour, line and arrowhead. Premises
  of a linked argument meet at a junction before they reach their conclusion; an undercut
  ends on the line of the inference it attacks, at a small mark one rank nearer the
  conclusion than the junction, so that its bar crosses that line and no premise's.
- Groups are ``cluster`` subgraphs with their label; a legend lists the kinds shown.
- What :mod:`argmap.analysis` computed, when given (:class:`DotOptions`): each claim's
  status ends its kind line (``PREMISE · IN``) and is drawn as a cue colour does not
  carry alone: an accepted claim has a double border, a rejected one is faded. Its
  strength is a number in the kind line (``PREMISE · 0.73``) and a bar under the text.
  A relation may show the scheme it instantiates as a small label on its line.

Node sizes are not left to Graphviz: :mod:`argmap.rendering.typeset` measures every line
with the fonts argmap ships and each node gets ``fixedsize`` width and height, so every
engine lays out the same boxes. Every user string reaches the DOT through
:func:`html_text`, the one place that escapes.

A map of more claims or groups than ``limits.claims`` and ``limits.groups`` allow, or
with a word longer than ``limits.word_chars``, is refused before anything is measured,
with a :class:`~argmap.RenderError` that names what is too big by its id in the map.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Literal, TypeVar

import attrs
import graphviz

from argmap import limits
from argmap.colours import to_hex
from argmap.errors import RenderError
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Inference,
    Relation,
    RelationKind,
    Target,
)
from argmap.rendering._dot_lines import add_edge, add_node
from argmap.rendering._html import html_line as _html_text
from argmap.rendering._html import html_text
from argmap.rendering.legend import Legend
from argmap.rendering.notes import Notes, note_mark
from argmap.rendering.panels import Panels, PanelSpec
from argmap.rendering.svg import Placed, xml_legal
from argmap.rendering.themes import THEMES, NodeStyle, Theme, blend, fade
from argmap.rendering.typeset import (
    Block,
    Chip,
    FontSet,
    Gauge,
    Mark,
    Tag,
    Typesetter,
    clean_text,
    default_typesetter,
)
from argmap.rendering.wrapping import WordTooLong, check_words

__all__ = [
    "DIRECTIONS",
    "Direction",
    "DotOptions",
    "Drawing",
    "QuoteStyle",
    "claim_data",
    "claim_title",
    "dot_with_panels",
    "draw",
    "html_text",
    "kind_line",
    "no_font_has",
    "relation_data",
    "relation_title",
    "to_digraph",
]

Direction = Literal["TB", "LR", "BT", "RL"]
#: Layout directions: where the thesis sits relative to its reasons (TB: on top).
DIRECTIONS: tuple[Direction, ...] = ("TB", "LR", "BT", "RL")

#: The mark a claim's kind line carries when the claim quotes its source.
QUOTE_MARK = "\u201c\u2026\u201d"

QuoteStyle = Literal["mark", "footnotes"]
#: How a claim's quote shows: a mark in its kind line, or a numbered note under the map.
QUOTE_STYLES: tuple[QuoteStyle, ...] = ("mark", "footnotes")

#: How a claim's kind line names its status, by label.
STATUS_WORDS = {"in": "IN", "out": "OUT", "undec": "UNDECIDED"}

_POINTS_PER_INCH = 72.0
#: The space between two nodes of a rank (``nodesep``, inches).
_NODESEP_INCHES = "0.22"
_NODESEP = float(_NODESEP_INCHES) * _POINTS_PER_INCH

#: A junction dot's diameter, in inches: large enough to read as where lines meet.
_JUNCTION_SIZE = "0.1"
#: How much heavier the line from a junction to its conclusion is than its premises'.
_INFERENCE_WEIGHT = 1.6
#: The size of an undercut's bar, where it ends on an inference, against the edge default.
_UNDERCUT_ARROWSIZE = "0.55"
#: The diameter (inches) of the mark an undercut ends on: about the inference line's width,
#: so that it reads as a point of that line, not as a second junction.
_MARK_SIZE = "0.03"
#: How hard the layout pulls the inference's line through its mark straight (Graphviz's
#: edge ``weight``; the default is 1).
_MARK_WEIGHT = "8"
#: The compass point of a junction on its conclusion's side, by direction: Graphviz reads
#: compass points in the drawn frame (``w`` is left in LR too).
_CONCLUSION_SIDE: dict[Direction, str] = {"TB": "n", "BT": "s", "LR": "w", "RL": "e"}
#: How many ranks an undercut spans at least (Graphviz's ``minlen``): the undercutter one
#: rank past the inference's dot, where its line reaches the mark from beside the dot
#: rather than from the dot's own rank, in the premises' way.
_UNDERCUT_MINLEN = "2"


@attrs.frozen(kw_only=True)
class DotOptions:
    """How to draw a map; every field has the default a figure needs.

    ``status`` maps claim ids to ``"in"``, ``"out"`` or ``"undec"`` and ``strength``
    to numbers from 0 to 1 (what :mod:`argmap.analysis` computes; claims they do not
    name are drawn as without them); ``status_semantics`` and ``strength_semantics``
    name where they came from in the legend. ``schemes``: label each relation that
    names a scheme with it. ``quotes``: ``"mark"`` ends the kind line of a claim that
    quotes its source with a quote mark; ``"footnotes"`` numbers those claims and sets
    their quotes as notes under the map (:mod:`argmap.rendering.notes`). ``tags``:
    draw each claim's tags as chips under its text:
    True draws every tag (in the colour the map's ``style:`` gives it, else in the
    theme's grey), False none, and None (the default) the tags the map's style gives a
    colour: styling a tag is asking to see it, while a map's other tags (``todo``,
    ``checked``) are often its author's notes, not part of the figure.
    """

    theme: Theme = THEMES["default"]
    direction: Direction = "TB"
    legend: bool = True
    title: bool = True
    status: Mapping[str, str] | None = None
    status_semantics: str | None = None
    strength: Mapping[str, float] | None = None
    strength_semantics: str | None = None
    schemes: bool = False
    quotes: QuoteStyle = "mark"
    tags: bool | None = None

    def __attrs_post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(
                f"unknown direction {self.direction!r} (one of: {', '.join(DIRECTIONS)})"
            )
        if self.quotes not in QUOTE_STYLES:
            raise ValueError(f"unknown quotes {self.quotes!r} (one of: {', '.join(QUOTE_STYLES)})")
        for claim, label in (self.status or {}).items():
            if label not in STATUS_WORDS:
                raise ValueError(f"status of claim {claim!r} is {label!r}, not in, out or undec")
        for claim, value in (self.strength or {}).items():
            if not 0 <= value <= 1:
                raise ValueError(f"strength of claim {claim!r} is {value!r}, not from 0 to 1")


def kind_line(claim: Claim, argmap: ArgumentMap) -> str:
    """The small first line of a node: ``MOTIVE · UNITED STATES``, plus a quote mark."""
    actor = None
    if claim.actor is not None:
        try:
            actor = argmap.actor(claim.actor).name
        except KeyError:
            actor = claim.actor
    return _kind_line(claim, actor)


def claim_title(claim: Claim, actor: str | None = None) -> str:
    """A claim's tooltip (its SVG ``<title>``, also its accessible name): its id as the
    map writes it, its kind and ``actor`` (the actor's name), its text; then its verbatim
    quote and its tags, each on a line of its own when it has them.

    >>> print(claim_title(Claim(id="survey", text="Most agree.", kind="evidence",
    ...     quote="63% agreed", tags=["poll", "2019"])))
    survey (evidence): Most agree.
    Quote: “63% agreed”
    Tags: poll, 2019
    """
    # Each part cleaned first: a line break the map's text holds is not one of the title's.
    kind = claim.kind.value if actor is None else f"{claim.kind.value}, {clean_text(actor)}"
    lines = [f"{clean_text(claim.id)} ({kind}): {clean_text(claim.text)}"]
    if claim.quote:
        lines.append(f"Quote: \u201c{clean_text(claim.quote)}\u201d")
    if claim.tags:
        lines.append(f"Tags: {', '.join(clean_text(tag) for tag in claim.tags)}")
    return "\n".join(lines)


def relation_title(relation: Relation) -> str:
    """A relation's tooltip, naming its claims by their ids in the map, and its scheme.

    >>> relation_title(Relation(sources=["a", "b"], target="t", scheme="expert-opinion"))
    'a + b supports t (scheme: expert-opinion)'
    """
    described = relation.describe()
    return f"{described} (scheme: {relation.scheme})" if relation.scheme else described


def claim_data(
    claim: Claim, status: str | None = None, strength: float | None = None
) -> dict[str, str]:
    """The ``data-`` attributes of a claim's SVG element: its id as the map writes it
    (``data-id``), its kind, and the status and strength the picture shows, if any.

    >>> claim_data(Claim(id="survey", text="Most agree.", kind="evidence"), "in", 0.625)
    {'data-id': 'survey', 'data-kind': 'evidence', 'data-status': 'in', 'data-strength': '0.625'}
    """
    data = {"data-id": xml_legal(claim.id), "data-kind": claim.kind.value}
    if status is not None:
        data["data-status"] = status
    if strength is not None:
        data["data-strength"] = f"{strength:g}"
    return data


def relation_data(index: int, relation: Relation) -> dict[str, str]:
    """The ``data-`` attributes of each SVG element of relation ``index`` (its lines,
    junction and mark): the relation as the map names it (``data-id``), its kind, and
    its index in ``argmap.relations`` (``data-relation``).

    >>> relation_data(2, Relation(sources=["a", "b"], target="t", kind="attacks"))
    {'data-id': 'a + b attacks t', 'data-kind': 'attacks', 'data-relation': '2'}
    """
    return {
        "data-id": xml_legal(relation.describe()),
        "data-kind": relation.kind.value,
        "data-relation": str(index),
    }


def _kind_line(claim: Claim, actor: str | None, note: int | None = None) -> str:
    parts = [claim.kind.value.upper()]
    if actor is not None:
        parts.append(actor.upper())
    line = " \u00b7 ".join(parts)
    if note is not None:  # the quote is a numbered note under the map
        return f"{line}  {note_mark(note)}"
    return f"{line}  {QUOTE_MARK}" if claim.quote else line


def _inches(points: float) -> str:
    return f"{points / _POINTS_PER_INCH:.4f}"


def _style(style: NodeStyle) -> str:
    words = ["filled"]
    if style.rounded:
        words.insert(0, "rounded")
    if style.line != "solid":
        words.append(style.line)
    return ",".join(words)


def _html_lines(block: Block) -> str:
    return "<BR/>".join(_html_text(line) for line in block.lines)


def _html_label(block: Block) -> str:
    """A node's label: one table row per line, each the height argmap set it in, so that
    an engine drawing the text itself (the system engine's PDF) spaces the lines alike."""
    width = math.ceil(max(line.width for line in block.lines) * 1.02) + 2
    chip_rows = _chip_rows(block.chips)
    for row in chip_rows:  # a row of chips may be wider than the text
        width = max(width, sum(math.ceil(chip.width) for chip in row) + 3 * (len(row) - 1))
    rows = "".join(
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{line.height}">'
        f"{_html_text(line)}</TD></TR>"
        for line in block.lines
    )
    rows += "".join(_html_chips(row, width) for row in chip_rows)
    if block.bar is not None:
        # The room under the text where argmap draws the strength bar into the SVG.
        height = math.ceil(block.bar.room)
        rows += f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{height}"></TD></TR>'
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE>>'


def _chip_rows(chips: tuple[Chip, ...]) -> list[list[Chip]]:
    """``chips`` by the row they were set in, top to bottom."""
    rows: dict[float, list[Chip]] = {}
    for chip in chips:
        rows.setdefault(chip.top, []).append(chip)
    return list(rows.values())


def _html_chips(row: list[Chip], width: int) -> str:
    """A row of chips for an engine that draws the label itself (the system engine's
    PDF): each chip's text in a cell of the chip's size, 3 points apart. Only the text:
    a cell's fill or border the engine would draw into the SVG too, where argmap draws
    the chips itself, rounded and in their colours."""
    cells = '<TD FIXEDSIZE="TRUE" WIDTH="3" HEIGHT="1"></TD>'.join(
        f'<TD FIXEDSIZE="TRUE" WIDTH="{math.ceil(chip.width)}" '
        f'HEIGHT="{math.floor(chip.height)}">{_html_text(chip.line)}</TD>'
        for chip in row
    )
    height = math.ceil(row[0].height + 3)
    # The row's own width, else the engine spreads its chips across the cell.
    inner = sum(math.ceil(chip.width) for chip in row) + 3 * (len(row) - 1)
    return (
        f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{height}" VALIGN="BOTTOM">'
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" FIXEDSIZE="TRUE" '
        f'WIDTH="{inner}" HEIGHT="{math.floor(row[0].height)}"><TR>{cells}'
        "</TR></TABLE></TD></TR>"
    )


def _cell_label(block: Block) -> str:
    """A label in a cell of exactly the block's size, text from its left edge: the
    engine reserves the room argmap measured, and argmap draws the text there."""
    width, height = math.ceil(block.width), math.ceil(block.height)
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
        f'<TD FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{height}" ALIGN="LEFT" '
        f'BALIGN="LEFT">{_html_lines(block)}</TD></TR></TABLE>>'
    )


@attrs.frozen
class _Names:
    """Stable DOT names: claims ``c<i>`` in map order, junctions ``j<i>`` by relation."""

    claims: dict[str, str]

    @classmethod
    def of(cls, argmap: ArgumentMap) -> _Names:
        names: dict[str, str] = {}
        for claim in argmap.claims:
            names.setdefault(claim.id, f"c{len(names)}")
        return cls(names)


@attrs.frozen
class Drawing:
    """The graph to lay out, the labels argmap draws into the engine's SVG by id, what
    each DOT name stands for (``c0``: ``claim 'mortal'``), to say in messages, what
    the fonts cannot show, and the tooltip of each element that has no label of
    argmap's (a relation's line, a junction) by its SVG id."""

    graph: graphviz.Digraph
    labels: dict[str, Placed]
    subjects: dict[str, str] = attrs.field(factory=dict)
    #: What argmap places under the argument after the layout: the legend, the notes.
    panels: Panels = attrs.field(factory=Panels)
    #: An estimate of the argument's width (points), for the panels of :func:`dot_with_panels`.
    estimated_width: float = 0.0
    #: The DOT name of a claim on the last rank, which the panels of
    #: :func:`dot_with_panels` follow.
    deepest: str | None = None
    #: The layout's direction, which decides where the panels of :func:`dot_with_panels` go.
    direction: Direction = "TB"
    #: A message for each label with characters no font has (:func:`no_font_has`).
    unshown: tuple[str, ...] = ()
    titles: dict[str, str] = attrs.field(factory=dict)
    #: The ``data-`` attributes of each SVG element (by id) that stands for something of
    #: the map's: its own id and its kind (:func:`claim_data`, :func:`relation_data`).
    data: dict[str, dict[str, str]] = attrs.field(factory=dict)

    def describe(self, message: str) -> str:
        """``message`` (from Graphviz) with each node, edge end or cluster it names by
        its DOT name (bare or quoted, after ``node``, ``graph``, ``cluster`` or none)
        named as the map names it. The root graph is the title in "label of graph
        argmap" and the map anywhere else.

        >>> drawing = Drawing(graphviz.Digraph(), {}, {"c0": "claim 'mortal'",
        ...     "c1": "claim 'men'", "argmap": "the title"})
        >>> drawing.describe("cell size too small for content (in label of node c0)")
        "cell size too small for content (in label of claim 'mortal')"
        >>> drawing.describe('Unable to reclaim box space for edge "c0" -> "c1"')
        "Unable to reclaim box space for edge claim 'mortal' -> claim 'men'"
        >>> drawing.describe("node 'c1', graph 'argmap' size too small for label")
        "claim 'men', the map size too small for label"
        """

        def subject(match: re.Match[str]) -> str:
            keyword, quote, name = match.groups()
            if name == "argmap":
                if not (keyword or quote):  # a word, or a path (argmap's temporary files)
                    return match.group()
                if not message[: match.start()].endswith("label of "):
                    return "the map"
            return self.subjects.get(name, match.group())

        return _NAMED.sub(subject, message)


# A DOT name, bare or quoted, after the word Graphviz puts before it, if any.
_NAMED = re.compile(r"""(?:\b(node|graph|cluster) )?(["']?)\b([A-Za-z_]\w*)\b\2""")


def draw(
    argmap: ArgumentMap,
    options: DotOptions | None = None,
    typesetter: Typesetter | None = None,
) -> Drawing:
    """The Graphviz graph of ``argmap`` and its typeset labels; expects a valid map.

    Raises :class:`~argmap.RenderError` for a map too big to draw (see ``limits``).
    """
    check_size(argmap)
    # The limits read once for the whole drawing, not from the environment per label.
    with limits.override():
        builder = _Builder(argmap, options or DotOptions(), typesetter or default_typesetter())
        graph = builder.build()
        panels = Panels(tuple(builder.panels()))
    return Drawing(
        graph,
        builder.labels,
        builder.subjects,
        panels,
        builder.estimated_width(),
        builder.deepest_claim(),
        builder.options.direction,
        tuple(builder.unshown),
        builder.titles,
        builder.data,
    )


def dot_with_panels(drawing: Drawing) -> graphviz.Digraph:
    """``drawing``'s graph with its panels (legend, notes) as one node of HTML-like
    tables, stacked, for where argmap does not finish the SVG (the DOT text, the system
    engine's PDF): on the last rank, under the argument (TB, BT) or right of it (LR, RL),
    the legend's rows flowed to the argument's estimated width.

    The graph the engine lays out for an SVG has no such node: argmap places the panels
    itself, after the layout (:mod:`argmap.rendering.panels`).
    """
    specs = drawing.panels.specs
    if not specs:
        return drawing.graph
    graph = drawing.graph.copy()
    cells = "".join(
        f'<TR><TD ALIGN="{"LEFT" if spec.align == "left" else "CENTER"}">'
        f"{spec.table(drawing.estimated_width)}</TD></TR>"
        for spec in specs
    )
    label = f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="6" CELLPADDING="0">{cells}</TABLE>>'
    node = {"id": "panels", "shape": "plain", "fixedsize": "false", "width": "0", "height": "0"}
    if drawing.direction in ("BT", "RL") or drawing.deepest is None:
        # Where ranks grow upwards or leftwards, no rank lies past the theses' (the
        # first, rank=min): the panels share it, beside the theses, under (BT) or right
        # of (RL) the rest.
        with graph.subgraph(name="theses") as rank:
            rank.attr(rank="min")
            rank.node("panels", label=label, **node)
    else:  # one rank past the deepest claim: under the argument (TB), right of it (LR)
        graph.node("panels", label=label, **node)
        graph.edge(drawing.deepest, "panels", style="invis")
    return graph


def check_size(argmap: ArgumentMap) -> None:
    """Raise :class:`~argmap.RenderError` when ``argmap`` has more claims or groups
    than one picture may hold: the layout's cost grows much faster than the map."""
    limit = limits.current()
    for name, count in (("claims", len(argmap.claims)), ("groups", len(argmap.groups))):
        if count > getattr(limit, name):
            raise RenderError(
                f"the map has {count:,} {name}, more than one picture may hold; {limit.hint(name)}"
            )


def to_digraph(
    argmap: ArgumentMap,
    options: DotOptions | None = None,
    typesetter: Typesetter | None = None,
) -> graphviz.Digraph:
    """The Graphviz graph of ``argmap``, its legend and notes a node of its own (as
    :func:`dot_with_panels` sets them); expects a valid map (see :func:`argmap.validate`)."""
    return dot_with_panels(draw(argmap, options, typesetter))


_T = TypeVar("_T")


def _typeset(subject: str, set_: Callable[[], _T], unshown: list[str] | None = None) -> _T:
    """``set_()``, with a word too long to draw named by the map's ``subject``; when it
    sets a block with characters no font has, a message saying so is added to
    ``unshown``."""
    try:
        result = set_()
    except WordTooLong as error:
        raise RenderError(f"{subject}: {error}") from None
    if unshown is not None and isinstance(result, Block) and result.missing:
        unshown.append(no_font_has(subject, result.missing))
    return result


#: How many characters no font has a message lists before it counts the rest.
_LISTED = 8


def no_font_has(subject: str, chars: str) -> str:
    """What to say about ``chars``, which no font has, in the label of ``subject``: each
    character (a combining mark on a dotted circle) and its code point, and the fix.

    >>> print(no_font_has("claim 'thai'", "\u0e01\u0e02\u0e31"))
    claim 'thai': no font has ก, ข, ◌ั (U+0E01, U+0E02, U+0E31); they are drawn as empty boxes; \
add a font that has them with --font FILE (fonts=[path])
    """
    listed = chars[:_LISTED]
    shown = ", ".join(f"\u25cc{c}" if unicodedata.category(c)[0] == "M" else c for c in listed)
    codes = ", ".join(f"U+{ord(c):04X}" for c in listed)
    more = f" and {len(chars) - len(listed)} more" if len(chars) > len(listed) else ""
    return (
        f"{subject}: no font has {shown} ({codes}){more}; they are drawn as empty boxes; "
        "add a font that has them with --font FILE (fonts=[path])"
    )


def _missing(typesetter: Typesetter, text: str) -> str:
    """The characters of ``text`` no font of ``typesetter`` has, where it can tell."""
    fonts = getattr(typesetter, "fonts", None)
    return fonts.missing(text) if isinstance(fonts, FontSet) else ""


def _inference_key(sources: tuple[str, ...], target: Target) -> tuple[object, ...]:
    """What :meth:`Inference.matches` compares, as a key: sources in any order, target."""
    return (tuple(sorted(sources)), target)


class _Builder:
    def __init__(self, argmap: ArgumentMap, options: DotOptions, typesetter: Typesetter) -> None:
        self.map = argmap
        self.options = options
        self.theme = options.theme
        self.typesetter = typesetter
        self.names = _Names.of(argmap).claims
        self.actors: dict[str, str] = {}
        for actor in argmap.actors:
            self.actors.setdefault(actor.id, actor.name)
        # The first relation each inference names: what an undercut of it ends on.
        self.inferences: dict[tuple[object, ...], int] = {}
        for index, relation in enumerate(argmap.relations):
            self.inferences.setdefault(_inference_key(relation.sources, relation.target), index)
        undercut = self._undercut_inferences()
        self.junctions = self._junction_relations(undercut)
        # The junctions an undercut ends on, by relation: each gets a mark on its line.
        self.marks = {
            index: f"{self.junctions[index]}k"
            for key, index in self.inferences.items()
            if index in self.junctions and key in undercut
        }
        self.labels: dict[str, Placed] = {}
        self.titles: dict[str, str] = {}
        # The map's own ids and kinds, as data- attributes of the SVG elements (by id).
        self.data: dict[str, dict[str, str]] = {}
        # What no font can show, one message a label (see ``no_font_has``).
        self.unshown: list[str] = []
        self.subjects: dict[str, str] = {"argmap": "the title", "panels": "the legend"}
        # Each claim's width, for the estimate of the argument's width.
        self.widths: dict[str, float] = {}
        self.notes: Notes | None = None
        if options.quotes == "footnotes":
            self.notes = Notes.of(argmap.claims, typesetter, self.theme.legend_text)
            for note in self.notes.notes:
                subject = f"the quote of claim {note.claim!r}"
                _typeset(subject, functools.partial(check_words, note.quote))
                missing = _missing(typesetter, clean_text(note.quote))
                if missing:
                    self.unshown.append(no_font_has(subject, missing))
        self.numbers = self.notes.numbers() if self.notes is not None else {}
        for claim_id, name in self.names.items():
            self.subjects[name] = f"claim {claim_id!r}"

    def build(self) -> graphviz.Digraph:
        theme = self.theme
        graph = graphviz.Digraph(name="argmap", engine="dot")
        graph.attr(
            "graph",
            id="argmap",
            rankdir=self.options.direction,
            bgcolor=theme.background,
            fontname=self.typesetter.family,
            nodesep=_NODESEP_INCHES,
            ranksep="0.4",
            pad="0.15",
            outputorder="edgesfirst",
            splines="spline",
        )
        graph.attr("node", fontname=self.typesetter.family, margin="0", fixedsize="true")
        graph.attr("edge", arrowsize="0.75", fontname=self.typesetter.family)
        if self.options.title and clean_text(self.map.title or ""):
            self._title(graph)
        grouped = self._groups(graph)
        for claim in self.map.claims:
            if claim.id not in grouped:
                self._claim(graph, claim)
        theses = [self.names[c.id] for c in self.map.theses]
        if theses:
            with graph.subgraph(name="theses") as rank:
                rank.attr(rank="min")
                for name in theses:
                    add_node(rank, name)
            # A claim that relates to nothing would float alone on the first rank:
            # one rank under the thesis, beside its reasons, reads as part of the map.
            for claim_id in self.loose - grouped:
                if self.map.claim(claim_id).kind is not ClaimKind.THESIS:
                    add_edge(graph, theses[0], self.names[claim_id], style="invis")
        for index, relation in enumerate(self.map.relations):
            self._relation(graph, index, relation)
        return graph

    def panels(self) -> list[PanelSpec]:
        """What goes under the argument, in order: the legend, then the notes."""
        panels: list[PanelSpec] = []
        legend = self._legend() if self.options.legend else None
        if legend is not None:
            panels.append(legend)
        if self.notes is not None and self.notes.notes:
            panels.append(self.notes)
        return panels

    def _title(self, graph: graphviz.Digraph) -> None:
        assert self.map.title is not None
        set_title = functools.partial(self.typesetter.title, self.map.title, self.theme.title_text)
        block = _typeset("the title", set_title, self.unshown)
        self.labels["argmap"] = Placed(block, centre=False)
        graph.attr(
            "graph",
            label=_cell_label(block),
            labelloc="t",
            labeljust="l",
            fontsize=f"{block.lines[0].size:g}",
        )

    def _groups(self, graph: graphviz.Digraph) -> set[str]:
        """Draw each group as a cluster; returns the ids of the claims drawn in one."""
        drawn: set[str] = set()
        for index, group in enumerate(self.map.groups):
            members = [m for m in group.members if m in self.names and m not in drawn]
            if not members:
                continue
            set_label = functools.partial(
                self.typesetter.group_label, group.label, self.theme.group_label
            )
            block = _typeset(f"group {group.id!r}", set_label, self.unshown)
            title = f"{group.id} (group): {group.label}"
            self.labels[f"group-{index}"] = Placed(block, centre=False, title=title)
            self.subjects[f"cluster_g{index}"] = f"group {group.id!r}"
            self.data[f"group-{index}"] = {"data-id": xml_legal(group.id), "data-kind": "group"}
            with graph.subgraph(name=f"cluster_g{index}") as cluster:
                cluster.attr(
                    label=_cell_label(block),
                    labeljust="l",
                    style="rounded,filled,dashed",
                    color=self.theme.group_border,
                    fillcolor=self.theme.group_fill,
                    penwidth="1",
                    margin="12",
                    id=f"group-{index}",
                )
                for member in members:
                    self._claim(cluster, self.map.claim(member))
                    drawn.add(member)
                self._beside_group(cluster, members)
        return drawn

    def _beside_group(self, cluster: graphviz.Digraph, members: list[str]) -> None:
        """Set each member of a group that relates to nothing on the rank of the group's
        first member that does, so it sits beside what it belongs with, not on top."""
        loose = self.loose
        anchor = next((m for m in members if m not in loose), None)
        if anchor is None:
            return
        for member in members:
            if member in loose:
                with cluster.subgraph() as row:
                    row.attr(rank="same")
                    add_node(row, self.names[anchor])
                    add_node(row, self.names[member])

    @functools.cached_property
    def loose(self) -> frozenset[str]:
        """The ids of the claims no relation names (as source, target or in an inference)."""
        related: set[str] = set()
        for relation in self.map.relations:
            related.update(relation.sources)
            target = relation.target
            while isinstance(target, Inference):
                related.update(target.sources)
                target = target.target
            related.add(target)
        return frozenset(c.id for c in self.map.claims) - related

    def _claim(self, graph: graphviz.Digraph, claim: Claim) -> None:
        style = self.theme.node(claim.kind)
        actor = None if claim.actor is None else self.actors.get(claim.actor, claim.actor)
        line = _kind_line(claim, actor, self.numbers.get(claim.id))
        status = (self.options.status or {}).get(claim.id)
        strength = (self.options.strength or {}).get(claim.id)
        tags = self._tags(claim, style)
        if status is None and strength is None:
            set_label = functools.partial(
                self.typesetter.claim, line, claim.text, claim.kind, style, tags=tags
            )
        else:
            shown = self.theme.analysis
            mark = gauge = None
            if strength is not None:
                line = f"{line} \u00b7 {strength:.2f}"
                gauge = Gauge(strength, shown.bar, shown.track)
            if status is not None:
                mark = Mark(STATUS_WORDS[status], self._status_colour(status))
                if status == "out":
                    style = self._faded(style)
                    tags = self._tags(claim, style)
            set_label = functools.partial(
                self.typesetter.claim,
                line,
                claim.text,
                claim.kind,
                style,
                mark=mark,
                gauge=gauge,
                tags=tags,
            )
        block = _typeset(f"claim {claim.id!r}", set_label, self.unshown)
        self.widths[claim.id] = block.width
        name = self.names[claim.id]
        self.data[f"claim-{name}"] = claim_data(claim, status, strength)
        self._box(
            graph,
            name,
            block,
            style,
            f"claim-{name}",
            title=claim_title(claim, actor),
            double=status == "in",
        )

    def _tags(self, claim: Claim, style: NodeStyle) -> list[Tag]:
        """The chips to draw under ``claim``'s text (see :attr:`DotOptions.tags`): a
        styled tag in a light tint of its colour, outlined in it; any other in the
        theme's grey. The text keeps the claim's own colour, readable on either."""
        shown = self.options.tags
        if shown is False:
            return []
        colours = self.map.style.tags
        chips = []
        for tag in dict.fromkeys(claim.tags):  # a tag written twice is one chip
            colour = colours.get(tag)
            if colour is not None:
                border = to_hex(colour)
                fill = self._tint(border)
                chips.append(Tag(tag, fill=fill, border=border, color=style.text))
            elif shown:
                theme = self.theme
                chips.append(
                    Tag(tag, fill=theme.group_fill, border=theme.group_border, color=style.text)
                )
        return chips

    def _tint(self, colour: str) -> str:
        try:
            return blend(colour, self.theme.background, 0.8)
        except ValueError as error:
            raise RenderError(f"theme {self.theme.name!r}: {error}") from None

    def _status_colour(self, status: str) -> str:
        shown = self.theme.analysis
        return {"in": shown.accepted, "out": shown.rejected}.get(status, shown.undecided)

    def _faded(self, style: NodeStyle) -> NodeStyle:
        """How a rejected claim is drawn: its kind's style, faded into the background."""
        try:
            return fade(style, self.theme.background)
        except ValueError as error:
            raise RenderError(f"theme {self.theme.name!r}: {error}") from None

    def _box(
        self,
        graph: graphviz.Digraph,
        name: str,
        block: Block,
        style: NodeStyle,
        node_id: str,
        title: str | None = None,
        *,
        double: bool = False,
    ) -> None:
        self.labels[node_id] = Placed(block, title=title or None)
        # A second border around the first: both engines draw it (rounded, dashed or a
        # note's folded corner alike), 4 points out, and lay the node out with it.
        extra = {"peripheries": "2"} if double else {}
        add_node(
            graph,
            name,
            label=_html_label(block),
            id=node_id,
            shape=style.shape,
            style=_style(style),
            color=style.border,
            fillcolor=style.fill,
            penwidth=f"{style.penwidth:g}",
            width=_inches(block.width),
            height=_inches(block.height),
            **extra,
        )

    def _undercut_inferences(self) -> set[tuple[object, ...]]:
        """The keys (:func:`_inference_key`) of the inferences an undercut attacks."""
        return {
            _inference_key(r.target.sources, r.target.target)
            for r in self.map.relations
            if isinstance(r.target, Inference)
        }

    def _junction_relations(self, undercut: set[tuple[object, ...]]) -> dict[int, str]:
        """Relations drawn through a junction point: linked ones and those whose
        inference is in ``undercut`` (:meth:`_undercut_inferences`)."""
        junctions = {}
        for index, relation in enumerate(self.map.relations):
            if relation.linked or _inference_key(relation.sources, relation.target) in undercut:
                junctions[index] = f"j{index}"
        return junctions

    def _target_name(self, target: str | Inference) -> str | None:
        if isinstance(target, str):
            return self.names.get(target)
        index = self.inferences.get(_inference_key(target.sources, target.target))
        return None if index is None else self.marks.get(index)

    def _relation(self, graph: graphviz.Digraph, index: int, relation: Relation) -> None:
        style = self.theme.relation(relation.kind)
        target = self._target_name(relation.target)
        drawn = [s for s in relation.sources if s in self.names]
        sources = [self.names[s] for s in drawn]
        if target is None or not sources:
            return
        line = {
            "color": style.color,
            "penwidth": f"{style.penwidth:g}",
            "style": style.line,
        }
        # Edges run from conclusion to reason so that conclusions rank first.
        arrow = {"dir": "back", "arrowtail": style.arrowhead, **line}
        if self.options.schemes and relation.scheme:
            arrow["label"] = self._scheme_label(index, relation)
        if isinstance(relation.target, Inference):
            # A smaller bar where the undercut crosses its inference's line, so that it
            # does not reach the lines beside it.
            arrow["arrowsize"] = _UNDERCUT_ARROWSIZE
            arrow["minlen"] = _UNDERCUT_MINLEN
        title = relation_title(relation)
        self.titles[f"relation-{index}"] = title
        data = relation_data(index, relation)
        self.data[f"relation-{index}"] = data
        junction = self.junctions.get(index)
        if junction is None:
            add_edge(graph, target, sources[0], id=f"relation-{index}", **arrow)
            return
        self.subjects[junction] = f"the inference of '{relation.describe()}'"
        self.titles[f"inference-{index}"] = title
        self.titles.update((f"relation-{index}-{p}", title) for p in range(len(sources)))
        self.data[f"inference-{index}"] = data
        for position, source in enumerate(drawn):
            self.data[f"relation-{index}-{position}"] = {**data, "data-source": xml_legal(source)}
        add_node(
            graph,
            junction,
            id=f"inference-{index}",
            shape="point",
            width=_JUNCTION_SIZE,
            height=_JUNCTION_SIZE,
            color=style.color,
            fillcolor=style.color,
            label="",
        )
        # The inference's own line, from the dot to its conclusion, is drawn heavier than
        # the premises' lines into the dot: a premise whose line happens to run straight
        # on into it still reads as one of the lines that join there.
        heavier = f"{style.penwidth * _INFERENCE_WEIGHT:g}"
        # The inference's line leaves the dot on the conclusion's side, so that no premise
        # line slides into the dot along it. (A compass point on the premises' side
        # too was tried and measured: it makes every premise line leave the dot in one
        # direction, tangent to each other, the very thing to avoid.)
        conclusion_side = _CONCLUSION_SIDE[self.options.direction]
        inference = {**arrow, "penwidth": heavier}
        mark = self.marks.get(index)
        if mark is None:
            add_edge(
                graph,
                target,
                junction,
                id=f"relation-{index}",
                headport=conclusion_side,
                **inference,
            )
        else:
            self._mark(graph, index, mark, style.color, title)
            # The inference's line runs on through the mark, where its undercut ends: one
            # rank nearer the conclusion than the dot, so that the undercut's bar crosses
            # the inference's own line, away from the premises' lines. Both parts pull hard
            # (weight) to keep that line straight.
            add_edge(graph, target, mark, id=f"relation-{index}", weight=_MARK_WEIGHT, **inference)
            add_edge(
                graph,
                mark,
                junction,
                id=f"relation-{index}-stem",
                headport=conclusion_side,
                weight=_MARK_WEIGHT,
                dir="none",
                **{**line, "penwidth": heavier},
            )
        # Premises spread wide under their dot: a rank's more room lets their lines fan
        # out from it instead of running in flat, side by side.
        spread = {"minlen": "2"} if len(sources) > 2 else {}
        for position, source in enumerate(sources):
            add_edge(
                graph,
                junction,
                source,
                id=f"relation-{index}-{position}",
                dir="none",
                **line,
                **spread,
            )

    def _mark(
        self, graph: graphviz.Digraph, index: int, name: str, colour: str, title: str
    ) -> None:
        """The point on inference ``index``'s line that its undercuts end on."""
        self.subjects[name] = self.subjects[self.junctions[index]]
        self.titles[f"inference-{index}-mark"] = title
        self.titles[f"relation-{index}-stem"] = title
        data = self.data[f"relation-{index}"]
        self.data[f"inference-{index}-mark"] = self.data[f"relation-{index}-stem"] = data
        add_node(
            graph,
            name,
            id=f"inference-{index}-mark",
            shape="point",
            width=_MARK_SIZE,
            height=_MARK_SIZE,
            color=colour,
            fillcolor=colour,
            label="",
        )

    def _scheme_label(self, index: int, relation: Relation) -> str:
        """The label naming the scheme ``relation`` instantiates, on the line into its
        conclusion (or into its junction); the edge's tooltip names it too."""
        assert relation.scheme is not None
        described = relation.describe()
        set_label = functools.partial(
            self.typesetter.edge_label, relation.scheme, self.theme.legend_text
        )
        block = _typeset(f"the scheme of {described!r}", set_label, self.unshown)
        self.labels[f"relation-{index}"] = Placed(
            block, centre=False, title=relation_title(relation)
        )
        return _cell_label(block)

    def _legend(self) -> Legend | None:
        """The legend of the kinds shown, the quote mark, and what the analysis shows:
        the semantics, a sample of each status with its cue; the strength and its source."""
        kinds = [k for k in ClaimKind if any(c.kind is k for c in self.map.claims)]
        relations = [k for k in RelationKind if any(r.kind is k for r in self.map.relations)]
        if not kinds and not relations:
            return None
        ids = {claim.id for claim in self.map.claims}
        quoted = any(c.quote for c in self.map.claims) and self.options.quotes == "mark"
        heading = colours = strength = None
        if self.options.status and not ids.isdisjoint(self.options.status):
            semantics = self.options.status_semantics
            heading = f"{semantics}:" if semantics else "status:"
            colours = (
                self._status_colour("in"),
                self._status_colour("out"),
                self._status_colour("undec"),
            )
        if self.options.strength and not ids.isdisjoint(self.options.strength):
            semantics = self.options.strength_semantics
            strength = f"strength ({semantics}), 0\u20131" if semantics else "strength, 0\u20131"
        set_legend = functools.partial(
            Legend.of,
            self.typesetter,
            self.theme,
            kinds=kinds,
            quote_mark=QUOTE_MARK if quoted else None,
            relations=relations,
            status_heading=heading,
            status_colours=colours,
            strength=strength,
        )
        return _typeset("the legend", set_legend)

    @functools.cached_property
    def _depths(self) -> dict[str, int]:
        """Each claim's distance (breadth first, in the order found) from the claims that
        support nothing, which the layout puts on the first rank; walked once, for both
        the estimated width and the deepest claim."""
        reasons: dict[str, list[str]] = {}
        sources: set[str] = set()
        for relation in self.map.relations:
            sources.update(relation.sources)
            if isinstance(relation.target, str):
                reasons.setdefault(relation.target, []).extend(relation.sources)
        depths = {c.id: 0 for c in self.map.claims if c.id not in sources}
        order = list(depths)
        for claim_id in order:  # grows while it is walked: a breadth-first search
            for source in reasons.get(claim_id, ()):
                if source not in depths:
                    depths[source] = depths[claim_id] + 1
                    order.append(source)
        return depths

    def estimated_width(self) -> float:
        """An estimate of the argument's width before the layout (points): its widest
        rank, each claim ranked by :meth:`_depths`; in LR and RL, where ranks are
        columns, 0 (a legend in one column)."""
        if self.options.direction in ("LR", "RL"):
            return 0.0
        depths = self._depths
        ranks: dict[int, list[float]] = {}
        for claim_id, width in self.widths.items():
            ranks.setdefault(depths.get(claim_id, 0), []).append(width)
        return max(
            (sum(widths) + _NODESEP * (len(widths) - 1) for widths in ranks.values()),
            default=0.0,
        )

    def deepest_claim(self) -> str | None:
        """The DOT name of a claim on the last rank: the one found last by :meth:`_depths`."""
        depths = self._depths
        return self.names.get(list(depths)[-1]) if depths else None
