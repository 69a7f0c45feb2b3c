"""The interactive page: one self-contained HTML file with the map's SVG inline, its
outline, a side panel, the page's CSS and one small script, and nothing it must fetch.

Safety: map text reaches the page only as escaped HTML text or attribute values (the
SVG and the outline), or as JSON in a ``<script type="application/json">`` block
(:func:`~argmap.rendering.html.data.script_json`); the script only ever gives map text
to ``textContent`` and ``setAttribute``. The Content-Security-Policy allows that one
script, by its hash, and nothing from anywhere: a map cannot make the page run or load
anything.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from html import escape
from importlib import resources

from argmap.model import ArgumentMap
from argmap.rendering.html.data import page_data, script_json
from argmap.rendering.html.outline_html import outline_tree

__all__ = ["html_page", "inline_svg", "policy"]

#: The prefix of every id in the second (dark) picture, so that no id is in the page twice.
DARK_PREFIX = "dark-"


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def policy(script: str) -> str:
    """The page's Content-Security-Policy: nothing from anywhere, the one ``script`` by
    its SHA-256 hash, inline styles (the SVG's presentation needs them), fonts and
    images only from ``data:`` URLs."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    )


# A start tag of the SVG argmap writes: every attribute value in double quotes, in which
# a double quote is always escaped. Text between tags (map text) is never touched.
_TAG = re.compile(r'<[A-Za-z][^\s/>]*(?:\s+[^\s=/>]+="[^"]*")*\s*/?>')
_ATTRIBUTE = re.compile(r'(\s)([^\s=/>]+)="([^"]*)"')


def inline_svg(svg: bytes, prefix: str = "") -> str:
    """``svg`` ready to stand in an HTML page: without its XML declaration, and with
    ``prefix`` before each of its element ids (and ``#`` references to them), so that
    two pictures can share a page. Only attributes change, never text.

    >>> inline_svg(b'<?xml version="1.0"?>\\n<svg id="a"><text> id="b"</text></svg>', "d-")
    '<svg id="d-a"><text> id="b"</text></svg>'
    """
    text = re.sub(r"\A<\?xml[^>]*\?>\s*", "", svg.decode("utf-8"))
    if not prefix:
        return text

    def attribute(match: re.Match[str]) -> str:
        space, name, value = match.groups()
        if name == "id" or (name in ("href", "xlink:href") and value.startswith("#")):
            value = f"#{prefix}{value[1:]}" if value.startswith("#") else prefix + value
        return f'{space}{name}="{value}"'

    return _TAG.sub(lambda tag: _ATTRIBUTE.sub(attribute, tag.group()), text)


def html_page(
    argmap: ArgumentMap,
    picture: bytes,
    *,
    dark: bytes | None = None,
    theme: str = "default",
    backgrounds: tuple[str, str] = ("#ffffff", "#ffffff"),
    status: Mapping[str, str] | None = None,
    strength: Mapping[str, float] | None = None,
) -> bytes:
    """The interactive page of ``argmap`` around its SVG ``picture``; ``dark``, when
    given, is the picture in the dark theme, shown to a reader who prefers a dark
    scheme. ``theme`` names the picture's theme (the page's own colours follow it) and
    ``backgrounds`` are the two pictures' background colours, which fill the view
    around them;
    ``status`` and ``strength`` are shown in the side panel when given."""
    script = _asset("page.js")
    title = argmap.title or "Argument map"
    data = script_json(page_data(argmap, status=status, strength=strength))
    # The colours are the themes' own (never map text); they fill the view around the picture.
    light, shade = (escape(colour) for colour in backgrounds)
    pictures = (
        f'<div class="picture picture-main" style="background: {light}">'
        f"{inline_svg(picture)}</div>"
    )
    if dark is not None:
        pictures += (
            f'\n<div class="picture picture-dark" style="background: {shade}">'
            f"{inline_svg(dark, DARK_PREFIX)}</div>"
        )
    schemes = "light dark" if dark is not None else ("dark" if theme == "dark" else "light")
    page = _TEMPLATE.format(
        policy=policy(script),
        schemes=schemes,
        theme=escape(theme),
        title=escape(title),
        css=_asset("page.css"),
        outline=outline_tree(argmap),
        pictures=pictures,
        data=data,
        script=script,
    )
    return page.encode("utf-8")


_TEMPLATE = """<!DOCTYPE html>
<html lang="en" data-theme="{theme}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="{schemes}">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
<header class="toolbar">
<h1 class="title">{title}</h1>
<div class="search" role="search">
<input type="search" id="search" placeholder="Search claims" aria-label="Search claims \
(Enter: next, Shift+Enter: previous)" autocomplete="off" spellcheck="false">
<button type="button" id="previous" aria-label="Previous match" disabled>&#x2191;</button>
<button type="button" id="next" aria-label="Next match" disabled>&#x2193;</button>
<span id="count" role="status" aria-live="polite"></span>
</div>
<div class="zoom" role="group" aria-label="Zoom">
<button type="button" id="zoom-in" aria-label="Zoom in">+</button>
<button type="button" id="zoom-out" aria-label="Zoom out">&#x2212;</button>
<button type="button" id="fit" aria-label="Fit the map to the screen">Fit</button>
</div>
</header>
<main>
<nav id="outline" aria-label="Outline">
{outline}
</nav>
<aside id="panel" aria-labelledby="panel-heading" hidden>
<div class="panel-head"><h2 id="panel-heading">Claim</h2>
<button type="button" id="close" aria-label="Close (Escape)">&#xd7;</button></div>
<p id="panel-text" class="claim-text"></p>
<dl id="panel-details"></dl>
</aside>
<section id="view" aria-label="Picture of the map (drag to pan, wheel to zoom)" tabindex="-1">
{pictures}
</section>
</main>
<script type="application/json" id="argmap-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
