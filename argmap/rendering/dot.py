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
  ends on such a junction: the inference it attacks.
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
import itertools
import math
import re
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
from argmap.rendering.svg import Placed
from argmap.rendering.themes import THEMES, NodeStyle, Theme, blend, fade
from argmap.rendering.typeset import (
    Block,
    Chip,
    Gauge,
    Line,
    Mark,
    Tag,
    Typesetter,
    clean_text,
    default_typesetter,
)
from argmap.rendering.wrapping import WordTooLong

__all__ = [
    "DIRECTIONS",
    "Direction",
    "DotOptions",
    "Drawing",
    "claim_title",
    "draw",
    "html_text",
    "kind_line",
    "relation_title",
    "to_digraph",
]

Direction = Literal["TB", "LR", "BT", "RL"]
#: Layout directions: where the thesis sits relative to its reasons (TB: on top).
DIRECTIONS: tuple[Direction, ...] = ("TB", "LR", "BT", "RL")

#: The mark a claim's kind line carries when the claim quotes its source.
QUOTE_MARK = "\u201c\u2026\u201d"

#: How a claim's kind line names its status, by label.
STATUS_WORDS = {"in": "IN", "out": "OUT", "undec": "UNDECIDED"}

_POINTS_PER_INCH = 72.0


@attrs.frozen(kw_only=True)
class DotOptions:
    """How to draw a map; every field has the default a figure needs.

    ``status`` maps claim ids to ``"in"``, ``"out"`` or ``"undec"`` and ``strength``
    to numbers from 0 to 1 (what :mod:`argmap.analysis` computes; claims they do not
    name are drawn as without them); ``status_semantics`` and ``strength_semantics``
    name where they came from in the legend. ``schemes``: label each relation that
    names a scheme with it. ``tags``: draw each claim's tags as chips under its text:
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
    tags: bool | None = None

    def __attrs_post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(
                f"unknown direction {self.direction!r} (one of: {', '.join(DIRECTIONS)})"
            )
        for claim, label in (self.status or {}).items():
            if label not in STATUS_WORDS:
                raise ValueError(f"status of claim {claim!r} is {label!r}, not in, out or undec")
        for claim, value in (self.strength or {}).items():
            if not 0 <= value <= 1:
                raise ValueError(f"strength of claim {claim!r} is {value!r}, not from 0 to 1")


def html_text(text: str) -> str:
    r"""``text`` escaped for a Graphviz HTML-like label: the one place user text is escaped.

    A backslash is doubled: Graphviz reads ``\N``, ``\G`` and the like in a label's text
    as the node's or graph's name.

    >>> html_text("<b>\\N</b> & co")
    '&lt;b&gt;\\\\N&lt;/b&gt; &amp; co'
    """
    return (
        clean_text(text)
        .replace("\\", "\\\\")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("]", "&#93;")
        .replace("[", "&#91;")
    )


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


def _kind_line(claim: Claim, actor: str | None) -> str:
    parts = [claim.kind.value.upper()]
    if actor is not None:
        parts.append(actor.upper())
    line = " \u00b7 ".join(parts)
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


def _html_text(line: Line) -> str:
    if line.mark:  # the status word in its own colour
        return "".join(_html_font(line, piece, color) for piece, color in line.pieces())
    return _html_font(line, line.text, line.color)


def _html_font(line: Line, piece: str, color: str) -> str:
    # Graphviz rejects an empty <B></B> or <FONT></FONT>: a blank line holds a no-break space.
    text = html_text(piece) or "&#160;"
    if piece.endswith(" ") and text != "&#160;":  # the space before a mark: keep it
        text += " "
    if line.bold:
        text = f"<B>{text}</B>"
    return f'<FONT POINT-SIZE="{line.size:g}" COLOR="{color}">{text}</FONT>'


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
    each DOT name stands for (``c0``: ``claim 'mortal'``), to say in messages, and the
    tooltip of each element that has no label of argmap's (a relation's line, a junction)
    by its SVG id."""

    graph: graphviz.Digraph
    labels: dict[str, Placed]
    subjects: dict[str, str] = attrs.field(factory=dict)
    titles: dict[str, str] = attrs.field(factory=dict)

    def describe(self, message: str) -> str:
        """``message`` (from Graphviz) with each node or graph it names by its DOT name
        named as the map names it.

        >>> Drawing(graphviz.Digraph(), {}, {"c0": "claim 'mortal'"}).describe(
        ...     "cell size too small for content (in label of node c0)")
        "cell size too small for content (in label of claim 'mortal')"
        """

        def subject(match: re.Match[str]) -> str:
            return self.subjects.get(match.group(2), match.group())

        return _NAMED.sub(subject, message)


_NAMED = re.compile(r"\b(node|graph) (\w+)\b")


def draw(
    argmap: ArgumentMap,
    options: DotOptions | None = None,
    typesetter: Typesetter | None = None,
) -> Drawing:
    """The Graphviz graph of ``argmap`` and its typeset labels; expects a valid map.

    Raises :class:`~argmap.RenderError` for a map too big to draw (see ``limits``).
    """
    check_size(argmap)
    builder = _Builder(argmap, options or DotOptions(), typesetter or default_typesetter())
    return Drawing(builder.build(), builder.labels, builder.subjects, builder.titles)


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
    """The Graphviz graph of ``argmap``; expects a valid map (see :func:`argmap.validate`)."""
    return draw(argmap, options, typesetter).graph


_T = TypeVar("_T")


def _typeset(subject: str, set_: Callable[[], _T]) -> _T:
    """``set_()``, with a word too long to draw named by the map's ``subject``."""
    try:
        return set_()
    except WordTooLong as error:
        raise RenderError(f"{subject}: {error}") from None


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
        self.junctions = self._junction_relations()
        self.labels: dict[str, Placed] = {}
        self.titles: dict[str, str] = {}
        self.subjects: dict[str, str] = {"argmap": "the title"}
        for claim_id, name in self.names.items():
            self.subjects[name] = f"claim {claim_id!r}"

    def build(self) -> graphviz.Digraph:
        theme = self.theme
        graph = graphviz.Digraph(name="argmap", engine="dot")
        graph.attr(
            "graph",
            id="argmap",
            rankdir=self.options.direction,
            newrank="true",
            bgcolor=theme.background,
            fontname=self.typesetter.family,
            nodesep="0.22",
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
                    rank.node(name)
        for index, relation in enumerate(self.map.relations):
            self._relation(graph, index, relation)
        if self.options.legend:
            self._legend(graph)
        return graph

    def _title(self, graph: graphviz.Digraph) -> None:
        assert self.map.title is not None
        set_title = functools.partial(self.typesetter.title, self.map.title, self.theme.title_text)
        block = _typeset("the title", set_title)
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
            block = _typeset(f"group {group.id!r}", set_label)
            title = f"{group.id} (group): {group.label}"
            self.labels[f"group-{index}"] = Placed(block, centre=False, title=title)
            self.subjects[f"cluster_g{index}"] = f"group {group.id!r}"
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
        return drawn

    def _claim(self, graph: graphviz.Digraph, claim: Claim) -> None:
        style = self.theme.node(claim.kind)
        actor = None if claim.actor is None else self.actors.get(claim.actor, claim.actor)
        line = _kind_line(claim, actor)
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
        block = _typeset(f"claim {claim.id!r}", set_label)
        name = self.names[claim.id]
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
        graph.node(
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

    def _junction_relations(self) -> dict[int, str]:
        """Relations drawn through a junction point: linked ones and undercut ones."""
        undercut = {
            _inference_key(r.target.sources, r.target.target)
            for r in self.map.relations
            if isinstance(r.target, Inference)
        }
        junctions = {}
        for index, relation in enumerate(self.map.relations):
            if relation.linked or _inference_key(relation.sources, relation.target) in undercut:
                junctions[index] = f"j{index}"
        return junctions

    def _target_name(self, target: str | Inference) -> str | None:
        if isinstance(target, str):
            return self.names.get(target)
        index = self.inferences.get(_inference_key(target.sources, target.target))
        return None if index is None else self.junctions.get(index)

    def _relation(self, graph: graphviz.Digraph, index: int, relation: Relation) -> None:
        style = self.theme.relation(relation.kind)
        target = self._target_name(relation.target)
        sources = [self.names[s] for s in relation.sources if s in self.names]
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
        title = relation_title(relation)
        self.titles[f"relation-{index}"] = title
        junction = self.junctions.get(index)
        if junction is None:
            graph.edge(target, sources[0], id=f"relation-{index}", **arrow)
            return
        self.subjects[junction] = f"the inference of '{relation.describe()}'"
        self.titles[f"inference-{index}"] = title
        self.titles.update((f"relation-{index}-{p}", title) for p in range(len(sources)))
        graph.node(
            junction,
            id=f"inference-{index}",
            shape="point",
            width="0.07",
            height="0.07",
            color=style.color,
            fillcolor=style.color,
            label="",
        )
        graph.edge(target, junction, id=f"relation-{index}", **arrow)
        for position, source in enumerate(sources):
            graph.edge(junction, source, id=f"relation-{index}-{position}", dir="none", **line)

    def _scheme_label(self, index: int, relation: Relation) -> str:
        """The label naming the scheme ``relation`` instantiates, on the line into its
        conclusion (or into its junction); the edge's tooltip names it too."""
        assert relation.scheme is not None
        described = relation.describe()
        set_label = functools.partial(
            self.typesetter.edge_label, relation.scheme, self.theme.legend_text
        )
        block = _typeset(f"the scheme of {described!r}", set_label)
        self.labels[f"relation-{index}"] = Placed(
            block, centre=False, title=relation_title(relation)
        )
        return _cell_label(block)

    def _legend(self, graph: graphviz.Digraph) -> None:
        kinds = [k for k in ClaimKind if any(c.kind is k for c in self.map.claims)]
        relations = [k for k in RelationKind if any(r.kind is k for r in self.map.relations)]
        if not kinds and not relations:
            return
        theme = self.theme
        names: list[str] = []
        with graph.subgraph(name="cluster_legend") as legend:
            legend.attr(
                label="",
                style="rounded",
                color=theme.group_border,
                penwidth="0.6",
                margin="8",
                id="legend",
            )
            for kind in kinds:
                style = theme.node(kind)
                block = self.typesetter.legend_kind(kind.value, style)
                name = f"legend_{kind.value}"
                self._box(legend, name, block, style, f"legend-{kind.value}")
                names.append(name)
            if any(c.quote for c in self.map.claims):
                block = self.typesetter.legend_relation(
                    f"{QUOTE_MARK} quotes the source", theme.legend_text
                )
                self._box(legend, "legend_quote", block, self._blank(), "legend-quote")
                names.append("legend_quote")
            for relation_kind in relations:
                edge = theme.relation(relation_kind)
                start, end, label = (f"legend_{relation_kind.value}_{p}" for p in "abl")
                point = {"shape": "point", "width": "0.01", "height": "0.01", "style": "invis"}
                legend.node(start, **point)
                legend.node(end, **point)
                legend.edge(
                    start,
                    end,
                    color=edge.color,
                    style=edge.line,
                    penwidth=f"{edge.penwidth:g}",
                    arrowhead=edge.arrowhead,
                    minlen="1",
                )
                block = self.typesetter.legend_relation(relation_kind.value, theme.legend_text)
                self._box(legend, label, block, self._blank(), f"legend-{relation_kind.value}")
                names.extend((start, end, label))
            names += self._legend_analysis(legend)
        self.subjects.update(dict.fromkeys(["cluster_legend", *names], "the legend"))
        with graph.subgraph(name="legend_row") as row:
            row.attr(rank="same")
            for name in names:
                row.node(name)
        # Keep the legend's items in reading order, and the legend after the argument:
        # one rank past the claim that lies deepest under the thesis.
        # Sideways layouts turn a rank's left-to-right order into bottom-to-top.
        ordered = names[::-1] if self.options.direction in ("LR", "RL") else names
        for first, second in itertools.pairwise(ordered):
            graph.edge(first, second, style="invis")
        deepest = self._deepest_claim()
        if deepest is not None:
            graph.edge(deepest, names[0], style="invis")

    def _legend_analysis(self, legend: graphviz.Digraph) -> list[str]:
        """Legend entries for what the claims show of an analysis: the semantics, then a
        sample of each status with its cue; the strength and where it came from."""
        theme = self.theme
        ids = {claim.id for claim in self.map.claims}
        names: list[str] = []
        if self.options.status and not ids.isdisjoint(self.options.status):
            semantics = self.options.status_semantics
            heading = f"{semantics}:" if semantics else "status:"
            block = self.typesetter.legend_relation(heading, theme.legend_text)
            self._box(legend, "legend_status", block, self._blank(), "legend-status")
            names.append("legend_status")
            sample = theme.node(ClaimKind.PREMISE)
            for status, word in (("in", "in"), ("out", "out"), ("undec", "undecided")):
                style = self._faded(sample) if status == "out" else sample
                style = attrs.evolve(style, text=self._status_colour(status), bold=True)
                block = self.typesetter.legend_kind(word, style)
                name = f"legend_{status}"
                self._box(legend, name, block, style, f"legend-{status}", double=status == "in")
                names.append(name)
        if self.options.strength and not ids.isdisjoint(self.options.strength):
            semantics = self.options.strength_semantics
            text = f"strength ({semantics}), 0\u20131" if semantics else "strength, 0\u20131"
            block = self.typesetter.legend_relation(text, theme.legend_text)
            self._box(legend, "legend_strength", block, self._blank(), "legend-strength")
            names.append("legend_strength")
        return names

    def _blank(self) -> NodeStyle:
        """An invisible box, so that a legend's text has a shape to be centred in."""
        theme = self.theme
        return NodeStyle(
            fill=theme.background,
            border=theme.background,
            accent=theme.legend_text,
            text=theme.legend_text,
            rounded=False,
            penwidth=0,
        )

    def _deepest_claim(self) -> str | None:
        """The DOT name of a claim on the last rank: the one farthest (breadth first) from
        the claims that support nothing, which the layout puts first."""
        reasons: dict[str, list[str]] = {}
        sources: set[str] = set()
        for relation in self.map.relations:
            sources.update(relation.sources)
            if isinstance(relation.target, str):
                reasons.setdefault(relation.target, []).extend(relation.sources)
        order = [c.id for c in self.map.claims if c.id not in sources]
        seen = set(order)
        for claim_id in order:  # grows while it is walked: a breadth-first search
            for source in reasons.get(claim_id, ()):
                if source not in seen:
                    seen.add(source)
                    order.append(source)
        return self.names.get(order[-1]) if order else None
