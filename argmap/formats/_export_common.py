"""What the picture-source writers (GraphML, Mermaid) share: a valid map, the kind
line of a claim, and which relations are drawn through a junction.

Both draw a map as argmap's own renderer does: a relation of one premise is one edge
from the premise to its target; the premises of a linked relation meet at a junction
node, from which one edge runs to the target; and a relation that an undercut attacks
gets a junction too, so that the undercut has a node to end on (graph formats have no
edges to edges).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.errors import Severity, ValidationError
from argmap.model import ArgumentMap, Claim, Relation, Target
from argmap.validation import validate

if TYPE_CHECKING:
    from argmap.rendering.themes import Theme

__all__ = ["Junctions", "clean_text", "default_theme", "kind_line", "require_valid"]

#: Shown in the kind line of a claim that quotes its source, as in argmap's pictures.
QUOTE_MARK = "\u201c\u2026\u201d"


# The renderer is imported only when a picture's source is written: reading and
# validating a map (which import the formats) never load it.


def default_theme() -> Theme:
    """argmap's default theme, whose colours the exports use."""
    from argmap.rendering.themes import THEMES

    return THEMES["default"]


def clean_text(text: str) -> str:
    """``text`` as argmap draws it (see :func:`argmap.rendering.typeset.clean_text`)."""
    from argmap.rendering import typeset

    return typeset.clean_text(text)


def require_valid(argmap: ArgumentMap) -> None:
    """Raise :class:`ValidationError` with every error of ``argmap``, if it has any.

    A writer of another tool's picture source needs every id to be known, every undercut
    to end on a relation of the map, and every claim in one group at most.
    """
    problems = validate(argmap, severity=Severity.ERROR)
    if problems:
        raise ValidationError(problems)


def kind_line(argmap: ArgumentMap, claim: Claim) -> str:
    """The small line above a claim's text: ``MOTIVE · UNITED STATES “…”``.

    >>> from argmap.model import Actor, Claim
    >>> m = ArgumentMap(actors=[Actor("us", "United States")],
    ...                 claims=[Claim(id="m", text="M", kind="motive", actor="us", quote="q")])
    >>> kind_line(m, m.claim("m"))
    'MOTIVE · UNITED STATES  “…”'
    """
    parts = [claim.kind.value.upper()]
    if claim.actor is not None:
        names = {actor.id: actor.name for actor in reversed(argmap.actors)}
        parts.append(names.get(claim.actor, claim.actor).upper())
    line = " \u00b7 ".join(parts)
    return f"{line}  {QUOTE_MARK}" if claim.quote else line


def _inference_key(sources: tuple[str, ...], target: Target) -> tuple[object, ...]:
    """What :meth:`Inference.matches` compares, as a key: sources in any order, target."""
    return (tuple(sorted(sources)), target)


class Junctions:
    """Which relations of a map are drawn through a junction, and where each relation's
    edge to its target ends.

    Relations are named by their index in ``argmap.relations``; an inference that
    several relations share is the first of them, as in argmap's pictures.
    """

    def __init__(self, argmap: ArgumentMap) -> None:
        self._first: dict[tuple[object, ...], int] = {}
        for index, relation in enumerate(argmap.relations):
            self._first.setdefault(_inference_key(relation.sources, relation.target), index)
        undercut = {
            _inference_key(r.target.sources, r.target.target)
            for r in argmap.relations
            if not isinstance(r.target, str)
        }
        self.indices: frozenset[int] = frozenset(
            index
            for index, relation in enumerate(argmap.relations)
            if relation.linked or _inference_key(relation.sources, relation.target) in undercut
        )

    def has(self, index: int) -> bool:
        """Whether relation ``index`` is drawn through a junction."""
        return index in self.indices

    def target(self, relation: Relation) -> str | int:
        """Where ``relation``'s edge ends: a claim id, or the index of the relation whose
        junction an undercut ends on (a valid map's undercut always finds one)."""
        if isinstance(relation.target, str):
            return relation.target
        return self._first[_inference_key(relation.target.sources, relation.target.target)]
