"""HTTP layer: thin flask-smorest blueprints over the service functions."""

from flask_smorest import Api

from ..routing import MessageIdConverter
from ..schemas.common import APIErrorSchema
from . import auth, bookings, docs, events, facilitator, health, operations


class BookingApi(Api):
    """flask-smorest's Api, documenting errors with our one error shape."""

    ERROR_SCHEMA = APIErrorSchema
    # No catch-all "default" answer: each route lists the statuses it gives, so a client (and
    # Schemathesis' status code check) can rely on the list.
    DEFAULT_ERROR_RESPONSE_NAME = None


def register_api(app) -> Api:
    """Create the Api (OpenAPI document and /docs page included) and mount every blueprint."""
    app.config.update(
        API_TITLE="Sessions & Retreats booking API",
        API_VERSION="1.0",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
    )
    docs.init_app(app)
    api = BookingApi(
        app,
        spec_kwargs={
            "components": {
                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
            }
        },
    )
    message_id = {"type": "string", "pattern": f"^{MessageIdConverter.regex}$"}
    api.register_converter(MessageIdConverter, lambda _converter: message_id)
    for module in (health, auth, events, bookings, facilitator, operations):
        api.register_blueprint(module.blp)
    return api
