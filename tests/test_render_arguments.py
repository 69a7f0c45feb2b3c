"""The library's boundary: a wrong argument to render() or an engine is reported where
it is made, naming the parameter (TypeError for a wrong type, RenderError for a value
out of range), never as an AttributeError from deep inside, and never as a hang."""

from __future__ import annotations

from typing import Any

import pytest
from render_support import load_map

from argmap import RenderError
from argmap.rendering import render
from argmap.rendering.engines import get_engine

POSITIVE = "must be a finite number greater than 0"


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        (
            ("str",),
            TypeError,
            "render() draws an ArgumentMap (from argmap.load or MapBuilder.build), not str",
        ),
        (
            (None,),
            TypeError,
            "render() draws an ArgumentMap (from argmap.load or MapBuilder.build), not NoneType",
        ),
        ((load_map("plain"), 3), TypeError, "format must be a string, not int"),
        (
            (load_map("plain"), "gif"),
            RenderError,
            "unknown format 'gif' (one of: svg, png, pdf, dot, html)",
        ),
    ],
)
def test_the_map_and_format_are_checked(
    arguments: tuple[Any, ...], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        render(*arguments)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("option", "error", "message"),
    [
        (
            {"engine": None},
            TypeError,
            "engine must be a name (embedded, system) or an Engine, not NoneType",
        ),
        ({"engine": "wasm"}, RenderError, "unknown engine 'wasm' (one of: embedded, system)"),
        ({"theme": None}, TypeError, "theme must be a name or a Theme, not NoneType"),
        ({"direction": None}, TypeError, "direction must be a string, not NoneType"),
        ({"direction": "up"}, RenderError, "unknown direction 'up' (one of: TB, LR, BT, RL)"),
        ({"legend": "no"}, TypeError, "legend must be True or False, not str"),
        ({"title": None}, TypeError, "title must be True or False, not NoneType"),
        ({"timeout": "5"}, TypeError, "timeout must be a number, not str"),
        ({"timeout": None}, TypeError, "timeout must be a number, not NoneType"),
        ({"timeout": True}, TypeError, "timeout must be a number, not bool"),
        ({"timeout": float("inf")}, RenderError, f"timeout {POSITIVE}, not inf"),
        ({"timeout": float("nan")}, RenderError, f"timeout {POSITIVE}, not nan"),
        ({"timeout": 0}, RenderError, f"timeout {POSITIVE}, not 0"),
        ({"timeout": -1.5}, RenderError, f"timeout {POSITIVE}, not -1.5"),
        ({"timeout": 10**400}, RenderError, f"timeout {POSITIVE}, not inf"),
        ({"dpi": None}, TypeError, "dpi must be a number, not NoneType"),
        ({"dpi": float("-inf")}, RenderError, f"dpi {POSITIVE}, not -inf"),
    ],
)
@pytest.mark.parametrize("format", ["svg", "dot"])
def test_each_option_is_checked_before_anything_is_drawn(
    option: dict[str, Any], error: type[Exception], message: str, format: str
) -> None:
    with pytest.raises(error) as caught:
        render(load_map("plain"), format, **option)
    assert str(caught.value) == message


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), -1])
def test_an_engine_refuses_a_timeout_that_is_not_a_positive_number(timeout: float) -> None:
    with pytest.raises(RenderError, match=f"^timeout {POSITIVE}, not "):
        get_engine("embedded").run("digraph { a }", "svg", timeout)


def test_an_engine_object_and_a_theme_object_are_taken_as_they_are() -> None:
    from argmap.rendering.themes import THEMES

    engine = get_engine("embedded")
    assert render(load_map("plain"), engine=engine, theme=THEMES["print"], timeout=30) == render(
        load_map("plain"), theme="print"
    )
