"""Measure the layout of the shipped examples and the test maps of classic arguments.

    .venv/bin/python benchmarks/layout.py                  # embedded engine, TB and LR
    .venv/bin/python benchmarks/layout.py --engine system  # Graphviz's own dot

Prints a Markdown table of :mod:`argmap.rendering.layout_metrics` for each map and
direction, drawn without the legend (the legend is laid out apart from the argument).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import argmap
from argmap.rendering.layout_metrics import measure

ROOT = Path(__file__).resolve().parent.parent
MAPS = {
    "second-occupation": ROOT / "examples" / "second-occupation" / "map.yaml",
    "watchmaker": ROOT / "examples" / "watchmaker" / "map.yaml",
    "singer-famine": ROOT / "tests" / "data" / "maps" / "singer-famine.yaml",
    "pascal-wager": ROOT / "tests" / "data" / "maps" / "pascal-wager.yaml",
    "congestion-pricing": ROOT / "tests" / "data" / "maps" / "congestion-pricing.yaml",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="embedded")
    parser.add_argument("--directions", default="TB,LR")
    args = parser.parse_args()
    print(
        "| map | dir | canvas pt | canvas fill | argument fill | edge length pt "
        "| longest pt | crossings | junction angle | undercut clearance pt |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, path in MAPS.items():
        loaded = argmap.load(path)
        for direction in args.directions.split(","):
            svg = argmap.render(loaded, direction=direction, engine=args.engine, legend=False)
            m = measure(svg)
            angle = "-" if m.junction_angle is None else f"{m.junction_angle:.0f}°"
            clear = "-" if m.undercut_clearance is None else f"{m.undercut_clearance:.1f}"
            print(
                f"| {name} | {direction} | {m.canvas_width:.0f}x{m.canvas_height:.0f} "
                f"| {100 * m.canvas_fill:.1f}% | {100 * m.argument_fill:.1f}% "
                f"| {m.total_edge_length:,.0f} | {m.longest_edge:.0f} | {m.crossings} "
                f"| {angle} | {clear} |"
            )


if __name__ == "__main__":
    main()
