"""``argmap evaluate MAP``: which claims stand, under an extension semantics."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli._choices import MAP_FORMATS, SEMANTICS, MapFormat, SemanticsName, choice
from argmap.cli._options import refuse_empty_names

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
        SemanticsName,
        typer.Option(
            "-s",
            "--semantics",
            metavar="NAME",
            parser=choice("semantics", SEMANTICS),
            case_sensitive=False,
            help=f"One of {', '.join(SEMANTICS)}.",
        ),
    ] = "grounded",
    no_supports: Annotated[
        bool, typer.Option("--no-supports", help="Ignore supports: only attacks and undercuts.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Write JSON on stdout instead of a table.")
    ] = False,
    map_format: Annotated[
        MapFormat | None,
        typer.Option(
            "-f",
            "--format",
            metavar="FORMAT",
            parser=choice("map format", MAP_FORMATS),
            case_sensitive=False,
            help=f"Read MAP as FORMAT ({', '.join(MAP_FORMATS)}), whatever its suffix.",
        ),
    ] = None,
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
    argmap, problems = check_file(file, map_format)
    Reporter().problems(problems)
    if argmap is None or any(p.severity is Severity.ERROR for p in problems):
        raise typer.Exit(1)
    try:
        found = evaluate(argmap, semantics, supports=not no_supports, timeout=timeout)
    except EvaluationError as error:
        fail(str(error))
    if as_json:
        _write_json(found, semantics)
    else:
        _write_table(argmap, found, semantics, supports=not no_supports)


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


def _write_rich(title: str, headers: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Text, not markup: a claim's id or text may hold brackets.
    table = Table(title=Text(title), title_justify="left", highlight=False)
    for header in headers:
        table.add_column(Text(header), overflow="fold")
    for row in rows:
        labels = [Text(_SHOWN[v], style=_STYLES[v]) for v in row[1:-1]]
        table.add_row(Text(row[0]), *labels, Text(row[-1]))
    Console(highlight=False, emoji=False).print(table)
