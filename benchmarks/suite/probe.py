"""Run in a fresh process: time one library call on one map, and print its seconds.

    python probe.py WORK MAP ENGINE TIMEOUT     # WORK: load, dot, svg or png

The process first loads and renders a map of one claim (in the same format, with the same
engine), so that imports, opening the fonts and starting the engine are not counted: the
number printed is the warm cost of the work itself. ``load`` is ``argmap.load`` (parse,
structure, validate); the others load the map first, then time ``argmap.render``.
"""

from __future__ import annotations

import sys
import time

import argmap


def main() -> None:
    work, path, engine, timeout = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    tiny = argmap.loads("claims: {a: {text: Warm.}}")
    argmap.loads('{"claims": {"a": {"text": "Warm."}}}', "json")
    if work == "load":
        started = time.perf_counter()
        argmap.load(path)
    else:
        argmap.render(tiny, work, engine=engine)
        loaded = argmap.load(path)
        started = time.perf_counter()
        argmap.render(loaded, work, engine=engine, timeout=timeout)
    print(time.perf_counter() - started)


if __name__ == "__main__":
    main()
