"""HTTP layer: thin flask-smorest blueprints over the service functions, one per module."""

from flask import Flask

from service_kit import docs

from . import auth, bookings, calendars, events, facilitator, health, mailbox, operations, payments


def init_app(app: Flask) -> None:
    """The OpenAPI document, the /docs page and every blueprint."""
    api = docs.init_app(app, "Sessions & Retreats booking API", bearer_format="JWT")
    for module in (health, auth, events, bookings, calendars, facilitator, operations, mailbox, payments):
        api.register_blueprint(module.blp)
