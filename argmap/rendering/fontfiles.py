"""The user's own fonts (``--font FILE``, ``render(fonts=[...])``): checked, and put in
the fallback chain of the bundled ones, measured and embedded exactly like them.

Where they go in the chain (:func:`font_set`):

- The first of them that has the Latin alphabet (A-Z and a-z) and is no CJK face
  becomes the main face: it sets every character it has, and the spaces, digits and
  punctuation that begin a line. This is how a paper's body face replaces Noto Sans.
  A CJK face (one with any kana, Hangul syllable or common Han ideograph) comes with a
  Latin alphabet of its own, but is given for its CJK: it only fills gaps. (Given
  alone, in one weight, it would also have set bold text in its regular weight.)
- The others follow it, in the order given, before the bundled fonts: a Thai,
  Devanagari or Traditional Chinese face sets what the fonts before it lack; a
  Traditional Chinese face sets the Han characters it has before the bundled
  Simplified Chinese one does, so a claim's characters all take its forms.
- A font of the same family as a bundled one replaces it.

Files of one family (a regular and a bold) pair up by their family name (the
typographic family, else the family of the ``name`` table) and weight (600 or more is
bold); a family given in one weight only sets both, as the bundled CJK face does.

A file argmap cannot use is refused with a :class:`FontFileError` naming it: missing,
unreadable, not a font, a web font (WOFF, WOFF2), a collection (TTC, OTC) or a variable
font, which the tools argmap hands fonts to (HarfBuzz, browsers, resvg, typst) might
each draw at a different instance.

>>> from argmap.rendering.typeset import FONT_DIR
>>> fonts = font_set([FONT_DIR / "NotoSansHebrew-Bold.ttf"])
>>> [face.family for face in fonts.regular][:3]
['Noto Sans', 'Noto Sans Hebrew', 'Noto Sans Arabic']
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap.errors import RenderError, shown_path
from argmap.rendering.typeset import NOTO_CHAIN, FontSet, default_fonts

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["FontFileError", "font_set", "map_fonts"]

#: What a font file starts with: TrueType outlines (and Apple's tag), CFF outlines.
_SFNT = (b"\x00\x01\x00\x00", b"true", b"OTTO")
_REFUSED = {
    b"ttcf": "is a font collection (TTC or OTC); give one font of it, e.g. saved with "
    "fontTools (TTCollection(path).fonts[i].save('one.otf'))",
    b"wOFF": "is a web font (WOFF); give the TTF or OTF it was made from",
    b"wOF2": "is a web font (WOFF2); give the TTF or OTF it was made from",
}
_LATIN = frozenset(map(ord, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
#: What makes a face a CJK one: kana, common Han ideographs, Hangul syllables.
_CJK = (range(0x3040, 0x3100), range(0x4E00, 0xA000), range(0xAC00, 0xD7A4))
_BOLD = 600


class FontFileError(RenderError):
    """A font file that cannot be used, with the ``path`` as it was given."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{shown_path(path)}: {reason}")


@attrs.frozen
class _FontFile:
    path: Path
    family: str
    bold: bool
    body: bool  # a main face: the Latin alphabet, and no CJK


def font_set(paths: Sequence[str | os.PathLike[str]]) -> FontSet:
    """The bundled fonts with the font files ``paths`` (TTF or OTF) put in their
    chain as the module says; the bundled fonts alone when ``paths`` is empty.

    Loaded once per process for the same files unchanged. Raises
    :class:`FontFileError` for a file that cannot be used, and :class:`TypeError` for
    ``paths`` that are not a sequence of paths.
    """
    if isinstance(paths, str | bytes) or not isinstance(paths, Sequence):
        raise TypeError(f"fonts must be a list of paths, not {type(paths).__name__}")
    if not paths:
        return default_fonts()
    keys = []
    for given in paths:
        if not isinstance(given, str | os.PathLike):
            raise TypeError(f"a font must be a path, not {type(given).__name__}")
        name = os.fspath(given)
        try:
            found = os.stat(name)
        except OSError as error:
            raise FontFileError(name, _why(error)) from None
        # The same files unchanged give the same fonts, already measured.
        keys.append((name, str(Path(name).resolve()), found.st_size, found.st_mtime_ns))
    return _font_set(tuple(keys))


@functools.lru_cache(maxsize=8)
def _font_set(keys: tuple[tuple[str, str, int, int], ...]) -> FontSet:
    files = [_read(name, Path(resolved)) for name, resolved, _, _ in keys]
    families: dict[str, dict[bool, _FontFile]] = {}
    for given, file in zip(keys, files, strict=True):
        weights = families.setdefault(file.family.casefold(), {})
        other = weights.get(file.bold)
        if other is not None and other.path != file.path:
            weight = "bold" if file.bold else "regular"
            raise FontFileError(
                given[0],
                f"is a second {weight} font of family {file.family!r} (the first is "
                f"{shown_path(str(other.path))}); give one",
            )
        weights[file.bold] = file
    user: list[tuple[str, Path, Path | None, bool]] = []
    for weights in families.values():
        regular = weights.get(False) or weights[True]
        bold = weights.get(True) if False in weights else None
        user.append((regular.family, regular.path, bold.path if bold else None, regular.body))
    taken = set(families)
    bundled = [entry for entry in NOTO_CHAIN if entry[0].casefold() not in taken]
    chain: list[tuple[str, str | Path, str | Path | None]] = [(f, r, b) for f, r, b, _ in user]
    main = next((index for index, entry in enumerate(user) if entry[3]), None)
    if main is not None:
        chain.insert(0, chain.pop(main))
        chain += bundled
    else:
        chain = [*bundled[:1], *chain, *bundled[1:]]
    from argmap.rendering.typeset import FONT_DIR

    return FontSet(chain, FONT_DIR)


def _read(name: str, path: Path) -> _FontFile:
    """What argmap needs to know of the font file ``path`` (given as ``name``)."""
    try:
        with open(path, "rb") as file:
            magic = file.read(4)
    except OSError as error:
        raise FontFileError(name, _why(error)) from None
    if magic in _REFUSED:
        raise FontFileError(name, _REFUSED[magic])
    if magic not in _SFNT:
        raise FontFileError(
            name, "is not a font file; give a TrueType or OpenType font (TTF, OTF)"
        )
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, lazy=True) as font:
            if "fvar" in font:
                raise FontFileError(
                    name,
                    "is a variable font; give a static instance of it, e.g. made with "
                    "'fonttools varLib.instancer FONT wght=400'",
                )
            family = font["name"].getBestFamilyName()
            cmap = font.getBestCmap()
            weight = font["OS/2"].usWeightClass if "OS/2" in font else 400
    except FontFileError:
        raise
    except Exception as error:  # fontTools raises what the broken table makes it raise
        raise FontFileError(name, f"cannot be read as a font ({error})") from None
    if not cmap:
        raise FontFileError(name, "maps no character to a glyph: it cannot set any text")
    if not family:
        raise FontFileError(name, "names no family: it cannot be named in the SVG")
    body = cmap.keys() >= _LATIN and not any(c in block for c in cmap for block in _CJK)
    return _FontFile(path, family, weight >= _BOLD, body)


def _why(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such font file"
    if isinstance(error, IsADirectoryError):
        return "is a directory; give a font file (TTF or OTF)"
    return f"cannot read the font: {error.strerror or error}"


def map_fonts(argmap: ArgumentMap, path: str | os.PathLike[str]) -> list[str]:
    """The font files the map's ``style:`` names, as paths from the folder of the map
    file at ``path`` (from the working directory for ``-``, standard input): where
    ``argmap render`` and :func:`argmap.render_many` look for them."""
    shown = os.fspath(path)
    folder = os.path.dirname(shown) if shown != "-" else ""
    return [os.path.join(folder, font) for font in argmap.style.fonts]
