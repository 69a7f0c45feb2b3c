"""One run of a command in a fresh process: its seconds, its peak memory, a time limit.

Peak memory is the resident set's high-water mark that ``os.wait4`` reports for the child,
which on Linux is the largest of the child's and of every descendant it waited for (so
Graphviz's ``dot`` under ``--engine system`` counts), as ``/usr/bin/time -f %M`` reads it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """What one run gave: ``status`` is ``ok``, ``timeout`` or ``failed``.

    ``seconds`` is the whole process's wall time, or, when the process printed its own
    measurement (a float on its last line of output), that number; ``None`` unless ok.
    """

    status: str
    seconds: float | None
    peak_mib: float
    detail: str = ""


def run(
    command: Sequence[str],
    *,
    timeout: float,
    env: Mapping[str, str],
    reports_seconds: bool,
    cwd: Path | None = None,
    expect: Path | None = None,
) -> Run:
    """Run ``command`` once, killing its whole process group after ``timeout`` seconds.

    With ``reports_seconds`` the process's last line of standard output is the seconds it
    measured itself (the work without its imports and warm-up); otherwise the run's time
    is the whole process's, from start to exit. ``expect`` is a file the command must
    have written (the Argdown CLI can exit 0 without one).
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        timed_out = threading.Event()
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=dict(env),
            cwd=cwd,
            start_new_session=True,  # its own group, so a timeout ends its children too
        )

        def stop() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss / 1024  # KiB on Linux
        if timed_out.is_set():
            return Run("timeout", None, peak, f"stopped after {timeout:g} s")
        out.seek(0)
        err.seek(0)
        output, errors = out.read(), err.read()
    if process.returncode == 0 and expect is not None and not expect.exists():
        return Run("failed", None, peak, f"exit 0 without writing {expect.name}")
    if process.returncode != 0:
        tail = (errors.strip() or output.strip()).splitlines()[-3:]
        return Run("failed", None, peak, f"exit {process.returncode}: " + " | ".join(tail))
    if reports_seconds:
        return Run("ok", float(output.split()[-1]), peak)
    return Run("ok", elapsed, peak)
