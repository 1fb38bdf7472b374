"""WhatsApp (Meta's Cloud API): its templates in every language, their messages, news' rows and the lane."""

from .compose import PARAMETER_LIMIT, clean, limit_of, said, template_message
from .lane import WhatsAppDelivery
from .outbox import marketing_rows, whatsapp_rows
from .stand_in import stand_in_conversations, stand_in_reply
from .submission import submissions
from .templates import LANGUAGE_CODES, PARAMETERS, TEMPLATES, WITHOUT_TEMPLATE, is_marketing, template_for
from .transport import ACCEPTED_AS
from .usage import count, month_of, monthly_usage

__all__ = [
    "ACCEPTED_AS",
    "LANGUAGE_CODES",
    "PARAMETERS",
    "PARAMETER_LIMIT",
    "TEMPLATES",
    "WITHOUT_TEMPLATE",
    "WhatsAppDelivery",
    "clean",
    "count",
    "is_marketing",
    "limit_of",
    "marketing_rows",
    "month_of",
    "monthly_usage",
    "said",
    "stand_in_conversations",
    "stand_in_reply",
    "submissions",
    "template_for",
    "template_message",
    "whatsapp_rows",
]
