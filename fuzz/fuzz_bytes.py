"""Fuzz target: raw bytes in a file, through ``argmap.formats.check_file``.

The first byte picks the file's suffix (.yaml, .json, .yml or none, so the format is
guessed from the text); the rest are the file's bytes, decoding included.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import atheris

with atheris.instrument_imports(include=["argmap", "yaml", "cattrs", "json_source_map"]):
    import json_source_map  # noqa: F401  (imported lazily by argmap; instrument it too)
    from properties import check_bytes

from _harness import run

# Memory-backed where the machine has it: a file per input must not wear a disk.
_DIRECTORY = tempfile.mkdtemp(
    prefix="argmap-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
)
atexit.register(shutil.rmtree, _DIRECTORY, ignore_errors=True)


def one_input(data: bytes) -> None:
    """One file's worth of bytes."""
    check_bytes(data, _DIRECTORY)


if __name__ == "__main__":
    run("bytes", one_input)
