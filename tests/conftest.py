"""Shared fixtures: the data files and a helper that lists a text's problems."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.formats import check

DATA = Path(__file__).parent / "data"


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
