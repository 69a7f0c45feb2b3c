"""``argmap render``: where the picture goes, in which format, with which options, and that a
failure never leaves a broken or half-written file behind."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_support import WARNING, unsettled_cycle, warn_on_every_map
from render_support import DATA, Renders, load_map, requires
from typer.testing import CliRunner

import argmap
from argmap.analysis.focus import focus
from argmap.cli import app
from argmap.rendering import engines as engines_module

PLAIN = DATA / "plain.yaml"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A directory holding a copy of the plain map as ``map.yaml``."""
    shutil.copy(PLAIN, tmp_path / "map.yaml")
    return tmp_path


def wrote(path: object) -> str:
    """The line on stderr for the plain map's picture written to ``path``."""
    return f"wrote {path} (5 claims, 4 relations)\n"


def listing(directory: Path) -> dict[str, bytes]:
    """Every file in ``directory`` (hidden ones too) with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}


# --- where the picture goes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "format"), [("svg", "svg"), ("png", "png"), ("dot", "dot"), ("SVG", "svg")]
)
def test_output_suffix_chooses_the_format(
    suffix: str, format: str, runner: CliRunner, workdir: Path, rendered: Renders
) -> None:
    out = workdir / f"picture.{suffix}"
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "-o", str(out)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", wrote(out))
    assert out.read_bytes() == rendered("plain", format)


def test_pdf_output_comes_from_the_system_engine(runner: CliRunner, workdir: Path) -> None:
    requires(shutil.which("dot"), "Graphviz's dot is not on PATH: no PDF")
    out = workdir / "picture.pdf"
    args = ["render", str(workdir / "map.yaml"), "-o", str(out), "--engine", "system"]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (0, wrote(out))
    assert out.read_bytes().startswith(b"%PDF-")


def test_pdf_comes_from_typst_with_the_embedded_engine(runner: CliRunner, workdir: Path) -> None:
    out = workdir / "picture.pdf"
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "-o", str(out)])
    assert (result.exit_code, result.stderr) == (0, wrote(out))
    assert out.read_bytes() == argmap.render(argmap.load(PLAIN), "pdf")
    assert b"Typst" in out.read_bytes()


def test_pdf_without_typst_fails_saying_how_and_writes_nothing(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)  # as if argmap[pdf] were not installed
    before = listing(workdir)
    result = runner.invoke(
        app, ["render", str(workdir / "map.yaml"), "-o", str(workdir / "x.pdf")]
    )
    assert (result.exit_code, result.stderr) == (
        1,
        f"{workdir / 'map.yaml'}: error: PDF with the embedded engine needs typst: "
        "pip install 'argmap[pdf]' (or pip install typst); or draw Graphviz's own PDF with "
        "--engine system (engine='system'), which needs Graphviz installed\n",
    )
    assert listing(workdir) == before


@pytest.mark.parametrize(
    ("args", "format"),
    [(["-o", "-"], "svg"), (["-f", "svg", "-o", "-"], "svg"), (["-f", "png", "-o", "-"], "png")],
)
def test_dash_output_writes_the_picture_to_stdout_alone(
    args: list[str], format: str, runner: CliRunner, workdir: Path, rendered: Renders
) -> None:
    before = listing(workdir)
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), *args])
    assert result.exit_code == 0
    assert result.stdout_bytes == rendered("plain", format)
    assert result.stderr == ""
    assert listing(workdir) == before


@pytest.mark.parametrize("format", ["svg", "png", "dot", "PNG"])
def test_format_without_output_writes_beside_the_map_as_help_says(
    format: str, runner: CliRunner, workdir: Path, rendered: Renders
) -> None:
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "-f", format])
    out = workdir / f"map.{format.lower()}"
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", wrote(out))
    assert sorted(listing(workdir)) == sorted(["map.yaml", out.name])
    assert out.read_bytes() == rendered("plain", format.lower())


def test_without_output_or_format_the_svg_goes_next_to_the_map(
    runner: CliRunner, workdir: Path, rendered: Renders
) -> None:
    result = runner.invoke(app, ["render", str(workdir / "map.yaml")])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", wrote(workdir / "map.svg"))
    assert (workdir / "map.svg").read_bytes() == rendered("plain")


def test_the_wrote_line_names_the_picture_as_the_map_was_named(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workdir)
    result = runner.invoke(app, ["render", "./map.yaml", "-f", "dot"])
    assert (result.exit_code, result.stderr) == (0, wrote("./map.dot"))
    quiet = runner.invoke(app, ["render", "./map.yaml", "-q"])
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    assert (workdir / "map.svg").exists()


@pytest.mark.parametrize(("args", "format"), [([], "svg"), (["-f", "dot"], "dot")])
def test_map_dash_reads_stdin_and_writes_stdout(
    args: list[str], format: str, runner: CliRunner, tmp_path: Path, rendered: Renders
) -> None:
    before = listing(tmp_path)
    result = runner.invoke(app, ["render", "-", *args], input=PLAIN.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == rendered("plain", format)
    assert listing(tmp_path) == before


def test_map_from_stdin_can_go_to_a_file(
    runner: CliRunner, tmp_path: Path, rendered: Renders
) -> None:
    out = tmp_path / "from-stdin.dot"
    result = runner.invoke(app, ["render", "-", "-o", str(out)], input=PLAIN.read_bytes())
    assert (result.exit_code, result.stdout) == (0, "")
    assert out.read_bytes() == rendered("plain", "dot")


# --- usage errors and input errors -------------------------------------------------------


@pytest.mark.parametrize("name", ["picture.jpeg", "picture", "picture.yaml"])
def test_an_output_suffix_that_names_no_format_is_a_usage_error(
    name: str, runner: CliRunner, workdir: Path
) -> None:
    before = listing(workdir)
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "-o", str(workdir / name)])
    assert result.exit_code == 2
    assert "-f" in result.stderr
    assert "Traceback" not in result.stderr
    assert listing(workdir) == before


@pytest.mark.parametrize(
    "args",
    [["-f", "gif"], ["--theme", "neon"], ["--direction", "UP"], ["--engine", "wasm"]],
)
def test_an_unknown_option_value_is_a_usage_error(
    args: list[str], runner: CliRunner, workdir: Path
) -> None:
    before = listing(workdir)
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), *args])
    assert result.exit_code == 2
    assert listing(workdir) == before


def test_a_bad_map_exits_1_naming_each_problem_and_leaves_the_output_untouched(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "bad.yaml"
    shutil.copy(DATA / "ten-problems.yaml", source)
    out = tmp_path / "bad.svg"
    out.write_bytes(b"<svg>the picture from before</svg>\n")
    before = listing(tmp_path)
    result = runner.invoke(app, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 10
    assert all(line.startswith(f"{source}:") and ": error: " in line for line in lines)
    assert lines[0] == f"{source}:11:15: error: unknown claim 'thesiss'; did you mean 'thesis'?"
    assert listing(tmp_path) == before


def test_an_unreadable_map_exits_1_and_leaves_the_output_untouched(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "broken.yaml"
    source.write_text("claims: [unclosed\n")
    out = tmp_path / "broken.svg"
    out.write_bytes(b"old")
    before = listing(tmp_path)
    result = runner.invoke(app, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{source}:")
    assert "Traceback" not in result.stderr
    assert listing(tmp_path) == before


def test_a_failed_render_leaves_the_output_untouched_and_no_temporary_file(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stuck = workdir / "stuck-engine"
    stuck.write_text("#!/bin/sh\nexec sleep 60\n")
    stuck.chmod(0o755)
    monkeypatch.setattr(engines_module, "_embedded_executable", lambda: stuck)
    out = workdir / "map.svg"
    out.write_bytes(b"<svg>the picture from before</svg>\n")
    before = listing(workdir)
    args = ["render", str(workdir / "map.yaml"), "-o", str(out), "--timeout", "0.3"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{workdir / 'map.yaml'}: error: ")
    assert "0.3 s" in result.stderr
    assert listing(workdir) == before


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink", "hardlink"])
def test_an_output_that_is_the_map_itself_is_refused(
    spelling: str, runner: CliRunner, workdir: Path
) -> None:
    source = workdir / "map.yaml"
    out = {
        "same": str(source),
        "dotted": str(workdir / "." / "sub" / ".." / "map.yaml"),
        "symlink": str(workdir / "link.yaml"),
        "hardlink": str(workdir / "hard.yaml"),
    }[spelling]
    (workdir / "sub").mkdir()
    (workdir / "link.yaml").symlink_to(source)
    (workdir / "hard.yaml").hardlink_to(source)
    before = listing(workdir)
    result = runner.invoke(app, ["render", str(source), "-f", "svg", "-o", out])
    assert result.exit_code == 1
    assert "overwrite the map" in result.stderr
    assert listing(workdir) == before


def test_a_rasterizer_crash_is_reported_without_a_traceback(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "flag.yaml"
    source.write_text('claims:\n  p:\n    text: "Made in 🇫🇷"\n', encoding="utf-8")
    out = tmp_path / "flag.png"
    result = runner.invoke(app, ["render", str(source), "-o", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 0:
        assert out.read_bytes().startswith(PNG_SIGNATURE)
    else:
        assert result.exit_code == 1
        assert result.stderr.startswith("argmap: error: ")


# --- options -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "options"),
    [
        (["--theme", "print"], {"theme": "print"}),
        (["--theme", "dark"], {"theme": "dark"}),
        (["--direction", "LR"], {"direction": "LR"}),
        (["--direction", "RL"], {"direction": "RL"}),
        (["--no-legend"], {"legend": False}),
        (["--no-title"], {"title": False}),
        (
            ["--theme", "colorblind", "--direction", "BT", "--no-legend"],
            {"theme": "colorblind", "direction": "BT", "legend": False},
        ),
    ],
)
def test_drawing_options_reach_the_picture(
    args: list[str], options: dict[str, object], runner: CliRunner, workdir: Path
) -> None:
    result = runner.invoke(
        app, ["render", str(workdir / "map.yaml"), "-f", "dot", "-o", "-", *args]
    )
    assert result.exit_code == 0
    expected = argmap.render(load_map("plain"), "dot", **options)
    assert result.stdout_bytes == expected
    assert expected != argmap.render(load_map("plain"), "dot")


def test_engine_option_chooses_the_engine(
    runner: CliRunner, workdir: Path, rendered: Renders
) -> None:
    requires(shutil.which("dot"), "Graphviz's dot is not on PATH: no system engine")
    args = ["render", str(workdir / "map.yaml"), "-o", "-", "--engine", "system"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert result.stdout_bytes == rendered("plain", engine="system")
    assert rendered("plain", engine="system") != rendered("plain")


def test_dpi_option_sets_the_png_resolution(runner: CliRunner, workdir: Path) -> None:
    out = workdir / "small.png"
    result = runner.invoke(
        app, ["render", str(workdir / "map.yaml"), "-o", str(out), "--dpi", "72"]
    )
    assert result.exit_code == 0
    assert out.read_bytes() == argmap.render(load_map("plain"), "png", dpi=72)


def test_engine_warnings_are_printed_as_warnings_of_the_map_on_stderr(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch, rendered: Renders
) -> None:
    real = engines_module._embedded_executable()
    assert real is not None
    script = workdir / "warning-engine"
    script.write_text(
        f'#!/bin/sh\necho "Warning: node c0 is in two clusters" >&2\nexec "{real}" "$@"\n'
    )
    script.chmod(0o755)
    monkeypatch.setattr(engines_module, "_embedded_executable", lambda: script)
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "-o", "-"])
    assert result.exit_code == 0
    # Graphviz names the DOT node; the warning names the claim as the map does.
    assert result.stderr == f"{workdir / 'map.yaml'}: warning: claim 'trees' is in two clusters\n"
    assert result.stdout_bytes == rendered("plain")


def test_the_installed_command_renders_with_a_bare_environment(
    tmp_path: Path, rendered: Renders
) -> None:
    """Also in test_render_engines with -o; here the picture goes to stdout."""
    import subprocess
    import sys

    command = Path(sys.executable).parent / "argmap"
    requires(command.exists(), f"no {command}: argmap is not installed here")
    result = subprocess.run(
        [str(command), "render", "-", "-o", "-"],
        input=PLAIN.read_bytes(),
        env={"PATH": os.devnull},
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == rendered("plain")


def test_cli_choices_are_the_librarys() -> None:
    # The CLI spells its choices out (importing the renderer would slow its start-up);
    # they must name exactly what the library offers.
    from argmap.cli import _choices as cli
    from argmap.formats import FORMATS as MAP_FORMATS
    from argmap.rendering import DIRECTIONS, FORMATS, THEMES
    from argmap.rendering.engines import ENGINES

    assert list(cli.PICTURE_FORMATS) == list(FORMATS)
    assert list(cli.THEMES) == list(THEMES)
    assert list(cli.DIRECTIONS) == list(DIRECTIONS)
    assert list(cli.ENGINES) == list(ENGINES)
    readable = [name for name, each in MAP_FORMATS.items() if each.parse is not None]
    written = [name for name, each in MAP_FORMATS.items() if each.dumps is not None]
    assert list(cli.MAP_FORMATS) == readable
    assert list(cli.WRITTEN_FORMATS) == written
    assert {name: MAP_FORMATS[name].suffixes for name in written} == cli.FORMAT_SUFFIXES


# --- hostile names and numbers -----------------------------------------------------------


def test_a_directory_without_maps_exits_1_naming_it(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a map")
    result = runner.invoke(app, ["render", str(tmp_path)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"{tmp_path}: error: no map files in this directory (.yaml, .yml, .json, .argdown; "
        "searched recursively, skipping hidden files and directories, node_modules, "
        "__pycache__ and virtual environments)\n",
    )
    assert sorted(listing(tmp_path)) == ["notes.txt"]


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "-1", "0", "1e400"])
@pytest.mark.parametrize(
    ("option", "bounds"), [("--timeout", "0.1 to 86400"), ("--dpi", "1 to 10000")]
)
def test_a_number_out_of_bounds_is_a_usage_error(
    runner: CliRunner, workdir: Path, option: str, bounds: str, value: str
) -> None:
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), f"{option}={value}"])
    shown = {"1e400": "inf", "-1": "-1", "0": "0"}.get(value, value)
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"Invalid value for '{option}': {shown} is not a number from {bounds}" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("option", ["--timeout", "--dpi"])
def test_a_number_that_is_no_number_is_a_usage_error(
    runner: CliRunner, workdir: Path, option: str
) -> None:
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), option, "abc"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(
        f"\nError: Invalid value for '{option}': 'abc' is not a valid float.\n"
    )


def test_an_empty_output_name_is_a_usage_error(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "-o", ""])
    assert result.exit_code == 2
    assert "Invalid value for '-o' / '--output': the file name is empty" in result.stderr


# --- outputs that are not regular files ----------------------------------------------------


def test_dev_null_output_takes_the_picture_and_stays_a_device(
    runner: CliRunner, workdir: Path
) -> None:
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null here")
    result = runner.invoke(
        app, ["render", str(workdir / "map.yaml"), "-f", "svg", "-o", "/dev/null"]
    )
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", wrote("/dev/null"))
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dev_full_output_exits_1_saying_the_disk_is_full(runner: CliRunner, workdir: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    result = runner.invoke(
        app, ["render", str(workdir / "map.yaml"), "-f", "png", "-o", "/dev/full"]
    )
    assert (result.exit_code, result.stderr) == (
        1,
        "argmap: error: /dev/full: cannot write: No space left on device\n",
    )
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_output_is_written_not_replaced(
    runner: CliRunner, workdir: Path, rendered: Renders
) -> None:
    pipe = workdir / "picture.svg"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    try:
        result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "-o", str(pipe)])
    finally:
        reader.join(timeout=20)
    assert (result.exit_code, result.stderr) == (0, wrote(pipe))
    assert got == [rendered("plain")]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_dev_stdout_output_goes_to_standard_output(tmp_path: Path, rendered: Renders) -> None:
    if not os.path.exists("/dev/stdout"):
        pytest.skip("no /dev/stdout here")
    result = subprocess.run(
        [str(ARGMAP), "render", str(PLAIN), "-o", "/dev/stdout", "-f", "svg"],
        capture_output=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert (result.returncode, result.stderr.decode()) == (0, wrote("/dev/stdout"))
    assert result.stdout == rendered("plain")
    assert os.path.islink("/dev/stdout")
    assert list(tmp_path.iterdir()) == []


def test_a_symlinked_output_stays_a_link_to_the_new_picture(
    runner: CliRunner, workdir: Path, rendered: Renders
) -> None:
    (workdir / "pictures").mkdir()
    target = workdir / "pictures" / "current.svg"
    target.write_bytes(b"old")
    link = workdir / "map.svg"
    link.symlink_to("pictures/current.svg")
    result = runner.invoke(app, ["render", str(workdir / "map.yaml")])
    assert (result.exit_code, result.stderr) == (0, wrote(link))
    assert link.is_symlink()
    assert target.read_bytes() == rendered("plain")


def test_a_read_only_output_is_refused_and_left_alone(runner: CliRunner, workdir: Path) -> None:
    out = workdir / "map.svg"
    out.write_bytes(b"<svg>kept</svg>")
    out.chmod(0o444)
    before = listing(workdir)
    result = runner.invoke(app, ["render", str(workdir / "map.yaml")])
    assert (result.exit_code, result.stderr) == (
        1,
        f"argmap: error: {out}: cannot write: it is read-only; make it writable first "
        "(chmod u+w) to replace it\n",
    )
    assert listing(workdir) == before
    assert stat.S_IMODE(out.stat().st_mode) == 0o444


def test_an_output_name_of_255_bytes_works(
    runner: CliRunner, workdir: Path, rendered: Renders
) -> None:
    out = workdir / ("p" * 251 + ".svg")
    out.write_bytes(b"old")
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "-o", str(out)])
    assert (result.exit_code, result.stderr) == (0, wrote(out))
    assert out.read_bytes() == rendered("plain")
    assert sorted(listing(workdir)) == ["map.yaml", out.name]


# --- signals: cleanup runs, the old output stays, the engine goes --------------------------


ARGMAP = Path(sys.executable).with_name("argmap")


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    state = Path(f"/proc/{pid}/stat")
    # A zombie has stopped running; only its parent's wait is missing.
    return state.exists() and state.read_text().rsplit(")", 1)[1].split()[0] == "Z"


def _wait_for(condition: Callable[[], bool], seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


class StuckRender:
    """``argmap render --engine system`` with a ``dot`` that sleeps: started, then waited
    for until the engine runs. Whatever a test leaves running is killed at teardown."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.pidfile = workdir / "engine.pid"
        stubs = workdir / "bin"
        stubs.mkdir()
        # One process: the shell becomes the sleep, so its pid is the engine's.
        (stubs / "dot").write_text(f'#!/bin/sh\necho $$ > "{self.pidfile}"\nexec sleep 600\n')
        (stubs / "dot").chmod(0o755)
        self.env = {**os.environ, "PATH": f"{stubs}{os.pathsep}{os.environ.get('PATH', '')}"}
        self.processes: list[subprocess.Popen[bytes]] = []
        self.engines: list[int] = []

    def start(self, *signals: tuple[int, Callable[..., object] | int]) -> subprocess.Popen[bytes]:
        """Start argmap with these signal dispositions; return once its engine runs."""

        def dispose() -> None:
            for signum, disposition in signals:
                signal.signal(signum, disposition)

        process = subprocess.Popen(
            [str(ARGMAP), "render", "map.yaml", "-o", "map.svg", "--engine", "system"],
            cwd=self.workdir,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=dispose,
        )
        self.processes.append(process)
        assert _wait_for(lambda: self.pidfile.exists() and self.pidfile.read_text().strip())
        self.engines.append(int(self.pidfile.read_text()))
        return process

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        for engine in self.engines:
            if not _gone(engine):
                os.kill(engine, signal.SIGKILL)


@pytest.fixture
def stuck_render(workdir: Path) -> Iterator[StuckRender]:
    requires(ARGMAP.exists(), f"no {ARGMAP}: argmap is not installed here")
    render = StuckRender(workdir)
    try:
        yield render
    finally:
        render.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_during_the_layout_stops_everything_and_leaves_the_old_output(
    stuck_render: StuckRender, workdir: Path, signum: int, code: int
) -> None:
    out = workdir / "map.svg"
    out.write_bytes(b"<svg>the picture from before</svg>\n")
    before = listing(workdir)
    # A test runner may ignore SIGINT or SIGHUP; the argmap under test must not.
    process = stuck_render.start((signal.SIGINT, signal.SIG_DFL), (signal.SIGHUP, signal.SIG_DFL))
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=20)
    assert (process.returncode, stdout, stderr) == (code, b"", b"argmap: interrupted\n")
    assert _wait_for(lambda: _gone(stuck_render.engines[0]))
    assert {k: v for k, v in listing(workdir).items() if k != "engine.pid"} == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_an_ignored_sighup_stays_ignored_as_under_nohup(stuck_render: StuckRender) -> None:
    process = stuck_render.start((signal.SIGHUP, signal.SIG_IGN))
    process.send_signal(signal.SIGHUP)
    with pytest.raises(subprocess.TimeoutExpired):
        process.wait(timeout=1)
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=20)
    assert process.returncode == 143


# --- choices in any case; formats and suffixes that disagree -------------------------------


def test_choices_in_any_case_reach_the_picture(runner: CliRunner, workdir: Path) -> None:
    args = ["--theme", "PRINT", "--direction", "lr", "--engine", "Embedded", "-f", "DOT"]
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "-o", "-", *args])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout_bytes == argmap.render(
        load_map("plain"), "dot", theme="print", direction="LR"
    )


@pytest.mark.parametrize(
    ("format", "name", "says"), [("png", "y.svg", "svg"), ("svg", "picture.PDF", "pdf")]
)
def test_a_format_that_disagrees_with_the_suffix_is_a_usage_error_naming_both(
    runner: CliRunner, workdir: Path, format: str, name: str, says: str
) -> None:
    before = listing(workdir)
    out = str(workdir / name)
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "-f", format, "-o", out])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(
        f"\nError: -f {format} and -o {out} disagree: the suffix of {out!r} says {says}; "
        "make them agree, or give only one of them\n"
    )
    assert listing(workdir) == before


def test_a_format_with_a_name_that_names_no_format_is_fine(
    runner: CliRunner, workdir: Path, rendered: Renders
) -> None:
    out = workdir / "picture.gv"
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "-f", "dot", "-o", str(out)])
    assert (result.exit_code, result.stderr) == (0, wrote(out))
    assert out.read_bytes() == rendered("plain", "dot")


# --- binary pictures never reach a terminal ------------------------------------------------


def _on_a_terminal(args: list[str], stdin: bytes | None = None) -> tuple[int, bytes]:
    """Run the installed argmap with its stdout (and stderr) on a pseudo-terminal; stdin is
    ``stdin`` through a pipe when given. Its exit status and all it wrote."""
    import pty

    requires(ARGMAP.exists(), f"no {ARGMAP}: argmap is not installed here")
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [str(ARGMAP), *args],
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=follower,
            stderr=follower,
            cwd=Path(__file__).parent.parent,
        )
        os.close(follower)
        if stdin is not None:
            assert process.stdin is not None
            process.stdin.write(stdin)
            process.stdin.close()
        said = bytearray()
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the process has ended
                break
            if not chunk:
                break
            said += chunk
        return process.wait(timeout=60), bytes(said)
    finally:
        os.close(leader)


REFUSED = (
    b"Error: a {format} picture is binary and would garble the terminal; write it to a file "
    b"with -o FILE, or pipe it (-o - | ...)\r\n"
)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")
@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["render", str(PLAIN), "-f", "png", "-o", "-"], None),
        (["render", str(PLAIN), "-o", "-", "-f", "pdf", "--engine", "system"], None),
        (["render", "-", "-f", "PNG"], PLAIN.read_bytes()),
    ],
    ids=["png", "pdf", "stdin-png"],
)
def test_a_binary_picture_for_a_terminal_is_refused_with_a_hint(
    args: list[str], stdin: bytes | None
) -> None:
    status, said = _on_a_terminal(args, stdin)
    format = b"PDF" if "pdf" in args else b"PNG"
    assert status == 2
    assert said.endswith(REFUSED.replace(b"{format}", format))
    assert b"\x89PNG" not in said


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")
def test_an_svg_for_a_terminal_is_shown(rendered: Renders) -> None:
    status, said = _on_a_terminal(["render", str(PLAIN), "-o", "-"])
    assert status == 0
    assert said.replace(b"\r\n", b"\n") == rendered("plain")


# --- several maps, directories --------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """maps/a.yaml, maps/sub/b.yaml, maps/sub/.hidden/c.yaml, maps/notes.txt: the plain map
    thrice, and a file that is no map."""
    for place in ("a.yaml", "sub/b.yaml", "sub/.hidden/c.yaml"):
        (tmp_path / "maps" / place).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PLAIN, tmp_path / "maps" / place)
    (tmp_path / "maps" / "notes.txt").write_text("not a map")
    return tmp_path


def _files(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file())


def test_a_directory_draws_each_map_beside_itself(
    runner: CliRunner, tree: Path, monkeypatch: pytest.MonkeyPatch, rendered: Renders
) -> None:
    monkeypatch.chdir(tree)
    result = runner.invoke(app, ["render", "maps", "-f", "png"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"{wrote('maps/a.png')}{wrote('maps/sub/b.png')}rendered 2 of 2 maps\n",
    )
    assert _files(tree) == [
        "maps/a.png",
        "maps/a.yaml",
        "maps/notes.txt",
        "maps/sub/.hidden/c.yaml",
        "maps/sub/b.png",
        "maps/sub/b.yaml",
    ]
    assert (tree / "maps" / "sub" / "b.png").read_bytes() == rendered("plain", "png")


def test_output_directory_takes_the_pictures_keeping_folders(
    runner: CliRunner, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    shutil.copy(PLAIN, tree / "loose.yaml")
    result = runner.invoke(app, ["render", "maps/", "loose.yaml", "-o", "out", "-q"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert [f for f in _files(tree) if f.startswith("out")] == [
        "out/a.svg",
        "out/loose.svg",
        "out/sub/b.svg",
    ]


def test_one_map_to_a_name_ending_in_a_slash_makes_that_directory(
    runner: CliRunner, workdir: Path, rendered: Renders
) -> None:
    out = f"{workdir / 'pictures'}/"
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "-o", out])
    assert (result.exit_code, result.stderr) == (0, wrote(f"{out}map.svg"))
    assert (workdir / "pictures" / "map.svg").read_bytes() == rendered("plain")


def test_a_bad_map_among_several_fails_the_run_but_not_the_others(
    runner: CliRunner, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    (tree / "maps" / "bad.yaml").write_text("claims:\n  a: {text: A, supports: b}\n")
    result = runner.invoke(app, ["render", "maps"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"{wrote('maps/a.svg')}"
        "maps/bad.yaml:2:26: error: unknown claim 'b'; did you mean 'a'?\n"
        f"{wrote('maps/sub/b.svg')}"
        "rendered 2 of 3 maps; 1 error\n"
        "failed: maps/bad.yaml\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["maps/a.yaml", "maps/sub/b.yaml", "-o", "-"],
            "-o - takes one picture, and 2 maps were named; give -o a directory for their "
            "pictures, or leave -o out to draw each beside its map",
            id="several-to-stdout",
        ),
        pytest.param(
            ["maps", "-o", "maps/notes.txt"],
            "Invalid value for '-o' / '--output': 'maps/notes.txt' is a file; with several "
            "maps, -o names the directory for their pictures",
            id="several-to-a-file",
        ),
        pytest.param(
            ["maps", "-o", "figure.PNG"],
            "Invalid value for '-o' / '--output': -o figure.PNG names one picture, and 3 maps "
            "were named; give -o a directory for their pictures (e.g. figure/)",
            id="several-to-a-picture-name",
        ),
        pytest.param(
            ["maps/a.yaml", "-", "-o", "out"],
            "'-' (a map from standard input) can only be drawn alone; draw it separately",
            id="stdin-among-several",
        ),
        pytest.param(
            ["-", "-o", "out/"],
            "a map from standard input has no name to give its picture in 'out/'; name the "
            "picture itself with -o FILE",
            id="stdin-to-a-directory",
        ),
        pytest.param(
            ["maps/a.yaml", "maps/a.json"],
            "maps/a.yaml and maps/a.json would both be drawn to maps/a.svg; draw them one at "
            "a time, each with its own -o",
            id="two-maps-one-picture",
        ),
    ],
)
def test_several_maps_that_cannot_go_where_asked_are_a_usage_error(
    runner: CliRunner,
    tree: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tree)
    shutil.copy(PLAIN, tree / "maps" / "a.json")
    before = _files(tree)
    result = runner.invoke(app, ["render", *args], input=PLAIN.read_bytes())
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(f"\nError: {message}\n")
    assert _files(tree) == before


# --- warnings: drawn anyway, unless --strict -------------------------------------------------


@pytest.fixture
def warned(monkeypatch: pytest.MonkeyPatch) -> None:
    warn_on_every_map(monkeypatch)


@pytest.mark.usefixtures("warned")
def test_a_map_with_warnings_is_drawn_and_the_warnings_said(
    runner: CliRunner, workdir: Path, rendered: Renders
) -> None:
    source = workdir / "map.yaml"
    result = runner.invoke(app, ["render", str(source)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"{source}:2:3: warning: {WARNING}\n"
        f"wrote {workdir / 'map.svg'} (5 claims, 4 relations; 1 warning)\n",
    )
    assert (workdir / "map.svg").read_bytes() == rendered("plain")


@pytest.mark.usefixtures("warned")
def test_strict_draws_nothing_for_a_map_with_warnings(runner: CliRunner, workdir: Path) -> None:
    source = workdir / "map.yaml"
    before = listing(workdir)
    result = runner.invoke(app, ["render", "--strict", str(source)])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"{source}:2:3: warning: {WARNING}\n{source}: not drawn: 1 warning (--strict)\n",
    )
    assert listing(workdir) == before


# --- --focus -------------------------------------------------------------------------------


def test_focus_draws_the_claims_around_one_claim_and_counts_what_was_drawn(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "flagship.yaml"
    source.write_text(argmap.examples.text("second-occupation"), encoding="utf-8")
    out = tmp_path / "focused.dot"
    args = ["render", str(source), "-o", str(out), "--focus", "motive-warn-iran", "--depth", "2"]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (0, f"wrote {out} (14 claims, 12 relations)\n")
    # The picture is exactly that of the focused map.
    focused = focus(argmap.load(source), "motive-warn-iran", depth=2)
    assert out.read_bytes() == argmap.render(focused, "dot")


def test_focus_on_a_claim_one_map_lacks_fails_that_map_only(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "a.yaml").write_text(argmap.examples.text("second-occupation"), encoding="utf-8")
    shutil.copy(PLAIN, tmp_path / "b.yaml")
    result = runner.invoke(app, ["render", str(tmp_path), "--focus", "thesis", "--depth", "0"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"wrote {tmp_path / 'a.svg'} (1 claim, 0 relations)"
    assert lines[1].startswith(
        f"{tmp_path / 'b.yaml'}: error: cannot focus: unknown claim 'thesis'"
    )
    assert lines[2:] == ["rendered 1 of 2 maps; 1 error", f"failed: {tmp_path / 'b.yaml'}"]
    assert not (tmp_path / "b.svg").exists()


def test_depth_without_focus_is_a_usage_error_and_draws_nothing(
    runner: CliRunner, workdir: Path
) -> None:
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "--depth", "1"])
    assert result.exit_code == 2
    assert "Invalid value for '--depth': --depth goes with --focus ID" in result.stderr
    assert not (workdir / "map.svg").exists()


# --- --status, --strength, --schemes -------------------------------------------------------

CHAIN_YAML = """\
argmap: 1
title: Chain
claims:
  a: {text: A, attacks: b}
  b: {text: B, attacks: c}
  c: {text: C}
"""

ODD_CYCLE_YAML = (
    "argmap: 1\nclaims:\n  a: {text: A, attacks: b}\n  b: {text: B, attacks: c}\n"
    "  c: {text: C, attacks: a}\n"
)


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    path = tmp_path / "chain.yaml"
    path.write_text(CHAIN_YAML, "utf-8")
    return path


def test_status_draws_each_claims_status_as_evaluate_finds_it(
    runner: CliRunner, workdir: Path
) -> None:
    from argmap.analysis import evaluate

    args = ["render", str(workdir / "map.yaml"), "-f", "dot", "-o", "-", "--status", "grounded"]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (0, "")
    m = load_map("plain")
    expected = argmap.render(m, "dot", status=evaluate(m), status_semantics="grounded")
    assert result.stdout_bytes == expected
    assert b"peripheries=2" in expected


@pytest.mark.parametrize(
    ("args", "semantics"),
    [
        (["--status", "preferred"], "preferred (sceptical)"),
        (["--status", "Grounded", "--no-supports"], "grounded (no supports)"),
    ],
)
def test_the_legend_says_how_the_status_was_found(
    args: list[str], semantics: str, runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "mutual.yaml"
    path.write_text("argmap: 1\nclaims:\n  a: {text: A, attacks: b}\n  b: {text: B, attacks: a}\n")
    result = runner.invoke(app, ["render", str(path), "-f", "dot", "-o", "-", *args])
    assert result.exit_code == 0
    assert f">{semantics}:<".encode() in result.stdout_bytes


def test_strength_and_schemes_reach_the_picture(runner: CliRunner, workdir: Path) -> None:
    from argmap.analysis.strength import strength

    args = ["render", str(workdir / "map.yaml"), "-f", "dot", "-o", "-"]
    result = runner.invoke(app, [*args, "--strength", "quadratic-energy", "--schemes"])
    assert result.exit_code == 0
    m = load_map("plain")
    assert result.stdout_bytes == argmap.render(
        m,
        "dot",
        strength=strength(m, "quadratic-energy"),
        strength_semantics="quadratic energy",
        schemes=True,
    )


def test_status_is_of_the_whole_map_before_the_focus(runner: CliRunner, chain: Path) -> None:
    # Alone, b would stand and c fall; in the whole map, a knocks b out and c stands.
    out = chain.with_suffix(".dot")
    args = ["render", str(chain), "-o", str(out), "--status", "grounded"]
    result = runner.invoke(app, [*args, "--focus", "c", "--depth", "1"])
    assert (result.exit_code, result.stderr) == (0, f"wrote {out} (2 claims, 1 relation)\n")
    whole = argmap.load(chain)
    shown = {"a": "in", "b": "out", "c": "in"}
    expected = argmap.render(
        focus(whole, "c", depth=1), "dot", status=shown, status_semantics="grounded"
    )
    assert out.read_bytes() == expected


def test_no_supports_without_status_is_a_usage_error_and_draws_nothing(
    runner: CliRunner, workdir: Path
) -> None:
    args = ["render", str(workdir / "map.yaml"), "--strength", "df-quad", "--no-supports"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert (
        "Invalid value for '--no-supports': --no-supports says how --status tells which "
        "claims stand; give --status SEMANTICS too" in result.stderr
    )
    assert not (workdir / "map.svg").exists()


def test_an_unknown_status_semantics_is_a_usage_error_naming_the_close_one(
    runner: CliRunner, workdir: Path
) -> None:
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "--status", "prefered"])
    assert result.exit_code == 2
    assert (
        "unknown semantics 'prefered'; did you mean 'preferred'? "
        "(one of: grounded, complete, preferred, stable)" in result.stderr
    )


def test_no_stable_labelling_fails_the_map_and_leaves_the_output_untouched(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(ODD_CYCLE_YAML, "utf-8")
    (tmp_path / "odd.svg").write_bytes(b"old picture")
    result = runner.invoke(app, ["render", str(path), "--status", "stable"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{path}: error: stable semantics gives this map no labelling (an odd cycle of "
        "attacks has no stable one), so there is no status to show; try --status preferred\n"
    )
    assert (tmp_path / "odd.svg").read_bytes() == b"old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["odd.svg", "odd.yaml"]


def test_an_evaluation_out_of_time_fails_that_map_only_as_evaluate_says_it(
    runner: CliRunner, tmp_path: Path, chain: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.analysis
    from argmap.analysis import EvaluationTimeout

    unpatched = argmap.analysis.evaluate

    def slow(m: argmap.ArgumentMap, *args: Any, **kwargs: Any) -> Any:
        if len(m.claims) == 3:
            raise EvaluationTimeout("preferred", float(kwargs["timeout"]), 3, 2)
        return unpatched(m, *args, **kwargs)

    monkeypatch.setattr(argmap.analysis, "evaluate", slow)
    shutil.copy(PLAIN, tmp_path / "plain.yaml")
    args = ["render", str(tmp_path), "--status", "preferred", "--timeout", "0.5"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{chain}: error: preferred semantics gave up after 0.5 s on a framework of 3 "
        "arguments and 2 attacks; grounded semantics always answers at once, or allow more "
        "time (timeout=, or --timeout on the command line)",
        f"wrote {tmp_path / 'plain.svg'} (5 claims, 4 relations)",
        "rendered 1 of 2 maps; 1 error",
        f"failed: {chain}",
    ]
    assert not chain.with_suffix(".svg").exists()


def test_a_strength_that_does_not_settle_fails_the_map_without_a_picture(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = unsettled_cycle(tmp_path, monkeypatch)
    result = runner.invoke(app, ["render", str(path), "--strength", "df-quad", "-f", "png"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{path}: error: df-quad strength did not settle within 1 step on the cycle "
        "a -> b -> a: the strengths still change by up to 0.246; allow more steps "
        "(max_steps), a larger tolerance, or break the cycle\n"
    )
    assert not path.with_suffix(".png").exists()


@pytest.mark.parametrize("format", ["svg", "png", "pdf", "system-pdf"])
def test_status_and_strength_make_every_picture_format(
    format: str, runner: CliRunner, chain: Path
) -> None:
    engine = ["--engine", "system"] if format == "system-pdf" else []
    if format == "system-pdf":
        requires(shutil.which("dot"), "Graphviz's dot is not on PATH: no PDF")
    format = format.removeprefix("system-")
    out = chain.with_suffix(f".{format}")
    args = ["render", str(chain), "-o", str(out), "--status", "grounded", "--strength", "df-quad"]
    result = runner.invoke(app, [*args, *engine])
    assert (result.exit_code, result.stderr) == (0, f"wrote {out} (3 claims, 2 relations)\n")
    magic = {"svg": b"<?xml", "png": PNG_SIGNATURE, "pdf": b"%PDF-"}[format]
    assert out.read_bytes().startswith(magic)


def test_render_help_says_how_several_labellings_and_focus_are_shown(runner: CliRunner) -> None:
    result = runner.invoke(app, ["render", "-h"], terminal_width=200)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "the picture shows the sceptical view (in: in every labelling" in text
    assert "Both are computed on the whole map, before --focus" in text
    for option in ("--status SEMANTICS", "--strength NAME", "--no-supports", "--schemes"):
        assert option in text
