"""argmap.analysis.focus: the claims within N steps of one claim, with the relations,
groups and actors among them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Claim, Group, Inference, Relation, examples
from argmap.analysis.focus import focus
from argmap.errors import ArgmapError, Severity

FLAGSHIP = examples.load("second-occupation")


def ids(m: ArgumentMap) -> list[str]:
    return [claim.id for claim in m.claims]


def relations(m: ArgumentMap) -> list[str]:
    return [relation.describe() for relation in m.relations]


def test_depth_one_on_the_flagship_motive_keeps_its_reasons_and_what_it_supports() -> None:
    focused = focus(FLAGSHIP, "motive-warn-iran", depth=1)
    assert ids(focused) == [
        "thesis",
        "soleimani-rank",
        "hold-slipping",
        "iran-backs-independent",
        "motive-warn-iran",
        "war-risk",
    ]
    assert relations(focused) == [
        "hold-slipping supports motive-warn-iran",
        "motive-warn-iran supports thesis",
        "motive-warn-iran supports war-risk",
        "soleimani-rank + iran-backs-independent supports motive-warn-iran",
    ]
    assert [(g.id, g.members) for g in focused.groups] == [("dual-motive", ("motive-warn-iran",))]
    assert [a.id for a in focused.actors] == ["us"]
    assert focused.title == (
        "The second occupation of Iraq — why the US killed Soleimani — focus: motive-warn-iran"
    )
    assert focused.source == FLAGSHIP.source


def test_depth_two_on_the_flagship_motive() -> None:
    focused = focus(FLAGSHIP, "motive-warn-iran", depth=2)
    assert ids(focused) == [
        "thesis",
        "official-justification",
        "soleimani-rank",
        "us-stepped-back",
        "iran-role",
        "balance-shift",
        "parliament-sovereignty",
        "embassy-occupation",
        "hold-slipping",
        "iran-backs-independent",
        "pmu-targeted",
        "motive-warn-iran",
        "motive-decapitate-pmu",
        "war-risk",
    ]
    assert len(focused.relations) == 12
    assert [(g.id, len(g.members)) for g in focused.groups] == [
        ("dual-motive", 2),
        ("pmu-rise", 1),
        ("pmu-as-target", 1),
    ]


def test_down_keeps_reasons_only_and_up_what_the_claim_bears_on() -> None:
    down = focus(FLAGSHIP, "hold-slipping", depth=1, direction="down")
    assert ids(down) == [
        "us-stepped-back",
        "balance-shift",
        "parliament-sovereignty",
        "embassy-occupation",
        "hold-slipping",
    ]
    up = focus(FLAGSHIP, "hold-slipping", direction="up")
    # pmu-targeted comes as the co-premise of the linked reason for motive-decapitate-pmu.
    assert ids(up) == [
        "thesis",
        "official-justification",
        "hold-slipping",
        "pmu-targeted",
        "motive-warn-iran",
        "motive-decapitate-pmu",
        "war-risk",
    ]
    assert "pmu-targeted + hold-slipping supports motive-decapitate-pmu" in relations(up)


def test_the_question_alone_is_all_its_focus_keeps() -> None:
    focused = focus(FLAGSHIP, "open-question")
    assert (ids(focused), focused.relations, focused.groups, focused.actors) == (
        ["open-question"],
        (),
        (),
        (),
    )


def _undercut_map() -> ArgumentMap:
    return ArgumentMap(
        claims=[Claim(id=x, text=x.upper()) for x in ("a", "b", "c", "u", "v")],
        relations=[
            Relation(sources=["a"], target="b"),
            Relation(sources=["b"], target="c"),
            Relation(sources=["u"], target=Inference("a", "b"), kind="undercuts"),
            Relation(sources=["v"], target=Inference("u", Inference("a", "b")), kind="undercuts"),
        ],
        groups=[Group("g", "G", ["a", "c"])],
    )


def test_an_undercut_is_one_step_from_each_claim_of_the_inference_it_attacks() -> None:
    m = _undercut_map()
    assert ids(focus(m, "u", depth=1)) == ["a", "b", "u", "v"]
    assert relations(focus(m, "u", depth=1)) == [
        "a supports b",
        "u undercuts (a -> b)",
        "v undercuts (u -> (a -> b))",
    ]


def test_an_undercut_is_dropped_with_the_relation_it_attacks() -> None:
    focused = focus(_undercut_map(), "c", depth=1)
    assert (ids(focused), relations(focused)) == (["b", "c"], ["b supports c"])
    assert focused.groups == (Group("g", "G", ["c"]),)


def test_a_map_with_no_title_is_titled_by_its_focus() -> None:
    assert focus(_undercut_map(), "a", depth=0).title == "Focus: a"


def test_an_unknown_claim_names_the_nearest() -> None:
    with pytest.raises(ArgmapError) as raised:
        focus(FLAGSHIP, "motive-warn-irn")
    assert str(raised.value) == (
        "cannot focus: unknown claim 'motive-warn-irn'; did you mean 'motive-warn-iran'?"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"depth": -1}, "depth must be a whole number from 0 up, or None; got -1"),
        ({"direction": "sideways"}, "direction must be one of both, up, down; got 'sideways'"),
    ],
)
def test_a_bad_depth_or_direction_is_refused(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as raised:
        focus(FLAGSHIP, "thesis", **options)  # type: ignore[arg-type]
    assert str(raised.value) == message


# --- properties on random maps --------------------------------------------------------------


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    """A sound map of up to 12 claims: supports and attacks, linked or not, and undercuts."""
    count = draw(st.integers(1, 12))
    names = [f"c{i}" for i in range(count)]
    found: dict[tuple[str, ...], Relation] = {}
    for _ in range(draw(st.integers(0, 2 * count))):
        target = draw(st.sampled_from(names))
        others = [n for n in names if n != target]
        if not others:
            break
        sources = draw(st.lists(st.sampled_from(others), min_size=1, max_size=2, unique=True))
        kind = draw(st.sampled_from(["supports", "attacks"]))
        found.setdefault(
            (*sorted(sources), target), Relation(sources=sources, target=target, kind=kind)
        )
    plain = list(found.values())
    undercuts = []
    for relation in plain[: draw(st.integers(0, 3))]:
        source = draw(st.sampled_from(names))
        undercuts.append(Relation(sources=[source], target=relation.inference, kind="undercuts"))
    members = draw(st.lists(st.sampled_from(names), max_size=4, unique=True))
    return ArgumentMap(
        claims=[Claim(id=n, text=n) for n in names],
        relations=[*plain, *undercuts],
        groups=[Group("g", "G", members)] if members else [],
    )


def _errors(m: ArgumentMap) -> list[str]:
    return [str(p) for p in argmap.validate(m) if p.severity is Severity.ERROR]


def _component(m: ArgumentMap, start: str) -> set[str]:
    """The claims linked to ``start`` by relations, each relation joining all its claims."""
    joined: dict[str, set[str]] = {c.id: set() for c in m.claims}
    for relation in m.relations:
        ends: set[str] = set(relation.sources)
        target = relation.target
        while isinstance(target, Inference):
            ends.update(target.sources)
            target = target.target
        ends.add(target)
        for end in ends:
            joined[end] |= ends
    seen, todo = {start}, [start]
    while todo:
        for other in joined[todo.pop()] - seen:
            seen.add(other)
            todo.append(other)
    return seen


@given(maps(), st.data())
def test_unlimited_focus_keeps_the_connected_component(
    m: ArgumentMap, data: st.DataObject
) -> None:
    if _errors(m):
        return
    start = data.draw(st.sampled_from(ids(m)))
    focused = focus(m, start)
    assert set(ids(focused)) == _component(m, start)
    kept = set(ids(focused))
    assert len(focused.relations) == sum(all(s in kept for s in r.sources) for r in m.relations)


@given(maps(), st.data())
def test_a_focused_map_validates(m: ArgumentMap, data: st.DataObject) -> None:
    if _errors(m):
        return
    start = data.draw(st.sampled_from(ids(m)))
    depth = data.draw(st.none() | st.integers(0, 4))
    direction = data.draw(st.sampled_from(["both", "up", "down"]))
    focused = focus(m, start, depth, direction)
    assert _errors(focused) == []
    assert start in ids(focused)
    assert all(g.members for g in focused.groups)


@given(maps(), st.data())
def test_depth_zero_keeps_the_claim_alone(m: ArgumentMap, data: st.DataObject) -> None:
    start = data.draw(st.sampled_from(ids(m)))
    focused = focus(
        m, start, depth=0, direction=data.draw(st.sampled_from(["both", "up", "down"]))
    )
    assert (ids(focused), focused.relations) == ([start], ())
