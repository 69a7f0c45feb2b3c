"""What a suite ran on: the processor, cores, memory, Python, argmap, the commit, and the
versions of the other tools measured (Graphviz's dot, node and the Argdown CLI)."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any


def _output(argv: list[str], cwd: Path | None = None) -> str | None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=cwd)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[-1] if done.returncode == 0 and text else None


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return None


def describe(root: Path, argdown: Path | None) -> dict[str, Any]:
    """The machine and the software versions, as the result file records them."""
    commit = _output(["git", "rev-parse", "HEAD"], cwd=root)
    dirty = _output(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root)
    return {
        "cpu": _cpu(),
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)),
        "memory_gib": _memory_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "argmap": metadata.version("argmap"),
        "git_commit": commit,
        "git_dirty": bool(dirty),
        "graphviz_dot": _output(["dot", "-V"]),
        "node": _output(["node", "--version"]) if argdown else None,
        "argdown_cli": _output([str(argdown), "--version"]) if argdown else None,
    }
