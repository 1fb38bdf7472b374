"""WhatsApp (Meta's Cloud API): its templates, one per kind of news in every language, and their messages."""

from .compose import PARAMETER_LIMIT, clean, said, template_message
from .submission import submissions
from .templates import LANGUAGE_CODES, PARAMETERS, TEMPLATES, WITHOUT_TEMPLATE, is_marketing, template_for

__all__ = [
    "LANGUAGE_CODES",
    "PARAMETERS",
    "PARAMETER_LIMIT",
    "TEMPLATES",
    "WITHOUT_TEMPLATE",
    "clean",
    "is_marketing",
    "said",
    "submissions",
    "template_for",
    "template_message",
]
