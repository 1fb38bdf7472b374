"""The blueprint every route of both services is declared on: bad arguments are a 400 in our shape, bodies must
be JSON, and the errors a route implies (400 and 413 for a body, 414 for a query string, 401 for a token) are
documented for it."""

from http import HTTPStatus

import flask_smorest
from apispec import BasePlugin
from marshmallow import missing
from webargs.flaskparser import FlaskParser, is_json_request

from .errors import ValidationFailed
from .json_input import decode_json


class Parser(FlaskParser):
    """A body or query that fails its schema is a bad request (400), as our API contract says (webargs: 422)."""

    DEFAULT_VALIDATION_STATUS = 400

    def load_json(self, req, schema):
        """The body through decode_json; a body sent as anything but JSON is refused, not read as missing fields."""
        raw = req.get_data(cache=True)
        if not raw:
            return missing
        if not is_json_request(req):
            raise ValidationFailed(
                "Send the body as JSON with 'Content-Type: application/json'.",
                code="invalid_content_type",
                details={"Content-Type": [f"Expected application/json, got {req.mimetype or 'none'}."]},
            )
        return decode_json(raw)


def implied_errors(operation: dict) -> list[HTTPStatus]:
    """The errors any route answers for what it declares: a request body (400, 413), a query string (414), bearer
    security (401)."""
    statuses = []
    if "requestBody" in operation:
        statuses += [HTTPStatus.BAD_REQUEST, HTTPStatus.REQUEST_ENTITY_TOO_LARGE]
    # A query string's values, percent-encoded, can make the request line longer than the server reads (gunicorn's
    # limit_request_line): it answers 414 before the route runs, whatever the values' own limits.
    if any(isinstance(p, dict) and p.get("in") == "query" for p in operation.get("parameters") or ()):
        statuses.append(HTTPStatus.REQUEST_URI_TOO_LONG)
    if any(operation.get("security") or ()):  # [{}] alone would mean "no credentials needed"
        statuses.append(HTTPStatus.UNAUTHORIZED)
    return statuses


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint with our Parser, each route's argument schema built once."""

    ARGUMENTS_PARSER = Parser()

    def arguments(self, schema, **options):
        """flask-smorest's arguments, given an instance of a schema class: webargs builds a class anew for every
        request (copying its fields), an instance it uses as it is. Loading keeps no state in the schema."""
        return super().arguments(schema() if isinstance(schema, type) else schema, **options)


class ImpliedErrors(BasePlugin):
    """An apispec plugin documenting the errors any route answers for what it declares (implied_errors), as
    references to the Api's responses in our error shape; a route's own answer for the same status wins."""

    def operation_helper(self, path=None, operations=None, **kwargs) -> None:
        for operation in (operations or {}).values():
            if not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            for status in implied_errors(operation):
                if status.value not in responses and str(status.value) not in responses:
                    responses[status.value] = status.name


# The header of a write that is done once however often it is sent (main_app.plumbing.idempotency keeps the answers).
IDEMPOTENCY_KEY = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "description": "A key of your choosing, new for each new request (a UUID): the same request sent again with it "
    "(a retry after a lost answer) gets the first answer again, with `Idempotent-Replayed: true`, and changes "
    "nothing. Kept a day, per caller.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[A-Za-z0-9_-]{1,64}$"},
}
KEYED_METHODS = ("post", "put", "patch", "delete")


class KeyedWrites(BasePlugin):
    """An apispec plugin documenting the Idempotency-Key header on every write, with what it may answer: 400 (a
    malformed key), 409 (the key's first request under way) and 422 (the key sent with another request)."""

    def operation_helper(self, path=None, operations=None, **kwargs) -> None:
        for method, operation in (operations or {}).items():
            if method not in KEYED_METHODS or not isinstance(operation, dict):
                continue
            operation.setdefault("parameters", []).append(dict(IDEMPOTENCY_KEY))
            responses = operation.setdefault("responses", {})
            for status in (HTTPStatus.BAD_REQUEST, HTTPStatus.CONFLICT, HTTPStatus.UNPROCESSABLE_ENTITY):
                if status.value not in responses and str(status.value) not in responses:
                    responses[status.value] = status.name
