"""The one error shape of the CRM: {"error": {"code", "message", "details"}}, for every failure."""

import logging
import re

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


class APIError(Exception):
    """An error the client should see, with its HTTP status and a stable snake_case code."""

    def __init__(self, status: int, code: str, message: str, details: dict | None = None, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}
        self.headers = headers or {}


class ValidationError(APIError):
    """The request is malformed; `details` maps each bad field to its messages."""

    def __init__(self, details: dict, message: str = "The request is not valid.", code="validation_error"):
        super().__init__(400, code, message, details)


class Unauthorized(APIError):
    """Credentials are missing or wrong."""

    def __init__(self, message: str = "A valid bearer token is required.", code: str = "unauthorized"):
        super().__init__(401, code, message, headers={"WWW-Authenticate": "Bearer"})


class SignatureRejected(APIError):
    """A webhook signature is missing, stale or wrong (only checked when CRM_SIGNING_SECRET is set)."""

    def __init__(self, code: str, message: str, details: dict):
        super().__init__(401, code, message, details, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(APIError):
    """The caller is known but may not do this."""

    def __init__(self, message: str = "You may not access this resource."):
        super().__init__(403, "forbidden", message)


class NotFound(APIError):
    """Nothing here for this caller (someone else's record looks the same as a missing one)."""

    def __init__(self, message: str = "Not found."):
        super().__init__(404, "not_found", message)


class ServiceUnavailable(APIError):
    """A dependency of the service (its store) does not work right now."""

    def __init__(self, message: str, details: dict | None = None, code: str = "service_unavailable"):
        super().__init__(503, code, message, details)


def error_response(status: int, code: str, message: str, details: dict | None = None, headers=None):
    """A JSON response in the error shape."""
    response = jsonify({"error": {"code": code, "message": message, "details": details or {}}})
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def flatten_messages(messages, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow/webargs messages as {"user.email": ["..."]}; schema-level ones go to the parent."""
    if not isinstance(messages, dict):
        return {prefix or "body": [str(m) for m in messages] if isinstance(messages, list) else [str(messages)]}
    flat: dict[str, list[str]] = {}
    for key, value in messages.items():
        name = prefix if key == "_schema" else f"{prefix}.{key}" if prefix else str(key)
        for field, texts in flatten_messages(value, name).items():
            flat.setdefault(field, []).extend(texts)
    return flat


def register_error_handlers(app: Flask) -> None:
    """Register after flask-smorest's Api.init_app, so these handlers replace its own."""
    app.register_error_handler(APIError, _handle_api_error)
    app.register_error_handler(HTTPException, _handle_http_exception)
    app.register_error_handler(Exception, _handle_unexpected)


def _handle_api_error(error: APIError):
    return error_response(error.status, error.code, error.message, error.details, error.headers)


def _handle_http_exception(error: HTTPException):
    data = getattr(error, "data", None) or {}
    if "messages" in data:  # webargs validation failure, raised through flask-smorest's abort
        # Drop the location level ("query", "json"): the field name is what the client needs.
        details = {}
        for messages in data["messages"].values():
            details.update(flatten_messages(messages))
        return error_response(400, "validation_error", "The request is not valid.", details, data.get("headers"))
    status = error.code or 500
    if status >= 500:
        log.error("HTTP %s on the way out: %s", status, error.name)
    # Keep headers such as Allow (405); drop werkzeug's text/html content type.
    headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
    return error_response(status, _snake(error.name), error.description or error.name, None, headers)


def _handle_unexpected(error: Exception):
    # The traceback goes to the log (redacted there); the client only learns that it failed.
    log.exception("Unhandled error: %s", type(error).__name__)
    return error_response(500, "internal_error", "An unexpected error occurred.")


def _snake(name: str) -> str:
    """'Method Not Allowed' -> 'method_not_allowed'."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
