"""Hostile map data: whatever a file holds, reading it reports problems and never raises."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_formats_roundtrip import argument_maps

import argmap
from argmap.formats._document import read, to_data
from argmap.formats._plain import nonfinite_floats

# Maps made at random are legal but often not sound: their warnings are no concern here.
pytestmark = pytest.mark.filterwarnings("ignore::argmap.ArgmapWarning")

# The schema's own words, so that generated data is often nearly right.
words = st.sampled_from(
    [
        "argmap", "title", "source", "actors", "claims", "relations", "groups", "metadata",
        "kind", "text", "quote", "actor", "tags", "supports", "attacks", "undercuts",
        "from", "to", "name", "label", "members", "author", "url", "date",
        "a", "b", "t", "thesis", "motive", "premise", "", " ",
    ]
)  # fmt: skip
scalars = st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.floats(), words)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(words, children, max_size=5),
    max_leaves=40,
)
documents = st.dictionaries(words, values, max_size=6)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
@example({"claims": {"a": {"text": "A", "undercuts": {"from": "a", "to": {"to": "a"}}}}})
@example({"claims": {"a": {"text": "A"}}, "relations": [{"from": [], "to": {}}]})
@example({"claims": {"a": {"text": "A"}}, "groups": {"g": {"label": "G", "members": [[]]}}})
def test_any_data_is_read_into_problems_and_a_sound_map_writes_back(data: dict[str, Any]) -> None:
    argmap_, problems = read(data)
    assert argmap_ is not None
    assert all(problem.message for problem in problems)
    if not any(p.is_error for p in problems) and not any(
        nonfinite_floats(data)
    ):  # NaN != NaN; JSON has neither
        for fmt in ("yaml", "json"):
            assert argmap.loads(argmap.dumps(argmap_, fmt), fmt) == argmap_


@given(st.one_of(scalars, st.lists(values, max_size=3)))
def test_data_that_is_no_mapping_is_one_problem(data: Any) -> None:
    argmap_, problems = read(data)
    assert argmap_ is None
    assert [p.code for p in problems] == ["not-a-map"]


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into plain data (the data is a few levels deep: recursion is fine)."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _places(value, (*path, index))
    return found


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = _replaced(data[path[0]], path[1:], value)
    return copy


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(m=argument_maps(), choice=st.integers(0, 10_000), value=values)
def test_a_sound_map_with_any_one_value_replaced_is_read_into_problems(
    m: argmap.ArgumentMap, choice: int, value: Any
) -> None:
    data = to_data(m)
    places = _places(data)
    argmap_, _ = read(_replaced(data, places[choice % len(places)], value))
    assert (argmap_ is None) == (choice % len(places) == 0 and not isinstance(value, dict))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    m=argument_maps(),
    choice=st.integers(0, 10_000),
    value=st.one_of(st.booleans(), st.integers(), st.floats(allow_nan=False)),
)
def test_a_number_in_place_of_any_value_is_at_most_one_problem_at_its_place(
    m: argmap.ArgumentMap, choice: int, value: float
) -> None:
    # No check of the other values runs on a placeholder: a value dropped is
    # reported once, where it is (a number is right only as metadata or 'argmap: 1').
    data = to_data(m)
    places = _places(data)
    path = places[choice % len(places)]
    _, found = read(_replaced(data, path, value))
    problems = [problem for problem in found if problem.is_error]  # the map's own warnings aside
    assert len(problems) <= 1
    assert all(problem.pointer[: len(path)] == path for problem in problems)


def test_a_number_in_place_of_each_value_of_the_core_map_is_one_problem_at_its_place(
    data: Path,
) -> None:
    sound = to_data(argmap.load(data / "core.yaml"))
    for path in _places(sound)[1:]:
        _, problems = read(_replaced(sound, path, 5))
        assert len(problems) <= 1, path
        assert all(problem.pointer[: len(path)] == path for problem in problems), path
