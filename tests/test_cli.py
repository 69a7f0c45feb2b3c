"""The argmap command: output, exit codes (0 valid, 1 bad input, 2 usage) and no tracebacks.

``validate``, help, choices, completion and the process; ``render`` in test_cli_render.py,
directories and JSON reports in test_cli_inputs.py."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import warn_on_every_map
from typer.testing import CliRunner

import argmap
from argmap.cli import _process as cli
from argmap.cli import app

VENV_ARGMAP = Path(sys.executable).with_name("argmap")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version_prints_the_version_and_exits_0(runner: CliRunner, option: str) -> None:
    result = runner.invoke(app, [option])
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
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr == f"{path}:7:15: error: unknown claim 'thesiss'; did you mean 'thesis'?\n"
    )


def test_ten_problems_are_printed_one_per_line_and_exit_1(runner: CliRunner, data: Path) -> None:
    path = str(data / "ten-problems.yaml")
    result = runner.invoke(app, ["validate", path])
    assert (result.exit_code, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    assert len(lines) == 10
    assert all(line.startswith(f"{path}:") and ": error: " in line for line in lines)
    assert lines[0] == f"{path}:11:15: error: unknown claim 'thesiss'; did you mean 'thesis'?"


def test_every_file_is_checked_and_one_bad_file_fails_the_run(
    runner: CliRunner, data: Path, tmp_path: Path
) -> None:
    missing = str(tmp_path / "missing.yaml")
    good = str(data / "core.yaml")
    result = runner.invoke(app, ["validate", missing, good])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{missing}: error: no such file\n"
        f"{good}: ok (9 claims, 8 relations)\n"
        "checked 2 maps: 1 ok, 1 failed; 1 error\n"
        f"failed: {missing}\n"
    )


def test_dash_reads_standard_input(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "-"], input="claims:\n  a: {text: A, supports: b}\n")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
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
        "",
        "<stdin>:3:3: error: duplicate claim id 'a' (first used on line 2); this one is ignored\n"
        "<stdin>:4:26: error: unknown claim 'x'; did you mean 'p' or 'a'?\n",
    )


def test_yaml_syntax_error_is_printed_with_its_location(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("claims:\n  a: {text: A\n  b: x\n")
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"{path}:3:4: error: invalid YAML: did not find expected ',' or '}}' "
        "(while parsing a flow mapping)\n",
    )


def test_format_option_reads_a_file_whatever_its_suffix(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "map.txt"
    path.write_text('{"claims": {"a": {"text": 1}}}')
    result = runner.invoke(app, ["validate", "--format", "JSON", str(path)])
    assert (result.exit_code, result.stderr) == (
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
            "Error: No such option '--bogus'.",
            id="unknown-option",
        ),
        pytest.param(["frobnicate"], "Error: No such command 'frobnicate'.", id="unknown-command"),
        pytest.param(
            ["validate", "--strct", "map.yaml"],
            "Error: No such option '--strct'. Did you mean '--strict'?",
            id="option-typo",
        ),
        pytest.param(
            ["--verson"],
            "Error: No such option '--verson'. Did you mean '--version'?",
            id="group-option-typo",
        ),
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
    assert result.stderr.endswith(
        "Error: Invalid value for '-f' / '--format': unknown map format 'toml' "
        "(one of: yaml, json, argdown, aif)\n"
    )


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
    assert (result.exit_code, result.stdout) == (1, ""), result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines
    assert all(line.startswith(f"{path}:") and ": error: " in line for line in lines)


def _run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(args, input=stdin, capture_output=True, timeout=60, check=False)


def test_installed_command_reports_problems_with_exit_1_and_no_traceback(data: Path) -> None:
    path = str(data / "ten-problems.yaml")
    result = _run(str(VENV_ARGMAP), "validate", path, "-", stdin=b"claims: [")
    assert (result.returncode, result.stdout) == (1, b"")
    err = result.stderr.decode().splitlines()
    assert len(err) == 14
    assert err[-4].startswith("<stdin>:")
    assert err[-3:] == [
        "checked 2 maps: 0 ok, 2 failed; 11 errors",
        f"failed: {path}",
        "failed: <stdin>",
    ]
    assert "Traceback" not in result.stderr.decode()


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


# --- names, numbers and standard output: clear errors, never a traceback -----------------


@pytest.mark.parametrize(
    ("args", "where"),
    [
        pytest.param(["validate", ""], "FILE...", id="validate"),
        pytest.param(["render", "tests/data/core.yaml", ""], "MAP...", id="render-second"),
        pytest.param(["validate", "tests/data/core.yaml", ""], "FILE...", id="validate-second"),
        pytest.param(["render", ""], "MAP...", id="render"),
    ],
)
def test_an_empty_file_name_is_a_usage_error(
    runner: CliRunner, args: list[str], where: str
) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        f"Invalid value for {where}: the file name is empty; name a map file, or '-' for "
        "standard input" in result.stderr
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _run_with_stdout(
    args: list[str], stdout: int, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(VENV_ARGMAP), *args],
        input=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
        cwd=Path(__file__).parent.parent,
    )


BAD_MAP = b"claims:\n  a: {text: A, supports: b}\n"
STDOUT_WRITERS = {
    "validate": (["validate", "--output-format", "json", "-"], BAD_MAP),
    "render-svg": (["render", "-", "-o", "-"], Path("tests/data/plain.yaml").read_bytes()),
    "render-png": (
        ["render", "-", "-f", "png", "-o", "-"],
        Path("tests/data/plain.yaml").read_bytes(),
    ),
    "convert": (["convert", "-"], Path("tests/data/plain.yaml").read_bytes()),
    "example": (["example", "watchmaker"], b""),
    "example-list": (["example", "--list"], b""),
    "version": (["--version"], b""),
    "help": (["render", "--help"], b""),
}


@pytest.mark.parametrize("writer", sorted(STDOUT_WRITERS))
def test_a_full_standard_output_exits_1_saying_so_and_nothing_else(writer: str) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    args, stdin = STDOUT_WRITERS[writer]
    with open("/dev/full", "wb") as full:
        result = _run_with_stdout(args, full.fileno(), stdin)
    assert (result.returncode, result.stderr.decode()) == (
        1,
        "argmap: error: cannot write to standard output: No space left on device\n",
    )


@pytest.mark.parametrize("writer", ["validate", "render-png", "example", "version"])
def test_a_closed_pipe_on_standard_output_exits_1_saying_so(writer: str) -> None:
    args, stdin = STDOUT_WRITERS[writer]
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = _run_with_stdout(args, write_end, stdin)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr.decode()) == (
        1,
        "argmap: error: cannot write to standard output: Broken pipe\n",
    )


def test_a_closed_standard_output_exits_1_saying_so(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(BAD_MAP)
    result = subprocess.run(
        ["/bin/sh", "-c", '"$0" validate --output-format json "$1" >&-', VENV_ARGMAP, bad],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr.decode()) == (
        1,
        "argmap: error: cannot write to standard output: Bad file descriptor\n",
    )


def test_an_invalid_limit_variable_exits_1_naming_it(runner: CliRunner, data: Path) -> None:
    result = runner.invoke(
        app, ["validate", str(data / "core.yaml")], env={"ARGMAP_MAX_DEPTH": "deep"}
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "argmap: error: ARGMAP_MAX_DEPTH='deep' is not a whole number\n",
    )


# --- the last safety net in main() -------------------------------------------------------


@pytest.fixture
def main_with(monkeypatch: pytest.MonkeyPatch) -> Callable[[BaseException], int]:
    """``main_with(error)``: run main() with the app raising ``error``; its exit status.

    Signal handlers stay the test runner's: only the installed command sets its own.
    """

    def run(error: BaseException) -> int:
        def raising(**options: object) -> None:
            raise error

        class Command:
            main = staticmethod(raising)

        monkeypatch.setattr(cli, "_command", lambda: Command)
        monkeypatch.setattr(cli, "_raise_on_signals", lambda: None)
        with pytest.raises(SystemExit) as exited:
            cli.main()
        assert isinstance(exited.value.code, int)
        return exited.value.code

    return run


def test_an_unexpected_exception_is_one_line_and_exit_70(
    main_with: Callable[[BaseException], int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ARGMAP_DEBUG", raising=False)
    assert main_with(ZeroDivisionError("division by zero")) == 70
    assert capsys.readouterr() == (
        "",
        "argmap: internal error: ZeroDivisionError: division by zero; please report it "
        "(ARGMAP_DEBUG=1 shows the traceback)\n",
    )


def test_argmap_debug_shows_the_traceback_of_an_unexpected_exception(
    main_with: Callable[[BaseException], int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ARGMAP_DEBUG", "1")
    assert main_with(KeyError("x")) == 70
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):\n")
    assert err.endswith(
        "KeyError: 'x'\nargmap: internal error: KeyError: 'x'; please report it "
        "(ARGMAP_DEBUG=1 shows the traceback)\n"
    )


@pytest.mark.parametrize(
    ("error", "code", "says"),
    [
        pytest.param(
            MemoryError(),
            1,
            "argmap: error: the input needs more memory than there is",
            id="memory",
        ),
        pytest.param(
            argmap.ArgmapError("ARGMAP_MAX_CLAIMS='x' is not a whole number"),
            1,
            "argmap: error: ARGMAP_MAX_CLAIMS='x' is not a whole number",
            id="argmap-error",
        ),
        pytest.param(cli._Interrupted(signal.SIGTERM), 143, "argmap: interrupted", id="sigterm"),
        pytest.param(cli._Interrupted(signal.SIGHUP), 129, "argmap: interrupted", id="sighup"),
        pytest.param(KeyboardInterrupt(), 130, "argmap: interrupted", id="ctrl-c-early"),
        pytest.param(
            OSError(errno.ENOSPC, "No space left on device"),
            1,
            "argmap: error: cannot write to standard output: No space left on device",
            id="help-write",
        ),
        pytest.param(
            FileNotFoundError(errno.ENOENT, "No such file or directory", "x"),
            70,
            "argmap: internal error: FileNotFoundError: [Errno 2] No such file or directory: "
            "'x'; please report it (ARGMAP_DEBUG=1 shows the traceback)",
            id="other-oserror",
        ),
    ],
)
def test_main_turns_each_way_out_into_a_line_and_an_exit_status(
    main_with: Callable[[BaseException], int],
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    code: int,
    says: str,
) -> None:
    assert main_with(error) == code
    assert capsys.readouterr() == ("", f"{says}\n")


def test_main_passes_on_the_apps_exit_status(
    main_with: Callable[[BaseException], int],
) -> None:
    assert main_with(SystemExit(2)) == 2
    assert main_with(SystemExit(None)) == 0


# --- help, choices, completion: the manners of a modern command line ----------------------

COMMANDS = [[], ["validate"], ["render"], ["convert"], ["example"], ["completion"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] if c else "argmap")
def test_dash_h_is_help_everywhere(runner: CliRunner, command: list[str]) -> None:
    short = runner.invoke(app, [*command, "-h"])
    long = runner.invoke(app, [*command, "--help"])
    assert (short.exit_code, short.stderr) == (0, "")
    assert short.stdout == long.stdout
    assert short.stdout.startswith(f"Usage: argmap {' '.join(command)}".rstrip() + " [OPTIONS]")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] if c else "argmap")
def test_help_names_values_by_what_they_are_not_by_their_python_types(
    runner: CliRunner, command: list[str]
) -> None:
    text = runner.invoke(app, [*command, "-h"]).stdout
    for noise in ("{", "<list", "<str>", "<float", "TEXT", "FLOAT", "PATH", "[yaml|", "[svg|"):
        assert noise not in text


def test_render_help_shows_each_value_by_its_name(runner: CliRunner) -> None:
    text = runner.invoke(app, ["render", "-h"]).stdout
    assert text.startswith("Usage: argmap render [OPTIONS] MAP...\n")
    for shown in (
        "-o, --output OUT ",
        "-f, --format FORMAT ",
        "--theme THEME ",
        "--direction DIRECTION ",
        "--engine ENGINE ",
        "--dpi DPI ",
        "--timeout SECONDS ",
    ):
        assert shown in text
    # What the default output is, said as it is.
    assert "Without -o, each picture goes beside its map: map.yaml gives map.svg, or" in text


def test_validate_help_shows_its_arguments(runner: CliRunner) -> None:
    text = runner.invoke(app, ["validate", "-h"]).stdout
    assert text.startswith("Usage: argmap validate [OPTIONS] FILE...\n")
    assert "-f, --format FORMAT " in text
    assert "--output-format FORMAT " in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["render", "m.yaml", "--theme", "drak"],
            "Invalid value for '--theme': unknown theme 'drak'; did you mean 'dark'? "
            "(one of: default, dark, print, colorblind)",
            id="theme-typo",
        ),
        pytest.param(
            ["render", "m.yaml", "--theme", "neon"],
            "Invalid value for '--theme': unknown theme 'neon' "
            "(one of: default, dark, print, colorblind)",
            id="theme-far",
        ),
        pytest.param(
            ["render", "m.yaml", "--direction", "UP"],
            "Invalid value for '--direction': unknown direction 'UP' (one of: TB, LR, BT, RL)",
            id="direction",
        ),
        pytest.param(
            ["render", "m.yaml", "--engine", "sys"],
            "Invalid value for '--engine': unknown engine 'sys'; did you mean 'system'? "
            "(one of: embedded, system)",
            id="engine-prefix",
        ),
        pytest.param(
            ["render", "m.yaml", "-f", "jpg"],
            "Invalid value for '-f' / '--format': unknown picture format 'jpg'; did you mean "
            "'png'? (one of: svg, png, pdf, dot, html)",
            id="picture-format",
        ),
        pytest.param(
            ["validate", "m.yaml", "--output-format", "sarif"],
            "Invalid value for '--output-format': unknown output format 'sarif' "
            "(one of: text, json)",
            id="output-format",
        ),
    ],
)
def test_a_wrong_choice_is_a_usage_error_naming_close_ones_and_the_list(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(f"\nError: {message}\n")
    assert "Value error" not in result.stderr


@pytest.mark.parametrize(
    ("shell", "says"),
    [
        ("bash", "complete -o default -F _argmap_completion argmap"),
        ("zsh", "#compdef argmap"),
        ("fish", "complete --command argmap --no-files"),
        ("powershell", "Register-ArgumentCompleter -Native -CommandName argmap"),
    ],
)
def test_completion_prints_the_shells_script(runner: CliRunner, shell: str, says: str) -> None:
    result = runner.invoke(app, ["completion", shell.upper()])
    assert (result.exit_code, result.stderr) == (0, "")
    assert says in result.stdout
    assert "_ARGMAP_COMPLETE" in result.stdout


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param("argmap ren", ["render"], id="command"),
        pytest.param("argmap render m.yaml --dir", ["--direction"], id="option"),
        pytest.param("argmap render m.yaml --direction l", ["LR"], id="choice-any-case"),
        pytest.param("argmap example wat", ["watchmaker"], id="example"),
        # Nothing: the script's 'complete -o default' has bash complete a file name.
        pytest.param("argmap validate ma", [], id="file"),
    ],
)
def test_the_installed_command_answers_the_completion_script(
    words: str, expected: list[str]
) -> None:
    """What the bash script asks, through the variable it sets: the installed entry point,
    as a shell would run it."""
    env = {
        **os.environ,
        "_ARGMAP_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    result = subprocess.run(
        [str(VENV_ARGMAP)], env=env, capture_output=True, timeout=60, check=False
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode().split() == expected


def _in_bash(command: str, home: Path) -> subprocess.CompletedProcess[bytes]:
    """Run ``command`` in bash, with argmap on the PATH and ``home`` as HOME: the shell
    that typer's --show-completion and --install-completion find argmap started from."""
    import shutil

    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash here")
    env = {**os.environ, "HOME": str(home), "PATH": f"{VENV_ARGMAP.parent}:{os.environ['PATH']}"}
    # '; true' keeps bash from replacing itself by argmap, so argmap's parent is bash.
    return subprocess.run(
        [bash, "--norc", "-c", f"{command}; true"],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_show_completion_prints_the_script_for_the_shell_argmap_runs_in(tmp_path: Path) -> None:
    shown = _in_bash("argmap --show-completion", tmp_path)
    named = _in_bash("argmap completion bash", tmp_path)
    assert (shown.returncode, shown.stderr) == (0, b"")
    assert b"complete -o default -F _argmap_completion argmap" in shown.stdout
    assert shown.stdout == named.stdout


def test_install_completion_adds_the_script_to_the_shells_start_up(tmp_path: Path) -> None:
    result = _in_bash("argmap --install-completion", tmp_path)
    script = tmp_path / ".bash_completions" / "argmap.sh"
    assert (result.returncode, result.stderr) == (0, b"")
    assert f"bash completion installed in {script}".encode() in result.stdout
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text()
    named = _in_bash("argmap completion bash", tmp_path)
    assert script.read_bytes() + b"\n" == named.stdout


def test_bash_completion_script_completes_in_bash(tmp_path: Path) -> None:
    """The script itself, sourced by bash, turns 'argmap render m.yaml --theme d' into
    the two themes that start so."""
    import shutil

    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash here")
    script = f"""
        PATH="{VENV_ARGMAP.parent}:$PATH"
        eval "$(argmap completion bash)"
        COMP_WORDS=(argmap render m.yaml --theme d); COMP_CWORD=4
        _argmap_completion argmap
        printf '%s\\n' "${{COMPREPLY[@]}}"
    """
    result = subprocess.run(
        [bash, "--norc", "-c", script], capture_output=True, timeout=60, check=False
    )
    assert (result.returncode, result.stdout.decode().split()) == (0, ["default", "dark"])


# --- start-up: only what the command needs is imported -------------------------------------


def _modules_loaded_by(args: list[str]) -> list[str]:
    """Which of some costly modules running ``argmap ARGS`` (stdin and stdout pipes)
    imports."""
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        f"sys.argv = ['argmap', *{args!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "costly = ('typer', 'pydantic', 'rich', 'yaml', 'cattrs', 'graphviz', 'fontTools',\n"
        "          'argmap.formats', 'argmap.rendering', 'argmap.analysis.semantics',\n"
        "          'argmap.analysis.lint')\n"
        "print(*[name for name in costly if name in sys.modules], file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).parent.parent,
        env={k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")},
    )
    return result.stderr.decode().split("\n")[-2].split()


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version_alone_imports_neither_typer_nor_the_library(option: str) -> None:
    assert _modules_loaded_by([option]) == []


def test_version_with_more_on_the_line_is_the_app_s() -> None:
    assert _modules_loaded_by(["--version", "validate"]) == ["typer"]


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_the_fast_version_says_what_the_app_says(runner: CliRunner, option: str) -> None:
    # argmap --version alone is answered before the app is built (_process).
    result = _run(str(VENV_ARGMAP), option)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        runner.invoke(app, [option]).stdout.encode(),
        b"",
    )


def test_validate_in_a_pipe_imports_neither_rich_nor_the_renderer() -> None:
    # pydantic: typer 0.29 coerces every option value through it.
    loaded = _modules_loaded_by(["validate", "tests/data/ten-problems.yaml"])
    assert loaded == ["typer", "pydantic", "yaml", "cattrs", "argmap.formats"]


def test_lint_help_lists_the_rules_without_loading_the_linter() -> None:
    # Every command's help is built at start: lint's from argmap.analysis.rules alone.
    assert _modules_loaded_by(["lint", "--help"]) == ["typer", "pydantic"]


# --- example: a map to start from ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(
            "nope", "unknown example 'nope' (one of: second-occupation, watchmaker)", id="far"
        ),
        pytest.param(
            "watchmakr",
            "unknown example 'watchmakr'; did you mean 'watchmaker'? "
            "(one of: second-occupation, watchmaker)",
            id="typo",
        ),
    ],
)
def test_an_unknown_example_suggests_only_close_names(
    runner: CliRunner, name: str, message: str
) -> None:
    result = runner.invoke(app, ["example", name])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(f"\nError: Invalid value for NAME: {message}\n")


def test_example_says_what_it_wrote_unless_quiet(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "start.yaml"
    said = runner.invoke(app, ["example", "watchmaker", "-o", str(out)])
    assert (said.exit_code, said.stdout, said.stderr) == (
        0,
        "",
        f"wrote {out} (the example watchmaker)\n",
    )
    quiet = runner.invoke(app, ["example", "watchmaker", "-o", str(out), "-q", "--force"])
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    assert out.read_text("utf-8") == argmap.examples.text("watchmaker")


# --- warnings: located like errors, never failing a map unless --strict -------------------


@pytest.fixture
def warned(monkeypatch: pytest.MonkeyPatch) -> None:
    warn_on_every_map(monkeypatch)


@pytest.mark.usefixtures("warned")
def test_a_warning_is_printed_located_and_the_map_passes(runner: CliRunner, data: Path) -> None:
    path = str(data / "core.yaml")
    result = runner.invoke(app, ["validate", path])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"{path}:2:3: warning: claim 'lonely' is connected to nothing\n"
        f"{path}: ok (9 claims, 8 relations; 1 warning)\n",
    )


@pytest.mark.usefixtures("warned")
def test_strict_fails_a_map_with_warnings(runner: CliRunner, data: Path) -> None:
    path = str(data / "core.yaml")
    result = runner.invoke(app, ["validate", "--strict", path])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"{path}:2:3: warning: claim 'lonely' is connected to nothing\n"
        f"{path}: failed: 1 warning (--strict)\n",
    )


@pytest.mark.usefixtures("warned")
def test_quiet_keeps_problems_and_drops_the_rest(runner: CliRunner, data: Path) -> None:
    path = str(data / "core.yaml")
    result = runner.invoke(app, ["validate", "-q", path, path + "x"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"{path}:2:3: warning: claim 'lonely' is connected to nothing\n"
        f"{path}x: error: no such file\n",
    )


def test_each_severity_and_argmaps_own_errors_have_their_colour(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from argmap.cli._report import Reporter
    from argmap.errors import Location, Problem, Severity

    reporter = Reporter(colour=True)
    reporter.problems([Problem("odd", location=Location("m.yaml", 3), severity=Severity.WARNING)])
    reporter.error("cannot write")
    reporter.done("m.yaml: ok")
    assert capsys.readouterr() == (
        "",
        "\x1b[1mm.yaml:3\x1b[0m: \x1b[1;33mwarning\x1b[0m: odd\n"
        "argmap: \x1b[1;31merror\x1b[0m: cannot write\n"
        "m.yaml: ok\n",
    )
    assert (reporter.errors, reporter.warnings) == (1, 1)


def test_problems_are_coloured_on_request_only(runner: CliRunner) -> None:
    text = "claims:\n  a: {text: A, supports: b}\n"
    plain = runner.invoke(app, ["validate", "-"], input=text, env={"FORCE_COLOR": ""})
    forced = runner.invoke(app, ["validate", "-"], input=text, env={"FORCE_COLOR": "1"})
    refused = runner.invoke(
        app, ["validate", "-"], input=text, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
    line = "<stdin>:2:26: error: unknown claim 'b'; did you mean 'a'?\n"
    assert plain.stderr == refused.stderr == line
    assert forced.stderr == (
        "\x1b[1m<stdin>:2:26\x1b[0m: \x1b[1;31merror\x1b[0m: "
        "unknown claim 'b'; did you mean 'a'?\n"
    )


def test_example_does_not_replace_a_file_without_force(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "map.yaml"
    out.write_text("claims: {mine: {text: My own map}}\n", "utf-8")
    refused = runner.invoke(app, ["example", "watchmaker", "-o", str(out)])
    assert (refused.exit_code, refused.stdout, refused.stderr) == (
        1,
        "",
        f"argmap: error: {out} exists; argmap example does not replace it (give --force to)\n",
    )
    assert out.read_text("utf-8") == "claims: {mine: {text: My own map}}\n"
    forced = runner.invoke(app, ["example", "watchmaker", "-o", str(out), "--force", "-q"])
    assert (forced.exit_code, forced.stderr) == (0, "")
    assert out.read_text("utf-8") == argmap.examples.text("watchmaker")


@pytest.mark.skipif(sys.platform == "win32", reason="a newline in a file name")
def test_a_newline_in_a_file_name_is_shown_escaped_so_each_message_is_one_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a\nb.yaml").write_text("claims: {t: {text: T, kind: thesis}}\n", "utf-8")
    (tmp_path / "c\x1b[31m.yaml").write_text("claims: [", "utf-8")
    result = runner.invoke(app, ["validate", "a\nb.yaml", "c\x1b[31m.yaml"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[:2] == [
        "a\\nb.yaml: ok (1 claim, 0 relations)",
        "c\\x1b[31m.yaml:1:10: error: invalid YAML: did not find expected node content "
        "(while parsing a flow node)",
    ]
