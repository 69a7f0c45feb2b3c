"""The interactive HTML page of a map (``render(m, "html")``): pan, zoom, search, the
outline, a claim's details beside the picture; see :mod:`~argmap.rendering.html.page`."""

from __future__ import annotations

from argmap.rendering.html.page import html_page

__all__ = ["html_page"]
