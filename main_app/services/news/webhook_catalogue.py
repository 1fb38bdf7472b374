"""The event types a studio's webhooks may hear: the kinds of its news the CRM hears too (news.sayings' CRM_WRITERS,
docs/api.md's notification types), each with what it means. A delivery's body is {type, timestamp, data}: data is
the news as the CRM gets it, with the studio's ids."""

EVENT_TYPES = {
    "booking_created": "A booking was made (by the person, at the desk, from the waiting list or an approval)",
    "booking_cancelled": "A booking was cancelled (by the person, the studio, or for an unpaid balance)",
    "booking_reactivated": "A cancelled booking was booked again",
    "payment_succeeded": "A booking was paid",
    "refund_processed": "A refund reached the person",
    "refund_failed": "A refund failed at the provider",
    "waitlist_promoted": "Someone on a waiting list got a seat",
    "guest_cancelled": "A guest's seat on a booking was given back",
    "checked_in": "A seat was checked in",
    "checkin_undone": "A check-in was undone",
    "no_show": "A session closed with a booking not checked in",
    "attendance_attended": "Attendance was corrected to attended",
    "attendance_no_show": "Attendance was corrected to no-show",
    "feedback_received": "Someone rated a session",
    "approval_requested": "Someone asked to book an event that approves each booking",
    "booking_approved": "A request to book was approved",
    "booking_declined": "A request to book was declined",
    "approval_expired": "A request to book expired",
    "approval_withdrawn": "A request to book was withdrawn",
    "event_created": "An event was made",
    "event_updated": "An event was changed",
    "event_cancelled": "An event was cancelled",
    "session_created": "A session was added",
    "session_updated": "A session was changed (its time, capacity or teacher)",
    "session_cancelled": "A session was cancelled",
    "instalment_due": "An instalment of a payment plan came due",
    "instalment_paid": "An instalment was paid",
    "balance_missed": "A plan's balance went unpaid and its booking was cancelled",
    "pass_purchased": "A pass or membership was bought (or given at an import)",
    "pass_renewed": "A membership renewed",
    "pass_lapsed": "A membership lapsed after a declined renewal",
    "credit_spent": "A pass credit was spent on a booking",
    "credit_returned": "A pass credit came back",
    "credit_forfeited": "A pass credit was forfeited (a late cancellation or a no-show)",
    "code_redeemed": "A discount code was used",
    "client_imported": "A client was brought in by an import",
}


def object_of(payload: dict) -> str:
    """What a message is about, for the order its webhooks keep: the booking, else the pass, session, event or
    person it names, else the studio."""
    data = payload.get("data") or {}
    for name, key in (("booking", "booking_id"), ("pass", "pass_id"), ("session", "session_id")):
        value = payload.get(key) if payload.get(key) is not None else data.get(key)
        if value is not None:
            return f"{name}:{value}"
    for name, key in (("event", "event_id"), ("person", "user_id")):
        if payload.get(key) is not None:
            return f"{name}:{payload[key]}"
    return "studio"
