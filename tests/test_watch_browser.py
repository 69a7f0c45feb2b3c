"""The live reload in a real browser: a page opened from a file reloads itself when the
watch's server says so, within its own Content-Security-Policy, with no console error.

Drives Debian's chromium through Playwright, with the ``browser`` of browser_support.
"""

from __future__ import annotations

import base64
import hashlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_cli_watch import DEADLINE, GOOD, Watch

from argmap.cli._live_page import live_page
from argmap.cli._live_server import LiveServer
from argmap.rendering import FORMATS

# The page's own script: counts its loads in sessionStorage, as the HTML page keeps its
# view there across a reload.
OWN_SCRIPT = (
    "var n = Number(sessionStorage.getItem('loads') || 0) + 1;"
    "sessionStorage.setItem('loads', String(n));"
    "document.getElementById('loads').textContent = String(n);"
)


def _contract_page() -> bytes:
    """A minimal page as the HTML format promises it: one CSP meta with script-src,
    its view in sessionStorage, room for one script more before </body>."""
    digest = base64.b64encode(hashlib.sha256(OWN_SCRIPT.encode()).digest()).decode()
    policy = f"default-src 'none'; script-src 'sha256-{digest}'"
    return (
        "<!DOCTYPE html><html><head>"
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '</head><body><p id="loads"></p>'
        f"<script>{OWN_SCRIPT}</script></body></html>"
    ).encode()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.errors = []
        tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        yield tab
    finally:
        context.close()


def _loads(page: Any) -> str:
    return str(page.text_content("#loads"))


def test_a_page_from_a_file_reloads_on_each_drawing(tmp_path: Path, page: Any) -> None:
    server = LiveServer(tmp_path / "map.html")
    server.start()
    try:
        server.page.write_bytes(live_page(_contract_page(), server.events_url))
        with page.expect_response(lambda r: r.url == server.events_url):
            page.goto(server.page.as_uri())
        assert _loads(page) == "1"
        with page.expect_response(lambda r: r.url == server.events_url):
            server.reload()
        page.wait_for_function("document.getElementById('loads').textContent === '2'")
        with page.expect_response(lambda r: r.url == server.events_url):
            server.reload()
        page.wait_for_function("document.getElementById('loads').textContent === '3'")
        page.screenshot(path=str(tmp_path / "reloaded.png"))
        assert page.errors == []
    finally:
        server.close()


def test_the_served_page_reloads_too(tmp_path: Path, page: Any) -> None:
    server = LiveServer(tmp_path / "map.html")
    server.start()
    try:
        server.page.write_bytes(live_page(_contract_page(), server.events_url))
        with page.expect_response(lambda r: r.url == server.events_url):
            page.goto(server.url)
        with page.expect_response(lambda r: r.url == server.events_url):
            server.reload()
        page.wait_for_function("document.getElementById('loads').textContent === '2'")
        assert page.errors == []
    finally:
        server.close()


@pytest.mark.skipif("html" not in FORMATS, reason="the HTML format has not landed yet")
def test_watch_html_reloads_the_open_page_when_the_map_changes(tmp_path: Path, page: Any) -> None:
    source = tmp_path / "map.yaml"
    source.write_text(GOOD, "utf-8")
    watch = Watch(tmp_path, "map.yaml", "-o", "map.html", "--port", "0")
    try:
        assert watch.line() == "wrote map.html (2 claims, 1 relation)"
        opened = watch.line()
        assert opened is not None
        assert opened.startswith("watching map.yaml; open http://127.0.0.1:")
        assert opened.endswith("/ or map.html; Ctrl-C stops")
        with page.expect_response(lambda r: r.url.endswith("/events")):
            page.goto((tmp_path / "map.html").as_uri())
        assert "Tea is cheap" not in page.content()
        with page.expect_response(lambda r: r.url.endswith("/events")):
            source.write_text(GOOD + "  cheap: {text: Tea is cheap, supports: thesis}\n")
            assert watch.line() == "wrote map.html (3 claims, 2 relations)"
        page.wait_for_function(
            "document.body.textContent.includes('Tea is cheap')", timeout=DEADLINE * 1000
        )
        page.screenshot(path=str(tmp_path / "watched.png"))
        assert page.errors == []
        assert watch.stop(signal.SIGINT) == (0, [], b"")
    finally:
        watch.kill()


def test_render_never_writes_the_live_page(tmp_path: Path) -> None:
    """The live script belongs to the watch alone: 'argmap render' never imports it."""
    (tmp_path / "map.yaml").write_text(GOOD, "utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from argmap.cli import app\n"
            "try: app(['render', 'map.yaml', '-o', 'map.svg'])\n"
            "except SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('argmap.cli._live', "
            "'watchfiles'))))",
        ],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=DEADLINE,
        check=False,
        input=b"",
    )
    assert done.stdout == b"[]\n", done.stderr
    assert b"<svg" in (tmp_path / "map.svg").read_bytes()
