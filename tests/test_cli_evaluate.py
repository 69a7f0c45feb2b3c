"""``argmap evaluate``: the table, the JSON, the choices, and maps with errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import get_args

import pytest
from cli_support import unsettled_cycle
from typer.testing import CliRunner

from argmap.analysis import SEMANTICS, SemanticsName
from argmap.cli import _choices, app

FLAGSHIP = "examples/second-occupation/map.yaml"

MUTUAL = """\
argmap: 1
claims:
  a: {text: "A [bold]", attacks: b}
  b: {text: B, attacks: a}
  c: {text: C}
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def mutual(tmp_path: Path) -> Path:
    path = tmp_path / "mutual.yaml"
    path.write_text(MUTUAL, "utf-8")
    return path


def test_semantics_choices_name_exactly_what_the_library_computes() -> None:
    assert _choices.SEMANTICS == SEMANTICS == get_args(SemanticsName)


def test_grounded_table_counts_and_lists_each_claim(runner: CliRunner, mutual: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(mutual)])
    assert result.exit_code == 0
    assert result.stdout == (
        "grounded semantics (supports counted): 1 in, 0 out, 2 undecided\n"
        "claim  status     text\n"
        "a      undecided  A [bold]\n"
        "b      undecided  B\n"
        "c      in         C\n"
    )


def test_preferred_table_has_a_column_per_labelling(runner: CliRunner, mutual: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(mutual), "--semantics", "Preferred"])
    assert result.exit_code == 0
    assert result.stdout == (
        "preferred semantics (supports counted): 2 labellings\n"
        "claim  1    2    text\n"
        "a      in   out  A [bold]\n"
        "b      out  in   B\n"
        "c      in   in   C\n"
    )


def test_json_is_an_object_for_grounded_and_a_list_otherwise(
    runner: CliRunner, mutual: Path
) -> None:
    grounded = runner.invoke(app, ["evaluate", str(mutual), "--json"])
    assert json.loads(grounded.stdout) == {"a": "undec", "b": "undec", "c": "in"}
    stable = runner.invoke(app, ["evaluate", str(mutual), "-s", "stable", "--json"])
    assert json.loads(stable.stdout) == [
        {"a": "in", "b": "out", "c": "in"},
        {"a": "out", "b": "in", "c": "in"},
    ]


def test_no_stable_labelling_is_said_and_exits_0(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(
        "argmap: 1\nclaims:\n  a: {text: A, attacks: b}\n  b: {text: B, attacks: c}\n"
        "  c: {text: C, attacks: a}\n",
        "utf-8",
    )
    result = runner.invoke(app, ["evaluate", str(path), "-s", "stable"])
    assert (result.exit_code, result.stdout) == (
        0,
        "stable semantics (supports counted): no labelling\n",
    )
    as_json = runner.invoke(app, ["evaluate", str(path), "-s", "stable", "--json"])
    assert as_json.stdout == "[]\n"


def test_flagship_thesis_stands_with_supports_and_not_without(runner: CliRunner) -> None:
    counted = json.loads(runner.invoke(app, ["evaluate", FLAGSHIP, "--json"]).stdout)
    ignored = json.loads(
        runner.invoke(app, ["evaluate", FLAGSHIP, "--json", "--no-supports"]).stdout
    )
    assert (counted["thesis"], counted["official-justification"]) == ("in", "out")
    assert (ignored["thesis"], ignored["official-justification"]) == ("undec", "undec")


def test_map_with_errors_is_reported_located_and_exits_1(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("argmap: 1\nclaims:\n  a: {text: A, attacks: zz}\n", "utf-8")
    result = runner.invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:3:")
    assert "unknown claim 'zz'" in result.stderr


def test_unknown_semantics_is_a_usage_error_naming_the_close_one(
    runner: CliRunner, mutual: Path
) -> None:
    result = runner.invoke(app, ["evaluate", str(mutual), "-s", "prefered"])
    assert result.exit_code == 2
    assert (
        "unknown semantics 'prefered'; did you mean 'preferred'? "
        "(one of: grounded, complete, preferred, stable)" in result.stderr
    )


def test_search_out_of_time_exits_1_saying_so(runner: CliRunner, tmp_path: Path) -> None:
    claims = "".join(f"  x{i}: {{text: X, attacks: x{i ^ 1}}}\n" for i in range(60))
    path = tmp_path / "pairs.yaml"
    path.write_text(f"argmap: 1\nclaims:\n{claims}", "utf-8")
    result = runner.invoke(app, ["evaluate", str(path), "-s", "complete", "--timeout", "0.05"])
    assert result.exit_code == 1
    # 30 mutual attacks, each settled on its own: some of the 3**30 labellings come first
    # (none, on a machine slow enough, and then the count is not said).
    said = re.fullmatch(
        r"argmap: error: complete semantics gave up after 0\.05 s on a framework of 60 "
        r"arguments and 60 attacks(?:, after finding (\d+) labellings? \(there may be "
        r"more\))?; grounded semantics always answers at once, or allow more time "
        r"\(timeout=, or --timeout on the command line\)\n",
        result.stderr,
    )
    assert said is not None, result.stderr
    assert said[1] is None or 0 < int(said[1]) < 3**30


def test_readme_shows_the_flagship_grounded_labelling_as_evaluate_prints_it(
    runner: CliRunner,
) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    section = readme.split("\n## Evaluate a map\n", 1)[1].split("\n## ", 1)[0]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    assert runner.invoke(app, ["evaluate", FLAGSHIP]).stdout == shown


# --- --strength -------------------------------------------------------------------------

WEIGHTED = """\
argmap: 1
claims:
  t: {kind: thesis, text: T}
  s: {text: S, weight: 0.8, supports: t}
  a: {text: A, attacks: t}
"""


@pytest.fixture
def weighted(tmp_path: Path) -> Path:
    path = tmp_path / "weighted.yaml"
    path.write_text(WEIGHTED, "utf-8")
    return path


def test_strength_choices_name_exactly_what_the_library_computes() -> None:
    from argmap.analysis.strength import SEMANTICS as STRENGTHS

    assert _choices.STRENGTHS == STRENGTHS


def test_strength_table_shows_three_decimals_and_uses_the_weights(
    runner: CliRunner, weighted: Path
) -> None:
    # DF-QuAD: t has supporters F(0.8) = 0.8 and attackers F(0.5) = 0.5:
    # 0.5 + 0.5 * (0.8 - 0.5) = 0.65.
    result = runner.invoke(app, ["evaluate", str(weighted), "--strength", "DF-QuAD"])
    assert result.exit_code == 0
    assert result.stdout == (
        "df-quad strength (0 to 1; base score 0.5 unless the claim has a weight)\n"
        "claim  strength  text\n"
        "t      0.650     T\n"
        "s      0.800     S\n"
        "a      0.500     A\n"
    )


def test_strength_json_has_full_precision(runner: CliRunner, weighted: Path) -> None:
    # Quadratic energy: E = 0.8 - 0.5 = 0.3; h(0.3) = 0.09 / 1.09: t = 0.5 + 0.5 * h.
    result = runner.invoke(
        app, ["evaluate", str(weighted), "--strength", "quadratic-energy", "--json"]
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"t": 0.5 + 0.5 * 0.09 / 1.09, "s": 0.8, "a": 0.5}
    assert result.stdout == (
        f'{{\n  "t": {0.5 + 0.5 * 0.09 / 1.09!r},\n  "s": 0.8,\n  "a": 0.5\n}}\n'
    )


def test_flagship_strength_json_tops_with_the_thesis(runner: CliRunner) -> None:
    result = runner.invoke(app, ["evaluate", FLAGSHIP, "--strength", "df-quad", "--json"])
    found = json.loads(result.stdout)
    assert result.exit_code == 0
    assert round(found["thesis"], 3) == 0.917
    assert round(found["official-justification"], 3) == 0.167


@pytest.mark.parametrize("other", [["--semantics", "grounded"], ["--no-supports"]])
def test_strength_with_semantics_or_no_supports_is_a_usage_error(
    runner: CliRunner, weighted: Path, other: list[str]
) -> None:
    result = runner.invoke(app, ["evaluate", str(weighted), "--strength", "df-quad", *other])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        f"Invalid value for '--strength': {other[0]} and --strength are separate analyses; "
        "run evaluate once for each" in " ".join(result.stderr.replace("│", " ").split())
    )


def test_unknown_strength_is_a_usage_error_naming_the_close_one(
    runner: CliRunner, weighted: Path
) -> None:
    result = runner.invoke(app, ["evaluate", str(weighted), "--strength", "dfquad"])
    assert result.exit_code == 2
    assert (
        "unknown strength semantics 'dfquad'; did you mean 'df-quad'? "
        "(one of: df-quad, quadratic-energy)" in result.stderr
    )


def test_strength_that_does_not_settle_exits_1_saying_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = unsettled_cycle(tmp_path, monkeypatch)
    result = runner.invoke(app, ["evaluate", str(path), "--strength", "df-quad"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "argmap: error: df-quad strength did not settle within 1 step on the cycle "
        "a -> b -> a: the strengths still change by up to 0.246; allow more steps "
        "(max_steps), a larger tolerance, or break the cycle\n"
    )


def test_readme_shows_the_flagship_strength_top_lines_as_evaluate_prints_them(
    runner: CliRunner,
) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    section = readme.split("\n## Evaluate a map\n", 1)[1].split("\n## ", 1)[0]
    shown = section.split("```text\n")[2].split("```", 1)[0]
    assert shown.endswith("...\n")
    printed = runner.invoke(app, ["evaluate", FLAGSHIP, "--strength", "df-quad"]).stdout
    assert printed.startswith(shown.removesuffix("...\n"))
