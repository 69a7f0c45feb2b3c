"""Reading a map holds the cyclic garbage collector off, and always gives it back in the
state it found it: on success, on an error, and when the caller had it off already."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import argmap
from argmap._gc import collector_paused
from argmap.errors import MapFormatError, ValidationError


@pytest.fixture
def collector() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after(collector: None) -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # an inner block leaves it to the outer one
    assert gc.isenabled()


def test_an_error_inside_turns_the_collector_back_on(collector: None) -> None:
    gc.enable()
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off(collector: None) -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_loading_a_map_pauses_the_collector_and_gives_it_back(
    collector: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.formats import _document

    seen: list[bool] = []
    read_located = _document.read_located

    def spying(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return read_located(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("argmap.formats.read_located", spying)
    gc.enable()
    loaded = argmap.loads("claims: {t: {text: T}, p: {text: P, supports: t}}")
    assert [claim.id for claim in loaded.claims] == ["t", "p"]
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("claims: {t: {text: T}, p: {text: P, supports: nowhere}}", ValidationError),
        ("claims: [unclosed", MapFormatError),
    ],
)
def test_a_map_that_fails_to_load_leaves_the_collector_on(
    collector: None, text: str, error: type[Exception]
) -> None:
    gc.enable()
    with pytest.raises(error):
        argmap.loads(text)
    assert gc.isenabled()
