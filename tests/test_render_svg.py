"""The finished SVG, from both engines: well-formed, every label's text, safe, the same bytes
in every process."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from render_support import (
    Renders,
    claim_node_id,
    groups_of_class,
    load_map,
    normalise,
    parse_svg,
    requires,
    shape_box,
    shows_text,
    tag,
    text_lines,
    unsafe_markup,
)

from argmap import MapBuilder
from argmap.model import ArgumentMap, Claim, ClaimKind, Relation, RelationKind
from argmap.rendering import render
from argmap.rendering.engines import get_engine
from argmap.rendering.typeset import default_fonts

ENGINES = ["embedded", "system"]
MAPS = ["plain", "hostile-printable", "multilingual", "twenty", "flagship"]

# Any text, drawn: characters no font has warn (tests/test_render_fonts.py checks that).
pytestmark = pytest.mark.filterwarnings("ignore::argmap.rendering.engines.FontWarning")


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    if request.param == "system":
        requires(shutil.which("dot"), "Graphviz's dot is not on PATH: no system engine")
    return str(request.param)


@pytest.mark.parametrize("name", MAPS)
def test_svg_parses_and_each_claim_node_shows_the_claims_whole_text(
    name: str, engine: str, rendered: Renders
) -> None:
    m = load_map(name)
    root = parse_svg(rendered(name, engine=engine))
    nodes = groups_of_class(root, "node")
    for claim in m.claims:
        lines = text_lines(nodes[claim_node_id(m, claim.id)])
        assert shows_text(lines, claim.text), f"{claim.id!r}: {lines} does not show {claim.text!r}"


@pytest.mark.parametrize("name", ["hostile-printable", "multilingual", "twenty", "flagship"])
def test_each_motives_kind_line_names_its_actor_in_capitals(
    name: str, engine: str, rendered: Renders
) -> None:
    m = load_map(name)
    nodes = groups_of_class(parse_svg(rendered(name, engine=engine)), "node")
    motives = [c for c in m.claims if c.kind is ClaimKind.MOTIVE]
    assert motives
    for claim in motives:
        assert claim.actor is not None
        actor = normalise(m.actor(claim.actor).name).upper()
        lines = text_lines(nodes[claim_node_id(m, claim.id)])
        assert any(actor in normalise(line) for line in lines), f"{actor!r} not in {lines}"


def test_the_title_is_drawn_above_the_map(engine: str, rendered: Renders) -> None:
    m = load_map("plain")
    root = parse_svg(rendered("plain", engine=engine))
    graph = root.find(tag("g"))
    assert graph is not None
    title = [t for t in graph if t.tag == tag("text")]
    assert ["".join(t.itertext()) for t in title] == [m.title]
    thesis = shape_box(groups_of_class(root, "node")[claim_node_id(m, "trees")])
    assert all(float(t.get("y", 0)) < thesis[1] for t in title)


@pytest.mark.parametrize("name", MAPS)
def test_svg_has_no_script_event_handler_or_outside_reference(
    name: str, engine: str, rendered: Renders
) -> None:
    root = parse_svg(rendered(name, engine=engine))
    assert unsafe_markup(root) == []
    for element in root.iter():
        for attribute, value in element.attrib.items():
            if attribute.endswith("href"):
                assert value.startswith(("#", "data:")), f"outside reference {value!r}"
    style = "".join(s.text or "" for s in root.iter(tag("style")))
    assert re.findall(r"url\((?!data:)", style) == []


def test_hostile_text_reaches_the_svg_as_text_not_markup(engine: str, rendered: Renders) -> None:
    data = rendered("hostile-printable", engine=engine)
    assert b"<script" not in data
    assert b"<img" not in data
    assert b"<svg onload" not in data
    m = load_map("hostile-printable")
    nodes = groups_of_class(parse_svg(data), "node")
    premise = text_lines(nodes[claim_node_id(m, "<script>alert(1)</script>")])
    assert "<script>alert(1)</script>" in " ".join(premise)


def test_hostile_map_with_control_characters_gives_well_formed_svg(rendered: Renders) -> None:
    m = load_map("hostile")
    root = parse_svg(rendered("hostile"))
    assert unsafe_markup(root) == []
    nodes = groups_of_class(root, "node")
    assert all(shows_text(text_lines(nodes[claim_node_id(m, c.id)]), c.text) for c in m.claims)


@pytest.mark.parametrize("field", ["title", "text", "actor", "label"])
def test_control_characters_in_any_drawn_string_give_well_formed_svg(field: str) -> None:
    strings = {"title": "Title", "text": "Claim", "actor": "Actor", "label": "Group"}
    strings[field] += " bell\x07 escape\x1b null\x00 end"
    b = MapBuilder(strings["title"])
    b.actor("a", strings["actor"])
    b.motive("m", strings["text"], actor="a")
    b.premise("p", "Plain.", supports="m")
    b.group("g", strings["label"], ["m"])
    root = parse_svg(render(b.build()))
    lines = text_lines(groups_of_class(root, "node")["claim-c0"])
    assert shows_text(lines, strings["text"])
    assert "ACTOR" in " ".join(lines)


# --- relations and groups ----------------------------------------------------------------


def edge_look(edge: ET.Element) -> tuple[str, tuple[tuple[str, int], ...]]:
    """An edge's line colour and the shapes of its arrowhead (element, corner count)."""
    line = next(e for e in edge.iter(tag("path")))
    head = []
    for element in edge.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in ("polygon", "polyline", "ellipse"):
            points = element.get("points", "").split()
            head.append((name, len(points)))
    return line.get("stroke", "").lower(), tuple(sorted(head))


def test_support_and_attack_edges_differ_in_colour_and_arrowhead(
    engine: str, rendered: Renders
) -> None:
    m = load_map("plain")
    edges = groups_of_class(parse_svg(rendered("plain", engine=engine)), "edge")
    looks: dict[RelationKind, set[tuple[str, tuple[tuple[str, int], ...]]]] = {}
    for index, relation in enumerate(m.relations):
        looks.setdefault(relation.kind, set()).add(edge_look(edges[f"relation-{index}"]))
    (support,) = looks[RelationKind.SUPPORTS]
    (attack,) = looks[RelationKind.ATTACKS]
    assert support[0] != attack[0], "support and attack share a colour"
    assert support[1] != attack[1], "support and attack share an arrowhead"


def contains(outer: tuple[float, ...], inner: tuple[float, ...]) -> bool:
    x0, y0, x1, y1 = outer
    return x0 <= inner[0] and y0 <= inner[1] and inner[2] <= x1 and inner[3] <= y1


@pytest.mark.parametrize("name", ["twenty", "multilingual"])
def test_each_group_is_a_drawn_cluster_with_its_label_around_its_members(
    name: str, engine: str, rendered: Renders
) -> None:
    m = load_map(name)
    root = parse_svg(rendered(name, engine=engine))
    clusters = groups_of_class(root, "cluster")
    nodes = groups_of_class(root, "node")
    assert m.groups
    for group in m.groups:
        labelled = [c for c in clusters.values() if shows_text(text_lines(c), group.label)]
        assert len(labelled) == 1, f"no one cluster is labelled {group.label!r}"
        box = shape_box(labelled[0])
        for member in group.members:
            assert contains(box, shape_box(nodes[claim_node_id(m, member)])), member


# --- fonts -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["multilingual", "hostile-printable"])
def test_every_font_the_text_names_is_embedded_in_the_svg(name: str, rendered: Renders) -> None:
    root = parse_svg(rendered(name))
    style = "".join(s.text or "" for s in root.iter(tag("style")))
    embedded = set(re.findall(r"@font-face\{font-family:'([^']+)'[^}]*src:url\(data:", style))
    used = {
        span.get("font-family", "").strip("'\"")
        for span in root.iter(tag("tspan"))
        if span.get("font-family")
    }
    assert used, "no text names a font"
    assert used <= embedded
    # Each embedded family is named for its subset, then for the font's own family.
    assert all(re.fullmatch(r"argmap-[0-9a-f]{8}-[A-Za-z0-9 _-]+", family) for family in used)
    if name == "multilingual":
        own = {family[len("argmap-12345678-") :] for family in used}
        assert {"Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Emoji"} <= own
        assert "Noto Sans CJK SC" in own


# --- the same bytes everywhere -----------------------------------------------------------

RENDER_TO_FILE = (
    "import sys, argmap\n"
    "from argmap.rendering import render\n"
    "open(sys.argv[2], 'wb').write(render(argmap.load(sys.argv[1])))\n"
)


# The multilingual map: every face embedded, some drawing both regular and bold text.
def test_default_svg_is_byte_identical_in_two_differently_configured_processes(
    tmp_path: Path, rendered: Renders
) -> None:
    dot = shutil.which("dot")
    requires(dot, "Graphviz's dot is not on PATH: cannot compare with and without it")
    assert dot is not None
    source = Path(__file__).parent / "data" / "multilingual.yaml"
    empty_bin = tmp_path / "empty-bin"
    empty_bin.mkdir()
    no_fonts = tmp_path / "no-fonts.conf"
    no_fonts.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n')
    configs = {
        "a": {
            "PATH": f"{Path(dot).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "LANG": "C.UTF-8",
            "TZ": "UTC",
            "PYTHONHASHSEED": "0",
        },
        "b": {
            "PATH": str(empty_bin),
            "LANG": "tr_TR.UTF-8",
            "LC_ALL": "tr_TR.UTF-8",
            "TZ": "Pacific/Chatham",
            "PYTHONHASHSEED": "4242",
            "FONTCONFIG_FILE": str(no_fonts),
            "SOURCE_DATE_EPOCH": "0",
        },
    }
    assert shutil.which("dot", path=configs["a"]["PATH"]) is not None
    assert shutil.which("dot", path=configs["b"]["PATH"]) is None
    processes = {}
    for name, env in configs.items():
        home, cwd = tmp_path / f"home-{name}", tmp_path / f"cwd-{name}"
        home.mkdir()
        cwd.mkdir()
        env = {**env, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
        output = tmp_path / f"{name}.svg"
        processes[name] = (
            subprocess.Popen(
                [sys.executable, "-c", RENDER_TO_FILE, str(source), str(output)],
                env=env,
                cwd=cwd,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            ),
            output,
        )
    outputs = {}
    for name, (process, output) in processes.items():
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()
        assert stdout == b""
        outputs[name] = output.read_bytes()
    assert outputs["a"] == outputs["b"]
    assert outputs["a"] == rendered("multilingual")


def test_embedded_fonts_do_not_depend_on_the_order_the_text_was_drawn_in() -> None:
    from argmap.rendering import svg

    fonts = default_fonts()
    used = [(fonts.face_for("中", bold=False), "中文"), (fonts.face_for("中", bold=True), "粗体")]
    assert svg.font_faces(used) == svg.font_faces(used[::-1])


# --- escaping, for any text --------------------------------------------------------------

# Any character but lone surrogates (which no file can hold).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)
LABEL = TEXT


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    title=TEXT, thesis_id=TEXT, thesis=TEXT, reason_id=TEXT, reason=TEXT, name=TEXT, label=LABEL
)
# A word too wide for a line is cut across lines: the test must find it all the same.
@example(
    title="T",
    thesis_id="t",
    thesis="A thesis.",
    reason_id="r",
    reason="W" * 25,
    name="N",
    label="L",
)
@example(
    title="T",
    thesis_id="t",
    thesis="10\xa0km",
    reason_id="r",
    reason="WWWWWWW\xa0" * 4,
    name="N",
    label="L",
)
def test_any_text_gives_dot_the_engine_accepts_and_svg_with_that_text_and_no_markup(
    title: str, thesis_id: str, thesis: str, reason_id: str, reason: str, name: str, label: str
) -> None:
    assume(all(s.strip() for s in (thesis_id, reason_id, name)) and thesis_id != reason_id)
    assume(all(normalise(s) for s in (thesis, reason)))
    b = MapBuilder(title)
    b.actor("actor", name)
    b.thesis(thesis_id, thesis)
    b.motive(reason_id, reason, actor="actor", supports=thesis_id)
    b.group("group", label, [reason_id])
    m = b.build()
    get_engine("embedded").run(render(m, "dot").decode(), "dot")  # raises on broken DOT
    root = parse_svg(render(m))
    assert unsafe_markup(root) == []
    nodes = groups_of_class(root, "node")
    assert shows_text(text_lines(nodes["claim-c0"]), thesis)
    motive = text_lines(nodes["claim-c1"])
    assert shows_text(motive, reason)
    assert any(normalise(name).upper() in normalise(line) for line in motive)


def test_stacked_marks_are_drawn_at_most_four_to_a_character() -> None:
    # A thousand marks on one letter drew a line across the picture.
    b = MapBuilder("Title")
    b.thesis("t", "Z" + "\u0336" * 1_000 + " Vie\u0323\u0302t")
    lines = text_lines(groups_of_class(parse_svg(render(b.build())), "node")["claim-c0"])
    assert lines[1:] == ["Z" + "\u0336" * 4 + " Vie\u0323\u0302t"]


@pytest.mark.parametrize(
    ("title", "label", "text"),
    [(" ", "Group", "Claim"), ("Title", "", "Claim"), ("Title", "Group", "\x7f")],
    ids=["blank-title", "empty-group-label", "invisible-claim-text"],
)
def test_a_valid_map_with_an_empty_label_still_renders(title: str, label: str, text: str) -> None:
    b = MapBuilder(title)
    b.thesis("t", text)
    b.premise("p", "A reason.", supports="t")
    b.group("g", label, ["p"])
    m = b.build()
    get_engine("embedded").run(render(m, "dot").decode(), "dot")
    parse_svg(render(m))


# --- the library's faces: notebooks, to_dot, argmap.render -------------------------------


def test_a_map_shows_itself_in_a_notebook_as_its_svg(rendered: Renders) -> None:
    svg = load_map("plain")._repr_svg_()
    assert isinstance(svg, str)
    assert svg.encode("utf-8") == rendered("plain")


def test_to_dot_is_the_maps_dot_with_the_options_of_render(rendered: Renders) -> None:
    m = load_map("plain")
    assert m.to_dot() == rendered("plain", "dot").decode("utf-8")
    assert m.to_dot(theme="print", direction="LR") == render(
        m, "dot", theme="print", direction="LR"
    ).decode("utf-8")


def test_argmap_render_is_the_render_function(rendered: Renders) -> None:
    import argmap

    assert argmap.render(load_map("plain")) == rendered("plain")
    assert argmap.render(load_map("plain"), format="dot") == rendered("plain", "dot")


@pytest.mark.parametrize(
    "m",
    [
        pytest.param(ArgumentMap(), id="empty"),
        pytest.param(
            ArgumentMap(
                claims=[Claim(id="a", text="A")], relations=[Relation(sources=["a"], target="b")]
            ),
            id="unknown-claim",
        ),
    ],
)
def test_a_map_that_cannot_be_drawn_shows_as_text_in_a_notebook(m: ArgumentMap) -> None:
    # IPython shows the text form when _repr_svg_ gives None, a traceback when it raises.
    assert m._repr_svg_() is None
