"""A fake CRM for the main API's tests: a real HTTP server on 127.0.0.1 that records and answers from a script."""

import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response


@dataclass
class Reply:
    """One scripted answer of the fake CRM."""

    status: int = 200
    body: object = None  # dict/list → JSON; str/bytes → sent as is; None → a default JSON success
    headers: dict = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Recorded:
    """One request the fake CRM received."""

    method: str
    path: str
    headers: dict
    body: bytes
    at: float
    received_at: datetime  # wall clock, to compare with the times the dispatcher records

    def json(self):
        return json.loads(self.body)


class _QuietHandler(WSGIRequestHandler):
    def log(self, *args, **kwargs):  # keep test output clean
        pass


class FakeCRM:
    """A real HTTP server on 127.0.0.1 that records every request and answers POST /notify and POST /notify/batch
    from one script. A batch the script does not answer otherwise is answered item by item as the real CRM does:
    stored, duplicate (an id seen before) or invalid (an id in `invalid`)."""

    def __init__(self, port: int = 0):
        self.requests: list[Recorded] = []
        self.script: list[Reply] = []
        self.invalid: set[str] = set()  # notification ids whose batch items are answered invalid
        self.seen: set[str] = set()  # ids of the batch items answered stored so far
        self.health_status = 200
        self.in_flight = 0  # requests being answered right now
        self.most_in_flight = 0  # the most answered at once so far
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server = make_server("127.0.0.1", port, self._wsgi, threaded=True, request_handler=_QuietHandler)
        self.port = self._server.port
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def answer(self, *statuses: int) -> None:
        """Queue plain replies with these statuses for the next POST /notify requests."""
        for status in statuses:
            self.queue(status)

    def queue(self, status: int = 200, *, body=None, headers: dict | None = None, delay: float = 0.0) -> None:
        """Queue one reply: body dict/list → JSON, str → text/plain, None → default; delay in seconds."""
        with self._lock:
            self.script.append(Reply(status, body, headers or {}, delay))

    @property
    def notifications(self) -> list[Recorded]:
        """The POST /notify requests received so far."""
        with self._lock:
            return [r for r in self.requests if r.path == "/notify"]

    @property
    def deliveries(self) -> list[Recorded]:
        """Every POST /notify and POST /notify/batch request received so far."""
        with self._lock:
            return [r for r in self.requests if r.path in ("/notify", "/notify/batch")]

    @property
    def batches(self) -> list[Recorded]:
        """The POST /notify/batch requests received so far."""
        with self._lock:
            return [r for r in self.requests if r.path == "/notify/batch"]

    def batch_items(self) -> list[dict]:
        """Every item of every batch received, in order."""
        return [item for batch in self.batches for item in batch.json()["notifications"]]

    def _batch_answer(self, body: bytes) -> dict:
        results = []
        for item in json.loads(body)["notifications"]:
            notification_id = item["notification_id"]
            if notification_id in self.invalid:
                error = {"code": "validation_error", "message": "scripted", "details": {"user.email": ["bad"]}}
                results.append({"notification_id": notification_id, "status": "invalid", "error": error})
            else:
                status = "duplicate" if notification_id in self.seen else "stored"
                self.seen.add(notification_id)
                results.append({"notification_id": notification_id, "status": status})
        counts = {s: sum(r["status"] == s for r in results) for s in ("stored", "duplicate", "invalid")}
        return {"results": results, **counts}

    def _wsgi(self, environ, start_response):
        request = Request(environ)
        recorded = Recorded(
            request.method, request.path, dict(request.headers), request.get_data(), time.monotonic(), datetime.now(UTC)
        )
        with self._lock:
            self.requests.append(recorded)
            if request.path == "/health":
                reply = Reply(self.health_status, {"status": "ok" if self.health_status == 200 else "down"})
            elif request.path in ("/notify", "/notify/batch"):
                reply = self.script.pop(0) if self.script else Reply()
                if reply.body is None and request.path == "/notify/batch" and 200 <= reply.status < 300:
                    reply = Reply(reply.status, self._batch_answer(recorded.body), reply.headers, reply.delay)
            elif request.path.startswith("/api/service/") and self.script:  # the main API's reads, scripted
                reply = self.script.pop(0)
            else:
                reply = Reply(404, {"error": {"code": "not_found"}})
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if reply.delay:
                self._release.wait(reply.delay)
        finally:
            with self._lock:
                self.in_flight -= 1
        body = reply.body
        if body is None:
            key = request.headers.get("Idempotency-Key")
            body = {"status": "success", "notification_id": key} if 200 <= reply.status < 300 else {"error": "scripted"}
        if isinstance(body, (dict, list)):
            response = Response(json.dumps(body), reply.status, mimetype="application/json")
        else:
            response = Response(body, reply.status, mimetype="text/plain")
        for name, value in reply.headers.items():
            response.headers[name] = value
        return response(environ, start_response)

    def stop(self) -> None:
        """Shut the server down; slow replies still waiting are let go first."""
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


class ServedApp:
    """Any WSGI app (e.g. the real CRM) served on 127.0.0.1 in a thread, stopped with stop()."""

    def __init__(self, wsgi_app, port: int = 0):
        self._server = make_server("127.0.0.1", port, wsgi_app, threaded=True, request_handler=_QuietHandler)
        self.port = self._server.port
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
