"""What the page's script knows about the map, as JSON safe inside an HTML ``<script>``.

The script finds a claim's details (for the side panel and the search) and the map's
relations (to light up the reasons under a claim and what it bears on) here, by the
map's own ids, which it compares with the SVG's ``data-id`` and ``data-relation``.

>>> script_json({"text": "</script><b>&"})
'{"text":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from argmap.model import ArgumentMap, Inference
from argmap.outline import inference_relations

__all__ = ["page_data", "script_json"]

# Inside <script type="application/json"> the HTML parser ends the element at "</script"
# and reads "<!--" specially; & keeps entity-like text inert; U+2028/9 end a line in older
# JavaScript. As \u escapes they are the same JSON and never markup.
_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: Any) -> str:
    """``value`` as compact JSON that can stand inside an HTML ``<script>`` element as is."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return "".join(_UNSAFE.get(character, character) for character in text)


def page_data(
    argmap: ArgumentMap,
    *,
    status: Mapping[str, str] | None = None,
    strength: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """The map as the page's script reads it: ``claims`` (id, text, kind, actor's name,
    quote, tags and, when shown, status and strength), ``relations`` (in the order of
    ``argmap.relations``, which the SVG's ``data-relation`` counts: kind, sources, and
    the target claim or, for an undercut, the index of the relation it attacks) and the
    map's ``source`` (title, author, url)."""
    actors = {actor.id: actor.name for actor in argmap.actors}
    claims = []
    for claim in argmap.claims:
        entry: dict[str, Any] = {"id": claim.id, "text": claim.text, "kind": claim.kind.value}
        if claim.actor:
            entry["actor"] = actors.get(claim.actor, claim.actor)
        if claim.quote:
            entry["quote"] = claim.quote
        if claim.tags:
            entry["tags"] = list(claim.tags)
        if status is not None and claim.id in status:
            entry["status"] = status[claim.id]
        if strength is not None and claim.id in strength:
            entry["strength"] = strength[claim.id]
        claims.append(entry)
    relations = []
    inferences = inference_relations(argmap)
    for relation in argmap.relations:
        shown: dict[str, Any] = {"kind": relation.kind.value, "sources": list(relation.sources)}
        if isinstance(relation.target, Inference):
            shown["relation"] = inferences.get(relation.target)
        else:
            shown["target"] = relation.target
        relations.append(shown)
    source = argmap.source
    described = {}
    if source is not None:
        described = {
            key: value
            for key, value in (
                ("title", source.title),
                ("author", source.author),
                ("url", source.url),
            )
            if value
        }
    return {
        "title": argmap.title or "",
        "claims": claims,
        "relations": relations,
        "source": described,
    }
