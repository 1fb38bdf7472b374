"""Texts (SMS): composing them, replies, the development folder and Twilio, the SMS lane."""

from .codes import DIGITS as CODE_DIGITS
from .codes import matches as code_matches
from .folder import list_texts
from .lane import TextDelivery
from .outbox import booking_text_rows, opted_out, pass_text_rows, reminder_text_rows, text_code
from .replies import record_status

__all__ = [
    "CODE_DIGITS",
    "TextDelivery",
    "booking_text_rows",
    "code_matches",
    "list_texts",
    "opted_out",
    "pass_text_rows",
    "record_status",
    "reminder_text_rows",
    "text_code",
]
