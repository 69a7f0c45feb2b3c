"""The font subsets an SVG embeds are made once per font file and set of characters: a
map rendered again embeds the same bytes without subsetting or compressing anew, and a
font file changed on disk is subset again (counts of the subsetter's runs, no timings)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from argmap import MapBuilder
from argmap.model import ArgumentMap
from argmap.rendering import render, svg

SERIF = Path(__file__).parent / "data" / "fonts" / "NotoSerif-Regular-ascii.ttf"


def _map(reason: str) -> ArgumentMap:
    """A thesis (set in bold) and ``reason`` (in the regular face) supporting it."""
    builder = MapBuilder("Subsets")
    thesis = builder.thesis("t", "Socrates is mortal.")
    builder.premise("p", reason, supports=thesis)
    return builder.build()


@pytest.fixture
def subsets_made(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The (font file name, characters) of each subset made from now on, the cache empty."""
    made: list[tuple[str, str]] = []
    make = svg._cached_subset.__wrapped__

    def counted(path: str, size: int, modified: int, text: str) -> bytes:
        made.append((Path(path).name, text))
        return make(path, size, modified, text)

    cached = svg.functools.lru_cache(maxsize=svg._SUBSETS_KEPT)(counted)
    monkeypatch.setattr(svg, "_cached_subset", cached)
    return made


def test_a_map_rendered_again_is_not_subset_again(subsets_made: list[tuple[str, str]]) -> None:
    m = _map("All men are mortal.")
    first = render(m)
    faces = len(subsets_made)
    assert faces == 2  # Noto Sans regular (the text) and bold (the kind lines, the title)
    assert render(m) == first
    assert len(subsets_made) == faces


def test_other_characters_are_subset_and_the_same_characters_are_not(
    subsets_made: list[tuple[str, str]],
) -> None:
    render(_map("All men are mortal."))
    render(_map("All men are mortal!"))  # "!" is new to the regular face only
    assert [name for name, _ in subsets_made] == [
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoSans-Regular.ttf",
    ]
    assert "!" in subsets_made[2][1]
    assert "!" not in subsets_made[0][1]
    render(_map("All men are mortal."))  # both subsets still kept
    assert len(subsets_made) == 3


def test_a_font_file_changed_on_disk_is_subset_again(
    tmp_path: Path, subsets_made: list[tuple[str, str]]
) -> None:
    font = tmp_path / "serif.ttf"
    shutil.copyfile(SERIF, font)
    m = _map("All men are mortal.")
    render(m, fonts=[font])
    render(m, fonts=[font])
    assert [name for name, _ in subsets_made].count("serif.ttf") == 1
    info = font.stat()
    os.utime(font, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    render(m, fonts=[font])
    assert [name for name, _ in subsets_made].count("serif.ttf") == 2


def test_the_kept_subsets_are_bounded() -> None:
    assert svg._cached_subset.cache_info().maxsize == svg._SUBSETS_KEPT == 64
