"""Time loading and typesetting on generated maps of 1,000 to 100,000 claims.

Not a test: nothing asserts a number. Each measurement runs in a fresh process, so that
its peak memory is its own (read from ``os.wait4``'s resource usage):

- ``load``: ``argmap.load`` of the YAML and of the JSON file (parse, structure, validate);
- ``dot``: ``argmap.render(m, "dot")`` (typesetting every label, building the DOT text).

The maps are trees grown from one thesis, each claim below it supporting (about 60%),
attacking (20%) or undercutting (5%) an earlier claim's relation, with every tenth claim
a premise linked with its neighbour, and every fifty claims a group. Their texts are 8 to
24 words drawn with a Zipf-like skew from 3,000 made-up words (a few with accents), as a
real map repeats its words. Everything comes from a fixed seed: the same sizes give the
same files.

    .venv/bin/python benchmarks/load.py                  # 1,000, 10,000, 100,000 claims
    .venv/bin/python benchmarks/load.py --sizes 1000 --repeat 5 --only load
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_SYLLABLES = ["ka", "lo", "mi", "ne", "so", "tu", "ra", "vi", "de", "po", "sha", "gri", "nor"]
_ACCENTED = ["café", "naïve", "façade", "über", "señor", "coöperate", "déjà", "Ångström"]


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words = {"".join(rng.choices(_SYLLABLES, k=rng.randint(1, 4))) for _ in range(size * 2)}
    vocabulary = sorted(words)[:size]
    rng.shuffle(vocabulary)
    return vocabulary + _ACCENTED


def _text(rng: random.Random, vocabulary: list[str]) -> str:
    # Zipf-like: index ~ size ** u for u uniform, so that low indices come up often.
    size = len(vocabulary)
    words = [vocabulary[int(size ** rng.random()) - 1] for _ in range(rng.randint(8, 24))]
    return " ".join(words).capitalize() + "."


def generate(claims: int, seed: int = 21) -> dict[str, Any]:
    """A map of ``claims`` claims as the data a YAML or JSON file holds."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    data: dict[str, Any] = {"argmap": 1, "title": f"A generated map of {claims:,} claims"}
    items: dict[str, dict[str, Any]] = {"c0": {"kind": "thesis", "text": _text(rng, vocabulary)}}
    relations: list[dict[str, Any]] = []
    supporters: dict[str, str] = {}  # a claim id -> the claim it supports
    for index in range(1, claims):
        name = f"c{index}"
        parent = f"c{rng.randrange(max(1, index // 3), index) if index > 3 else 0}"
        claim: dict[str, Any] = {"text": _text(rng, vocabulary)}
        roll = rng.random()
        if index % 10 == 0 and f"c{index - 1}" in supporters:
            # Linked with the claim before it, supporting what that one supports.
            target = supporters[f"c{index - 1}"]
            relations.append({"from": [f"c{index - 1}", name], "to": target})
        elif roll < 0.2:
            claim["kind"] = "objection"
            claim["attacks"] = parent
        elif roll < 0.25 and parent in supporters:
            claim["kind"] = "objection"
            claim["undercuts"] = {"from": parent, "to": supporters[parent]}
        else:
            claim["kind"] = "evidence" if roll > 0.9 else "premise"
            claim["supports"] = parent
            supporters[name] = parent
        items[name] = claim
    data["claims"] = items
    if relations:
        data["relations"] = relations
    data["groups"] = {
        f"g{start}": {
            "label": _text(rng, vocabulary),
            "members": [f"c{i}" for i in range(start, min(start + 5, claims))],
        }
        for start in range(1, claims, 50)
    }
    return data


def write(claims: int, directory: Path) -> tuple[Path, Path]:
    """The map of ``claims`` claims written as YAML and as JSON in ``directory``."""
    import yaml

    data = generate(claims)
    yaml_path = directory / f"map-{claims}.yaml"
    json_path = directory / f"map-{claims}.json"
    if not yaml_path.exists():
        yaml_path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    if not json_path.exists():
        json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    return yaml_path, json_path


# Each process first loads and renders a map of one claim, so that imports and opening
# the main font are not counted.
_WARM = (
    "import argmap, sys, time; "
    'argmap.loads(\'{"claims": {"a": {"text": "Warm."}}}\', \'json\'); '
    "argmap.render(argmap.loads('claims: {a: {text: Warm.}}'), 'dot'); "
)
_LOAD = _WARM + "t = time.perf_counter(); argmap.load(sys.argv[1]); "
_DOT = _WARM + "m = argmap.load(sys.argv[1]); t = time.perf_counter(); argmap.render(m, 'dot'); "
_REPORT = "print(time.perf_counter() - t)"
# The limits a command keeps to by default (8 MiB, 10,000 claims) are below these maps.
_LIMITS = {
    "ARGMAP_MAX_INPUT_BYTES": "4G",
    "ARGMAP_MAX_VALUES": "100000000",
    "ARGMAP_MAX_CLAIMS": "10000000",
    "ARGMAP_MAX_GROUPS": "1000000",
}


def measure(code: str, path: Path) -> tuple[float, int]:
    """Seconds the measured part of ``code`` took and the process's peak RSS in KB."""
    process = subprocess.Popen(
        [sys.executable, "-c", code + _REPORT, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **_LIMITS},
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{path}: the measured process failed ({process.returncode})")
    return float(output.split()[-1]), usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the median")
    parser.add_argument("--only", choices=["load", "dot"], nargs="+", default=["load", "dot"])
    parser.add_argument("--maps", type=Path, help="where to keep the generated maps")
    options = parser.parse_args()
    directory = options.maps or Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    print("| claims | work | seconds (median) | us/claim | peak RSS MiB |")
    print("|---|---|---|---|---|")
    for claims in options.sizes:
        started = time.perf_counter()
        yaml_path, json_path = write(claims, directory)
        print(f"<!-- generated {claims:,} in {time.perf_counter() - started:.1f} s -->")
        cases = []
        if "load" in options.only:
            cases += [("load YAML", _LOAD, yaml_path), ("load JSON", _LOAD, json_path)]
        if "dot" in options.only:
            cases.append(("DOT (from JSON)", _DOT, json_path))
        for name, code, path in cases:
            runs = sorted(measure(code, path) for _ in range(options.repeat))
            seconds, rss = runs[len(runs) // 2]
            print(
                f"| {claims:,} | {name} | {seconds:.2f} | {seconds / claims * 1e6:.0f} "
                f"| {rss / 1024:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
