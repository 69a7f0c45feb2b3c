"""The limits on what one command may ask for: how they are set, and the problems limit."""

from __future__ import annotations

import pytest

import argmap
from argmap import ArgmapError, limits
from argmap.formats import check
from argmap.limits import Limits
from argmap.model import ArgumentMap, Claim, Relation
from argmap.validation import validate


def test_each_limit_has_its_variable_and_the_defaults_hold_without_them() -> None:
    assert Limits.from_env({}) == Limits()
    assert limits.ENVIRONMENT["problems"] == "ARGMAP_MAX_PROBLEMS"
    assert set(limits.ENVIRONMENT) == {
        "input_bytes", "values", "depth", "problems", "word_chars", "claims", "groups",
        "pixels", "engine_memory",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("variable", "text", "name", "value"),
    [
        ("ARGMAP_MAX_DEPTH", "200", "depth", 200),
        ("ARGMAP_MAX_VALUES", " 1_000_000 ", "values", 1_000_000),
        ("ARGMAP_MAX_INPUT_BYTES", "64M", "input_bytes", 64 * 1024 * 1024),
        ("ARGMAP_MAX_ENGINE_MEMORY", "4GiB", "engine_memory", 4 * 1024**3),
        ("ARGMAP_MAX_INPUT_BYTES", "512k", "input_bytes", 512 * 1024),
    ],
)
def test_a_variable_sets_its_limit(variable: str, text: str, name: str, value: int) -> None:
    assert getattr(Limits.from_env({variable: text}), name) == value


@pytest.mark.parametrize(
    ("variable", "text", "message"),
    [
        ("ARGMAP_MAX_DEPTH", "deep", "ARGMAP_MAX_DEPTH='deep' is not a whole number"),
        ("ARGMAP_MAX_DEPTH", "64M", "ARGMAP_MAX_DEPTH='64M' is not a whole number"),
        ("ARGMAP_MAX_DEPTH", "-1", "ARGMAP_MAX_DEPTH='-1' is not a whole number"),
        ("ARGMAP_MAX_DEPTH", "0", "ARGMAP_MAX_DEPTH='0': a limit must be at least 1"),
        (
            "ARGMAP_MAX_INPUT_BYTES",
            "lots",
            "ARGMAP_MAX_INPUT_BYTES='lots' is not a whole number, optionally with K, M or G",
        ),
    ],
)
def test_a_bad_variable_is_an_error_naming_it(variable: str, text: str, message: str) -> None:
    with pytest.raises(ArgmapError) as raised:
        Limits.from_env({variable: text})
    assert str(raised.value) == message


def test_an_override_holds_inside_its_block_only() -> None:
    with limits.override(depth=5) as inner:
        assert inner.depth == limits.current().depth == 5
        with limits.override(claims=7):
            assert (limits.current().depth, limits.current().claims) == (5, 7)
        assert limits.current().claims == Limits().claims
    assert limits.current().depth == Limits().depth


def test_a_hint_names_the_limit_and_its_variable() -> None:
    assert Limits().hint("input_bytes") == (
        "the limit is 8 MiB; set ARGMAP_MAX_INPUT_BYTES to raise it"
    )
    assert Limits(values=1234).hint("values") == (
        "the limit is 1,234; set ARGMAP_MAX_VALUES to raise it"
    )


# --- the problems limit: a file with a million problems costs no more than one with 1,000


def _unknown_references(count: int) -> str:
    return "claims:\n  t: {kind: thesis, text: T}\n" + "".join(
        f"  c{i}: {{text: C, supports: nowhere{i}}}\n" for i in range(count)
    )


def test_past_the_problems_limit_the_first_are_reported_and_one_line_says_more_follow() -> None:
    with limits.override(problems=10):
        found_map, found = check(_unknown_references(25), source="m.yaml")
    assert found_map is None
    assert [str(p) for p in found[:2]] == [
        "m.yaml:3:27: error: unknown claim 'nowhere0'; did you mean 'c0' or 'c20' or 'c10'?",
        "m.yaml:4:27: error: unknown claim 'nowhere1'; did you mean 'c1' or 'c21' or 'c19'?",
    ]
    assert len(found) == 11
    assert str(found[-1]) == (
        "m.yaml: error: more problems follow; argmap reports the first 10 of a file (the "
        "limit is 10; set ARGMAP_MAX_PROBLEMS to raise it)"
    )
    assert found[-1].code == "too-many-problems"


def test_at_the_problems_limit_every_problem_is_reported_and_nothing_more() -> None:
    with limits.override(problems=10):
        _, found = check(_unknown_references(10), source="m.yaml")
    assert len(found) == 10
    assert all(p.code == "unknown-id" for p in found)


def test_the_problems_limit_stops_reading_broken_entries_too() -> None:
    text = "claims:\n" + "".join(f"  c{i}: {{text: 1}}\n" for i in range(25))
    with limits.override(problems=10), pytest.raises(argmap.ValidationError) as raised:
        argmap.loads(text, source="m.yaml")
    problems = raised.value.problems
    assert len(problems) == 11
    assert {p.code for p in problems[:-1]} == {"type"}
    assert problems[-1].code == "too-many-problems"


def test_validate_stops_one_past_most() -> None:
    m = ArgumentMap(
        claims=[Claim(id="t", text="T")],
        relations=[Relation(sources=[f"u{i}"], target="t") for i in range(50)],
    )
    assert len(validate(m)) == 50
    assert len(validate(m, most=5)) == 6
