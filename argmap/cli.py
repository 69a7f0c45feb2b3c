"""The ``argmap`` command: a thin shell over the library.

Each command parses its options, calls one library function, prints, and maps errors
to exit codes: 0 success, 1 bad input or a failed render, 2 a usage error. Library
modules are imported inside the commands, so ``argmap --version`` starts fast.
"""

from __future__ import annotations

import enum
import errno
import os
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Annotated, NoReturn

import typer

from argmap._version import __version__

app = typer.Typer(
    name="argmap",
    help="Write, check and draw argument maps.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        _print([f"argmap {__version__}"])
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Write, check and draw argument maps."""
    from argmap.errors import ArgmapError
    from argmap.limits import Limits

    try:  # a mistyped ARGMAP_MAX_* variable is reported before any work starts
        Limits.from_env()
    except ArgmapError as error:
        fail(str(error))


class MapFormat(enum.Enum):
    """Map file formats a command reads."""

    yaml = "yaml"
    json = "json"


def plural(count: int, noun: str) -> str:
    """``1 claim``, ``2 claims``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def fail(message: str) -> NoReturn:
    """Print an error for the user (no traceback) and exit 1."""
    typer.echo(f"argmap: error: {message}", err=True)
    raise typer.Exit(1)


def _print(lines: list[str]) -> None:
    """Print ``lines`` on stdout, every byte checked; a failed write exits 1, saying why."""
    from argmap._io import write_stdout
    from argmap.errors import ArgmapError

    # surrogateescape gives back the bytes of a file name that is not UTF-8.
    data = "".join(f"{line}\n" for line in lines).encode("utf-8", "surrogateescape")
    try:
        write_stdout(data)
    except ArgmapError as error:
        fail(str(error))


def _named(paths: list[str], hint: str) -> None:
    if any(not path for path in paths):
        raise typer.BadParameter(
            "the file name is empty; name a map file, or '-' for standard input",
            param_hint=hint,
        )


@app.command()
def validate(
    files: Annotated[
        list[str], typer.Argument(metavar="FILE...", help="Map files to check; '-' reads stdin.")
    ],
    format: Annotated[
        MapFormat | None,
        typer.Option("--format", "-f", help="Read as this format, whatever the suffix."),
    ] = None,
) -> None:
    """Check map files and report every problem as path:line:col."""
    from argmap.formats import check_file

    _named(files, "FILE...")
    failed = 0
    for path in files:
        argmap, problems = check_file(path, format.value if format else None)
        _print([str(problem) for problem in problems])
        if problems or argmap is None:
            failed += 1
        else:
            typer.echo(
                f"{'<stdin>' if path == '-' else path}: ok "
                f"({plural(len(argmap.claims), 'claim')}, "
                f"{plural(len(argmap.relations), 'relation')})",
                err=True,
            )
    if failed:
        raise typer.Exit(1)


def _between(low: float, high: float) -> Callable[[float], float]:
    """A check that a number option lies in [low, high]; nan and inf do not."""

    def check(value: float) -> float:
        if not low <= value <= high:  # false for nan too
            raise typer.BadParameter(f"{value:g} is not a number from {low:g} to {high:g}")
        return value

    return check


#: The bounds of --dpi and --timeout: far past any real use, short of overflowing anything.
DPI_RANGE = (1.0, 10_000.0)
TIMEOUT_RANGE = (0.1, 86_400.0)


class OutputFormat(enum.Enum):
    """Picture formats ``argmap render`` writes."""

    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"


class ThemeName(enum.Enum):
    """The built-in themes."""

    default = "default"
    dark = "dark"
    print = "print"
    colorblind = "colorblind"


class DirectionName(enum.Enum):
    """Where the thesis sits: TB on top, BT at the bottom, LR left, RL right."""

    TB = "TB"
    LR = "LR"
    BT = "BT"
    RL = "RL"


class EngineName(enum.Enum):
    """Layout engines: embedded (installed with argmap) or system (Graphviz's dot)."""

    embedded = "embedded"
    system = "system"


def _report(error: Exception) -> NoReturn:
    """Print an argmap error for the user, each problem on its own line, and exit 1."""
    problems = getattr(error, "problems", None)
    if problems:
        for problem in problems:
            typer.echo(str(problem), err=True)
    else:
        typer.echo(f"argmap: error: {error}", err=True)
    raise typer.Exit(1)


def _output_format(output: str | None, format: OutputFormat | None) -> str:
    if format is not None:
        return format.value
    if output is None or output == "-":
        return "svg"
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in {f.value for f in OutputFormat}:
        return suffix
    raise typer.BadParameter(
        f"cannot tell the format from {output!r}; name it with -f svg|png|pdf|dot",
        param_hint="'-o' / '--output'",
    )


@app.command()
def render(
    map_file: Annotated[str, typer.Argument(metavar="MAP", help="The map file; '-' reads stdin.")],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="OUT",
            help="Where to write; '-' is stdout. Default: MAP with the format's suffix.",
        ),
    ] = None,
    format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format", "-f", help="Picture format. Default: from OUT's suffix, else svg."
        ),
    ] = None,
    theme: Annotated[ThemeName, typer.Option(help="Colours and lines.")] = ThemeName.default,
    direction: Annotated[
        DirectionName, typer.Option(help="Where the thesis sits (TB: on top).")
    ] = DirectionName.TB,
    engine: Annotated[
        EngineName, typer.Option(help="embedded (installed with argmap) or system (dot on PATH).")
    ] = EngineName.embedded,
    legend: Annotated[bool, typer.Option("--legend/--no-legend", help="Draw the legend.")] = True,
    title: Annotated[
        bool, typer.Option("--title/--no-title", help="Draw the map's title.")
    ] = True,
    dpi: Annotated[
        float, typer.Option(callback=_between(*DPI_RANGE), help="PNG resolution, 1 to 10000.")
    ] = 144.0,
    timeout: Annotated[
        float,
        typer.Option(
            callback=_between(*TIMEOUT_RANGE), help="Seconds the layout may take, 0.1 to 86400."
        ),
    ] = 60.0,
) -> None:
    """Draw a map as SVG, PNG, PDF or DOT."""
    import warnings

    from argmap._io import write_output
    from argmap.errors import ArgmapError
    from argmap.formats import load
    from argmap.rendering import render as render_map

    _named([map_file], "MAP")
    if output == "":
        raise typer.BadParameter("the file name is empty", param_hint="'-o' / '--output'")
    chosen = _output_format(output, format)
    try:
        argmap = load(map_file)
        # With neither -o nor -f the picture goes beside the map; with -f alone, to stdout.
        # (After loading: a name with no file name, '.' or '/', takes no suffix, and it is
        # a directory, which load has refused.)
        if output is None and format is None and map_file != "-":
            output = str(Path(map_file).with_suffix(f".{chosen}"))
        if output not in (None, "-") and _is_same_file(str(output), map_file):
            fail(f"{output}: the output would overwrite the map itself; choose another -o")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            picture = render_map(
                argmap,
                chosen,
                theme=theme.value,
                direction=direction.value,
                engine=engine.value,
                legend=legend,
                title=title,
                dpi=dpi,
                timeout=timeout,
            )
        for warning in caught:
            typer.echo(f"argmap: warning: {warning.message}", err=True)
        write_output(output or "-", picture)
    except ArgmapError as error:
        _report(error)


def _is_same_file(output: str, map_file: str) -> bool:
    """Whether writing ``output`` would replace the map file, by any spelling or link."""
    if map_file == "-":
        return False
    try:
        written, read = os.stat(output), os.stat(map_file)
    except (OSError, ValueError):
        return False
    # Only a regular file can be overwritten; a device or pipe in and out is fine.
    return os.path.samestat(written, read) and Path(map_file).is_file()


@app.command()
def example(
    name: Annotated[str | None, typer.Argument(help="The example to write; see --list.")] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="OUT", help="Where to write; default stdout."),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the examples and exit.")] = False,
) -> None:
    """Write one of the example maps that ship with argmap, to start from."""
    from argmap import examples
    from argmap._io import write_output
    from argmap.errors import ArgmapError

    if list_:
        _print([f"{each}\t{examples.load(each).title or ''}" for each in examples.names()])
        return
    if name is None:
        raise typer.BadParameter("name an example, or use --list", param_hint="NAME")
    try:
        write_output(output or "-", examples.text(name).encode("utf-8"))
    except ArgmapError as error:
        _report(error)


# --- the process: signals, the last safety net, standard output at exit ------------------


class _Interrupted(BaseException):
    """A signal that ends the run, raised so that every cleanup on the way out runs.

    Not a KeyboardInterrupt: click turns that into a silent exit 130, whatever the signal.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)

#: Exit status for an unexpected error: EX_SOFTWARE, from sysexits.h.
EXIT_INTERNAL = 70


def _on_signal(signum: int, frame: FrameType | None) -> None:
    # The first signal starts the cleanup; more of them must not interrupt it.
    for each in _SIGNALS:
        signal.signal(each, signal.SIG_IGN)
    raise _Interrupted(signum)


def _raise_on_signals() -> None:
    for each in _SIGNALS:
        # A signal the caller ignores (nohup, a background job) stays ignored.
        if signal.getsignal(each) is not signal.SIG_IGN:
            signal.signal(each, _on_signal)


def _occupy_closed_standard_descriptors() -> None:
    """Open /dev/null on a closed 0, 1 or 2, so that no file argmap opens takes its number.

    ``sys.stdout`` stays ``None`` for a closed stdout, so writing to it is still an error.
    """
    for number in (0, 1, 2):
        try:
            os.fstat(number)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != number:  # a lower number was free after all
                os.close(opened)


def _say(message: str) -> None:
    """One line on stderr, if stderr can still take it."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(f"{message}\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


# What writing to a full disk, a closed pipe or a broken device fails with.
_STREAM_ERRORS = {
    getattr(errno, name)
    for name in ("EPIPE", "ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF")
    if hasattr(errno, name)
}


def _stdout_failure() -> str | None:
    """Flush stdout; why that failed, if it did."""
    stream = sys.stdout
    if stream is None:
        return None
    try:
        stream.flush()
    except (OSError, ValueError) as error:
        _silence_stdout()
        return getattr(error, "strerror", None) or str(error)
    return None


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's own flush at exit cannot fail
    again and print 'Exception ignored' noise."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno() if sys.stdout is not None else 1)
        os.close(devnull)
    except (OSError, ValueError):
        pass


def main() -> None:
    """Run the command line: exit 0 done, 1 bad input or failed output, 2 usage,
    128 + N for signal N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP), 70 an argmap bug."""
    _occupy_closed_standard_descriptors()
    _raise_on_signals()
    try:
        code = _run()
        failure = _stdout_failure()
        if failure is not None and code == 0:
            _say(f"argmap: error: cannot write to standard output: {failure}")
            code = 1
    except _Interrupted as interrupted:  # wherever it came, even in an error's report
        _say("argmap: interrupted")
        code = 128 + interrupted.signum
    sys.exit(code)


def _run() -> int:
    """Run the app; the exit status, whatever happened but a signal."""
    from argmap.errors import ArgmapError

    try:
        app()
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except KeyboardInterrupt:  # before the handlers were in place
        _say("argmap: interrupted")
        return 128 + signal.SIGINT
    except ArgmapError as error:
        _say(f"argmap: error: {error}")
        return 1
    except MemoryError:
        _say("argmap: error: the input needs more memory than there is")
        return 1
    except OSError as error:
        # argmap's own writes say what failed; this is click's, of help text to stdout.
        if error.filename is None and error.errno in _STREAM_ERRORS:
            _say(f"argmap: error: cannot write to standard output: {error.strerror}")
            _silence_stdout()
            return 1
        return _internal_error(error)
    except Exception as error:
        return _internal_error(error)
    return 0


def _internal_error(error: Exception) -> int:
    if os.environ.get("ARGMAP_DEBUG"):
        traceback.print_exception(error)
    _say(
        f"argmap: internal error: {type(error).__name__}: {error}; please report it "
        "(ARGMAP_DEBUG=1 shows the traceback)"
    )
    return EXIT_INTERNAL
