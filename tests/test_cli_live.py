"""The live reload of ``argmap watch -o map.html``: the page's extra script and amended
Content-Security-Policy, and the server of the page and its reload events."""

from __future__ import annotations

import base64
import hashlib
import http.client
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.cli._live_page import amended_policy, live_page
from argmap.cli._live_server import LiveServer

POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-AA=='"
PAGE = (
    "<!DOCTYPE html>\n<html><head>"
    f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    "<title>map</title></head>\n<body><p>A map</p></body>\n</html>\n"
).encode()
EVENTS = "http://127.0.0.1:8123/events"


def _scripts(page: bytes) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", page.decode(), re.S)


def _policy(page: bytes) -> str:
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page.decode())
    assert found is not None
    return found.group(1)


def test_live_page_adds_one_script_before_body_end_and_allows_it() -> None:
    live = live_page(PAGE, EVENTS)
    [script] = _scripts(live)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert _policy(live) == (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-AA==' 'sha256-{digest}'; connect-src http://127.0.0.1:8123"
    )
    assert live.endswith(f"<script>{script}</script></body>\n</html>\n".encode())
    assert 'var url = "http://127.0.0.1:8123/events";' in script
    assert "new EventSource(url)" in script
    assert 'addEventListener("reload", function () { location.reload(); })' in script
    # Everything else is the page as it was.
    plain = live.replace(f"<script>{script}</script>".encode(), b"")
    assert plain.replace(_policy(live).encode(), POLICY.encode()) == PAGE


@pytest.mark.parametrize(
    ("policy", "amended"),
    [
        pytest.param(
            "script-src 'self'", "script-src 'self' 'sha256-X'; connect-src http://h:1", id="plain"
        ),
        pytest.param(
            "connect-src 'none';  script-src  'none' ; frame-ancestors 'none'",
            "connect-src http://h:1;  script-src 'sha256-X' ; frame-ancestors 'none'",
            id="none-leaves",
        ),
        pytest.param(
            "Script-Src 'sha256-A'; CONNECT-SRC data:",
            "Script-Src 'sha256-A' 'sha256-X'; CONNECT-SRC data: http://h:1",
            id="names-in-any-case",
        ),
    ],
)
def test_amended_policy(policy: str, amended: str) -> None:
    assert amended_policy(policy, "'sha256-X'", "http://h:1") == amended


def test_live_page_reads_an_escaped_policy() -> None:
    page = PAGE.replace(POLICY.encode(), POLICY.replace("'", "&#x27;").encode())
    assert _policy(live_page(page, EVENTS)).startswith(POLICY.replace("'sha256-AA=='", ""))


@pytest.mark.parametrize(
    ("page", "message"),
    [
        pytest.param(
            b"<html><body></body></html>",
            "the page has 0 Content-Security-Policy meta elements; the live reload needs "
            "exactly one",
            id="no-policy",
        ),
        pytest.param(
            PAGE.replace(b"<title>", b'<meta http-equiv="content-security-policy" content=""><t'),
            "the page has 2 Content-Security-Policy meta elements; the live reload needs "
            "exactly one",
            id="two-policies",
        ),
        pytest.param(
            PAGE.replace(b"; script-src 'sha256-AA=='", b""),
            "the page's Content-Security-Policy has no script-src directive",
            id="no-script-src",
        ),
        pytest.param(
            PAGE.replace(b"</body>", b""),
            "the page has no </body> to put the live-reload script before",
            id="no-body-end",
        ),
    ],
)
def test_live_page_refuses_a_page_off_the_contract(page: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        live_page(page, EVENTS)


def test_live_page_escapes_the_url_for_a_script() -> None:
    [script] = _scripts(live_page(PAGE, "http://127.0.0.1:1/</script><b>"))

    assert 'var url = "http://127.0.0.1:1/\\u003c/script>\\u003cb>";' in script


# --- the server ---------------------------------------------------------------------------


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path / "map.html")
    live.start()
    try:
        yield live
    finally:
        live.close()


def _get(server: LiveServer, path: str, host: str = "127.0.0.1") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    connection.request("GET", path, headers={"Host": f"{host}:{server.port}"})
    return connection.getresponse()


def test_server_listens_on_loopback_only(server: LiveServer) -> None:
    assert server.url == f"http://127.0.0.1:{server.port}/"
    assert server.events_url == f"{server.url}events"
    assert server._server.server_address[0] == "127.0.0.1"


def test_server_serves_the_page_as_last_written(server: LiveServer) -> None:
    response = _get(server, "/")
    assert (response.status, response.read()) == (
        503,
        b"no page yet: the map has not been drawn; fix it and save it\n",
    )
    server.page.write_bytes(PAGE)
    response = _get(server, "/?v=2")
    assert (response.status, response.getheader("Content-Type")) == (
        200,
        "text/html; charset=utf-8",
    )
    assert response.getheader("Cache-Control") == "no-store"
    assert response.read() == PAGE


@pytest.mark.parametrize(
    ("path", "host", "status"),
    [
        pytest.param("/nothing", "127.0.0.1", 404, id="unknown-path"),
        pytest.param("/", "evil.example", 403, id="other-host"),
        pytest.param("/events", "localhost.evil.example", 403, id="other-host-events"),
    ],
)
def test_server_refuses(server: LiveServer, path: str, host: str, status: int) -> None:
    response = _get(server, path, host)
    assert response.status == status
    response.read()


def test_server_sends_reload_after_each_drawing(server: LiveServer) -> None:
    response = _get(server, "/events", "localhost")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/event-stream"
    assert response.getheader("Access-Control-Allow-Origin") == "*"
    assert response.readline() == b"retry: 1000\n"
    assert response.readline() == b"\n"
    server.reload()
    assert [response.readline() for _ in range(3)] == [b"event: reload\n", b"data: 1\n", b"\n"]
    server.reload()
    assert [response.readline() for _ in range(3)] == [b"event: reload\n", b"data: 2\n", b"\n"]
    server.close()
    assert response.read() == b""  # the stream ends with the server
