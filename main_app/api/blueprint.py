"""Our Blueprint: flask-smorest's, with validation errors answered as 400 instead of 422."""
import flask_smorest
from webargs.flaskparser import FlaskParser, is_json_request

from ..errors import ValidationFailed


class Parser(FlaskParser):
    """A body that fails its schema is a bad request (400), as our API contract says."""

    DEFAULT_VALIDATION_STATUS = 400

    def _raw_load_json(self, req):
        """Refuse a body sent as anything but JSON, instead of reporting its fields as missing."""
        if req.get_data(cache=True) and not is_json_request(req):
            raise ValidationFailed(
                "Send the body as JSON with 'Content-Type: application/json'.",
                code="invalid_content_type",
                details={"Content-Type": [f"Expected application/json, got {req.mimetype or 'none'}."]},
            )
        return super()._raw_load_json(req)


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest Blueprint using Parser."""

    ARGUMENTS_PARSER = Parser()


BEARER = [{"bearerAuth": []}]
