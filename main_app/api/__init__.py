"""HTTP layer: thin flask-smorest blueprints over the service functions."""
from flask_smorest import Api

from ..schemas.common import APIErrorSchema
from . import auth, bookings, events, facilitator, health, operations


class BookingApi(Api):
    """flask-smorest's Api, documenting errors with our one error shape."""

    ERROR_SCHEMA = APIErrorSchema


def register_api(app) -> Api:
    """Create the Api (OpenAPI document included) and mount every blueprint."""
    app.config.update(
        API_TITLE="Sessions & Retreats booking API",
        API_VERSION="1.0",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
    )
    api = BookingApi(app, spec_kwargs={"components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}}})
    for module in (health, auth, events, bookings, facilitator, operations):
        api.register_blueprint(module.blp)
    return api
