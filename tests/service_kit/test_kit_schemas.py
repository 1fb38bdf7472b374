"""The base schema of both services: every integer fits its column, wherever it sits; unknown fields are refused by
name; a body's unknown fields reach the client in the one error shape."""

import flask_smorest
import pytest
from flask import Flask
from marshmallow import ValidationError, fields, validate

from service_kit import errors
from service_kit.blueprint import Blueprint
from service_kit.schemas import BaseSchema, Id

TOO_BIG = (2**31, 2**63, 2**64)


class ItemSchema(BaseSchema):
    seat = fields.Integer()


class OrderSchema(BaseSchema):
    count = fields.Integer()
    at_least_one = fields.Integer(validate=validate.Range(min=1))
    ids = fields.List(fields.Integer(validate=validate.Range(min=1)))
    pair = fields.Tuple((fields.Integer(), fields.String()))
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    items = fields.List(fields.Nested(ItemSchema))
    own = fields.Integer(validate=validate.Range(min=0, max=50))


@pytest.mark.parametrize("value", TOO_BIG)
@pytest.mark.parametrize(
    "body, path",
    [
        (lambda v: {"count": v}, ("count",)),
        (lambda v: {"count": -v - 1}, ("count",)),
        (lambda v: {"at_least_one": v}, ("at_least_one",)),
        (lambda v: {"ids": [1, v]}, ("ids", 1)),
        (lambda v: {"pair": [v, "x"]}, ("pair", 0)),
        (lambda v: {"counts": {"a": v}}, ("counts", "a", "value")),
        (lambda v: {"items": [{"seat": v}]}, ("items", 0, "seat")),
    ],
    ids=["integer", "negative", "half-open range", "list item", "tuple member", "mapping value", "nested"],
)
def test_every_integer_is_bounded_by_an_integer_column(body, path, value):
    with pytest.raises(ValidationError) as caught:
        OrderSchema().load(body(value))
    messages = caught.value.messages
    for key in path:
        messages = messages[key]
    assert "2147483647" in messages[0] or "-2147483648" in messages[0]


def test_the_column_bounds_leave_a_tighter_range_alone_and_accept_the_edges():
    schema = OrderSchema()
    assert schema.load({"count": 2**31 - 1, "ids": [2**31 - 1], "own": 50}) == {
        "count": 2**31 - 1,
        "ids": [2**31 - 1],
        "own": 50,
    }
    assert len(schema.fields["own"].validators) == 1  # already within the column's range
    assert schema.load({"count": -(2**31)}) == {"count": -(2**31)}


def test_an_id_field_is_one_to_the_largest_id():
    class IdSchema(BaseSchema):
        id = Id()

    for bad in (0, -1, 2**31):
        with pytest.raises(ValidationError):
            IdSchema().load({"id": bad})
    assert IdSchema().load({"id": 2**31 - 1}) == {"id": 2**31 - 1}


def test_unknown_fields_are_refused_each_by_name_nested_too():
    with pytest.raises(ValidationError) as caught:
        OrderSchema().load({"count": 1, "cuont": 2, "items": [{"seat": 1, "row": 3}]})
    assert set(caught.value.messages) == {"cuont", "items"}
    assert caught.value.messages["cuont"] == [errors.UNKNOWN_FIELD]
    assert caught.value.messages["items"] == {0: {"row": [errors.UNKNOWN_FIELD]}}


def _app_with(schema) -> Flask:
    app = Flask(__name__)
    app.config.update(API_TITLE="kit", API_VERSION="1", OPENAPI_VERSION="3.0.3", OPENAPI_URL_PREFIX="/")
    api = flask_smorest.Api(app)
    blp = Blueprint("kit", __name__)

    @blp.route("/orders", methods=["POST"])
    @blp.arguments(schema)
    def order(body):
        return body

    @blp.route("/orders", methods=["GET"])
    @blp.arguments(schema, location="query")
    def orders(query):
        return query

    api.register_blueprint(blp)
    errors.init_app(app)
    return app


def test_a_body_with_unknown_fields_is_a_400_naming_them_and_a_query_may_carry_others():
    client = _app_with(OrderSchema).test_client()

    answer = client.post("/orders", json={"count": 1, "cuont": 2, "items": [{"seat": 1, "row": 3}]})

    assert answer.status_code == 400
    error = answer.get_json()["error"]
    assert error["code"] == "validation_error"
    assert error["details"] == {"cuont": [errors.UNKNOWN_FIELD], "items": {"0": {"row": [errors.UNKNOWN_FIELD]}}}
    assert "Unknown fields: cuont, items.0.row." in error["message"]
    # A query string is not a body: a cache-buster or a tracking parameter is no typo of ours to report.
    assert client.get("/orders?count=1&_=123").get_json() == {"count": 1}


def test_the_bounds_and_the_closed_objects_are_in_the_openapi_document():
    spec = _app_with(OrderSchema).test_client().get("/openapi.json").get_json()
    order = spec["components"]["schemas"]["Order"]
    assert order["additionalProperties"] is False
    properties = order["properties"]
    assert (properties["count"]["minimum"], properties["count"]["maximum"]) == (-(2**31), 2**31 - 1)
    assert (properties["ids"]["items"]["minimum"], properties["ids"]["items"]["maximum"]) == (1, 2**31 - 1)
    assert (properties["own"]["minimum"], properties["own"]["maximum"]) == (0, 50)
