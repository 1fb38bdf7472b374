"""A studio's webhooks: their endpoints, the lane that sends their deliveries signed and in order, their logs."""

from main_app.services.news import WEBHOOK_EVENT_TYPES as EVENT_TYPES

from .endpoints import change_endpoint, make_endpoint, remove_endpoint, studio_endpoints
from .lane import WebhookLane
from .log import deliveries, redeliver, send_test

__all__ = [
    "EVENT_TYPES",
    "WebhookLane",
    "change_endpoint",
    "deliveries",
    "make_endpoint",
    "redeliver",
    "remove_endpoint",
    "send_test",
    "studio_endpoints",
]
