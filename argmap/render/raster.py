"""SVG to PNG, drawn with the same font files the labels were measured with."""

from __future__ import annotations

from argmap.errors import RenderError
from argmap.render.typeset import FontSet

__all__ = ["DEFAULT_DPI", "rasterize"]

#: Pixels per inch of a PNG: 144 is twice the SVG's own scale (1 pt = 2 px).
DEFAULT_DPI = 144.0


def rasterize(svg: bytes, fonts: FontSet, *, background: str, dpi: float = DEFAULT_DPI) -> bytes:
    """A PNG of ``svg`` at ``dpi``.

    The rasterizer (resvg) ignores ``@font-face`` and finds no font it is not given, so
    it gets exactly argmap's font files and never the machine's: the PNG looks the same
    everywhere, even on a machine with no fonts at all.
    """
    import resvg_py

    if dpi <= 0:
        raise RenderError(f"dpi must be positive, not {dpi:g}")
    text = svg.decode("utf-8")
    # Only the faces the picture uses: loading the CJK face alone costs a second.
    faces = [face for face in fonts.faces() if f"'{face.family}'" in text] or fonts.faces()[:1]
    try:
        png = resvg_py.svg_to_bytes(
            svg_string=text,
            dpi=dpi,
            background=background,
            skip_system_fonts=True,
            font_files=[str(face.path) for face in faces],
            sans_serif_family=fonts.family,
        )
    except ValueError as error:
        raise RenderError(f"cannot draw the PNG: {error}") from None
    return bytes(png)
