"""The public face of the package."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import argmap


@pytest.mark.parametrize("name", argmap.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(argmap, name) is not None
    assert name in dir(argmap)


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="module 'argmap' has no attribute 'nope'"):
        _ = argmap.nope  # type: ignore[attr-defined]


def test_version_is_a_version_string() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", argmap.__version__)


def test_import_does_not_load_the_parsers() -> None:
    code = "import argmap, sys; print('yaml' in sys.modules, 'cattrs' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout == "False False\n"


def test_public_functions_stay_callable_after_their_modules_load() -> None:
    # No module shares its name with a public function, so importing every submodule
    # (as loading and rendering do) never rebinds ``argmap.validate`` or ``argmap.render``.
    code = (
        "import argmap, argmap.validation, argmap.rendering.dot\n"
        "m = argmap.load('examples/watchmaker/map.yaml')\n"
        "print(argmap.validate(m), argmap.render(m, 'dot')[:7])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout == "[] b'digraph'\n"
