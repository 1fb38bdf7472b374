"""A fault-injecting HTTP proxy for the integration tests, put between the dispatcher and the CRM.

The dispatcher's CRM_BASE_URL points here; every request is forwarded to the real CRM unless the
current mode says otherwise. Faults apply to POST /notify and POST /notify/batch only (the health probe
passes), except hanging, which - like a real wedged server - swallows every request. A fault hits a batch
whole, as it would on the network; counts (stats, keys_seen, held, hold_responses' `after`) are per
notification, a batch's being its items. Random faults come from one seeded generator, so a single
dispatcher sending in order sees the same fault sequence every run.
"""

import http.client
import json
import random
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

# Hop-by-hop headers (RFC 9110 section 7.6.1) and those http.client sets itself.
NOT_FORWARDED = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
}
# The longest any request is held or hung; keeps every thread of the proxy bounded in time.
MAX_HOLD_SECONDS = 60.0

FORWARD = "forwarded"
FAIL_BEFORE = "failed_before"  # 503 without forwarding: the CRM never saw it
DROP_AFTER = "dropped_after"  # forwarded and stored, then the connection is closed unanswered
BAD_GATEWAY_AFTER = "bad_gateway_after"  # forwarded and stored, then answered 502
HOLD_AFTER = "held_after"  # forwarded and stored, the answer held back for a while
REJECT = "rejected"  # /notify: 400 without forwarding; a batch: those items made invalid, the rest forwarded
HANG = "hung"  # read, never answered


class ChaosProxy:
    """A threaded HTTP server on 127.0.0.1 forwarding to `target`, with switchable faults."""

    def __init__(self, seed: int = 0):
        self.target: str | None = None
        self.stats: Counter = Counter()  # action -> notifications it befell (a hung request without any: 1)
        self.keys_seen: Counter = Counter()  # notification id -> requests carrying it that reached the proxy
        self.holding = threading.Event()  # set once a stored message's answer is being held back
        self.held: list[str] = []  # the notification ids whose answers were held back, in order
        self.carried: list[tuple[str, list[str]]] = []  # each delivery request's path and notification ids
        self.forwarding = 0  # requests on their way to the CRM right now
        self._last_activity = time.monotonic()
        self._random = random.Random(seed)
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._fail_before = self._lose_after = self._hold_seconds = 0.0
        self._hold_after = 0
        self._reject: frozenset[str] = frozenset()
        self._hanging = False
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.proxy = self
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="chaos-proxy", daemon=True
        )

    def start(self) -> "ChaosProxy":
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving; requests hung or held are let go (their connections closed unanswered)."""
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    # -- modes ------------------------------------------------------------------------------------

    def pass_through(self) -> None:
        """Forward everything untouched; anything hung or held is let go."""
        with self._lock:
            self._fail_before = self._lose_after = self._hold_seconds = 0.0
            self._reject = frozenset()
            self._hanging = False
            self._let_go()

    def fail_randomly(self, before: float = 0.0, after: float = 0.0) -> None:
        """Fail that fraction of delivery requests with 503 before forwarding, and that fraction after the
        CRM stored them (half by closing the connection unanswered, half with 502): a lost response."""
        assert 0 <= before + after <= 1
        with self._lock:
            self._fail_before, self._lose_after = before, after

    def hold_responses(self, seconds: float, after: int = 0) -> None:
        """Let requests with `after` more notifications through, then forward each at once but hold its answer
        back for seconds: the window between "the CRM stored it" and "the dispatcher heard so", made wide."""
        with self._lock:
            self._hold_seconds = min(seconds, MAX_HOLD_SECONDS)
            self._hold_after = after

    def reject(self, keys) -> None:
        """Make the CRM refuse these notification ids: /notify answered 400 here, a batch's items with one of them
        given a type no shape accepts, so the real CRM answers them invalid (the rest of the batch goes on)."""
        with self._lock:
            self._reject = frozenset(keys)

    def hang(self) -> None:
        """Accept and read every request, never answer (until the mode changes or the proxy closes)."""
        with self._lock:
            self._hanging = True

    def wait_idle(self, quiet: float = 0.3, timeout: float = 10.0) -> bool:
        """Wait until nothing is being forwarded and no request has come in for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self.forwarding and time.monotonic() - self._last_activity >= quiet:
                    return True
            time.sleep(0.05)
        return False

    # -- used by the handler ----------------------------------------------------------------------

    def _let_go(self) -> None:
        """Wake every request waiting on the current release event; later ones wait on a fresh one."""
        self._release.set()
        self._release = threading.Event()

    def decide(self, method: str, path: str, keys: list[str]) -> tuple[str, threading.Event, float]:
        """What to do with one request carrying these notification ids, plus the event and time bound a hung or
        held request waits on."""
        with self._lock:
            self._last_activity = time.monotonic()
            release = self._release
            if self._hanging:
                action = HANG
            elif method != "POST" or not path.startswith("/notify"):
                return FORWARD, release, 0.0
            elif path == "/notify" and set(keys) & self._reject:
                action = REJECT
            else:
                draw = self._random.random()
                if draw < self._fail_before:
                    action = FAIL_BEFORE
                elif draw < self._fail_before + self._lose_after:
                    action = DROP_AFTER if self._random.random() < 0.5 else BAD_GATEWAY_AFTER
                elif self._hold_seconds and self._hold_after <= 0:
                    action = HOLD_AFTER
                else:
                    action = FORWARD
                    self._hold_after -= len(keys)
            self.carried.append((path, keys))
            for key in keys:
                self.keys_seen[key] += 1
            self.stats[action] += max(1, len(keys))
            if action == HOLD_AFTER:
                self.held += keys
            return action, release, self._hold_seconds if action == HOLD_AFTER else MAX_HOLD_SECONDS

    def rejecting(self, body: bytes) -> bytes:
        """A batch body with the items this proxy rejects made invalid (a type no shape accepts)."""
        with self._lock:
            rejected = self._reject
        if not rejected:
            return body
        batch = json.loads(body)
        for item in batch["notifications"]:
            if item.get("notification_id") in rejected:
                item["type"] = "Rejected By The Chaos Proxy"
        return json.dumps(batch).encode()

    def forward(self, method: str, path: str, headers, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        """Send the request to the real CRM on a fresh connection; (status, headers, body)."""
        target = urlsplit(self.target)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
        with self._lock:
            self.forwarding += 1
        try:
            connection.request(
                method, path, body=body, headers={k: v for k, v in headers.items() if k.lower() not in NOT_FORWARDED}
            )
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()
            with self._lock:
                self.forwarding -= 1
                self._last_activity = time.monotonic()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client killed mid-conversation (the point of some tests), not a proxy bug
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the dispatcher's pooled session expects
    # Headers and body go out in two writes; with Nagle on, the second waits ~40 ms for a delayed ACK.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._proxy_request()

    def do_POST(self) -> None:
        self._proxy_request()

    def log_message(self, format, *args) -> None:
        pass  # quiet: the test output is for the tests

    def _proxy_request(self) -> None:
        proxy: ChaosProxy = self.server.proxy
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if len(body) < length:  # the client died mid-request (a killed dispatcher): nothing to forward
            self.close_connection = True
            return
        action, release, bound = proxy.decide(self.command, self.path, _notification_ids(self.path, self.headers, body))
        if action == HANG:
            release.wait(bound)
            self.close_connection = True  # let go unanswered
            return
        if action == REJECT:
            return self._answer(400, _error("invalid_notification", "Rejected by the chaos proxy."))
        if action == FAIL_BEFORE:
            return self._answer(503, _error("service_unavailable", "Injected failure before the CRM."))
        if self.path == "/notify/batch":
            body = proxy.rejecting(body)
        try:
            status, headers, content = proxy.forward(self.command, self.path, self.headers, body)
        except OSError as exc:
            return self._answer(502, _error("bad_gateway", f"CRM unreachable: {type(exc).__name__}"))
        if action == DROP_AFTER:
            self.close_connection = True  # the CRM stored it; the dispatcher never hears so
            return
        if action == BAD_GATEWAY_AFTER:
            return self._answer(502, _error("bad_gateway", "Injected failure after the CRM answered."))
        if action == HOLD_AFTER:
            proxy.holding.set()
            release.wait(bound)
        passed = [(k, v) for k, v in headers if k.lower() in ("content-type", "retry-after")]
        self._answer(status, content, passed)

    def _answer(self, status: int, content: bytes, headers=(("Content-Type", "application/json"),)) -> None:
        try:
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
        except OSError:
            self.close_connection = True  # the client went away (a killed dispatcher): nothing to tell


def _notification_ids(path: str, headers, body: bytes) -> list[str]:
    """The notifications a request carries: /notify's Idempotency-Key, or a batch's items' ids."""
    if path == "/notify/batch":
        try:
            return [item.get("notification_id") for item in json.loads(body)["notifications"]]
        except (ValueError, KeyError, TypeError, AttributeError):
            return []
    key = headers.get("Idempotency-Key")
    return [key] if key else []


def _error(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message, "details": {}}}).encode()
