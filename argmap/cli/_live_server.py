"""The small HTTP server of ``argmap watch -o map.html``, bound to 127.0.0.1 only.

``GET /`` gives the page as last written; ``GET /events`` is a stream of Server-Sent
Events with a ``reload`` event after each good re-render. The stream allows any origin
(``Access-Control-Allow-Origin: *``): a page opened from a file has the origin "null".
A request naming another host than 127.0.0.1 or localhost is refused, so that a web page
cannot reach the server through a name of its own that resolves to this machine.
"""

from __future__ import annotations

import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

#: Seconds between comments on an idle event stream, so that a closed tab is noticed.
KEEPALIVE = 15.0
#: Milliseconds the browser waits before it reconnects to a dropped stream.
RETRY_MS = 1000


class LiveServer:
    """Serves ``page`` and the reload events on 127.0.0.1:``port`` (0: any free port),
    from daemon threads; :meth:`close` stops it."""

    def __init__(self, page: Path, port: int = 0) -> None:
        self.page = page
        self._changed = threading.Condition()
        self._generation = 0
        self._closing = False
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Where the page is served."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def events_url(self) -> str:
        """Where the page listens for ``reload``."""
        return f"{self.url}events"

    @property
    def generation(self) -> int:
        """How many reloads have been sent."""
        with self._changed:
            return self._generation

    def start(self) -> None:
        """Start serving, in a thread of its own."""
        self._thread.start()

    def reload(self) -> None:
        """Send ``reload`` to every page listening."""
        with self._changed:
            self._generation += 1
            self._changed.notify_all()

    def close(self) -> None:
        """End the event streams and stop serving."""
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def next_event(self, seen: int) -> int | None:
        """The generation after ``seen`` once there is one; ``seen`` after a quiet
        while; None when closing."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._closing or self._generation != seen, timeout=KEEPALIVE
            )
            return None if self._closing else self._generation


def _handler_for(live: LiveServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "argmap-watch"

        def do_GET(self) -> None:
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            if host not in ("127.0.0.1", "localhost"):
                self._plain(HTTPStatus.FORBIDDEN, "argmap watch serves 127.0.0.1 only\n")
            elif self.path.split("?", 1)[0] == "/events":
                self._events()
            elif self.path.split("?", 1)[0] in ("/", "/index.html"):
                self._page()
            else:
                self._plain(HTTPStatus.NOT_FOUND, "argmap watch serves / and /events\n")

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the watch's own lines are all its terminal shows."""

        def _page(self) -> None:
            try:
                body = live.page.read_bytes()
            except OSError:
                self._plain(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    "no page yet: the map has not been drawn; fix it and save it\n",
                )
                return
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _events(self) -> None:
            seen = live.generation  # before the page can know it is listening
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            try:
                self.wfile.write(f"retry: {RETRY_MS}\n\n".encode())
                self.wfile.flush()
                while (now := live.next_event(seen)) is not None:
                    # An event with no data is never dispatched: the count is its data.
                    message = (
                        ": still here\n\n" if now == seen else f"event: reload\ndata: {now}\n\n"
                    )
                    seen = now
                    self.wfile.write(message.encode())
                    self.wfile.flush()
            except OSError:  # the tab closed or reloaded
                return

        def _plain(self, status: HTTPStatus, text: str) -> None:
            body = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler
