"""The interactive HTML page in a real browser: Debian's Chromium through Playwright, with
every request but the page itself refused and counted.

The browser is the one every browser test shares (``browser_support.py``): skipped when
Chromium or Playwright is missing, except on CI (see ``requires``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from render_support import DATA, load_map

import argmap
from argmap.model import ArgumentMap
from argmap.outline import outline, walk
from argmap.rendering import render

HOSTILE = DATA / "hostile-html.yaml"
WARN_IRAN = "motive-warn-iran"


@attrs.define
class Opened:
    """A page in the browser and what it did: requests that left it, console errors,
    uncaught exceptions, dialogs."""

    page: Any
    requests: list[str] = attrs.field(factory=list)
    errors: list[str] = attrs.field(factory=list)
    dialogs: list[str] = attrs.field(factory=list)

    def quiet(self) -> bool:
        return self.requests == [] and self.errors == [] and self.dialogs == []


@pytest.fixture
def open_page(browser: Any, tmp_path: Path) -> Iterator[Callable[..., Opened]]:
    contexts: list[Any] = []

    def opener(html: bytes, *, scheme: str = "light", name: str = "map") -> Opened:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        path = tmp_path / f"{name}.html"
        path.write_bytes(html)
        url = path.resolve().as_uri()
        opened = Opened(page)

        def route(route: Any) -> None:
            if route.request.url == url:
                route.continue_()
            else:
                opened.requests.append(route.request.url)
                route.abort()

        page.route("**/*", route)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        page.wait_for_function("() => document.documentElement.classList.contains('ready')")
        return opened

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def flagship_html() -> bytes:
    return render(load_map("flagship"), "html")


# The claims of the picture shown (the other picture is hidden), by data-id.
SHOWN = """(kind) => [...document.querySelectorAll('.picture > svg g.node[data-id]')]
  .filter(g => g.getBoundingClientRect().width > 0 && g.id.includes('claim-'))
  .filter(g => !kind || g.classList.contains(kind))
  .map(g => g.getAttribute('data-id'))"""
# The part of the drawing each picture shows (x, y, width, height): its viewBox, moved by
# the group the page pans (a pan moves it rather than the viewBox: see page.js).
VIEWBOX = """() => [...document.querySelectorAll('.picture > svg')].map(s => {
  const [x, y, w, h] = s.getAttribute('viewBox').split(' ').map(Number);
  const pan = s.querySelector(':scope > g.argmap-pan').transform.baseVal.consolidate();
  return pan ? [x - pan.matrix.e, y - pan.matrix.f, w, h] : [x, y, w, h];
})"""
SHOWN_PICTURE = """() => [...document.querySelectorAll('.picture')]
  .filter(p => p.getBoundingClientRect().width > 0).map(p => p.className)"""


def _rested(page: Any) -> None:
    """Waits until the picture is redrawn after a gesture: the view no longer moving
    (set at once by the gesture, so never read before it) and the transform cleared."""
    page.wait_for_function(
        "() => !document.getElementById('view').hasAttribute('data-moving') && "
        "[...document.querySelectorAll('.picture > svg')].every(s => !s.style.transform)"
    )


def test_the_flagship_opens_with_every_claim_no_request_and_no_error(
    open_page: Callable[..., Opened], flagship_html: bytes
) -> None:
    opened = open_page(flagship_html)
    shown = opened.page.evaluate(SHOWN, None)
    assert sorted(shown) == sorted(c.id for c in load_map("flagship").claims)
    assert opened.page.evaluate(SHOWN_PICTURE) == ["picture picture-main"]
    assert opened.quiet(), (opened.requests, opened.errors, opened.dialogs)


def _searched(m: ArgumentMap, word: str) -> list[str]:
    """The claims the search should find, in outline order: id, text, quote, tags and
    actor's name, ignoring case."""
    actors = {a.id: a.name for a in m.actors}
    found: list[str] = []
    for _, entry in walk(outline(m)):
        c = entry.claim
        fields = [c.id, c.text, c.quote or "", " ".join(c.tags), actors.get(c.actor or "", "")]
        if word.lower() in "\n".join(fields).lower() and c.id not in found:
            found.append(c.id)
    return found


def test_searching_pmu_highlights_the_claims_that_mention_it_and_steps_through_them(
    open_page: Callable[..., Opened], flagship_html: bytes
) -> None:
    opened = open_page(flagship_html)
    page = opened.page
    expected = _searched(load_map("flagship"), "PMU")
    assert len(expected) == 13
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.id") == "search"
    page.keyboard.type("PMU")
    assert sorted(page.evaluate(SHOWN, "match")) == sorted(expected)
    assert page.text_content("#count") == f"1 of {len(expected)}"
    assert page.evaluate(SHOWN, "current") == [expected[0]]
    page.press("#search", "Enter")
    assert page.text_content("#count") == f"2 of {len(expected)}"
    assert page.evaluate(SHOWN, "current") == [expected[1]]
    page.press("#search", "Shift+Enter")
    page.press("#search", "Shift+Enter")
    assert page.text_content("#count") == f"{len(expected)} of {len(expected)}"
    page.click("#next")
    assert page.evaluate(SHOWN, "current") == [expected[0]]
    # The current match is in view.
    _rested(page)
    inside = page.evaluate(
        """() => {
          const g = [...document.querySelectorAll('.picture-main g.current')][0];
          const c = g.getBoundingClientRect();
          const v = document.getElementById('view').getBoundingClientRect();
          return c.left >= v.left && c.right <= v.right && c.top >= v.top && c.bottom <= v.bottom;
        }"""
    )
    assert inside
    page.fill("#search", "no such words")
    assert page.text_content("#count") == "no match"
    assert page.evaluate(SHOWN, "match") == []
    assert opened.quiet()


def test_clicking_the_warn_iran_motive_opens_its_quote_and_lights_its_line(
    open_page: Callable[..., Opened], flagship_html: bytes
) -> None:
    opened = open_page(flagship_html)
    page = opened.page
    m = load_map("flagship")
    page.locator(".picture-main g.node").filter(has_text="Warn Iran").first.click()
    assert page.is_visible("#panel")
    assert page.text_content("#panel .quote") == m.claim(WARN_IRAN).quote
    assert page.text_content("#panel-text") == m.claim(WARN_IRAN).text
    details = page.evaluate(
        "() => [...document.querySelectorAll('#panel dt')].map(d => [d.textContent, "
        "d.nextElementSibling.textContent])"
    )
    assert details == [
        ["Kind", "motive"],
        ["Actor", "United States"],
        ["Quote", m.claim(WARN_IRAN).quote],
        ["Id", WARN_IRAN],
        ["Source", "The second occupation of Iraq"],
    ]
    assert page.evaluate(SHOWN, "selected") == [WARN_IRAN]
    lit = set(page.evaluate(SHOWN, "lit"))
    # What it bears on (the thesis, the risk of war, and what the thesis attacks) and
    # the reasons under it, transitively; not the other motive.
    assert {WARN_IRAN, "thesis", "war-risk", "official-justification"} <= lit
    assert {"hold-slipping", "balance-shift", "pmu-growth", "mosul-fatwa"} <= lit
    assert "motive-decapitate-pmu" not in lit
    opacity = (
        "(id) => getComputedStyle([...document.querySelectorAll('.picture-main g')]"
        ".find(g => g.id === id)).opacity"
    )
    # The rest is dimmed; the legend still explains the picture.
    assert page.evaluate(opacity, "claim-c23") == "0.18"  # motive-decapitate-pmu
    assert page.evaluate(opacity, "legend-thesis") == "1"
    selected = page.evaluate(
        "() => [...document.querySelectorAll('[role=treeitem][aria-selected=true]')]"
        ".map(i => i.getAttribute('data-id'))"
    )
    assert selected == [WARN_IRAN]
    page.keyboard.press("Escape")
    assert not page.is_visible("#panel")
    assert page.evaluate(SHOWN, "lit") == []
    assert opened.quiet()


def test_zoom_buttons_wheel_and_drag_change_the_view_box(
    open_page: Callable[..., Opened], flagship_html: bytes
) -> None:
    opened = open_page(flagship_html)
    page = opened.page
    (home, _) = page.evaluate(VIEWBOX)
    page.click("#zoom-in")
    _rested(page)
    (zoomed, dark) = page.evaluate(VIEWBOX)
    assert zoomed == dark  # both pictures keep one view
    assert zoomed[2] == pytest.approx(home[2] / 1.25)
    assert zoomed[3] == pytest.approx(home[3] / 1.25)
    box = page.locator("#view").bounding_box()
    page.mouse.move(box["x"] + 300, box["y"] + 300)
    page.mouse.wheel(0, -200)
    _rested(page)
    (wheeled, _) = page.evaluate(VIEWBOX)
    assert wheeled[2] < zoomed[2]
    page.mouse.move(box["x"] + 300, box["y"] + 300)
    page.mouse.down()
    page.mouse.move(box["x"] + 350, box["y"] + 320, steps=5)
    page.mouse.up()
    _rested(page)
    (dragged, _) = page.evaluate(VIEWBOX)
    scale = max(wheeled[2] / box["width"], wheeled[3] / box["height"])
    assert dragged[0] == pytest.approx(wheeled[0] - 50 * scale, abs=0.01)
    assert dragged[1] == pytest.approx(wheeled[1] - 20 * scale, abs=0.01)
    assert dragged[2:] == wheeled[2:]
    page.click("#fit")
    _rested(page)
    assert page.evaluate(VIEWBOX)[0] == pytest.approx(home)
    assert opened.quiet()


def test_the_view_and_the_selection_survive_a_reload(
    open_page: Callable[..., Opened], flagship_html: bytes
) -> None:
    opened = open_page(flagship_html)
    page = opened.page
    page.click("#zoom-in")
    page.locator(".picture-main g.node").filter(has_text="Warn Iran").first.click()
    _rested(page)
    before = page.evaluate(VIEWBOX)
    page.wait_for_timeout(400)  # the place is kept 200 ms after the last change
    page.reload()
    page.wait_for_function("() => document.documentElement.classList.contains('ready')")
    assert page.evaluate(VIEWBOX) == before
    assert page.evaluate(SHOWN, "selected") == [WARN_IRAN]
    assert page.is_visible("#panel")


# The outline as the page shows it: each entry's depth and claim id, in order.
TREE = """() => [...document.querySelectorAll('[role=treeitem]')].map(item => {
  let depth = 0;
  for (let p = item.parentElement.closest('[role=treeitem]'); p;
       p = p.parentElement.closest('[role=treeitem]')) depth++;
  return [depth, item.getAttribute('data-id')];
})"""


def test_the_outline_and_the_picture_agree_and_select_each_other(
    open_page: Callable[..., Opened], flagship_html: bytes
) -> None:
    opened = open_page(flagship_html)
    page = opened.page
    m = load_map("flagship")
    assert page.evaluate(TREE) == [[d, e.claim.id] for d, e in walk(outline(m))]
    assert set(page.evaluate(SHOWN, None)) == {e.claim.id for _, e in walk(outline(m))}
    # Outline to picture.
    page.locator(".row", has_text="Through the PMU").first.click()
    assert page.evaluate(SHOWN, "selected") == ["iran-backs-independent"]
    assert page.text_content("#panel-text") == m.claim("iran-backs-independent").text
    # Picture to outline.
    page.locator(".picture-main g.node").filter(has_text="Warn Iran").first.click()
    focused = page.evaluate(
        "() => [...document.querySelectorAll('[role=treeitem]')].filter(i => "
        "i.getAttribute('aria-selected') === 'true').map(i => [i.getAttribute('data-id'), "
        "i.getAttribute('tabindex')])"
    )
    assert focused == [[WARN_IRAN, "0"]]
    assert opened.quiet()


def test_the_keyboard_alone_reaches_every_claim_in_the_outline_and_the_picture(
    open_page: Callable[..., Opened], flagship_html: bytes
) -> None:
    opened = open_page(flagship_html)
    page = opened.page
    m = load_map("flagship")
    claims = {c.id for c in m.claims}
    active = (
        "() => [document.activeElement.getAttribute('role'), "
        "document.activeElement.getAttribute('data-id'), "
        "document.activeElement.matches(':focus-visible')]"
    )
    # Tab order: the search, its buttons (the two step buttons are disabled), the zoom
    # buttons, the outline (one tab stop), the panel when open, each claim of the picture.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "search"
    for expected in ("zoom-in", "zoom-out", "fit"):
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == expected
    page.keyboard.press("Tab")
    entries = [e.claim.id for _, e in walk(outline(m))]
    assert page.evaluate(active) == ["treeitem", entries[0], True]
    seen = [entries[0]]
    for _ in entries[1:]:
        page.keyboard.press("ArrowDown")
        seen.append(page.evaluate(active)[1])
    assert seen == entries
    page.keyboard.press("Home")
    assert page.evaluate(active)[1] == entries[0]
    page.keyboard.press("ArrowLeft")  # collapse the first thesis
    assert page.get_attribute("[role=treeitem] >> nth=0", "aria-expanded") == "false"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(active)[1] != entries[1]  # its children are hidden now
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    assert page.get_attribute("[role=treeitem] >> nth=0", "aria-expanded") == "true"
    page.keyboard.press("Tab")  # the open panel comes before the picture's claims
    assert page.evaluate("() => document.activeElement.id") == "close"
    page.keyboard.press("Tab")
    reached = []
    for _ in claims:
        role, claim, visible = page.evaluate(active)
        assert (role, visible) == ("button", True)
        reached.append(claim)
        page.keyboard.press("Tab")
    assert sorted(reached) == sorted(claims)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.text_content("#panel-text") == m.claim(reached[-1]).text
    assert opened.quiet()


def test_a_dark_scheme_shows_the_dark_picture_and_a_chosen_theme_is_kept(
    open_page: Callable[..., Opened], flagship_html: bytes
) -> None:
    opened = open_page(flagship_html, scheme="dark")
    page = opened.page
    assert page.evaluate(SHOWN_PICTURE) == ["picture picture-dark"]
    assert sorted(page.evaluate(SHOWN, None)) == sorted(c.id for c in load_map("flagship").claims)
    background = "() => getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(background) == "rgb(21, 24, 29)"
    page.locator(".picture-dark g.node").filter(has_text="Warn Iran").first.click()
    assert page.evaluate(SHOWN, "selected") == [WARN_IRAN]
    assert opened.quiet()
    light = open_page(render(load_map("plain"), "html", theme="print"), scheme="dark", name="p")
    assert light.page.evaluate(SHOWN_PICTURE) == ["picture picture-main"]
    assert light.page.evaluate(background) == "rgb(255, 255, 255)"


def test_print_shows_the_picture_and_none_of_the_controls(
    open_page: Callable[..., Opened], flagship_html: bytes
) -> None:
    opened = open_page(flagship_html)
    page = opened.page
    page.emulate_media(media="print")
    for hidden in (".toolbar", "#outline", "#panel"):
        assert not page.is_visible(hidden), hidden
    assert page.is_visible(".picture-main svg")
    assert len(page.evaluate(SHOWN, None)) == len(load_map("flagship").claims)


def test_a_hostile_map_runs_nothing_and_shows_its_text_as_text(
    open_page: Callable[..., Opened],
) -> None:
    m = argmap.load(HOSTILE)
    opened = open_page(render(m, "html"), name="hostile")
    page = opened.page
    assert page.evaluate("() => document.scripts.length") == 2
    assert page.title() == m.title
    ids = page.evaluate(SHOWN, None)
    assert sorted(ids) == sorted(c.id for c in m.claims)
    for claim in m.claims:
        page.locator(".picture-main g.node[data-id]").nth(ids.index(claim.id)).click()
        assert page.text_content("#panel-text") == claim.text
        quotes = page.locator("#panel .quote")
        assert quotes.all_text_contents() == ([claim.quote] if claim.quote else [])
    assert page.evaluate("() => document.querySelectorAll('#panel a').length") == 0
    page.fill("#search", "</script>")
    assert page.text_content("#count") == "1 of 3"
    page.wait_for_timeout(300)
    assert opened.quiet(), (opened.requests, opened.errors, opened.dialogs)
