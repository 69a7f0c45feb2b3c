"""Any script, or a clear word: a warning for each label with characters no font has, the
user's own fonts (``--font``, ``render(fonts=...)``) measured, embedded and rasterized
like the bundled ones, and font files argmap cannot use refused by name."""

from __future__ import annotations

import base64
import io
import os
import re
import shutil
import string
import subprocess
import warnings
from pathlib import Path

import pytest
from render_support import DATA, parse_svg, requires
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.errors import RenderError
from argmap.rendering import render
from argmap.rendering.engines import EngineWarning, FontWarning
from argmap.rendering.fontfiles import FontFileError, font_set
from argmap.rendering.typeset import FONT_DIR, default_fonts

FONTS = DATA / "fonts"
TC = FONTS / "NotoSansCJKtc-Regular-scripts.otf"
DEVANAGARI = FONTS / "NotoSansDevanagari-Regular-scripts.ttf"
THAI = FONTS / "NotoSansThai-Regular-scripts.ttf"
SERIF = FONTS / "NotoSerif-Regular-ascii.ttf"
SCRIPTS = DATA / "scripts.yaml"
THREE = [str(TC), str(DEVANAGARI), str(THAI)]

FIX = "they are drawn as empty boxes; add a font that has them with --font FILE (fonts=[path])"
#: What the scripts map gives with the bundled fonts alone: a warning for each claim in
#: a script they lack, and none for the Latin, Arabic and Simplified Chinese ones.
UNSHOWN = [
    f"claim 'taiwan': no font has 臺, 灣 (U+81FA, U+7063); {FIX}",
    "claim 'hindi': no font has ह, र, भ, ◌ा, ष, ए, क, अ (U+0939, U+0930, U+092D, U+093E, "
    f"U+0937, U+090F, U+0915, U+0905) and 10 more; {FIX}",
    "claim 'thai': no font has ภ, า, ษ, ไ, ท, ย, ม, ◌ี (U+0E20, U+0E32, U+0E29, U+0E44, "
    f"U+0E17, U+0E22, U+0E21, U+0E35) and 9 more; {FIX}",
]


def scripts() -> argmap.ArgumentMap:
    return argmap.load(SCRIPTS)


def embedded_cmaps(svg: bytes) -> dict[str, set[int]]:
    """The characters of each font subset the SVG embeds, by the family it names."""
    from fontTools.ttLib import TTFont

    style = "".join(e.text or "" for e in parse_svg(svg).iter("{http://www.w3.org/2000/svg}style"))
    found = {}
    for family, data in re.findall(r"font-family:'([^']+)';[^}]*base64,([A-Za-z0-9+/=]+)", style):
        font = TTFont(io.BytesIO(base64.b64decode(data)))
        found[family] = set(font.getBestCmap())
    return found


# --- a clear word ------------------------------------------------------------------------


def test_each_claim_in_a_script_no_bundled_font_has_is_named_in_a_font_warning() -> None:
    with pytest.warns(FontWarning) as caught:
        svg = render(scripts())
    assert [str(w.message) for w in caught] == UNSHOWN
    assert all(isinstance(w.message, EngineWarning) for w in caught)
    assert svg.startswith(b"<?xml")


def test_the_title_a_group_and_an_actor_name_are_named_too() -> None:
    b = argmap.MapBuilder("ไทย")
    t = b.thesis("t", "Thesis")
    b.actor("u", "ไท")
    b.motive("m", "Motive", actor="u", supports=t)
    b.group("g", "ไ", ["m"])
    with pytest.warns(FontWarning) as caught:
        render(b.build(), "dot")
    assert [str(w.message).split(";")[0] for w in caught] == [
        "the title: no font has ไ, ท, ย (U+0E44, U+0E17, U+0E22)",
        "group 'g': no font has ไ (U+0E44)",
        "claim 'm': no font has ไ, ท (U+0E44, U+0E17)",
    ]


def test_invisible_characters_no_font_has_give_no_warning() -> None:
    # A word joiner, a variation selector of a plane-14 range, a line separator.
    b = argmap.MapBuilder()
    b.thesis("t", "a\u2060b \U000e0100c\u2028d")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render(b.build(), "dot")


def test_the_cli_prints_each_font_warning_as_a_warning_of_the_map(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["render", str(SCRIPTS), "-o", str(tmp_path / "s.svg")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        *(f"{SCRIPTS}: warning: {message}" for message in UNSHOWN),
        f"wrote {tmp_path / 's.svg'} (7 claims, 6 relations; 3 warnings)",
    ]


def test_strict_refuses_a_picture_with_empty_boxes(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["render", str(SCRIPTS), "--strict", "-o", str(tmp_path / "s.svg")]
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"{SCRIPTS}: not drawn: 3 warnings (--strict)"
    assert not (tmp_path / "s.svg").exists()


# --- the user's fonts --------------------------------------------------------------------


def test_with_the_fonts_for_them_the_scripts_map_draws_every_glyph_without_a_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        svg = render(scripts(), fonts=THREE)
    cmaps = embedded_cmaps(svg)
    owner = {
        "taiwan": "Noto Sans CJK TC",
        "hindi": "Noto Sans Devanagari",
        "thai": "Noto Sans Thai",
    }
    for claim, family in owner.items():
        names = [name for name in cmaps if name.endswith(f"-{family}")]
        assert len(names) == 1, (family, list(cmaps))
        text = scripts().claim(claim).text
        assert {ord(c) for c in text if c != " "} <= cmaps[names[0]], claim


def test_the_cli_draws_with_repeated_font_options_and_says_nothing_more(tmp_path: Path) -> None:
    fonts = [arg for path in THREE for arg in ("--font", path)]
    result = CliRunner().invoke(
        app, ["render", str(SCRIPTS), *fonts, "-o", str(tmp_path / "s.svg")]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {tmp_path / 's.svg'} (7 claims, 6 relations)\n"
    assert (tmp_path / "s.svg").read_bytes() == render(scripts(), fonts=THREE)


def _scripts_with_style_fonts(folder: Path, fonts: list[str]) -> Path:
    """The scripts map in ``folder``, its ``style:`` naming ``fonts`` (from there)."""
    for path in THREE:
        shutil.copy(path, folder)
    names = ", ".join(fonts)
    path = folder / "scripts.yaml"
    path.write_text(SCRIPTS.read_text(encoding="utf-8") + f"style: {{fonts: [{names}]}}\n")
    return path


def test_the_fonts_a_map_file_names_are_found_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "maps").mkdir()
    path = _scripts_with_style_fonts(tmp_path / "maps", [Path(p).name for p in THREE])
    out = tmp_path / "s.svg"
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(out)])  # from elsewhere
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out} (7 claims, 6 relations)\n"
    assert out.read_bytes() == render(scripts(), fonts=THREE)
    # In Python, a map's fonts are paths from the working directory.
    monkeypatch.chdir(tmp_path / "maps")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert render(argmap.load(path)) == out.read_bytes()


def test_a_font_the_map_file_names_that_is_not_there_is_an_error(tmp_path: Path) -> None:
    path = _scripts_with_style_fonts(tmp_path, ["missing.ttf"])
    out = tmp_path / "s.svg"
    out.write_text("kept")
    result = CliRunner().invoke(app, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{path}: error: {tmp_path / 'missing.ttf'}: no such font file"
    )
    assert out.read_text() == "kept"


def test_the_user_fonts_fill_gaps_after_the_main_face_and_before_the_bundled_ones() -> None:
    fonts = font_set(THREE)
    assert [face.family for face in fonts.regular] == [
        "Noto Sans",
        "Noto Sans CJK TC",
        "Noto Sans Devanagari",
        "Noto Sans Thai",
        "Noto Sans Arabic",
        "Noto Sans Hebrew",
        "Noto Sans CJK SC",
        "Noto Emoji",
    ]
    # A digit that begins a line is the main face's; after Thai it is Thai's if it has it.
    runs = [(run.face.family, run.text) for run in fonts.runs("2 ภาษา 臺有 ok", bold=False)]
    assert runs == [
        ("Noto Sans", "2 "),
        ("Noto Sans Thai", "ภาษา "),
        ("Noto Sans CJK TC", "臺有 "),
        ("Noto Sans", "ok"),
    ]
    assert fonts.paths[1:4] == [TC.resolve(), DEVANAGARI.resolve(), THAI.resolve()]


def test_a_face_with_the_latin_alphabet_becomes_the_main_face_wherever_it_is_given() -> None:
    fonts = font_set([str(THAI), str(SERIF)])
    assert [face.family for face in fonts.regular][:3] == [
        "Noto Serif",
        "Noto Sans Thai",
        "Noto Sans",
    ]
    assert fonts.family == "Noto Serif"
    runs = [(run.face.family, run.text) for run in fonts.runs("Body “ภาษา”", bold=False)]
    # The serif cut has ASCII only: the curly quotes come from Noto Sans.
    assert runs == [
        ("Noto Serif", "Body "),
        ("Noto Sans", "“"),
        ("Noto Sans Thai", "ภาษา"),
        ("Noto Sans", "”"),
    ]
    dot = render(scripts(), "dot", fonts=[str(SERIF), *THREE]).decode()
    assert 'fontname="Noto Serif"' in dot
    assert "Noto Sans" not in dot


def test_a_cjk_face_with_a_latin_alphabet_only_fills_gaps(tmp_path: Path) -> None:
    # Noto Sans CJK TC in full has Latin letters; given alone it became the main face,
    # and bold text (the title, the kind lines) came out in its one, regular, weight.
    from fontTools.ttLib import TTFont

    font = TTFont(TC)
    glyph = font.getBestCmap()[ord("有")]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap.update(dict.fromkeys(map(ord, string.ascii_letters), glyph))
    latin_tc = tmp_path / "tc-with-latin.otf"
    font.save(latin_tc)
    fonts = font_set([latin_tc])
    assert [face.family for face in fonts.regular][:2] == ["Noto Sans", "Noto Sans CJK TC"]
    assert fonts.face_for("a", bold=True).path.name == "NotoSans-Bold.ttf"
    assert fonts.face_for("臺", bold=True).path == latin_tc.resolve()


def test_a_font_of_a_bundled_family_replaces_it_and_one_weight_sets_both() -> None:
    fonts = font_set([FONT_DIR / "NotoSansHebrew-Bold.ttf"])
    hebrew = [face for face in fonts.faces() if face.family == "Noto Sans Hebrew"]
    assert [face.path.name for face in hebrew] == ["NotoSansHebrew-Bold.ttf"]
    assert fonts.face_for("ש", bold=False) is fonts.face_for("ש", bold=True) is hebrew[0]


def test_a_regular_and_a_bold_of_one_family_pair_up() -> None:
    fonts = font_set(
        [FONT_DIR / "NotoSansArabic-Bold.ttf", FONT_DIR / "NotoSansArabic-Regular.ttf"]
    )
    assert fonts.face_for("س", bold=False).path.name == "NotoSansArabic-Regular.ttf"
    assert fonts.face_for("س", bold=True).path.name == "NotoSansArabic-Bold.ttf"


def test_the_same_files_unchanged_are_read_once_and_a_changed_one_again(tmp_path: Path) -> None:
    copy = tmp_path / "thai.ttf"
    shutil.copyfile(THAI, copy)
    first = font_set([copy])
    assert font_set([str(copy)]) is first
    assert font_set([]) is default_fonts()
    os.utime(copy, ns=(0, 0))
    assert font_set([copy]) is not first


def test_the_picture_with_user_fonts_is_the_same_bytes_every_time() -> None:
    from argmap.rendering import fontfiles

    first = render(scripts(), fonts=THREE)
    fontfiles._font_set.cache_clear()
    assert render(scripts(), fonts=THREE) == first
    assert render(scripts(), fonts=THREE, title=False) != first


def test_the_png_draws_the_user_fonts_glyphs() -> None:
    # resvg finds each face by its own family name, which the SVG's embedded name ends
    # with: with the fonts the three claims are glyphs, not the boxes they are without.
    m = scripts().evolve(title=None)
    with pytest.warns(FontWarning):
        boxes = render(m, "png", legend=False)
    drawn = render(m, "png", legend=False, fonts=THREE)
    assert drawn.startswith(b"\x89PNG")
    assert drawn != boxes
    from argmap.rendering.raster import _own_families

    svg = render(m, legend=False, fonts=THREE).decode()
    own = _own_families(svg, font_set(THREE))
    drawn_in = re.findall(r"font-family=\"'([^']+)'\"", own)
    assert set(drawn_in) == {
        "Noto Sans",
        "Noto Sans Arabic",
        "Noto Sans CJK SC",
        "Noto Sans CJK TC",
        "Noto Sans Devanagari",
        "Noto Sans Thai",
    }


def test_the_system_engine_sees_the_user_fonts_and_names_no_dot_node() -> None:
    requires(shutil.which("dot"), "Graphviz's dot is not on PATH: no system engine")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render(scripts(), engine="system")
    said = [str(w.message) for w in caught if not isinstance(w.message, FontWarning)]
    assert not [m for m in said if re.search(r"\b(c\d+|j\d+|legend_\w+|cluster_\w+)\b", m)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # measured with the same fonts: every cell fits
        render(scripts(), engine="system", fonts=THREE)


def test_the_system_engine_s_pdf_embeds_the_user_fonts(tmp_path: Path) -> None:
    requires(shutil.which("dot"), "Graphviz's dot is not on PATH: no system engine")
    requires(shutil.which("pdffonts"), "no pdffonts (apt install poppler-utils)")
    pdf = tmp_path / "s.pdf"
    pdf.write_bytes(render(scripts(), "pdf", engine="system", fonts=THREE))
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    for name in ("NotoSansCJKtc-Regular", "NotoSansDevanagari-Regular", "NotoSansThai-Regular"):
        assert name in listed.stdout


# --- files argmap cannot use -------------------------------------------------------------


def _collection(tmp_path: Path) -> Path:
    from fontTools.ttLib import TTCollection, TTFont

    collection = TTCollection()
    collection.fonts = [TTFont(THAI), TTFont(DEVANAGARI)]
    path = tmp_path / "two.ttc"
    collection.save(path)
    return path


def _woff2(tmp_path: Path) -> Path:
    from fontTools.ttLib import TTFont

    font = TTFont(THAI)
    font.flavor = "woff2"
    path = tmp_path / "thai.woff2"
    font.save(path)
    return path


def _variable(tmp_path: Path) -> Path:
    from fontTools.ttLib import TTFont, newTable
    from fontTools.ttLib.tables._f_v_a_r import Axis

    font = TTFont(THAI)
    axis = Axis()
    axis.axisTag, axis.minValue, axis.defaultValue, axis.maxValue = "wght", 100, 400, 900
    axis.axisNameID = 256
    fvar = newTable("fvar")
    fvar.axes, fvar.instances = [axis], []
    font["fvar"] = fvar
    path = tmp_path / "thai-vf.ttf"
    font.save(path)
    return path


def _not_a_font(tmp_path: Path) -> Path:
    return SCRIPTS


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "nosuch.ttf"


def _directory(tmp_path: Path) -> Path:
    return tmp_path


def _truncated(tmp_path: Path) -> Path:
    path = tmp_path / "cut.ttf"
    path.write_bytes(THAI.read_bytes()[:200])
    return path


BAD_FONTS = {
    "missing": (_missing, "no such font file"),
    "directory": (_directory, "is a directory; give a font file (TTF or OTF)"),
    "not a font": (
        _not_a_font,
        "is not a font file; give a TrueType or OpenType font (TTF, OTF)",
    ),
    "truncated": (_truncated, "cannot be read as a font ("),
    "collection": (
        _collection,
        "is a font collection (TTC or OTC); give one font of it, e.g. saved with fontTools "
        "(TTCollection(path).fonts[i].save('one.otf'))",
    ),
    "woff2": (_woff2, "is a web font (WOFF2); give the TTF or OTF it was made from"),
    "variable": (
        _variable,
        "is a variable font; give a static instance of it, e.g. made with "
        "'fonttools varLib.instancer FONT wght=400'",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FONTS))
def test_a_font_file_argmap_cannot_use_is_refused_by_name(case: str, tmp_path: Path) -> None:
    make, reason = BAD_FONTS[case]
    path = make(tmp_path)
    with pytest.raises(FontFileError) as caught:
        render(scripts(), fonts=[str(path)])
    assert isinstance(caught.value, RenderError)
    assert caught.value.path == str(path)
    assert caught.value.reason.startswith(reason)
    assert str(caught.value) == f"{path}: {caught.value.reason}"


@pytest.mark.parametrize("case", ["missing", "not a font", "variable"])
def test_the_cli_refuses_a_bad_font_with_exit_1_and_leaves_the_output_alone(
    case: str, tmp_path: Path
) -> None:
    make, reason = BAD_FONTS[case]
    path = make(tmp_path)
    output = tmp_path / "old.svg"
    output.write_bytes(b"old")
    args = ["render", str(SCRIPTS), "--font", str(THAI), "--font", str(path), "-o", str(output)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr == f"{path}: error: {reason}\n"
    assert output.read_bytes() == b"old"


def test_two_regular_fonts_of_one_family_are_refused(tmp_path: Path) -> None:
    copy = tmp_path / "thai-again.ttf"
    shutil.copyfile(THAI, copy)
    with pytest.raises(FontFileError) as caught:
        font_set([THAI, copy])
    assert str(caught.value) == (
        f"{copy}: is a second regular font of family 'Noto Sans Thai' (the first is "
        f"{THAI.resolve()}); give one"
    )


def test_an_empty_font_name_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["render", str(SCRIPTS), "--font", "", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "the file name is empty; name a font file" in result.stderr


@pytest.mark.parametrize("fonts", ["thai.ttf", b"thai.ttf", 3, [3]])
def test_fonts_that_are_not_a_list_of_paths_are_a_type_error(fonts: object) -> None:
    with pytest.raises(TypeError, match=r"^(fonts must be a list of paths|a font must be a path)"):
        render(scripts(), fonts=fonts)  # type: ignore[arg-type]


def test_a_quote_set_as_a_footnote_is_checked_for_characters_no_font_has() -> None:
    thai = "\u0e20\u0e32"  # two letters the Thai subset in tests/data/fonts has
    m = argmap.ArgumentMap(claims=[argmap.Claim(id="t", text="Tones.", kind="thesis", quote=thai)])
    with pytest.warns(FontWarning) as caught:
        render(m, quotes="footnotes")
    assert [str(w.message) for w in caught] == [
        f"the quote of claim 't': no font has \u0e20, \u0e32 (U+0E20, U+0E32); {FIX}"
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render(m)  # the quote is not drawn: nothing to say
        render(m, quotes="footnotes", fonts=[str(THAI)])
