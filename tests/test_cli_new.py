"""``argmap new``: the starter map, written where asked, never over a file, valid, lint
clean and drawable as it is; the same map as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.formats import check, loads
from argmap.model import ClaimKind, RelationKind
from argmap.starter import STARTER_YAML, starter_text

runner = CliRunner()


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_writes_map_yaml_by_default(here: Path) -> None:
    result = runner.invoke(app, ["new"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "wrote map.yaml: rewrite it, then 'argmap watch map.yaml'\n"
    assert (here / "map.yaml").read_text("utf-8") == STARTER_YAML


def test_new_refuses_to_overwrite_and_force_replaces(here: Path) -> None:
    (here / "mine.yaml").write_text("my own map\n", "utf-8")
    result = runner.invoke(app, ["new", "mine.yaml"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "argmap: error: mine.yaml already exists; choose another name, "
        "or give --force to replace it\n"
    )
    assert (here / "mine.yaml").read_text("utf-8") == "my own map\n"
    result = runner.invoke(app, ["new", "mine.yaml", "--force"])
    assert result.exit_code == 0, result.output
    assert (here / "mine.yaml").read_text("utf-8") == STARTER_YAML


def test_new_refuses_a_dangling_symlink(here: Path) -> None:
    (here / "link.yaml").symlink_to(here / "elsewhere.yaml")
    result = runner.invoke(app, ["new", "link.yaml"])
    assert result.exit_code == 1
    assert not (here / "elsewhere.yaml").exists()


def test_new_dash_writes_to_stdout(here: Path) -> None:
    result = runner.invoke(app, ["new", "-"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, STARTER_YAML, "")
    assert list(here.iterdir()) == []


def test_new_json_is_the_same_map(here: Path) -> None:
    result = runner.invoke(app, ["new", "start.JSON"])
    assert result.exit_code == 0, result.output
    text = (here / "start.JSON").read_text("utf-8")
    assert json.loads(text)["title"] == "Should our town ban cars from the centre?"
    assert loads(text, format="json") == loads(STARTER_YAML)
    assert text == starter_text("json")


def test_new_into_a_missing_folder_fails_without_traceback(here: Path) -> None:
    result = runner.invoke(app, ["new", "no/such/folder/map.yaml"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("argmap: error: ")
    assert "Traceback" not in result.output


def test_new_empty_name_is_a_usage_error(here: Path) -> None:
    result = runner.invoke(app, ["new", ""])
    assert result.exit_code == 2


@pytest.mark.parametrize("format", ["yaml", "json"])
def test_starter_validates_with_no_problem(format: str) -> None:
    argmap, problems = check(starter_text(format), format)  # type: ignore[arg-type]
    assert argmap is not None
    assert problems == []


def test_starter_shows_every_part_of_the_format() -> None:
    m = loads(STARTER_YAML)
    kinds = {claim.kind for claim in m.claims}
    assert kinds == set(ClaimKind) - {ClaimKind.CONSEQUENCE}
    assert m.title == "Should our town ban cars from the centre?"
    assert m.source is not None
    assert m.source.title == "Town council debate on the centre"
    assert [actor.id for actor in m.actors] == ["shops"]
    assert [group.id for group in m.groups] == ["transport"]
    assert any(claim.quote for claim in m.claims if claim.kind is ClaimKind.EVIDENCE)
    assert any(claim.actor == "shops" for claim in m.claims if claim.kind is ClaimKind.MOTIVE)
    assert any(claim.tags for claim in m.claims)
    assert any(len(relation.sources) == 2 for relation in m.relations)
    assert any(relation.kind is RelationKind.UNDERCUTS for relation in m.relations)


def test_starter_lints_clean_and_renders(here: Path) -> None:
    (here / "map.yaml").write_text(STARTER_YAML, "utf-8")
    lint = runner.invoke(app, ["lint", "map.yaml"])
    assert (lint.exit_code, lint.stdout, lint.stderr) == (0, "", "map.yaml: clean\n")
    drawn = runner.invoke(app, ["render", "map.yaml"])
    assert drawn.exit_code == 0, drawn.output
    assert drawn.stderr == "wrote map.svg (10 claims, 8 relations)\n"
