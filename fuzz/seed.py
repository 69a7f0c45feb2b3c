"""Fill ``fuzz/corpus/TARGET/`` with seeds from the repository's own map files.

Seeds are the test maps (``tests/data/*.yaml``), the examples, the hostile files of
``tests/data/bad/`` and JSON versions of every YAML map, so each target starts from
real maps and known troublemakers. The corpus directories are libFuzzer's working
corpora (it adds what it finds there); seeding again only adds files that are missing.

    python fuzz/seed.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import yaml

from argmap.formats import check, dumps

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
# Seeds beyond this are cut by -max_len anyway; the generated hostile files are far bigger.
_LARGEST = 64 * 1024
# The first byte of a bytes input picks the suffix (see properties.check_bytes).
_SUFFIX_BYTE = {".yaml": b"\x00", ".yml": b"\x00", ".json": b"\x01"}


def _sources() -> list[Path]:
    patterns = ["tests/data/*.yaml", "examples/*/map.yaml", "argmap/examples/maps/*.yaml"]
    patterns += ["tests/data/bad/*.yaml", "tests/data/bad/*.json"]
    found = [path for pattern in patterns for path in sorted(ROOT.glob(pattern))]
    return [path for path in found if path.is_file() and path.stat().st_size <= _LARGEST]


def _as_json(text: str) -> str | None:
    """The JSON version of a YAML map: dumped when it loads, converted when it does not."""
    try:
        argmap, problems = check(text, "yaml")
        if argmap is not None and not problems:
            return dumps(argmap, "json")
        return json.dumps(yaml.safe_load(text), indent=2, ensure_ascii=False, default=str)
    except Exception:  # a hostile file need not convert; it is a seed as it is
        return None


def _seed(target: str, data: bytes) -> bool:
    directory = CORPUS / target
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / hashlib.sha1(data).hexdigest()
    if path.exists():
        return False
    path.write_bytes(data)
    return True


def main() -> int:
    """Seed the three corpora; print how many seeds were added to each."""
    added = {"yaml": 0, "json": 0, "bytes": 0}
    for path in _sources():
        data = path.read_bytes()
        suffix = path.suffix
        added["bytes"] += _seed("bytes", _SUFFIX_BYTE.get(suffix, b"\x03") + data)
        if suffix == ".json":
            added["json"] += _seed("json", data)
            continue
        added["yaml"] += _seed("yaml", data)
        converted = _as_json(data.decode("utf-8", errors="replace"))
        if converted is not None:
            added["json"] += _seed("json", converted.encode("utf-8"))
            added["bytes"] += _seed("bytes", b"\x01" + converted.encode("utf-8"))
    for target, count in added.items():
        print(f"fuzz/corpus/{target}: {count} new seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
