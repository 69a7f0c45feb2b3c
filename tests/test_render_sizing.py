"""Size for the target: --width and --max-width scale the SVG's size, the PNG's pixels
and the PDF's page, and warn when the claims' text would come out too small to read."""

from __future__ import annotations

import math
import re
import shutil
import struct
import subprocess
import warnings
from pathlib import Path

import pytest
from render_support import DATA, Renders, load_map, requires
from typer.testing import CliRunner

from argmap import RenderError
from argmap.cli import app
from argmap.rendering import SmallTextWarning, render
from argmap.rendering.sizing import Length, fit, svg_points

# Most pictures here are scaled small on purpose; the warning has tests of its own.
pytestmark = pytest.mark.filterwarnings("ignore::argmap.rendering.sizing.SmallTextWarning")

UNITS_SAID = "one of pt, px, mm, cm, in (a bare number is pt), e.g. 85mm or 6.5in"
RANGE_SAID = "a picture is from 1 pt to 14,400 pt (200 in, the largest PDF page) wide"
ROOT = re.compile(rb"<svg\b[^>]*>")


def root(svg: bytes) -> bytes:
    match = ROOT.search(svg)
    assert match is not None
    return match.group()


def attribute(svg: bytes, name: str) -> str:
    match = re.search(rb"\s" + name.encode() + rb'="([^"]*)"', root(svg))
    assert match is not None
    return match.group(1).decode()


def png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


# --- lengths ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "value", "unit", "points"),
    [
        ("85mm", 85.0, "mm", 240.94),
        ("8.5 cm", 8.5, "cm", 240.94),
        ("6.5in", 6.5, "in", 468.0),
        ("800px", 800.0, "px", 600.0),
        ("300pt", 300.0, "pt", 300.0),
        ("300", 300.0, "pt", 300.0),
        (" 12.5MM ", 12.5, "mm", 35.43),
        (".5in", 0.5, "in", 36.0),
        (300, 300.0, "pt", 300.0),
        (12.5, 12.5, "pt", 12.5),
    ],
)
def test_a_length_is_a_number_and_a_unit(
    given: str | float, value: float, unit: str, points: float
) -> None:
    length = Length.parse(given)
    assert (length.value, length.unit, round(length.points, 2)) == (value, unit, points)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            "12 furlongs",
            f"width '12 furlongs' is not a length: give a number and a unit, {UNITS_SAID}",
        ),
        ("", f"width '' is not a length: give a number and a unit, {UNITS_SAID}"),
        ("mm", f"width 'mm' is not a length: give a number and a unit, {UNITS_SAID}"),
        ("-5mm", f"width '-5mm' is not a length: give a number and a unit, {UNITS_SAID}"),
        ("1e3pt", f"width '1e3pt' is not a length: give a number and a unit, {UNITS_SAID}"),
        ("nan", f"width 'nan' is not a length: give a number and a unit, {UNITS_SAID}"),
        ("0", f"width 0 pt is out of range: {RANGE_SAID}"),
        ("1px", f"width 1 px is out of range: {RANGE_SAID}"),
        ("201in", f"width 201 in is out of range: {RANGE_SAID}"),
        (0.5, f"width 0.5 pt is out of range: {RANGE_SAID}"),
        (float("inf"), f"width inf pt is out of range: {RANGE_SAID}"),
        (float("nan"), f"width nan pt is out of range: {RANGE_SAID}"),
        (10**400, f"width inf pt is out of range: {RANGE_SAID}"),
    ],
)
def test_a_bad_length_is_a_render_error_naming_the_units_or_the_range(
    given: str | float, message: str
) -> None:
    with pytest.raises(RenderError) as error:
        Length.parse(given)
    assert str(error.value) == message


@pytest.mark.parametrize("given", [True, None, [85], b"85mm"])
def test_a_length_of_the_wrong_type_is_a_type_error(given: object) -> None:
    with pytest.raises(TypeError, match=r"^max_width must be a number of points or a text"):
        Length.parse(given, "max_width")


# --- fitting an SVG -----------------------------------------------------------------------

SVG = b'<svg width="300pt" height="100pt" viewBox="0 0 300 100"><g/></svg>'


@pytest.mark.parametrize(
    ("width", "max_width", "new_width", "new_height", "scale"),
    [
        ("100mm", None, "100mm", "33.3333mm", 0.9449),
        ("800px", None, "800px", "266.6667px", 2.0),
        ("1in", None, "1in", "0.3333in", 0.24),
        ("300", None, "300pt", "100pt", 1.0),
        (None, "150pt", "150pt", "50pt", 0.5),
        (None, "40mm", "40mm", "13.3333mm", 0.378),
    ],
)
def test_fit_sets_the_root_s_width_and_height_in_the_unit_given(
    width: str | None, max_width: str | None, new_width: str, new_height: str, scale: float
) -> None:
    fitted = fit(
        SVG,
        width=Length.parse(width) if width else None,
        max_width=Length.parse(max_width) if max_width else None,
    )
    assert fitted.svg == SVG.replace(b'"300pt"', f'"{new_width}"'.encode(), 1).replace(
        b'"100pt"', f'"{new_height}"'.encode(), 1
    )
    assert round(fitted.scale, 4) == scale


@pytest.mark.parametrize("max_width", ["300pt", "301pt", "20in"])
def test_max_width_never_enlarges(max_width: str) -> None:
    assert fit(SVG, max_width=Length.parse(max_width)) == fit(SVG)
    assert fit(SVG).svg is SVG


def test_a_size_without_a_unit_is_in_px() -> None:
    svg = b'<svg width="400" height="200" viewBox="0 0 400 200"/>'
    assert svg_points(svg) == (300.0, 150.0)
    assert fit(svg, width=Length.parse("150pt")).svg == (
        b'<svg width="150pt" height="75pt" viewBox="0 0 400 200"/>'
    )


@pytest.mark.parametrize(
    "svg", [b"<svg/>", b'<svg width="10pt"/>', b'<svg width="0pt" height="5pt"/>', b"<g/>"]
)
def test_an_svg_of_no_size_cannot_be_fitted(svg: bytes) -> None:
    with pytest.raises(RenderError, match=r"^cannot tell the size of the SVG: its root needs"):
        fit(svg, width=Length.parse("10mm"))


# --- rendering at a width -----------------------------------------------------------------


def test_the_svg_is_scaled_by_its_size_alone(rendered: Renders) -> None:
    natural = rendered("plain")
    width, height = svg_points(natural)
    scaled = rendered("plain", width="85mm")
    assert attribute(scaled, "width") == "85mm"
    assert attribute(scaled, "height") == f"{height * 85 / width:.4f}".rstrip("0") + "mm"
    assert attribute(scaled, "viewBox") == attribute(natural, "viewBox")
    # Nothing else changes.
    assert ROOT.sub(b"", scaled) == ROOT.sub(b"", natural)


def test_max_width_wider_than_the_picture_leaves_it_byte_identical(rendered: Renders) -> None:
    width, _ = svg_points(rendered("plain"))
    for format in ("svg", "png", "pdf"):
        assert rendered("plain", format, max_width=width + 1) == rendered("plain", format)


def test_a_png_in_px_has_that_many_pixels_whatever_the_dpi(rendered: Renders) -> None:
    width, height = svg_points(rendered("plain"))
    expected = (800, round(height * 800 / width))
    assert png_size(rendered("plain", "png", width="800px")) == expected
    assert png_size(rendered("plain", "png", width="800px", dpi=300)) == expected


def test_a_png_in_inches_has_dpi_pixels_to_the_inch(rendered: Renders) -> None:
    width, height = svg_points(rendered("plain"))
    assert png_size(rendered("plain", "png", width="4in", dpi=150)) == (
        600,
        round(height * 600 / width),
    )
    assert png_size(rendered("plain", "png", max_width="2in")) == (
        288,
        round(height * 288 / width),
    )


def test_the_pdf_page_is_the_width_asked_for(rendered: Renders, tmp_path: Path) -> None:
    requires(shutil.which("pdfinfo"), "pdfinfo is not on PATH: apt install poppler-utils")
    width, height = svg_points(rendered("plain"))
    path = tmp_path / "map.pdf"
    path.write_bytes(rendered("plain", "pdf", width="6.5in"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout
    page = re.search(rb"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert page is not None
    assert float(page.group(1)) == 468
    assert abs(float(page.group(2)) - height * 468 / width) < 0.01


def test_width_and_max_width_together_are_refused() -> None:
    with pytest.raises(RenderError) as error:
        render(load_map("plain"), width="85mm", max_width="85mm")
    assert str(error.value) == "give width or max_width, not both: width scales, max_width shrinks"


def test_graphviz_s_own_pdf_cannot_be_scaled() -> None:
    with pytest.raises(RenderError) as error:
        render(load_map("plain"), "pdf", engine="system", max_width="85mm")
    assert str(error.value) == (
        "Graphviz's own PDF (--engine system) cannot be scaled to a width: draw the PDF "
        "with the embedded engine (pip install 'argmap[pdf]'), or leave out the width"
    )


def test_a_dot_file_has_no_size_to_scale(rendered: Renders) -> None:
    assert rendered("plain", "dot", width="85mm") == rendered("plain", "dot")


# --- text too small to read ---------------------------------------------------------------


def small_text(**options: object) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render(load_map("plain"), **options)  # type: ignore[arg-type]
    assert all(w.category is SmallTextWarning for w in caught)
    assert all(w.filename == __file__ for w in caught)  # the caller's line
    return [str(w.message) for w in caught]


def test_text_under_6_pt_warns_suggesting_focus_and_lr(rendered: Renders) -> None:
    width, _ = svg_points(rendered("plain"))
    # The claims' text is 10.5 pt: at half the width, 5.25 pt.
    assert small_text(width=width / 2) == [
        f"at {width / 2:g} pt wide, the claims' text would be 5.2 pt, too small to read "
        "(under 6 pt): draw one line of reasoning (--focus ID --depth N), or lay the map "
        "out sideways (--direction LR), narrower for a broad, shallow map"
    ]


def test_a_map_shrunk_by_max_width_says_so(rendered: Renders) -> None:
    width, _ = svg_points(rendered("plain"))
    millimetres = round(width * 0.3 / 72 * 25.4)  # about 30% of the width
    size = 10.5 * (millimetres / 25.4 * 72) / width
    assert small_text(max_width=f"{millimetres}mm") == [
        f"shrunk to {millimetres} mm wide, the claims' text would be "
        f"{math.floor(size * 10) / 10:.1f} pt, too small to read (under 6 pt): draw one line "
        "of reasoning (--focus ID --depth N), or lay the map out sideways (--direction LR), "
        "narrower for a broad, shallow map"
    ]


def test_a_sideways_map_is_not_told_to_turn_sideways(rendered: Renders) -> None:
    width, _ = svg_points(rendered("plain", direction="LR"))
    assert small_text(width=width / 4, direction="LR") == [
        f"at {width / 4:g} pt wide, the claims' text would be 2.6 pt, too small to read "
        "(under 6 pt): draw one line of reasoning (--focus ID --depth N)"
    ]


def test_text_of_6_pt_or_more_does_not_warn(rendered: Renders) -> None:
    width, _ = svg_points(rendered("plain"))
    assert small_text(width=width * 6.001 / 10.5) == []
    sideways, _ = svg_points(rendered("plain", direction="RL"))
    just_under = round(sideways * 5.99 / 10.5, 1)
    assert small_text(width=just_under, direction="RL") == [
        f"at {just_under:g} pt wide, the claims' text would be 5.9 pt, too small "
        "to read (under 6 pt): draw one line of reasoning (--focus ID --depth N)"
    ]
    assert small_text() == []
    assert small_text(max_width=10) != []
    assert small_text(max_width=14_400) == []


# --- the command line ---------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_render_width_writes_the_scaled_svg(
    runner: CliRunner, tmp_path: Path, rendered: Renders
) -> None:
    out = tmp_path / "map.svg"
    result = runner.invoke(
        app, ["render", str(DATA / "plain.yaml"), "-o", str(out), "--width", "9in"]
    )
    assert (result.exit_code, result.stderr) == (0, f"wrote {out} (5 claims, 4 relations)\n")
    assert out.read_bytes() == rendered("plain", width="9in")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--width", "85 furlongs"],
            "Invalid value for '--width': '85 furlongs' is not a length: give a number and a "
            f"unit, {UNITS_SAID}",
        ),
        (
            ["--max-width", "0mm"],
            f"Invalid value for '--max-width': 0 mm is out of range: {RANGE_SAID}",
        ),
        (
            ["--width", "85mm", "--max-width", "85mm"],
            "Invalid value for '--max-width': give --width or --max-width, not both: --width "
            "scales, --max-width only shrinks",
        ),
        (
            ["--width", "85mm", "--engine", "system", "-f", "pdf"],
            "Graphviz's own PDF (--engine system) cannot be scaled to a width: leave out "
            "--engine system (the PDF then comes from typst: pip install 'argmap[pdf]'), or "
            "leave out --width and --max-width",
        ),
    ],
)
def test_bad_widths_are_usage_errors_and_nothing_is_written(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    shutil.copy(DATA / "plain.yaml", tmp_path / "map.yaml")
    result = runner.invoke(app, ["render", str(tmp_path / "map.yaml"), *args], terminal_width=400)
    assert result.exit_code == 2
    assert " ".join(result.stderr.replace("│", " ").split()).endswith(" ".join(message.split()))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]


def test_small_text_is_a_warning_on_stderr_and_strict_refuses_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    shutil.copy(DATA / "plain.yaml", tmp_path / "map.yaml")
    args = ["render", str(tmp_path / "map.yaml"), "--width", "50mm"]
    result = runner.invoke(app, args)
    out = tmp_path / "map.svg"
    warned = f"{tmp_path / 'map.yaml'}: warning: at 50 mm wide, the claims' text would be "
    assert result.exit_code == 0
    assert result.stderr.startswith(warned)
    assert result.stderr.endswith(
        "(--direction LR), narrower for a broad, shallow map\n"
        f"wrote {out} (5 claims, 4 relations; 1 warning)\n"
    )
    out.unlink()
    strict = runner.invoke(app, [*args, "--strict"])
    assert strict.exit_code == 1
    assert strict.stderr.startswith(warned)
    assert not out.exists()
