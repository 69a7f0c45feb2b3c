"""The benchmark suite of issue 21: ``make bench``, or

    .venv/bin/python benchmarks/run.py                      # 10 to 100,000 claims, 3 runs
    .venv/bin/python benchmarks/run.py --quick --out /tmp/b  # 10 and 100 claims, 1 run
    .venv/bin/python benchmarks/run.py --sizes 1000 10000 --only svg cli-svg --repeat 5

Not a test: nothing asserts a number. Generates maps of each size (benchmarks/load.py's
trees with supports, attacks, undercuts, linked premises and groups, from a fixed seed;
YAML, JSON, and Argdown written by ``argmap convert``), then times each work in a fresh
process with its peak memory (see suite/works.py for the works), a repeat at a time so
that a work and its Argdown counterpart run side by side. Each run has a time limit
(``--timeout``); a work that hit it is not run on larger maps. Writes
``OUT/bench-NAME.json`` (the machine, every measurement, the Argdown / argmap ratios) and
``OUT/bench-NAME.png`` (log-log: claims against seconds), and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from suite import machine, processes, results, works
from suite.plot import draw

DEFAULT_SIZES = [10, 100, 1_000, 10_000, 100_000]


def _options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", help="claims of each generated map")
    parser.add_argument("--repeat", type=int, help="runs of each work (the median); 3")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=works.NAMES,
        metavar="WORK",
        help=f"only these works: {', '.join(works.NAMES)}",
    )
    parser.add_argument(
        "--quick", action="store_true", help="sizes 10 and 100, one run: what a test can run"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).parent / "results",
        help="where the JSON and the plot go (benchmarks/results)",
    )
    parser.add_argument(
        "--name",
        default=datetime.date.today().isoformat(),
        help="the result files' name: bench-NAME.json (today's date)",
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a run may take")
    parser.add_argument(
        "--layout-cap", type=int, default=works.LAYOUT_CAP, help="largest map drawn as SVG"
    )
    parser.add_argument(
        "--png-cap", type=int, default=works.PNG_CAP, help="largest map drawn as PNG"
    )
    parser.add_argument("--maps", type=Path, help="keep the generated maps here")
    parser.add_argument(
        "--add-to",
        type=Path,
        metavar="JSON",
        help="keep this earlier result file's measurements of other sizes "
        "(a long suite run in parts, e.g. the largest maps with --repeat 1)",
    )
    options = parser.parse_args(argv)
    options.sizes = options.sizes or ([10, 100] if options.quick else DEFAULT_SIZES)
    options.repeat = options.repeat or (1 if options.quick else 3)
    return options


def _note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def measure_all(
    options: argparse.Namespace,
    maps: works.Maps,
    scratch: Path,
    save: Callable[[list[Any]], None],
) -> list[Any]:
    """Every measurement of the suite, flagship first, then the generated maps by size;
    ``save`` gets what was measured so far after each map, so a stopped suite keeps it."""
    selected = [
        work
        for work in works.works(works.argdown_cli(), options.layout_cap, options.png_cap)
        if not options.only or work.name in options.only
    ]
    flagship_claims = works.claims_of(works.FLAGSHIP)
    rounds = [("flagship", flagship_claims)] + [("generated", n) for n in sorted(options.sizes)]
    stopped: dict[str, int] = {}  # a work's key -> the size at which it timed out
    measurements = []
    env = works.environment()
    for on, size in rounds:
        todo = []
        for work in (w for w in selected if w.on == on):
            if work.cap is not None and size > work.cap:
                measurements.append(results.measurement(work, size, [], work.cap_reason))
            elif work.key in stopped:
                reason = f"timed out at {stopped[work.key]:,} claims"
                measurements.append(results.measurement(work, size, [], reason))
            else:
                todo.append(work)
        runs: dict[str, list[processes.Run]] = {work.key: [] for work in todo}
        for _ in range(options.repeat):
            for work in todo:
                done = runs[work.key]
                if done and done[-1].status != "ok":
                    continue  # one timeout or failure is the answer at this size
                argv, expect = work.command(maps, size, scratch, options.timeout)
                if expect is not None:
                    expect.unlink(missing_ok=True)
                run = processes.run(
                    argv,
                    timeout=options.timeout,
                    env=env,
                    reports_seconds=work.timing == "in-process",
                    expect=expect,
                )
                done.append(run)
                shown = f"{run.seconds:.3f} s" if run.seconds is not None else run.status
                _note(
                    f"{on} {size:>7,} {work.key:<28} {shown}, {run.peak_mib:.0f} MiB {run.detail}"
                )
        for work in todo:
            entry = results.measurement(work, size, runs[work.key])
            if entry["status"] == "timeout":
                stopped[work.key] = size
            measurements.append(entry)
        save(measurements)
    return measurements


def _compile_argmap() -> None:
    # pip compiles a wheel's modules when it installs them; an editable checkout run with
    # PYTHONDONTWRITEBYTECODE=1 (as on these machines) would compile argmap on every run
    # instead, which doubled `argmap validate`'s time here. Measure what users run.
    compileall.compile_dir(works.ROOT / "argmap", quiet=1)


def main(argv: list[str] | None = None) -> None:
    options = _options(argv)
    _compile_argmap()
    argdown = works.argdown_cli()
    if argdown is None:
        _note(
            "The Argdown CLI is not installed (make node-tools, or ARGMAP_ARGDOWN_CLI): "
            "its works are left out."
        )
    keep = options.maps is not None
    directory = options.maps or Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="argmap-bench-out-"))
    about = machine.describe(works.ROOT, argdown)
    json_path = options.out / f"bench-{options.name}.json"
    plot_path = options.out / f"bench-{options.name}.png"

    earlier = []
    if options.add_to:
        earlier = json.loads(options.add_to.read_text("utf-8"))["measurements"]
        earlier = [m for m in earlier if m["size"] not in options.sizes or m["map"] != "generated"]
        if any(m["map"] != "generated" for m in earlier):
            options.only = [
                name
                for name in options.only or works.NAMES
                if name not in {"floor", "version", "validate", "flagship-svg", "warm-svg"}
            ]

    def document(measurements: list[Any]) -> dict[str, Any]:
        measurements = earlier + measurements
        return {
            "name": options.name,
            "machine": about,
            "settings": {
                "sizes": sorted({m["size"] for m in measurements if m["map"] == "generated"}),
                "repeat": options.repeat,
                "timeout_seconds": options.timeout,
                "layout_cap": options.layout_cap,
                "png_cap": options.png_cap,
                "argdown": "measured" if argdown else "not installed: left out",
            },
            "measurements": measurements,
            "ratios": results.ratios(measurements),
        }

    try:
        maps = works.Maps(directory, argdown is not None)
        final = document(
            measure_all(
                options, maps, scratch, lambda done: results.write(json_path, document(done))
            )
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if not keep:
            shutil.rmtree(directory, ignore_errors=True)
    results.write(json_path, final)
    draw(final, plot_path)
    print(results.table(final))
    _note(f"wrote {json_path} and {plot_path}")


if __name__ == "__main__":
    main()
