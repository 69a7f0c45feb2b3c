"""Draw a map: SVG, PNG and DOT with nothing but pip, PDF through a system Graphviz.

>>> import argmap
>>> b = argmap.MapBuilder("Socrates")
>>> t = b.thesis("mortal", "Socrates is mortal.")
>>> b.premise("men", "All men are mortal.", supports=t)
'men'
>>> svg = render(b.build())
>>> svg.startswith(b"<?xml") and b"All men are mortal." in svg
True

The pipeline: :mod:`~argmap.rendering.dot` turns the map into a graph with measured boxes;
an :mod:`engine <argmap.rendering.engines>` lays it out; :mod:`~argmap.rendering.svg` draws the
labels and embeds the fonts; :mod:`~argmap.rendering.raster` makes the PNG.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, cast

from argmap.errors import RenderError, Severity, ValidationError
from argmap.model import ArgumentMap
from argmap.rendering._arguments import (
    choice,
    flag,
    optional_text,
    positive_number,
    statuses,
    strengths,
)
from argmap.rendering.dot import DIRECTIONS, Direction, DotOptions, Drawing, draw
from argmap.rendering.engines import (
    DEFAULT_TIMEOUT,
    EmbeddedEngine,
    Engine,
    SystemEngine,
    get_engine,
)
from argmap.rendering.raster import DEFAULT_DPI, rasterize
from argmap.rendering.svg import finish_svg
from argmap.rendering.themes import THEMES, Theme, get_theme
from argmap.rendering.typeset import default_fonts
from argmap.validation import validate

__all__ = ["DIRECTIONS", "FORMATS", "THEMES", "Format", "render"]

Format = Literal["svg", "png", "pdf", "dot"]
#: The formats :func:`render` makes.
FORMATS: tuple[Format, ...] = ("svg", "png", "pdf", "dot")


def render(
    argmap: ArgumentMap,
    format: Format | str = "svg",
    *,
    theme: str | Theme = "default",
    direction: Direction | str = "TB",
    engine: str | Engine = "embedded",
    legend: bool = True,
    title: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    dpi: float = DEFAULT_DPI,
    status: Mapping[str, str] | Sequence[Mapping[str, str]] | None = None,
    status_semantics: str | None = None,
    strength: Mapping[str, float] | None = None,
    strength_semantics: str | None = None,
    schemes: bool = False,
    tags: bool | None = None,
) -> bytes:
    """The picture of ``argmap`` in ``format`` (svg, png, pdf or dot), as bytes.

    ``theme``: default, dark, print or colorblind (or a :class:`Theme`); ``direction``:
    where the thesis sits (TB: on top; LR, BT, RL); ``engine``: embedded (the default,
    installed with argmap) or system (Graphviz's ``dot`` on PATH, which PDF needs);
    ``legend`` and ``title`` switch those off; ``timeout`` bounds the layout in seconds;
    ``dpi`` sets the PNG's resolution.

    The picture can show what :mod:`argmap.analysis` computed, taken as given:

    - ``status``: each claim in, out or undecided, from a labelling (claim id to
      ``"in"``, ``"out"`` or ``"undec"``) or the list of them
      :func:`argmap.analysis.evaluate` gives (shown sceptically: in or out when every
      labelling agrees, else undecided). The kind line ends with ``IN``, ``OUT`` or
      ``UNDECIDED`` (in colour, but for the print theme); an accepted claim has a double
      border, a rejected one is faded.
    - ``strength``: each claim's strength from 0 to 1
      (:func:`argmap.analysis.strength.strength`), as a number in the kind line and a
      bar under the text (the bar in SVG and PNG; PDF shows the number).
    - ``status_semantics`` and ``strength_semantics`` name their source in the legend
      (``"grounded"``, ``"DF-QuAD"``); ``schemes`` labels each relation that names an
      argumentation scheme with it.

    ``tags`` draws each claim's tags as small chips under its text: None (the default)
    the tags the map's ``style: {tags: ...}`` gives a colour, in a tint of it; True
    every tag (the others in grey); False none (see :class:`~argmap.rendering.dot.DotOptions`).
    Every claim's SVG tooltip names its tags, drawn or not.

    Claims these do not name are drawn as without them; ids the map lacks are ignored
    (a focused map shows the status its claims have in the whole map).

    Raises :class:`~argmap.ValidationError` for an inconsistent map (a map with only
    warnings is drawn), :class:`~argmap.RenderError` when no picture can be made (a map
    with no claims, an option with no such value, a status or strength out of range,
    an empty list of labellings), and :class:`TypeError` for an argument of the wrong
    type.

    >>> from argmap.model import ArgumentMap, Claim, Relation
    >>> chain = ArgumentMap(claims=[Claim(id=n, text=n.upper()) for n in "abc"],
    ...     relations=[Relation(sources="a", target="b", kind="attacks"),
    ...                Relation(sources="b", target="c", kind="attacks")])
    >>> dot = render(chain, "dot", status={"a": "in", "b": "out", "c": "in"}).decode()
    >>> dot.count("peripheries=2")  # a and c, and the legend's sample of in
    3
    """
    if not isinstance(argmap, ArgumentMap):
        raise TypeError(
            f"render() draws an ArgumentMap (from argmap.load or MapBuilder.build), "
            f"not {type(argmap).__name__}"
        )
    chosen_format = choice("format", format, FORMATS, ", ".join(FORMATS))
    chosen_direction = cast(
        Direction, choice("direction", direction, DIRECTIONS, ", ".join(DIRECTIONS))
    )
    if not isinstance(theme, str | Theme):
        raise TypeError(f"theme must be a name or a Theme, not {type(theme).__name__}")
    try:
        chosen_theme = get_theme(theme)
    except ValueError as error:
        raise RenderError(str(error)) from None
    chosen_engine = _engine(engine)
    legend, title = flag("legend", legend), flag("title", title)
    timeout = positive_number("timeout", timeout)
    dpi = positive_number("dpi", dpi)
    shown_status, shown_strength = statuses(status), strengths(strength)
    status_semantics = optional_text("status_semantics", status_semantics)
    strength_semantics = optional_text("strength_semantics", strength_semantics)
    schemes = flag("schemes", schemes)
    if tags is not None:
        tags = flag("tags", tags)
    # Warnings were the loader's or the builder's to issue; they do not stop a picture.
    problems = validate(argmap, severity=Severity.ERROR)
    if problems:
        raise ValidationError(problems)
    if not argmap.claims:
        raise RenderError("the map has no claims: nothing to draw")
    options = DotOptions(
        theme=chosen_theme,
        direction=chosen_direction,
        legend=legend,
        title=title,
        status=shown_status,
        status_semantics=status_semantics,
        strength=shown_strength,
        strength_semantics=strength_semantics,
        schemes=schemes,
        tags=tags,
    )
    drawing = draw(argmap, options)
    dot = str(drawing.graph.source)
    if chosen_format == "dot":
        return dot.encode("utf-8")
    if chosen_format == "pdf":
        if "pdf" not in chosen_engine.formats:
            raise RenderError(
                "PDF comes from the system engine: install Graphviz (apt install graphviz, "
                "brew install graphviz) and use --engine system (engine='system'); "
                "or make SVG or PNG"
            )
        return _lay_out(chosen_engine, drawing, dot, "pdf", timeout)
    fonts = default_fonts()
    laid_out = _lay_out(chosen_engine, drawing, dot, "svg", timeout)
    svg = finish_svg(laid_out, drawing.labels, fonts, title=argmap.title, titles=drawing.titles)
    if chosen_format == "svg":
        return svg
    return rasterize(svg, fonts, background=chosen_theme.background, dpi=dpi)


def _engine(engine: object) -> Engine:
    if isinstance(engine, str):
        return get_engine(engine)
    if callable(getattr(engine, "run", None)) and hasattr(engine, "formats"):
        return cast(Engine, engine)  # an Engine by its shape
    raise TypeError(
        f"engine must be a name (embedded, system) or an Engine, not {type(engine).__name__}"
    )


def _lay_out(engine: Engine, drawing: Drawing, dot: str, format: str, timeout: float) -> bytes:
    """The engine's drawing of ``dot``; argmap's own engines name the nodes their
    warnings are about as the map names them (claim 'mortal', not c0)."""
    if isinstance(engine, EmbeddedEngine | SystemEngine):
        return engine.run(dot, format, timeout, describe=drawing.describe)
    return engine.run(dot, format, timeout)
