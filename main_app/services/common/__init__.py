"""Shared helpers: money, local times, signed tokens, check-in and QR codes, passwords, files, booked options, names."""

from main_app.services.languages import digits

from .addresses import PrivateAddress, refuse_private_host
from .booked_option import booked_child, child_named
from .booked_option import booked_option as option_of_booking
from .checkin_codes import Scanned, qr_text, seat_code
from .checkin_codes import genuine as genuine_checkin_code
from .checkin_codes import read as read_checkin_code
from .checkin_codes import session_key as checkin_session_key
from .files import file_name, folder_ready, write_whole
from .local_times import (
    FIRST_WRITABLE,
    HORIZON,
    LAST_WRITABLE,
    local_range,
    local_time,
    session_window,
    short_time,
    within_reach,
)
from .money import BASIS, CURRENCIES, MAX_PRICE, format_money, half_up, method_name, tax_on
from .names import written as written_name
from .passwords import NO_PASSWORD, dummy_password_hash, hash_password, password_matches
from .qr_codes import png as qr_png
from .qr_codes import svg_data_uri as qr_svg_data_uri
from .sealing import Sealer, Unsealable
from .session_modes import BY_VIDEO, IN_PERSON, SESSION_MODES, join_url
from .tokens import (
    TokenRefused,
    feedback_claims,
    feedback_token,
    guest_join_guest_id,
    guest_join_token,
    guest_unsubscribe_address,
    guest_unsubscribe_token,
    marketing_claims,
    marketing_token,
    offer_claimed_entry_id,
    offer_token,
    offer_token_is_for,
    password_reset_claims,
    password_reset_token,
    unsubscribe_token,
    unsubscribe_user_id,
)

__all__ = [
    "BASIS",
    "BY_VIDEO",
    "CURRENCIES",
    "FIRST_WRITABLE",
    "HORIZON",
    "IN_PERSON",
    "LAST_WRITABLE",
    "MAX_PRICE",
    "NO_PASSWORD",
    "SESSION_MODES",
    "PrivateAddress",
    "Scanned",
    "Sealer",
    "TokenRefused",
    "Unsealable",
    "booked_child",
    "checkin_session_key",
    "child_named",
    "digits",
    "dummy_password_hash",
    "feedback_claims",
    "feedback_token",
    "file_name",
    "folder_ready",
    "format_money",
    "genuine_checkin_code",
    "guest_join_guest_id",
    "guest_join_token",
    "guest_unsubscribe_address",
    "guest_unsubscribe_token",
    "half_up",
    "hash_password",
    "join_url",
    "local_range",
    "local_time",
    "marketing_claims",
    "marketing_token",
    "method_name",
    "offer_claimed_entry_id",
    "offer_token",
    "offer_token_is_for",
    "option_of_booking",
    "password_matches",
    "password_reset_claims",
    "password_reset_token",
    "qr_png",
    "qr_svg_data_uri",
    "qr_text",
    "read_checkin_code",
    "refuse_private_host",
    "seat_code",
    "session_window",
    "short_time",
    "tax_on",
    "unsubscribe_token",
    "unsubscribe_user_id",
    "within_reach",
    "write_whole",
    "written_name",
]
