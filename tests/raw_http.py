"""Requests HTTP client libraries refuse to send, written on a raw socket, and the answer read back: the bad requests
both the production profile (nginx) and the plain run (gunicorn) must answer in our JSON error shape."""

import json
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

# What a client may send that the front server refuses before any app runs: (request, status, code).
BAD_REQUESTS = {
    "a NUL byte in the path": (b"GET /events/%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad_request"),
    "a 20 kB header": (
        b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n",
        431,
        "request_header_fields_too_large",
    ),
    "a 20 kB URL": (b"GET /health?q=" + b"a" * 20_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "uri_too_long"),
}
BIG_BODY = 5_000_000


@dataclass
class Answer:
    """An HTTP answer as it came off the wire."""

    status: int
    headers: dict[str, str]  # names lower-cased
    body: bytes

    def error(self) -> dict:
        """The body's {"error": ...} object, checking it is our JSON error shape."""
        assert self.headers.get("content-type", "").startswith("application/json"), (self.headers, self.body[:300])
        error = json.loads(self.body)["error"]
        assert set(error) == {"code", "message", "details"} and error["details"] == {}, error
        return error


def exchange(url: str, request: bytes, timeout: float = 30) -> Answer:
    """Send request whole (as most clients do, a body before reading anything), then read the one answer."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as sock:
        sock.sendall(request)  # a server that closed early resets the connection here
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = sock.recv(65536)
            assert chunk, f"the connection closed before an answer: {received!r}"
            received += chunk
        head, _, body = received.partition(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        headers = {name.strip().lower(): value.strip() for name, value in (line.split(":", 1) for line in lines)}
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            chunk = sock.recv(65536)
            assert chunk, f"the connection closed {length - len(body)} bytes before the end of the answer"
            body += chunk
    return Answer(int(status_line.split(" ", 2)[1]), headers, body)


def post_big_body(url: str, path: str, headers: dict | None = None) -> Answer:
    """POST BIG_BODY bytes of JSON-ish data to path, the whole body sent before the answer is read."""
    lines = [f"POST {path} HTTP/1.1", "Host: x", "Content-Type: application/json", f"Content-Length: {BIG_BODY}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return exchange(url, ("\r\n".join(lines) + "\r\n\r\n").encode() + b"x" * BIG_BODY)
