"""``argmap render MAP...``: draw maps as SVG, PNG, PDF or DOT, or write their interactive
HTML page."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli._analysis import Analysis, NoSupportsOption, StatusOption, StrengthOption
from argmap.cli._choices import (
    BINARY_FORMATS,
    DIRECTIONS,
    ENGINES,
    PICTURE_FORMATS,
    QUOTE_STYLES,
    THEMES,
    Direction,
    EngineName,
    PictureFormat,
    QuoteStyle,
    ThemeName,
    choice,
)
from argmap.cli._focus import DepthOption, DownOption, FocusOption, UpOption, focus_options
from argmap.cli._inputs import MAP_SUFFIXES, SKIPPED
from argmap.cli._options import JobsOption, Quiet, Strict, is_same_file, refuse_empty_names

if TYPE_CHECKING:
    from argmap.cli._destinations import Job
    from argmap.cli._focus import Focus
    from argmap.cli._inputs import Input
    from argmap.cli._report import Recorder, Reporter
    from argmap.model import ArgumentMap

#: The bounds of --dpi and --timeout: far past any real use, short of overflowing anything.
DPI_RANGE = (1.0, 10_000.0)
TIMEOUT_RANGE = (0.1, 86_400.0)

HELP = f"""Draw maps as SVG, PNG, PDF or DOT, or as an interactive HTML page.

MAP is a map file, '-' for standard input, or a directory, searched recursively for
{", ".join(MAP_SUFFIXES)} files (skipping {SKIPPED}).

Without -o, each picture goes beside its map: map.yaml gives map.svg, or map.png with
-f png; a map from standard input goes to standard output. With -o DIR (an existing
directory, a name ending in '/', or any -o with several maps) the pictures go into DIR,
the maps of a directory keeping their folders there. PNG and PDF never go to a terminal.

--status SEMANTICS marks each claim in, out or undecided, as 'argmap evaluate' finds it:
the kind line ends with IN, OUT or UNDECIDED, an accepted claim has a double border, a
rejected one is faded. complete, preferred and stable may give several labellings: the
picture shows the sceptical view (in: in every labelling; out: out in every one;
otherwise undecided). --strength NAME adds each claim's strength, as a number and a bar
(Graphviz's PDF: the number). Both are computed on the whole map, before --focus: a
claim keeps the status it has in the whole map. --schemes labels each relation that
names a scheme.

The legend stands under the map, in as many rows as keep it no wider than the map (or
beside it when that makes the smaller picture). --quotes footnotes numbers the claims
that quote their source ([1], [2], ... in map order) and sets the quotes as numbered
notes under the map, for papers; the default, mark, shows a quotation mark instead.

-o map.html (or -f html) writes one self-contained page to explore the map in a
browser, offline: pan and zoom, search, the outline beside the picture, a claim's
quote and details on a click; with the default theme it follows the reader's light or
dark scheme.

PDF comes from typst (pip install 'argmap[pdf]'), with the fonts embedded and the text
selectable; --engine system gives Graphviz's own PDF instead. --width W scales the
picture to W wide (85mm for a column, 6.5in, 17cm, 300pt, or 800px: a PNG 800 pixels
wide), --max-width W only shrinks it to W; argmap warns when the claims' text would
come out under 6 pt.

Text in a script the bundled fonts lack (Thai, Devanagari, Traditional Chinese 臺...) is
drawn as empty boxes, with a warning naming each claim: --font FILE adds a font that
has it, measured and embedded like the bundled ones.

Tags are drawn as small chips under a claim's text when the tags: of the map's style:
give them colours (empirical: teal); --tags draws every tag (those without a colour in
grey), --no-tags none. In the SVG, each claim's tooltip gives its id, kind, quote and tags.
"""


def number_between(low: float, high: float) -> Callable[[str | float], float]:
    """A typer ``parser`` for a number in [low, high]; nan and inf are not."""

    def parse(value: str | float) -> float:
        try:
            number = float(value)
        except ValueError:
            raise typer.BadParameter(f"{value!r} is not a valid float.") from None
        if not low <= number <= high:  # false for nan too
            raise typer.BadParameter(f"{number:g} is not a number from {low:g} to {high:g}")
        return number

    return parse


def length(value: str) -> str:
    """A typer ``parser`` for a picture's width: ``value`` if it is one (85mm, 6.5in)."""
    from argmap.errors import RenderError
    from argmap.rendering.sizing import Length

    try:
        Length.parse(value, "")
    except RenderError as error:
        raise typer.BadParameter(str(error)) from None
    return value


@dataclass(frozen=True)
class Drawing:
    """How every picture of one run is drawn: the options that reach the renderer."""

    theme: str
    direction: str
    engine: str
    legend: bool
    title: bool
    dpi: float
    timeout: float
    analysis: Analysis = field(default_factory=Analysis)
    schemes: bool = False
    quotes: str = "mark"
    width: str | None = None
    max_width: str | None = None
    fonts: tuple[str, ...] = ()
    tags: bool | None = None


EPILOG = (
    "Exit status: 0 when every picture was written, 1 when any map had an error (or a "
    "warning, with --strict) or a picture could not be made or written, 2 for a usage "
    "error (nothing is drawn then)."
)


OutputOption = Annotated[
    str | None,
    typer.Option(
        "-o",
        "--output",
        metavar="OUT",
        help="The picture's file, '-' for stdout, or a directory. Default: beside each map.",
    ),
]

#: ``--out-dir DIR``: every picture into DIR, as ``-o DIR/``.
OutDirOption = Annotated[
    str | None,
    typer.Option(
        "--out-dir",
        metavar="DIR",
        help="Put each picture in DIR (made if missing), named after its map: -o DIR/.",
        show_default=False,
    ),
]

FormatOption = Annotated[
    PictureFormat | None,
    typer.Option(
        "-f",
        "--format",
        metavar="FORMAT",
        parser=choice("picture format", PICTURE_FORMATS),
        case_sensitive=False,
        help="svg, png, pdf, dot or html. Default: from OUT's suffix, else svg.",
    ),
]

ThemeOption = Annotated[
    ThemeName,
    typer.Option(
        metavar="THEME",
        parser=choice("theme", THEMES),
        case_sensitive=False,
        help=f"Colours and lines: {', '.join(THEMES)}.",
    ),
]

DirectionOption = Annotated[
    Direction,
    typer.Option(
        metavar="DIRECTION",
        parser=choice("direction", DIRECTIONS),
        case_sensitive=False,
        help="Where the thesis sits: TB on top, BT at the bottom, LR left, RL right.",
    ),
]

EngineOption = Annotated[
    EngineName,
    typer.Option(
        metavar="ENGINE",
        parser=choice("engine", ENGINES),
        case_sensitive=False,
        help="embedded (installed with argmap) or system (Graphviz's dot; its own PDF).",
    ),
]

LegendOption = Annotated[
    bool,
    typer.Option("--legend/--no-legend", show_default=False, help="Draw the legend of kinds."),
]

TitleOption = Annotated[
    bool,
    typer.Option("--title/--no-title", show_default=False, help="Draw the map's title."),
]

DpiOption = Annotated[
    float,
    typer.Option(
        metavar="DPI",
        parser=number_between(*DPI_RANGE),
        help="PNG resolution, 1 to 10000.",
    ),
]

WidthOption = Annotated[
    str | None,
    typer.Option(
        metavar="W",
        parser=length,
        help="Scale the picture to W wide: a number and pt, px, mm, cm or in (85mm).",
        show_default=False,
    ),
]

MaxWidthOption = Annotated[
    str | None,
    typer.Option(
        metavar="W",
        parser=length,
        help="Shrink the picture to at most W wide (never enlarge it).",
        show_default=False,
    ),
]

TimeoutOption = Annotated[
    float,
    typer.Option(
        metavar="SECONDS",
        parser=number_between(*TIMEOUT_RANGE),
        help="Seconds each layout (and each --status search) may take, 0.1 to 86400.",
    ),
]

SchemesOption = Annotated[
    bool,
    typer.Option("--schemes", help="Label each relation with the scheme it names."),
]

QuotesOption = Annotated[
    QuoteStyle,
    typer.Option(
        metavar="STYLE",
        parser=choice("quotes style", QUOTE_STYLES),
        case_sensitive=False,
        help="How a claim's quote shows: mark (a quotation mark in its kind line) or "
        "footnotes (numbered notes under the map).",
    ),
]

FontsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--font",
        metavar="FILE",
        show_default=False,
        help="A font file (TTF or OTF) to draw with before the bundled ones, for the "
        "characters it has: a Thai, Devanagari or Traditional Chinese face, or a body "
        "face (the first with the Latin alphabet, CJK ones aside, sets all it can). "
        "Repeatable.",
    ),
]

TagsOption = Annotated[
    bool | None,
    typer.Option(
        "--tags/--no-tags",
        show_default=False,
        help="Draw every tag as a chip under its claim's text (--no-tags: none). "
        "Default: the tags the map's style: gives colours.",
    ),
]


def render(
    ctx: typer.Context,
    maps: Annotated[list[str], typer.Argument(metavar="MAP...", show_default=False)],
    output: OutputOption = None,
    picture_format: FormatOption = None,
    theme: ThemeOption = "default",
    direction: DirectionOption = "TB",
    engine: EngineOption = "embedded",
    legend: LegendOption = True,
    title: TitleOption = True,
    dpi: DpiOption = 144.0,
    width: WidthOption = None,
    max_width: MaxWidthOption = None,
    timeout: TimeoutOption = 60.0,
    status: StatusOption = None,
    strength: StrengthOption = None,
    no_supports: NoSupportsOption = False,
    schemes: SchemesOption = False,
    quotes: QuotesOption = "mark",
    fonts: FontsOption = None,
    tags: TagsOption = None,
    focus: FocusOption = None,
    depth: DepthOption = None,
    up: UpOption = False,
    down: DownOption = False,
    strict: Strict = False,
    quiet: Quiet = False,
    out_dir: OutDirOption = None,
    jobs: JobsOption = 1,
) -> None:
    """Draw each map; exit 1 if any failed."""
    from argmap.cli._inputs import expand
    from argmap.cli._report import Reporter

    refuse_empty_names(maps, "MAP...")
    refuse_width_with_max_width(width, max_width)
    output = _output_or_folder(output, out_dir)
    focused = focus_options(focus, depth, up, down)
    analysis = Analysis.of(status, strength, no_supports)
    inputs = expand(maps)
    planned_jobs = planned(ctx, inputs.maps, output, picture_format)
    refuse_undrawable(ctx, planned_jobs, engine, width, max_width, fonts)
    reporter = Reporter(quiet=quiet)
    reporter.problems(inputs.problems)
    if not fonts_usable(fonts or [], reporter):
        raise typer.Exit(1)
    options = Drawing(
        theme,
        direction,
        engine,
        legend,
        title,
        dpi,
        timeout,
        analysis,
        schemes,
        quotes,
        width,
        max_width,
        tuple(fonts or ()),
        tags,
    )
    failed = draw_all(planned_jobs, options, reporter, strict, focused, jobs)
    if inputs.problems or failed:
        raise typer.Exit(1)


def draw_all(
    jobs: list[Job],
    options: Drawing,
    reporter: Reporter,
    strict: bool,
    focused: Focus | None,
    processes: int,
) -> list[str]:
    """Draw every job, in ``processes`` worker processes when there are several maps,
    each map's lines reported in the order of the maps, under a progress bar when it
    takes a while; then, for several maps, a summary and each map that failed. The maps
    that failed, as shown."""
    from argmap.cli._parallel import in_order
    from argmap.cli._progress import Progress
    from argmap.cli._report import plural

    failed: list[str] = []
    several = len(jobs) > 1
    what = f"rendering {plural(len(jobs), 'map')}" if several else "drawing"
    with Progress(len(jobs) if several else None, what, reporter) as bar:
        if processes == 1 or not several:
            outcomes: Iterable[bool] = (
                draw(job, options, reporter, strict, focused) for job in jobs
            )
        else:
            work = functools.partial(draw_apart, options=options, strict=strict, focused=focused)
            outcomes = _replayed(in_order(work, jobs, processes), reporter)
        for job, drawn in zip(jobs, outcomes, strict=True):
            bar.advance(job.source.shown)
            if not drawn:
                failed.append(job.source.shown)
    if several:
        counts = [plural(reporter.errors, "error")] if reporter.errors else []
        counts += [plural(reporter.warnings, "warning")] if reporter.warnings else []
        more = f"; {', '.join(counts)}" if counts else ""
        reporter.done(f"rendered {len(jobs) - len(failed)} of {plural(len(jobs), 'map')}{more}")
        for shown in failed:
            reporter.done(f"failed: {shown}")
    return failed


def _replayed(done: Iterable[tuple[bool, Recorder]], reporter: Reporter) -> Iterator[bool]:
    """Whether each map was drawn, once what its worker said is told to ``reporter``."""
    for drawn, recorder in done:
        recorder.replay(reporter)
        yield drawn


def draw_apart(
    job: Job, options: Drawing, strict: bool, focused: Focus | None
) -> tuple[bool, Recorder]:
    """:func:`draw` in a worker process: whether the map was drawn, and what it said."""
    from argmap.cli._report import Recorder

    recorder = Recorder()
    return draw(job, options, recorder, strict, focused), recorder


def _output_or_folder(output: str | None, out_dir: str | None) -> str | None:
    """``-o``, or ``--out-dir`` as a folder; a usage error for both."""
    if out_dir is None:
        return output
    if output is not None:
        raise typer.BadParameter(
            "give -o or --out-dir, not both: --out-dir DIR is -o DIR/",
            param_hint="'--out-dir'",
        )
    if not out_dir:
        raise typer.BadParameter("the folder name is empty", param_hint="'--out-dir'")
    return out_dir if out_dir.endswith(("/", os.sep)) else out_dir + "/"


def refuse_width_with_max_width(width: str | None, max_width: str | None) -> None:
    """A usage error for --width with --max-width."""
    if width is not None and max_width is not None:
        raise typer.BadParameter(
            "give --width or --max-width, not both: --width scales, --max-width only shrinks",
            param_hint="'--max-width'",
        )


def planned(
    ctx: typer.Context, maps: list[Input], output: str | None, picture_format: str | None
) -> list[Job]:
    """Where each map's picture goes, in which format; a usage error when it cannot."""
    from argmap.cli._destinations import Refused, plan

    try:
        return plan(maps, output, picture_format) if maps else []
    except Refused as refused:
        if refused.option is not None:
            raise typer.BadParameter(refused.message, param_hint=refused.option) from None
        ctx.fail(refused.message)


def refuse_undrawable(
    ctx: typer.Context,
    jobs: list[Job],
    engine: str,
    width: str | None,
    max_width: str | None,
    fonts: list[str] | None,
) -> None:
    """A usage error for pictures the options cannot give: binary ones on a terminal,
    Graphviz's PDF scaled, an empty --font."""
    _refuse_binary_on_a_terminal(ctx, jobs)
    if engine == "system" and (width or max_width) and any(j.format == "pdf" for j in jobs):
        ctx.fail(
            "Graphviz's own PDF (--engine system) cannot be scaled to a width: leave out "
            "--engine system (the PDF then comes from typst: pip install 'argmap[pdf]'), "
            "or leave out --width and --max-width"
        )
    if any(not font for font in fonts or ()):
        raise typer.BadParameter("the file name is empty; name a font file", param_hint="--font")


def fonts_usable(fonts: list[str], reporter: Reporter) -> bool:
    """Whether every --font file can be drawn with; a problem for the first that cannot."""
    from argmap.errors import Location, Problem
    from argmap.rendering.fontfiles import FontFileError, font_set

    try:
        font_set(fonts)
    except FontFileError as error:
        reporter.problems([Problem(error.reason, location=Location(error.path))])
        return False
    return True


def _refuse_binary_on_a_terminal(ctx: typer.Context, jobs: list[Job]) -> None:
    for job in jobs:
        if job.output == "-" and job.format in BINARY_FORMATS and _stdout_is_a_terminal():
            ctx.fail(
                f"a {job.format.upper()} picture is binary and would garble the terminal; "
                "write it to a file with -o FILE, or pipe it (-o - | ...)"
            )


def _stdout_is_a_terminal() -> bool:
    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except (OSError, ValueError):
        return False


def draw(
    job: Job,
    options: Drawing,
    reporter: Reporter,
    strict: bool,
    focused: Focus | None = None,
    *,
    seen: Callable[[ArgumentMap], None] | None = None,
    amend: Callable[[bytes], bytes] | None = None,
) -> bool:
    """Check, focus, draw and write one map's picture, reporting every problem; whether
    it was. ``seen`` is given the map once it is read without errors (``argmap watch``
    follows the fonts it names), ``amend`` the picture before it is written."""
    import warnings

    from argmap._io import write_output
    from argmap.cli._focus import apply_focus
    from argmap.cli._report import plural
    from argmap.errors import ArgmapError, Location, Problem, Severity, shown_path
    from argmap.formats import check_file
    from argmap.rendering import render as render_map
    from argmap.rendering.fontfiles import map_fonts

    shown = job.source.shown
    argmap, problems = check_file(job.source.path)
    reporter.problems(problems)
    if argmap is None or any(p.severity is Severity.ERROR for p in problems):
        return False
    if seen is not None:
        seen(argmap)
    warned = len(problems)
    try:
        # The whole map's analysis: focusing shows less of the map, never changes it.
        analysed = options.analysis.compute(argmap, options.timeout)
    except ArgmapError as error:
        reporter.problems([Problem(str(error), location=Location(shown))])
        return False
    argmap, unfocused = apply_focus(argmap, focused, shown)
    if argmap is None:
        reporter.problems(unfocused)
        return False
    if job.output != "-" and is_same_file(job.output, job.source.path):
        reporter.error(
            f"{shown_path(job.output)}: the output would overwrite the map itself; "
            "choose another -o"
        )
        return False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            picture = render_map(
                argmap,
                job.format,
                theme=options.theme,
                direction=options.direction,
                engine=options.engine,
                legend=options.legend,
                title=options.title,
                dpi=options.dpi,
                timeout=options.timeout,
                status=analysed.status,
                status_semantics=analysed.status_semantics,
                strength=analysed.strength,
                strength_semantics=analysed.strength_semantics,
                schemes=options.schemes,
                quotes=options.quotes,
                width=options.width,
                max_width=options.max_width,
                fonts=[*options.fonts, *map_fonts(argmap, job.source.path)],
                tags=options.tags,
            )
    except ArgmapError as error:
        located = getattr(error, "problems", None) or [
            Problem(str(error), location=Location(shown))
        ]
        reporter.problems(located)
        return False
    for warning in caught:
        reporter.warning(shown, str(warning.message))
    warned += len(caught)
    if strict and warned:
        reporter.failed(f"{shown}: not drawn: {plural(warned, 'warning')} (--strict)")
        return False
    try:
        if job.make_folder:
            _make_folder(os.path.dirname(job.output))
        write_output(job.output, picture if amend is None else amend(picture))
    except ArgmapError as error:
        reporter.error(str(error))
        return False
    if job.output != "-":
        counts = f"{plural(len(argmap.claims), 'claim')}, "
        counts += plural(len(argmap.relations), "relation")
        if warned:
            counts += f"; {plural(warned, 'warning')}"
        reporter.done(f"wrote {shown_path(job.output)} ({counts})")
    return True


def _make_folder(folder: str) -> None:
    from argmap.errors import ArgmapError

    if not folder:
        return
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise ArgmapError(f"{folder}: cannot make the directory: {error.strerror}") from None
