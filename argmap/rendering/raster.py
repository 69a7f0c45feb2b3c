"""SVG to PNG, drawn with the same font files the labels were measured with.

The PNG's size is known before anything is drawn: the SVG's width and height, in points,
at ``dpi``. A PNG of more than ``limits.pixels`` pixels is refused with the largest dpi
that fits, since the rasterizer allocates the whole image at once (and aborts the
process when it cannot).
"""

from __future__ import annotations

import math
import re

from argmap import limits
from argmap.errors import RenderError
from argmap.rendering._arguments import positive_number
from argmap.rendering.typeset import FontSet

__all__ = ["DEFAULT_DPI", "for_usvg", "rasterize"]

#: Pixels per inch of a PNG: 144 is twice the SVG's own scale (1 pt = 2 px).
DEFAULT_DPI = 144.0


def rasterize(svg: bytes, fonts: FontSet, *, background: str, dpi: float = DEFAULT_DPI) -> bytes:
    """A PNG of ``svg`` at ``dpi``.

    The rasterizer (resvg) ignores ``@font-face`` and finds no font it is not given, so
    it gets exactly argmap's font files (``fonts``) and never the machine's: the PNG
    looks the same everywhere, even on a machine with no fonts at all. It finds them by
    their own family names, which the SVG's embedded names
    (:func:`~argmap.rendering.svg.embedded_family`) end with.
    """
    import resvg_py

    dpi = positive_number("dpi", dpi)
    check_pixels(svg, dpi)
    try:
        text = svg.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RenderError(f"the SVG is not UTF-8: {error}") from None
    text = for_usvg(text, fonts)
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

    try:
        return draw(text)
    except ValueError as error:
        raise RenderError(f"cannot draw the PNG: {error}") from None
    except BaseException as error:
        if type(error).__name__ != "PanicException":
            raise
        raise RenderError(f"the PNG rasterizer failed: {error}") from None


# A family name the SVG embeds a subset under, quoted: see svg.embedded_family.
_EMBEDDED = re.compile(r"'argmap-[0-9a-f]{8}-([A-Za-z0-9 _-]*)'")


def _own_families(svg_text: str, fonts: FontSet) -> str:
    """``svg_text`` with each embedded family named as its font file names it."""
    from argmap.rendering.svg import safe_family

    families = {safe_family(face.family): face.family for face in fonts.faces()}

    def own(match: re.Match[str]) -> str:
        family = families.get(match.group(1))
        return f"'{family}'" if family is not None and "'" not in family else match.group()

    return _EMBEDDED.sub(own, svg_text)


# Lengths in the units an SVG's size may have, per inch (CSS: 96 px to the inch; resvg
# takes px as they are, whatever the dpi).
_PER_INCH = {"pt": 72.0, "in": 1.0, "cm": 2.54, "mm": 25.4, "pc": 6.0}
_ROOT = re.compile(rb"<svg\b[^>]*>")
_LENGTH = re.compile(r"\s*([0-9.eE+-]+)\s*(pt|in|cm|mm|pc|px)?\s*")


def check_pixels(svg: bytes, dpi: float) -> None:
    r"""Raise :class:`RenderError` when the PNG of ``svg`` at ``dpi`` would have more
    pixels than ``limits.pixels``; the message says the largest dpi that fits.

    >>> svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="720pt" height="360pt"/>'
    >>> check_pixels(svg, 144)
    >>> try:
    ...     check_pixels(svg, 3000)
    ... except RenderError as error:
    ...     print(str(error).replace("; ", ";\n"))
    the PNG would be 30,000 x 15,000 pixels (450,000,000 in all) at 3,000 dpi;
    the limit is 30,000,000;
    set ARGMAP_MAX_PIXELS to raise it, or draw at 774 dpi or less
    """
    limit = limits.current().pixels
    size = _size(svg)
    width, height = _pixels(size, dpi)
    if width * height <= limit:
        return
    fits = [d for d in _dpis(size, limit, dpi) if math.prod(_pixels(size, d)) <= limit]
    advice = f"draw at {fits[0]:,} dpi or less" if fits else "draw an SVG instead"
    raise RenderError(
        f"the PNG would be {width:,} x {height:,} pixels ({width * height:,} in all) at "
        f"{dpi:,g} dpi; {limits.current().hint('pixels')}, or {advice}"
    )


def _size(svg: bytes) -> tuple[tuple[float, str], tuple[float, str]]:
    """The SVG's width and height, each as (number, unit), from its root element."""
    root = _ROOT.search(svg)
    if root is not None:
        tag = root.group().decode("utf-8", "replace")
        found = [_attribute(name).search(tag) for name in ("width", "height")]
        lengths = [_LENGTH.fullmatch(match.group(1)) if match else None for match in found]
        if lengths[0] and lengths[1]:
            try:
                return (
                    (float(lengths[0].group(1)), lengths[0].group(2) or "px"),
                    (float(lengths[1].group(1)), lengths[1].group(2) or "px"),
                )
            except ValueError:
                pass
    raise RenderError("cannot tell the size of the SVG: its root needs a width and a height")


def _attribute(name: str) -> re.Pattern[str]:
    return re.compile(rf"\s{name}\s*=\s*[\"']([^\"']*)[\"']")


def _pixels(size: tuple[tuple[float, str], tuple[float, str]], dpi: float) -> tuple[int, int]:
    """The PNG's width and height at ``dpi`` (rounded up: at most one pixel more)."""
    width, height = (
        math.ceil(max(value, 0.0) * (dpi / _PER_INCH[unit] if unit in _PER_INCH else 1.0))
        for value, unit in size
    )
    return width, height


def _dpis(size: tuple[tuple[float, str], tuple[float, str]], limit: int, dpi: float) -> list[int]:
    """Whole dpis below ``dpi`` worth trying, largest first: from where the area fits."""
    area = math.prod(value / _PER_INCH[unit] if unit in _PER_INCH else 0.0 for value, unit in size)
    if area <= 0:
        return []
    start = min(math.floor(math.sqrt(limit / area)), math.ceil(dpi) - 1)
    return list(range(start, max(start - 3, 0), -1))


def for_usvg(svg_text: str, fonts: FontSet) -> str:
    """``svg_text`` as usvg (the SVG reader of resvg and of typst) can lay it out.

    Each embedded family is named as its font file names it: usvg draws with the font
    files it is handed, found by their own names, not with the SVG's ``@font-face`` data.
    usvg 0.47 and 0.48 panic on a multi-character emoji (a flag, a skin tone, a ZWJ
    family) in a run that follows another in the same ``<text>``; such lines become one
    ``<text>`` a run. Other SVG comes back as it was.
    """
    svg_text = _own_families(svg_text, fonts)
    if _CLUSTERED.search(svg_text):
        return _separate_runs(svg_text, fonts)
    return svg_text


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
