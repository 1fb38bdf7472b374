"""A read whose database connection died under it (a failover, a restarted server: SQLAlchemy then drops the pool's
connections) is answered again once, on a fresh connection, before the client sees anything; so is a write that
carries an Idempotency-Key where the service keeps its answer (mark_keyed): the second try finds the first's answer,
its key taken without one (409: the first's changes may be saved), or nothing when it committed nothing. Any other
write, or a request that fails again, is the 503 with Retry-After that errors.py answers. Wraps the app's WSGI
callable."""

import io

from flask import Flask, request

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})  # nothing written: answering again changes nothing
AGAIN = "service_kit.read_again"  # set by the error handler: this request's connection died, answer it again
RETRIED = "service_kit.read_retried"  # this is the second answer: never a third
KEYED = "service_kit.keyed_write"  # set by the service: this write's key keeps its answer, so a repeat is safe


def mark_keyed() -> None:
    """This request is a write whose Idempotency-Key keeps its answer: answered again when its connection dies."""
    request.environ[KEYED] = True


def ask_again(connection_lost: bool) -> None:
    """In the error handler of a database error: mark the request to be answered again when its connection was lost
    under a read, or a keyed write (mark_keyed), that was not already a second try."""
    environ = request.environ
    safe = request.method in SAFE_METHODS or environ.get(KEYED)
    if connection_lost and safe and not environ.get(RETRIED):
        environ[AGAIN] = True


class RecordedInput:
    """wsgi.input keeping what the first answer read of it, so that a second answer reads the same body."""

    def __init__(self, stream, length: int):
        self.stream, self.length, self.seen = stream, length, bytearray()

    def read(self, size: int | None = -1) -> bytes:
        data = self.stream.read() if size is None or size < 0 else self.stream.read(size)
        self.seen += data
        return data

    def readline(self, size: int | None = -1) -> bytes:
        data = self.stream.readline() if size is None or size < 0 else self.stream.readline(size)
        self.seen += data
        return data

    def again(self) -> io.BytesIO:
        """The body from its start: what was read, then what was not (up to CONTENT_LENGTH)."""
        rest = self.length - len(self.seen)
        return io.BytesIO(bytes(self.seen) + (self.stream.read(rest) if rest > 0 else b""))


class RetryReadsOnce:
    """WSGI middleware: holds back the first answer's start_response until it knows whether the request is answered
    again (the error handler said so through the environ), so the client sees one answer."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        body = None
        # The WSGI environ's request method (PEP 3333, always there), not a setting.
        if environ["REQUEST_METHOD"] not in SAFE_METHODS:
            if not environ.get("HTTP_IDEMPOTENCY_KEY"):
                return self.wsgi_app(environ, start_response)
            environ["wsgi.input"] = body = RecordedInput(environ["wsgi.input"], body_length(environ))
        held = []
        answer = self.wsgi_app(environ, lambda *args: held.append(args))
        if not environ.pop(AGAIN, False):
            start_response(*held[0])
            return answer
        if hasattr(answer, "close"):
            answer.close()  # the first answer's teardown (its session removed) runs here
        environ[RETRIED] = True
        if body is not None:
            environ["wsgi.input"] = body.again()
        return self.wsgi_app(environ, start_response)


def body_length(environ) -> int:
    """CONTENT_LENGTH, 0 when missing or not a number (the app answers that one itself)."""
    value = environ.get("CONTENT_LENGTH") or ""
    return int(value) if value.isdigit() else 0


def init_app(app: Flask) -> None:
    """Answer a read, or a keyed write, again once when its database connection was lost."""
    app.wsgi_app = RetryReadsOnce(app.wsgi_app)
