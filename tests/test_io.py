"""Reading map files (encodings, stdin, missing files) and writing them atomically."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

import argmap
from argmap import ArgmapError, MapFormatError
from argmap._io import atomic_write, decode, read_text
from argmap.formats import check, check_file
from argmap.model import ArgumentMap, Claim

SIMPLE = "claims:\n  t: {kind: thesis, text: T}\n  p: {text: P, supports: t}\n"


class _Stdin:
    """A stand-in for sys.stdin with a binary buffer."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_load_and_loads_agree_on_a_valid_map(data: Path) -> None:
    path = data / "core.yaml"
    assert argmap.load(path) == argmap.loads(path.read_text(encoding="utf-8"))


def test_load_and_loads_report_the_same_problems_apart_from_the_source_name(
    data: Path,
) -> None:
    path = data / "ten-problems.yaml"
    with pytest.raises(argmap.ValidationError) as from_file:
        argmap.load(path)
    with pytest.raises(argmap.ValidationError) as from_text:
        argmap.loads(path.read_text(encoding="utf-8"), source="the text")
    assert len(from_file.value.problems) == 10
    assert [str(p).replace(str(path), "the text") for p in from_file.value.problems] == [
        str(p) for p in from_text.value.problems
    ]


def test_loads_names_the_source_string_by_default() -> None:
    with pytest.raises(argmap.ValidationError) as raised:
        argmap.loads("claims:\n  a: {text: A, supports: b}\n")
    assert str(raised.value) == (
        "1 problem:\n<string>:2:26: error: unknown claim 'b'; did you mean 'a'?"
    )


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\xef\xbb\xbf" + SIMPLE.encode(), id="bom"),
        pytest.param(SIMPLE.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(b"\xef\xbb\xbf" + SIMPLE.replace("\n", "\r\n").encode(), id="bom-crlf"),
    ],
)
def test_bom_and_crlf_files_load(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(data)
    assert argmap.load(path) == argmap.loads(SIMPLE)


def test_crlf_file_problems_have_the_right_lines(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"claims:\r\n  a:\r\n    text: A\r\n    supports: b\r\n")
    _, found = check_file(path)
    assert [str(p) for p in found] == [f"{path}:4:15: error: unknown claim 'b'; did you mean 'a'?"]


def test_bom_json_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_bytes(b'\xef\xbb\xbf{"claims": {"a": {"text": "A"}}}')
    assert argmap.load(path) == ArgumentMap(claims=[Claim(id="a", text="A")])


@pytest.mark.parametrize(
    ("data", "line", "column", "byte"),
    [
        pytest.param(b"claims:\n  a:\n    text: caf\xe9\n", 3, 14, "0xe9", id="latin-1"),
        pytest.param(b"\xff\xfec\x00", 1, 1, "0xff", id="utf-16"),
    ],
)
def test_invalid_utf8_is_a_located_error(
    tmp_path: Path, data: bytes, line: int, column: int, byte: str
) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(data)
    with pytest.raises(MapFormatError) as raised:
        argmap.load(path)
    assert str(raised.value) == (
        f"{path}:{line}:{column}: the file is not UTF-8 text "
        f"(byte {byte} cannot be decoded); save it as UTF-8"
    )


def test_decode_strips_a_byte_order_mark() -> None:
    assert decode("\ufeffé".encode(), "x") == "é"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda p: p / "missing.yaml", "no such file", id="missing"),
        pytest.param(lambda p: p, "is a directory, not a map file", id="directory"),
    ],
)
def test_unreadable_path_is_a_format_error_naming_the_path(
    tmp_path: Path, make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(MapFormatError) as raised:
        argmap.load(path)
    assert str(raised.value) == f"{path}: {message}"
    assert check_file(path) == (None, [raised.value.problems[0]])


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(SIMPLE)
    path.chmod(0)
    with pytest.raises(MapFormatError) as raised:
        argmap.load(path)
    assert str(raised.value) == f"{path}: cannot read: Permission denied"


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"\xef\xbb\xbf" + SIMPLE.encode()))
    assert read_text("-") == (SIMPLE, "<stdin>")


def test_load_dash_names_stdin_in_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"claims:\n  a: {text: A, supports: b}\n"))
    with pytest.raises(argmap.ValidationError) as raised:
        argmap.load("-")
    assert [str(p) for p in raised.value.problems] == [
        "<stdin>:2:26: error: unknown claim 'b'; did you mean 'a'?"
    ]


def test_load_dash_guesses_json_from_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b'{"claims": {"a": {"text": "A"}}}'))
    assert argmap.load("-") == ArgumentMap(claims=[Claim(id="a", text="A")])


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_dump_writes_the_format_its_suffix_names_and_loads_back(
    tmp_path: Path, suffix: str
) -> None:
    m = argmap.loads(SIMPLE)
    path = tmp_path / f"m{suffix}"
    argmap.dump(m, path)
    expected = "json" if suffix == ".json" else "yaml"
    assert path.read_text(encoding="utf-8") == argmap.dumps(m, expected)
    assert argmap.load(path) == m
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_atomic_write_replaces_an_existing_file_keeping_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "out.yaml"
    path.write_bytes(b"old")
    path.chmod(0o640)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_atomic_write_gives_a_new_file_the_usual_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.yaml", b"data")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("failing", ["replace", "fsync", "chmod"])
def test_failed_write_leaves_existing_file_untouched_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "out.yaml"
    path.write_bytes(b"old")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(ArgmapError) as raised:
        atomic_write(path, b"new")
    monkeypatch.undo()
    assert str(raised.value) == f"{path}: cannot write: No space left on device"
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_interrupted_write_removes_the_temp_file_and_reraises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.yaml"

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, b"new")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_write_into_a_missing_directory_is_an_argmap_error(tmp_path: Path) -> None:
    path = tmp_path / "no" / "out.yaml"
    with pytest.raises(ArgmapError) as raised:
        argmap.dump(argmap.loads(SIMPLE), path)
    assert str(raised.value) == f"{path}: cannot write: No such file or directory"


def test_check_reports_text_problems_without_raising() -> None:
    m, found = check("claims:\n  a: {text: A, supports: a}\n", source="x")
    assert m is not None
    assert [str(p) for p in found] == [
        "x:2:26: error: 'a' supports itself: a relation needs a target other than its sources"
    ]
