"""The argmap command: output, exit codes (0 valid, 1 bad input, 2 usage) and no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import argmap
from argmap.cli import app

VENV_ARGMAP = Path(sys.executable).with_name("argmap")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version_prints_the_version_and_exits_0(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"argmap {argmap.__version__}\n")


def test_valid_map_exits_0_and_says_ok_on_stderr(runner: CliRunner, data: Path) -> None:
    path = str(data / "core.yaml")
    result = runner.invoke(app, ["validate", path])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"{path}: ok (9 claims, 8 relations)\n",
    )


def test_unknown_id_in_supports_exits_1_naming_file_line_id_and_close_match(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "claims:\n  thesis:\n    kind: thesis\n    text: T\n  p:\n    text: P\n"
        "    supports: thesiss\n"
    )
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert (
        result.stdout == f"{path}:7:15: error: unknown claim 'thesiss'; did you mean 'thesis'?\n"
    )


def test_ten_problems_are_printed_one_per_line_and_exit_1(runner: CliRunner, data: Path) -> None:
    path = str(data / "ten-problems.yaml")
    result = runner.invoke(app, ["validate", path])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 10
    assert all(line.startswith(f"{path}:") and ": error: " in line for line in lines)
    assert lines[0] == f"{path}:11:15: error: unknown claim 'thesiss'; did you mean 'thesis'?"


def test_every_file_is_checked_and_one_bad_file_fails_the_run(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    missing = str(tmp_path / "missing.yaml")
    good = str(data / "core.yaml")
    result = runner.invoke(app, ["validate", missing, good])
    assert result.exit_code == 1
    assert result.stdout == f"{missing}: error: no such file\n"
    assert result.stderr == f"{good}: ok (9 claims, 8 relations)\n"


def test_dash_reads_standard_input(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "-"], input="claims:\n  a: {text: A, supports: b}\n")
    assert (result.exit_code, result.stdout) == (
        1,
        "<stdin>:2:26: error: unknown claim 'b'; did you mean 'a'?\n",
    )


def test_valid_standard_input_exits_0(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "-"], input='{"claims": {"a": {"text": "A"}}}')
    assert (result.exit_code, result.stderr) == (0, "<stdin>: ok (1 claim, 0 relations)\n")


def test_duplicate_id_is_printed_like_any_problem_with_exit_1(runner: CliRunner) -> None:
    text = "claims:\n  a: {text: A}\n  a: {text: B}\n  p: {text: P, supports: x}\n"
    result = runner.invoke(app, ["validate", "-"], input=text)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "<stdin>:3:3: error: duplicate claim id 'a' (first used on line 2); this one is ignored\n"
        "<stdin>:4:26: error: unknown claim 'x'; did you mean 'p' or 'a'?\n",
        "",
    )


def test_yaml_syntax_error_is_printed_with_its_location(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("claims:\n  a: {text: A\n  b: x\n")
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stdout) == (
        1,
        f"{path}:3:4: error: invalid YAML: did not find expected ',' or '}}' "
        "(while parsing a flow mapping)\n",
    )


def test_format_option_reads_a_file_whatever_its_suffix(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "map.txt"
    path.write_text('{"claims": {"a": {"text": 1}}}')
    result = runner.invoke(app, ["validate", "--format", "json", str(path)])
    assert (result.exit_code, result.stdout) == (
        1,
        f"{path}:1:27: error: expected text, got the number 1; put it in quotes to keep it "
        "as text\n",
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        pytest.param([], "Usage: argmap [OPTIONS] COMMAND", id="no-command"),
        pytest.param(["validate"], "Error: Missing argument 'FILE...'.", id="no-file"),
        pytest.param(
            ["validate", "--bogus", "map.yaml"],
            "Error: No such option: --bogus",
            id="unknown-option",
        ),
        pytest.param(["frobnicate"], "Error: No such command 'frobnicate'.", id="unknown-command"),
        pytest.param(
            ["validate", "--format"],
            "Error: Option '--format' requires an argument.",
            id="option-without-value",
        ),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], says: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert says in result.stderr
    assert result.stdout == ""


def test_unknown_format_option_is_a_usage_error(runner: CliRunner, data: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "toml", str(data / "core.yaml")])
    assert (result.exit_code, result.stdout) == (2, "")
    # Click's message, boxed and wrapped by rich: check its words, not its layout.
    assert "Invalid value for '--format' / '-f'" in result.stderr
    assert "'toml' is not one of" in result.stderr


def test_ok_line_uses_the_singular_for_one(runner: CliRunner) -> None:
    text = "claims:\n  a: {text: A}\n  b: {text: B, supports: a}\n"
    result = runner.invoke(app, ["validate", "-"], input=text)
    assert result.stderr == "<stdin>: ok (2 claims, 1 relation)\n"


BAD_INPUTS = {
    "python-tag.yaml": b"claims:\n  a: {text: !!python/object/apply:os.system [echo]}\n",
    "bomb.yaml": (
        b'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n'
        + b"".join(
            f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n".encode()
            for n, p in zip("bcdefghi", "abcdefgh", strict=True)
        )
    ),
    "latin1.yaml": b"claims:\n  a: {text: caf\xe9}\n",
    "list.yaml": b"- a\n",
    "claims-list.yaml": b"claims: [a]\n",
    "claim-null.yaml": b"claims:\n  a:\n",
    "empty.yaml": b"",
    "dup.json": b'{"claims": {"a": {"text": "A"}, "a": {"text": "B"}}}',
    "broken.json": b'{"claims": ',
    "deep.yaml": b"[" * 5000 + b"]" * 5000,
    "nested-inference.yaml": (
        b"claims:\n  a: {text: A, undercuts: {from: a, to: {from: a, to: {from: x}}}}\n"
    ),
    "kinds.yaml": b"claims:\n  a: {text: A, kind: [thesis]}\nrelations: {}\ngroups: []\n",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_exits_1_with_located_errors_and_no_traceback(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    assert lines
    assert all(line.startswith(f"{path}:") and ": error: " in line for line in lines)


def _run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(args, input=stdin, capture_output=True, timeout=60, check=False)


def test_installed_command_reports_problems_with_exit_1_and_no_traceback(data: Path) -> None:
    path = str(data / "ten-problems.yaml")
    result = _run(str(VENV_ARGMAP), "validate", path, "-", stdin=b"claims: [")
    assert result.returncode == 1
    out = result.stdout.decode()
    assert len(out.splitlines()) == 11
    assert out.splitlines()[-1].startswith("<stdin>:")
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(["--version"], 0, id="version"),
        pytest.param(["validate", "tests/data/core.yaml"], 0, id="valid"),
        pytest.param(["validate", "no-such-file.yaml"], 1, id="missing-file"),
        pytest.param(["validate", "--bogus"], 2, id="unknown-option"),
        pytest.param(["validate"], 2, id="no-file"),
    ],
)
def test_python_dash_m_argmap_exit_codes(args: list[str], code: int) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).parent.parent,
    )
    assert result.returncode == code, result.stderr
    assert b"Traceback" not in result.stderr
