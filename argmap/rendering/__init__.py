"""Draw a map: SVG, PNG and DOT with nothing but pip, PDF with typst (``argmap[pdf]``) or
a system Graphviz.

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
labels, places the legend and the notes under the argument
(:mod:`~argmap.rendering.panels`) and embeds the fonts; :mod:`~argmap.rendering.sizing`
scales the picture to the width asked for; :mod:`~argmap.rendering.raster` makes the PNG and
:mod:`~argmap.rendering.pdf` the PDF.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Literal, cast

import attrs

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
from argmap.rendering.dot import (
    DIRECTIONS,
    QUOTE_STYLES,
    Direction,
    DotOptions,
    Drawing,
    QuoteStyle,
    dot_with_panels,
    draw,
)
from argmap.rendering.engines import (
    DEFAULT_TIMEOUT,
    EmbeddedEngine,
    Engine,
    FontWarning,
    SystemEngine,
    get_engine,
)
from argmap.rendering.fontfiles import font_set
from argmap.rendering.pdf import require_typst, typst_pdf
from argmap.rendering.raster import DEFAULT_DPI, rasterize
from argmap.rendering.sizing import Fitted, Length, SmallTextWarning, fit, small_text_advice
from argmap.rendering.svg import finish_svg
from argmap.rendering.themes import THEMES, Theme, get_theme
from argmap.rendering.typeset import FontSet, NotoTypesetter, clean_text, default_typesetter
from argmap.validation import validate

__all__ = [
    "DIRECTIONS",
    "FORMATS",
    "QUOTE_STYLES",
    "THEMES",
    "Format",
    "SmallTextWarning",
    "render",
]

Format = Literal["svg", "png", "pdf", "dot", "html"]
#: The formats :func:`render` makes.
FORMATS: tuple[Format, ...] = ("svg", "png", "pdf", "dot", "html")


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
    quotes: QuoteStyle | str = "mark",
    width: str | float | None = None,
    max_width: str | float | None = None,
    fonts: Sequence[str | os.PathLike[str]] | None = None,
    tags: bool | None = None,
) -> bytes:
    """The picture of ``argmap`` in ``format`` (svg, png, pdf, dot or html), as bytes.

    ``theme``: default, dark, print or colorblind (or a :class:`Theme`); ``direction``:
    where the thesis sits (TB: on top; LR, BT, RL); ``engine``: embedded (the default,
    installed with argmap) or system (Graphviz's ``dot`` on PATH); ``legend`` and
    ``title`` switch those off; ``timeout`` bounds the layout in seconds; ``dpi`` sets
    the PNG's resolution.

    PDF comes from typst (``pip install 'argmap[pdf]'``), which sets the finished SVG on
    a page of its size with the fonts embedded (:mod:`argmap.rendering.pdf`); with
    ``engine="system"`` it is Graphviz's own PDF instead.

    ``html`` is one self-contained page to explore the map in a browser, offline: the
    SVG inline, with pan and zoom, search, the outline of the argument beside it (a
    keyboard- and screen-reader-friendly tree), and a side panel with a clicked claim's
    details (:mod:`argmap.rendering.html`). With the default theme the page also holds
    the dark theme's picture, shown to readers who prefer a dark scheme.

    ``width`` scales the picture to that width, ``max_width`` only shrinks it to fit
    (one or the other): a number of points or a text such as ``"85mm"``, ``"6.5in"``,
    ``"17cm"``, ``"800px"`` or ``"300pt"`` (:class:`~argmap.rendering.sizing.Length`).
    The SVG's ``width`` and ``height`` change, the PNG's pixels (``"800px"``: 800 pixels
    wide, whatever ``dpi``; other units at ``dpi``) and the PDF's page with them. When
    the claims' text would come out under 6 pt, a
    :class:`~argmap.rendering.sizing.SmallTextWarning` says how to draw less or
    narrower. Graphviz's own PDF cannot be scaled: with ``engine="system"`` a width is
    a :class:`~argmap.RenderError`.

    The legend (a sample of each kind of claim and relation shown, see
    :mod:`~argmap.rendering.legend`) stands centred under the argument, in as many rows
    as keep it no wider than the argument, or beside it when that makes the smaller
    picture. ``quotes``: ``"mark"`` shows that a claim quotes its source with a mark in
    its kind line; ``"footnotes"`` numbers those claims ([1], [2], ... in map order) and
    sets their quotes as numbered notes under the map (:mod:`~argmap.rendering.notes`).

    The picture can show what :mod:`argmap.analysis` computed, taken as given:

    - ``status``: each claim in, out or undecided, from a labelling (claim id to
      ``"in"``, ``"out"`` or ``"undec"``) or the list of them
      :func:`argmap.analysis.evaluate` gives (shown sceptically: in or out when every
      labelling agrees, else undecided). The kind line ends with ``IN``, ``OUT`` or
      ``UNDECIDED`` (in colour, but for the print theme); an accepted claim has a double
      border, a rejected one is faded.
    - ``strength``: each claim's strength from 0 to 1
      (:func:`argmap.analysis.strength.strength`), as a number in the kind line and a
      bar under the text (Graphviz's own PDF shows the number only).
    - ``status_semantics`` and ``strength_semantics`` name their source in the legend
      (``"grounded"``, ``"DF-QuAD"``); ``schemes`` labels each relation that names an
      argumentation scheme with it.

    ``tags`` draws each claim's tags as small chips under its text: None (the default)
    the tags the map's ``style: {tags: ...}`` gives a colour, in a tint of it; True
    every tag (the others in grey); False none (see :class:`~argmap.rendering.dot.DotOptions`).
    Every claim's SVG tooltip names its tags, drawn or not.

    Claims these do not name are drawn as without them; ids the map lacks are ignored
    (a focused map shows the status its claims have in the whole map).

    ``fonts``: paths of font files (TTF or OTF) to draw with before the bundled ones, for
    the characters they have (a body face, a Thai or Traditional Chinese face; see
    :mod:`argmap.rendering.fontfiles` for the order), measured, embedded in the SVG and
    handed to the PNG rasterizer and the system engine exactly like the bundled ones.
    A label with characters no font has is drawn with empty boxes and issues a
    :class:`~argmap.rendering.engines.FontWarning` naming it and them. Without
    ``fonts``, the map's own ``style: {fonts: [...]}`` are used, as paths from the
    working directory (``argmap render`` reads them from the map file's folder).

    Raises :class:`~argmap.ValidationError` for an inconsistent map (a map with only
    warnings is drawn), :class:`~argmap.RenderError` when no picture can be made (a map
    with no claims, an option with no such value, a status or strength out of range,
    an empty list of labellings; a font file that cannot be used, as a
    :class:`~argmap.rendering.fontfiles.FontFileError`), and :class:`TypeError` for an
    argument of the wrong type.

    >>> from argmap.model import ArgumentMap, Claim, Relation
    >>> chain = ArgumentMap(claims=[Claim(id=n, text=n.upper()) for n in "abc"],
    ...     relations=[Relation(sources="a", target="b", kind="attacks"),
    ...                Relation(sources="b", target="c", kind="attacks")])
    >>> dot = render(chain, "dot", status={"a": "in", "b": "out", "c": "in"}).decode()
    >>> dot.count("peripheries=2")  # a and c
    2
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
    chosen_quotes = cast(
        QuoteStyle, choice("quotes", quotes, QUOTE_STYLES, ", ".join(QUOTE_STYLES))
    )
    target = Length.parse(width, "width") if width is not None else None
    limit = Length.parse(max_width, "max_width") if max_width is not None else None
    if target is not None and limit is not None:
        raise RenderError("give width or max_width, not both: width scales, max_width shrinks")
    engine_pdf = chosen_format == "pdf" and "pdf" in chosen_engine.formats
    if engine_pdf and (target or limit):
        raise RenderError(
            "Graphviz's own PDF (--engine system) cannot be scaled to a width: draw the PDF "
            "with the embedded engine (pip install 'argmap[pdf]'), or leave out the width"
        )
    chosen_fonts = font_set(argmap.style.fonts if fonts is None else fonts)
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
        quotes=chosen_quotes,
        tags=tags,
    )
    typesetter = default_typesetter()
    if chosen_fonts is not typesetter.fonts:
        typesetter = NotoTypesetter(chosen_fonts)
    drawing = draw(argmap, options, typesetter)
    for message in drawing.unshown:
        warnings.warn(message, FontWarning, stacklevel=2)
    # The engine lays out the argument alone for an SVG (argmap places the legend and
    # the notes after); the DOT text and Graphviz's own PDF hold them as a node.
    if chosen_format == "dot" or engine_pdf:
        dot = str(dot_with_panels(drawing).source)
        if chosen_format == "dot":
            return dot.encode("utf-8")
        return _lay_out(chosen_engine, drawing, dot, "pdf", timeout, chosen_fonts)
    if chosen_format == "pdf":
        require_typst()  # before the layout: a missing extra is said at once

    def finished(drawing: Drawing) -> Fitted:
        """``drawing`` laid out, finished and scaled as asked."""
        dot = str(drawing.graph.source)
        laid_out = _lay_out(chosen_engine, drawing, dot, "svg", timeout, chosen_fonts)
        svg = finish_svg(
            laid_out,
            drawing.labels,
            chosen_fonts,
            title=argmap.title,
            titles=drawing.titles,
            panels=drawing.panels,
            data=drawing.data,
        )
        return fit(svg, width=target, max_width=limit)

    fitted = finished(drawing)
    if chosen_format == "svg":
        picture = fitted.svg
    elif chosen_format == "html":
        picture = _page(argmap, fitted.svg, options, typesetter, finished)
    elif chosen_format == "pdf":
        named = clean_text(argmap.title or "") or "argument map"  # as the SVG's <title>
        picture = typst_pdf(fitted.svg, chosen_fonts, title=named)
    else:
        picture = rasterize(fitted.svg, chosen_fonts, background=chosen_theme.background, dpi=dpi)
    shown = target or limit
    if shown is not None:  # said once the picture is made: a failed one needs no advice
        body = typesetter.m.body  # the size the claims were set in
        advice = small_text_advice(
            body, fitted.scale, shown, chosen_direction, shrunk=target is None
        )
        if advice is not None:
            warnings.warn(advice, SmallTextWarning, stacklevel=2)
    return picture


def _page(
    argmap: ArgumentMap,
    svg: bytes,
    options: DotOptions,
    typesetter: NotoTypesetter,
    finished: Callable[[Drawing], Fitted],
) -> bytes:
    """The interactive page around ``svg``; with the default theme, the dark theme's
    picture too, laid out, finished and scaled as the first (``finished``): a theme
    changes colours, not sizes."""
    from argmap.rendering.html import html_page

    dark = None
    if options.theme.name == "default":
        dark_options = attrs.evolve(options, theme=get_theme("dark"))
        dark = finished(draw(argmap, dark_options, typesetter)).svg
    return html_page(
        argmap,
        svg,
        dark=dark,
        theme=options.theme.name,
        backgrounds=(options.theme.background, get_theme("dark").background),
        status=options.status,
        strength=options.strength,
    )


def _engine(engine: object) -> Engine:
    if isinstance(engine, str):
        return get_engine(engine)
    if callable(getattr(engine, "run", None)) and hasattr(engine, "formats"):
        return cast(Engine, engine)  # an Engine by its shape
    raise TypeError(
        f"engine must be a name (embedded, system) or an Engine, not {type(engine).__name__}"
    )


def _lay_out(
    engine: Engine, drawing: Drawing, dot: str, format: str, timeout: float, fonts: FontSet
) -> bytes:
    """The engine's drawing of ``dot``; argmap's own engines name the nodes their
    warnings are about as the map names them (claim 'mortal', not c0), and the system
    engine, which draws the text of a PDF itself, is shown the fonts."""
    if isinstance(engine, SystemEngine):
        return engine.run(dot, format, timeout, describe=drawing.describe, fonts=fonts.paths)
    if isinstance(engine, EmbeddedEngine):
        return engine.run(dot, format, timeout, describe=drawing.describe)
    return engine.run(dot, format, timeout)
