"""Bookings: book, cancel, reactivate, approvals, offer replies, my bookings, booking documents, calendar feeds."""

from .approval_requests import expire as expire_approval_request
from .approvals import approve as approve_request
from .approvals import decline as decline_request
from .approvals import waiting as waiting_requests
from .calendar_feed import booking_file, feed_file, feed_name, new_feed
from .guest_cancel import cancel_guest
from .imported_booking import book_imported
from .joining import guest_video_link, video_link
from .my_bookings import page_document
from .offer_replies import accept_offer, decline_offer, offer_document
from .operations import book_session, cancel_booking, get_booking, owned_booking
from .operations import pay as pay_booking
from .reactivation import reactivate_booking
from .staff_booking import book_client

__all__ = [
    "accept_offer",
    "approve_request",
    "book_client",
    "book_imported",
    "book_session",
    "booking_file",
    "cancel_booking",
    "cancel_guest",
    "decline_offer",
    "decline_request",
    "expire_approval_request",
    "feed_file",
    "feed_name",
    "get_booking",
    "guest_video_link",
    "new_feed",
    "offer_document",
    "owned_booking",
    "page_document",
    "pay_booking",
    "reactivate_booking",
    "video_link",
    "waiting_requests",
]
