"""What every CRM blueprint shares: 400 for bad arguments, strict JSON bodies, and the errors they imply."""

import json
from http import HTTPStatus

import flask_smorest
from flask import request
from webargs.flaskparser import FlaskParser

from ..errors import APIError, ValidationError
from ..routing import IdConverter


class CrmArgumentsParser(FlaskParser):
    """webargs answers 422 by default; our error contract says 400."""

    DEFAULT_VALIDATION_STATUS = 400


def implied_errors(doc: dict, manual_doc: dict) -> list[HTTPStatus]:
    """The errors any route answers for what it declares: a request body (400, 413), bearer security (401)."""
    statuses = []
    if "requestBody" in doc or "requestBody" in manual_doc:
        statuses += [HTTPStatus.BAD_REQUEST, HTTPStatus.REQUEST_ENTITY_TOO_LARGE]
    if any(manual_doc.get("security") or ()):  # [{}] alone would mean "no credentials needed"
        statuses.append(HTTPStatus.UNAUTHORIZED)
    return statuses


class CrmBlueprint(flask_smorest.Blueprint):
    """A flask-smorest Blueprint with our parser (a subclass, so the main API's blueprints are untouched),
    documenting the errors every route of a kind can give, so no route can forget them."""

    ARGUMENTS_PARSER = CrmArgumentsParser()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._prepare_doc_cbks.append(self._prepare_implied_errors_doc)
        # Recorded before any route, so the app knows <id:...> by the time the routes are added.
        self.record_once(lambda state: state.app.url_map.converters.setdefault("id", IdConverter))

    @staticmethod
    def _prepare_implied_errors_doc(doc, doc_info, **_kwargs):
        """Add implied_errors() to an operation, as references to the Api's responses in our error shape."""
        responses = doc.setdefault("responses", {})
        for status in implied_errors(doc, doc_info.get("manual_doc", {})):
            # A route's own alt_response for the same status (with a description) wins.
            if status.value not in responses and str(status.value) not in responses:
                responses[status.value] = status.name
        return doc


def _holds_nul(value) -> bool:
    """True when any string (key or value) inside value contains a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    return isinstance(value, list) and any(_holds_nul(item) for item in value)


def read_json_object() -> dict:
    """The request body as a dict, or a 400 that says what is wrong with it."""
    if not request.is_json:
        raise APIError(
            400,
            "invalid_content_type",
            "The request body must be JSON.",
            {"body": ["Content-Type must be application/json."]},
        )
    raw = request.get_data(cache=True)
    if not raw.strip():
        raise APIError(400, "invalid_json", "The request body is empty.", {"body": ["A JSON object is required."]})
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise APIError(400, "invalid_json", "The request body is not valid JSON.", {"body": [str(exc)]}) from None
    if not isinstance(payload, dict):
        raise ValidationError({"body": [f"Must be a JSON object, not {type(payload).__name__}."]})
    # PostgreSQL cannot store NUL in text or JSON and SQLite would: refuse it the same way on both.
    if _holds_nul(payload):
        raise ValidationError({"body": ["Must not contain NUL (\\u0000) characters."]})
    return payload
