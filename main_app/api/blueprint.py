"""Our Blueprint: flask-smorest's, with validation errors answered as 400 instead of 422."""
import flask_smorest
from webargs.flaskparser import FlaskParser


class Parser(FlaskParser):
    """A body that fails its schema is a bad request (400), as our API contract says."""

    DEFAULT_VALIDATION_STATUS = 400


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest Blueprint using Parser."""

    ARGUMENTS_PARSER = Parser()


BEARER = [{"bearerAuth": []}]
