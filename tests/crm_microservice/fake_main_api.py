"""A fake main API for the CRM's forwarding tests: a real HTTP server on 127.0.0.1 that records and answers
from a script (the network edge is the only thing faked)."""

import json
import threading
from dataclasses import dataclass, field

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response


@dataclass
class Reply:
    """One scripted answer: body dict/list → JSON, str → sent as is with content_type."""

    status: int = 200
    body: object = None
    content_type: str = "application/json"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Recorded:
    """One request the fake main API received."""

    method: str
    path: str
    query: str
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


class _QuietHandler(WSGIRequestHandler):
    def log(self, *args, **kwargs):  # keep test output clean
        pass


class FakeMainAPI:
    """Records every request; answers each from the queued replies, else 200 {"ok": true}."""

    def __init__(self):
        self.requests: list[Recorded] = []
        self.script: list[Reply] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def queue(self, status: int = 200, body=None, **options) -> None:
        """Queue the answer to the next request (options: content_type, headers, delay)."""
        with self._lock:
            self.script.append(Reply(status, body, **options))

    def _wsgi(self, environ, start_response):
        request = Request(environ)
        recorded = Recorded(
            request.method, request.path, request.query_string.decode(), dict(request.headers), request.get_data()
        )
        with self._lock:
            self.requests.append(recorded)
            reply = self.script.pop(0) if self.script else Reply(body={"ok": True})
        if reply.delay:
            self._release.wait(reply.delay)
        body = json.dumps(reply.body) if isinstance(reply.body, (dict, list)) else (reply.body or "")
        response = Response(body, reply.status, content_type=reply.content_type, headers=reply.headers)
        return response(environ, start_response)

    def stop(self) -> None:
        """Shut down; slow replies still waiting are let go first."""
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
