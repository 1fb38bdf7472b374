"""Notification stores: SQL (default) or a JSON file, chosen by CRM_STORAGE."""

import os

from flask import Flask

from .base import AFTER_THE_REST, Inbox, NotificationStore, StoreUnavailable, Then
from .json_file import JsonNotificationStore
from .sql import SqlNotificationStore

__all__ = [
    "AFTER_THE_REST",
    "Inbox",
    "JsonNotificationStore",
    "NotificationStore",
    "SqlNotificationStore",
    "StoreUnavailable",
    "Then",
    "get_store",
    "init_app",
]


def init_app(app: Flask) -> None:
    """Put the configured store on app.extensions["crm_store"]."""
    if app.config["CRM_STORAGE"] == "json":
        path = app.config["NOTIFICATION_LOG_FILE"]
        # The file may be missing (an empty store); its directory must exist for atomic writes.
        os.makedirs(os.path.dirname(path), exist_ok=True)
        store: NotificationStore = JsonNotificationStore(path)
    else:
        store = SqlNotificationStore()
    app.extensions["crm_store"] = store


def get_store(app: Flask) -> NotificationStore:
    """The store of this app."""
    return app.extensions["crm_store"]
