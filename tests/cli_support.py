"""What the command-line tests share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from argmap.errors import Location, Problem, Severity

WARNING = "claim 'lonely' is connected to nothing"


def warn_on_every_map(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``check_file`` give one warning more (at line 2, column 3) for every map it
    reads, as the checks for legal but likely mistakes do: the command line's side of
    warnings, tested whatever maps those checks warn about."""
    from argmap import formats

    real = formats.check_file

    def check_file(path: str, format: str | None = None) -> tuple[object, list[Problem]]:
        found, problems = real(path, format)
        if found is None:
            return found, problems
        shown = "<stdin>" if path == "-" else str(path)
        warning = Problem(
            WARNING, location=Location(shown, 2, 3), code="disconnected", severity=Severity.WARNING
        )
        return found, [*problems, warning]

    monkeypatch.setattr(formats, "check_file", check_file)


def unsettled_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A map of two claims attacking each other, on which gradual strength is limited to
    one step of its integration, so that it does not settle (the command line has no
    ``--max-steps``): the command line's side of ``StrengthNotConverged``."""
    from argmap.analysis import strength as module

    unpatched = module.strength

    def one_step(*args: Any, **kwargs: Any) -> dict[str, float]:
        return unpatched(*args, **kwargs, max_steps=1)

    monkeypatch.setattr(module, "strength", one_step)
    path = tmp_path / "cycle.yaml"
    path.write_text(
        "argmap: 1\nclaims:\n  a: {text: A, attacks: b, weight: 1}\n  b: {text: B, attacks: a}\n",
        "utf-8",
    )
    return path
