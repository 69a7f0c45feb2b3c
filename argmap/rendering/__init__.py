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

from typing import Literal

from argmap.errors import RenderError, ValidationError
from argmap.model import ArgumentMap
from argmap.rendering.dot import DIRECTIONS, Direction, DotOptions, draw
from argmap.rendering.engines import DEFAULT_TIMEOUT, Engine, get_engine
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
) -> bytes:
    """The picture of ``argmap`` in ``format`` (svg, png, pdf or dot), as bytes.

    ``theme``: default, dark, print or colorblind (or a :class:`Theme`); ``direction``:
    where the thesis sits (TB: on top; LR, BT, RL); ``engine``: embedded (the default,
    installed with argmap) or system (Graphviz's ``dot`` on PATH, which PDF needs);
    ``legend`` and ``title`` switch those off; ``timeout`` bounds the layout in seconds;
    ``dpi`` sets the PNG's resolution. Raises :class:`~argmap.ValidationError` for an
    inconsistent map and :class:`~argmap.RenderError` when no picture can be made.
    """
    if format not in FORMATS:
        raise RenderError(f"unknown format {format!r} (one of: {', '.join(FORMATS)})")
    if direction not in DIRECTIONS:
        raise RenderError(f"unknown direction {direction!r} (one of: {', '.join(DIRECTIONS)})")
    try:
        chosen_theme = get_theme(theme)
    except ValueError as error:
        raise RenderError(str(error)) from None
    problems = validate(argmap)
    if problems:
        raise ValidationError(problems)
    options = DotOptions(theme=chosen_theme, direction=direction, legend=legend, title=title)
    drawing = draw(argmap, options)
    dot = str(drawing.graph.source)
    if format == "dot":
        return dot.encode("utf-8")
    chosen_engine = get_engine(engine)
    if format == "pdf":
        if "pdf" not in chosen_engine.formats:
            raise RenderError(
                "PDF comes from the system engine: install Graphviz (apt install graphviz, "
                "brew install graphviz) and use --engine system (engine='system'); "
                "or make SVG or PNG"
            )
        return chosen_engine.run(dot, "pdf", timeout)
    fonts = default_fonts()
    laid_out = chosen_engine.run(dot, "svg", timeout)
    svg = finish_svg(laid_out, drawing.labels, fonts, title=argmap.title)
    if format == "svg":
        return svg
    return rasterize(svg, fonts, background=chosen_theme.background, dpi=dpi)
