"""Typesetting does work in proportion to what is new, not to the size of the map: each
distinct character is looked up in the fonts once per weight, and HarfBuzz shapes each
distinct word once and each line a bounded number of times (counts, never timings)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator

import pytest

from argmap.model import ClaimKind
from argmap.rendering.themes import THEMES
from argmap.rendering.typeset import FONT_DIR, NOTO_CHAIN, Face, FontSet, NotoTypesetter

# Words in the scripts the fonts split between: Latin (with accents and digits), Arabic,
# Hebrew, CJK and emoji, so that runs change face inside a claim.
_WORDS = [
    "mortal", "Socrates", "men", "all", "is", "a", "the", "premise", "café", "naïve",
    "1802", "(see", "p.", "12)", "سلام", "الحرب", "שלום", "和平", "战争与和平", "🕊", "👍🏽",
]  # fmt: skip


def _texts(claims: int, seed: int = 7) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(claims):
        yield " ".join(rng.choices(_WORDS, k=rng.randint(3, 30))) + "."


class _Counting:
    """Counts the calls of ``Face.covers`` (by character), ``Face.advance`` (by run) and
    the texts a font set measures (by text and weight) in font sets made after it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.covers: Counter[str] = Counter()
        self.shaped: Counter[str] = Counter()
        self.measured: Counter[tuple[str, bool]] = Counter()
        covers, advance, measure = Face.covers, Face.advance, FontSet._measure

        def counted_covers(face: Face, char: str) -> bool:
            self.covers[char] += 1
            return covers(face, char)

        def counted_advance(face: Face, text: str) -> float:
            self.shaped[text] += 1
            return advance(face, text)

        def counted_measure(fonts: FontSet, text: str, bold: bool) -> float:
            self.measured[text, bold] += 1
            return measure(fonts, text, bold)

        monkeypatch.setattr(Face, "covers", counted_covers)
        monkeypatch.setattr(FontSet, "_measure", counted_measure)
        monkeypatch.setattr(Face, "advance", counted_advance)


def _typeset(typesetter: NotoTypesetter, texts: list[str]) -> int:
    """Set each text as a claim (premise, then thesis: two sizes, bold and regular);
    return how many lines were drawn."""
    lines = 0
    for index, text in enumerate(texts):
        kind = ClaimKind.THESIS if index % 5 == 0 else ClaimKind.PREMISE
        style = THEMES["default"].node(kind)
        lines += len(typesetter.claim("PREMISE", text, kind, style).lines)
    return lines


@pytest.mark.parametrize("claims", [50, 500])
def test_each_distinct_character_is_looked_up_once_per_weight(
    monkeypatch: pytest.MonkeyPatch, claims: int
) -> None:
    counting = _Counting(monkeypatch)
    fonts = FontSet(NOTO_CHAIN, FONT_DIR)
    texts = list(_texts(claims))
    _typeset(NotoTypesetter(fonts), texts)
    faces = len(NOTO_CHAIN)
    # Each look-up asks every face of one weight's chain; a character is looked up at
    # most once for regular and once for bold, however often it occurs.
    assert counting.covers
    assert max(counting.covers.values()) <= 2 * faces
    assert set(counting.covers) <= {char for text in [*texts, "PREMISE"] for char in text}


def test_setting_the_same_texts_again_looks_nothing_up_and_shapes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    typesetter = NotoTypesetter(FontSet(NOTO_CHAIN, FONT_DIR))
    texts = list(_texts(200))
    first = _typeset(typesetter, texts)
    counting = _Counting(monkeypatch)
    again = _typeset(typesetter, texts)
    assert again == first
    assert counting.covers == Counter()
    assert counting.shaped == Counter()


def test_each_word_is_shaped_once_and_each_line_a_few_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counting = _Counting(monkeypatch)
    fonts = FontSet(NOTO_CHAIN, FONT_DIR)
    texts = list(_texts(500))
    lines = _typeset(NotoTypesetter(fonts), texts)
    # A word is measured once per weight, whatever its size (widths scale with it).
    words = {key for key in counting.measured if " " not in key[0]}
    assert len(words) >= len(_WORDS)
    assert {counting.measured[word] for word in words} == {1}
    # A line is measured to confirm it fits and, when the sum of its words' widths puts
    # it near the measure, to find where it breaks (2,644 measures for 2,115 lines).
    assert sum(counting.measured.values()) - len(words) <= 2 * lines
    # Shaping: once per run of one face in what is measured.
    assert sum(counting.shaped.values()) <= 5 * sum(counting.measured.values())
