"""PDF from the finished SVG, with nothing but pip: typst (``pip install 'argmap[pdf]'``).

typst (https://typst.app; on PyPI as ``typst``, self-contained wheels) places the SVG
that :func:`~argmap.rendering.svg.finish_svg` made on a page of exactly its size and
writes a vector PDF: the text stays text (selectable, searchable, read by
``pdftotext``), in the very fonts argmap measured it with, embedded as subsets. typst
draws SVG text with the fonts it is handed and ignores the SVG's ``@font-face`` data,
so it gets the font files of the :class:`~argmap.rendering.typeset.FontSet`, and none
of the machine's (nor its own default, Libertinus Serif).

The document is three lines: no date, so the same map gives the same bytes; the
map's title as the PDF's title; the page the picture's size, without margins, and the
picture placed over the whole page (placed, so that no rounding can push it onto a
second page). The SVG
and the title reach typst as inputs (``sys.inputs``), never spliced into its source,
so no text of the map can be read as typst markup.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from types import ModuleType

from argmap.errors import RenderError
from argmap.rendering.raster import for_usvg
from argmap.rendering.sizing import svg_points
from argmap.rendering.typeset import FontSet

__all__ = ["MISSING", "require_typst", "typst_pdf"]

#: What to do when typst is not installed.
MISSING = (
    "PDF with the embedded engine needs typst: pip install 'argmap[pdf]' "
    "(or pip install typst); or draw Graphviz's own PDF with --engine system "
    "(engine='system'), which needs Graphviz installed"
)

_DOCUMENT = b"""#set document(title: sys.inputs.title, date: none)
#set page(width: float(sys.inputs.width) * 1pt, height: float(sys.inputs.height) * 1pt, \
margin: 0pt)
#place(image(bytes(sys.inputs.svg), format: "svg", width: 100%, height: 100%, fit: "stretch"))
"""


def typst_pdf(svg: bytes, fonts: FontSet, *, title: str) -> bytes:
    """A one-page vector PDF of ``svg``, the page its size, titled ``title``.

    Raises :class:`~argmap.RenderError` when typst is not installed (saying how to get
    it) or cannot draw the SVG.
    """
    typst = require_typst()
    width, height = svg_points(svg)
    try:
        text = for_usvg(svg.decode("utf-8"), fonts)
    except UnicodeDecodeError as error:
        raise RenderError(f"the SVG is not UTF-8: {error}") from None
    inputs = {"svg": text, "title": title, "width": repr(width), "height": repr(height)}
    with tempfile.TemporaryDirectory(prefix="argmap-typst-") as directory:
        _gather(fonts, Path(directory))
        try:
            book = typst.Fonts(
                include_system_fonts=False, include_embedded_fonts=False, font_paths=[directory]
            )
            pdf = typst.compile(
                _DOCUMENT, font_paths=book, ignore_system_fonts=True, sys_inputs=inputs
            )
        except RuntimeError as error:  # typst.TypstError, with typst's diagnostic
            raise RenderError(f"typst cannot make the PDF: {error}") from None
        except BaseException as error:
            if type(error).__name__ != "PanicException":
                raise
            raise RenderError(f"typst failed making the PDF: {error}") from None
    if not isinstance(pdf, bytes):
        raise RenderError("typst made no PDF")
    return pdf


def require_typst() -> ModuleType:
    """The typst module; raises :class:`~argmap.RenderError` saying how to install it.

    Imported here, on the first PDF, never at start-up (it loads an 80 MB library)."""
    try:
        import typst
    except ImportError:
        raise RenderError(MISSING) from None
    return typst


def _gather(fonts: FontSet, directory: Path) -> None:
    """Put the faces of ``fonts``, and no other font, in ``directory``: typst takes
    fonts by the folder, and a face's own folder may hold others (a user's fonts)."""
    for index, face in enumerate(fonts.faces()):
        link = directory / f"{index}-{face.path.name}"
        try:
            os.symlink(face.path.resolve(), link)
        except OSError:  # Windows without the right to make links
            shutil.copyfile(face.path, link)
