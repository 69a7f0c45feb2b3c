"""Text in Graphviz HTML-like labels: the one place user text is escaped for the DOT."""

from __future__ import annotations

from argmap.rendering.typeset import Line, clean_text

__all__ = ["html_font", "html_line", "html_text"]


def html_text(text: str) -> str:
    r"""``text`` escaped for a Graphviz HTML-like label: the one place user text is escaped.

    A backslash is doubled: Graphviz reads ``\N``, ``\G`` and the like in a label's text
    as the node's or graph's name.

    >>> html_text("<b>\\N</b> & co")
    '&lt;b&gt;\\\\N&lt;/b&gt; &amp; co'
    """
    return (
        clean_text(text)
        .replace("\\", "\\\\")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("]", "&#93;")
        .replace("[", "&#91;")
    )


def html_line(line: Line) -> str:
    """``line`` as the text of a Graphviz HTML-like label: its size, weight and colour
    (a status word in its own colour)."""
    if line.mark:  # the status word in its own colour
        return "".join(html_font(line, piece, color) for piece, color in line.pieces())
    return html_font(line, line.text, line.color)


def html_font(line: Line, piece: str, color: str) -> str:
    """``piece`` of ``line`` in ``color``, escaped, in the line's size and weight."""
    # Graphviz rejects an empty <B></B> or <FONT></FONT>: a blank line holds a no-break space.
    text = html_text(piece) or "&#160;"
    if piece.endswith(" ") and text != "&#160;":  # the space before a mark: keep it
        text += " "
    if line.bold:
        text = f"<B>{text}</B>"
    return f'<FONT POINT-SIZE="{line.size:g}" COLOR="{color}">{text}</FONT>'
