"""Many maps at once: ``argmap render --jobs N --out-dir DIR`` and ``argmap validate
--jobs N DIR/`` work in N processes, go on past a failed map, report each map's lines in
the order of the maps (the same lines as one process), and list the failures at the end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = ROOT / "examples" / "second-occupation" / "map.yaml"
WATCHMAKER = ROOT / "examples" / "watchmaker" / "map.yaml"


def _argmap(*args: str, cwd: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *args], capture_output=True, cwd=cwd, check=False
    )
    assert done.stdout == b""
    return done.returncode, done.stderr.decode()


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    folder = tmp_path / "maps"
    (folder / "more").mkdir(parents=True)
    (folder / "a-flagship.yaml").write_bytes(FLAGSHIP.read_bytes())
    (folder / "b-bad.yaml").write_text("claims:\n  a: {text: A, supports: x}\n", "utf-8")
    (folder / "c-watchmaker.yaml").write_bytes(WATCHMAKER.read_bytes())
    (folder / "more" / "d-broken.json").write_text('{"claims": ', "utf-8")
    (folder / "more" / "e.yaml").write_text("claims:\n  t: {text: T, kind: thesis}\n", "utf-8")
    return folder


RENDERED = """\
wrote pictures/a-flagship.svg (26 claims, 23 relations)
maps/b-bad.yaml:2:26: error: unknown claim 'x'; did you mean 'a'?
wrote pictures/c-watchmaker.svg (13 claims, 11 relations)
maps/more/d-broken.json:1:12: error: invalid JSON: Expecting value
wrote pictures/more/e.svg (1 claim, 0 relations)
rendered 3 of 5 maps; 2 errors
failed: maps/b-bad.yaml
failed: maps/more/d-broken.json
"""


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_render_many_maps_in_processes_reports_as_one_process_would(maps: Path, jobs: str) -> None:
    code, said = _argmap("render", "maps", "--out-dir", "pictures", "-j", jobs, cwd=maps.parent)
    assert (code, said) == (1, RENDERED)
    pictures = maps.parent / "pictures"
    assert sorted(str(p.relative_to(pictures)) for p in pictures.rglob("*.svg")) == [
        "a-flagship.svg",
        "c-watchmaker.svg",
        "more/e.svg",
    ]
    one = subprocess.run(
        [sys.executable, "-m", "argmap", "render", str(WATCHMAKER), "-o", "-"],
        capture_output=True,
        check=True,
    )
    assert (pictures / "c-watchmaker.svg").read_bytes() == one.stdout


def test_out_dir_and_o_together_are_a_usage_error(maps: Path) -> None:
    code, said = _argmap("render", "maps", "--out-dir", "p", "-o", "q/", cwd=maps.parent)
    assert code == 2
    assert said.endswith(
        "Invalid value for '--out-dir': give -o or --out-dir, not both: --out-dir DIR is -o DIR/\n"
    )


def test_jobs_must_be_one_or_more(maps: Path) -> None:
    code, said = _argmap("validate", "maps", "-j", "0", cwd=maps.parent)
    assert code == 2
    assert said.endswith(
        "Error: Invalid value for '-j' / '--jobs': Input should be greater than or equal to 1\n"
    )


VALIDATED = """\
maps/a-flagship.yaml: ok (26 claims, 23 relations)
maps/b-bad.yaml:2:26: error: unknown claim 'x'; did you mean 'a'?
maps/c-watchmaker.yaml: ok (13 claims, 11 relations)
maps/more/d-broken.json:1:12: error: invalid JSON: Expecting value
maps/more/e.yaml: ok (1 claim, 0 relations)
checked 5 maps: 3 ok, 2 failed; 2 errors
failed: maps/b-bad.yaml
failed: maps/more/d-broken.json
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_validate_a_folder_in_processes_reports_as_one_process_would(
    maps: Path, jobs: str
) -> None:
    assert _argmap("validate", "maps/", "--jobs", jobs, cwd=maps.parent) == (1, VALIDATED)
