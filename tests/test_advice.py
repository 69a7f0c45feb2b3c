"""Warnings: what is legal but probably wrong is reported, and never stops a map."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from stack_support import shallow_stack

import argmap
from argmap import limits
from argmap.advice import CODES, advise
from argmap.errors import Problem, Severity
from argmap.formats import check, check_file
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimKind,
    Inference,
    MapStyle,
    Relation,
    RelationKind,
)
from argmap.validation import validate

Problems = Callable[..., list[str]]

ROOT = Path(__file__).parent.parent
CYCLE_FIX = "each claim supports the next, so the reasoning is circular; remove the support"
CYCLE_FIX += " that does not hold"
ALONE = "is connected to nothing: no relation goes to or from it; say what it supports or "
ALONE += "attacks, or remove it"
EMPTY = "the map has no claims: there is nothing to check or draw; add claims under 'claims:'"
MIXED_FIX = "keep the relation you mean, or, if the claim cuts both ways, split it into two claims"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "claims:\n  a: {text: A, supports: b}\n  b: {text: B, supports: a}\n",
            [f"m.yaml:3:26: warning: support cycle a -> b -> a: {CYCLE_FIX}"],
            id="support-cycle-of-two-at-the-relation-that-closes-it",
        ),
        pytest.param(
            "claims:\n  t: {kind: thesis, text: T}\n  a: {text: A}\n  b: {text: B}\n"
            "  c: {text: C, supports: a}\n"
            "relations:\n  - {from: [a, b], to: t}\n  - {from: t, to: c}\n",
            [f"m.yaml:7:5: warning: support cycle t -> c -> a -> t: {CYCLE_FIX}"],
            id="support-cycle-through-a-linked-relation",
        ),
        pytest.param(
            "claims:\n  a: {text: A, supports: [b, c]}\n  b: {text: B, supports: a}\n"
            "  c: {text: C, supports: d}\n  d: {text: D, supports: a}\n",
            [
                f"m.yaml:3:26: warning: support cycle a -> b -> a: {CYCLE_FIX} (2 more claims "
                "support these in circles too: c, d)"
            ],
            id="support-cycle-named-once-with-the-claims-in-other-circles",
        ),
        pytest.param(
            "claims:\n  a: {text: A, supports: b}\n  b: {text: B, supports: a}\n"
            "  c: {text: C, supports: d}\n  d: {text: D, supports: c}\n",
            [
                f"m.yaml:3:26: warning: support cycle a -> b -> a: {CYCLE_FIX}",
                f"m.yaml:5:26: warning: support cycle c -> d -> c: {CYCLE_FIX}",
            ],
            id="support-cycle-each-one-apart",
        ),
        pytest.param(
            "claims:\n  t: {kind: thesis, text: T}\n  o: {kind: objection, text: O, attacks: t}\n"
            "  r: {text: R, attacks: o, supports: t}\n",
            [],
            id="attacks-make-no-cycle",
        ),
        pytest.param(
            "claims:\n  t: {kind: thesis, text: T}\n  p: {text: P, supports: t, attacks: t}\n",
            [
                "m.yaml:3:38: warning: 'p' both supports and attacks 't' ('p supports t', "
                f"then 'p attacks t'); {MIXED_FIX}"
            ],
            id="mixed-relation-on-one-claim",
        ),
        pytest.param(
            "claims:\n  t: {kind: thesis, text: T}\n  p: {text: P, attacks: t}\n  q: {text: Q}\n"
            "relations:\n  - {from: [p, q], to: t}\n",
            [
                "m.yaml:6:5: warning: 'p' both supports and attacks 't' ('p attacks t', then "
                f"'p + q supports t'); {MIXED_FIX}"
            ],
            id="mixed-relation-through-a-linked-relation",
        ),
        pytest.param(
            "claims:\n  t: {kind: thesis, text: T}\n  p: {text: P, supports: t}\n"
            "  lone: {text: L}\n  other: {kind: evidence, text: O}\n",
            [
                f"m.yaml:4:3: warning: claim 'lone' {ALONE}",
                f"m.yaml:5:3: warning: claim 'other' {ALONE}",
            ],
            id="disconnected-each-claim-at-its-id",
        ),
        pytest.param(
            "claims:\n  t: {kind: thesis, text: T}\n  p: {text: P, supports: t}\n"
            "  myth: {kind: objection, text: M, undercuts: {from: p, to: t}}\n",
            [],
            id="an-undercut-connects-its-source",
        ),
        pytest.param(
            "claims:\n  t: {kind: thesis, text: T}\n  p: {text: P, supports: t}\n"
            "  q: {kind: question, text: Q?}\n",
            [],
            id="a-question-may-stand-alone",
        ),
        pytest.param("claims:\n  t: {kind: thesis, text: T}\n", [], id="the-only-claim"),
        pytest.param("argmap: 1\n", [f"m.yaml:1:1: warning: {EMPTY}"], id="empty-map"),
        pytest.param(
            "argmap: 1\ntitle: Nothing yet\nclaims: {}\n",
            [f"m.yaml:3:1: warning: {EMPTY}"],
            id="empty-map-at-its-claims",
        ),
    ],
)
def test_each_warning_is_reported_at_its_node(
    problems: Problems, text: str, expected: list[str]
) -> None:
    assert problems(text) == expected
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        argmap.loads(text, source="m.yaml")  # loads: warnings never stop a map
    assert [str(w.message) for w in caught] == expected


def test_warnings_come_after_errors_each_in_reading_order(problems: Problems) -> None:
    text = (
        "claims:\n  a: {text: A, supports: b}\n  b: {text: B, supports: a}\n"
        "  c: {text: C, supports: c}\n  d: {text: D, supports: [a, zz]}\n"
    )
    assert problems(text) == [
        "m.yaml:4:26: error: 'c' supports itself: a relation needs a target other than its "
        "sources",
        "m.yaml:5:30: error: unknown claim 'zz'; did you mean 'd' or 'c' or 'b'?",
        f"m.yaml:3:26: warning: support cycle a -> b -> a: {CYCLE_FIX}",
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("claims:\n  t: {text: T}\n  p: {text: P, supports: tt}\n", id="misspelt-id"),
        pytest.param("claims:\n  t: {text: T}\n  p: {text: P, supports: [t, 5]}\n", id="unread"),
        pytest.param("claim:\n  t: {text: T}\n", id="misspelt-section"),
        pytest.param("claims:\n  t: {text: T}\n  p: {text: P}\n  p: {text: Q}\n", id="duplicate"),
        pytest.param("argmap: 2\nclaims:\n  t: {text: T}\n  p: {text: P}\n", id="version"),
    ],
)
def test_what_a_map_lacks_is_not_judged_while_it_has_an_error(text: str) -> None:
    _, found = check(text)
    assert found
    assert all(problem.is_error for problem in found), found


def test_a_map_with_only_warnings_loads_and_issues_each_as_an_argmap_warning() -> None:
    text = "claims:\n  a: {text: A, supports: b}\n  b: {text: B, supports: a}\n  c: {text: C}\n"
    line = _line() + 2
    with pytest.warns(argmap.ArgmapWarning) as caught:
        m = argmap.loads(text, source="m.yaml")
    assert [c.id for c in m.claims] == ["a", "b", "c"]
    assert [str(w.message) for w in caught] == [
        f"m.yaml:3:26: warning: support cycle a -> b -> a: {CYCLE_FIX}",
        f"m.yaml:4:3: warning: claim 'c' {ALONE}",
    ]
    first = caught[0].message
    assert isinstance(first, argmap.ArgmapWarning)
    assert isinstance(first, UserWarning)
    assert first.problem.code == "support-cycle"
    assert first.problem.severity is Severity.WARNING
    # Attributed to the line that called loads, not to argmap's insides.
    assert {(w.filename, w.lineno) for w in caught} == {(__file__, line)}


def test_load_issues_the_warnings_of_a_file_at_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("argmap: 1\n", encoding="utf-8")
    line = _line() + 2
    with pytest.warns(argmap.ArgmapWarning) as caught:
        m = argmap.load(path)
    assert m == ArgumentMap()
    assert [str(w.message) for w in caught] == [f"{path}:1:1: warning: {EMPTY}"]
    assert (caught[0].filename, caught[0].lineno) == (__file__, line)


def test_warnings_can_be_silenced_or_made_errors_as_any_python_warning() -> None:
    text = "claims:\n  a: {text: A}\n  b: {text: B}\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning would raise
        warnings.simplefilter("ignore", argmap.ArgmapWarning)
        assert len(argmap.loads(text).claims) == 2
    with warnings.catch_warnings():
        warnings.simplefilter("error", argmap.ArgmapWarning)
        with pytest.raises(argmap.ArgmapWarning, match="claim 'a' is connected to nothing"):
            argmap.loads(text)


def test_a_map_with_an_error_raises_listing_its_warnings_too_and_warns_nothing() -> None:
    text = "claims:\n  a: {text: A, supports: b}\n  b: {text: B, supports: [a, b]}\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error", argmap.ArgmapWarning)
        with pytest.raises(argmap.ValidationError) as raised:
            argmap.loads(text, source="m.yaml")
    assert str(raised.value) == (
        "2 problems:\n"
        "m.yaml:3:30: error: 'b' supports itself: a relation needs a target other than its "
        "sources\n"
        f"m.yaml:3:27: warning: support cycle a -> b -> a: {CYCLE_FIX}"
    )


def test_check_file_returns_the_map_with_its_warnings(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text('{"claims": {"a": {"text": "A"}, "b": {"text": "B"}}}', encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # check_file reports; it issues no warning
        m, found = check_file(path)
    assert m is not None
    assert [(p.code, p.severity, str(p.location)) for p in found] == [
        ("disconnected", Severity.WARNING, f"{path}:1:13"),
        ("disconnected", Severity.WARNING, f"{path}:1:33"),
    ]


def test_the_builder_issues_warnings_at_the_line_that_made_them() -> None:
    b = argmap.MapBuilder()
    t = b.thesis("t", "T")
    line = _line() + 1
    b.premise("p", "P", supports=t, attacks=t)
    with pytest.warns(argmap.ArgmapWarning) as caught:
        m = b.build()
    assert len(m.relations) == 2
    assert [str(w.message) for w in caught] == [
        f"{__file__}:{line}: warning: 'p' both supports and attacks 't' ('p supports t', then "
        f"'p attacks t'); {MIXED_FIX}"
    ]


def test_an_empty_builder_warns_at_the_line_that_built_it() -> None:
    b = argmap.MapBuilder("Nothing yet")
    line = _line() + 2
    with pytest.warns(argmap.ArgmapWarning) as caught:
        b.build()
    assert [str(w.message) for w in caught] == [f"{__file__}:{line}: warning: {EMPTY}"]


def test_validate_returns_errors_then_warnings_and_filters_by_severity() -> None:
    m = ArgumentMap(
        claims=[Claim(id="a", text="A"), Claim(id="b", text="B")],
        relations=[
            Relation(sources="a", target="b"),
            Relation(sources="b", target="a"),
            Relation(sources="b", target="b", kind=RelationKind.ATTACKS),
        ],
    )
    every = validate(m)
    assert [(p.code, p.severity) for p in every] == [
        ("self-relation", Severity.ERROR),
        ("support-cycle", Severity.WARNING),
    ]
    assert validate(m, severity=Severity.ERROR) == every[:1]
    assert validate(m, severity=Severity.WARNING) == every[1:]
    assert [p.is_error for p in every] == [True, False]


def test_a_map_with_errors_is_not_called_disconnected_or_empty() -> None:
    alone = ArgumentMap(claims=[Claim(id="a", text=""), Claim(id="b", text="B")])
    assert [p.code for p in validate(alone)] == ["empty-text"]
    assert [p.code for p in validate(alone.evolve(claims=[Claim(id="b", text="B")] * 2))] == [
        "duplicate-id"
    ]
    assert [p.code for p in validate(ArgumentMap(), complete=False)] == []
    assert [p.code for p in validate(ArgumentMap())] == ["empty-map"]


def test_undercuts_connect_their_source_and_the_claims_of_their_inference() -> None:
    m = ArgumentMap(
        claims=[Claim(id=i, text=i.upper()) for i in ("t", "p", "u", "v")],
        relations=[
            Relation(sources="p", target="t"),
            Relation(sources="u", target=Inference("p", "t"), kind=RelationKind.UNDERCUTS),
            Relation(
                sources="v",
                target=Inference("u", Inference("p", "t")),
                kind=RelationKind.UNDERCUTS,
            ),
        ],
    )
    assert validate(m) == []


def test_every_warning_has_a_code_of_its_own_and_the_warning_severity() -> None:
    m = ArgumentMap(
        claims=[Claim(id=i, text=i) for i in ("a", "b", "c")],
        relations=[
            Relation(sources="a", target="b"),
            Relation(sources="b", target="a"),
            Relation(sources="a", target="b", kind=RelationKind.ATTACKS),
        ],
        style=MapStyle(tags={"unused": "red"}),
    )
    found = [*advise(m), *advise(ArgumentMap())]
    assert sorted(p.code for p in found) == sorted(CODES)
    assert {p.severity for p in found} == {Severity.WARNING}


def test_a_cycle_through_40000_claims_is_found_in_a_loop_and_named_by_its_ends() -> None:
    count = 40_000
    m = ArgumentMap(
        claims=[Claim(id=f"c{i}", text="C") for i in range(count)],
        relations=[Relation(sources=f"c{i}", target=f"c{(i + 1) % count}") for i in range(count)],
    )
    with shallow_stack():
        (found,) = advise(m)
    assert found.pointer == ("relations", count - 1)
    assert found.message == (
        "support cycle c0 -> c1 -> c2 -> c3 -> c4 -> c5 -> (39,989 more) -> c39995 -> c39996 "
        f"-> c39997 -> c39998 -> c39999 -> c0: {CYCLE_FIX}"
    )


def test_a_chain_of_40000_supports_is_no_cycle() -> None:
    count = 40_000
    m = ArgumentMap(
        claims=[Claim(id=f"c{i}", text="C") for i in range(count)],
        relations=[Relation(sources=f"c{i + 1}", target=f"c{i}") for i in range(count - 1)],
    )
    with shallow_stack():
        assert list(advise(m)) == []


def test_warnings_count_toward_the_problems_limit_and_keep_the_map() -> None:
    text = "claims:\n" + "".join(f"  c{i}: {{text: C}}\n" for i in range(12))
    with limits.override(problems=10):
        m, found = check(text, source="m.yaml")
    assert m is not None
    assert len(found) == 11
    assert {p.code for p in found[:10]} == {"disconnected"}
    assert found[-1] == Problem(
        "more warnings follow; argmap reports the first 10 of a file (the limit is 10; set "
        "ARGMAP_MAX_PROBLEMS to raise it)",
        location=argmap.Location("m.yaml"),
        code="too-many-problems",
        severity=Severity.WARNING,
    )
    with limits.override(problems=10), pytest.warns(argmap.ArgmapWarning):
        assert len(argmap.loads(text).claims) == 12


def test_errors_fill_the_problems_limit_before_warnings() -> None:
    text = "claims:\n  a: {text: A, supports: b}\n  b: {text: B, supports: a}\n" + "".join(
        f"  c{i}: {{text: C, supports: zz{i}}}\n" for i in range(12)
    )
    with limits.override(problems=10):
        m, found = check(text, source="m.yaml")
    assert m is None
    assert [p.code for p in found] == ["unknown-id"] * 10 + ["too-many-problems"]
    assert found[-1].is_error


def test_render_refuses_an_empty_map_and_draws_a_map_with_warnings() -> None:
    with pytest.raises(argmap.RenderError, match=r"^the map has no claims: nothing to draw$"):
        argmap.render(ArgumentMap(), "dot")
    m = ArgumentMap(claims=[Claim(id="a", text="A"), Claim(id="b", text="B")])
    assert b"digraph" in argmap.render(m, "dot")


@pytest.mark.parametrize(
    "path",
    sorted(ROOT.glob("examples/*/map.yaml")),
    ids=lambda path: path.parent.name,
)
def test_the_examples_give_no_warning(path: Path) -> None:
    m, found = check_file(path)
    assert m is not None
    assert found == []


def test_the_shipped_examples_load_without_a_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", argmap.ArgmapWarning)
        for name in argmap.examples.names():
            assert argmap.examples.load(name).claims


def test_a_question_alone_is_no_warning_but_another_kind_is() -> None:
    for kind in ClaimKind:
        m = ArgumentMap(
            claims=[
                Claim(id="t", text="T"),
                Claim(id="p", text="P"),
                Claim(
                    id="x", text="X", kind=kind, actor="us" if kind is ClaimKind.MOTIVE else None
                ),
            ],
            relations=[Relation(sources="p", target="t")],
        )
        codes = [p.code for p in advise(m)]
        assert codes == ([] if kind is ClaimKind.QUESTION else ["disconnected"]), kind


def _line() -> int:
    return sys._getframe(1).f_lineno
