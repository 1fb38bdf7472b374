"""Seats: taking and giving back, the lock order, holds, guests, options, waiting lists, promotion, offers."""

from .capacity import (
    Claimed,
    check_seats_per_booking,
    claim_priced_seat,
    claim_seat,
    give_back_seat,
    lock_sessions,
    lock_sessions_of,
    option_full,
    too_few_seats,
    why_not_claimed,
)
from .guests import GUESTS
from .guests import add as add_guests
from .guests import named as named_guests
from .guests import of as guests_of
from .holds import (
    HOLD_EXPIRY,
    SEAT_HELD,
    SEAT_HELD_DELAY,
    drop_hold_expiries,
    end_imported_holds,
    pay_terms,
)
from .holds import hold as hold_seats
from .line import line_of, session_with_event, waiting_counts
from .offers import accept as accept_place_offer
from .offers import decline as decline_place_offer
from .offers import expire as expire_offer
from .offers import find as find_offer
from .offers import offer_expired
from .offers import sessions_of as offer_sessions_of
from .options import offers_options, option_document, option_to_book, options_of
from .options import seat_price as option_seat_price
from .requests import hold_for_decision, tell_requested
from .waitlist import Place, end_lines, refresh_notices, seat_freed
from .waitlist import forget as forget_waitlist
from .waitlist import join as join_waitlist
from .waitlist import leave as leave_waitlist
from .waitlist import promote as promote_waitlist

__all__ = [
    "GUESTS",
    "HOLD_EXPIRY",
    "SEAT_HELD",
    "SEAT_HELD_DELAY",
    "Claimed",
    "Place",
    "accept_place_offer",
    "add_guests",
    "check_seats_per_booking",
    "claim_priced_seat",
    "claim_seat",
    "decline_place_offer",
    "drop_hold_expiries",
    "end_imported_holds",
    "end_lines",
    "expire_offer",
    "find_offer",
    "forget_waitlist",
    "give_back_seat",
    "guests_of",
    "hold_for_decision",
    "hold_seats",
    "join_waitlist",
    "leave_waitlist",
    "line_of",
    "lock_sessions",
    "lock_sessions_of",
    "named_guests",
    "offer_expired",
    "offer_sessions_of",
    "offers_options",
    "option_document",
    "option_full",
    "option_seat_price",
    "option_to_book",
    "options_of",
    "pay_terms",
    "promote_waitlist",
    "refresh_notices",
    "seat_freed",
    "session_with_event",
    "tell_requested",
    "too_few_seats",
    "waiting_counts",
    "why_not_claimed",
]
