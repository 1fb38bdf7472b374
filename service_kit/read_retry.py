"""A read whose database connection died under it (a failover, a restarted server: SQLAlchemy then drops the pool's
connections) is answered again once, on a fresh connection, before the client sees anything; a write, or a read that
fails again, is the 503 with Retry-After that errors.py answers. Wraps the app's WSGI callable."""

from flask import Flask, request

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})  # nothing written: answering again changes nothing
AGAIN = "service_kit.read_again"  # set by the error handler: this read's connection died, answer it again
RETRIED = "service_kit.read_retried"  # this is the second answer: never a third


def ask_again(connection_lost: bool) -> None:
    """In the error handler of a database error: mark the request to be answered again when its connection was lost
    under a read that was not already a second try."""
    environ = request.environ
    if connection_lost and request.method in SAFE_METHODS and not environ.get(RETRIED):
        environ[AGAIN] = True


class RetryReadsOnce:
    """WSGI middleware: holds back the first answer's start_response until it knows whether the read is answered
    again (the error handler said so through the environ), so the client sees one answer."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        # The WSGI environ's request method (PEP 3333, always there), not a setting.
        if environ["REQUEST_METHOD"] not in SAFE_METHODS:
            return self.wsgi_app(environ, start_response)
        held = []
        body = self.wsgi_app(environ, lambda *args: held.append(args))
        if not environ.pop(AGAIN, False):
            start_response(*held[0])
            return body
        if hasattr(body, "close"):
            body.close()  # the first answer's teardown (its session removed) runs here
        environ[RETRIED] = True
        return self.wsgi_app(environ, start_response)


def init_app(app: Flask) -> None:
    """Answer a read again once when its database connection was lost."""
    app.wsgi_app = RetryReadsOnce(app.wsgi_app)
