"""``argmap evaluate MAP``: which claims stand, under an extension semantics, or how
strongly, under a gradual one."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli._analysis import NoSupportsOption, StrengthOption
from argmap.cli._choices import (
    FRAMEWORK_FORMATS,
    SEMANTICS,
    FrameworkFormat,
    SemanticsName,
    choice,
)
from argmap.cli._options import MapFormatOption, refuse_empty_names

if TYPE_CHECKING:
    from argmap.analysis import Labelling
    from argmap.model import ArgumentMap

HELP = """Tell which claims of a map stand: each one in, out or undecided.

The map is read as an abstract argumentation framework (Dung 1995): attacks attack, an
undercut attacks the inference it names, and supports carry attacks as Cayrol and
Lagasquie-Schiex's supported and secondary attacks (--no-supports ignores them).
grounded gives the one sceptical answer; complete, preferred and stable give every
labelling of their kind (stable may have none).

The table (or, with --json, {"claim-id": "in" | "out" | "undec"}, a list of them for
every semantics but grounded) goes to stdout; problems with the map go to stderr.

With --strength NAME, each claim's gradual strength from 0 to 1 instead: DF-QuAD (Rago
et al. 2016) or the quadratic energy model (Potyka 2018), from base scores of 0.5 or the
claim's weight: in the map; the table shows 3 decimals, --json ({"claim-id": 0.73})
the full value. --strength is a separate analysis: it cannot be combined with
--semantics or --no-supports.

With --framework FORMAT, the framework itself instead, for another solver to check:
ASPARTIX's apx facts or ICCMA 2023's numbered format (a comment names each number's
claim); claims come first, in map order, then the helper arguments of linked relations
and undercut inferences.
"""

EPILOG = (
    "Exit status: 0 evaluated, 1 when the map has errors or the search ran out of time, "
    "2 for a usage error."
)

#: How the table shows each label.
_SHOWN = {"in": "in", "out": "out", "undec": "undecided"}
_STYLES = {"in": "bold green", "out": "red", "undec": "yellow"}


def evaluate(
    file: Annotated[str, typer.Argument(metavar="MAP", show_default=False)],
    semantics: Annotated[
        SemanticsName | None,
        typer.Option(
            "-s",
            "--semantics",
            metavar="NAME",
            parser=choice("semantics", SEMANTICS),
            case_sensitive=False,
            help=f"One of {', '.join(SEMANTICS)}.",
        ),
    ] = None,
    strength_name: StrengthOption = None,
    no_supports: NoSupportsOption = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Write JSON on stdout instead of a table.")
    ] = False,
    framework_format: Annotated[
        FrameworkFormat | None,
        typer.Option(
            "--framework",
            metavar="FORMAT",
            parser=choice("framework format", FRAMEWORK_FORMATS),
            case_sensitive=False,
            help=(
                f"Write the map's argumentation framework as {' or '.join(FRAMEWORK_FORMATS)} "
                "instead of evaluating it."
            ),
        ),
    ] = None,
    map_format: MapFormatOption = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            min=0.001,
            help="Give up complete, preferred or stable after SECONDS.",
        ),
    ] = 10.0,
) -> None:
    """Evaluate one map; exit 1 if it cannot be read or evaluated."""
    from argmap.analysis import EvaluationError, evaluate
    from argmap.cli._options import fail
    from argmap.cli._report import Reporter
    from argmap.errors import Severity
    from argmap.formats import check_file

    refuse_empty_names([file], "MAP")
    if framework_format is not None:
        # The framework is what the semantics read: it has no labels or strengths.
        _refuse_beside(
            "--framework",
            {
                "--semantics": semantics is not None,
                "--strength": strength_name is not None,
                "--json": as_json,
            },
            "--framework writes the framework, which {} does not apply to",
        )
    if strength_name is not None:
        # One analysis per run: a table or JSON object of labels, or of strengths.
        _refuse_beside(
            "--strength",
            {"--semantics": semantics is not None, "--no-supports": no_supports},
            "{} and --strength are separate analyses",
        )
    argmap, problems = check_file(file, map_format)
    Reporter().problems(problems)
    if argmap is None or any(p.severity is Severity.ERROR for p in problems):
        raise typer.Exit(1)
    if strength_name is not None:
        _strength(argmap, strength_name, as_json=as_json)
        return
    if framework_format is not None:
        _framework(argmap, framework_format, supports=not no_supports)
        return
    semantics = semantics or "grounded"
    try:
        found = evaluate(argmap, semantics, supports=not no_supports, timeout=timeout)
    except EvaluationError as error:
        fail(str(error))
    if as_json:
        _write_json(found, semantics)
    else:
        _write_table(argmap, found, semantics, supports=not no_supports)


def _refuse_beside(option: str, others: dict[str, bool], why: str) -> None:
    """A usage error for the first of ``others`` given with ``option``: ``why`` names it."""
    for other, given in others.items():
        if given:
            raise typer.BadParameter(
                f"{why.format(other)}; run evaluate once for each", param_hint=f"'{option}'"
            )


def _strength(argmap: ArgumentMap, name: str, *, as_json: bool) -> None:
    import json

    from argmap.analysis.strength import StrengthError, strength
    from argmap.cli._options import fail, write_data, write_lines

    try:
        found = strength(argmap, name)
    except StrengthError as error:  # StrengthNotConverged among them
        fail(str(error))
    if as_json:
        write_data((json.dumps(found, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        return
    title = f"{name} strength (0 to 1; base score 0.5 unless the claim has a weight)"
    headers = ["claim", "strength", "text"]
    rows = [
        [claim.id, f"{found[claim.id]:.3f}", _shortened(claim.text)] for claim in argmap.claims
    ]
    if _terminal():
        _write_rich(title, headers, rows, labels=False)
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    write_lines([title, _row(headers, widths), *(_row(r, widths) for r in rows)])


def _framework(argmap: ArgumentMap, format: str, *, supports: bool) -> None:
    from argmap.analysis import framework
    from argmap.analysis.export import dumps_framework
    from argmap.cli._options import write_data

    write_data(dumps_framework(framework(argmap, supports=supports), format).encode("utf-8"))


def _write_json(found: list[Labelling], semantics: str) -> None:
    import json

    from argmap.cli._options import write_data

    data = dict(found[0]) if semantics == "grounded" else [dict(each) for each in found]
    write_data((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def _write_table(
    argmap: ArgumentMap, found: list[Labelling], semantics: str, *, supports: bool
) -> None:
    from argmap.cli._options import write_lines
    from argmap.cli._report import plural

    counted = "supports counted" if supports else "supports ignored"
    if not found:
        write_lines([f"{semantics} semantics ({counted}): no labelling"])
        return
    if len(found) == 1:
        each = found[0]
        counts = (
            f"{len(each.accepted)} in, {len(each.rejected)} out, {len(each.undecided)} undecided"
        )
        title = f"{semantics} semantics ({counted}): {counts}"
        headers = ["claim", "status", "text"]
    else:
        title = f"{semantics} semantics ({counted}): {plural(len(found), 'labelling')}"
        headers = ["claim", *(str(n) for n in range(1, len(found) + 1)), "text"]
    rows = [
        [
            claim.id,
            *(each[claim.id] for each in found),
            _shortened(claim.text),
        ]
        for claim in argmap.claims
        if claim.id in found[0]
    ]
    if _terminal():
        _write_rich(title, headers, rows)
        return
    widths = [
        max(len(h), *(len(_SHOWN.get(r[i], r[i])) for r in rows)) for i, h in enumerate(headers)
    ]
    lines = [title, _row(headers, widths)]
    lines += [
        _row([_SHOWN.get(v, v) if 0 < i < len(r) - 1 else v for i, v in enumerate(r)], widths)
        for r in rows
    ]
    write_lines(lines)


def _row(values: list[str], widths: list[int]) -> str:
    return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()


def _shortened(text: str, most: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= most else flat[: most - 1] + "…"


def _terminal() -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except (OSError, ValueError):
        return False


def _write_rich(
    title: str, headers: list[str], rows: list[list[str]], *, labels: bool = True
) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Text, not markup: a claim's id or text may hold brackets.
    table = Table(title=Text(title), title_justify="left", highlight=False)
    for header in headers:
        table.add_column(Text(header), overflow="fold")
    for row in rows:
        middle = [
            Text(_SHOWN[v], style=_STYLES[v]) if labels else Text(v, justify="right")
            for v in row[1:-1]
        ]
        table.add_row(Text(row[0]), *middle, Text(row[-1]))
    Console(highlight=False, emoji=False).print(table)
