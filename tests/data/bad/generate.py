"""The hostile map files too big (or too special) to keep in the repository.

Each is made at test time into a scratch directory; its expected output is kept here
as ``NAME.expected`` like every other hostile file's. Make them by hand with

    python tests/data/bad/generate.py DIRECTORY
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

_MIB = 1024 * 1024
_HEAD = "argmap: 1\nclaims:\n  t: {kind: thesis, text: The thesis.}\n"


def _text(make: Callable[[], str]) -> Callable[[Path], None]:
    return lambda path: path.write_text(make(), encoding="utf-8")


def _alias_bomb_1mb() -> str:
    """About 1 MB of anchors, each list holding 100 aliases of the one before it."""
    lines = ["argmap: 1", "metadata:", "  l0: &l0 [lol]"]
    level, size = 0, 0
    while size < _MIB:
        level += 1
        line = f"  l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 100) + "]"
        lines.append(line)
        size += len(line) + 1
    lines.append(f"claims:\n  t: {{kind: thesis, text: T, metadata: {{all: *l{level}}}}}\n")
    return "\n".join(lines)


def _unknown_refs(count: int) -> str:
    """``count`` claims, each supporting an id that differs from a real one by a letter."""
    lines = ["argmap: 1", "claims:"]
    lines += [
        f"  claim-{i:05}: {{text: Claim {i}., supports: claim-{i:05}x}}" for i in range(count)
    ]
    return "\n".join(lines) + "\n"


def _unknown_refs_list(count: int) -> str:
    """One claim supporting ``count`` ids that do not exist."""
    ids = ", ".join(f"missing-{i}" for i in range(count))
    return _HEAD + f"  p: {{text: P, supports: [{ids}]}}\n"


def _many_undercuts(count: int) -> str:
    """``count`` premises of the thesis, each step undercut by its own objection."""
    lines = [_HEAD.rstrip("\n")]
    for i in range(count):
        lines.append(f"  p{i}: {{text: Premise {i}., supports: t}}")
        lines.append(
            f"  o{i}: {{kind: objection, text: No {i}., undercuts: {{from: p{i}, to: t}}}}"
        )
    lines.append(f"  lost: {{kind: objection, text: Lost., undercuts: {{from: p{count}, to: t}}}}")
    return "\n".join(lines) + "\n"


def _support_chain(count: int) -> str:
    """``count`` claims in one line of support, each backing the next."""
    lines = ["argmap: 1", "claims:", f"  c{count - 1}: {{kind: thesis, text: The end.}}"]
    lines += [f"  c{i}: {{text: Step {i}., supports: c{i + 1}}}" for i in range(count - 1)]
    return "\n".join(lines) + "\n"


def _many_values(count: int) -> str:
    """One claim with ``count`` tags: more values than a map file may hold."""
    return _HEAD + "  p: {text: P, supports: t, tags: [" + ",".join(["x"] * count) + "]}\n"


def _huge_text(size: int) -> str:
    """One claim whose text is a single word of ``size`` letters."""
    return _HEAD + "  p:\n    supports: t\n    text: " + "a" * size + "\n"


def _over_input_limit(path: Path) -> None:
    """A valid map padded with a comment to 9 MiB, over the default input limit."""
    with path.open("w", encoding="utf-8") as stream:
        stream.write(_HEAD)
        stream.write("#" + "x" * (9 * _MIB) + "\n")


def _symlink(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


#: Each generated file's name and how to make it at a path.
GENERATED: dict[str, Callable[[Path], None]] = {
    "alias-bomb-1mb.yaml": _text(_alias_bomb_1mb),
    "unknown-refs-20000.yaml": _text(partial(_unknown_refs, 20_000)),
    "unknown-refs-list-20000.yaml": _text(partial(_unknown_refs_list, 20_000)),
    "many-undercuts-5000.yaml": _text(partial(_many_undercuts, 5_000)),
    "support-chain-10000.yaml": _text(partial(_support_chain, 10_000)),
    "many-values-600000.yaml": _text(partial(_many_values, 600_000)),
    "huge-text-5mb.yaml": _text(partial(_huge_text, 5 * _MIB)),
    "over-input-limit.yaml": _over_input_limit,
    # Special files: a reader must neither hang on them nor read forever.
    "dev-zero.yaml": _symlink("/dev/zero"),
    "dev-null.yaml": _symlink("/dev/null"),
    "fifo.yaml": lambda path: os.mkfifo(path),  # the test feeds it a stream with no end
    "directory.yaml": lambda path: path.mkdir(),
}


def generate(directory: Path) -> None:
    """Make every generated file in ``directory`` (which must exist), replacing old ones."""
    for name, make in GENERATED.items():
        path = directory / name
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        elif path.exists() or path.is_symlink():
            path.unlink()
        make(path)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    target.mkdir(parents=True, exist_ok=True)
    generate(target)
    print(f"{len(GENERATED)} files in {target}")
