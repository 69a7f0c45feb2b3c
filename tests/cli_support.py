"""What the command-line tests share."""

from __future__ import annotations

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
