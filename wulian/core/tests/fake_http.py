"""A fake outside service on 127.0.0.1 for gateway tests: it records every request and answers
what the test scripted (a JSON body and status, a malformed body, or no answer until the test
ends, so that the client's time-out fires). Nothing sleeps: a "hanging" answer waits on an event
that the server sets when it stops."""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Answer:
    status: int = 200
    body: Any = field(default_factory=dict)  # a dict/list is sent as JSON; bytes as they are
    hang: bool = False  # never answer (until the server stops): the client times out


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


class FakeServer:
    """``with FakeServer() as server: server.answer(Answer(...)); ... server.url``"""

    def __init__(self, default: Answer | None = None) -> None:
        self.default = default or Answer()
        self.queue: deque[Answer] = deque()
        self.received: list[Received] = []
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def answer(self, *answers: Answer) -> None:
        """The next requests get these answers, in order; later ones get the default."""
        self.queue.extend(answers)

    @property
    def url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.received.append(Received(self.command, self.path, dict(self.headers), body))
                answer = server.queue.popleft() if server.queue else server.default
                if answer.hang:
                    server._stopping.wait()
                    return
                payload = (
                    answer.body
                    if isinstance(answer.body, bytes)
                    else json.dumps(answer.body).encode()
                )
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = _handle

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopping.set()
        assert self._httpd is not None
        assert self._thread is not None
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
