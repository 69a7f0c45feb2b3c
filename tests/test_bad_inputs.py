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
from pathlib import Path
from types import ModuleType

import pytest

# Files argmap mishandles today (traceback, no location, too slow, too much memory, or an
# unhelpful message), with what it should say. Others are fixing these: the lead empties
# this list after merging their fixes and regenerating the expected outputs.
WRONG_TODAY: dict[str, str] = {
    # Tracebacks.
    "alias-bomb-1mb.yaml": "MemoryError (1 GB, 30 s unlimited): the values limit, located",
    "alias-recursive-map.yaml": "RecursionError: an alias inside its own anchor, located",
    "alias-recursive-seq.yaml": "RecursionError: an alias inside its own anchor, located",
    "deep-array.json": "RecursionError: the depth limit, located",
    "deep-object.json": "RecursionError: the depth limit, located",
    "deep-metadata-990.json": "RecursionError: the depth limit, located",
    "deep-flow-999.yaml": "RecursionError: the depth limit, located",
    "dev-zero.yaml": "MemoryError (10 GB unlimited): the input_bytes limit",
    "huge-int-text.yaml": "ValueError (int max str digits): expected text, got a long number",
    "huge-hex-text.yaml": "ValueError in the message: expected text, got a long number",
    "huge-sexagesimal-text.yaml": "ValueError in the message: expected text, got a number",
    "huge-int.json": "ValueError from json: a located error for the 5001-digit number",
    "tag-empty-values.yaml": "IndexError: an empty !!int is no number, located (fuzz_bytes)",
    "tag-mismatch.yaml": "ValueError: '!!float not a number' is no float, located",
    # Problems without a line and column.
    "nul-byte.yaml": "no line:column, 'position 76' line: locate the control character",
    "del-byte.yaml": "no line:column, 'position 76' line: locate the control character",
    "c1-controls.yaml": "no line:column, 'position 74' line: locate the control character",
    "utf32-no-bom.yaml": "no line:column: locate it, or say the file is UTF-32, not UTF-8",
    "duplicate-key-long-id.json": "no line:column: the duplicate 'text' is on line 3",
    # Problems at the wrong place.
    "ids-special.json": "ids with / ~ quote are located at 1:15 or at another claim",
    "alias-as-key.yaml": "the duplicate id is placed at its anchor (4:3), not at *k (5:3)",
    "nel-line-break.yaml": "NEL counted as a line break: line 5 of a 4-line file",
    "line-separator.yaml": "U+2028/U+2029 counted as line breaks: line 6 of a 4-line file",
    # Too slow, too big, or a limit not applied.
    "fifo.yaml": "hangs reading a FIFO: refuse what is not a regular file, or read it bounded",
    "unknown-refs-20000.yaml": "over 30 s (nearest-id search over 20,000 ids per reference)",
    "many-undercuts-5000.yaml": "over 30 s (every undercut scans every relation)",
    "many-values-600000.yaml": "17 s and 221 MB, accepted: the values limit (500,000)",
    "over-input-limit.yaml": "9 MiB accepted: the input_bytes limit (8 MiB)",
    "deep-block-map.yaml": "nesting 300 accepted: the depth limit (64)",
    "deep-metadata-100.yaml": "nesting 100 accepted: the depth limit (64)",
    "deep-metadata-100.json": "nesting 100 accepted: the depth limit (64)",
    "undercut-nested-400.yaml": "'expected a value of another kind' (a caught RecursionError)",
    # Unhelpful or missing messages.
    "key-types.yaml": "only the first bad key is reported, and 'a int': report all 7",
    "merge-keys.yaml": "'a key must be plain text' for '<<': merge, or say so",
    "nul-byte.json": "'Invalid control character at': say which, and to write \\u0000",
    "nan-infinity.json": "NaN and Infinity are not JSON: a located syntax error",
    "nan-metadata.json": "NaN is not JSON, and a map holding it is unequal to itself",
    "lone-surrogate.json": "half a surrogate pair is not a character: a located error",
    "lone-surrogate-id.json": "half a surrogate pair is not a character: a located error",
    "lone-surrogate-text.json": "ok, but its YAML dump does not load: refuse half a pair",
    "nan-metadata.yaml": "ok, but unequal to its JSON round trip: refuse NaN, or compare it",
    "huge-hex-metadata.yaml": "ok, but argmap.dumps of it raises ValueError: refuse it or dump it",
    "claim-in-two-groups.yaml": "a claim in two groups, and twice in one, is not reported",
}

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


def transcript(name: str, directory: Path) -> str:
    """What ``argmap validate NAME`` does, run in ``directory``, as kept in NAME.expected."""
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
