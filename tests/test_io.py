"""Reading map files: encodings, stdin, missing files, and a bounded size whatever the
source (a file, a device, a pipe, stdin). Writing is in test_io_write.py."""

from __future__ import annotations

import io
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import argmap
from argmap import ArgmapError, MapFormatError, limits
from argmap._io import decode, read_text
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
        pytest.param(b"claims: \xff", 1, 9, "0xff", id="never-utf-8"),
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
    assert raised.value.problems[0].code == "unreadable"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_broken_link_is_named_as_one_with_where_it_points(tmp_path: Path) -> None:
    link = tmp_path / "map.yaml"
    link.symlink_to("gone/map.yaml")
    with pytest.raises(MapFormatError) as raised:
        argmap.load(link)
    assert str(raised.value) == (
        f"{link}: a broken link: it points to 'gone/map.yaml', which does not exist"
    )
    assert raised.value.problems[0].code == "unreadable"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param(b"claims: [", "syntax", id="syntax"),
        pytest.param(b"\xff", "unreadable", id="not-utf8"),
    ],
)
def test_a_file_that_cannot_be_parsed_and_one_that_cannot_be_read_differ_by_code(
    tmp_path: Path, text: bytes, code: str
) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(text)
    _, problems = check_file(path)
    assert [problem.code for problem in problems] == [code]


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


# --- the size limit, whatever the source -------------------------------------------------


def _too_large(name: object, limit: str = "16 bytes") -> str:
    return (
        f"{name}: too large to be a map file; "
        f"the limit is {limit}; set ARGMAP_MAX_INPUT_BYTES to raise it"
    )


@pytest.fixture
def small_limit() -> Iterator[None]:
    with limits.override(input_bytes=16):
        yield


@pytest.mark.usefixtures("small_limit")
def test_a_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"claims: {a: {}}\n")
    assert len(path.read_bytes()) == 16
    assert read_text(path) == ("claims: {a: {}}\n", str(path))


@pytest.mark.usefixtures("small_limit")
def test_a_file_one_byte_over_the_size_limit_is_refused_naming_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(b"claims: {a: {}}\n\n")
    with pytest.raises(MapFormatError) as raised:
        read_text(path)
    assert str(raised.value) == _too_large(path)
    assert check_file(path) == (None, [raised.value.problems[0]])


def test_dev_zero_is_refused_at_the_default_limit_not_read_until_memory_runs_out() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    with pytest.raises(MapFormatError) as raised:
        read_text("/dev/zero")
    assert str(raised.value) == _too_large("/dev/zero", "8 MiB")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.usefixtures("small_limit")
@pytest.mark.parametrize(
    ("written", "fits"), [(b"claims: {}\n", True), (b"# endless\n" * 100_000, False)]
)
def test_a_named_pipe_is_read_up_to_the_size_limit(
    tmp_path: Path, written: bytes, fits: bool
) -> None:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)

    def feed() -> None:
        # The reader stops at the limit and closes its end: the rest meets a broken pipe.
        try:
            with open(path, "wb") as pipe:
                pipe.write(written)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        if fits:
            assert read_text(path) == (written.decode(), str(path))
        else:
            with pytest.raises(MapFormatError) as raised:
                read_text(path)
            assert str(raised.value) == _too_large(path)
    finally:
        writer.join(timeout=20)


@pytest.mark.usefixtures("small_limit")
def test_standard_input_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"#" * 17))
    with pytest.raises(MapFormatError) as raised:
        read_text("-")
    assert str(raised.value) == _too_large("<stdin>")


def test_a_closed_standard_input_is_a_format_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(MapFormatError) as raised:
        read_text("-")
    assert str(raised.value) == "<stdin>: cannot read: Bad file descriptor"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(
            "", "'': the file name is empty; name a map file, or '-' for stdin", id="empty"
        ),
        pytest.param(
            "m\0.yaml",
            "m\\x00.yaml: no such file (the name contains a NUL character)",
            id="nul",
        ),
    ],
)
def test_a_name_no_file_can_have_is_a_format_error(name: str, message: str) -> None:
    with pytest.raises(MapFormatError) as raised:
        argmap.load(name)
    assert str(raised.value) == message


def test_an_invalid_limit_variable_is_an_argmap_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(SIMPLE)
    monkeypatch.setenv("ARGMAP_MAX_INPUT_BYTES", "lots")
    with pytest.raises(ArgmapError) as raised:
        read_text(path)
    assert str(raised.value) == (
        "ARGMAP_MAX_INPUT_BYTES='lots' is not a whole number, optionally with K, M or G"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("claims: {}".encode("utf-16"), "m.yaml:1:1: the file is UTF-16 text; save it as UTF-8"),
        ("claims: {}".encode("utf-32"), "m.yaml:1:1: the file is UTF-32 text; save it as UTF-8"),
        (
            "claims: {}".encode("utf-16-le"),
            "m.yaml:1:1: the file looks like UTF-16 or UTF-32 text (it holds zero bytes "
            "between its letters); save it as UTF-8",
        ),
    ],
)
def test_a_file_in_another_unicode_encoding_is_named_as_such(data: bytes, expected: str) -> None:
    # Before: "not UTF-8 text (byte 0xff cannot be decoded)", or a NUL character at 1:2.
    with pytest.raises(MapFormatError) as raised:
        decode(data, "m.yaml")
    assert str(raised.value) == expected
