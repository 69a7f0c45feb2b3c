"""``argmap convert IN [-o OUT] [-t FORMAT] [--from FORMAT]``: a map in another format."""

from __future__ import annotations

from typing import Annotated

import typer

from argmap.cli._choices import (
    MAP_FORMATS,
    WRITTEN_FORMATS,
    MapFormat,
    WrittenFormat,
    choice,
    format_untold,
    formats_disagree,
    suffix_format,
)
from argmap.cli._focus import DepthOption, DownOption, FocusOption, UpOption, focus_options
from argmap.cli._options import Quiet, Strict, is_same_file, refuse_empty_names

HELP = f"""Write a map in another format: {", ".join(WRITTEN_FORMATS)}.

IN is a map file ({", ".join(MAP_FORMATS)}), or '-' for standard input. The map is
checked first: a map with errors (or warnings, with --strict) is not converted, and an
existing OUT is left as it was.
"""

EPILOG = (
    "The format written comes from -t, else from OUT's suffix; to standard output it is "
    "YAML unless -t says otherwise. Exit status: 0 written, 1 a map with errors or a "
    "failed write, 2 a usage error."
)


def convert(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="IN", show_default=False)],
    output: Annotated[
        str | None,
        typer.Option(
            "-o", "--output", metavar="OUT", help="The file to write, '-' for stdout (default)."
        ),
    ] = None,
    to: Annotated[
        WrittenFormat | None,
        typer.Option(
            "-t",
            "--to",
            metavar="FORMAT",
            parser=choice("format", WRITTEN_FORMATS),
            case_sensitive=False,
            help="The format to write. Default: from OUT's suffix, else yaml.",
        ),
    ] = None,
    source_format: Annotated[
        MapFormat | None,
        typer.Option(
            "--from",
            metavar="FORMAT",
            parser=choice("map format", MAP_FORMATS),
            case_sensitive=False,
            help="Read IN as FORMAT, whatever its suffix. Default: from the suffix or the text.",
        ),
    ] = None,
    focus: FocusOption = None,
    depth: DepthOption = None,
    up: UpOption = False,
    down: DownOption = False,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Convert one map; exit 1 if it has errors or cannot be written."""
    import attrs

    from argmap._io import write_output
    from argmap.cli._focus import apply_focus
    from argmap.cli._report import Reporter, plural
    from argmap.errors import ArgmapError, Location, Severity, ValidationError, shown_path
    from argmap.formats import check_file, dumps

    refuse_empty_names([source], "IN")
    focused = focus_options(focus, depth, up, down)
    target = output or "-"
    written = _format_to_write(ctx, target, to)
    reporter = Reporter(quiet=quiet)
    argmap, problems = check_file(source, source_format)
    reporter.problems(problems)
    shown = "<stdin>" if source == "-" else source
    if argmap is None or any(p.severity is Severity.ERROR for p in problems):
        raise typer.Exit(1)
    if strict and problems:
        reporter.failed(
            f"{shown_path(shown)}: not converted: {plural(len(problems), 'warning')} (--strict)"
        )
        raise typer.Exit(1)
    if target != "-" and is_same_file(target, source):
        reporter.error(f"{shown_path(target)}: the output would overwrite the map itself")
        raise typer.Exit(1)
    argmap, unfocused = apply_focus(argmap, focused, shown)
    if argmap is None:
        reporter.problems(unfocused)
        raise typer.Exit(1)
    try:
        text = dumps(argmap, written)
    except ValidationError as error:  # what the format cannot hold, each place named
        reporter.problems(
            attrs.evolve(p, location=Location(shown)) if p.location is None else p
            for p in error.problems
        )
        raise typer.Exit(1) from None
    try:
        write_output(target, text.encode("utf-8"))
    except ArgmapError as error:
        reporter.error(str(error))
        raise typer.Exit(1) from None
    if target != "-":
        counts = f"{plural(len(argmap.claims), 'claim')}, "
        counts += plural(len(argmap.relations), "relation")
        reporter.done(f"wrote {shown_path(target)} ({written}; {counts})")


def _format_to_write(ctx: typer.Context, target: str, to: str | None) -> str:
    """The format to write: ``-t``, else the suffix of ``target``, else YAML to stdout.

    A ``-t`` that the suffix contradicts, and a file whose suffix names no format, are
    usage errors: the file would be named for one format and hold another.
    """
    named = suffix_format(target) if target != "-" else None
    if to is not None:
        if named is not None and named != to:
            ctx.fail(formats_disagree("-t", to, target, named))
        return to
    if named is not None:
        return named
    if target == "-":
        return "yaml"
    raise typer.BadParameter(
        format_untold(target, "-t", WRITTEN_FORMATS), param_hint="'-o' / '--output'"
    )
