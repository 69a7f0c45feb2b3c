"""PDF from pip alone: typst sets the finished SVG on a page of its size, the text kept as
text in the bundled fonts, embedded; read back with poppler's pdftotext, pdffonts and
pdfinfo."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from render_support import FLAGSHIP, Renders, load_map, requires

from argmap import MapBuilder, RenderError
from argmap.rendering import render
from argmap.rendering.pdf import typst_pdf
from argmap.rendering.sizing import svg_points
from argmap.rendering.typeset import clean_text, default_fonts


def poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    """What poppler's ``tool`` says of ``pdf``."""
    requires(shutil.which(tool), f"{tool} is not on PATH: apt install poppler-utils")
    path = tmp_path / "picture.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8")


def without_space(text: str) -> str:
    # Lines break at spaces (and after hyphens): compare the text, not where it wraps.
    return re.sub(r"\s+", "", text)


def test_pdftotext_reads_every_claim_of_the_flagship(rendered: Renders, tmp_path: Path) -> None:
    text = without_space(poppler("pdftotext", rendered("flagship", "pdf"), tmp_path, "-raw"))
    flagship = load_map("flagship")
    missing = [c.id for c in flagship.claims if without_space(clean_text(c.text)) not in text]
    assert missing == []
    assert without_space(clean_text(flagship.title or "")) in text


def test_pdffonts_shows_the_noto_faces_embedded_as_subsets(
    rendered: Renders, tmp_path: Path
) -> None:
    listing = poppler("pdffonts", rendered("flagship", "pdf"), tmp_path).splitlines()[2:]
    # name, type (two words), encoding, emb, sub, uni, object id, generation
    fonts = {re.sub(r"^[A-Z]{6}\+", "", row.split()[0]): row.split()[-5:-2] for row in listing}
    assert fonts == {
        "NotoSans-Bold": ["yes", "yes", "yes"],
        "NotoSans-Regular": ["yes", "yes", "yes"],
    }


def test_every_script_of_the_multilingual_map_has_its_face_embedded(
    rendered: Renders, tmp_path: Path
) -> None:
    listing = poppler("pdffonts", rendered("multilingual", "pdf"), tmp_path).splitlines()[2:]
    names = sorted(re.sub(r"^[A-Z]{6}\+", "", row.split()[0]) for row in listing)
    assert names == [
        "NotoEmoji-Regular",
        "NotoSans-Bold",
        "NotoSans-Regular",
        "NotoSansArabic-Regular",
        "NotoSansCJKsc-Regular-Identity-H",
        "NotoSansHebrew-Regular",
    ]
    text = poppler("pdftotext", rendered("multilingual", "pdf"), tmp_path, "-raw")
    for words in ("Les langues du monde", "Каждые две недели", "保护所有语言", "한국어는"):
        assert words in text


def page_size(info: str) -> str:
    return re.search(r"^Page size:\s+(.*)$", info, re.MULTILINE).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["flagship", "plain"])
def test_the_page_is_the_svg_s_size(name: str, rendered: Renders, tmp_path: Path) -> None:
    width, height = svg_points(rendered(name))
    info = poppler("pdfinfo", rendered(name, "pdf"), tmp_path)
    assert page_size(info) == f"{width:g} x {height:g} pts"
    assert "Pages:           1\n" in info


def test_the_title_is_the_map_s_and_there_is_no_date(rendered: Renders, tmp_path: Path) -> None:
    info = poppler("pdfinfo", rendered("flagship", "pdf"), tmp_path)
    assert "Title:           The second occupation of Iraq — why the US killed Soleimani\n" in info
    assert "CreationDate" not in info
    assert "ModDate" not in info


def test_a_map_without_a_title_is_called_an_argument_map(tmp_path: Path) -> None:
    b = MapBuilder()
    b.thesis("t", "A claim.")
    info = poppler("pdfinfo", render(b.build(), "pdf"), tmp_path)
    assert "Title:           argument map\n" in info


def test_a_title_is_data_never_typst_markup(tmp_path: Path) -> None:
    title = '#panic("no") "quoted" \\ $x$ <label> @ref'
    b = MapBuilder(title)
    b.thesis("t", "A claim.")
    info = poppler("pdfinfo", render(b.build(), "pdf"), tmp_path)
    assert f"Title:           {title}\n" in info


def test_two_renders_give_the_same_bytes(rendered: Renders) -> None:
    assert render(load_map("flagship"), "pdf") == rendered("flagship", "pdf")


def test_a_render_in_another_process_gives_the_same_bytes(rendered: Renders) -> None:
    # Nothing of the process (a temporary folder's name, the time) reaches the PDF.
    code = (
        "import sys, argmap\n"
        "from argmap.rendering import render\n"
        "sys.stdout.buffer.write(render(argmap.load(sys.argv[1]), 'pdf'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(FLAGSHIP)], capture_output=True, check=True, timeout=120
    )
    assert result.stdout == rendered("flagship", "pdf")


def test_status_and_strength_read_in_the_pdf(tmp_path: Path) -> None:
    b = MapBuilder()
    t = b.thesis("t", "A claim.")
    b.premise("p", "A reason.", supports=t)
    pdf = render(b.build(), "pdf", status={"t": "in", "p": "in"}, strength={"t": 0.5, "p": 1.0})
    text = poppler("pdftotext", pdf, tmp_path, "-raw")
    assert "THESIS · 0.50 · IN" in text
    assert "PREMISE · 1.00 · IN" in text


@pytest.mark.parametrize("width", [None, "10mm"])
def test_without_typst_the_error_says_to_install_the_extra_or_use_the_system_engine(
    width: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)  # import typst raises ImportError
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no advice on the size of a picture not made
        with pytest.raises(RenderError) as error:
            render(load_map("plain"), "pdf", width=width)
    assert str(error.value) == (
        "PDF with the embedded engine needs typst: pip install 'argmap[pdf]' "
        "(or pip install typst); or draw Graphviz's own PDF with --engine system "
        "(engine='system'), which needs Graphviz installed"
    )


def test_the_system_engine_still_draws_graphviz_s_own_pdf(rendered: Renders) -> None:
    requires(shutil.which("dot"), "Graphviz's dot is not on PATH: no system engine")
    pdf = rendered("plain", "pdf", engine="system")
    assert b"cairo" in pdf  # Graphviz's PDF is cairo's
    assert b"Typst" not in pdf
    assert b"Typst" in rendered("plain", "pdf")


def test_importing_the_renderer_does_not_import_typst() -> None:
    code = "import sys, argmap.rendering; print('typst' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, timeout=60
    )
    assert result.stdout == b"False\n"


def test_an_svg_typst_cannot_read_is_a_render_error_with_typst_s_reason() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"><g>'
    with pytest.raises(RenderError) as error:
        typst_pdf(svg, default_fonts(), title="broken")
    assert str(error.value) == (
        "typst cannot make the PDF: failed to parse SVG "
        "(the root node was opened but never closed at 1:1)"
    )


def test_an_empty_svg_makes_a_blank_page_of_its_size(tmp_path: Path) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10mm" height="20pt"/>'
    info = poppler("pdfinfo", typst_pdf(svg, default_fonts(), title="blank"), tmp_path)
    assert page_size(info) == "28.3465 x 20 pts"
