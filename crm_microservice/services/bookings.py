"""A facilitator's bookings, read from the booking notifications the CRM has stored (never the main database)."""

import math

from ..storage import NotificationStore


def list_page(store: NotificationStore, facilitator_id: int, query: dict) -> dict:
    """One page of this facilitator's bookings in their current state, filtered by status, event, session."""
    filters = {key: value for key, value in query.items() if key not in ("page", "per_page")}
    page, per_page = query["page"], query["per_page"]
    states, total = store.list_bookings(facilitator_id, filters, page, per_page)
    return {
        "items": [present_booking(state) for state in states],
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": math.ceil(total / per_page),
    }


def present_booking(state: dict) -> dict:
    """The public form of a booking state (store.list_bookings), emails shown: the facilitator's own registrants."""
    reason = (state["data"] or {}).get("cancel_reason") if state["status"] == "cancelled" else None
    return {
        "booking_id": state["booking_id"],
        "status": state["status"],
        "user": {"id": state["user_id"], "name": state["user_name"], "email": state["user_email"]},
        "event": {"id": state["event_id"], "title": state["event_title"], "start_date": state["event_start"]},
        "session_id": state["session_id"],
        "booked_at": state["booked_at"],
        "updated_at": state["updated_at"],
        # data is free-form: only a string can be a reason.
        "cancel_reason": reason if isinstance(reason, str) else None,
    }
