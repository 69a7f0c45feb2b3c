"""The log-log plot of a suite: claims against seconds, one line per work on the generated
maps (the Argdown CLI's dashed), a cross where a run hit the time limit."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any


def draw(document: dict[str, Any], path: Path) -> None:
    """Draw the generated maps' measurements of ``document`` as a PNG at ``path``."""
    import matplotlib

    matplotlib.use("Agg")  # no display: a file only
    import matplotlib.pyplot as plt

    lines: dict[tuple[str, str, str], list[tuple[int, float]]] = defaultdict(list)
    stopped: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for m in document["measurements"]:
        if m["map"] != "generated":
            continue
        key = (m["work"], m["tool"], m["engine"] or "")
        if m["status"] == "ok":
            lines[key].append((m["size"], m["seconds"]))
        elif m["status"] == "timeout":
            stopped[key].append(m["size"])
    timeout = document["settings"]["timeout_seconds"]
    figure, axes = plt.subplots(figsize=(9, 6), dpi=110)
    for index, key in enumerate(sorted(set(lines) | set(stopped))):
        work, tool, engine = key
        label = " ".join(part for part in (work, engine) if part)
        label += " (Argdown CLI)" if tool == "argdown" else ""
        points = sorted(lines[key])
        colour = f"C{index % 10}"
        style = "--" if tool == "argdown" else "-"
        if points:
            axes.plot(*zip(*points, strict=True), style, marker="o", color=colour, label=label)
        if stopped[key]:
            axes.plot(
                stopped[key],
                [timeout] * len(stopped[key]),
                "x",
                color=colour,
                markersize=10,
                label=None if points else f"{label}: timeout",
            )
    axes.axhline(timeout, color="grey", linewidth=0.5, linestyle=":")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("claims in the map")
    axes.set_ylabel("seconds (median)")
    machine = document["machine"]
    axes.set_title(
        f"argmap {machine['argmap']} ({(machine['git_commit'] or '')[:7]}), "
        f"{machine['cores']} cores, {document['name']}; x: stopped at {timeout:g} s"
    )
    axes.grid(True, which="both", linewidth=0.3)
    axes.legend(fontsize="small", loc="upper left")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    # No timestamp in the file, so the same numbers give the same bytes.
    figure.savefig(path, format="png", metadata={"Software": None})
    plt.close(figure)
