"""The blueprint both services declare routes on: a route's argument schema is built once, not per request, and
still judges every request on its own."""

import flask_smorest
from flask import Flask
from marshmallow import fields

from service_kit import errors
from service_kit.blueprint import Blueprint
from service_kit.schemas import BaseSchema


def test_an_argument_schema_is_built_once_and_judges_each_request_alone():
    built = []

    class CountedSchema(BaseSchema):
        session_id = fields.Integer(required=True, strict=True)

        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)

    app = Flask(__name__)
    app.config.update(API_TITLE="kit", API_VERSION="1", OPENAPI_VERSION="3.0.3")
    api = flask_smorest.Api(app)
    blp = Blueprint("kit", __name__)

    @blp.route("/book", methods=["POST"])
    @blp.arguments(CountedSchema)
    def book(body):
        return {"session_id": body["session_id"]}

    api.register_blueprint(blp)
    errors.init_app(app)
    client = app.test_client()
    built.clear()  # built when the route was declared

    answers = [client.post("/book", json=body) for body in ({"session_id": 1}, {"session_id": "x"}, {"session_id": 2})]

    assert [a.status_code for a in answers] == [200, 400, 200]
    assert answers[0].get_json() == {"session_id": 1} and answers[2].get_json() == {"session_id": 2}
    assert answers[1].get_json()["error"]["details"] == {"session_id": ["Not a valid integer."]}
    assert built == []  # webargs alone builds a schema class again for every request
