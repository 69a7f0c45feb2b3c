"""The README's examples run as written."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import argmap
from argmap.advice import CODES
from argmap.builder import MapBuilder
from argmap.formats import check
from argmap.formats._document import (
    _RENAMED,
    Document,
    _ActorEntry,
    _ClaimEntry,
    _GroupEntry,
    _RelationEntry,
)
from argmap.model import ClaimKind, Source

README = (Path(__file__).parent.parent / "README.md").read_text("utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_readme_quick_start_is_exactly_make_demo_and_make_test() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert _blocks("sh")[0] == "make demo\nmake test\n"
    assert "```sh\nmake demo\nmake test\n```" in quick_start


def _section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_readme_map_file_is_valid() -> None:
    yaml_text = _blocks("yaml")[0]
    m = argmap.loads(yaml_text)
    assert [c.id for c in m.theses] == ["mortal"]
    assert sum(r.linked for r in m.relations) == 1


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (language, text)
        for language in ("yaml", "json")
        for text in _blocks(language)
        if '"schema"' not in text  # the report of `validate --output-format json`
    ],
)
def test_every_readme_map_loads_without_a_problem(language: str, text: str) -> None:
    m, problems = check(text, language, source="README.md")
    assert m is not None
    assert problems == []


def test_the_map_file_section_names_every_key_of_every_section() -> None:
    section = _section("A map file")
    entries = (Document, _ClaimEntry, _RelationEntry, _ActorEntry, _GroupEntry, Source)
    keys = {_RENAMED.get(a.name, a.name) for cls in entries for a in attrs.fields(cls)}
    assert {key for key in keys if f"`{key}`" not in section} == set()
    assert "`year:`" in section  # what is refused, by its example
    for kind in ClaimKind:
        assert kind.value in section
    for code in CODES:
        assert f"`{code}`" in section


def test_the_python_section_lists_every_builder_method() -> None:
    section = _section("In Python")
    methods = [name for name in vars(MapBuilder) if not name.startswith("_")]
    assert len(methods) == 15
    assert [name for name in methods if f"`{name}" not in section] == []


@pytest.mark.parametrize("code", _blocks("python"))
def test_readme_python_runs(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    if "socrates.yaml" in code:  # the block that says it writes a file did
        assert (tmp_path / "socrates.yaml").exists()
