"""PNG: a real image of the right size, the theme's background, and labels a reader (OCR)
can read even when made with no system fonts and no Graphviz on the machine."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from render_support import DATA, Renders, load_map, parse_svg, requires, rgb

from argmap import MapBuilder, RenderError, limits
from argmap.rendering import render
from argmap.rendering.raster import rasterize
from argmap.rendering.themes import THEMES
from argmap.rendering.typeset import default_fonts

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    found, at = [], len(SIGNATURE)
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind, body = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        found.append((kind, body))
        at += 12 + length
    return found


def header(png: bytes) -> tuple[int, int, int, int]:
    """Width, height, bit depth and colour type from a PNG's IHDR."""
    kind, body = chunks(png)[0]
    assert kind == b"IHDR"
    width, height, depth, colour = struct.unpack(">IIBB", body[:10])
    return width, height, depth, colour


def top_left_pixel(png: bytes) -> tuple[int, ...]:
    """The first pixel: whatever the row's filter, it is stored as it is."""
    _, _, depth, colour = header(png)
    assert depth == 8
    assert colour in (2, 6)
    data = zlib.decompress(b"".join(body for kind, body in chunks(png) if kind == b"IDAT"))
    channels = 3 if colour == 2 else 4
    return tuple(data[1 : 1 + channels])


def svg_size(svg: bytes) -> tuple[float, float]:
    root = parse_svg(svg)
    return float(root.get("width", "").removesuffix("pt")), float(
        root.get("height", "").removesuffix("pt")
    )


@pytest.mark.parametrize("name", ["plain", "twenty", "multilingual"])
def test_png_is_a_whole_png_twice_the_svgs_size_at_the_default_resolution(
    name: str, rendered: Renders
) -> None:
    png = rendered(name, "png")
    assert png.startswith(SIGNATURE)
    assert [kind for kind, _ in chunks(png)][-1] == b"IEND"
    width, height, _, _ = header(png)
    svg_width, svg_height = svg_size(rendered(name))
    assert abs(width - 2 * svg_width) <= 1
    assert abs(height - 2 * svg_height) <= 1
    assert 300 <= width <= 20000
    assert 150 <= height <= 20000


def test_png_resolution_follows_dpi(rendered: Renders) -> None:
    svg_width, svg_height = svg_size(rendered("plain"))
    width, height, _, _ = header(rendered("plain", "png", dpi=72))
    assert abs(width - svg_width) <= 1
    assert abs(height - svg_height) <= 1


def test_png_is_the_same_bytes_every_time(rendered: Renders) -> None:
    assert render(load_map("plain"), "png") == rendered("plain", "png")


@pytest.mark.parametrize("theme", ["default", "dark"])
def test_png_background_is_the_themes(theme: str, rendered: Renders) -> None:
    pixel = top_left_pixel(rendered("plain", "png", theme=theme))
    assert pixel[:3] == rgb(THEMES[theme].background)
    assert pixel[3:] in ((), (255,))


@pytest.mark.parametrize("text", ["x 🇫🇷", "a 👩🏽\u200d🏫 b", "Thumbs 👍🏿"])
def test_png_draws_emoji_sequences_after_text(text: str) -> None:
    b = MapBuilder()
    b.premise("p", text)
    assert render(b.build(), "png").startswith(SIGNATURE)


def test_a_rasterizer_failure_is_a_render_error_never_a_panic() -> None:
    b = MapBuilder()
    b.premise("p", "x 🇫🇷")
    try:
        png = render(b.build(), "png")
    except RenderError:
        return
    assert png.startswith(SIGNATURE)


@pytest.mark.parametrize("dpi", [0, -72])
def test_a_resolution_that_is_not_positive_is_a_render_error(dpi: float) -> None:
    with pytest.raises(RenderError, match="dpi"):
        render(load_map("plain"), "png", dpi=dpi)


@pytest.mark.parametrize(
    ("dpi", "size"),
    [
        (3000, "21,125 x 14,667 pixels (309,840,375 in all) at 3,000 dpi"),  # 38 s, 2.2 GB
        (20000, "140,834 x 97,778 pixels (13,770,466,852 in all) at 20,000 dpi"),  # SIGABRT
    ],
)
def test_a_png_over_the_pixel_limit_is_refused_naming_the_largest_dpi_that_fits(
    dpi: float, size: str
) -> None:
    with pytest.raises(RenderError) as caught:
        render(load_map("plain"), "png", dpi=dpi)
    assert str(caught.value) == (
        f"the PNG would be {size}; the limit is 30,000,000; "
        "set ARGMAP_MAX_PIXELS to raise it, or draw at 933 dpi or less"
    )


def test_the_largest_dpi_named_fits_and_one_more_does_not() -> None:
    with limits.override(pixels=400_000):
        with pytest.raises(RenderError) as caught:
            render(load_map("plain"), "png")
        match = re.search(r"draw at (\d+) dpi or less$", str(caught.value))
        assert match is not None
        best = int(match.group(1))
        width, height, _, _ = header(render(load_map("plain"), "png", dpi=best))
        assert 0.9 * 400_000 < width * height <= 400_000
        with pytest.raises(RenderError, match="the limit is 400,000;"):
            render(load_map("plain"), "png", dpi=best + 1)


def test_a_png_too_big_at_any_dpi_says_to_draw_an_svg() -> None:
    with limits.override(pixels=10), pytest.raises(RenderError) as caught:
        render(load_map("plain"), "png", dpi=2)
    assert str(caught.value).endswith("set ARGMAP_MAX_PIXELS to raise it, or draw an SVG instead")


@pytest.mark.parametrize(
    ("dpi", "error", "message"),
    [
        (float("nan"), RenderError, "dpi must be a finite number greater than 0, not nan"),
        (float("inf"), RenderError, "dpi must be a finite number greater than 0, not inf"),
        (0, RenderError, "dpi must be a finite number greater than 0, not 0"),
        ("144", TypeError, "dpi must be a number, not str"),
        (None, TypeError, "dpi must be a number, not NoneType"),
    ],
)
def test_a_resolution_that_is_no_positive_number_is_refused_before_drawing(
    dpi: object, error: type[Exception], message: str
) -> None:
    svg = render(load_map("plain"))
    for call in (
        lambda: render(load_map("plain"), "png", dpi=dpi),
        lambda: rasterize(svg, default_fonts(), background="white", dpi=dpi),
    ):
        with pytest.raises(error) as caught:
            call()
        assert str(caught.value) == message


# --- read back by OCR --------------------------------------------------------------------

RENDER_PNG = (
    "import sys, argmap\n"
    "from argmap.rendering import render\n"
    "png = render(argmap.load(sys.argv[1]), 'png', dpi=float(sys.argv[3]))\n"
    "open(sys.argv[2], 'wb').write(png)\n"
)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))


def test_png_made_without_fonts_or_graphviz_reads_back_with_every_label(tmp_path: Path) -> None:
    tesseract = shutil.which("tesseract")
    requires(tesseract, "tesseract is not installed (apt install tesseract-ocr): no OCR")
    assert tesseract is not None
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    no_fonts = tmp_path / "fonts.conf"
    no_fonts.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n')
    env = {"PATH": str(empty_bin), "HOME": str(tmp_path), "FONTCONFIG_FILE": str(no_fonts)}
    assert shutil.which("dot", path=env["PATH"]) is None
    fc_list = shutil.which("fc-list")
    if fc_list:  # the machine's fonts are out of reach for this process
        listed = subprocess.run([fc_list], env=env, capture_output=True, check=True, timeout=60)
        assert listed.stdout.strip() == b""
    png = tmp_path / "plain.png"
    made = subprocess.run(
        [sys.executable, "-c", RENDER_PNG, str(DATA / "plain.yaml"), str(png), "144"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert (made.returncode, made.stdout, made.stderr) == (0, b"", b"")
    read = subprocess.run(
        [tesseract, str(png), "-", "--psm", "11"],
        capture_output=True,
        timeout=120,
        check=True,
    )
    seen = set(words(read.stdout.decode("utf-8", errors="replace")))
    m = load_map("plain")
    labels = [c.text for c in m.claims] + [m.title or ""]
    for label in labels:
        expected = words(label)
        found = [w for w in expected if w in seen]
        assert len(found) >= 0.9 * len(expected), f"OCR read {sorted(seen)}; missed {label!r}"
