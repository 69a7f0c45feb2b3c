"""Shared fixtures: the data files, a helper that lists a text's problems, and the
rendered pictures of the test maps (each made once per session)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from browser_support import browser, dejavu_only  # noqa: F401 (fixtures for every module)
from hypothesis import HealthCheck, settings
from render_support import Renders

from argmap.formats import check

DATA = Path(__file__).parent / "data"

# Property tests are derandomized by default, so that `make test` (and CI, which runs
# it) passes or fails the same way on every clone: a fixed seed, no example database.
# `make explore` (ARGMAP_HYPOTHESIS=explore) searches at random, with more examples and
# a local database; every failing case it finds goes into the test as an @example.
settings.register_profile(
    "deterministic",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "explore",
    max_examples=1000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    "explore" if os.environ.get("ARGMAP_HYPOTHESIS") == "explore" else "deterministic"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regenerate-golden",
        action="store_true",
        help="Rewrite tests/golden/*.dot from the current code instead of comparing "
        "(same as ARGMAP_REGENERATE_GOLDEN=1).",
    )


@pytest.fixture
def data() -> Path:
    """The directory of the test map files."""
    return DATA


@pytest.fixture
def problems() -> Callable[..., list[str]]:
    """Every problem of a map text as the CLI prints it, the source named ``m.yaml``."""

    def run(text: str, format: str = "yaml", source: str = "m.yaml") -> list[str]:
        _, found = check(text, format, source=source)
        return [str(problem) for problem in found]

    return run


@pytest.fixture(scope="session")
def rendered() -> Renders:
    """``rendered(name, format="svg", **options)``: a test map's picture, made once."""
    return Renders()
