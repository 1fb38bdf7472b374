"""Texts (SMS): composing them, replies, the development folder and Twilio, the SMS lane."""

from .codes import DIGITS as CODE_DIGITS
from .codes import matches as code_matches
from .folder import list_texts
from .lane import TextDelivery
from .outbox import opted_out, text_code, text_rows
from .replies import record_status

__all__ = [
    "CODE_DIGITS",
    "TextDelivery",
    "code_matches",
    "list_texts",
    "opted_out",
    "record_status",
    "text_code",
    "text_rows",
]
