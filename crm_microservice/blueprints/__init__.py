"""HTTP routes of the CRM, one blueprint per module."""

from flask_smorest import Api

from ..schemas import FlatNotificationSchema, NestedNotificationSchema, TypedNotificationSchema
from . import facilitator, health, inbox, notifications


def register_blueprints(api: Api) -> None:
    """Register the blueprints and the schemas the docs refer to by name."""
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    api.spec.components.schema("NestedNotification", schema=NestedNotificationSchema)
    api.spec.components.schema("FlatNotification", schema=FlatNotificationSchema)
    api.spec.components.schema("TypedNotification", schema=TypedNotificationSchema)
    api.register_blueprint(health.blp)
    api.register_blueprint(notifications.blp)
    api.register_blueprint(inbox.blp)
    api.register_blueprint(facilitator.blp)
