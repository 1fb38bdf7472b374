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

__all__ = [
    "E164",
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
    "token_account",
    "unsubscribe_reminders",
    "whatsapp_reply",
]
