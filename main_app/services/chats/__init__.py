"""WhatsApp's rules: consent and its history, a number's STOP and START, the 24-hour window, a studio's own number."""

from .connection import (
    WEBHOOK_PATH,
    Connection,
    SecretsLost,
    clear_connection,
    connection_for,
    connection_of_number,
    install_connection,
    rotate_secrets,
    set_connection,
    webhook_connection,
)
from .connection import audited as audited_connection
from .connection import checked as checked_connection
from .connection import document as connection_document
from .consent import SOURCES as CONSENT_SOURCES
from .consent import consent_wording, forget, opt_in, opt_out, wanting_whatsapp, wants_whatsapp
from .consent import document as consent_document
from .consent import history as consent_history
from .consent import newest as current_consent
from .keywords import START, STOP, keyword
from .numbers import WINDOW, Received, receive, stopped, whatsapp_number, window_closes_at, window_open

__all__ = [
    "CONSENT_SOURCES",
    "START",
    "STOP",
    "WEBHOOK_PATH",
    "WINDOW",
    "Connection",
    "Received",
    "SecretsLost",
    "audited_connection",
    "checked_connection",
    "clear_connection",
    "connection_document",
    "connection_for",
    "connection_of_number",
    "consent_document",
    "consent_history",
    "consent_wording",
    "current_consent",
    "forget",
    "install_connection",
    "keyword",
    "opt_in",
    "opt_out",
    "receive",
    "rotate_secrets",
    "set_connection",
    "stopped",
    "wanting_whatsapp",
    "wants_whatsapp",
    "webhook_connection",
    "whatsapp_number",
    "window_closes_at",
    "window_open",
]
