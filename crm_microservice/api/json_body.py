"""A request's JSON body read as it came (for /notify's three shapes and forwarded bodies), or a 400 saying why not."""

from flask import request

from service_kit.errors import ValidationFailed
from service_kit.json_input import decode_json


def read_json_object(*, check_text: bool = True) -> dict:
    """The request body as a dict, or a 400 that says what is wrong with it (check_text: see decode_json)."""
    if not request.is_json:
        raise ValidationFailed(
            "The request body must be JSON.",
            code="invalid_content_type",
            details={"body": ["Content-Type must be application/json."]},
        )
    raw = request.get_data(cache=True)
    if not raw.strip():
        raise ValidationFailed(
            "The request body is empty.", code="invalid_json", details={"body": ["A JSON object is required."]}
        )
    payload = decode_json(raw, check_text=check_text)
    if not isinstance(payload, dict):
        raise ValidationFailed(
            "The request is not valid.", details={"body": [f"Must be a JSON object, not {type(payload).__name__}."]}
        )
    return payload
