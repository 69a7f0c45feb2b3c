"""Mermaid export: the flowchart's exact text, ids no text can break, labels that decode
back to the text; and in a real browser, the `mermaid` npm package renders every export
with no error and every claim's text in the picture.

The browser tests drive Debian's chromium through Playwright (as test_render_browser
does) and load ``mermaid.min.js`` from ``ARGMAP_MERMAID_JS``, by default the copy that
``make test`` installs from ``tests/node/package.json`` (``npm ci``) under
``tests/node/node_modules``. They are skipped when any of the three is missing, unless
``ARGMAP_MERMAID_JS`` is set, where a missing one fails.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from render_support import FLAGSHIP, MAP_FILES
from test_formats_roundtrip import PROPERTY, argument_maps

import argmap
from argmap.errors import MapFormatError, ValidationError
from argmap.formats import format_for
from argmap.formats.mermaid import WORD_JOINER
from argmap.model import ArgumentMap, Claim, Group, Relation
from argmap.rendering.typeset import clean_text

pytestmark = pytest.mark.filterwarnings("ignore::argmap.ArgmapWarning")

ROOT = Path(__file__).parent.parent
EXPORT = Path(__file__).parent / "data" / "export"
FEATURES = EXPORT / "features.yaml"
CHROMIUM = Path("/usr/bin/chromium")
MERMAID_JS = Path(
    os.environ.get(
        "ARGMAP_MERMAID_JS",
        ROOT / "tests" / "node" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js",
    )
)
REGENERATE = os.environ.get("ARGMAP_REGENERATE_GOLDEN") == "1"

NODE = re.compile(r'^ *(c_\w+)[\[(]"([^"\n]*)\n([^"\n]*)"[\])]$', re.MULTILINE)
ENTITY = re.compile(r"#(\d+);")


def visible(text: str) -> str:
    """``text`` without the invisible word joiners that keep Mermaid from reading more
    than text into it."""
    return text.replace(WORD_JOINER, "")


def decode(label: str) -> str:
    """A label's text, as Mermaid shows it."""
    return ENTITY.sub(lambda match: chr(int(match.group(1))), label)


def labels(text: str) -> dict[str, str]:
    """Each claim node's label in a flowchart, by node id."""
    return {match.group(1): f"{match.group(2)}\n{match.group(3)}" for match in NODE.finditer(text)}


def test_the_features_map_gives_the_flowchart_on_file() -> None:
    text = argmap.dumps(argmap.load(FEATURES), "mermaid")
    golden = EXPORT / "features.mmd"
    if REGENERATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("claim_ids", "node_ids"),
    [
        (["end", "graph", "subgraph", "style", "class", "flowchart"], None),
        (["a-b", "a_b", "a.b", "a b"], ["c_a_b", "c_a_b_2", "c_a_b_3", "c_a_b_4"]),
        (["a_b_2", "a-b", "a.b"], ["c_a_b_2", "c_a_b", "c_a_b_3"]),
        (["ünïcode", "日本", "--x", "o"], ["c__n_code", "c__", "c__x", "c_o"]),
    ],
)
def test_node_ids_are_safe_and_distinct_whatever_the_claim_ids(
    claim_ids: list[str], node_ids: list[str] | None
) -> None:
    m = ArgumentMap(claims=[Claim(id=i, text=i) for i in claim_ids])
    found = list(labels(argmap.dumps(m, "mermaid")))
    assert found == (node_ids or [f"c_{i}" for i in claim_ids])


def test_a_long_id_is_cut_in_the_diagram() -> None:
    m = ArgumentMap(claims=[Claim(id="x" * 500, text="X")])
    assert list(labels(argmap.dumps(m, "mermaid"))) == ["c_" + "x" * 40]


TRICKY = [
    *("end", "-->", "--x", "%%", "#quot;", "#35;", "&amp;", "<br>", "$$x^2$$", "**bold**"),
    *("`md`", "```", "style a fill:#f00;", "classDef x fill:#f00;", "<script>alert(1)</script>"),
    *("\u00b6\u00df", "\ufb02\u00b0\u00b0", "\u2028"),
]
# Text that has broken Mermaid diagrams: its own syntax, HTML, markdown, KaTeX, entity
# codes and the characters Mermaid uses for them internally, line breaks, controls.
hostile = (
    st.lists(
        st.one_of(
            st.sampled_from(
                list("\"'#;:<>[](){}|`*_~$%&\\/=-.,!?\n\r\t\x00\x1b\ufb02\u00b6\u00df")
            ),
            st.sampled_from(TRICKY),
            st.characters(exclude_categories=("Cs",)),
        ),
        min_size=1,
        max_size=10,
    )
    .map("".join)
    .filter(lambda s: clean_text(s) != "")
)


def with_texts(m: ArgumentMap, texts: list[str]) -> ArgumentMap:
    claims = [attrs.evolve(c, text=texts[i % len(texts)]) for i, c in enumerate(m.claims)]
    groups = [attrs.evolve(g, label=texts[-1 - i % len(texts)]) for i, g in enumerate(m.groups)]
    return m.evolve(claims=claims, groups=groups, title=texts[0])


@PROPERTY
@given(m=argument_maps(), texts=st.lists(hostile, min_size=1, max_size=4))
def test_every_label_is_one_quoted_string_that_decodes_to_the_text(
    m: ArgumentMap, texts: list[str]
) -> None:
    m = with_texts(m, texts)
    text = argmap.dumps(m, "mermaid")
    found = labels(text)
    assert len(found) == len(m.claims)
    shown = []
    for label in found.values():
        # Nothing but letters, digits, a few harmless marks and entity codes is plain ASCII.
        assert re.fullmatch(r"([A-Za-z0-9 .,!?'()\-/\n]|#\d+;|[^\x00-\x7f])*", label)
        assert not {"\ufb02", "\u00b6"} & set(label)
        _, text_shown = label.split("\n")
        shown.append(visible(decode(text_shown)))
    assert sorted(shown) == sorted(visible(clean_text(claim.text)) for claim in m.claims)
    # No text adds a line or breaks one: each line is one statement of a known form.
    for line in NODE.sub("    NODE", text).splitlines():
        assert any(form.fullmatch(line) for form in LINES), line
    links = [line for line in text.splitlines() if LINK.fullmatch(line)]
    assert len(links) == sum(
        len(r.sources) + 1 if r.linked or _undercut(m, r) else 1 for r in m.relations
    )


LINK = re.compile(r" {4}(c_\w+|j\d+) (-->|--x|-\.-x|---|-\.-) (c_\w+|j\d+)")
LINES = [
    re.compile(form)
    for form in (
        r"---",
        r'title: "([^"\\]|\\.)*"',
        r"flowchart BT",
        r" {4}classDef \w+ [\w:#.,\- ]+",
        r' {4}subgraph g\d+\["[^"]*"\]',
        r" {4}end",
        r" {4}style g\d+ [\w:#.,\- ]+",
        r" {4,8}NODE",
        r' {4}j\d+\(\(" "\)\)',
        r" {4}class (c_\w+|j\d+) \w+",
        r" {4}linkStyle [\d,]+ [\w:#.,\- ]+",
    )
] + [LINK]


def _undercut(m: ArgumentMap, relation: Relation) -> bool:
    return any(r.target == relation.inference for r in m.relations)


def test_a_map_with_errors_is_refused_with_every_error() -> None:
    m = ArgumentMap(
        claims=[Claim(id="a", text="A")], relations=[Relation(sources=["a"], target="b")]
    )
    with pytest.raises(ValidationError) as raised:
        argmap.dumps(m, "mermaid")
    assert str(raised.value) == "1 problem:\nerror: unknown claim 'b'; did you mean 'a'?"


def test_mermaid_is_written_not_read(tmp_path: Path) -> None:
    assert format_for(path="map.mmd").name == format_for(path="map.mermaid").name == "mermaid"
    m = argmap.load(FEATURES)
    path = tmp_path / "map.mmd"
    argmap.dump(m, path)
    assert path.read_text(encoding="utf-8") == argmap.dumps(m, "mermaid")
    with pytest.raises(MapFormatError) as raised:
        argmap.loads(path.read_text(encoding="utf-8"), "mermaid")
    assert raised.value.message == "argmap writes mermaid but does not read it"


# In a browser: the mermaid package parses and renders each export.

RENDER = r"""
async (text) => {
  try {
    await mermaid.parse(text);
    const {svg} = await mermaid.render('diagram' + (window.count = (window.count || 0) + 1), text);
    const holder = document.createElement('div');
    holder.innerHTML = svg;
    holder.querySelectorAll('style').forEach(style => style.remove());
    return {error: null, text: holder.textContent};
  } catch (error) {
    return {error: String(error && error.message || error), text: ''};
  }
}
"""


def _missing(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("ARGMAP_MERMAID_JS"):
        pytest.fail(f"{reason} (ARGMAP_MERMAID_JS is set, so this is a failure)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def mermaid_page() -> Iterator[Any]:
    _missing(CHROMIUM.exists(), f"no {CHROMIUM} (apt-get install -y chromium)")
    _missing(
        MERMAID_JS.exists(),
        f"no {MERMAID_JS} (run make node-tools: npm ci in tests/node; or set ARGMAP_MERMAID_JS)",
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing(False, "playwright is not installed (pip install playwright)")
        raise
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.set_content("<!doctype html><html><head><meta charset='utf-8'></head></html>")
            page.add_script_tag(path=str(MERMAID_JS))
            page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
            yield page
        finally:
            browser.close()


def words(text: str) -> str:
    return " ".join(visible(text).split())


def assert_renders(page: Any, m: ArgumentMap) -> None:
    """The export of ``m`` renders with no error, showing every claim's text, every
    group's label and the title."""
    result = page.evaluate(RENDER, argmap.dumps(m, "mermaid"))
    assert result["error"] is None
    shown = words(result["text"])
    texts = [c.text for c in m.claims] + [g.label for g in m.groups]
    for text in texts:
        assert words(clean_text(text)) in shown
    if m.title and clean_text(m.title):
        title = clean_text(m.title).translate(str.maketrans("&<>", "\uff06\u2039\u203a"))
        assert words(title) in shown


@pytest.mark.parametrize(
    "path",
    [FLAGSHIP, FEATURES, MAP_FILES["hostile"], MAP_FILES["multilingual"], MAP_FILES["twenty"]],
    ids=lambda path: path.stem if path.stem != "map" else path.parent.name,
)
def test_mermaid_renders_the_export_of_each_test_map(mermaid_page: Any, path: Path) -> None:
    assert_renders(mermaid_page, argmap.load(path))


def test_mermaid_renders_an_empty_map(mermaid_page: Any) -> None:
    assert_renders(mermaid_page, ArgumentMap())


@settings(PROPERTY, max_examples=40)
@given(m=argument_maps(), texts=st.lists(hostile, min_size=1, max_size=4))
@example(
    m=ArgumentMap(
        claims=[Claim(id="end", text="a"), Claim(id="b", text="b")],
        relations=[Relation(sources=["end"], target="b")],
        groups=[Group("end", "g", ["end"])],
    ),
    texts=["$$x^2$$ **b** `c` #quot; \u00b6\u00df style a:#f00; <br> end"],
).via("KaTeX, markdown, entity codes, Mermaid's stand-ins, a style line, a keyword")
def test_mermaid_renders_any_map_with_any_text(
    mermaid_page: Any, m: ArgumentMap, texts: list[str]
) -> None:
    assert_renders(mermaid_page, with_texts(m, texts))
