"""The analysis options ``evaluate`` and ``render`` share (``--strength``,
``--no-supports``), and the analysis ``render --status/--strength`` asks for, computed
for the whole map before it is focused or drawn."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli._choices import SEMANTICS, STRENGTHS, SemanticsName, StrengthName, choice

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

StrengthOption = Annotated[
    StrengthName | None,
    typer.Option(
        "--strength",
        metavar="NAME",
        parser=choice("strength semantics", STRENGTHS),
        case_sensitive=False,
        help=f"Each claim's gradual strength, from 0 to 1: {', '.join(STRENGTHS)}.",
    ),
]
NoSupportsOption = Annotated[
    bool,
    typer.Option(
        "--no-supports",
        help="Tell which claims stand from attacks and undercuts only: ignore supports.",
    ),
]
StatusOption = Annotated[
    SemanticsName | None,
    typer.Option(
        "--status",
        metavar="SEMANTICS",
        parser=choice("semantics", SEMANTICS),
        case_sensitive=False,
        help=(
            f"Mark each claim in, out or undecided under SEMANTICS ({', '.join(SEMANTICS)}); "
            "with several labellings, in or out only where all agree."
        ),
    ),
]

#: How the legend names each gradual semantics.
STRENGTH_TITLES = {"df-quad": "DF-QuAD", "quadratic-energy": "quadratic energy"}


@dataclass(frozen=True)
class Analysis:
    """What ``render`` is asked to show of a map's analysis."""

    status: SemanticsName | None = None
    strength: StrengthName | None = None
    supports: bool = True

    @classmethod
    def of(
        cls, status: SemanticsName | None, strength: StrengthName | None, no_supports: bool
    ) -> Analysis:
        """The analysis asked for; a usage error for ``--no-supports`` without ``--status``."""
        if no_supports and status is None:
            raise typer.BadParameter(
                "--no-supports says how --status tells which claims stand; "
                "give --status SEMANTICS too",
                param_hint="'--no-supports'",
            )
        return cls(status, strength, not no_supports)

    def compute(self, argmap: ArgumentMap, timeout: float) -> Shown:
        """This analysis of ``argmap``, as :func:`argmap.render` shows it. Raises
        :class:`~argmap.ArgmapError` for an evaluation out of time, a strength that did
        not settle, or a semantics with no labelling of the map."""
        from argmap.errors import ArgmapError

        shown = Shown()
        if self.status is not None:
            from argmap.analysis import evaluate

            found = evaluate(argmap, self.status, supports=self.supports, timeout=timeout)
            if not found:
                raise ArgmapError(
                    f"{self.status} semantics gives this map no labelling (an odd cycle of "
                    "attacks has no stable one), so there is no status to show; "
                    "try --status preferred"
                )
            notes = [] if len(found) == 1 else ["sceptical"]
            notes += [] if self.supports else ["no supports"]
            named = f"{self.status} ({', '.join(notes)})" if notes else self.status
            shown = replace(shown, status=found, status_semantics=named)
        if self.strength is not None:
            from argmap.analysis.strength import strength

            found_strength = strength(argmap, self.strength)
            named = STRENGTH_TITLES[self.strength]
            shown = replace(shown, strength=found_strength, strength_semantics=named)
        return shown


@dataclass(frozen=True)
class Shown:
    """An analysis of one map, as the arguments of :func:`argmap.render` that show it."""

    status: Sequence[Mapping[str, str]] | None = None
    status_semantics: str | None = None
    strength: Mapping[str, float] | None = None
    strength_semantics: str | None = None
