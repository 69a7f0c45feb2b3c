"""The result file: each measurement (medians of its runs, peak memory, or why it has no
number) and the ratios of the Argdown CLI's time to argmap's on the same work and map."""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from suite.processes import Run
from suite.works import Work


def measurement(work: Work, size: int, runs: list[Run], skipped: str = "") -> dict[str, Any]:
    """One work on one map: ``status`` ok, timeout, failed or skipped; ``seconds`` the
    median of the runs (None unless ok), ``runs`` every run's seconds, ``peak_mib`` the
    largest peak resident memory of any run."""
    entry: dict[str, Any] = {
        "work": work.name,
        "tool": work.tool,
        "engine": work.engine,
        "map": "second-occupation" if work.on == "flagship" else "generated",
        "size": size,
        "timing": work.timing,
    }
    if skipped:
        return {
            **entry,
            "status": "skipped",
            "seconds": None,
            "runs": [],
            "peak_mib": None,
            "reason": skipped,
        }
    bad = next((run for run in runs if run.status != "ok"), None)
    seconds = [run.seconds for run in runs if run.seconds is not None]
    entry.update(
        status=bad.status if bad else "ok",
        seconds=None if bad else round(statistics.median(seconds), 4),
        runs=[round(value, 4) for value in seconds],
        peak_mib=round(max(run.peak_mib for run in runs), 1),
    )
    if bad:
        entry["reason"] = bad.detail
    return entry


def ratios(measurements: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Argdown's median over argmap's, for each work and map both finished (above 1:
    argmap is faster)."""
    done = {
        (m["work"], m["map"], m["size"], m["tool"]): m for m in measurements if m["status"] == "ok"
    }
    result = []
    for (work, map_name, size, tool), argdown in done.items():
        argmap = done.get((work, map_name, size, "argmap"))
        if tool != "argdown" or argmap is None:
            continue
        result.append(
            {
                "work": work,
                "map": map_name,
                "size": size,
                "argdown_seconds": argdown["seconds"],
                "argmap_seconds": argmap["seconds"],
                "ratio": round(argdown["seconds"] / argmap["seconds"], 2),
                "argdown_peak_mib": argdown["peak_mib"],
                "argmap_peak_mib": argmap["peak_mib"],
            }
        )
    return result


def write(path: Path, document: dict[str, Any]) -> None:
    """Write the result file (pretty, one measurement per few lines, for diffs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", "utf-8")


def table(document: dict[str, Any]) -> str:
    """The measurements as a Markdown table (what benchmarks/README.md records)."""
    lines = [
        "| work | tool | engine | map | claims | seconds (median) | peak MiB | runs |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for m in document["measurements"]:
        if m["status"] == "ok":
            seconds = f"{m['seconds']:.3f}"
        elif m["status"] == "skipped":
            seconds = "skipped"
        else:
            seconds = m["status"]
        peak = "" if m["peak_mib"] is None else f"{m['peak_mib']:.0f}"
        runs = " ".join(f"{value:.3f}" for value in m["runs"])
        lines.append(
            f"| {m['work']} | {m['tool']} | {m['engine'] or ''} | {m['map']} "
            f"| {m['size']:,} | {seconds} | {peak} | {runs} |"
        )
    lines += [
        "",
        "| work | map | claims | Argdown s | argmap s | Argdown / argmap |",
        "|---|---|---|---|---|---|",
    ]
    for r in document["ratios"]:
        lines.append(
            f"| {r['work']} | {r['map']} | {r['size']:,} | {r['argdown_seconds']:.3f} "
            f"| {r['argmap_seconds']:.3f} | {r['ratio']:.2f} |"
        )
    return "\n".join(lines)
