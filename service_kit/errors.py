"""The one error shape of both services, {"error": {"code", "message", "details"}}: the errors and their handlers."""

import logging
import re

from flask import Flask, current_app, g, jsonify
from sqlalchemy.exc import OperationalError, PendingRollbackError, SQLAlchemyError
from werkzeug.exceptions import HTTPException

from . import read_retry
from .languages import gettext

# What the base schema says of a body's field it does not know (a typo, or a field of another request).
UNKNOWN_FIELD = "Unknown field: this request has no such field (check its spelling)."
# Sent with a 401 that a bearer token would cure, so clients know which scheme to use.
BEARER_CHALLENGE = {"WWW-Authenticate": "Bearer"}
# Seconds a client is asked to wait when the database is out of reach: about what a managed failover takes.
DATABASE_RETRY_AFTER = "5"
RETRY_AFTER = "retry_after"  # flask.g: the Retry-After an answer must carry


class APIError(Exception):
    """An error a client can act on; subclasses set the status and a stable snake_case code."""

    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        details: dict | None = None,
        status: int | None = None,
        headers: dict | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.details = details or {}
        self.status = status or self.status
        self.headers = headers or {}


class ValidationFailed(APIError):
    """The request is malformed; details maps each bad field to its messages."""

    status, code = 400, "validation_error"


class Unauthorized(APIError):
    """Credentials are missing or wrong."""

    status, code = 401, "unauthorized"


class Forbidden(APIError):
    """The caller is known but may not do this."""

    status, code = 403, "forbidden"


class NotFound(APIError):
    """Nothing here for this caller (someone else's record looks the same as a missing one)."""

    status, code = 404, "not_found"


class Conflict(APIError):
    """The request clashes with the current state."""

    status, code = 409, "conflict"


class ServiceUnavailable(APIError):
    """Something the service depends on does not work right now."""

    status, code = 503, "service_unavailable"


def error_response(status: int, code: str, message: str, details: dict | None = None, headers=None):
    """A JSON response in the error shape."""
    response = jsonify({"error": {"code": code, "message": message, "details": details or {}}})
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def validation_error(messages: dict) -> tuple[str, str, dict]:
    """(code, message, details) for webargs' messages, which are grouped by location ("json", "query")."""
    if messages.get("json") == ["Invalid JSON body."]:
        return "invalid_json", gettext("The request body is not valid JSON."), {}
    details: dict = {}
    for location_messages in messages.values():  # clients only care about the fields
        if isinstance(location_messages, dict):
            # marshmallow reports a non-object body under "_schema"; to a client that is the body.
            details.update({("body" if k == "_schema" else k): v for k, v in location_messages.items()})
        else:
            details.setdefault("body", []).extend(location_messages)
    if details.get("body") == ["Invalid input type."]:
        details["body"] = [gettext("Must be a JSON object.")]
    message = gettext("Invalid input: %(fields)s.", fields=", ".join(sorted(details)) or "body")
    if unknown := sorted(unknown_fields(details)):
        message += " " + gettext("Unknown fields: %(fields)s.", fields=", ".join(unknown))
    return "validation_error", message, details


def unknown_fields(details: dict, prefix: str = "") -> list[str]:
    """The dotted paths in details (nested as marshmallow nests them) of the fields a schema did not know."""
    found = []
    for key, value in details.items():
        if isinstance(value, dict):
            found += unknown_fields(value, f"{prefix}{key}.")
        elif isinstance(value, list) and UNKNOWN_FIELD in value:
            found.append(f"{prefix}{key}")
    return found


def service_log(component: str) -> logging.Logger:
    """The logger "<service>.<component>" of the app handling this request, under the service's own handlers."""
    return logging.getLogger(f"{current_app.import_name}.{component}")


def snake_case(name: str) -> str:
    """'Method Not Allowed' -> 'method_not_allowed'."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _handle_api_error(exc: APIError):
    return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)


def _handle_http_exception(exc: HTTPException):
    """werkzeug's and flask-smorest's errors (404, 405, 413, validation) in our shape, never as HTML."""
    data = getattr(exc, "data", None) or {}
    if data.get("messages"):  # webargs validation, raised through flask-smorest's abort
        return error_response(400, *validation_error(data["messages"]), headers=data.get("headers"))
    status = exc.code or 500
    if status >= 500:
        service_log("errors").error("HTTP %s on the way out: %s", status, exc.name)
    # Keep protocol headers such as Allow (405) and Retry-After (429); the body is ours.
    headers = {name: value for name, value in exc.get_headers() if name.lower() != "content-type"}
    return error_response(status, snake_case(exc.name or "error"), exc.description or exc.name, headers=headers)


def _handle_database_unreachable(exc: OperationalError | PendingRollbackError):
    """The database could not do the work now (out of connections, restarting, failing over, unreachable, locked): a
    passing state of the system, not of the request, so 503 with Retry-After; logged without the statement or its
    values. A read, or a keyed write, whose connection died under it is answered again once first (read_retry)."""
    service_log("errors").error("database unavailable: %s", type(getattr(exc, "orig", exc)).__name__)
    roll_back_session()
    read_retry.ask_again(getattr(exc, "connection_invalidated", False))
    message = gettext("The database is busy or out of reach right now; please try again in a moment.")
    setattr(g, RETRY_AFTER, DATABASE_RETRY_AFTER)  # set last, after the rate limiter's (http_headers)
    return error_response(503, "service_unavailable", message)


def roll_back_session() -> None:
    """Leave the request's session usable: what runs after the handler (the rate limiter counting a failure) reads
    again, on a fresh connection, instead of meeting "can't reconnect until invalid transaction is rolled back"."""
    extension = current_app.extensions.get("sqlalchemy")
    if extension is not None:
        try:
            extension.session.rollback()
        except SQLAlchemyError:  # the connection is gone already: nothing of it to give back
            service_log("errors").warning("rollback after a lost connection failed")


def _handle_unexpected(exc: Exception):
    """An unexpected failure: logged, and answered 500 without internals."""
    if isinstance(exc, HTTPException):
        return _handle_http_exception(exc)
    service_log("errors").exception("unhandled error: %s", type(exc).__name__)
    return error_response(500, "internal_error", gettext("Something went wrong on our side; please try again."))


def init_app(app: Flask) -> None:
    """Answer every error in our shape; call after the Api is created, whose own HTTPException handler this replaces."""
    app.register_error_handler(APIError, _handle_api_error)
    app.register_error_handler(HTTPException, _handle_http_exception)
    app.register_error_handler(OperationalError, _handle_database_unreachable)
    # The same lost connection met again by a session not yet rolled back: still the database, not a bug of ours.
    app.register_error_handler(PendingRollbackError, _handle_database_unreachable)
    app.register_error_handler(Exception, _handle_unexpected)
    read_retry.init_app(app)
