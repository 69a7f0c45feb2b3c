"""``argmap validate FILE...``: check maps and report every problem."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from argmap.cli._choices import MAP_FORMATS, REPORT_FORMATS, MapFormat, ReportFormat, choice
from argmap.cli._inputs import MAP_SUFFIXES, SKIPPED
from argmap.cli._options import JobsOption, Quiet, Strict, refuse_empty_names

if TYPE_CHECKING:
    from argmap.cli._inputs import Input
    from argmap.cli._report import Reporter
    from argmap.errors import Problem

#: The version of the JSON report's layout; it changes only when a key changes meaning.
REPORT_SCHEMA = 1


@dataclass(frozen=True)
class Checked:
    """One map file checked: its name as reported, its counts (``None`` when it could not
    be read), its problems, and whether it passed."""

    path: str
    claims: int | None
    relations: int | None
    problems: list[Problem]
    ok: bool

    @property
    def errors(self) -> int:
        return sum(p.severity.value == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


HELP = f"""Check map files and report every problem as path:line:col.

FILE is a map file, '-' for standard input, or a directory, searched recursively for
{", ".join(MAP_SUFFIXES)} files (skipping {SKIPPED}).

Problems, warnings and 'ok' lines go to stderr; stdout carries only the JSON report.
"""


EPILOG = (
    "Exit status: 0 when every map is sound, 1 when any has an error (or a warning, "
    "with --strict), 2 for a usage error."
)


def validate(
    files: Annotated[list[str], typer.Argument(metavar="FILE...", show_default=False)],
    map_format: Annotated[
        MapFormat | None,
        typer.Option(
            "-f",
            "--format",
            metavar="FORMAT",
            parser=choice("map format", MAP_FORMATS),
            case_sensitive=False,
            help=f"Read every file as FORMAT ({', '.join(MAP_FORMATS)}), whatever its suffix.",
        ),
    ] = None,
    report_format: Annotated[
        ReportFormat,
        typer.Option(
            "--output-format",
            metavar="FORMAT",
            parser=choice("output format", REPORT_FORMATS),
            case_sensitive=False,
            help="text: lines on stderr. json: one JSON document on stdout, for editors and CI.",
        ),
    ] = "text",
    strict: Strict = False,
    quiet: Quiet = False,
    jobs: JobsOption = 1,
) -> None:
    """Check each map; exit 1 if any failed."""
    from argmap.cli._inputs import expand
    from argmap.cli._parallel import in_order
    from argmap.cli._progress import Progress
    from argmap.cli._report import Reporter, plural

    refuse_empty_names(files, "FILE...")
    inputs = expand(files)
    text = report_format != "json"
    reporter = Reporter(quiet=quiet)
    if text:
        reporter.problems(inputs.problems)
    work = functools.partial(_check, map_format=map_format, strict=strict)
    several = len(inputs.maps) > 1
    checked = []
    what = f"checking {plural(len(inputs.maps), 'map')}" if several else "checking"
    with Progress(len(inputs.maps) if several else None, what, reporter) as bar:
        for each in in_order(work, inputs.maps, jobs):
            checked.append(each)
            if text:  # each map's lines as soon as it is checked, in the order given
                _report(each, reporter, strict)
            bar.advance(each.path)
    if not text:
        _write_json(checked, inputs.problems)
    elif several:
        reporter.done(_summary(checked, reporter))
        for each in checked:
            if not each.ok:
                reporter.done(f"failed: {each.path}")
    if inputs.problems or not all(each.ok for each in checked):
        raise typer.Exit(1)


def _check(item: Input, map_format: str | None, strict: bool) -> Checked:
    from argmap.errors import Severity
    from argmap.formats import check_file

    argmap, problems = check_file(item.path, map_format)
    errors = any(p.severity is Severity.ERROR for p in problems)
    ok = argmap is not None and not errors and not (strict and problems)
    return Checked(
        item.shown,
        None if argmap is None else len(argmap.claims),
        None if argmap is None else len(argmap.relations),
        problems,
        ok,
    )


def _report(checked: Checked, reporter: Reporter, strict: bool) -> None:
    from argmap.cli._report import plural
    from argmap.errors import shown_path

    reporter.problems(checked.problems)
    if checked.ok:
        counts = f"{plural(checked.claims or 0, 'claim')}, "
        counts += plural(checked.relations or 0, "relation")
        if checked.warnings:
            counts += f"; {plural(checked.warnings, 'warning')}"
        reporter.done(f"{shown_path(checked.path)}: ok ({counts})")
    elif strict and checked.claims is not None and not checked.errors:
        reporter.failed(
            f"{shown_path(checked.path)}: failed: {plural(checked.warnings, 'warning')} (--strict)"
        )


def _summary(checked: list[Checked], reporter: Reporter) -> str:
    from argmap.cli._report import plural

    ok = sum(each.ok for each in checked)
    line = f"checked {plural(len(checked), 'map')}: {ok} ok"
    if ok < len(checked):
        line += f", {len(checked) - ok} failed"
    counts = [plural(n, word) for n, word in ((reporter.errors, "error"),) if n]
    counts += [plural(reporter.warnings, "warning")] if reporter.warnings else []
    return f"{line}; {', '.join(counts)}" if counts else line


def _write_json(checked: list[Checked], input_problems: list[Problem]) -> None:
    import json

    from argmap.cli._options import write_data

    problems = [p for each in checked for p in each.problems]
    document = {
        "schema": REPORT_SCHEMA,
        "files": [
            {
                "path": each.path,
                "ok": each.ok,
                "claims": each.claims,
                "relations": each.relations,
                "errors": each.errors,
                "warnings": each.warnings,
            }
            for each in checked
        ],
        "problems": [_problem_data(p) for p in [*input_problems, *problems]],
        "summary": {
            "files": len(checked),
            "ok": sum(each.ok for each in checked),
            "failed": sum(not each.ok for each in checked),
            "errors": sum(p.severity.value == "error" for p in [*input_problems, *problems]),
            "warnings": sum(p.severity.value == "warning" for p in problems),
        },
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    # A lone surrogate (a file name that is not UTF-8) becomes a \u escape: valid JSON.
    write_data(text.encode("utf-8", "backslashreplace"))


def _problem_data(problem: Problem) -> dict[str, Any]:
    from argmap.cli._report import location_data

    return {
        **location_data(problem.location),
        "severity": problem.severity.value,
        "code": problem.code,
        "message": problem.message,
    }
