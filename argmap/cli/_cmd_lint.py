"""``argmap lint MAP [--select CODES] [--ignore CODES] [--source FILE] [--json]``.

The findings go to standard output, one ``path:line:col: CODE message`` a line, as ruff
and flake8 print theirs: they are what the command was asked for (a list to read, grep or
feed to an editor), not diagnostics about argmap's own work. Diagnostics (a map that
cannot be read, a source file that cannot be read, the count of findings) go to standard
error, as for every other command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from argmap.analysis.rules import RULES
from argmap.cli._choices import MAP_FORMATS
from argmap.cli._options import MapFormatOption, Quiet, refuse_empty_names

if TYPE_CHECKING:
    from argmap.errors import Problem

HELP = f"""Report what is probably wrong with the reasoning of a map, one finding a line.

MAP is a map file ({", ".join(MAP_FORMATS)}), or '-' for standard input. The map is
checked first: a map with errors is reported as 'argmap validate' does, not linted.
Findings go to stdout as path:line:col: CODE message (or a JSON list with --json);
the count and any error go to stderr.

CODES is a comma-separated list (the options may be repeated) of codes (AM105),
prefixes of codes (AM1) or rule names (duplicate-text), or ALL.

Rules:

\b
{chr(10).join(f"  {r.code}  {r.name}: {r.rationale}" for r in RULES.values())}
"""

EPILOG = (
    "Exit status: 0 no findings, 1 findings (or a map or source that cannot be read), "
    "2 a usage error (an unknown rule, say)."
)


def lint(
    path: Annotated[str, typer.Argument(metavar="MAP", show_default=False)],
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Only these rules (default: all).",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="CODES", help="Not these rules.", show_default=False),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="FILE",
            help="The text the map reads: each quote must be in it (AM109).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Write the findings as a JSON list on stdout.")
    ] = False,
    map_format: MapFormatOption = None,
    quiet: Quiet = False,
) -> None:
    """Lint one map; exit 1 if it has findings."""
    from argmap.analysis.lint import lint_file, select_rules
    from argmap.cli._report import Reporter, plural
    from argmap.errors import ArgmapError, Severity, shown_path

    refuse_empty_names([path], "MAP")
    if source is not None:
        refuse_empty_names([source], "'--source'")
    try:
        codes = select_rules(_split(select), _split(ignore))
    except ArgmapError as error:
        hint = "'--select' / '--ignore'"
        raise typer.BadParameter(str(error), param_hint=hint) from None
    reporter = Reporter(quiet=quiet)
    try:
        result = lint_file(path, format=map_format, source=source, select=codes)
    except ArgmapError as error:  # the source text cannot be read
        reporter.error(str(error))
        raise typer.Exit(1) from None
    if not result.linted:
        reporter.problems(p for p in result.problems if p.severity is Severity.ERROR)
        raise typer.Exit(1)
    if as_json:
        _write_json(result.findings)
    else:
        _write_text(result.findings)
    shown = shown_path("<stdin>" if path == "-" else path)
    count = len(result.findings)
    reporter.done(f"{shown}: {plural(count, 'finding')}" if count else f"{shown}: clean")
    if count:
        raise typer.Exit(1)


def _split(items: list[str] | None) -> list[str] | None:
    if items is None:
        return None
    return [code for item in items for code in item.split(",") if code.strip()]


def _write_text(findings: list[Problem]) -> None:
    from argmap.cli._options import write_lines

    write_lines([f"{f.location}: {f.code} {f.message}" for f in findings])


def _write_json(findings: list[Problem]) -> None:
    import json

    from argmap.cli._options import write_data

    text = json.dumps([_data(f) for f in findings], ensure_ascii=False, indent=2) + "\n"
    # A lone surrogate (a file name that is not UTF-8) becomes a \u escape: valid JSON.
    write_data(text.encode("utf-8", "backslashreplace"))


def _data(finding: Problem) -> dict[str, Any]:
    from argmap.cli._report import location_data

    return {
        **location_data(finding.location),
        "code": finding.code,
        "rule": RULES[finding.code].name,
        "message": finding.message,
    }
