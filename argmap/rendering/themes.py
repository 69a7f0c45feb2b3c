"""Themes: the colours, lines and shapes of a picture.

A theme restyles the visual grammar but never removes a distinction: every claim kind
keeps its own kind line, shape or border, every relation kind its own line and arrow,
in colour and in grey.

>>> THEMES["print"].relation(RelationKind.ATTACKS).arrowhead
'tee'
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from argmap.model import ClaimKind, RelationKind

__all__ = [
    "THEMES",
    "AnalysisStyle",
    "EdgeStyle",
    "NodeStyle",
    "Theme",
    "blend",
    "fade",
    "get_theme",
]


@attrs.frozen(kw_only=True)
class NodeStyle:
    """How claims of one kind are drawn."""

    fill: str
    border: str
    accent: str  # the kind line's colour
    text: str
    shape: str = "box"
    rounded: bool = True
    line: str = "solid"  # solid | dashed | dotted
    penwidth: float = 1.0
    bold: bool = False


@attrs.frozen(kw_only=True)
class EdgeStyle:
    """How relations of one kind are drawn."""

    color: str
    line: str = "solid"
    arrowhead: str = "normal"
    penwidth: float = 1.3


@attrs.frozen(kw_only=True)
class AnalysisStyle:
    """How a picture shows what :mod:`argmap.analysis` computed: the colour of each
    status word in a kind line (``IN``, ``OUT``, ``UNDECIDED``), and of the strength bar
    (its filled part, and the track it fills). Colour is only ever the second cue: an
    accepted claim also has a double border, a rejected one is faded (see :func:`fade`).
    """

    accepted: str = "#1E6B2A"
    rejected: str = "#A8322A"
    undecided: str = "#8A5A00"
    bar: str = "#1F3A5F"
    track: str = "#E4E8EE"


@attrs.frozen(kw_only=True)
class Theme:
    """Everything that colours a picture; see :data:`THEMES` for the built-in ones."""

    name: str
    background: str
    nodes: Mapping[ClaimKind, NodeStyle]
    edges: Mapping[RelationKind, EdgeStyle]
    group_fill: str
    group_border: str
    group_label: str
    legend_text: str
    title_text: str
    analysis: AnalysisStyle = attrs.field(factory=AnalysisStyle)

    def node(self, kind: ClaimKind) -> NodeStyle:
        """The style of claims of ``kind``."""
        return self.nodes[kind]

    def relation(self, kind: RelationKind) -> EdgeStyle:
        """The style of relations of ``kind``."""
        return self.edges[kind]


def _nodes(
    text: str, styles: Mapping[ClaimKind, tuple[str, str, str]], **shared: object
) -> dict[ClaimKind, NodeStyle]:
    """Node styles from (fill, border, accent) colours over one shared set of shapes."""
    shapes: dict[ClaimKind, dict[str, object]] = {
        # Every kind differs in shape, corners, line or weight, so that print (greyscale)
        # keeps them apart without colour.
        ClaimKind.THESIS: {"penwidth": 2.2, "bold": True},
        ClaimKind.PREMISE: {},
        ClaimKind.EVIDENCE: {"shape": "note", "rounded": False},
        ClaimKind.MOTIVE: {"penwidth": 1.8},
        ClaimKind.OBJECTION: {"rounded": False, "penwidth": 1.4},
        ClaimKind.ASSUMPTION: {"line": "dashed"},
        ClaimKind.CONSEQUENCE: {"rounded": False, "line": "dashed"},
        ClaimKind.QUESTION: {"line": "dotted", "penwidth": 1.4},
    }
    result = {}
    for kind, (fill, border, accent) in styles.items():
        options = {**shapes[kind], **shared}
        result[kind] = NodeStyle(fill=fill, border=border, accent=accent, text=text, **options)  # type: ignore[arg-type]
    return result


_DEFAULT = Theme(
    name="default",
    background="#FFFFFF",
    nodes=_nodes(
        "#1A1A1A",
        {
            ClaimKind.THESIS: ("#E9EFF8", "#1F3A5F", "#1F3A5F"),
            ClaimKind.PREMISE: ("#FFFFFF", "#6B7785", "#55606D"),
            ClaimKind.EVIDENCE: ("#F4F6EC", "#7A8A45", "#5C6A2E"),
            ClaimKind.MOTIVE: ("#F5EFF9", "#7B5296", "#6A4385"),
            ClaimKind.OBJECTION: ("#FBEEEC", "#B5443A", "#A3372E"),
            ClaimKind.ASSUMPTION: ("#FFFFFF", "#8C8C8C", "#6E6E6E"),
            ClaimKind.CONSEQUENCE: ("#FDF4E7", "#B97A25", "#9A6316"),
            ClaimKind.QUESTION: ("#EDF6F6", "#3A8080", "#2D6C6C"),
        },
    ),
    edges={
        RelationKind.SUPPORTS: EdgeStyle(color="#3B8B45"),
        RelationKind.ATTACKS: EdgeStyle(color="#C0392B", arrowhead="tee"),
        RelationKind.UNDERCUTS: EdgeStyle(color="#C0392B", line="dashed", arrowhead="tee"),
    },
    group_fill="#F7F7F5",
    group_border="#B9B9B0",
    group_label="#4A4A45",
    legend_text="#4A4A4A",
    title_text="#1A1A1A",
)

_DARK = Theme(
    name="dark",
    background="#1B1D21",
    nodes=_nodes(
        "#ECECEC",
        {
            ClaimKind.THESIS: ("#23364F", "#8DB4E8", "#A9C8F0"),
            ClaimKind.PREMISE: ("#26292E", "#8A94A0", "#AAB3BD"),
            ClaimKind.EVIDENCE: ("#2A2F22", "#A8BA6A", "#C0CF8A"),
            ClaimKind.MOTIVE: ("#2E2536", "#B795D0", "#CDB2E2"),
            ClaimKind.OBJECTION: ("#3A2523", "#E27D72", "#EE9C93"),
            ClaimKind.ASSUMPTION: ("#26292E", "#9A9A9A", "#B5B5B5"),
            ClaimKind.CONSEQUENCE: ("#362C1E", "#E0A85A", "#EDBF80"),
            ClaimKind.QUESTION: ("#1F3131", "#6FC2C2", "#95D4D4"),
        },
    ),
    edges={
        RelationKind.SUPPORTS: EdgeStyle(color="#6CC276"),
        RelationKind.ATTACKS: EdgeStyle(color="#EF7A6D", arrowhead="tee"),
        RelationKind.UNDERCUTS: EdgeStyle(color="#EF7A6D", line="dashed", arrowhead="tee"),
    },
    group_fill="#222428",
    group_border="#55585E",
    group_label="#C8C8C8",
    legend_text="#C8C8C8",
    title_text="#ECECEC",
    analysis=AnalysisStyle(
        accepted="#7FD08A", rejected="#F08A80", undecided="#E8C06A", bar="#8DB4E8", track="#34383F"
    ),
)

# Greyscale: kinds differ by kind line, shape, border line and weight; relations by
# line and arrowhead.
_PRINT = Theme(
    name="print",
    background="#FFFFFF",
    nodes=_nodes(
        "#000000",
        {
            ClaimKind.THESIS: ("#E6E6E6", "#000000", "#000000"),
            ClaimKind.PREMISE: ("#FFFFFF", "#333333", "#333333"),
            ClaimKind.EVIDENCE: ("#F2F2F2", "#333333", "#333333"),
            ClaimKind.MOTIVE: ("#FFFFFF", "#000000", "#333333"),
            ClaimKind.OBJECTION: ("#FFFFFF", "#000000", "#333333"),
            ClaimKind.ASSUMPTION: ("#FFFFFF", "#555555", "#333333"),
            ClaimKind.CONSEQUENCE: ("#F2F2F2", "#333333", "#333333"),
            ClaimKind.QUESTION: ("#FFFFFF", "#333333", "#333333"),
        },
    ),
    edges={
        RelationKind.SUPPORTS: EdgeStyle(color="#000000"),
        RelationKind.ATTACKS: EdgeStyle(color="#000000", arrowhead="tee", penwidth=2.0),
        RelationKind.UNDERCUTS: EdgeStyle(
            color="#000000", line="dashed", arrowhead="tee", penwidth=2.0
        ),
    },
    group_fill="#FAFAFA",
    group_border="#777777",
    group_label="#000000",
    legend_text="#000000",
    title_text="#000000",
    # The status word in black like the rest of the kind line: in grey, the double border
    # and the fading say it.
    analysis=AnalysisStyle(
        accepted="#000000", rejected="#000000", undecided="#000000", bar="#333333", track="#E0E0E0"
    ),
)

# Okabe & Ito's palette, distinguishable with every common colour-vision deficiency.
_COLORBLIND = Theme(
    name="colorblind",
    background="#FFFFFF",
    nodes=_nodes(
        "#1A1A1A",
        {
            ClaimKind.THESIS: ("#E5F0F8", "#0072B2", "#005A8C"),
            ClaimKind.PREMISE: ("#FFFFFF", "#666666", "#4D4D4D"),
            ClaimKind.EVIDENCE: ("#E6F5F0", "#009E73", "#007A59"),
            ClaimKind.MOTIVE: ("#F9EDF4", "#CC79A7", "#A8548A"),
            ClaimKind.OBJECTION: ("#FBEBE0", "#D55E00", "#B34F00"),
            ClaimKind.ASSUMPTION: ("#FFFFFF", "#999999", "#666666"),
            ClaimKind.CONSEQUENCE: ("#FDF3DC", "#E69F00", "#A87400"),
            ClaimKind.QUESTION: ("#EAF5FC", "#56B4E9", "#2E86BA"),
        },
    ),
    edges={
        RelationKind.SUPPORTS: EdgeStyle(color="#0072B2"),
        RelationKind.ATTACKS: EdgeStyle(color="#D55E00", arrowhead="tee"),
        RelationKind.UNDERCUTS: EdgeStyle(color="#D55E00", line="dashed", arrowhead="tee"),
    },
    group_fill="#F7F7F7",
    group_border="#AAAAAA",
    group_label="#333333",
    legend_text="#333333",
    title_text="#1A1A1A",
    # Okabe & Ito's blue and vermilion, darkened to read as small text.
    analysis=AnalysisStyle(
        accepted="#005A8C", rejected="#A34A00", undecided="#666666", bar="#0072B2", track="#DCE9F3"
    ),
)

#: The built-in themes by name.
THEMES: dict[str, Theme] = {t.name: t for t in (_DEFAULT, _DARK, _PRINT, _COLORBLIND)}


def fade(style: NodeStyle, background: str, amount: float = 0.45) -> NodeStyle:
    """``style`` faded towards ``background``: its text, kind line and border ``amount``
    of the way there, its fill a little further (how a rejected claim is drawn).

    >>> fade(THEMES["print"].node(ClaimKind.PREMISE), "#FFFFFF").text
    '#737373'
    """
    return attrs.evolve(
        style,
        fill=_blend(style.fill, background, min(1.0, amount * 1.5)),
        border=_blend(style.border, background, amount),
        accent=_blend(style.accent, background, amount),
        text=_blend(style.text, background, amount),
    )


def blend(colour: str, towards: str, amount: float) -> str:
    """``#rrggbb`` ``colour`` moved ``amount`` (0 to 1) of the way to ``towards`` (the
    light fill of a tag's chip, from the tag's colour and the background).

    >>> blend("#17BECF", "#FFFFFF", 0.8)
    '#D1F2F5'
    """
    return _blend(colour, towards, amount)


def _blend(colour: str, towards: str, amount: float) -> str:
    """``#rrggbb`` ``colour`` moved ``amount`` (0 to 1) of the way to ``towards``."""
    start, end = _rgb(colour), _rgb(towards)
    return "#" + "".join(
        f"{round(a + (b - a) * amount):02X}" for a, b in zip(start, end, strict=True)
    )


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        raise ValueError(f"cannot fade {colour!r}: a theme's colours are #rrggbb") from None


def get_theme(theme: str | Theme) -> Theme:
    """The theme called ``theme`` (or ``theme`` itself); ``ValueError`` names the known ones."""
    if isinstance(theme, Theme):
        return theme
    try:
        return THEMES[theme]
    except KeyError:
        known = ", ".join(THEMES)
        raise ValueError(f"unknown theme {theme!r} (known: {known})") from None
