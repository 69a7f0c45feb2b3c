"""Errors and problems: what they say and the data they carry."""

from __future__ import annotations

import pytest

from argmap.errors import (
    ArgmapError,
    Location,
    MapFormatError,
    Problem,
    RenderError,
    Severity,
    ValidationError,
)


@pytest.mark.parametrize(
    ("location", "text"),
    [
        (Location("m.yaml", 3, 7), "m.yaml:3:7"),
        (Location("m.yaml", 3), "m.yaml:3"),
        (Location("m.yaml"), "m.yaml"),
        (Location("m.yaml", None, 7), "m.yaml"),
    ],
)
def test_location_reads_path_line_column(location: Location, text: str) -> None:
    assert str(location) == text


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("bad", location=Location("m.yaml", 1, 2)), "m.yaml:1:2: error: bad"),
        (Problem("bad"), "error: bad"),
        (Problem("odd", severity=Severity.WARNING), "warning: odd"),
    ],
)
def test_problem_reads_like_a_compiler_message(problem: Problem, text: str) -> None:
    assert str(problem) == text


@pytest.mark.parametrize(
    ("count", "first_line"), [(0, "0 problems:"), (1, "1 problem:"), (2, "2 problems:")]
)
def test_validation_error_counts_its_problems(count: int, first_line: str) -> None:
    found = [Problem(f"p{i}", location=Location("m", i + 1, 1)) for i in range(count)]
    error = ValidationError(found)
    assert error.problems == tuple(found)
    assert str(error).splitlines() == [first_line] + [
        f"m:{i + 1}:1: error: p{i}" for i in range(count)
    ]


def test_map_format_error_is_one_located_problem() -> None:
    error = MapFormatError("invalid YAML: oops", "m.yaml", 2, 5)
    assert str(error) == "m.yaml:2:5: invalid YAML: oops"
    assert error.problems == (
        Problem("invalid YAML: oops", location=Location("m.yaml", 2, 5), code="syntax"),
    )


@pytest.mark.parametrize("cls", [MapFormatError, ValidationError, RenderError])
def test_every_error_is_an_argmap_error(cls: type[Exception]) -> None:
    assert issubclass(cls, ArgmapError)
