"""``argmap render``: where the picture goes, in which format, with which options, and that a
failure never leaves a broken or half-written file behind."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from render_support import DATA, Renders, load_map, requires
from typer.testing import CliRunner

import argmap
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
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert out.read_bytes() == rendered("plain", format)


def test_pdf_output_comes_from_the_system_engine(runner: CliRunner, workdir: Path) -> None:
    requires(shutil.which("dot"), "Graphviz's dot is not on PATH: no PDF")
    out = workdir / "picture.pdf"
    args = ["render", str(workdir / "map.yaml"), "-o", str(out), "--engine", "system"]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert out.read_bytes().startswith(b"%PDF-")


def test_pdf_with_the_embedded_engine_fails_saying_how_and_writes_nothing(
    runner: CliRunner, workdir: Path
) -> None:
    before = listing(workdir)
    result = runner.invoke(
        app, ["render", str(workdir / "map.yaml"), "-o", str(workdir / "x.pdf")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("argmap: error: ")
    assert "--engine system" in result.stderr
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


@pytest.mark.parametrize("format", ["svg", "dot"])
def test_format_without_output_writes_to_stdout(
    format: str, runner: CliRunner, workdir: Path, rendered: Renders
) -> None:
    before = listing(workdir)
    result = runner.invoke(app, ["render", str(workdir / "map.yaml"), "-f", format])
    assert listing(workdir) == before
    assert result.exit_code == 0
    assert result.stdout_bytes == rendered("plain", format)


def test_without_output_or_format_the_svg_goes_next_to_the_map(
    runner: CliRunner, workdir: Path, rendered: Renders
) -> None:
    result = runner.invoke(app, ["render", str(workdir / "map.yaml")])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert (workdir / "map.svg").read_bytes() == rendered("plain")


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
    assert result.stderr.startswith("argmap: error: ")
    assert "0.3 s" in result.stderr
    assert listing(workdir) == before


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink"])
def test_an_output_that_is_the_map_itself_is_refused(
    spelling: str, runner: CliRunner, workdir: Path
) -> None:
    source = workdir / "map.yaml"
    out = {
        "same": str(source),
        "dotted": str(workdir / "." / "sub" / ".." / "map.yaml"),
        "symlink": str(workdir / "link.yaml"),
    }[spelling]
    (workdir / "sub").mkdir()
    (workdir / "link.yaml").symlink_to(source)
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


def test_engine_warnings_are_printed_as_argmap_warnings_on_stderr(
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
    assert result.stderr == "argmap: warning: claim 'trees' is in two clusters\n"
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
    from argmap import cli
    from argmap.formats import FORMATS as MAP_FORMATS
    from argmap.rendering import DIRECTIONS, FORMATS, THEMES
    from argmap.rendering.engines import ENGINES

    assert [f.value for f in cli.OutputFormat] == list(FORMATS)
    assert [t.value for t in cli.ThemeName] == list(THEMES)
    assert [d.value for d in cli.DirectionName] == list(DIRECTIONS)
    assert [e.value for e in cli.EngineName] == list(ENGINES)
    assert [f.value for f in cli.MapFormat] == list(MAP_FORMATS)
