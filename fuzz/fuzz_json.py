"""Fuzz target: JSON map text through ``argmap.formats.check(text, "json")``."""

from __future__ import annotations

import atheris

with atheris.instrument_imports(include=["argmap", "yaml", "cattrs", "json_source_map"]):
    import json_source_map  # noqa: F401  (imported lazily by argmap; instrument it too)
    from properties import check_text

from _harness import run


def one_input(data: bytes) -> None:
    """Bytes become text as a file's would; the decoding path has its own target."""
    check_text(data.decode("utf-8", errors="replace"), "json")


if __name__ == "__main__":
    run("json", one_input)
