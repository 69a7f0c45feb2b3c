"""``argmap stats``: the table, the JSON document, and a map with problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap import examples
from argmap.cli import app

FLAGSHIP_TABLE = """\
The second occupation of Iraq — why the US killed Soleimani
claims                               26
  thesis                             1
  premise                            7
  evidence                           12
  motive                             2
  objection                          2
  consequence                        1
  question                           1
relations                            23
  supports                           20
  attacks                            2
  undercuts                          1
  linked                             4
theses                               1
  thesis
    depth                            5
    claims under it                  23
    reasons per claim                2.0 on average, 3 at most
unsupported premises                 1 of 7 (14%)
  official-danger
unanswered attacks                   1
  objection-occupation undercuts (official-danger -> official-justification)
disconnected claims                  1
  open-question
groups                               3
  dual-motive (Dual motive)          2 claims
  pmu-rise (The rise of the PMU)     8 claims
  pmu-as-target (The PMU as target)  3 claims
actors                               1
  us (United States)                 2 motives
"""


@pytest.fixture
def flagship(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    path.write_text(examples.text("second-occupation"), encoding="utf-8")
    return path


def test_the_table_is_plain_text_in_a_pipe(
    flagship: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    result = CliRunner().invoke(app, ["stats", str(flagship)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, FLAGSHIP_TABLE, "")


def test_the_table_is_rich_with_force_color(
    flagship: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = CliRunner().invoke(app, ["stats", str(flagship)])
    assert result.exit_code == 0
    assert "\x1b[1mclaims" in result.stdout
    assert "official-danger" in result.stdout


def test_json_has_the_documented_keys(flagship: Path) -> None:
    result = CliRunner().invoke(app, ["stats", str(flagship), "--json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert list(document) == [
        "schema",
        "title",
        "claims",
        "relations",
        "theses",
        "premises",
        "unanswered_attacks",
        "disconnected",
        "groups",
        "actors",
    ]
    assert document["schema"] == 1
    assert document["relations"] == {
        "total": 23,
        "by_kind": {"supports": 20, "attacks": 2, "undercuts": 1},
        "linked": 4,
    }
    assert document["theses"] == [
        {"id": "thesis", "depth": 5, "claims_under": 23, "branching_mean": 2.0, "branching_max": 3}
    ]
    assert document["premises"] == {
        "total": 7,
        "unsupported": ["official-danger"],
        "unsupported_share": 0.1429,
    }
    assert document["disconnected"] == ["open-question"]
    assert document["actors"] == [{"id": "us", "name": "United States", "motives": 2}]


def test_a_map_from_standard_input_in_another_format() -> None:
    text = "# Thesis\n\n[T]: The thesis.\n  <+ [R]: A reason.\n"
    result = CliRunner().invoke(app, ["stats", "-", "--format", "argdown", "--json"], input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["claims"]["total"] == 2


def test_a_map_with_errors_has_no_statistics(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("argmap: 1\nclaims:\n  t: {text: T, supports: nowhere}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["stats", str(path)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{path}:3:26: error: unknown claim 'nowhere'; did you mean 't'?\n"


def test_a_warning_is_reported_and_the_statistics_written(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    text = "argmap: 1\nclaims:\n  t: {text: T, kind: thesis}\n  x: {text: X, supports: t}\n"
    path.write_text(text + "  lonely: {text: L}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["stats", str(path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["disconnected"] == ["lonely"]
    assert result.stderr.startswith(f"{path}:5:3: warning: ")
