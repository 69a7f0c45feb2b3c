"""``argmap convert``: a map in another format, checked first, never losing a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_support import WARNING, warn_on_every_map
from typer.testing import CliRunner

import argmap
from argmap.cli import app

DATA = Path(__file__).parent / "data"
PLAIN = DATA / "plain.yaml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map.yaml").write_bytes(PLAIN.read_bytes())
    return tmp_path


def listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_convert_writes_the_format_the_suffix_names_and_says_so(
    runner: CliRunner, workdir: Path
) -> None:
    result = runner.invoke(app, ["convert", "map.yaml", "-o", "map.json"])
    m = argmap.load(PLAIN)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"wrote map.json (json; {len(m.claims)} claims, {len(m.relations)} relations)\n",
    )
    assert (workdir / "map.json").read_text("utf-8") == argmap.dumps(m, "json")
    quiet = runner.invoke(app, ["convert", "map.json", "-o", "back.YML", "-q"])
    assert (quiet.exit_code, quiet.stderr) == (0, "")
    assert argmap.load(workdir / "back.YML") == m


def test_convert_to_stdout_is_yaml_unless_told(runner: CliRunner, workdir: Path) -> None:
    m = argmap.load(PLAIN)
    result = runner.invoke(app, ["convert", "map.yaml"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, argmap.dumps(m), "")
    told = runner.invoke(app, ["convert", "-", "-t", "JSON", "-o", "-"], input=PLAIN.read_bytes())
    assert (told.exit_code, told.stdout, told.stderr) == (0, argmap.dumps(m, "json"), "")


def test_from_reads_a_file_whatever_its_suffix(runner: CliRunner, workdir: Path) -> None:
    (workdir / "map.txt").write_bytes(PLAIN.read_bytes())
    result = runner.invoke(app, ["convert", "map.txt", "--from", "yaml", "-t", "json"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == argmap.dumps(argmap.load(PLAIN), "json")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["-o", "map.txt"],
            "Invalid value for '-o' / '--output': cannot tell the format from 'map.txt'; "
            "name it with -t yaml|json|argdown|aif|graphml|mermaid",
            id="unknown-suffix",
        ),
        pytest.param(
            ["-t", "yaml", "-o", "out.json"],
            "-t yaml and -o out.json disagree: the suffix of 'out.json' says json; make them "
            "agree, or give only one of them",
            id="disagree",
        ),
        pytest.param(
            ["-t", "jsn"],
            "Invalid value for '-t' / '--to': unknown format 'jsn'; did you mean 'json'? "
            "(one of: yaml, json, argdown, aif, graphml, mermaid)",
            id="unknown-format",
        ),
    ],
)
def test_a_format_that_cannot_be_told_is_a_usage_error_and_nothing_is_written(
    runner: CliRunner, workdir: Path, args: list[str], message: str
) -> None:
    before = listing(workdir)
    result = runner.invoke(app, ["convert", "map.yaml", *args])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(f"\nError: {message}\n")
    assert listing(workdir) == before


def test_a_map_with_errors_is_not_converted_and_the_old_output_stays(
    runner: CliRunner, workdir: Path
) -> None:
    (workdir / "bad.yaml").write_text("claims:\n  a: {text: A, supports: b}\n", "utf-8")
    (workdir / "bad.json").write_text("the old one\n", "utf-8")
    result = runner.invoke(app, ["convert", "bad.yaml", "-o", "bad.json"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "bad.yaml:2:26: error: unknown claim 'b'; did you mean 'a'?\n",
    )
    assert (workdir / "bad.json").read_text("utf-8") == "the old one\n"


def test_warnings_are_shown_and_fail_only_with_strict(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warn_on_every_map(monkeypatch)
    loose = runner.invoke(app, ["convert", "map.yaml", "-o", "out.json", "-q"])
    assert (loose.exit_code, loose.stderr) == (0, f"map.yaml:2:3: warning: {WARNING}\n")
    os.remove(workdir / "out.json")
    strict = runner.invoke(app, ["convert", "map.yaml", "-o", "out.json", "--strict"])
    assert (strict.exit_code, strict.stderr) == (
        1,
        f"map.yaml:2:3: warning: {WARNING}\nmap.yaml: not converted: 1 warning (--strict)\n",
    )
    assert not (workdir / "out.json").exists()


def test_a_map_is_never_converted_over_itself(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(app, ["convert", "map.yaml", "-o", "./map.yaml"])
    assert (result.exit_code, result.stderr) == (
        1,
        "argmap: error: ./map.yaml: the output would overwrite the map itself\n",
    )
    assert (workdir / "map.yaml").read_bytes() == PLAIN.read_bytes()


def test_what_the_format_cannot_hold_is_named_at_the_map(runner: CliRunner, workdir: Path) -> None:
    (workdir / "nan.yaml").write_text(
        "claims:\n  a: {text: A, metadata: {weight: .nan}}\n", "utf-8"
    )
    result = runner.invoke(app, ["convert", "nan.yaml", "-o", "nan.json"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "nan.yaml: error: cannot write the map as JSON: the number at "
        "/claims/a/metadata/weight is nan, which JSON cannot hold (write it as text, or "
        "write YAML)\n"
    )
    assert not (workdir / "nan.json").exists()


def test_a_missing_map_is_an_error_naming_it(runner: CliRunner, workdir: Path) -> None:
    result = runner.invoke(app, ["convert", "nope.yaml", "-o", "out.json"])
    assert (result.exit_code, result.stderr) == (1, "nope.yaml: error: no such file\n")


# --- --focus -------------------------------------------------------------------------------


def _flagship(folder: Path) -> Path:
    path = folder / "flagship.yaml"
    path.write_text(argmap.examples.text("second-occupation"), encoding="utf-8")
    return path


def test_focus_writes_the_claims_around_one_claim_and_counts_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "focused.yaml"
    args = ["convert", str(_flagship(tmp_path)), "-o", str(out), "--focus", "motive-warn-iran"]
    result = runner.invoke(app, [*args, "--depth", "1"])
    assert (result.exit_code, result.stderr) == (
        0,
        f"wrote {out} (yaml; 6 claims, 4 relations)\n",
    )
    written = argmap.load(out)
    assert [c.id for c in written.claims] == [
        "thesis",
        "soleimani-rank",
        "hold-slipping",
        "iran-backs-independent",
        "motive-warn-iran",
        "war-risk",
    ]
    assert argmap.validate(written) == []


def test_focus_down_to_standard_output(runner: CliRunner, tmp_path: Path) -> None:
    args = ["convert", str(_flagship(tmp_path)), "-t", "json", "--focus", "pmu-multi-creed"]
    result = runner.invoke(app, [*args, "--down"])
    assert result.exit_code == 0
    written = argmap.loads(result.stdout, "json")
    assert [c.id for c in written.claims] == ["pmu-multi-creed", "pmu-sunni", "pmu-yazidi"]
    assert [g.members for g in written.groups] == [("pmu-multi-creed", "pmu-sunni", "pmu-yazidi")]
    assert written.actors == ()


def test_focus_on_an_unknown_claim_fails_naming_the_nearest_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = _flagship(tmp_path)
    out = tmp_path / "focused.yaml"
    result = runner.invoke(app, ["convert", str(source), "-o", str(out), "--focus", "thesys"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{source}: error: cannot focus: unknown claim 'thesys'; did you mean 'thesis'?\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--depth", "2"], "Invalid value for '--depth': --depth goes with --focus ID"),
        (["--up"], "Invalid value for '--up': --up goes with --focus ID"),
        (["--focus", "thesis", "--up", "--down"], "--up and --down together are both"),
        (["--focus", "thesis", "--depth", "-1"], "Invalid value for '--depth'"),
    ],
)
def test_focus_options_out_of_place_are_usage_errors(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["convert", str(_flagship(tmp_path)), *args])
    assert (result.exit_code, result.stdout) == (2, "")
    assert message in result.stderr
