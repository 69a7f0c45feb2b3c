"""Mermaid flowchart export, for GitHub, GitLab, Obsidian and other Markdown viewers.

argmap writes Mermaid but does not read it. The map is a ``flowchart BT``: reasons
below, each relation an arrow up into what it bears on, so the thesis sits on top as in
argmap's pictures. Each claim is a node with its kind line and, on a second line, its
text, styled by a ``classDef`` per kind in the colours of argmap's default theme
(rounded or square corners, dashed or dotted borders as there); groups are
``subgraph`` blocks; the title is the diagram's title (front matter).

Relations: ``-->`` supports, ``--x`` attacks, ``-.-x`` undercuts, each kind in its own
colour (``linkStyle`` by index). The premises of a linked relation meet at a small
junction node (lines ``---``, or ``-.-`` for an undercut) from which one arrow runs to
the target; a relation that an undercut attacks gets such a junction too, and the
undercut's arrow ends on it.

Nothing in a text can break the diagram or be read as more than text. Node ids are made
from the claim ids (``c_`` and letters, digits and ``_`` only, numbered when two would
collide, so no Mermaid keyword such as ``end`` can be one). Every label is in double
quotes, each ASCII character but letters, digits, space and ``.,!?'()-/`` written as a
Mermaid entity code (``#35;`` for ``#``), as are the two characters Mermaid uses for
entity codes inside (U+FB02, U+00B6); an invisible word joiner (U+2060) splits what
Mermaid would still read after decoding them (``$$`` as KaTeX, ``fa:fa-`` as an icon).
Labels show the text as argmap draws it: white space runs as one space, unprintable
characters dropped. The title, which Mermaid shows as sanitized HTML, has ``&<>`` as
look-alikes (U+FF06, U+2039, U+203A).

>>> from argmap.model import ArgumentMap, Claim, Relation
>>> m = ArgumentMap(claims=[Claim(id="end", text='Say "no" #1', kind="thesis"),
...                         Claim(id="p", text="<b>P</b>")],
...                 relations=[Relation(sources=["p"], target="end")])
>>> print(dumps(m), end="")  # doctest: +ELLIPSIS
flowchart BT
    classDef thesis fill:#E9EFF8,stroke:#1F3A5F,...
    classDef premise ...
    c_end("THESIS
Say #34;no#34; #35;1")
    c_p("PREMISE
#60;b#62;P#60;/b#62;")
    c_p --> c_end
    class c_end thesis
    class c_p premise
    linkStyle 0 stroke:#3B8B45,stroke-width:1.5px
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from argmap.formats._export_common import (
    Junctions,
    clean_text,
    default_theme,
    kind_line,
    require_valid,
)
from argmap.model import ArgumentMap, ClaimKind, Relation, RelationKind

if TYPE_CHECKING:
    from argmap.rendering.themes import NodeStyle

__all__ = ["WORD_JOINER", "dumps"]

_INDENT = "    "
# ASCII characters a label keeps as they are; every other ASCII character is an entity
# code. ':' must be one: Mermaid drops the last ';' of any line holding
# "style...:...#...;" before it reads the line, which would cut a label's entity code.
_PLAIN = re.compile(r"[A-Za-z0-9 .,!?'()\-/]")
# Non-ASCII characters Mermaid gives a meaning: its stand-ins for '&', '#' and ';'.
_MERMAID_INTERNAL = {"\ufb02", "\u00b6"}
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_]+")
# Long ids are shortened in the diagram: it does not show them.
_ID_CHARS = 40

# A link per relation kind: from a premise to the target, and from a premise to a
# junction (no arrowhead there, as in argmap's pictures).
_ARROWS = {
    RelationKind.SUPPORTS: ("-->", "---"),
    RelationKind.ATTACKS: ("--x", "---"),
    RelationKind.UNDERCUTS: ("-.-x", "-.-"),
}
_DASHES = {"dashed": "6 3", "dotted": "2 2"}
# Mermaid shows a title as the HTML its sanitizer gives back ("&amp;" for "&") and drops
# what looks like a tag: the three characters that HTML escapes are written as
# look-alikes: the full-width ampersand and the single angle quotation marks.
_TITLE_LOOKALIKES = str.maketrans({"&": "\uff06", "<": "\u2039", ">": "\u203a"})


# What Mermaid reads in a label's text after it has decoded the entity codes, and in the
# whole picture after drawing it: "$$...$$" as KaTeX, "fa:fa-car" as an icon, its
# stand-ins for '&#' and ';'. An invisible word joiner (U+2060) keeps each apart.
_MERMAID_MEANS = re.compile(
    r"(?<=\$)(?=\$)|(?<=fa:)(?=fa-)|(?<=fa[bklrs]:)(?=fa-)"
    r"|(?<=\ufb02)(?=\u00b0)|(?<=\u00b6)(?=\u00df)"
)
WORD_JOINER = "\u2060"


def _shown(text: str) -> str:
    """``text`` as argmap draws it, with nothing Mermaid would read as more than text."""
    return _MERMAID_MEANS.sub(WORD_JOINER, clean_text(text))


def _label(text: str) -> str:
    """``text`` as the inside of a quoted Mermaid label that nothing can break."""
    return "".join(
        char
        if _PLAIN.match(char) or (char >= "\x80" and char not in _MERMAID_INTERNAL)
        else f"#{ord(char)};"
        for char in text
    )


def _ids(argmap: ArgumentMap) -> dict[str, str]:
    """A Mermaid node id for each claim id: ``c_`` and the id's safe part, numbered
    when two claims would share one."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for claim in argmap.claims:
        base = "c_" + _ID_UNSAFE.sub("_", claim.id)[:_ID_CHARS]
        name, number = base, 2
        while name in taken:
            name, number = f"{base}_{number}", number + 1
        taken.add(name)
        ids.setdefault(claim.id, name)
    return ids


def dumps(argmap: ArgumentMap) -> str:
    """The Mermaid flowchart of ``argmap``; raises :class:`ValidationError` for a map
    with errors (an unknown id, an undercut of no relation, ...)."""
    require_valid(argmap)
    return "".join(f"{line}\n" for line in _lines(argmap))


def _lines(argmap: ArgumentMap) -> Iterator[str]:
    title = _shown(argmap.title or "").translate(_TITLE_LOOKALIKES)
    if title:
        # JSON's string is a YAML double-quoted scalar: nothing in it ends the front matter.
        yield "---"
        yield f"title: {json.dumps(title, ensure_ascii=False)}"
        yield "---"
    yield "flowchart BT"
    theme = default_theme()
    kinds = [kind for kind in ClaimKind if any(c.kind is kind for c in argmap.claims)]
    for kind in kinds:
        yield f"{_INDENT}classDef {kind.value} {_class_style(theme.node(kind))}"
    junctions = Junctions(argmap)
    junction_kinds = [
        kind
        for kind in RelationKind
        if any(junctions.has(i) and r.kind is kind for i, r in enumerate(argmap.relations))
    ]
    for relation_kind in junction_kinds:
        colour = theme.relation(relation_kind).color
        yield f"{_INDENT}classDef {relation_kind.value}_junction fill:{colour},stroke:{colour}"
    ids = _ids(argmap)
    grouped: set[str] = set()
    for index, group in enumerate(argmap.groups):
        members = [m for m in group.members if m not in grouped]
        grouped.update(members)
        yield f'{_INDENT}subgraph g{index}["{_label(_shown(group.label))}"]'
        for member in members:
            yield _INDENT + _node(argmap, member, ids)
        yield f"{_INDENT}end"
        yield (
            f"{_INDENT}style g{index} fill:{theme.group_fill},stroke:{theme.group_border},"
            f"color:{theme.group_label},stroke-dasharray:{_DASHES['dashed']}"
        )
    for claim in argmap.claims:
        if claim.id not in grouped:
            yield _node(argmap, claim.id, ids)
    for index in sorted(junctions.indices):
        yield f'{_INDENT}j{index}((" "))'
    # linkStyle names links by their place among all the links of the diagram.
    links: dict[RelationKind, list[int]] = {kind: [] for kind in RelationKind}
    count = 0
    for index, relation in enumerate(argmap.relations):
        for line in _links(relation, index, junctions, ids):
            links[relation.kind].append(count)
            count += 1
            yield f"{_INDENT}{line}"
    for claim in argmap.claims:
        yield f"{_INDENT}class {ids[claim.id]} {claim.kind.value}"
    for index, relation in enumerate(argmap.relations):
        if junctions.has(index):
            yield f"{_INDENT}class j{index} {relation.kind.value}_junction"
    for relation_kind, indices in links.items():
        if indices:
            style = theme.relation(relation_kind)
            numbers = ",".join(str(i) for i in indices)
            dash = f",stroke-dasharray:{_DASHES[style.line]}" if style.line in _DASHES else ""
            yield (
                f"{_INDENT}linkStyle {numbers} stroke:{style.color},"
                f"stroke-width:{style.penwidth + 0.2:g}px{dash}"
            )


def _class_style(style: NodeStyle) -> str:
    parts = [
        f"fill:{style.fill}",
        f"stroke:{style.border}",
        f"color:{style.text}",
        f"stroke-width:{style.penwidth:g}px",
    ]
    if style.line in _DASHES:
        parts.append(f"stroke-dasharray:{_DASHES[style.line]}")
    if style.bold:
        parts.append("font-weight:bold")
    return ",".join(parts)


def _node(argmap: ArgumentMap, claim_id: str, ids: dict[str, str]) -> str:
    claim = argmap.claim(claim_id)
    style = default_theme().node(claim.kind)
    line, text = _shown(kind_line(argmap, claim)), _shown(claim.text)
    # A line break in the quotes, not "<br>": Mermaid reads a label with "<br>" as
    # Markdown ("**a**" in bold, a backslash before a quote dropped).
    label = f"{_label(line)}\n{_label(text)}"
    opening, closing = ('("', '")') if style.rounded else ('["', '"]')
    return f"{_INDENT}{ids[claim_id]}{opening}{label}{closing}"


def _links(
    relation: Relation, index: int, junctions: Junctions, ids: dict[str, str]
) -> Iterator[str]:
    arrow, line = _ARROWS[relation.kind]
    end = junctions.target(relation)
    target = ids[end] if isinstance(end, str) else f"j{end}"
    if not junctions.has(index):
        yield f"{ids[relation.sources[0]]} {arrow} {target}"
        return
    for source in relation.sources:
        yield f"{ids[source]} {line} j{index}"
    yield f"j{index} {arrow} {target}"
