"""Which emails a change queues, composing them, calendar files, SMTP or .eml transport, the email lane."""

from .attendee_mail import (
    GUEST_REMINDER,
    REMINDERS,
    booking_snapshot,
    checkin_of,
    complete_account_made,
    complete_password_reset,
    drop_pending,
    email_counts,
    email_row,
    pending_reminders,
)
from .calendar_files import BookingEntry, calendar_file, uid_domain
from .compose import GUEST_KINDS, REMINDER_KINDS
from .guest_limits import address_of as guest_address_of
from .guest_limits import complete as complete_guest_email
from .guest_limits import links as guest_email_links
from .guest_limits import suppressed as suppressed_addresses
from .guest_limits import take as take_guest_emails
from .guest_limits import unsubscribe as unsubscribe_guest
from .hosts import session_host, studio_host
from .lane import EmailDelivery
from .mailbox import list_messages, read_message

__all__ = [
    "GUEST_KINDS",
    "GUEST_REMINDER",
    "REMINDERS",
    "REMINDER_KINDS",
    "BookingEntry",
    "EmailDelivery",
    "booking_snapshot",
    "calendar_file",
    "checkin_of",
    "complete_account_made",
    "complete_guest_email",
    "complete_password_reset",
    "drop_pending",
    "email_counts",
    "email_row",
    "guest_address_of",
    "guest_email_links",
    "list_messages",
    "pending_reminders",
    "read_message",
    "session_host",
    "studio_host",
    "suppressed_addresses",
    "take_guest_emails",
    "uid_domain",
    "unsubscribe_guest",
]
