"""The page ``argmap watch`` writes for ``-o map.html``: the HTML page with one script
more, which reloads it when the map has been drawn again.

The script listens to the watch's server (Server-Sent Events, ``reload``) and calls
``location.reload()``; the page keeps its view (pan, zoom, selection) in sessionStorage
across that. The page's Content-Security-Policy is amended to let the script run (its
``'sha256-...'`` hash joins ``script-src``) and reach the server (its origin joins
``connect-src``); every other directive stays as it was.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from urllib.parse import urlsplit

_SCRIPT = """
(function () {
  var url = %s;
  function listen() {
    var source = new EventSource(url);
    source.addEventListener("reload", function () { location.reload(); });
    source.onerror = function () {
      // The browser retries a dropped connection by itself; one it gave up on
      // (the watch stopped, then started again) is tried again, quietly.
      if (source.readyState === EventSource.CLOSED) { setTimeout(listen, 2000); }
    };
  }
  listen();
})();
"""

_META = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_HTTP_EQUIV = re.compile(rb"""\bhttp-equiv\s*=\s*(["']?)content-security-policy\1""", re.I)
_CONTENT = re.compile(rb"""(\bcontent\s*=\s*)("([^"]*)"|'([^']*)')""", re.IGNORECASE)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def live_page(page: bytes, events_url: str) -> bytes:
    """``page`` with a script that reloads it on each ``reload`` event from
    ``events_url``, and its Content-Security-Policy amended to allow that script.

    ``page`` must have one ``<meta http-equiv="Content-Security-Policy">`` whose policy
    has a ``script-src`` directive, and a ``</body>``; a ``ValueError`` says which is
    missing.

    >>> page = (b'<html><head><meta http-equiv="Content-Security-Policy" '
    ...         b'content="default-src \\'none\\'; script-src \\'sha256-AAAA\\'"></head>'
    ...         b'<body></body></html>')
    >>> live = live_page(page, "http://127.0.0.1:8000/events").decode()
    >>> live.count("<script>"), "connect-src http://127.0.0.1:8000" in live
    (1, True)
    """
    script = _SCRIPT % json.dumps(events_url).replace("<", "\\u003c")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    page = _amend_policy(page, f"'sha256-{digest}'", _origin(events_url))
    ends = list(_BODY_END.finditer(page))
    if not ends:
        raise ValueError("the page has no </body> to put the live-reload script before")
    at = ends[-1].start()
    return page[:at] + f"<script>{script}</script>".encode() + page[at:]


def amended_policy(policy: str, script_hash: str, origin: str) -> str:
    """``policy`` with ``script_hash`` added to its ``script-src`` and ``origin`` to its
    ``connect-src`` (a directive made for it when there is none); the other directives
    as they were, to the character.

    >>> amended_policy("default-src 'none'; script-src 'sha256-A'", "'sha256-B'", "http://h:1")
    "default-src 'none'; script-src 'sha256-A' 'sha256-B'; connect-src http://h:1"
    >>> amended_policy("connect-src 'none';script-src 'self'", "'sha256-B'", "http://h:1")
    "connect-src http://h:1;script-src 'self' 'sha256-B'"
    """
    pieces = policy.split(";")
    names = [piece.split(None, 1)[0].lower() if piece.strip() else "" for piece in pieces]
    if "script-src" not in names:
        raise ValueError("the page's Content-Security-Policy has no script-src directive")
    for index, name in enumerate(names):
        if name == "script-src":
            pieces[index] = _with_source(pieces[index], script_hash)
        elif name == "connect-src":
            pieces[index] = _with_source(pieces[index], origin)
    if "connect-src" not in names:
        pieces.append(f" connect-src {origin}")
    return ";".join(pieces)


def _with_source(directive: str, source: str) -> str:
    """A directive with ``source`` added: after its last source, keeping the spacing
    around it; ``'none'`` leaves, since it cannot stand with a source."""
    leading = directive[: len(directive) - len(directive.lstrip())]
    trailing = directive[len(directive.rstrip()) :]
    tokens = [t for t in directive.split() if t.lower() != "'none'"]
    return f"{leading}{' '.join([*tokens, source])}{trailing}"


def _amend_policy(page: bytes, script_hash: str, origin: str) -> bytes:
    policies = [m for m in _META.finditer(page) if _HTTP_EQUIV.search(m.group())]
    if len(policies) != 1:
        raise ValueError(
            f"the page has {len(policies)} Content-Security-Policy meta elements; "
            "the live reload needs exactly one"
        )
    meta = policies[0]
    content = _CONTENT.search(meta.group())
    if content is None:
        raise ValueError("the page's Content-Security-Policy meta element has no content")
    quoted = content.group(3) if content.group(3) is not None else content.group(4)
    policy = html.unescape(quoted.decode())
    amended = amended_policy(policy, script_hash, origin)
    escaped = amended.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    tag = (
        meta.group()[: content.start()]
        + content.group(1)
        + f'"{escaped}"'.encode()
        + meta.group()[content.end() :]
    )
    return page[: meta.start()] + tag + page[meta.end() :]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
