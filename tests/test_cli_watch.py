"""``argmap watch``: the map drawn again on each save, its problems located, the last
good picture kept, Ctrl-C and SIGTERM ending it quietly. Run as a real process, since
the command waits on the file system and on signals."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.cli._watching import Targets

#: Seconds a line may take: generous, since the machine may be busy; never asserted.
DEADLINE = 120.0

GOOD = """\
argmap: 1
claims:
  thesis: {text: Tea is better than coffee}
  calm: {text: Tea calms, supports: thesis}
"""
BROKEN = GOOD + "  loose: {text: Loose, supports: nowhere}\n"
FIXED = GOOD + "  cheap: {text: Tea is cheap, supports: thesis}\n"


class Watch:
    """``argmap watch`` running in ``folder``, its stderr read line by line."""

    def __init__(self, folder: Path, *args: str) -> None:
        env = {**os.environ, "NO_COLOR": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "argmap", "watch", *args],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.decode().rstrip("\n"))
        self.lines.put(None)

    def line(self) -> str | None:
        """The next line on stderr (None at its end)."""
        return self.lines.get(timeout=DEADLINE)

    def stop(self, signum: int) -> tuple[int, list[str], bytes]:
        """Send ``signum``; the exit status, the lines left on stderr, and stdout."""
        self.process.send_signal(signum)
        code = self.process.wait(timeout=DEADLINE)
        rest = []
        while (line := self.line()) is not None:
            rest.append(line)
        assert self.process.stdout is not None
        return code, rest, self.process.stdout.read()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def watching(tmp_path: Path) -> Iterator[list[Watch]]:
    started: list[Watch] = []
    yield started
    for each in started:
        each.kill()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["sigint", "sigterm"])
def test_watch_redraws_reports_problems_keeps_the_last_picture_and_stops_quietly(
    tmp_path: Path, watching: list[Watch], signum: int
) -> None:
    source = tmp_path / "map.yaml"
    source.write_text(GOOD, "utf-8")
    watch = Watch(tmp_path, "map.yaml", "-o", "out.svg")
    watching.append(watch)
    assert watch.line() == "wrote out.svg (2 claims, 1 relation)"
    assert watch.line() == "watching map.yaml; Ctrl-C stops"
    first = (tmp_path / "out.svg").read_bytes()

    source.write_text(BROKEN, "utf-8")
    problem = watch.line()
    assert problem == (
        "map.yaml:5:34: error: unknown claim 'nowhere'; "
        "did you mean 'loose' or 'thesis' or 'calm'?"
    )
    assert problem == _validated(tmp_path, "map.yaml")[0]
    assert (tmp_path / "out.svg").read_bytes() == first

    source.write_text(FIXED, "utf-8")
    assert watch.line() == "wrote out.svg (3 claims, 2 relations)"
    assert b"Tea is cheap" in (tmp_path / "out.svg").read_bytes()

    assert watch.stop(signum) == (0, [], b"")


def _validated(folder: Path, name: str) -> list[str]:
    """What 'argmap validate' writes about the map, line by line."""
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "validate", name],
        cwd=folder,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=DEADLINE,
        check=False,
    )
    return done.stderr.decode().splitlines()


def test_watch_follows_a_map_replaced_by_a_rename(tmp_path: Path, watching: list[Watch]) -> None:
    source = tmp_path / "map.yaml"
    source.write_text(GOOD, "utf-8")
    watch = Watch(tmp_path, "map.yaml")
    watching.append(watch)
    assert [watch.line(), watch.line()] == [
        "wrote map.svg (2 claims, 1 relation)",
        "watching map.yaml; Ctrl-C stops",
    ]
    (tmp_path / ".map.yaml.swp").write_text(FIXED, "utf-8")  # as editors save
    os.replace(tmp_path / ".map.yaml.swp", source)
    assert watch.line() == "wrote map.svg (3 claims, 2 relations)"
    assert watch.stop(signal.SIGINT) == (0, [], b"")


def test_watch_starts_on_a_broken_map_and_draws_it_once_fixed(
    tmp_path: Path, watching: list[Watch]
) -> None:
    source = tmp_path / "map.yaml"
    source.write_text("argmap: 1\nclaims: [\n", "utf-8")
    watch = Watch(tmp_path, "map.yaml", "-o", "out.svg")
    watching.append(watch)
    assert watch.line() == (
        "map.yaml:3:1: error: invalid YAML: did not find expected node content "
        "(while parsing a flow node)"
    )
    assert watch.line() == "watching map.yaml; Ctrl-C stops"
    assert not (tmp_path / "out.svg").exists()
    source.write_text(GOOD, "utf-8")
    assert watch.line() == "wrote out.svg (2 claims, 1 relation)"
    assert watch.stop(signal.SIGINT) == (0, [], b"")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["-", "-o", "x.svg"],
            "Invalid value for 'MAP': standard input cannot be watched; name the map file",
            id="stdin",
        ),
        pytest.param(
            ["map.yaml", "-o", "-"],
            "Invalid value for '-o' / '--output': watch writes a file each time, not standard "
            "output; name the file with -o FILE, or leave -o out to write it beside the map",
            id="stdout",
        ),
        pytest.param(
            ["map.yaml", "--port", "8000"],
            "Invalid value for '--port': the live-reload server serves an HTML page; this "
            "watch draws SVG: leave --port out, or write -o NAME.html",
            id="port-without-html",
        ),
        pytest.param(
            ["."],
            "Invalid value for 'MAP': '.' is a directory; watch draws one map: name its file",
            id="directory",
        ),
    ],
)
def test_watch_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map.yaml").write_text(GOOD, "utf-8")
    result = CliRunner().invoke(app, ["watch", *args])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


def test_watch_refuses_a_missing_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["watch", "nothere.yaml"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "argmap: error: nothere.yaml: no such file; name an existing map "
        "('argmap new' starts one)\n"
    )


def test_targets_are_the_map_and_its_fonts(tmp_path: Path) -> None:
    targets = Targets(str(tmp_path / "maps" / "map.yaml"))
    (tmp_path / "maps").mkdir()
    targets.follow_fonts([str(tmp_path / "fonts" / "a.ttf"), str(tmp_path / "maps" / "b.otf")])
    assert targets.wanted(1, str(tmp_path / "fonts" / "a.ttf"))
    assert targets.wanted(2, str(tmp_path / "maps" / "b.otf"))
    assert not targets.wanted(2, str(tmp_path / "maps" / "map.svg"))
    assert targets.folders == {str(tmp_path / "maps")}  # fonts/ does not exist
    targets.follow_fonts([])
    assert not targets.wanted(1, str(tmp_path / "fonts" / "a.ttf"))


def test_watch_redraws_when_a_font_of_the_map_changes_and_not_for_other_files(
    tmp_path: Path, watching: list[Watch]
) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    font = Path(__file__).parent / "data" / "fonts" / "NotoSerif-Regular-ascii.ttf"
    (fonts / "serif.ttf").write_bytes(font.read_bytes())
    source = tmp_path / "map.yaml"
    source.write_text(GOOD + "style: {fonts: [fonts/serif.ttf]}\n", "utf-8")
    watch = Watch(tmp_path, "map.yaml", "-o", "out.svg")
    watching.append(watch)
    assert [watch.line(), watch.line()] == [
        "wrote out.svg (2 claims, 1 relation)",
        "watching map.yaml; Ctrl-C stops",
    ]
    (fonts / "new.ttf").write_bytes(font.read_bytes())  # as a font editor saves
    os.replace(fonts / "new.ttf", fonts / "serif.ttf")
    assert watch.line() == "wrote out.svg (2 claims, 1 relation)"
    # Files the map does not name draw nothing: the next line is the broken map's.
    (tmp_path / "notes.txt").write_text("not a map", "utf-8")
    (fonts / "other.ttf").write_bytes(b"")
    time.sleep(0.5)  # lets a wrongly taken change make its own round first
    source.write_text("argmap: 1\nclaims: [\n", "utf-8")
    assert watch.line() == (
        "map.yaml:3:1: error: invalid YAML: did not find expected node content "
        "(while parsing a flow node)"
    )
    assert watch.stop(signal.SIGINT) == (0, [], b"")


def test_watch_says_when_the_folder_cannot_be_watched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.cli import _watching

    def refused(self: _watching.Watcher, targets: Targets) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(_watching.Watcher, "__init__", refused)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map.yaml").write_text(GOOD, "utf-8")
    result = CliRunner().invoke(app, ["watch", "map.yaml"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "argmap: error: map.yaml: cannot watch its folder: [Errno 13] Permission denied\n"
    )
    assert not (tmp_path / "map.svg").exists()
