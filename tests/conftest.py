"""Shared fixtures: the data files, a helper that lists a text's problems, and the
rendered pictures of the test maps (each made once per session)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from render_support import Renders

from argmap.formats import check

DATA = Path(__file__).parent / "data"


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
