"""Where lines break: text cut into the units a line may break between, filled greedily.

A line may break at a space, and between two wide (CJK) characters, since CJK puts no
spaces between words. It never breaks inside a character cluster (a letter with its
marks, an emoji sequence, a flag) nor at a no-break space, unless a word is wider than
any line: then it starts a line of its own and is cut where it must be, at its no-break
spaces first (which the break replaces, as a break replaces a space), then between
clusters.

The cost is linear in the length of the text: each unit and cluster is shaped once on
its own, a line's width is their sum, and HarfBuzz shapes a whole line only to confirm
a break or a line close to the measure. A word longer than ``limits.word_chars``
characters is refused before anything is measured.

>>> from argmap.rendering.typeset import default_fonts
>>> fonts = default_fonts()
>>> wrap("Socrates is mortal.", lambda text: fonts.width(text, 10.5), 60.0)
['Socrates is', 'mortal.']
>>> wrap("10\\u00a0km away", lambda text: fonts.width(text, 10.5), 20.0)
['10', 'km', 'aw', 'ay']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

import attrs

from argmap import limits
from argmap.errors import RenderError

__all__ = ["NO_BREAK_SPACES", "WordTooLong", "check_words", "wrap"]

#: Spaces that hold the words on either side together.
NO_BREAK_SPACES = "\u00a0\u2007\u202f"
# Characters that forbid a break on either side of them.
_GLUE = NO_BREAK_SPACES + "\u2060\ufeff"
_NO_BREAK_RUN = re.compile(f"([{NO_BREAK_SPACES}]+)")
_ZWJ = "\u200d"

#: The width of a string in points.
Width = Callable[[str], float]


class WordTooLong(RenderError):
    """A word longer than ``limits.word_chars`` characters: too long to draw."""

    def __init__(self, word: str) -> None:
        self.length = len(word)
        start = word[:20] + ("\u2026" if len(word) > 20 else "")
        super().__init__(
            f"a word of {len(word):,} characters ({start!r}) is too long to draw; "
            f"{limits.current().hint('word_chars')}"
        )


@attrs.frozen
class _Item:
    """What a line is filled with: a unit that may not break, or a cluster of a word that
    must. ``joiner`` goes before it when it continues a line; ``fresh`` starts a line."""

    text: str
    joiner: str
    width: float
    fresh: bool = False


def wrap(text: str, width: Width, measure: float) -> list[str]:
    """``text`` (cleaned: single spaces, no edge spaces) in lines no wider than
    ``measure`` where possible; raises :class:`WordTooLong` for a word over the limit."""
    check_words(text)
    return _fill(_items(text, width, measure), width, measure)


def check_words(text: str) -> None:
    """Raise :class:`WordTooLong` when a word of ``text`` (a run of characters with no
    space, no-break space or place to break) is longer than ``limits.word_chars``."""
    limit = limits.current().word_chars
    if len(text) <= limit:  # no word of it can be longer (most text)
        return
    for word in text.split(" "):
        if len(word) > limit:  # else no run of it can be
            for run in _runs(word):
                if len(run) > limit:
                    raise WordTooLong(run)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _regional(char: str) -> bool:
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def _extends(char: str, previous: str, regional_run: int) -> bool:
    """Whether ``char`` continues the cluster whose last character is ``previous``
    (``regional_run`` regional indicators end it): marks, joiners, variation selectors,
    skin tones, emoji tags, what follows a zero-width joiner, a flag's second letter."""
    if previous == _ZWJ or char == _ZWJ or unicodedata.category(char)[0] == "M":
        return True
    code = ord(char)
    if 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
        return True
    return _regional(char) and regional_run % 2 == 1


def _clusters(word: str) -> Iterator[str]:
    """``word`` cut into clusters: what a line never breaks inside."""
    start = 0
    regional_run = 0
    for index in range(1, len(word) + 1):
        if index < len(word) and _extends(word[index], word[index - 1], regional_run):
            regional_run = regional_run + 1 if _regional(word[index]) else 0
            continue
        yield word[start:index]
        start = index
        regional_run = 1 if index < len(word) and _regional(word[index]) else 0


def _breaks_between(before: str, after: str) -> bool:
    """Whether a line may break between two clusters of one word: between CJK ones."""
    if before[-1] in _GLUE or after[0] in _GLUE:
        return False
    return _is_wide(before[0]) or _is_wide(after[0])


def _units(text: str) -> Iterator[tuple[str, str]]:
    """The units of ``text`` a line may break between, each with what joins it to the
    unit before on a line: a space, or nothing (between CJK characters)."""
    for word in text.split(" "):
        if not word:
            continue
        if word.isascii():  # no marks, joiners or wide characters: one unit
            yield word, " "
            continue
        joiner = " "
        unit: list[str] = []
        for cluster in _clusters(word):
            if unit and _breaks_between(unit[-1], cluster):
                yield "".join(unit), joiner
                unit, joiner = [], ""
            unit.append(cluster)
        if unit:
            yield "".join(unit), joiner


def _runs(word: str) -> Iterator[str]:
    """The runs of ``word`` between its places to break and its no-break spaces."""
    start = offset = 0
    previous = ""
    for cluster in _clusters(word):
        if cluster[0] in NO_BREAK_SPACES:
            yield word[start:offset]
            start = offset + len(cluster)
        elif previous and _breaks_between(previous, cluster):
            yield word[start:offset]
            start = offset
        offset += len(cluster)
        previous = cluster
    yield word[start:]


def _items(text: str, width: Width, measure: float) -> Iterator[_Item]:
    """What lines are filled with: each unit, or the parts of one too wide for a line."""
    for unit, joiner in _units(text):
        unit_width = width(unit)
        if unit_width <= measure:
            yield _Item(unit, joiner, unit_width)
            continue
        # Too wide for any line: on a line of its own, cut at its no-break spaces, and
        # any part still too wide cut between clusters.
        parts = _NO_BREAK_RUN.split(unit)
        fresh = True
        for index in range(0, len(parts), 2):
            part = parts[index]
            part_joiner = joiner if index == 0 else parts[index - 1]
            part_width = width(part)
            if part_width <= measure:
                yield _Item(part, part_joiner, part_width, fresh)
                fresh = False
                continue
            for position, cluster in enumerate(_clusters(part)):
                cluster_joiner = part_joiner if position == 0 else ""
                yield _Item(cluster, cluster_joiner, width(cluster), position == 0)
            fresh = False


def _joined(items: list[_Item]) -> str:
    return items[0].text + "".join(item.joiner + item.text for item in items[1:])


def _fill(items: Iterable[_Item], width: Width, measure: float) -> list[str]:
    """Greedy filling: each line takes items while they fit.

    A line's width is estimated as the sum of its items' widths; only a line that the
    estimate puts over the measure is shaped whole, so a line of thousands of
    zero-width characters costs no more than their number. Every finished line of
    several items is shaped once to confirm it fits; if the estimate erred, the line
    gives back the items past the longest prefix that fits, to start the next line.
    """
    lines: list[str] = []
    line: list[_Item] = []
    text = ""  # the line's items joined: _joined(line)
    estimate = 0.0
    pending: list[_Item] = []  # given back by a line that did not fit, last first
    source = iter(items)
    joiners: dict[str, float] = {}  # the width of each joiner, asked once a text
    while True:
        item = pending.pop() if pending else next(source, None)
        if line and item is not None and not item.fresh:
            joiner = item.joiner
            joiner_width = joiners.get(joiner)
            if joiner_width is None:
                joiner_width = joiners[joiner] = width(joiner)
            guess = estimate + joiner_width + item.width
            joined = text + joiner + item.text
            if guess > measure:  # shape the whole line: the sum may err at the joins
                guess = width(joined)
            if guess <= measure:
                line.append(item)
                text = joined
                estimate = guess
                continue
        if line:  # the line is finished
            kept = _settle(line, text, width, measure)
            lines.append(text if kept == len(line) else _joined(line[:kept]))
            if item is not None:
                pending.append(item)
            pending.extend(reversed(line[kept:]))
            line = []
            continue
        if item is None:
            return lines or [""]
        line, text, estimate = [item], item.text, item.width


def _settle(line: list[_Item], text: str, width: Width, measure: float) -> int:
    """How many of a finished line's items (joined: ``text``) fit: all, if its shaped
    width confirms the estimate; else the longest prefix that fits (at least one item)."""
    if len(line) == 1 or width(text) <= measure:
        return len(line)
    low, high = 1, len(line) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if width(_joined(line[:middle])) <= measure:
            low = middle
        else:
            high = middle - 1
    return low
