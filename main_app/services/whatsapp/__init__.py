"""WhatsApp (Meta's Cloud API): its templates, one per kind of news in every language, their messages, the rows
news writes and the WhatsApp lane that sends them."""

from .compose import PARAMETER_LIMIT, clean, said, template_message
from .errors import WhatsAppError
from .lane import WhatsAppDelivery
from .outbox import whatsapp_rows
from .submission import submissions
from .templates import LANGUAGE_CODES, PARAMETERS, TEMPLATES, WITHOUT_TEMPLATE, is_marketing, template_for

__all__ = [
    "LANGUAGE_CODES",
    "PARAMETERS",
    "PARAMETER_LIMIT",
    "TEMPLATES",
    "WITHOUT_TEMPLATE",
    "WhatsAppDelivery",
    "WhatsAppError",
    "clean",
    "is_marketing",
    "said",
    "submissions",
    "template_for",
    "template_message",
    "whatsapp_rows",
]
