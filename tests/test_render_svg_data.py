"""The SVG knows the map: each claim, relation, group, legend entry and note carries the
map's own id and its kind as ``data-`` attributes (issue 22), escaped, for CSS and scripts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

import argmap
from argmap.model import ArgumentMap, Claim, Inference, Relation
from argmap.rendering.svg import xml_legal

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "examples" / "second-occupation" / "map.yaml"
WATCHMAKER = ROOT / "examples" / "watchmaker" / "map.yaml"
_G = "{http://www.w3.org/2000/svg}g"


def _data(svg: bytes) -> dict[str, dict[str, str]]:
    """Each element's id and its data- attributes, for the elements that have any."""
    found = {}
    for group in ET.fromstring(svg).iter(_G):
        data = {k: v for k, v in group.attrib.items() if k.startswith("data-")}
        if data:
            found[group.get("id", "")] = data
    return found


def test_every_claim_and_group_of_the_flagship_carries_its_id_and_kind() -> None:
    m = argmap.load(FLAGSHIP)
    data = _data(argmap.render(m, status={"thesis": "in"}, strength={"thesis": 0.625}))
    claims = {d["data-id"]: d for i, d in data.items() if i.startswith("claim-")}
    assert {c: d["data-kind"] for c, d in claims.items()} == {c.id: c.kind.value for c in m.claims}
    assert claims["thesis"] == {
        "data-id": "thesis",
        "data-kind": "thesis",
        "data-status": "in",
        "data-strength": "0.625",
    }
    groups = {i: d for i, d in data.items() if i.startswith("group-")}
    assert groups == {
        f"group-{n}": {"data-id": g.id, "data-kind": "group"} for n, g in enumerate(m.groups)
    }


def test_every_part_of_a_relation_names_it_as_the_map_does() -> None:
    m = argmap.load(WATCHMAKER)
    data = _data(argmap.render(m))
    parts = {i: d for i, d in data.items() if i.startswith(("relation-", "inference-"))}
    for element, attributes in parts.items():
        index = int(attributes["data-relation"])
        relation = m.relations[index]
        assert element.split("-")[1] == str(index)
        assert attributes["data-id"] == relation.describe()
        assert attributes["data-kind"] == relation.kind.value
    # Each premise's line into a junction names its premise.
    linked = next(i for i, r in enumerate(m.relations) if r.linked)
    sources = [parts[f"relation-{linked}-{p}"]["data-source"] for p in range(2)]
    assert sorted(sources) == sorted(m.relations[linked].sources)
    # The undercut mark and the stem belong to the inference the undercut attacks.
    undercut = next(r for r in m.relations if isinstance(r.target, Inference))
    attacked = next(i for i, r in enumerate(m.relations) if undercut.target.matches(r))  # type: ignore[union-attr]
    assert parts[f"inference-{attacked}-mark"]["data-relation"] == str(attacked)
    assert parts[f"relation-{attacked}-stem"]["data-relation"] == str(attacked)
    assert {d["data-relation"] for d in parts.values()} == {
        str(i) for i in range(len(m.relations))
    }


def test_the_legend_and_the_notes_say_what_they_show() -> None:
    m = argmap.load(FLAGSHIP)
    data = _data(argmap.render(m, quotes="footnotes"))
    assert data["legend"] == {"data-kind": "legend"}
    assert data["legend-thesis"] == {"data-kind": "thesis"}
    assert data["legend-attacks"] == {"data-kind": "attacks"}
    quoted = [c.id for c in m.claims if c.quote]
    notes = [data[f"note-{n}"] for n in range(1, len(quoted) + 1)]
    assert notes == [{"data-id": c, "data-kind": "note"} for c in quoted]


_ID = st.text(min_size=1, max_size=20).filter(lambda t: xml_legal(t).strip() != "")


@given(_ID, _ID)
@example('"><script>alert(1)</script>', "a & b \n\t 'c'")
@example("x\x00\x1f\ufffe", "]]> <!-- -->")
def test_any_id_comes_back_from_the_svg_exactly_but_for_what_xml_cannot_hold(
    thesis: str, premise: str
) -> None:
    if thesis == premise:
        premise += "'"
    m = ArgumentMap(
        claims=[Claim(id=thesis, text="T", kind="thesis"), Claim(id=premise, text="P")],
        relations=[Relation(sources=premise, target=thesis)],
    )
    data = _data(argmap.render(m, legend=False))
    assert data["claim-c0"]["data-id"] == xml_legal(thesis)
    assert data["claim-c1"]["data-id"] == xml_legal(premise)
    assert data["relation-0"]["data-id"] == xml_legal(f"{premise} supports {thesis}")
    assert len([e for e in data if e.startswith("claim-")]) == 2  # no element of the map's
