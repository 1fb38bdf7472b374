"""The day of a session and the desk: check-in codes, roster, check-ins, walk-ins, feedback, reports, WhatsApp."""

from .attendance import close as close_attendance
from .attendance import correct as correct_attendance
from .checkins import record as record_checkin
from .checkins import undo as undo_checkin
from .desk_bookings import book_at_desk
from .desk_clients import find_clients as find_desk_clients
from .desk_sales import sell_at_desk
from .desk_whatsapp import answer_whatsapp, client_whatsapp, studio_client
from .desk_whatsapp_consent import desk_words as desk_whatsapp_words
from .desk_whatsapp_consent import record_desk_consent as record_desk_whatsapp
from .feedback import answer as answer_feedback
from .feedback import for_session as feedback_for_session
from .feedback import read as read_feedback
from .reports import person_history, session_figures, sessions_in_range
from .roster import roster as session_roster
from .tickets import tickets as booking_tickets
from .walkins import walk_in

__all__ = [
    "answer_feedback",
    "answer_whatsapp",
    "book_at_desk",
    "booking_tickets",
    "client_whatsapp",
    "close_attendance",
    "correct_attendance",
    "desk_whatsapp_words",
    "feedback_for_session",
    "find_desk_clients",
    "person_history",
    "read_feedback",
    "record_checkin",
    "record_desk_whatsapp",
    "sell_at_desk",
    "session_figures",
    "session_roster",
    "sessions_in_range",
    "studio_client",
    "undo_checkin",
    "walk_in",
]
