"""Node and edge statements added to a ``graphviz.Digraph`` as its body lines, written
exactly as its ``node`` and ``edge`` methods write them, at a fraction of their cost.

A map of 10,000 claims adds some 20,000 statements of ten attributes each, and
``Digraph.node`` quotes every key and value anew (a regular expression or two each)
behind a wrapper that checks its arguments: that was a fifth of the DOT's time. Here
each key and each short value is quoted once (a bounded cache: the same colours, shapes
and sizes come back on every node), through the ``graphviz`` package's own ``quote``, and
the line is appended to ``Digraph.body``, the list of verbatim lines the package keeps
public for this (its ``body`` argument). The statements are the package's: the label
first, then the other attributes sorted by name, any ``None`` left out (see
``graphviz.quoting.attr_list``), so the DOT text is byte for byte what ``node`` and
``edge`` write (``tests/test_render_dot_lines.py`` compares them). Values are plain
``str``: a ``graphviz.nohtml`` value equals its text, so the cache would quote it as the
text. (graphviz warns of a value it cannot quote once per value, not once per use.)
"""

from __future__ import annotations

import functools

import graphviz
from graphviz.quoting import quote, quote_edge

__all__ = ["add_edge", "add_node"]

# Values longer than this (labels, tooltips) are quoted each time: they rarely repeat.
_CACHED_LENGTH = 64

_quote_short = functools.lru_cache(maxsize=4096)(quote)
_quote_end = functools.lru_cache(maxsize=4096)(quote_edge)


def _quoted(value: str) -> str:
    quoted: str = _quote_short(value) if len(value) <= _CACHED_LENGTH else quote(value)
    return quoted


def _attributes(label: str | None, attributes: dict[str, str | None]) -> str:
    """`` [label=... a=... b=...]`` as ``graphviz.quoting.attr_list`` writes it."""
    parts = [f"label={_quoted(label)}"] if label is not None else []
    parts += [
        f"{_quote_short(key)}={_quoted(value)}"
        for key, value in sorted(attributes.items())
        if value is not None
    ]
    return f" [{' '.join(parts)}]" if parts else ""


def add_node(
    graph: graphviz.Digraph, name: str, label: str | None = None, **attributes: str | None
) -> None:
    """``graph.node(name, label, **attributes)``, written straight into its body."""
    graph.body.append(f"\t{_quote_short(name)}{_attributes(label, attributes)}\n")


def add_edge(
    graph: graphviz.Digraph,
    tail: str,
    head: str,
    label: str | None = None,
    **attributes: str | None,
) -> None:
    """``graph.edge(tail, head, label, **attributes)``, written straight into its body."""
    line = f"\t{_quote_end(tail)} -> {_quote_end(head)}{_attributes(label, attributes)}\n"
    graph.body.append(line)
