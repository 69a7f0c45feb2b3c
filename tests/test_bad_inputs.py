"""Hostile map files: ``argmap validate FILE`` gives exactly the output kept beside each.

Every file of ``tests/data/bad/`` (and each one ``generate.py`` there makes at test time,
being too big or too special to keep) runs through ``python -m argmap validate`` in a
child process with a 400 MB address-space limit and a 20 s wall-clock bound, and its exit
code, standard output and standard error must equal ``NAME.expected``.

``ARGMAP_REGENERATE_BAD=1`` rewrites the ``.expected`` files from what argmap prints now;
review the diff. In them a traceback keeps only its first and last lines, characters that
do not print are escaped, and very long lines or outputs are cut, with the SHA-256 of
what was cut so that the comparison stays exact.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import resource
import subprocess
import sys
import threading
from pathlib import Path
from types import ModuleType

import pytest

# Files argmap mishandles today (traceback, no location, too slow, too much memory, or an
# unhelpful message), each with what it should say: expected to fail until fixed.
WRONG_TODAY: dict[str, str] = {}

BAD = Path(__file__).parent / "data" / "bad"
MEMORY = 400 * 1024 * 1024
SECONDS = 20
REGENERATE = os.environ.get("ARGMAP_REGENERATE_BAD") == "1"
# Past these, the transcript keeps the head of a line or an output and a digest of all.
_LONGEST_LINE = 300
_MOST_LINES = 60
_NOT_CASES = {".expected", ".py", ".md"}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bad_generate", BAD / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATE = _generator()
GENERATED: set[str] = set(GENERATE.GENERATED)
KEPT = sorted(p.name for p in BAD.iterdir() if p.is_file() and p.suffix not in _NOT_CASES)
CASES = sorted([*KEPT, *GENERATED])


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory holding the generated hostile files, made once per session."""
    directory = tmp_path_factory.mktemp("bad")
    GENERATE.generate(directory)
    return directory


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


# Python settings that would change what a hostile file does or how the output reads.
_UNSET = {"PYTHONINTMAXSTRDIGITS", "PYTHONIOENCODING", "PYTHONUTF8", "PYTHONWARNINGS"}
_UNSET |= {"PYTHONDEVMODE", "PYTHONFAULTHANDLER"}


def _environment() -> dict[str, str]:
    """This environment without the variables that change argmap's limits or output."""
    kept = {k: v for k, v in os.environ.items() if k not in _UNSET and k[:7] != "ARGMAP_"}
    return {**kept, "COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"}


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "backslashreplace")).hexdigest()[:16]


def _printable(line: str) -> str:
    escaped = "".join(
        c if c.isprintable() else (f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}")
        for c in line
    )
    if len(escaped) <= _LONGEST_LINE:
        return escaped
    rest = escaped[_LONGEST_LINE:]
    return f"{escaped[:_LONGEST_LINE]}[... {len(rest)} more, sha256 {_digest(rest)}]"


def _without_traceback(text: str) -> str:
    """A traceback's first and last lines: the rest names files of this machine."""
    start = text.find("Traceback (most recent call last):")
    if start < 0:
        return text
    last = text.rstrip("\n").rsplit("\n", 1)[-1]
    return f"{text[:start]}Traceback (most recent call last): ...\n{last}\n"


def _stream(prefix: str, text: str) -> list[str]:
    lines = text.splitlines()
    shown = [f"{prefix}| {_printable(line)}" for line in lines]
    if len(shown) <= _MOST_LINES:
        return shown
    head, cut = shown[: _MOST_LINES - 10], shown[_MOST_LINES - 10 : -10]
    digest = _digest("\n".join(lines))
    return [*head, f"{prefix}| [... {len(cut)} more lines; sha256 of all {digest}]", *shown[-10:]]


def _feed_endlessly(fifo: Path) -> None:
    """Write to a named pipe for as long as anyone reads it: a stream with no end."""

    def feed() -> None:
        try:
            with fifo.open("wb") as stream:
                while True:
                    stream.write(b"# more\n" * 8192)
        except OSError:  # the reader stopped reading
            pass

    threading.Thread(target=feed, daemon=True).start()


def transcript(name: str, directory: Path) -> str:
    """What ``argmap validate NAME`` does, run in ``directory``, as kept in NAME.expected."""
    if name == "fifo.yaml":
        _feed_endlessly(directory / name)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "validate", name],
            cwd=directory,
            env=_environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=SECONDS,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        return f"$ argmap validate {name}\ntimeout after {SECONDS} s\n"
    stdout = done.stdout.decode("utf-8", "backslashreplace")
    stderr = _without_traceback(done.stderr.decode("utf-8", "backslashreplace"))
    lines = [f"$ argmap validate {name}", f"exit {done.returncode}"]
    lines += _stream("out", stdout) + _stream("err", stderr)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(reason=WRONG_TODAY[n], strict=False))
        if n in WRONG_TODAY
        else n
        for n in CASES
    ],
)
def test_validate_gives_the_expected_output(name: str, generated: Path) -> None:
    got = transcript(name, generated if name in GENERATED else BAD)
    expected = BAD / f"{name}.expected"
    if REGENERATE:
        expected.write_text(got, encoding="utf-8")
        return
    assert expected.exists(), f"no {expected.name}: run with ARGMAP_REGENERATE_BAD=1"
    assert got == expected.read_text(encoding="utf-8")


def test_every_expected_output_has_its_file() -> None:
    orphans = {p.name.removesuffix(".expected") for p in BAD.glob("*.expected")} - set(CASES)
    assert not orphans


def test_wrong_today_names_only_known_files() -> None:
    assert set(WRONG_TODAY) <= set(CASES)


def test_kept_files_are_small() -> None:
    # Bigger hostile files are made by generate.py: the repository stays small.
    big = [name for name in KEPT if (BAD / name).stat().st_size > 100_000]
    assert not big
