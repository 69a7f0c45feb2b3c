"""The argument as a text outline: each thesis, then the reasons and objections under it,
nested, each with the word that says how it bears on what it is under.

The outline is what a reader of the picture follows with the eyes, written out: the
interactive HTML page shows it beside the picture (for the keyboard and for screen
readers), and ``argmap outline MAP`` prints it as Markdown.

- The roots are the theses, then every claim that bears on nothing (in map order), then,
  so that no claim is left out, the first claim of any cycle not reached from those.
- Under a claim come the sources of each relation that targets it, in map order, with
  the relation's kind (``supports``, ``attacks``); the premises of a linked relation each
  name the others (``together_with``). An undercut's sources come under the claim its
  inference concludes, with the word ``undercuts`` and the inference's relation.
- A claim reached a second time (a premise of two conclusions, a cycle) is shown in full
  once, where the outline first meets it; afterwards it is ``repeated``, without children.

>>> import argmap
>>> b = argmap.MapBuilder("Socrates")
>>> t = b.thesis("mortal", "Socrates is mortal.")
>>> b.premise("men", "All men are mortal.", supports=t)
'men'
>>> b.objection("gods", "Some say he is a god.", attacks=t)
'gods'
>>> print(outline_markdown(b.build()), end="")
# Socrates
<BLANKLINE>
- **Thesis** (mortal): Socrates is mortal.
  - *supports:* **Premise** (men): All men are mortal.
  - *attacks:* **Objection** (gods): Some say he is a god.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import attrs

from argmap.model import ArgumentMap, Claim, Inference, Relation

__all__ = [
    "OutlineEntry",
    "inference_relations",
    "kind_label",
    "outline",
    "outline_markdown",
    "relation_words",
    "walk",
]


@attrs.frozen
class OutlineEntry:
    """One claim at one place in the outline."""

    claim: Claim
    #: How the claim bears on the entry it is under: ``supports``, ``attacks``,
    #: ``undercuts``; ``""`` at the top.
    word: str = ""
    #: The index in ``argmap.relations`` of the relation that puts it here (None at the top).
    relation: int | None = None
    #: The other premises of a linked relation, which bear on the target only with this one.
    together_with: tuple[str, ...] = ()
    #: For an undercut: the index of the relation whose inference it attacks.
    inference: int | None = None
    children: tuple[OutlineEntry, ...] = ()
    #: The claim is shown in full earlier in the outline; here it has no children.
    repeated: bool = False


@attrs.define
class _Draft:
    """An entry while the outline is walked: its children are added as they are found,
    and whether it repeats a claim is known only when the walk reaches it."""

    entry: OutlineEntry
    repeated: bool = False
    children: list[_Draft] = attrs.field(factory=list)

    def freeze(self, children: tuple[OutlineEntry, ...]) -> OutlineEntry:
        return attrs.evolve(self.entry, children=children, repeated=self.repeated)


def outline(argmap: ArgumentMap) -> tuple[OutlineEntry, ...]:
    """The outline of ``argmap``: its roots, each with the entries under it (see the
    module's description). Ids the map does not know (a map with errors) are skipped.

    Built without recursion, so a chain of reasons of any length has an outline.
    """
    claims = {claim.id: claim for claim in argmap.claims}
    under = _reasons_under(argmap, claims)
    shown: set[str] = set()
    roots: list[_Draft] = []
    for claim in _root_order(argmap):
        if claim.id in shown:
            continue
        roots.append(_Draft(OutlineEntry(claim)))
        stack = [roots[-1]]
        while stack:  # depth first, in reading order: a claim is shown in full where first met
            draft = stack.pop()
            claim_id = draft.entry.claim.id
            if claim_id in shown:
                draft.repeated = True
                continue
            shown.add(claim_id)
            draft.children = [_Draft(entry) for entry in under.get(claim_id, ())]
            stack.extend(reversed(draft.children))
    return tuple(_freeze(root) for root in roots)


def _root_order(argmap: ArgumentMap) -> Iterator[Claim]:
    """Theses, then claims that bear on nothing, then every claim (for cycles)."""
    sources = {source for relation in argmap.relations for source in relation.sources}
    yield from argmap.theses
    yield from (c for c in argmap.claims if c.id not in sources)
    yield from argmap.claims


def _reasons_under(argmap: ArgumentMap, claims: dict[str, Claim]) -> dict[str, list[OutlineEntry]]:
    """For each claim id, the entries that come under it, in map order: the sources of
    the relations that target it, then those of the undercuts of its inferences."""
    inferences = inference_relations(argmap)
    under: dict[str, list[OutlineEntry]] = {}
    undercuts: dict[str, list[OutlineEntry]] = {}
    for index, relation in enumerate(argmap.relations):
        if isinstance(relation.target, Inference):
            attacked = inferences.get(relation.target)
            anchor = _concluded(relation.target)
            bucket, word = undercuts.setdefault(anchor, []), "undercuts"
        else:
            attacked, anchor = None, relation.target
            bucket, word = under.setdefault(anchor, []), relation.kind.value
        for source in relation.sources:
            if source in claims and anchor in claims:
                others = tuple(s for s in relation.sources if s != source)
                bucket.append(OutlineEntry(claims[source], word, index, others, attacked))
    for anchor, entries in undercuts.items():
        under.setdefault(anchor, []).extend(entries)
    return under


def inference_relations(argmap: ArgumentMap) -> dict[Inference, int]:
    """The index in ``argmap.relations`` of each inference's relation (the first, in map
    order), by the inference: an :class:`~argmap.model.Inference` hashes by what
    :meth:`~argmap.model.Inference.matches` compares, so an undercut's target finds the
    relation it attacks in one look-up."""
    found: dict[Inference, int] = {}
    for index, relation in enumerate(argmap.relations):
        found.setdefault(relation.inference, index)
    return found


def _concluded(target: Inference) -> str:
    """The claim an inference (or the inference an undercut attacks, and so on) concludes."""
    concluded: Inference | str = target
    while isinstance(concluded, Inference):
        concluded = concluded.target
    return concluded


def _freeze(root: _Draft) -> OutlineEntry:
    """``root`` and everything under it as frozen entries, children before parents."""
    order: list[_Draft] = []
    stack = [root]
    while stack:
        draft = stack.pop()
        order.append(draft)
        stack.extend(draft.children)
    frozen: dict[int, OutlineEntry] = {}
    for draft in reversed(order):
        frozen[id(draft)] = draft.freeze(tuple(frozen[id(c)] for c in draft.children))
    return frozen[id(root)]


def walk(entries: tuple[OutlineEntry, ...]) -> Iterator[tuple[int, OutlineEntry]]:
    """Every entry under ``entries`` with its depth (0 for a root), in reading order."""
    stack = [(0, entry) for entry in reversed(entries)]
    while stack:
        depth, entry = stack.pop()
        yield depth, entry
        stack.extend((depth + 1, child) for child in reversed(entry.children))


# CommonMark reads these as markup wherever they stand in a line of text; a backslash
# before any ASCII punctuation is always read as that character.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~&!#])")


def markdown_text(text: str) -> str:
    """``text`` on one line, with every character Markdown would read as markup escaped.

    >>> markdown_text("a *b* <i>\\n[c]")
    'a \\\\*b\\\\* \\\\<i\\\\> \\\\[c\\\\]'
    """
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def outline_markdown(argmap: ArgumentMap) -> str:
    """The outline of ``argmap`` as a Markdown document: the title as a heading, then one
    nested list item per entry, ``*word:* **Kind** (id): text``, with a claim's verbatim
    quote as a block quote under it and an actor's name after the kind. Map text is
    escaped: it is never read as Markdown markup."""
    actors = {actor.id: actor.name for actor in argmap.actors}
    lines = [f"# {markdown_text(argmap.title)}", ""] if argmap.title else []
    for depth, entry in walk(outline(argmap)):
        indent = "  " * depth
        lines.append(f"{indent}- {_item(argmap, entry, actors)}")
        if entry.claim.quote and not entry.repeated:
            lines.append(f"{indent}  > “{markdown_text(entry.claim.quote)}”")
    return "".join(f"{line}\n" for line in lines)


def _item(argmap: ArgumentMap, entry: OutlineEntry, actors: dict[str, str]) -> str:
    claim = entry.claim
    kind = markdown_text(kind_label(claim, actors))
    text = f"**{kind}** ({markdown_text(claim.id)}): {markdown_text(claim.text)}"
    if entry.repeated:
        text = f"**{kind}** ({markdown_text(claim.id)}), as above"
    if not entry.word:
        return text
    return f"*{markdown_text(relation_words(argmap, entry))}:* {text}"


def kind_label(claim: Claim, actors: Mapping[str, str]) -> str:
    """A claim's kind as a label, with its actor's name (``actors``: names by id):
    ``Premise``, ``Motive of United States``."""
    kind = claim.kind.value.capitalize()
    return f"{kind} of {actors.get(claim.actor, claim.actor)}" if claim.actor else kind


def relation_words(argmap: ArgumentMap, entry: OutlineEntry) -> str:
    """The words that say how an entry bears on the one it is under: ``supports``,
    ``supports, with b``, ``undercuts the inference from a``; plain text (the Markdown
    and the HTML outline each escape it)."""
    words = entry.word
    if entry.together_with:
        words += ", with " + " and ".join(entry.together_with)
    if entry.inference is not None:
        attacked: Relation = argmap.relations[entry.inference]
        words += " the inference from " + " and ".join(attacked.sources)
    return words
