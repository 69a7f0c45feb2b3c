"""The SVG in a real browser with only DejaVu fonts: no label spills out of its shape, and
the text is drawn in the fonts argmap embedded, at the widths argmap measured.

Drives Debian's chromium (never a downloaded browser) through Playwright, with the
``browser`` of browser_support. Skipped when either is missing, except on CI (env CI
set), where it fails instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from render_support import Renders, groups_of_class, load_map, parse_svg, text_lines

from argmap.rendering.typeset import default_fonts

# For every node: how far each line of text reaches past the node's shape (px).
SPILLS = r"""
async () => {
  await document.fonts.ready;
  const spills = [];
  let nodes = 0;
  for (const g of document.querySelectorAll('g.node')) {
    const shape = g.querySelector('polygon, ellipse, path, polyline');
    const texts = g.querySelectorAll('text');
    if (!shape || texts.length === 0) continue;
    nodes++;
    const s = shape.getBoundingClientRect();
    for (const t of texts) {
      const r = t.getBoundingClientRect();
      const spill = Math.max(
        s.left - r.left, r.right - s.right, s.top - r.top, r.bottom - s.bottom);
      if (r.width === 0 || spill > 1.0) {
        spills.push({node: g.id, text: t.textContent, spill: spill, width: r.width});
      }
    }
  }
  return {nodes, spills};
}
"""

# Every @font-face of the document, and each node line's drawn width in SVG units.
FONTS_AND_WIDTHS = r"""
async () => {
  await document.fonts.ready;
  const faces = [];
  document.fonts.forEach(f => faces.push(
    {family: f.family.replace(/["']/g, ''), weight: f.weight, status: f.status}));
  const lines = [];
  for (const t of document.querySelectorAll('g.node text')) {
    lines.push({
      text: t.textContent,
      size: parseFloat(t.getAttribute('font-size')),
      bold: t.getAttribute('font-weight') === 'bold',
      width: t.getComputedTextLength(),
    });
  }
  return {faces, lines};
}
"""

# The width of a string in each family, falling back to monospace where the family is
# missing.
WIDTHS_BY_FAMILY = r"""
families => {
  const ctx = document.createElement('canvas').getContext('2d');
  const measure = font => {
    ctx.font = font;
    return ctx.measureText('Hamburgefonstiv 0123').width;
  };
  const out = {};
  for (const family of families) out[family] = measure(`100px '${family}', monospace`);
  return out;
}
"""


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()


def open_svg(page: Any, svg: bytes, directory: Path, name: str) -> None:
    path = directory / f"{name}.svg"
    path.write_bytes(svg)
    page.goto(path.resolve().as_uri())


def test_the_browser_sees_only_dejavu(page: Any) -> None:
    """The premise of the other tests: this Chromium finds DejaVu and no other font, though
    the machine may have Noto, Liberation and more installed."""
    page.set_content("<html><body></body></html>")
    found = ["DejaVu Sans", "DejaVu Sans Mono"]
    missing = ["Noto Sans", "Noto Sans CJK SC", "Liberation Sans", "Arial", "Helvetica"]
    widths = page.evaluate(WIDTHS_BY_FAMILY, [*found, *missing, "No Such Family"])
    fallback = widths["No Such Family"]
    for family in found:
        assert widths[family] != fallback, f"the browser lacks {family}"
    for family in missing:
        assert widths[family] == fallback, f"the browser has {family}"


@pytest.mark.parametrize("name", ["plain", "hostile-printable", "multilingual", "flagship"])
def test_no_label_spills_out_of_its_shape_with_only_dejavu(
    name: str, page: Any, rendered: Renders, tmp_path: Path
) -> None:
    svg = rendered(name)
    open_svg(page, svg, tmp_path, name)
    result = page.evaluate(SPILLS)
    labelled = [g for g in groups_of_class(parse_svg(svg), "node").values() if text_lines(g)]
    assert result["nodes"] == len(labelled) >= len(load_map(name).claims)
    assert result["spills"] == []


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_no_label_spills_out_of_its_shape_with_the_analysis_shown(
    direction: str, page: Any, tmp_path: Path
) -> None:
    # The status word and the strength widen the kind line; the bar deepens the box.
    from argmap.analysis import evaluate
    from argmap.analysis.strength import strength
    from argmap.rendering import render

    m = load_map("flagship")
    svg = render(m, direction=direction, status=evaluate(m), strength=strength(m), schemes=True)
    open_svg(page, svg, tmp_path, "analysed")
    result = page.evaluate(SPILLS)
    assert result["nodes"] >= len(m.claims)
    assert result["spills"] == []


@pytest.mark.parametrize("name", ["plain", "multilingual", "flagship"])
def test_the_browser_draws_the_embedded_fonts_at_the_measured_widths(
    name: str, page: Any, rendered: Renders, tmp_path: Path
) -> None:
    open_svg(page, rendered(name), tmp_path, name)
    result = page.evaluate(FONTS_AND_WIDTHS)
    faces = result["faces"]
    assert faces, "the SVG embeds no font"
    assert all(face["status"] == "loaded" for face in faces), faces
    assert any(face["family"].endswith("-Noto Sans") for face in faces), faces
    fonts = default_fonts()
    assert result["lines"]
    for line in result["lines"]:
        # The browser collapses runs of spaces, as SVG text does by default.
        shown = " ".join(line["text"].split())
        expected = fonts.width(shown, line["size"], line["bold"])
        assert line["width"] == pytest.approx(expected, abs=0.5), line


def test_hostile_text_runs_no_script_in_the_browser(
    page: Any, rendered: Renders, tmp_path: Path
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_svg(page, rendered("hostile-printable"), tmp_path, "hostile")
    page.wait_for_timeout(200)
    assert dialogs == []
    assert page.evaluate("() => document.querySelectorAll('script').length") == 0


# A page with text of its own in 'Noto Sans' (which this browser lacks) and two places
# for SVGs: the width of that text, and of each line of the SVG in a place.
INLINE_PAGE = (
    "<html><body><p><span id='own' style=\"font-family: 'Noto Sans', monospace; "
    "font-size: 40px\">Hamburgefonstiv 0123</span></p><div id='a'></div><div id='b'></div>"
    "</body></html>"
)
INLINE = r"""
async ([place, svg]) => {
  if (place) document.getElementById(place).innerHTML = svg;
  document.body.getBoundingClientRect();
  await Promise.all([...document.fonts].map(face => face.load()));
  await document.fonts.ready;
  const lines = place => [...document.querySelectorAll(`#${place} g.node text`)].map(t => ({
    text: t.textContent,
    size: parseFloat(t.getAttribute('font-size')),
    bold: t.getAttribute('font-weight') === 'bold',
    width: t.getComputedTextLength(),
  }));
  return {
    own: document.getElementById('own').getBoundingClientRect().width,
    a: lines('a'),
    b: lines('b'),
  };
}
"""


def _inline(svg: bytes) -> str:
    return svg.decode().split("?>", 1)[1]


def _as_measured(lines: list[dict[str, Any]]) -> None:
    fonts = default_fonts()
    assert lines
    for line in lines:
        expected = fonts.width(" ".join(line["text"].split()), line["size"], line["bold"])
        assert line["width"] == pytest.approx(expected, abs=0.5), line


def test_two_inlined_svgs_draw_with_their_own_fonts_and_leave_the_page_s_text_alone(
    page: Any, rendered: Renders
) -> None:
    # Both embed subsets of Noto Sans, of different glyphs. Named 'Noto Sans', the
    # later SVG's subset drew the earlier one's text (its missing glyphs in DejaVu),
    # and either subset drew the page's own text.
    page.set_content(INLINE_PAGE)
    alone = page.evaluate(INLINE, [None, ""])
    first = page.evaluate(INLINE, ["a", _inline(rendered("plain"))])
    both = page.evaluate(INLINE, ["b", _inline(rendered("multilingual"))])
    assert alone["own"] == first["own"] == both["own"]
    _as_measured(first["a"])
    assert both["a"] == first["a"]
    _as_measured(both["b"])
