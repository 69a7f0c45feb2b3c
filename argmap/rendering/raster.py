"""SVG to PNG, drawn with the same font files the labels were measured with."""

from __future__ import annotations

import re

from argmap.errors import RenderError
from argmap.rendering.typeset import FontSet

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
    faces = [face for face in fonts.faces() if face.css_family in text] or fonts.faces()[:1]

    def draw(svg_text: str) -> bytes:
        return bytes(
            resvg_py.svg_to_bytes(
                svg_string=svg_text,
                dpi=dpi,
                background=background,
                skip_system_fonts=True,
                font_files=[str(face.path) for face in faces],
                sans_serif_family=fonts.family,
            )
        )

    # resvg 0.48 panics on a multi-character emoji (a flag, a skin tone, a ZWJ family) in
    # a run that follows another in the same <text>; such lines become one <text> a run.
    if _CLUSTERED.search(text):
        text = _separate_runs(text, fonts)
    try:
        return draw(text)
    except ValueError as error:
        raise RenderError(f"cannot draw the PNG: {error}") from None
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            raise
        raise RenderError(f"the PNG rasterizer failed: {error}") from None


_CLUSTERED = re.compile("[\u200d\U0001f1e6-\U0001f1ff\U0001f3fb-\U0001f3ff]")
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_SVG = "{http://www.w3.org/2000/svg}"


def _separate_runs(svg_text: str, fonts: FontSet) -> str:
    """``svg_text`` with each line that holds an emoji sequence drawn one run per
    ``<text>``, each placed at the width its predecessors measure. Lines with
    right-to-left text keep their runs together, for the bidirectional ordering."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg_text)
    faces = {(face.css_family, face.bold): face for face in fonts.faces()}
    for parent in root.iter():
        for index, text in reversed(list(enumerate(parent))):
            spans = list(text)
            content = "".join(span.text or "" for span in spans)
            if text.tag != f"{_SVG}text" or len(spans) < 2 or not _CLUSTERED.search(content):
                continue
            if _RIGHT_TO_LEFT.search(content):
                continue
            size = float(text.get("font-size", "10"))
            bold = text.get("font-weight") == "bold"
            widths = []
            for span in spans:
                family = span.get("font-family") or ""
                face = faces.get((family, bold)) or faces.get((family, False))
                widths.append(face.advance(span.text or "") * size if face else 0.0)
            x = float(text.get("x", "0"))
            if text.get("text-anchor") == "middle":
                x -= sum(widths) / 2
            parent.remove(text)
            for offset, (span, width) in enumerate(zip(spans, widths, strict=True)):
                piece = ET.Element(text.tag, dict(text.attrib))
                piece.set("x", f"{x:.2f}")
                piece.set("text-anchor", "start")
                # A run may start with the space that separates it from the one before.
                piece.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                piece.append(span)
                parent.insert(index + offset, piece)
                x += width
    return ET.tostring(root, encoding="unicode")
