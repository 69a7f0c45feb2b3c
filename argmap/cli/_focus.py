"""``--focus ID [--depth N] [--up|--down]``, shared by ``render`` and ``convert``: the
map is cut down to the claims around one claim after it is checked, before it is used."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from argmap.analysis.focus import Direction
    from argmap.errors import Problem
    from argmap.model import ArgumentMap

FocusOption = Annotated[
    str | None,
    typer.Option(
        "--focus",
        metavar="ID",
        help="Keep only the claims around the claim ID, with their relations and groups.",
    ),
]
DepthOption = Annotated[
    int | None,
    typer.Option(
        "--depth",
        metavar="N",
        min=0,
        help="With --focus: keep the claims at most N steps away. Default: no limit.",
    ),
]
UpOption = Annotated[
    bool,
    typer.Option(
        "--up",
        help="With --focus: only what the claim bears on, and what that bears on.",
    ),
]
DownOption = Annotated[
    bool,
    typer.Option(
        "--down",
        help="With --focus: only the claim's reasons and objections, and theirs.",
    ),
]


@dataclass(frozen=True)
class Focus:
    """What ``--focus`` asks for."""

    claim: str
    depth: int | None
    direction: Direction


def focus_options(claim: str | None, depth: int | None, up: bool, down: bool) -> Focus | None:
    """The focus asked for, or None; a usage error for options that need --focus or
    contradict each other."""
    if claim is None:
        given = [
            name
            for name, used in (("--depth", depth is not None), ("--up", up), ("--down", down))
            if used
        ]
        if given:
            raise typer.BadParameter(
                f"{given[0]} goes with --focus ID, the claim to look around; name that claim",
                param_hint=f"'{given[0]}'",
            )
        return None
    if up and down:
        raise typer.BadParameter(
            "--up and --down together are both directions: give neither", param_hint="'--up'"
        )
    if not claim:
        raise typer.BadParameter(
            "the claim id is empty; name a claim of the map", param_hint="'--focus'"
        )
    return Focus(claim, depth, "up" if up else "down" if down else "both")


def apply_focus(
    argmap: ArgumentMap, wanted: Focus | None, shown: str
) -> tuple[ArgumentMap | None, list[Problem]]:
    """``argmap`` focused as ``wanted`` says (as it is without a focus); None and the
    problem, located at the map's file, for a claim the map does not have."""
    if wanted is None:
        return argmap, []
    from argmap.analysis.focus import focus
    from argmap.errors import ArgmapError, Location, Problem

    try:
        return focus(argmap, wanted.claim, wanted.depth, wanted.direction), []
    except ArgmapError as error:
        return None, [Problem(str(error), location=Location(shown), code="unknown-id")]
