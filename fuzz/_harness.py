"""Run a fuzz target under atheris, keeping one input per distinct way of breaking.

libFuzzer stops at the first crash; argmap is known to break in several places while
others fix them, so by default a target records each distinct failure (exception type
and the innermost argmap line that raised it) under ``fuzz/findings/TARGET/`` and goes
on. ``FUZZ_STOP=1`` makes a failure a crash again, for libFuzzer's own tools
(``-minimize_crash=1``, artifacts). Timeouts and the RSS limit always stop the run.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import atheris

FINDINGS = Path(__file__).parent / "findings"


def signature(error: BaseException) -> str:
    """``RecursionError@argmap/formats/_tree.py:118``: what broke, and where."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/argmap/" in f.filename] or frames
    where = ""
    if ours:
        frame = ours[-1]
        inside, _, path = frame.filename.rpartition("/argmap/")
        where = f"@{path if inside else Path(frame.filename).name}:{frame.lineno}"
    kind = type(error).__name__
    if kind == "PropertyViolation":
        # Violations are raised in one place: tell them apart by what they say, with
        # the numbers and quoted parts of the offending message left out.
        first, *rest = [*str(error).splitlines(), ""]
        said = next((line for line in rest if not re.fullmatch(r"\d+ problems?:", line)), "")
        detail = re.sub(r"'[^']*'|\"[^\"]*\"|\d+", "_", said)[:60]
        kind += f"-{first}-{detail}"
        where = ""
    return re.sub(r"[^A-Za-z0-9_.@:-]+", "_", f"{kind}{where}")[:150]


def _record(target: str, data: bytes, error: BaseException) -> None:
    directory = FINDINGS / target
    directory.mkdir(parents=True, exist_ok=True)
    stem = signature(error).replace(":", "-").replace("@", "-at-").replace("/", "_")
    kept = directory / f"{stem}.input"
    if kept.exists() and len(kept.read_bytes()) <= len(data):
        return
    new = not kept.exists()
    kept.write_bytes(data)
    report = "".join(traceback.format_exception(error))
    (directory / f"{stem}.txt").write_text(report[-20_000:], encoding="utf-8")
    if new:
        print(f"\n== new finding: {kept} ({len(data)} bytes)", file=sys.stderr, flush=True)


def run(target: str, one_input: Callable[[bytes], None]) -> None:
    """Fuzz ``one_input`` with the command line's libFuzzer options."""
    stop = os.environ.get("FUZZ_STOP") == "1"

    def test_one_input(data: bytes) -> None:
        try:
            one_input(data)
        except Exception as error:  # RecursionError and MemoryError included
            if stop:
                raise
            _record(target, data, error)

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
