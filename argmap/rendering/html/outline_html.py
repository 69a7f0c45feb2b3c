"""The outline of the argument as an HTML WAI-ARIA tree, beside the picture.

Built here rather than by the script, so that the outline is there for a reader (and a
screen reader) even before the script runs; every piece of map text is escaped once,
by :func:`html.escape`, into text or a quoted attribute value.

>>> import argmap
>>> b = argmap.MapBuilder("t")
>>> t = b.thesis("a<b", "A & B")
>>> print(outline_tree(b.build()))  # doctest: +NORMALIZE_WHITESPACE
<ul role="tree" aria-label="Outline of the argument" class="tree">
<li role="treeitem" id="o1" data-id="a&lt;b" aria-selected="false" tabindex="0"
aria-labelledby="o1-label"><div class="row" id="o1-label"><span class="kind">Thesis</span>
<span class="text">A &amp; B</span></div></li>
</ul>
"""

from __future__ import annotations

from html import escape

from argmap.model import ArgumentMap
from argmap.outline import OutlineEntry, kind_label, outline, relation_words

__all__ = ["outline_tree"]


def outline_tree(argmap: ArgumentMap) -> str:
    """The outline of ``argmap`` (:func:`argmap.outline.outline`) as a ``role=tree`` list:
    one ``treeitem`` per entry, nested as the outline is, each with its claim's id in
    ``data-id``, the word that says how it bears on its parent, its kind (and actor)
    and its text; a repeated claim says "as above" and has ``data-repeated``. The first
    entry is the tree's one tab stop (a roving tabindex the script moves)."""
    actors = {actor.id: actor.name for actor in argmap.actors}
    parts = ['<ul role="tree" aria-label="Outline of the argument" class="tree">\n']
    count = 0
    # Built with a stack, not recursion: a chain of reasons of any length has an outline.
    stack: list[OutlineEntry | str] = list(reversed(outline(argmap)))
    while stack:
        item = stack.pop()
        if isinstance(item, str):  # the closing tags of an entry whose children are done
            parts.append(item)
            continue
        count += 1
        parts.append(_open(argmap, item, count, actors, first=count == 1))
        if item.children:
            parts.append('<ul role="group">\n')
            stack.append("</ul></li>\n")
            stack.extend(reversed(item.children))
        else:
            parts.append("</li>\n")
    parts.append("</ul>")
    return "".join(parts)


def _open(
    argmap: ArgumentMap, entry: OutlineEntry, number: int, actors: dict[str, str], *, first: bool
) -> str:
    claim = entry.claim
    label = f"o{number}-label"
    attributes = [
        'role="treeitem"',
        f'id="o{number}"',
        f'data-id="{escape(claim.id)}"',
        'aria-selected="false"',
        f'tabindex="{0 if first else -1}"',
        f'aria-labelledby="{label}"',
    ]
    if entry.children:
        attributes.insert(3, 'aria-expanded="true"')
    if entry.repeated:
        attributes.append("data-repeated")
    row = []
    if entry.word:
        row.append(f'<span class="word">{escape(relation_words(argmap, entry))}:</span> ')
    row.append(f'<span class="kind">{escape(kind_label(claim, actors))}</span> ')
    row.append(f'<span class="text">{escape(claim.text)}</span>')
    if entry.repeated:
        row.append(' <span class="as-above">(as above)</span>')
    return f'<li {" ".join(attributes)}><div class="row" id="{label}">{"".join(row)}</div>'
