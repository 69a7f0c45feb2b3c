"""MapBuilder: maps in Python that equal the same maps read from files."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path

import pytest
from stack_support import shallow_stack

import argmap
from argmap import MapBuilder
from argmap.errors import Location
from argmap.model import Claim, ClaimKind, Inference, Relation, RelationKind, Source


def _line() -> int:
    """The line of the caller."""
    frame = inspect.currentframe()
    assert frame is not None
    assert frame.f_back is not None
    return frame.f_back.f_lineno


def core_map() -> argmap.ArgumentMap:
    """tests/data/core.yaml, written with the builder."""
    b = MapBuilder(
        "Should we build the bridge?",
        source=Source(
            title="The Bridge Debate",
            author="A. Writer",
            url="https://example.org/bridge",
            date="2024-05-01",
        ),
        metadata={"reviewed": True},
    )
    b.actor("city", "City Council")
    builders = b.actor("builders", "Builders' Union", country="NL")
    build = b.thesis(
        "build", "The city should build the bridge.", tags=["policy", "infrastructure"]
    )
    b.evidence(
        "traffic",
        "Traffic on the ferry doubled in five years.",
        quote="ferry traffic has doubled since 2019",
        supports=build,
    )
    demand = b.premise("demand", "Demand will keep growing.")
    capacity = b.assumption("capacity", "The ferry cannot grow further.")
    jobs = b.motive("jobs", "The union wants construction jobs.", actor=builders, supports=build)
    cost = b.objection("cost", "The bridge costs too much.", attacks=[build, jobs])
    debt = b.consequence("debt", "The city will take on debt.", supports=cost)
    b.claim("tolls", "Tolls can pay for the bridge.", undercuts=Inference(debt, cost))
    step = b.supports([demand, capacity], build)
    b.question("when", "When would it open?", metadata={"priority": 2})
    b.undercuts("when", step)
    b.group("economy", "Economic reasons", ["cost", "debt", "tolls"])
    return b.build()


def test_builder_map_equals_the_same_map_loaded_from_yaml(data: Path) -> None:
    assert core_map() == argmap.load(data / "core.yaml")


def test_claim_methods_return_the_id_to_chain_from() -> None:
    b = MapBuilder()
    assert b.thesis("t", "T") == "t"
    assert b.premise("p", "P", supports="t") == "p"
    assert b.actor("us", "Us") == "us"
    assert b.group("g", "G", ["p"]) == "g"


@pytest.mark.parametrize(
    ("method", "kind"),
    [
        ("thesis", ClaimKind.THESIS),
        ("premise", ClaimKind.PREMISE),
        ("evidence", ClaimKind.EVIDENCE),
        ("objection", ClaimKind.OBJECTION),
        ("assumption", ClaimKind.ASSUMPTION),
        ("consequence", ClaimKind.CONSEQUENCE),
        ("question", ClaimKind.QUESTION),
    ],
)
def test_each_kind_method_adds_a_claim_of_that_kind(method: str, kind: ClaimKind) -> None:
    b = MapBuilder()
    getattr(b, method)("c", "C")
    assert b.build().claim("c") == Claim(id="c", text="C", kind=kind)


def test_motive_method_requires_and_records_the_actor() -> None:
    b = MapBuilder()
    b.motive("m", "M", actor=b.actor("us", "Us"))
    claim = b.build().claim("m")
    assert (claim.kind, claim.actor) == (ClaimKind.MOTIVE, "us")


def test_kind_may_be_given_as_text() -> None:
    b = MapBuilder()
    b.claim("q", "Q?", kind="question")
    assert b.build().claim("q").kind is ClaimKind.QUESTION


def test_relation_methods_return_the_inference_to_undercut() -> None:
    b = MapBuilder()
    t, p, q = b.thesis("t", "T"), b.premise("p", "P"), b.premise("q", "Q")
    step = b.supports([p, q], t)
    attack = b.attacks(b.objection("o", "O"), p)
    cut = b.undercuts(b.premise("u", "U"), step, metadata={"note": "weak"})
    assert step == Inference(["p", "q"], "t")
    assert attack == Inference("o", "p")
    assert cut == Inference("u", Inference(["p", "q"], "t"))
    assert b.build().relations == (
        Relation(sources=["p", "q"], target="t"),
        Relation(sources="o", target="p", kind=RelationKind.ATTACKS),
        Relation(sources="u", target=step, kind=RelationKind.UNDERCUTS, metadata={"note": "weak"}),
    )


def test_claim_shorthand_adds_one_relation_per_target() -> None:
    b = MapBuilder()
    b.thesis("t", "T")
    b.premise("p", "P")
    b.claim("c", "C", supports=["t", "p"], attacks="p")
    with pytest.warns(argmap.ArgmapWarning, match="'c' both supports and attacks 'p'"):
        m = b.build()
    assert [r.describe() for r in m.relations] == [
        "c supports t",
        "c supports p",
        "c attacks p",
    ]


def test_builder_problems_carry_the_file_and_line_that_added_the_element() -> None:
    b = MapBuilder()
    b.thesis("t", "T")
    supports_line = _line() + 1
    b.premise("p", "P", supports="tt")
    linked_line = _line() + 1
    b.supports(["p", "q"], "t")
    group_line = _line() + 1
    b.group("g", "G", ["p", "zz"])
    duplicate_line = _line() + 1
    b.claim("t", "Again")
    motive_line = _line() + 1
    b.motive("m", "M", actor="nobody")
    with pytest.raises(argmap.ValidationError) as raised:
        b.build()
    here = __file__
    assert [(p.location, p.message) for p in raised.value.problems] == [
        (
            Location(here, duplicate_line),
            "duplicate claim id 't' (2 claims share it); ids must be unique",
        ),
        (Location(here, motive_line), "unknown actor 'nobody': the map has no actors"),
        (Location(here, supports_line), "unknown claim 'tt'; did you mean 't'?"),
        (Location(here, linked_line), "unknown claim 'q'; did you mean 't' or 'p' or 'm'?"),
        (Location(here, group_line), "unknown claim 'zz'; did you mean 't' or 'p' or 'm'?"),
    ]
    assert str(raised.value).splitlines()[:2] == [
        "5 problems:",
        f"{here}:{duplicate_line}: error: duplicate claim id 't' (2 claims share it); ids "
        "must be unique",
    ]


def test_builder_keeps_title_source_and_metadata() -> None:
    source = Source(title="S", url="https://example.org")
    b = MapBuilder("T", source=source, metadata={"k": [1]})
    b.thesis("t", "T")
    m = b.build()
    assert (m.title, m.source, m.metadata) == ("T", source, {"k": [1]})


def test_builder_takes_a_source_as_a_mapping_of_its_fields() -> None:
    b = MapBuilder(source={"title": "S", "url": "https://example.org"})
    assert b.source == Source(title="S", url="https://example.org")
    with pytest.raises(TypeError) as raised:
        MapBuilder(source={"titel": "S"})
    assert str(raised.value) == (
        "MapBuilder: source has no field 'titel' (its fields: title, author, url, date, metadata)"
    )


def test_misspelt_kind_in_builder_is_an_argmap_error_naming_the_nearest_kind() -> None:
    b = MapBuilder()
    with pytest.raises(argmap.ArgmapError, match="did you mean 'motive'"):
        b.claim("x", "X", kind="motiv")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda b: b.thesis(123, "text"),
            "MapBuilder: claim_id must be a str; got 123 (int)",
        ),
        (lambda b: b.premise("p", 5), "Claim.text must be a str; got 5 (int)"),
        (
            lambda b: b.claim("c", "C", kind=5),
            "MapBuilder: kind must be a ClaimKind or its value (str); got 5 (int)",
        ),
        (
            lambda b: b.claim("c", "C", metadata=[1]),
            "MapBuilder: metadata must be a mapping or None; got [1] (list)",
        ),
        (
            lambda b: b.claim("c", "C", supports=["t", 5]),
            "MapBuilder: each of supports must be a claim id (str); got 5 (int)",
        ),
        (
            lambda b: b.claim("c", "C", attacks=5),
            "MapBuilder: attacks must be a claim id (str), an iterable of them, or None; got 5 "
            "(int)",
        ),
        (
            lambda b: b.claim("c", "C", undercuts="t"),
            "MapBuilder: undercuts must be an Inference (what supports() returns), an iterable "
            "of them, or None; got 't' (str)",
        ),
        (
            lambda b: b.undercuts("c", "t"),
            "MapBuilder: inference must be an Inference (what supports() returns); got 't' (str)",
        ),
        (lambda b: b.supports("c", 5), "MapBuilder: target must be a claim id (str); got 5 (int)"),
        (
            lambda b: b.attacks(None, "t", metadata="x"),
            "MapBuilder: metadata must be a mapping or None; got 'x' (str)",
        ),
        (lambda b: b.actor(5, "A"), "MapBuilder: actor_id must be a str; got 5 (int)"),
        (lambda b: b.actor("a", None), "Actor.name must be a str; got None (NoneType)"),
        (
            lambda b: b.group("g", "G", 5),
            "MapBuilder: members must be a claim id (str), an iterable of them, or None; got 5 "
            "(int)",
        ),
        (lambda b: MapBuilder(5), "MapBuilder: title must be a str or None; got 5 (int)"),
        (
            lambda b: MapBuilder(source="S"),
            "MapBuilder: source must be a Source, a mapping of its fields, or None; got 'S' (str)",
        ),
    ],
)
def test_a_wrong_type_is_a_type_error_at_the_call_naming_the_parameter(
    call: Callable[[MapBuilder], object], message: str
) -> None:
    b = MapBuilder()
    b.thesis("t", "T")
    with pytest.raises(TypeError) as raised:
        call(b)
    assert str(raised.value) == message
    assert b.build() == argmap.ArgumentMap(claims=[Claim(id="t", text="T", kind=ClaimKind.THESIS)])


def test_a_lone_tag_or_member_is_one_not_its_letters() -> None:
    b = MapBuilder()
    b.thesis("t", "T", tags="policy")
    b.group("g", "G", "t")
    b.premise("tt", "TT", supports="t")
    b.group("h", "H", "tt")
    m = b.build()
    assert m.claim("t").tags == ("policy",)
    assert [g.members for g in m.groups] == [("t",), ("tt",)]


def test_a_thousand_undercuts_deep_is_a_problem_at_the_line_of_each_too_deep_one() -> None:
    b = MapBuilder()
    step = b.supports(b.premise("p", "P"), b.thesis("t", "T"))
    line = _line() + 3
    with shallow_stack():
        for i in range(1_000):
            step = b.undercuts(b.premise(f"u{i}", "U"), step)
        with pytest.raises(argmap.ValidationError) as raised:
            b.build()
    found = raised.value.problems
    assert len(found) == 1_000 - 59
    assert {p.location for p in found} == {Location(__file__, line)}
    assert found[0].message.startswith("'u59' undercuts an inference nested more than 59 deep")
