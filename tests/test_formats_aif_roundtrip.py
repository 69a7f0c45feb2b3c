"""Properties of AIF: a map written as AIF reads back equal, and the writing is stable."""

from __future__ import annotations

import pytest
from hypothesis import given
from test_formats_roundtrip import PROPERTY, argument_maps

import argmap
from argmap.model import ArgumentMap

# Maps made at random are legal but often not sound: their warnings are no concern here.
pytestmark = pytest.mark.filterwarnings("ignore::argmap.ArgmapWarning")


@PROPERTY
@given(m=argument_maps())
def test_loading_an_aif_dump_gives_an_equal_map(m: ArgumentMap) -> None:
    assert argmap.loads(argmap.dumps(m, "aif"), "aif") == m


@PROPERTY
@given(m=argument_maps())
def test_dumping_a_loaded_aif_dump_gives_identical_text(m: ArgumentMap) -> None:
    text = argmap.dumps(m, "aif")
    assert argmap.dumps(argmap.loads(text, "aif"), "aif") == text


@PROPERTY
@given(m=argument_maps())
def test_an_aif_dump_is_sniffed_as_aif_and_a_json_dump_as_json(m: ArgumentMap) -> None:
    assert argmap.formats.format_for(path="m.json", text=argmap.dumps(m, "aif")).name == "aif"
    assert argmap.formats.format_for(path="m.json", text=argmap.dumps(m, "json")).name == "json"
