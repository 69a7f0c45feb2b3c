"""The ``argmap`` process around the command group: signals, the last safety net, and
standard output checked at exit.

Exit status: 0 done, 1 bad input or a failed output, 2 a usage error, 70 a bug in
argmap (one line says so; ``ARGMAP_DEBUG=1`` shows the traceback), 128 + N when stopped
by signal N (129 SIGHUP, 130 Ctrl-C, 143 SIGTERM).
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import traceback
from types import FrameType
from typing import Any

from argmap._standard_streams import occupy_closed_standard_descriptors


class _Interrupted(BaseException):
    """A signal that ends the run, raised so that every cleanup on the way out runs.

    Not a KeyboardInterrupt: typer turns that into exit 130, whatever the signal.
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
    occupy_closed_standard_descriptors()
    _raise_on_signals()
    try:
        code = _version_only() if sys.argv[1:] in (["--version"], ["-V"]) else _run()
        failure = _stdout_failure()
        if failure is not None and code == 0:
            _say(f"argmap: error: cannot write to standard output: {failure}")
            code = 1
    except _Interrupted as interrupted:  # wherever it came, even in an error's report
        _say("argmap: interrupted")
        code = 128 + interrupted.signum
    sys.exit(code)


def _command() -> Any:
    """The click command typer makes of the app (typer's own copy of click)."""
    import typer.main

    from argmap.cli._app import app

    return typer.main.get_command(app)


def _version_only() -> int:
    """``argmap --version`` alone, answered before the app is built: typer and its
    dependencies take most of a start, and this is what scripts and installers run.
    With anything else on the line the app answers it (``_app._version``), the same way."""
    from argmap._version import __version__

    try:
        sys.stdout.write(f"argmap {__version__}\n")
    except (OSError, ValueError) as error:  # main() reports a failed flush the same way
        _silence_stdout()
        reason = getattr(error, "strerror", None) or str(error)
        _say(f"argmap: error: cannot write to standard output: {reason}")
        return 1
    return 0


def _run() -> int:
    """Run the app; the exit status, whatever happened but a signal."""
    from argmap.errors import ArgmapError

    try:
        # One name for the usage lines and the completion variable, however it was started
        # (python -m argmap too). Not app(): that would install typer's exception hook.
        _command().main(prog_name="argmap")
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
        # argmap's own writes say what failed; this is typer's, of help text to stdout.
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
