"""Maps in Jupyter and other notebooks.

An :class:`~argmap.ArgumentMap` already shows itself as its SVG picture when it is the
value of a cell. :func:`display` shows it on purpose, with the options of
:func:`argmap.render`, and with ``interactive=True`` as the interactive page (pan, zoom,
search, the outline; see ``argmap render -o map.html``) inside the notebook.

The page runs in an ``<iframe>`` of its own, given by ``srcdoc`` and sandboxed with
``allow-scripts`` only: its script runs, but in an opaque origin, so it can reach neither
the notebook's page, nor its cookies and storage, nor another map's page. Two maps in
one notebook never share ids, styles, fonts or state.

>>> shown = InteractiveMap(b"<p title='x'>A & B</p>", height=300)._repr_html_()
>>> for part in shown.removesuffix('"></iframe>').split('" '):
...     print(part)
<iframe srcdoc="&lt;p title=&#x27;x&#x27;&gt;A &amp; B&lt;/p&gt;
sandbox="allow-scripts
title="argument map
style="width: 100%; height: 300px; border: 0
"""

from __future__ import annotations

import html
from typing import Any

import attrs

from argmap.errors import RenderError
from argmap.model import ArgumentMap

__all__ = ["InteractiveMap", "MapPicture", "display"]

#: The height of the interactive page in a notebook, in CSS pixels, unless told.
DEFAULT_HEIGHT = 600


@attrs.frozen
class InteractiveMap:
    """A map's interactive HTML page, shown by a notebook in a sandboxed iframe."""

    page: bytes
    height: int = DEFAULT_HEIGHT
    title: str = "argument map"

    def _repr_html_(self) -> str:
        # srcdoc holds the whole page as an attribute value: html.escape with quote=True
        # escapes &, <, > and both quotes, so no text of the map's ends the attribute.
        document = html.escape(self.page.decode("utf-8"), quote=True)
        return (
            f'<iframe srcdoc="{document}" sandbox="allow-scripts" '
            f'title="{html.escape(self.title, quote=True)}" '
            f'style="width: 100%; height: {self.height}px; border: 0"></iframe>'
        )


@attrs.frozen
class MapPicture:
    """A map's SVG picture, as a notebook shows it."""

    svg: bytes

    def _repr_svg_(self) -> str:
        return self.svg.decode("utf-8")


def display(
    argmap: ArgumentMap, *, interactive: bool = False, height: int = DEFAULT_HEIGHT, **options: Any
) -> None:
    """Show ``argmap`` in the notebook: its SVG picture, or with ``interactive=True`` its
    interactive page (pan, zoom, search, the outline, a claim's quote beside the picture)
    in a sandboxed iframe ``height`` CSS pixels high. ``options`` are those of
    :func:`argmap.render` (``theme``, ``direction``, ``status``, ...).

    Raises :class:`~argmap.RenderError` outside IPython (there is no notebook to show it
    in: use :func:`argmap.render` and write the bytes), and whatever
    :func:`argmap.render` raises for the map or the options.
    """
    from argmap.rendering import render

    if not isinstance(height, int) or isinstance(height, bool) or height <= 0:
        raise RenderError(f"height must be a whole number of pixels above 0, not {height!r}")
    try:
        from IPython.display import display as show
    except ImportError:
        raise RenderError(
            "argmap.display shows a map in a Jupyter notebook, which needs IPython; "
            "elsewhere, write argmap.render(m, 'html') or 'svg' to a file"
        ) from None
    view: InteractiveMap | MapPicture
    if interactive:
        title = argmap.title or "argument map"
        view = InteractiveMap(render(argmap, "html", **options), height, title)
    else:
        view = MapPicture(render(argmap, "svg", **options))
    show(view)  # type: ignore[no-untyped-call]
