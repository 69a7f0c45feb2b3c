"""The benchmark suite (benchmarks/run.py) keeps running from a clean clone.

``--quick`` runs every work on maps of 10 and 100 claims, once each, into a temporary
directory; the test checks what the result file holds and that the plot is a PNG. Nothing
here asserts a time: only that each number is there, where it should be.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import argmap

ROOT = Path(__file__).parent.parent
BENCHMARKS = ROOT / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from suite import processes, results, works  # noqa: E402

FLAGSHIP_CLAIMS = len(argmap.load(ROOT / "examples" / "second-occupation" / "map.yaml").claims)
GENERATED = {
    ("load-yaml", "argmap", None),
    ("load-json", "argmap", None),
    ("dot", "argmap", None),
    ("svg", "argmap", "embedded"),
    ("svg", "argmap", "system"),
    ("png", "argmap", "embedded"),
    ("cli-dot", "argmap", None),
    ("cli-svg", "argmap", "embedded"),
}
FLAGSHIP = {
    ("floor", "python", None),
    ("version", "argmap", None),
    ("validate", "argmap", None),
    ("flagship-svg", "argmap", "embedded"),
    ("warm-svg", "argmap", "embedded"),
}
ARGDOWN = works.argdown_cli() is not None


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path, str]:
    out = tmp_path_factory.mktemp("bench")
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            "--quick",
            "--out",
            str(out),
            "--name",
            "quick",
            "--timeout",
            "300",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    document = json.loads((out / "bench-quick.json").read_text("utf-8"))
    return document, out / "bench-quick.png", done.stdout


def test_quick_suite_records_the_machine_and_its_settings(quick: Any) -> None:
    document, _, _ = quick
    assert document["name"] == "quick"
    assert set(document["machine"]) == {
        "cpu", "cores", "cores_usable", "memory_gib", "os", "python", "argmap",
        "git_commit", "git_dirty", "graphviz_dot", "node", "argdown_cli",
    }  # fmt: skip
    assert document["machine"]["argmap"] == argmap.__version__
    assert len(document["machine"]["git_commit"]) == 40
    assert document["settings"] == {
        "sizes": [10, 100],
        "repeat": 1,
        "timeout_seconds": 300.0,
        "layout_cap": 10_000,
        "png_cap": 100,
        "argdown": "measured" if ARGDOWN else "not installed: left out",
    }


def test_quick_suite_measures_every_work_at_every_size(quick: Any) -> None:
    document, _, _ = quick
    found = {
        (m["work"], m["tool"], m["engine"], m["map"], m["size"]): m
        for m in document["measurements"]
    }
    expected = {(*work, "generated", size) for work in GENERATED for size in (10, 100)}
    expected |= {(*work, "second-occupation", FLAGSHIP_CLAIMS) for work in FLAGSHIP}
    if ARGDOWN:
        expected |= {(work, "argdown", None, "generated", size)
                     for work in ("cli-dot", "cli-svg") for size in (10, 100)}  # fmt: skip
        expected.add(("flagship-svg", "argdown", None, "second-occupation", FLAGSHIP_CLAIMS))
    assert set(found) == expected
    for key, m in found.items():
        if key[1:3] == ("argmap", "system") and shutil.which("dot") is None:
            assert m["status"] == "skipped", key
            continue
        assert m["status"] == "ok", (key, m.get("reason"))
        assert len(m["runs"]) == 1
        assert m["seconds"] == m["runs"][0] > 0
        assert m["peak_mib"] > 0
        in_process = key[0] in {"load-yaml", "load-json", "dot", "svg", "png", "warm-svg"}
        assert m["timing"] == ("in-process" if in_process else "whole process")


def test_quick_suite_gives_argdown_over_argmap_where_both_ran(quick: Any) -> None:
    document, _, _ = quick
    if not ARGDOWN:
        assert document["ratios"] == []
        return
    assert {(r["work"], r["size"]) for r in document["ratios"]} == {
        ("cli-dot", 10), ("cli-dot", 100), ("cli-svg", 10), ("cli-svg", 100),
        ("flagship-svg", FLAGSHIP_CLAIMS),
    }  # fmt: skip
    for ratio in document["ratios"]:
        assert ratio["ratio"] == round(ratio["argdown_seconds"] / ratio["argmap_seconds"], 2)


def test_quick_suite_draws_a_png_and_prints_the_table(quick: Any) -> None:
    _, plot, table = quick
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert table.splitlines()[0] == (
        "| work | tool | engine | map | claims | seconds (median) | peak MiB | runs |"
    )


def test_a_run_past_its_time_limit_is_stopped_and_recorded_as_a_timeout() -> None:
    run = processes.run(
        [sys.executable, "-c", "import time; time.sleep(30)"],
        timeout=0.5,
        env={},
        reports_seconds=False,
    )
    assert (run.status, run.seconds, run.detail) == ("timeout", None, "stopped after 0.5 s")


def test_a_failed_run_says_how_and_a_missing_output_is_a_failure(tmp_path: Path) -> None:
    failed = processes.run(
        [sys.executable, "-c", "import sys; sys.exit('no such map')"],
        timeout=60,
        env={},
        reports_seconds=False,
    )
    assert (failed.status, failed.detail) == ("failed", "exit 1: no such map")
    silent = processes.run(
        [sys.executable, "-c", "pass"],
        timeout=60,
        env={},
        reports_seconds=False,
        expect=tmp_path / "never.svg",
    )
    assert (silent.status, silent.detail) == ("failed", "exit 0 without writing never.svg")


def test_a_measurement_with_a_timeout_has_no_median_and_larger_maps_are_skipped() -> None:
    work = next(w for w in works.works(None, 10_000, 100) if w.key == "svg/argmap/embedded")
    stopped = results.measurement(
        work, 1_000, [processes.Run("ok", 1.5, 80.0), processes.Run("timeout", None, 900.0, "x")]
    )
    assert stopped["status"] == "timeout"
    assert stopped["seconds"] is None
    assert stopped["runs"] == [1.5]
    assert stopped["peak_mib"] == 900.0
    assert stopped["reason"] == "x"
    capped = results.measurement(work, 100_000, [], work.cap_reason)
    assert capped["status"] == "skipped"
    assert capped["reason"] == "layout grows about n^1.9: SVG is measured up to 10,000 claims"
