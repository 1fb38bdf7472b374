"""What every CRM blueprint shares: 400 for bad arguments, and strict JSON bodies."""
import json

import flask_smorest
from flask import request
from webargs.flaskparser import FlaskParser

from ..errors import APIError, ValidationError


class CrmArgumentsParser(FlaskParser):
    """webargs answers 422 by default; our error contract says 400."""

    DEFAULT_VALIDATION_STATUS = 400


class CrmBlueprint(flask_smorest.Blueprint):
    """A flask-smorest Blueprint with our parser (a subclass, so the main API's blueprints are untouched)."""

    ARGUMENTS_PARSER = CrmArgumentsParser()


def read_json_object() -> dict:
    """The request body as a dict, or a 400 that says what is wrong with it."""
    if not request.is_json:
        raise APIError(
            400, "invalid_content_type", "The request body must be JSON.",
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
    return payload
