"""The README's examples run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import argmap

README = (Path(__file__).parent.parent / "README.md").read_text("utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_readme_quick_start_is_exactly_make_demo_and_make_test() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert _blocks("sh")[0] == "make demo\nmake test\n"
    assert "```sh\nmake demo\nmake test\n```" in quick_start


def test_readme_map_file_is_valid() -> None:
    (yaml_text,) = _blocks("yaml")
    m = argmap.loads(yaml_text)
    assert [c.id for c in m.theses] == ["mortal"]
    assert sum(r.linked for r in m.relations) == 1


@pytest.mark.parametrize("code", _blocks("python"))
def test_readme_python_runs(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "socrates.yaml").exists()
