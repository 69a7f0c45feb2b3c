"""Maps in notebooks: ``argmap.display`` in a real Jupyter kernel, executed with nbclient,
shows the SVG, or the interactive page in a sandboxed iframe of its own per map."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest

import argmap
from argmap.notebook import InteractiveMap, MapPicture
from argmap.rendering import FORMATS

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "examples" / "second-occupation" / "map.yaml"
WATCHMAKER = ROOT / "examples" / "watchmaker" / "map.yaml"
_IFRAME = re.compile(
    r'<iframe srcdoc="(?P<page>[^"]*)" sandbox="allow-scripts" title="(?P<title>[^"]*)" '
    r'style="width: 100%; height: (?P<height>\d+)px; border: 0"></iframe>'
)


def _execute(tmp_path: Path, cells: list[str]) -> list[list[dict[str, object]]]:
    """Run ``cells`` in a fresh Python kernel; each cell's outputs."""
    nbclient = pytest.importorskip("nbclient")
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    # The kernel is this Python (ipykernel's own kernel spec), so it imports this argmap.
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    nbformat.write(notebook, tmp_path / "executed.ipynb")
    return [list(cell.outputs) for cell in notebook.cells]


def test_the_kernel_is_this_python(tmp_path: Path) -> None:
    [[output]] = _execute(tmp_path, ["import sys; print(sys.prefix)"])
    assert output["text"] == sys.prefix + "\n"


def test_display_shows_the_svg_and_each_interactive_page_in_its_own_sandbox(
    tmp_path: Path,
) -> None:
    if "html" not in FORMATS:
        pytest.skip("the html format has not landed")
    cells = [
        f"import argmap\nm = argmap.load({str(FLAGSHIP)!r})\nargmap.display(m)",
        "argmap.display(m, interactive=True)",
        f"argmap.display(argmap.load({str(WATCHMAKER)!r}), interactive=True, height=400)",
    ]
    picture, flagship, watchmaker = _execute(tmp_path, cells)
    [shown] = picture
    assert shown["output_type"] == "display_data"
    svg = shown["data"]["image/svg+xml"]  # type: ignore[index]
    assert svg == argmap.render(argmap.load(FLAGSHIP)).decode()
    pages = []
    for [output], source, height in ((flagship, FLAGSHIP, 600), (watchmaker, WATCHMAKER, 400)):
        match = _IFRAME.fullmatch(output["data"]["text/html"])  # type: ignore[index]
        assert match is not None
        m = argmap.load(source)
        assert html.unescape(match["page"]) == argmap.render(m, "html").decode()
        assert (html.unescape(match["title"]), int(match["height"])) == (m.title, height)
        pages.append(match["page"])
    assert pages[0] != pages[1]


def test_a_picture_and_a_page_show_as_notebooks_expect() -> None:
    assert MapPicture(b"<svg/>")._repr_svg_() == "<svg/>"
    shown = InteractiveMap(b'<p title="a">"x" &amp; \'y\'</p>', 10, 'a "map"')._repr_html_()
    assert shown == (
        '<iframe srcdoc="&lt;p title=&quot;a&quot;&gt;&quot;x&quot; &amp;amp; &#x27;y&#x27;'
        '&lt;/p&gt;" sandbox="allow-scripts" title="a &quot;map&quot;" '
        'style="width: 100%; height: 10px; border: 0"></iframe>'
    )


def test_display_outside_ipython_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "IPython.display", None)
    m = argmap.load(WATCHMAKER)
    with pytest.raises(argmap.RenderError) as raised:
        argmap.display(m)
    assert str(raised.value) == (
        "argmap.display shows a map in a Jupyter notebook, which needs IPython; "
        "elsewhere, write argmap.render(m, 'html') or 'svg' to a file"
    )


@pytest.mark.parametrize("height", [0, -5, 2.5, True, "600"])
def test_display_refuses_a_height_that_is_not_pixels(height: object) -> None:
    with pytest.raises(argmap.RenderError) as raised:
        argmap.display(argmap.load(WATCHMAKER), height=height)  # type: ignore[arg-type]
    assert str(raised.value) == (
        f"height must be a whole number of pixels above 0, not {height!r}"
    )


# The claims each page of a notebook shows as matching its search, picture by picture.
_MATCHES = "() => document.querySelectorAll('.picture-main g.node.match').length"


def test_two_pages_in_one_notebook_run_apart_in_their_sandboxes(
    browser: object, tmp_path: Path
) -> None:
    if "html" not in FORMATS:
        pytest.skip("the html format has not landed")
    views = [
        InteractiveMap(argmap.render(argmap.load(path), "html"), 500)._repr_html_()
        for path in (FLAGSHIP, WATCHMAKER)
    ]
    notebook = tmp_path / "notebook.html"
    notebook.write_text(f"<!DOCTYPE html><html><body>{''.join(views)}</body></html>", "utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 1100})  # type: ignore[attr-defined]
    said: list[str] = []
    page.on("console", lambda message: said.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: said.append(f"error: {error}"))
    requests: list[str] = []

    def refuse(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url != notebook.as_uri():
            requests.append(url)
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    page.route("**/*", refuse)
    try:
        page.goto(notebook.as_uri())
        flagship, watchmaker = page.frames[1:]
        for frame in (flagship, watchmaker):
            frame.wait_for_function("() => document.documentElement.classList.contains('ready')")
        flagship.fill("#search", "PMU")
        flagship.wait_for_function(f"() => ({_MATCHES})() > 0")
        # The search of one page lights its claims only: the other page is another origin.
        assert (flagship.evaluate(_MATCHES), watchmaker.evaluate(_MATCHES)) == (13, 0)
        assert watchmaker.input_value("#search") == ""
        assert (said, requests) == ([], [])
    finally:
        page.close()
