"""``argmap lint``: findings on stdout, exit codes, --select/--ignore, --json, --source."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app

DATA = Path(__file__).parent / "data"
LINT = DATA / "lint"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copy(LINT / "planted.yaml", tmp_path / "map.yaml")
    shutil.copy(LINT / "source.txt", tmp_path / "source.txt")
    return tmp_path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["lint", *args])
    return result.exit_code, result.stdout, result.stderr


def test_findings_go_to_stdout_one_a_line_and_exit_1(workdir: Path) -> None:
    code, out, err = _run("map.yaml", "--select", "AM105,AM107", "--select", "AM110")
    assert (code, out.splitlines(), err) == (
        1,
        [
            "map.yaml:24:3: AM105 claim 'cost-again' has the same text as claim 'cost': merge "
            "them, or say what sets them apart",
            "map.yaml:49:39: AM110 unknown scheme 'expert-opinon'; did you mean "
            "'expert-opinion' or 'popular-opinion'?",
            "map.yaml:51:3: AM107 group 'lonely' has one member ('cost'): add the claims that "
            "belong with it, or drop the group",
        ],
        "map.yaml: 3 findings\n",
    )


def test_every_rule_reports_and_ignore_leaves_rules_out(workdir: Path) -> None:
    code, out, _ = _run("map.yaml", "--source", "source.txt")
    assert (code, len(out.splitlines())) == (1, 14)
    code, out, _ = _run("map.yaml", "--source", "source.txt", "--ignore", "AM1")
    assert (code, out) == (0, "")


def test_a_clean_map_exits_0_and_says_so_unless_quiet(workdir: Path) -> None:
    assert _run("map.yaml", "--select", "AM101") == (0, "", "map.yaml: clean\n")
    assert _run("map.yaml", "--select", "AM101", "-q") == (0, "", "")


def test_json_is_a_list_of_findings(workdir: Path) -> None:
    code, out, _ = _run("map.yaml", "--select", "single-member-group", "--json")
    assert (code, json.loads(out)) == (
        1,
        [
            {
                "path": "map.yaml",
                "line": 51,
                "column": 3,
                "code": "AM107",
                "rule": "single-member-group",
                "message": "group 'lonely' has one member ('cost'): add the claims that belong "
                "with it, or drop the group",
            }
        ],
    )
    assert _run("map.yaml", "--select", "AM101", "--json", "-q") == (0, "[]\n", "")


def test_a_quote_is_checked_only_against_a_source(workdir: Path) -> None:
    assert _run("map.yaml", "--select", "AM109")[0] == 0
    code, out, _ = _run("map.yaml", "--select", "AM109", "--source", "source.txt")
    assert (code, out) == (
        1,
        "map.yaml:10:12: AM109 the quote of claim 'safety' is not in the source text: it "
        "departs from the source at ' make everyone safe'; copy it verbatim\n",
    )


def test_an_unknown_rule_is_a_usage_error(workdir: Path) -> None:
    code, out, err = _run("map.yaml", "--ignore", "AM1O5")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        "Error: Invalid value for '--select' / '--ignore': unknown lint rule 'AM1O5'; did you "
        "mean 'AM105'? (the rules are AM101 to AM112: argmap lint --help lists them)"
    )


def test_a_map_with_errors_is_reported_not_linted(workdir: Path) -> None:
    (workdir / "bad.yaml").write_text("claims:\n  a: {text: A, supports: b}\n")
    assert _run("bad.yaml") == (
        1,
        "",
        "bad.yaml:2:26: error: unknown claim 'b'; did you mean 'a'?\n",
    )


def test_a_missing_source_is_an_error_not_a_finding(workdir: Path) -> None:
    code, out, err = _run("map.yaml", "--source", "nowhere.txt")
    assert (code, out) == (1, "")
    assert err == "argmap: error: nowhere.txt: no such file\n"


def test_readme_shows_the_flagship_linted_against_the_essay_as_lint_prints_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = Path(__file__).parent.parent
    readme = (root / "README.md").read_text("utf-8")
    section = readme.split("\n## Lint a map\n", 1)[1].split("\n## ", 1)[0]
    command = section.split("```sh\nargmap lint examples/", 1)[1].split("\n", 1)[0]
    assert command == "second-occupation/map.yaml --source essay.txt"
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(root)
    essay = Path(__file__).parent / "data" / "the-second-occupation-of-iraq.txt"
    flagship = "examples/second-occupation/map.yaml"
    assert _run(flagship, "--source", str(essay)) == (0, "", shown)
