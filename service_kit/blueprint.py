"""The blueprint every route of both services is declared on: bad arguments are a 400 in our shape, bodies must
be JSON, and the errors a route implies (400 and 413 for a body, 401 for a token) are documented for it."""

import functools
from http import HTTPStatus

import flask_smorest
from marshmallow import Schema, missing
from webargs.flaskparser import FlaskParser, is_json_request

from .errors import ValidationFailed
from .json_input import decode_json


class Parser(FlaskParser):
    """A body or query that fails its schema is a bad request (400), as our API contract says (webargs: 422)."""

    DEFAULT_VALIDATION_STATUS = 400

    def _get_schema(self, argmap, req) -> Schema:
        """A route's schema class built once, not for each request as webargs does: building one (copying its
        fields) was a third of parsing a booking's body. Loading keeps no state in the schema."""
        if isinstance(argmap, type) and issubclass(argmap, Schema):
            return _built_once(argmap)
        return super()._get_schema(argmap, req)

    def _raw_load_json(self, req):
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


@functools.cache
def _built_once(schema_class: type[Schema]) -> Schema:
    return schema_class()


def implied_errors(doc: dict, manual_doc: dict) -> list[HTTPStatus]:
    """The errors any route answers for what it declares: a request body (400, 413), bearer security (401)."""
    statuses = []
    if "requestBody" in doc or "requestBody" in manual_doc:
        statuses += [HTTPStatus.BAD_REQUEST, HTTPStatus.REQUEST_ENTITY_TOO_LARGE]
    if any(manual_doc.get("security") or ()):  # [{}] alone would mean "no credentials needed"
        statuses.append(HTTPStatus.UNAUTHORIZED)
    return statuses


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint with our Parser, documenting the errors every route of a kind can give."""

    ARGUMENTS_PARSER = Parser()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._prepare_doc_cbks.append(self._prepare_implied_errors_doc)

    @staticmethod
    def _prepare_implied_errors_doc(doc, doc_info, **_kwargs):
        """Add implied_errors() to an operation, as references to the Api's responses in our error shape."""
        responses = doc.setdefault("responses", {})
        for status in implied_errors(doc, doc_info.get("manual_doc", {})):
            # A route's own alt_response for the same status (with a description) wins.
            if status.value not in responses and str(status.value) not in responses:
                responses[status.value] = status.name
        return doc
