"""What the suite measures: the works, the maps they run on, and the command of each run.

A work is one thing a user waits for, done by one tool (argmap, the Argdown CLI, or bare
Python for the floor) with one engine where there is a choice. Works on ``generated``
maps run at every size (up to their cap); works on the ``flagship``
(examples/second-occupation/map.yaml) run once a repeat. Library works (``load-*``,
``dot``, ``svg``, ``png``, ``warm-svg``) are timed inside the process, warm (see
:mod:`suite.probe`); every other work is a whole process, start to exit, as a user at
a shell waits for it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = ROOT / "examples" / "second-occupation" / "map.yaml"
PROBE = Path(__file__).resolve().parent / "probe.py"
ARGMAP = Path(sys.executable).parent / "argmap"

# Layout grows about n^1.9 (issue 21): SVG runs stop at this size by default; PNG, which
# rasterizes the whole canvas (47 M pixels at 100 claims, 144 dpi), at a smaller one.
LAYOUT_CAP = 10_000
PNG_CAP = 100

# The limits a command keeps to by default (8 MiB, 10,000 claims) are below these maps.
LIMITS = {
    "ARGMAP_MAX_INPUT_BYTES": "4G",
    "ARGMAP_MAX_VALUES": "100000000",
    "ARGMAP_MAX_CLAIMS": "10000000",
    "ARGMAP_MAX_GROUPS": "1000000",
    "ARGMAP_MAX_PIXELS": "200000000",
}


def argdown_cli() -> Path | None:
    """The Argdown CLI as the interop tests find it, or None when it cannot run here."""
    default = ROOT / "tests" / "node" / "node_modules" / ".bin" / "argdown"
    path = Path(os.environ.get("ARGMAP_ARGDOWN_CLI", default))
    return path if path.exists() and shutil.which("node") else None


@dataclass
class Maps:
    """The maps of one suite: each generated size as YAML, JSON and Argdown, and the
    flagship (as YAML, and as Argdown written by ``argmap convert``)."""

    directory: Path
    argdown: bool
    files: dict[tuple[str, int], Path] = field(default_factory=dict)

    def generated(self, claims: int, form: str) -> Path:
        """The generated map of ``claims`` claims as ``form`` (yaml, json, argdown)."""
        key = (form, claims)
        if key not in self.files:
            yaml_path, json_path = _generate(claims, self.directory)
            self.files[("yaml", claims)] = yaml_path
            self.files[("json", claims)] = json_path
            if form == "argdown":
                self.files[key] = _convert(yaml_path, self.directory)
        return self.files[key]

    def flagship(self, form: str) -> Path:
        """The flagship as ``form`` (yaml or argdown)."""
        if form == "yaml":
            return FLAGSHIP
        key = ("argdown", 0)
        if key not in self.files:
            self.files[key] = _convert(FLAGSHIP, self.directory / "flagship")
        return self.files[key]


# Every run's peak memory is at least this process's at the time it starts the run (Linux
# carries a parent's high-water mark into the child it forks), so this process stays
# small: it neither imports argmap nor builds a map itself.
_HELPER = """
import sys, pathlib
sys.path.insert(0, sys.argv[1])
from load import write
for path in write(int(sys.argv[2]), pathlib.Path(sys.argv[3])):
    print(path)
"""


def _generate(claims: int, directory: Path) -> tuple[Path, Path]:
    done = subprocess.run(
        [sys.executable, "-c", _HELPER, str(ROOT / "benchmarks"), str(claims), str(directory)],
        check=True,
        capture_output=True,
        text=True,
    )
    yaml_path, json_path = done.stdout.split()
    return Path(yaml_path), Path(json_path)


def claims_of(path: Path) -> int:
    """How many claims the map at ``path`` has (read in a process of its own)."""
    code = "import argmap, sys; print(len(argmap.load(sys.argv[1]).claims))"
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **LIMITS},
    )
    return int(done.stdout)


def _convert(path: Path, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{path.stem}.argdown"
    if not target.exists():
        subprocess.run(
            [str(ARGMAP), "convert", "--quiet", str(path), "-o", str(target)],
            check=True,
            env={**os.environ, **LIMITS},
        )
    return target


# A command for one run: the argv and the file it must leave behind (or None).
Command = tuple[list[str], Path | None]


@dataclass(frozen=True)
class Work:
    """One measured work: ``name`` is what ``--only`` selects (shared by its tools and
    engines), ``on`` is ``generated`` or ``flagship``, ``cap`` the largest map it runs on."""

    name: str
    tool: str
    engine: str | None
    on: str
    timing: str
    command: Callable[[Maps, int, Path, float], Command]
    cap: int | None = None
    cap_reason: str = ""

    @property
    def key(self) -> str:
        """The work, its tool and its engine, as the results and the plot name them."""
        parts = [self.name, self.tool] + ([self.engine] if self.engine else [])
        return "/".join(parts)


Factory = Callable[[Maps, int, Path, float], Command]


def _probe(work: str, form: str, engine: str = "embedded") -> Factory:
    def command(maps: Maps, claims: int, _: Path, timeout: float) -> Command:
        path = maps.generated(claims, form)
        return [sys.executable, str(PROBE), work, str(path), engine, str(timeout)], None

    return command


def _warm_flagship(maps: Maps, claims: int, _: Path, timeout: float) -> Command:
    # The library's own render of the flagship, warm: what an editor or a notebook waits for.
    return [sys.executable, str(PROBE), "svg", str(FLAGSHIP), "embedded", str(timeout)], None


def _argmap_render(on: str, suffix: str) -> Factory:
    def command(maps: Maps, claims: int, out: Path, timeout: float) -> Command:
        path = maps.flagship("yaml") if on == "flagship" else maps.generated(claims, "yaml")
        target = out / f"argmap-{path.stem}.{suffix}"
        argv = [str(ARGMAP), "render", str(path), "-o", str(target), "--timeout", str(timeout)]
        return argv, target

    return command


def _argdown_map(cli: Path, on: str, suffix: str) -> Factory:
    # As the Argdown docs give it: `argdown map IN OUTDIR -f svg` writes OUTDIR/IN-stem.svg.
    def command(maps: Maps, claims: int, out: Path, timeout: float) -> Command:
        path = maps.flagship("argdown") if on == "flagship" else maps.generated(claims, "argdown")
        directory = out / "argdown"
        argv = [str(cli), "map", str(path), str(directory), "-f", suffix]
        return argv, directory / f"{path.stem}.{suffix}"

    return command


def _fixed(argv: list[str]) -> Factory:
    def command(maps: Maps, claims: int, out: Path, timeout: float) -> Command:
        return argv, None

    return command


NAMES = (
    "load-yaml",
    "load-json",
    "dot",
    "svg",
    "png",
    "cli-dot",
    "cli-svg",
    "floor",
    "version",
    "validate",
    "flagship-svg",
    "warm-svg",
)


def works(argdown: Path | None, layout_cap: int, png_cap: int) -> list[Work]:
    """Every work of the suite, in the order each repeat runs them (paired: a work and its
    Argdown counterpart run one after the other, so that the machine's drift hits both)."""
    layout = f"layout grows about n^1.9: SVG is measured up to {layout_cap:,} claims"
    raster = f"PNG rasterizes the whole canvas: measured up to {png_cap:,} claims"
    library, process = "in-process", "whole process"
    result = [
        Work("load-yaml", "argmap", None, "generated", library, _probe("load", "yaml")),
        Work("load-json", "argmap", None, "generated", library, _probe("load", "json")),
        Work("dot", "argmap", None, "generated", library, _probe("dot", "json")),
    ]
    for engine in ("embedded", "system"):
        svg = _probe("svg", "json", engine)
        cap, reason = layout_cap, layout
        if engine == "system" and shutil.which("dot") is None:
            cap, reason = 0, "Graphviz's dot is not installed (apt-get install graphviz)"
        result.append(Work("svg", "argmap", engine, "generated", library, svg, cap, reason))
    png = _probe("png", "json")
    result.append(Work("png", "argmap", "embedded", "generated", library, png, png_cap, raster))
    for suffix, cap, reason in (("dot", None, ""), ("svg", layout_cap, layout)):
        engine = "embedded" if suffix == "svg" else None
        mine = _argmap_render("generated", suffix)
        result.append(
            Work(f"cli-{suffix}", "argmap", engine, "generated", process, mine, cap, reason)
        )
        if argdown:
            theirs = _argdown_map(argdown, "generated", suffix)
            result.append(
                Work(f"cli-{suffix}", "argdown", None, "generated", process, theirs, cap, reason)
            )
    result += [
        Work(
            "floor",
            "python",
            None,
            "flagship",
            process,
            _fixed([sys.executable, "-c", "import typer"]),
        ),
        Work("version", "argmap", None, "flagship", process, _fixed([str(ARGMAP), "--version"])),
        Work(
            "validate",
            "argmap",
            None,
            "flagship",
            process,
            _fixed([str(ARGMAP), "validate", str(FLAGSHIP)]),
        ),
        Work(
            "flagship-svg",
            "argmap",
            "embedded",
            "flagship",
            process,
            _argmap_render("flagship", "svg"),
        ),
    ]
    result.append(Work("warm-svg", "argmap", "embedded", "flagship", library, _warm_flagship))
    if argdown:
        theirs = _argdown_map(argdown, "flagship", "svg")
        result.append(Work("flagship-svg", "argdown", None, "flagship", process, theirs))
    return result


def environment() -> Mapping[str, str]:
    """The environment of every run: this one, with argmap's size limits lifted."""
    return {**os.environ, **LIMITS}
