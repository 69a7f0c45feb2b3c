"""What ``validate`` and ``render`` read when given directories, and the JSON report of
``validate --output-format json``."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from cli_support import WARNING, warn_on_every_map
from typer.testing import CliRunner

from argmap.cli import app
from argmap.cli._inputs import Input, expand

DATA = Path(__file__).parent / "data"
PLAIN = DATA / "plain.yaml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project tree with maps where a search takes them and where it must not."""
    for place in (
        "b.yaml",
        "a.JSON",
        "c.yml",
        "notes.txt",
        ".hidden.yaml",
        "sub/z.yaml",
        "sub/deeper/y.yaml",
        "aa/x.yaml",
        ".git/config.yaml",
        ".venv/lib/x.yaml",
        "node_modules/pkg/package.json",
        "__pycache__/x.yaml",
        "env/pyvenv.cfg",
        "env/lib/site.yaml",
    ):
        path = tmp_path / place
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PLAIN, path)
    (tmp_path / "linked").symlink_to(tmp_path / "sub", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_directory_gives_its_map_files_in_a_stable_order(project: Path) -> None:
    assert expand(["."]) == expand(["."])
    assert [m.path for m in expand(["."]).maps] == [
        "./a.JSON",
        "./b.yaml",
        "./c.yml",
        "./aa/x.yaml",
        "./sub/z.yaml",
        "./sub/deeper/y.yaml",
    ]


def test_files_named_are_read_whatever_their_suffix_and_once(project: Path) -> None:
    inputs = expand(["notes.txt", "sub", "sub/z.yaml", "./notes.txt", "-", "-"])
    assert inputs.maps == [
        Input("notes.txt"),
        Input("sub/z.yaml", "z.yaml"),
        Input("sub/deeper/y.yaml", "deeper/y.yaml"),
        Input("-"),
    ]
    assert inputs.problems == []


def test_a_hidden_directory_named_is_searched(project: Path) -> None:
    assert [m.path for m in expand([".venv"]).maps] == [".venv/lib/x.yaml"]


def test_a_directory_that_cannot_be_listed_is_a_problem_at_its_path(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.scandir

    def scandir(path: str) -> object:
        if os.path.normpath(path) == "sub":
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    inputs = expand(["."])
    assert [str(p) for p in inputs.problems] == [
        "./sub: error: cannot search this directory: Permission denied"
    ]
    assert "./b.yaml" in [m.path for m in inputs.maps]


def test_validate_reads_a_directory_and_says_so(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, ["validate", "sub"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "sub/z.yaml: ok (5 claims, 4 relations)\n"
        "sub/deeper/y.yaml: ok (5 claims, 4 relations)\n"
        "checked 2 maps: 2 ok\n",
    )


def test_validate_a_directory_without_maps_fails_naming_it(
    runner: CliRunner, project: Path
) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "notes.txt").write_text("not a map")
    result = runner.invoke(app, ["validate", "docs", "-q"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "docs: error: no map files in this directory (.yaml, .yml, .json, .argdown; searched "
        "recursively, skipping hidden files and directories, node_modules, __pycache__ and "
        "virtual environments)\n",
    )


# --- the JSON report ------------------------------------------------------------------------


def test_json_report_lists_every_file_and_problem(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("claims:\n  a: {text: A, supports: b}\n  c: {text: C, kind: motiv}\n")
    args = ["validate", "--output-format", "json", str(PLAIN), str(bad), str(tmp_path / "no")]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (1, "")
    assert json.loads(result.stdout) == {
        "schema": 1,
        "files": [
            {
                "path": str(PLAIN),
                "ok": True,
                "claims": 5,
                "relations": 4,
                "errors": 0,
                "warnings": 0,
            },
            {
                "path": str(bad),
                "ok": False,
                "claims": 2,
                "relations": 1,
                "errors": 2,
                "warnings": 0,
            },
            {
                "path": str(tmp_path / "no"),
                "ok": False,
                "claims": None,
                "relations": None,
                "errors": 1,
                "warnings": 0,
            },
        ],
        "problems": [
            {
                "path": str(bad),
                "line": 2,
                "column": 26,
                "severity": "error",
                "code": "unknown-id",
                "message": "unknown claim 'b'; did you mean 'c' or 'a'?",
            },
            {
                "path": str(bad),
                "line": 3,
                "column": 22,
                "severity": "error",
                "code": "unknown-kind",
                "message": "unknown claim kind 'motiv'; did you mean 'motive'? (one of: thesis, "
                "premise, evidence, motive, objection, assumption, consequence, question)",
            },
            {
                "path": str(tmp_path / "no"),
                "line": None,
                "column": None,
                "severity": "error",
                "code": "unreadable",
                "message": "no such file",
            },
        ],
        "summary": {"files": 3, "ok": 1, "failed": 2, "errors": 3, "warnings": 0},
    }


def test_json_report_carries_warnings_and_strict(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    warn_on_every_map(monkeypatch)
    # One claim alone: a map with no warning of its own, so only the planted one shows.
    alone = '{"claims": {"t": {"text": "T"}}}'
    lenient = runner.invoke(app, ["validate", "--output-format", "json", "-"], input=alone)
    strict = runner.invoke(
        app, ["validate", "--output-format", "json", "--strict", "-"], input=alone
    )
    assert (lenient.exit_code, strict.exit_code) == (0, 1)
    report = json.loads(lenient.stdout)
    assert report["problems"] == [
        {
            "path": "<stdin>",
            "line": 2,
            "column": 3,
            "severity": "warning",
            "code": "disconnected",
            "message": WARNING,
        }
    ]
    assert report["files"] == [
        {"path": "<stdin>", "ok": True, "claims": 1, "relations": 0, "errors": 0, "warnings": 1}
    ]
    assert json.loads(strict.stdout)["files"][0]["ok"] is False
    assert report["summary"] == {"files": 1, "ok": 1, "failed": 0, "errors": 0, "warnings": 1}


def test_json_report_of_a_directory_without_maps(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--output-format", "json", str(tmp_path)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["files"], report["summary"]["errors"]) == ([], 1)
    assert [(p["path"], p["code"]) for p in report["problems"]] == [(str(tmp_path), "no-maps")]


def test_json_report_keeps_file_names_that_are_not_utf8(runner: CliRunner, tmp_path: Path) -> None:
    name = os.fsdecode(bytes(tmp_path) + b"/caf\xe9.yaml")
    result = runner.invoke(app, ["validate", "--output-format", "json", name])
    assert result.exit_code == 1
    (problem,) = json.loads(result.stdout_bytes.decode("utf-8"))["problems"]
    assert problem["path"] == name


def test_the_readme_shows_the_json_report_as_it_is(runner: CliRunner, tmp_path: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    (shown,) = [
        block
        for block in re.findall(r"```json\n(.*?)```", readme, flags=re.S)
        if '"schema"' in block
    ]
    path = tmp_path / "map.yaml"
    path.write_text("claims:\n  t: {kind: thesis, text: T}\n  p: {text: P, supports: thesiss}\n")
    result = runner.invoke(app, ["validate", "--output-format", "json", str(path)])
    real = json.loads(result.stdout)

    def shape(value: object) -> object:
        if isinstance(value, dict):
            return {key: shape(each) for key, each in value.items()}
        if isinstance(value, list):
            return [shape(each) for each in value]
        return type(value).__name__

    assert shape(json.loads(shown)) == shape(real)
