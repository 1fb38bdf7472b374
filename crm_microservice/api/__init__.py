"""HTTP layer: thin flask-smorest blueprints over the service functions, one per module."""

from flask import Flask

from service_kit import docs

from ..schemas import FlatNotificationSchema, NestedNotificationSchema, TypedNotificationSchema
from . import (
    clients,
    clients_csv,
    facilitator,
    figures,
    health,
    inbox,
    notifications,
    people,
    people_facts,
    segment_recipients,
    segments,
)


def init_app(app: Flask) -> None:
    """The OpenAPI document (with the schemas the docs refer to by name), the /docs page and every blueprint."""
    api = docs.init_app(app, "CRM notification service")
    api.spec.components.schema("NestedNotification", schema=NestedNotificationSchema)
    api.spec.components.schema("FlatNotification", schema=FlatNotificationSchema)
    api.spec.components.schema("TypedNotification", schema=TypedNotificationSchema)
    for module in (
        health,
        notifications,
        inbox,
        facilitator,
        clients,
        clients_csv,
        segments,
        segment_recipients,
        people,
        people_facts,
        figures,
    ):
        for blp in getattr(module, "blps", (module.blp,)):
            api.register_blueprint(blp)
