"""``argmap stats MAP [--json]``: what a map holds and how its reasoning is shaped."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from argmap.cli._choices import MAP_FORMATS
from argmap.cli._options import MapFormatOption, refuse_empty_names

if TYPE_CHECKING:
    from argmap.analysis.stats import Stats

#: The version of the JSON layout; it changes only when a key changes meaning.
STATS_SCHEMA = 1

HELP = f"""Count what a map holds and measure its reasoning.

MAP is a map file ({", ".join(MAP_FORMATS)}), or '-' for standard input. Claims and
relations by kind; under each thesis, the depth of the longest chain of reasons and how
many reasons each claim has; the premises left unsupported, the attacks nothing answers,
the claims in no relation, groups and actors.

The table (or the JSON document, with --json) goes to stdout; the map's problems to
stderr. A map with errors has no statistics.
"""

EPILOG = "Exit status: 0 done, 1 a map with errors or a failed write, 2 a usage error."

#: A row of the table: its label, its value, and how far it is indented.
Row = tuple[str, str, int]


def stats(
    source: Annotated[str, typer.Argument(metavar="MAP", show_default=False)],
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON document on stdout instead of the table.")
    ] = False,
    map_format: MapFormatOption = None,
) -> None:
    """Write the statistics of one map; exit 1 if it has errors."""
    from argmap.analysis.stats import stats as measure
    from argmap.cli._options import write_data
    from argmap.cli._report import Reporter
    from argmap.errors import Severity
    from argmap.formats import check_file

    refuse_empty_names([source], "MAP")
    argmap, problems = check_file(source, map_format)
    Reporter().problems(problems)
    if argmap is None or any(p.severity is Severity.ERROR for p in problems):
        raise typer.Exit(1)
    found = measure(argmap)
    if as_json:
        import json

        text = json.dumps(stats_data(found), ensure_ascii=False, indent=2) + "\n"
        write_data(text.encode("utf-8", "backslashreplace"))
    elif _stdout_is_rich():
        write_data(_rich_table(rows(found), found.title).encode("utf-8", "backslashreplace"))
    else:
        write_data(_plain_table(rows(found), found.title).encode("utf-8", "backslashreplace"))


def stats_data(found: Stats) -> dict[str, Any]:
    """The JSON document of ``found``; its keys are listed in the README."""
    return {
        "schema": STATS_SCHEMA,
        "title": found.title,
        "claims": {"total": found.claims, "by_kind": dict(found.claims_by_kind)},
        "relations": {
            "total": found.relations,
            "by_kind": dict(found.relations_by_kind),
            "linked": found.linked,
        },
        "theses": [
            {
                "id": thesis.id,
                "depth": thesis.depth,
                "claims_under": thesis.claims_under,
                "branching_mean": round(thesis.branching_mean, 4),
                "branching_max": thesis.branching_max,
            }
            for thesis in found.theses
        ],
        "premises": {
            "total": found.premises,
            "unsupported": list(found.unsupported_premises),
            "unsupported_share": None
            if found.unsupported_share is None
            else round(found.unsupported_share, 4),
        },
        "unanswered_attacks": list(found.unanswered_attacks),
        "disconnected": list(found.disconnected),
        "groups": [{"id": g.id, "label": g.label, "size": g.size} for g in found.groups],
        "actors": [{"id": a.id, "name": a.name, "motives": a.motives} for a in found.actors],
    }


def rows(found: Stats) -> list[Row]:
    """The table's rows: label, value, indentation."""
    from argmap.cli._report import plural

    table: list[Row] = [("claims", str(found.claims), 0)]
    table += [(kind, str(n), 1) for kind, n in found.claims_by_kind.items() if n]
    table.append(("relations", str(found.relations), 0))
    table += [(kind, str(n), 1) for kind, n in found.relations_by_kind.items() if n]
    table += [("linked", str(found.linked), 1)] if found.linked else []
    table.append(("theses", str(len(found.theses)), 0))
    for thesis in found.theses:
        table += [
            (thesis.id, "", 1),
            ("depth", str(thesis.depth), 2),
            ("claims under it", str(thesis.claims_under), 2),
            (
                "reasons per claim",
                f"{thesis.branching_mean:.1f} on average, {thesis.branching_max} at most",
                2,
            ),
        ]
    share = found.unsupported_share
    unsupported = f"{len(found.unsupported_premises)} of {found.premises}"
    unsupported += "" if share is None else f" ({share:.0%})"
    table.append(("unsupported premises", unsupported, 0))
    table += [(claim, "", 1) for claim in found.unsupported_premises]
    table.append(("unanswered attacks", str(len(found.unanswered_attacks)), 0))
    table += [(attack, "", 1) for attack in found.unanswered_attacks]
    table.append(("disconnected claims", str(len(found.disconnected)), 0))
    table += [(claim, "", 1) for claim in found.disconnected]
    table.append(("groups", str(len(found.groups)), 0))
    table += [(f"{g.id} ({g.label})", plural(g.size, "claim"), 1) for g in found.groups]
    table.append(("actors", str(len(found.actors)), 0))
    table += [(f"{a.id} ({a.name})", plural(a.motives, "motive"), 1) for a in found.actors]
    return table


def _plain_table(table: list[Row], title: str | None) -> str:
    # Only labels with a value set the column: a long id listed alone does not.
    width = max((2 * indent + len(label) for label, value, indent in table if value), default=0)
    lines = [title] if title else []
    for label, value, indent in table:
        lines.append(f"{'  ' * indent + label:<{width}}  {value}".rstrip())
    return "".join(f"{line}\n" for line in lines)


def _stdout_is_rich() -> bool:
    """A table with rich's lines and colours on a terminal (or with FORCE_COLOR), as
    the diagnostics on stderr have; plain text anywhere else."""
    import os
    import sys

    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        terminal = sys.stdout is not None and sys.stdout.isatty()
    except (OSError, ValueError):
        terminal = False
    return terminal and os.environ.get("TERM") != "dumb"


def _rich_table(table: list[Row], title: str | None) -> str:
    import io
    import shutil

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    shown = Table(title=Text(title) if title else None, show_header=False, box=None)
    shown.add_column()
    shown.add_column(justify="left")
    for label, value, indent in table:
        style = "bold" if indent == 0 else ""
        shown.add_row(Text("  " * indent + label, style=style), Text(value))
    out = io.StringIO()
    width = shutil.get_terminal_size().columns
    Console(file=out, force_terminal=True, width=width, highlight=False, emoji=False).print(shown)
    return out.getvalue()
