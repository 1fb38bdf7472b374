"""The one error shape of the main API: domain errors and the handlers that render them."""

import logging

from flask import jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


class APIError(Exception):
    """An error a client can act on, rendered as {"error": {code, message, details}}."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, details: dict | None = None, status=None):
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.details = details or {}
        self.status = status or self.status


class ValidationFailed(APIError):
    status, code = 400, "validation_error"


class Unauthorized(APIError):
    status, code = 401, "unauthorized"


class Forbidden(APIError):
    status, code = 403, "forbidden"


class NotFound(APIError):
    status, code = 404, "not_found"


class Conflict(APIError):
    status, code = 409, "conflict"


def error_response(status: int, code: str, message: str, details: dict | None = None, headers=None):
    """Build a JSON error response in our shape."""
    response = jsonify({"error": {"code": code, "message": message, "details": details or {}}})
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _webargs_details(exc: HTTPException) -> tuple[str, str, dict] | None:
    """Turn a webargs/flask-smorest validation abort into (code, message, details)."""
    messages = (getattr(exc, "data", None) or {}).get("messages")
    if not messages:
        return None
    if messages.get("json") == ["Invalid JSON body."]:
        return "invalid_json", "The request body is not valid JSON.", {}
    # webargs groups messages by location ("json", "query"); clients only care about the fields.
    details = {}
    for location_messages in messages.values():
        if isinstance(location_messages, dict):
            # marshmallow reports a non-object body under "_schema"; to a client that is the body.
            details.update({("body" if k == "_schema" else k): v for k, v in location_messages.items()})
        else:
            details.setdefault("body", []).extend(location_messages)
    if details.get("body") == ["Invalid input type."]:
        details["body"] = ["Must be a JSON object."]
    fields = ", ".join(sorted(details)) or "body"
    return "validation_error", f"Invalid input: {fields}.", details


def handle_api_error(exc: APIError):
    """Render a domain error."""
    return error_response(exc.status, exc.code, exc.message, exc.details)


def handle_http_exception(exc: HTTPException):
    """Render werkzeug/flask-smorest errors (404, 405, 413, validation) in our shape, never as HTML."""
    parsed = _webargs_details(exc)
    if parsed:
        code, message, details = parsed
        return error_response(400, code, message, details)
    code = (exc.name or "error").lower().replace(" ", "_")
    # Keep protocol headers such as Allow (405) and Retry-After (429); the body is ours.
    headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
    return error_response(exc.code or 500, code, exc.description or exc.name, headers=headers)


def handle_unexpected(exc: Exception):
    """Log an unexpected failure and answer 500 without leaking internals."""
    if isinstance(exc, HTTPException):
        return handle_http_exception(exc)
    log.exception("unhandled error")
    return error_response(500, "internal_error", "Something went wrong on our side; please try again.")


def init_app(app) -> None:
    """Register the handlers; call after the Api extension so ours win."""
    app.register_error_handler(APIError, handle_api_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
