"""gunicorn's threaded worker, answering the requests gunicorn refuses itself in our JSON error shape."""

import json
from http import HTTPStatus
from ssl import SSLError

from gunicorn.http import errors
from gunicorn.workers.gthread import ThreadWorker

# What gunicorn refuses before any app runs, most specific first: (exception, status, code, message). Any other
# request it cannot parse is a 400; anything else went wrong on our side.
REFUSALS = [
    (errors.InvalidResponseHeader, 500, "internal_error", "Something went wrong on our side; please try again."),
    (errors.InvalidResponseHeaderName, 500, "internal_error", "Something went wrong on our side; please try again."),
    (errors.ConfigurationProblem, 500, "internal_error", "Something went wrong on our side; please try again."),
    (errors.LimitRequestLine, 414, "uri_too_long", "The request line is longer than this server accepts."),
    (
        errors.LimitRequestHeaders,
        431,
        "request_header_fields_too_large",
        "A request header is larger than this server accepts.",
    ),
    (errors.ExpectationFailed, 417, "expectation_failed", "The Expect header asks for something not supported."),
    (
        errors.UnsupportedTransferCoding,
        501,
        "not_implemented",
        "The request uses a feature this server does not support.",
    ),
    (errors.ForbiddenProxyRequest, 403, "forbidden", "This is not served."),
    (SSLError, 403, "forbidden", "This is not served."),
    (errors.ParseException, 400, "bad_request", "The request could not be read."),
]
UNEXPECTED = (500, "internal_error", "Something went wrong on our side; please try again.")


def refusal(exc: BaseException) -> tuple[int, str, str]:
    """(status, code, message) answering exc, an error raised before the app could answer."""
    return next(((s, c, m) for kind, s, c, m in REFUSALS if isinstance(exc, kind)), UNEXPECTED)


def error_bytes(status: int, code: str, message: str) -> bytes:
    """A whole HTTP/1.1 answer in our error shape that closes the connection."""
    body = json.dumps({"error": {"code": code, "message": message, "details": {}}}).encode() + b"\n"
    head = (
        f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        "\r\n"
    )
    return head.encode("latin-1") + body


class JsonErrorWorker(ThreadWorker):
    """gthread, except that what it answers itself (a request line or header over its limits, a request it cannot
    parse, a failure before the app answered) is our JSON error, not gunicorn's HTML page."""

    def handle_error(self, req, client, addr, exc):
        """Log as gunicorn does, then answer in our shape (gunicorn's own version writes HTML)."""
        status, code, message = refusal(exc)
        ip = addr[0] if isinstance(addr, tuple) and addr else ""
        if status < 500:
            self.log.warning("Invalid request from ip=%s: %s", ip, exc)
        else:
            self.log.exception("Error handling request", exc_info=exc)
        try:
            client.sendall(error_bytes(status, code, message))
        except OSError:
            self.log.debug("Failed to send error message.")
