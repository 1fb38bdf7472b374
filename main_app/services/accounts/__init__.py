"""Accounts: registration, login, logout, a token's account, password resets, reminder settings, phones, WhatsApp."""

from .auth import (
    account_id,
    authenticate,
    change_password,
    confirm_password_reset,
    register_user,
    request_password_reset,
    revoke_token,
    set_language,
    set_reminders,
    token_account,
    unsubscribe_reminders,
)
from .auth import rename as rename_account
from .erasure import erase_account
from .export import person_export
from .phone_codes import confirm_code, request_code
from .phones import E164, mobile_number, reply_to, set_contact
from .whatsapp import set_whatsapp, whatsapp_reply
from .whatsapp_webhook import REPLY as WHATSAPP_REPLY
from .whatsapp_webhook import WEBHOOK_RETENTION as WHATSAPP_WEBHOOK_RETENTION
from .whatsapp_webhook import signed_connection as whatsapp_signed_connection
from .whatsapp_webhook import subscription_challenge as whatsapp_challenge
from .whatsapp_webhook import take_webhook as take_whatsapp_webhook

__all__ = [
    "E164",
    "WHATSAPP_REPLY",
    "WHATSAPP_WEBHOOK_RETENTION",
    "account_id",
    "authenticate",
    "change_password",
    "confirm_code",
    "confirm_password_reset",
    "erase_account",
    "mobile_number",
    "person_export",
    "register_user",
    "rename_account",
    "reply_to",
    "request_code",
    "request_password_reset",
    "revoke_token",
    "set_contact",
    "set_language",
    "set_reminders",
    "set_whatsapp",
    "take_whatsapp_webhook",
    "token_account",
    "unsubscribe_reminders",
    "whatsapp_challenge",
    "whatsapp_reply",
    "whatsapp_signed_connection",
]
