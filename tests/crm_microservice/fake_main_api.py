"""A fake main API for the CRM's tests: a real HTTP server on 127.0.0.1 that records and answers forwarded requests
from a script, and answers GET /auth/access as the main API would for the tokens crm_tokens mints (the network edge
is the only thing faked)."""

import json
import threading
from dataclasses import dataclass, field

import jwt
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


ACCESS_PATH = "/auth/access"
ACCESS_CLAIMS = ("role", "name", "inbox_studios", "client_book")


class FakeMainAPI:
    """Records every forwarded request; answers each from the queued replies, else 200 {"ok": true}. GET /auth/access
    answers apart (recorded in access_requests): the token's own claims, unless the token was logged out (revoke) or
    its account's access changed since (grant)."""

    def __init__(self):
        self.requests: list[Recorded] = []
        self.access_requests: list[Recorded] = []
        self.script: list[Reply] = []
        self.revoked: set[str] = set()
        self.granted: dict[int, dict] = {}
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

    def revoke(self, token: str) -> None:
        """Log the token out: the main API answers 401 token_revoked for it from now on."""
        self.revoked.add(_decode(token)["jti"])

    def grant(self, user_id: int, **access) -> None:
        """The account's access as of now (role, name, inbox_studios, client_book), whatever its tokens say."""
        self.granted[user_id] = access

    def _access(self, request: Request) -> Response:
        """The main API's GET /auth/access for the request's token."""
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = _decode(token)
        except jwt.InvalidTokenError:
            return _error(401, "invalid_token")
        if claims["jti"] in self.revoked:
            return _error(401, "token_revoked")
        user_id = int(claims["sub"])
        access = {name: claims.get(name, []) for name in ACCESS_CLAIMS}
        body = {"id": user_id, **access, **self.granted.get(user_id, {})}
        return Response(json.dumps(body), 200, content_type="application/json")

    def _wsgi(self, environ, start_response):
        request = Request(environ)
        recorded = Recorded(
            request.method, request.path, request.query_string.decode(), dict(request.headers), request.get_data()
        )
        if (request.method, request.path) == ("GET", ACCESS_PATH):
            with self._lock:
                self.access_requests.append(recorded)
            return self._access(request)(environ, start_response)
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


def _decode(token: str) -> dict:
    """The token's claims, through a decoder of its own (a test counting the CRM's jwt.decode calls does not count
    the main API's). The CRM verified the signature before asking, with the secret the two services share, which
    some tests choose: this stand-in takes the claims as that main API would find them."""
    return jwt.PyJWT().decode(token, options={"verify_signature": False})


def _error(status: int, code: str) -> Response:
    """An answer in the main API's error shape."""
    body = {"error": {"code": code, "message": code.replace("_", " "), "details": {}}}
    return Response(json.dumps(body), status, content_type="application/json")
