"""The text of one Argdown statement: markup, tags, mentions, shortcodes, data blocks.

Argdown's lexer reads a statement's text token by token; this module reads it the same
way, in one left-to-right pass, and gives the plain text the reference implementation
gives (``@argdown/core``'s ``text``): bold and italic lose their asterisks and
underscores, a link keeps its text, a tag (``#tag``, ``#(a tag)``) and a mention
(``@[Title]``) stay in the text, a shortcode (``:+1:``, ``.->.``) becomes its character,
and a backslash escapes the character after it. A data block (``{key: value}``) is cut
out and returned on its own.

:func:`escape` goes the other way, for the writer: Argdown text that reads back as the
given text, escaping as little as it can.

>>> read_inline("A **bold** claim #tag about [this](https://x.org) :+1:").text
'A bold claim #tag about this 👍'
>>> read_inline(escape("1 * 2 = [two] #not-a-tag")).text
'1 * 2 = [two] #not-a-tag'
"""

from __future__ import annotations

import re

import attrs

__all__ = ["SHORTCODES", "Inline", "escape", "find_data_end", "read_inline"]

# Argdown's shortcodes (@argdown/core, plugins/shortcodes.js), as its model applies them.
SHORTCODES: dict[str, str] = {
    **{
        f"{d}{name}{d}": char
        for d in ".:"
        for name, char in (
            ("A", "∀"),
            ("E", "∃"),
            ("O", "\U0001d5e2"),
            ("P", "\U0001d5e3"),
            ("->", "→"),
            ("<->", "↔"),
            ("~", "¬"),
            ("^", "∧"),
            ("v", "\u2228"),
            ("v_", "⊻"),
            ("<>", "◇"),
            ("[]", "◻"),
            ("happy", "😀"),
            ("smiley", "☺"),
            ("laugh", "😆"),
            ("lol", "😆"),
            ("rofl", "🤣"),
            ("joy", "😂"),
            ("heart", "❤"),
            ("?", "❓"),
            ("question", "❓"),
            ("love", "😍"),
            ("wink", "😉"),
            ("shush", "🤫"),
            ("meh", "😐"),
            ("eye-roll", "🙄"),
            ("sad", "😢"),
            ("disappointed", "😞"),
            ("scream", "😱"),
            ("+1", "👍"),
            ("up", "👍"),
            ("-1", "👎"),
            ("down", "👎"),
            ("think", "🤔"),
            ("star", "⭐"),
            ("y", "✔"),
            ("agree", "✔"),
            ("n", "❌"),
            ("disagree", "❌"),
        )
    },
    ":smile:": "☺️",
    ".smile.": "☺",
}

# The tokens of Argdown's lexer that a statement's text may hold, as it matches them.
_TAG = re.compile(
    r"#(?:\(([^)]+)\)|([a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+))[ \t]?"
)
_LINK = re.compile(r"\[([^\]]+?)\]\(([^)]+?)\)")
_MENTION = re.compile(r"@(?:\[.+?\]|<.+?>)[ \t]?")
_SPECIAL = re.compile(r"\.[^\s]+?\.|:[^\s]+?:")
_ESCAPED = re.compile(r"\\(.)( *)", re.DOTALL)
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])", re.DOTALL)
_ITALIC = re.compile(r"([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])", re.DOTALL)
# Characters at which Argdown's plain text (its "Freestyle" token) stops.
_CONTROL = frozenset("\\@#*_[],.:</>(){};-")
_FREESTYLE = re.compile(r"[^\\@#*_\[\],.:</>(){};\n-]+")


@attrs.frozen
class Inline:
    """What one statement's text says: the plain text, its tags and its data blocks.

    ``data`` holds each block's text with its offset in the source text.
    """

    text: str
    tags: tuple[str, ...]
    data: tuple[tuple[int, str], ...]


def find_data_end(source: str, start: int) -> int | None:
    """The offset just past the ``}`` that closes the data block opened at ``start``.

    Brackets nest and quoted strings are skipped, as YAML's flow style reads them; None
    when the block is not closed.
    """
    depth = 0
    index = start
    length = len(source)
    # A quote opens a string only where a YAML scalar starts: after "{", "[", "," or ":",
    # or the "?" of a key that YAML writes out in full (one holding a line break).
    scalar_start = True
    while index < length:
        char = source[index]
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return index + 1
        elif char == '"' and scalar_start:
            index += 1
            while index < length and source[index] != '"':
                index += 2 if source[index] == "\\" else 1
        elif char == "'" and scalar_start:
            index += 1
            while index < length:
                if source[index] == "'":
                    if source[index + 1 : index + 2] != "'":
                        break
                    index += 1
                index += 1
        if not char.isspace():
            scalar_start = char in "{[,:?"
        index += 1
    return None


def read_inline(source: str) -> Inline:
    """The plain text, tags and data blocks of one statement's Argdown text.

    Lines of a statement that runs over several are joined by ``\\n`` in ``source``:
    each break reads as one space, as in Argdown.
    """
    parts: list[str] = []
    tags: list[str] = []
    data: list[tuple[int, str]] = []
    index = 0
    length = len(source)
    while index < length:
        char = source[index]
        if char not in _CONTROL and char != "\n":
            match = _FREESTYLE.match(source, index)
            assert match is not None
            parts.append(match.group())
            index = match.end()
            continue
        if char == "\n":
            parts.append(" ")
            index += 1
            while index < length and source[index] in " \t":
                index += 1
            continue
        if char == "\\":
            escaped = _ESCAPED.match(source, index)
            if escaped is not None:
                parts.append(escaped.group(1) + escaped.group(2))
                index = escaped.end()
                continue
        elif char == "{":
            end = find_data_end(source, index)
            if end is not None:
                data.append((index, source[index:end]))
                index = end
                continue
        elif char == "#":
            tag = _TAG.match(source, index)
            if tag is not None:
                name = tag.group(1) or tag.group(2)
                if name not in tags:
                    tags.append(name)
                parts.append(tag.group())
                index = tag.end()
                continue
        elif char == "[":
            link = _LINK.match(source, index)
            if link is not None:
                parts.append(link.group(1))
                index = link.end()
                continue
        elif char == "@":
            mention = _MENTION.match(source, index)
            if mention is not None:
                parts.append(mention.group())
                index = mention.end()
                continue
        elif char in ".:":
            special = _SPECIAL.match(source, index)
            if special is not None:
                image = special.group()
                parts.append(SHORTCODES.get(image, image))
                index = special.end()
                continue
        elif char in "*_":
            styled = _BOLD.match(source, index) or _ITALIC.match(source, index)
            if styled is not None and (index == 0 or not source[index - 1].isalnum()):
                # The styled span is read again: it may hold tags, links, escapes.
                inner = read_inline(styled.group(2))
                parts.append(inner.text)
                tags.extend(t for t in inner.tags if t not in tags)
                data.extend((index + len(styled.group(1)) + at, block) for at, block in inner.data)
                index = styled.end()
                continue
        parts.append(char)
        index += 1
    return Inline("".join(parts).strip(" \t"), tuple(tags), tuple(data))


def _escape_all(text: str) -> str:
    return "".join("\\" + char if char in _CONTROL else char for char in text)


def _escape_some(text: str) -> str:
    """Escape the characters that start markup, keeping ordinary punctuation bare."""
    out: list[str] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        risky = (
            char in "\\[]{}<>@*_#/"
            or (char in ".:" and not after.isspace() and after != "\n")
            or (char in "-(;," and index == 0)
        )
        # A comma, dash or bracket in mid-sentence is plain text to Argdown.
        if char in "()," and index:
            risky = False
        if char == "-" and before.isalnum() and after.isalnum():
            risky = False
        out.append("\\" + char if risky else char)
    return "".join(out)


def escape(text: str) -> str | None:
    """Argdown text that reads back as ``text``, or None if there is none.

    Argdown drops a statement's leading and trailing spaces and reads a line break as
    a space: text with those has no Argdown form of its own.
    """
    if not text or text != text.strip(" \t") or "\n" in text or "\r" in text:
        return None
    candidates = [_escape_some(text), _escape_all(text)]
    if not _MARKUP.search(text):
        candidates.insert(0, text)
    for candidate in candidates:
        inline = read_inline(candidate)
        if inline.text == text and not inline.data and not starts_comment(candidate):
            return candidate
    return None


# Characters that start Argdown syntax in mid-text: text with none of them is written
# as it is.
_MARKUP = re.compile(r"[\[\]<>{}*_@\\]")
_COMMENT = re.compile(r"(?<!\\)(?://|/\*|<!--)")


def starts_comment(text: str) -> bool:
    """Whether ``text`` holds an unescaped ``//``, ``/*`` or ``<!--``: Argdown would
    read the rest as a comment."""
    return _COMMENT.search(text) is not None
