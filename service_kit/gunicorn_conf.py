"""gunicorn settings the services and the web app run with: `gunicorn -c python:service_kit.gunicorn_conf ...`."""

import time
from urllib.parse import unquote_to_bytes

from gunicorn.http.errors import InvalidRequestLine, ParseException

from service_kit.body_limits import limit_for

# gthread whose own refusals (a request line or header over its limits, an unparsable request) are our JSON errors.
worker_class = "service_kit.gunicorn_worker.JsonErrorWorker"
# Build the app once in the master and fork the workers from it: they start at once and share its memory. Safe
# because create_app opens no connection, socket or thread that a worker would inherit.
preload_app = True
# Seconds an idle keep-alive connection stays open: longer than nginx keeps its idle upstream connections
# (keepalive_timeout in deploy/nginx.conf.template), so nginx always closes one first. With gunicorn's 2 s, a
# request nginx sends down a connection gunicorn is closing at that moment comes back as a 502 (a POST is never
# retried): the likely cause of 23 in one mixed rush on two busy cores.
keepalive = 75

# How much of a refused body is read and thrown away before the connection closes: enough for a client that sends
# its whole body before reading the answer (most do) to get to the answer; past that the connection is cut.
DRAIN_BYTES = 32 * 1024 * 1024
DRAIN_SECONDS = 10.0
DRAIN_CHUNK = 64 * 1024


def over_limit(worker, req) -> bool:
    """True when req announces a body over the app's MAX_CONTENT_LENGTH for its path."""
    limit = limit_for(getattr(worker.wsgi, "config", {}), req.path)  # a batch route may take more
    length = next((value for name, value in req.headers if name == "CONTENT-LENGTH"), None)
    return limit is not None and length is not None and length.isdigit() and int(length) > limit


def pre_request(worker, req) -> None:
    """Refuse a path holding a NUL byte (%00) as unreadable, as nginx does in front of us; close the connection
    after answering a body over the app's limit (413): the answer says `Connection: close`."""
    if b"\0" in unquote_to_bytes(req.path):
        raise InvalidRequestLine(req.uri)
    if over_limit(worker, req):
        req.must_close = True


def post_request(worker, req, environ, resp) -> None:
    """Before the connection closes after a body over the limit, read what the app left of it: closed with that
    still arriving, the connection is reset and a client still sending never reads the answer."""
    if environ and over_limit(worker, req):
        drain(environ["wsgi.input"])


def drain(stream, max_bytes: int = DRAIN_BYTES, seconds: float = DRAIN_SECONDS) -> None:
    """Read and discard stream to its end, at most max_bytes and for at most about `seconds`."""
    deadline = time.monotonic() + seconds
    left = max_bytes
    try:
        while left > 0 and time.monotonic() < deadline:
            chunk = stream.read(min(DRAIN_CHUNK, left))
            if not chunk:
                return
            left -= len(chunk)
    except (OSError, ParseException):
        return  # the client went away or sent a broken chunk: the connection closes all the same
