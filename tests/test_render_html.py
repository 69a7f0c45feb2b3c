"""The interactive HTML page, read as HTML: one self-contained file, a strict policy that
allows its one script, the map's text only as text, the outline as ``outline(m)`` has it.

The page's behaviour in a browser is tested in ``test_html_browser.py``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from render_support import DATA, FLAGSHIP, load_map
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.outline import outline, walk
from argmap.rendering import FORMATS, render

HOSTILE = DATA / "hostile-html.yaml"
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "srcset", "data", "poster"}
PAGE_JS = resources.files("argmap.rendering.html").joinpath("page.js").read_text("utf-8")


class Element:
    """One element of the parsed page: its tag, attributes, text and children."""

    def __init__(self, tag: str, attributes: list[tuple[str, str | None]], parent: Any) -> None:
        self.tag = tag
        self.attributes = {name: value or "" for name, value in attributes}
        self.names = [name for name, _ in attributes]
        self.parent = parent
        self.children: list[Element] = []
        self.text = ""

    def all(self) -> list[Element]:
        found, stack = [], [self]
        while stack:
            element = stack.pop()
            found.append(element)
            stack.extend(reversed(element.children))
        return found


class Page(HTMLParser):
    """The page as a tree of :class:`Element`, as the HTML parser reads it."""

    VOID = frozenset({"meta", "input", "br", "img", "link", "hr", "source", "area", "wbr"})

    def __init__(self, html: bytes) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], None)
        self.current = self.root
        self.feed(html.decode("utf-8"))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in self.VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag: str) -> None:
        element = self.current
        while element is not self.root and element.tag != tag:
            element = element.parent
        if element is not self.root:
            self.current = element.parent

    def handle_data(self, data: str) -> None:
        self.current.text += data

    def elements(self, tag: str | None = None) -> list[Element]:
        return [e for e in self.root.all() if tag is None or e.tag == tag]


@pytest.fixture(scope="module")
def flagship() -> bytes:
    return render(load_map("flagship"), "html")


@pytest.fixture(scope="module")
def hostile() -> bytes:
    return render(argmap.load(HOSTILE), "html")


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def test_html_is_a_format_and_the_same_map_gives_the_same_bytes(flagship: bytes) -> None:
    assert "html" in FORMATS
    assert flagship.startswith(b'<!DOCTYPE html>\n<html lang="en" data-theme="default">')
    assert render(load_map("flagship"), "html") == flagship


def test_the_page_runs_one_script_which_the_policy_allows_by_its_hash(flagship: bytes) -> None:
    page = Page(flagship)
    scripts = page.elements("script")
    assert [s.attributes.get("type") for s in scripts] == ["application/json", None]
    assert scripts[1].text == PAGE_JS
    policies = [
        m.attributes["content"]
        for m in page.elements("meta")
        if m.attributes.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policies == [
        f"default-src 'none'; script-src 'sha256-{_sha256(PAGE_JS)}'; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; "
        "form-action 'none'"
    ]


def test_the_page_references_nothing_outside_itself(flagship: bytes) -> None:
    page = Page(flagship)
    assert page.elements("link") == []
    assert page.elements("img") == []
    assert page.elements("iframe") == []
    for element in page.elements():
        assert not URL_ATTRIBUTES & set(element.names), element.tag
    text = flagship.decode()
    # Only data: URLs in the CSS (the embedded fonts); http only in xmlns names.
    assert {u[:5] for u in re.findall(r"url\(([^)]*)\)", text)} == {"data:"}
    assert set(re.findall(r"https?://[^\"' )]*", text)) == {"http://www.w3.org/2000/svg"}
    assert "@import" not in text


def test_the_default_theme_carries_the_dark_picture_with_ids_of_its_own(flagship: bytes) -> None:
    page = Page(flagship)
    svgs = page.elements("svg")
    assert len(svgs) == 2
    pictures = [e.parent.attributes["class"] for e in svgs]
    assert pictures == ["picture picture-main", "picture picture-dark"]
    ids = [e.attributes["id"] for e in page.elements() if "id" in e.attributes]
    assert len(ids) == len(set(ids))
    light = {e.attributes["id"] for e in svgs[0].all() if "id" in e.attributes}
    dark = {e.attributes["id"] for e in svgs[1].all() if "id" in e.attributes}
    assert dark == {f"dark-{i}" for i in light}
    claims = len(load_map("flagship").claims)
    for svg in svgs:
        nodes = [
            g for g in svg.all() if re.fullmatch(r"(dark-)?claim-c\d+", g.attributes.get("id", ""))
        ]
        assert len(nodes) == claims
        assert all("data-id" in g.attributes for g in nodes)


@pytest.mark.parametrize("theme", ["dark", "print", "colorblind"])
def test_a_chosen_theme_gives_one_picture_and_the_page_says_which(theme: str) -> None:
    html = render(load_map("plain"), "html", theme=theme)
    page = Page(html)
    assert len(page.elements("svg")) == 1
    assert page.elements("html")[0].attributes["data-theme"] == theme
    scheme = [m for m in page.elements("meta") if m.attributes.get("name") == "color-scheme"]
    assert scheme[0].attributes["content"] == ("dark" if theme == "dark" else "light")


def _tree(page: Page) -> list[tuple[int, str, bool]]:
    """The outline's entries in order: depth, claim id, repeated."""
    (tree,) = [e for e in page.elements("ul") if e.attributes.get("role") == "tree"]
    found = []
    for item in tree.all():
        if item.attributes.get("role") != "treeitem":
            continue
        depth, parent = 0, item.parent
        while parent is not tree:
            depth += parent.attributes.get("role") == "treeitem"
            parent = parent.parent
        found.append((depth, item.attributes["data-id"], "data-repeated" in item.attributes))
    return found


@pytest.mark.parametrize("name", ["flagship", "hostile", "linked", "undercut"])
def test_the_outline_tree_is_the_outline_of_the_map(name: str) -> None:
    m = argmap.load(HOSTILE) if name == "hostile" else load_map(name)
    expected = [(d, e.claim.id, e.repeated) for d, e in walk(outline(m))]
    assert _tree(Page(render(m, "html", theme="print"))) == expected


def test_the_outline_is_a_tree_with_one_tab_stop_and_words_for_each_entry(flagship: bytes) -> None:
    page = Page(flagship)
    items = [e for e in page.elements() if e.attributes.get("role") == "treeitem"]
    assert [i.attributes["tabindex"] for i in items].count("0") == 1
    assert items[0].attributes["tabindex"] == "0"
    for item in items:
        has_children = any(c.attributes.get("role") == "group" for c in item.children)
        assert ("aria-expanded" in item.attributes) == has_children
        assert item.attributes["aria-selected"] == "false"
        (row,) = [c for c in item.children if c.attributes.get("class") == "row"]
        assert item.attributes["aria-labelledby"] == row.attributes["id"]
    words = {
        (i.attributes["data-id"], c.text)
        for i in items
        for c in i.children[0].children
        if c.attributes.get("class") == "word"
    }
    assert ("objection-occupation", "undercuts the inference from official-danger:") in words
    assert ("us-stepped-back", "supports, with parliament-sovereignty:") in words
    warn = next(i for i in items if i.attributes["data-id"] == "motive-warn-iran")
    row = warn.children[0]
    assert [(c.attributes["class"], c.text) for c in row.children] == [
        ("word", "supports:"),
        ("kind", "Motive of United States"),
        ("text", load_map("flagship").claim("motive-warn-iran").text),
    ]


def _data(html: bytes) -> Any:
    (block,) = [s for s in Page(html).elements("script") if s.attributes.get("type")]
    return json.loads(block.text)


def test_the_script_s_data_holds_each_claim_and_relation_as_the_map_has_them(
    flagship: bytes,
) -> None:
    m = load_map("flagship")
    data = _data(flagship)
    assert data["title"] == m.title
    assert data["source"] == {"title": "The second occupation of Iraq"}
    assert [c["id"] for c in data["claims"]] == [c.id for c in m.claims]
    warn = next(c for c in data["claims"] if c["id"] == "motive-warn-iran")
    assert warn == {
        "id": "motive-warn-iran",
        "text": m.claim("motive-warn-iran").text,
        "kind": "motive",
        "actor": "United States",
        "quote": m.claim("motive-warn-iran").quote,
    }
    assert len(data["relations"]) == len(m.relations)
    undercut = data["relations"][22]
    assert undercut == {"kind": "undercuts", "sources": ["objection-occupation"], "relation": 2}
    assert data["relations"][15] == {
        "kind": "supports",
        "sources": ["motive-warn-iran"],
        "target": "thesis",
    }


def test_status_and_strength_reach_the_script_when_the_page_shows_them() -> None:
    m = load_map("undercut")
    status = {c.id: "in" for c in m.claims}
    strength = {c.id: 0.25 for c in m.claims}
    data = _data(render(m, "html", status=status, strength=strength))
    assert {(c["status"], c["strength"]) for c in data["claims"]} == {("in", 0.25)}
    assert all("status" not in c for c in _data(render(m, "html"))["claims"])


def test_the_dark_picture_renames_ids_never_text(hostile: bytes) -> None:
    page = Page(hostile)
    light, dark = page.elements("svg")
    assert [t.text for t in light.all() if t.tag == "title"] == [
        t.text for t in dark.all() if t.tag == "title"
    ]
    assert any('<a id="claim-c0"> id="x"' in t.text for t in dark.all() if t.tag == "title")
    ids = [e.attributes["id"] for e in page.elements() if "id" in e.attributes]
    assert len(ids) == len(set(ids))


def test_hostile_text_is_only_text_in_the_page(hostile: bytes) -> None:
    page = Page(hostile)
    scripts = page.elements("script")
    assert [s.attributes.get("type") for s in scripts] == ["application/json", None]
    assert scripts[1].text == PAGE_JS
    for element in page.elements():
        assert not [n for n in element.names if n.lower().startswith("on")], element.tag
        # No attribute that holds a URL at all, so no javascript: URL (data-id may
        # hold the text "javascript:...": a claim's id, never followed).
        assert not URL_ATTRIBUTES & set(element.names), element.tag
    assert page.elements("img") == []
    # The JSON block ends where the page's own script begins, and reads back exactly.
    m = argmap.load(HOSTILE)
    data = json.loads(scripts[0].text)
    assert data["title"] == m.title
    assert data["source"]["url"] == "javascript:alert(4)"
    assert [(c["id"], c["text"], c.get("quote")) for c in data["claims"]] == [
        (c.id, c.text, c.quote) for c in m.claims
    ]
    block = hostile.decode().split('<script type="application/json" id="argmap-data">')[1]
    block = block.split("</script>")[0]
    assert not set("<>&\u2028\u2029") & set(block)
    # The map's text is in the outline as text.
    rows = [e for e in page.elements("span") if e.attributes.get("class") == "text"]
    assert {r.text for r in rows} == {c.text for c in m.claims}


def test_the_cli_writes_the_page_by_suffix_or_by_format(tmp_path: Path) -> None:
    by_suffix = tmp_path / "map.html"
    runner = CliRunner()
    result = runner.invoke(app, ["render", str(FLAGSHIP), "-o", str(by_suffix)])
    assert result.exit_code == 0, result.output
    assert by_suffix.read_bytes() == render(load_map("flagship"), "html")
    folder = str(tmp_path / "out") + "/"
    result = runner.invoke(app, ["render", str(FLAGSHIP), "-f", "html", "-o", folder])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "map.html").read_bytes() == by_suffix.read_bytes()
