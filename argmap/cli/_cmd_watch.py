"""``argmap watch MAP [-o OUT]``: draw a map again each time it is saved."""

from __future__ import annotations

import signal
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli._analysis import Analysis, NoSupportsOption, StatusOption, StrengthOption
from argmap.cli._cmd_render import (
    DirectionOption,
    DpiOption,
    Drawing,
    EngineOption,
    FontsOption,
    FormatOption,
    LegendOption,
    MaxWidthOption,
    QuotesOption,
    SchemesOption,
    TagsOption,
    ThemeOption,
    TimeoutOption,
    TitleOption,
    WidthOption,
)
from argmap.cli._focus import DepthOption, DownOption, FocusOption, UpOption, focus_options
from argmap.cli._options import Quiet, Strict, refuse_empty_names

if TYPE_CHECKING:
    from argmap.cli._destinations import Job
    from argmap.cli._focus import Focus
    from argmap.cli._live_server import LiveServer
    from argmap.cli._report import Reporter

HELP = """Draw a map, and again each time it is saved.

MAP is one map file. The picture goes where 'argmap render MAP' would put it: beside the
map (map.yaml gives map.svg), or OUT with -o; every option of 'argmap render' applies.
The map is drawn again when it changes, or a font file its style: names does: an
editor's several writes of one save make one drawing. Each drawing writes one line
(wrote map.svg (26 claims, 23 relations)), or the map's problems, located, as 'argmap
render' writes them; a map with errors is not drawn and OUT keeps the last good picture.

With -o map.html, argmap also serves the page on 127.0.0.1 (a free port, or --port) and
the page reloads itself after each drawing, keeping its view, whether it is opened from
the file or from the address printed. While watch runs, the file holds that live page
(one script more, which listens to the server); 'argmap render' writes the plain page.

Ctrl-C (or SIGTERM) stops watching, with exit status 0.
"""

EPILOG = (
    "Exit status: 0 when stopped by Ctrl-C or SIGTERM, whatever the drawings gave; 1 when "
    "MAP cannot be watched (missing, a directory) or a --font cannot be read; 2 for a "
    "usage error."
)


class _Stopped(BaseException):
    """Ctrl-C or SIGTERM: the watch ends, and the process with status 0."""


def _stop(signum: int, frame: FrameType | None) -> None:
    for each in _STOP_SIGNALS:  # a second Ctrl-C must not interrupt the way out
        signal.signal(each, signal.SIG_IGN)
    raise _Stopped


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def watch(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="MAP", show_default=False)],
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="OUT",
            help="The picture's file, or a directory for it. Default: beside the map.",
        ),
    ] = None,
    picture_format: FormatOption = None,
    port: Annotated[
        int | None,
        typer.Option(
            metavar="N",
            min=0,
            max=65535,
            show_default=False,
            help="The port of the live-reload server (-o x.html only). Default: any free one.",
        ),
    ] = None,
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
) -> None:
    """Draw the map, then again on each change, until Ctrl-C or SIGTERM."""
    import os

    from argmap.cli._cmd_render import (
        fonts_usable,
        planned,
        refuse_undrawable,
        refuse_width_with_max_width,
    )
    from argmap.cli._inputs import Input
    from argmap.cli._report import Reporter

    refuse_empty_names([source], "MAP")
    if source == "-":
        raise typer.BadParameter(
            "standard input cannot be watched; name the map file", param_hint="'MAP'"
        )
    if output == "-":
        raise typer.BadParameter(
            "watch writes a file each time, not standard output; name the file with -o "
            "FILE, or leave -o out to write it beside the map",
            param_hint="'-o' / '--output'",
        )
    refuse_width_with_max_width(width, max_width)
    focused = focus_options(focus, depth, up, down)
    reporter = Reporter(quiet=quiet)
    if os.path.isdir(source):
        raise typer.BadParameter(
            f"{source!r} is a directory; watch draws one map: name its file",
            param_hint="'MAP'",
        )
    jobs = planned(ctx, [Input(source)], output, picture_format)
    refuse_undrawable(ctx, jobs, engine, width, max_width, fonts)
    if port is not None and jobs[0].format != "html":
        raise typer.BadParameter(
            f"the live-reload server serves an HTML page; this watch draws "
            f"{jobs[0].format.upper()}: leave --port out, or write -o NAME.html",
            param_hint="'--port'",
        )
    if not os.path.isfile(source):
        reporter.error(f"{source}: no such file; name an existing map ('argmap new' starts one)")
        raise typer.Exit(1)
    if not fonts_usable(fonts or [], reporter):
        raise typer.Exit(1)
    options = Drawing(
        theme=theme,
        direction=direction,
        engine=engine,
        legend=legend,
        title=title,
        dpi=dpi,
        timeout=timeout,
        analysis=Analysis.of(status, strength, no_supports),
        schemes=schemes,
        quotes=quotes,
        width=width,
        max_width=max_width,
        fonts=tuple(fonts or ()),
        tags=tags,
    )
    previous = {each: signal.signal(each, _stop) for each in _STOP_SIGNALS}
    try:
        _watch(jobs[0], options, reporter, strict, focused, port or 0)
    except (_Stopped, KeyboardInterrupt):
        pass
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)


def _watch(
    job: Job,
    options: Drawing,
    reporter: Reporter,
    strict: bool,
    focused: Focus | None,
    port: int,
) -> None:
    from pathlib import Path

    from argmap.cli._cmd_render import draw
    from argmap.cli._live_page import live_page
    from argmap.cli._watching import Targets, Watcher
    from argmap.errors import shown_path
    from argmap.rendering.fontfiles import map_fonts

    targets = Targets(job.source.path)
    server: LiveServer | None = None
    if job.format == "html":
        from argmap.cli._live_server import LiveServer

        try:
            server = LiveServer(Path(job.output), port)
        except OSError as error:
            reporter.error(f"cannot serve the live page on 127.0.0.1:{port}: {error.strerror}")
            raise typer.Exit(1) from None
        server.start()
    try:
        watcher = Watcher(targets)
    except OSError as error:
        if server is not None:
            server.close()
        reporter.error(f"{job.source.shown}: cannot watch its folder: {error}")
        raise typer.Exit(1) from None
    try:
        events_url = server.events_url if server is not None else ""

        def make_live(page: bytes) -> bytes:
            try:
                return live_page(page, events_url)
            except ValueError as error:  # a page off the contract: argmap's own bug
                reporter.error(f"the page is written as it is, without live reload: {error}")
                return page

        def drawn() -> None:
            ok = draw(
                job,
                options,
                reporter,
                strict,
                focused,
                seen=lambda m: targets.follow_fonts(map_fonts(m, job.source.path)),
                amend=make_live if server is not None else None,
            )
            if ok and server is not None:
                server.reload()

        drawn()
        watcher.follow()  # the fonts the map names, before the user is told to go on
        where = f"; open {server.url} or {shown_path(job.output)}" if server else ""
        _say(f"watching {job.source.shown}{where}; Ctrl-C stops")
        for _ in watcher.rounds():
            drawn()
    finally:
        watcher.close()
        if server is not None:
            server.close()


def _say(line: str) -> None:
    """A line about the watch itself, on stderr: always written, even with --quiet, since
    it says where the page is."""
    import contextlib

    with contextlib.suppress(OSError, ValueError):
        typer.echo(line, err=True)
