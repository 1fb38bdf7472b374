"""What a notice in the notification centre says: a title and a sentence or two, from the same snapshot its email
or text was written from, and where in the web app it leads."""

from datetime import datetime

from main_app.services.common import local_time

BOOKINGS_LINK = "/bookings"
# Each kind's title and body; {title}, {when} and the snapshot's own fields are filled in.
NOTICES = {
    "booking_confirmed": ("Booked: {title}", "Your seat for {when} is confirmed."),
    "booking_reactivated": ("Booked again: {title}", "Your seat for {when} is yours again."),
    "booking_changed": ("Changed: {title}", "It is now {when}. Your booking moved with it."),
    "booking_cancelled": ("Cancelled: {title}", "Your booking for {when} is cancelled and the seat given back."),
    "waitlist_joined": ("On the waiting list: {title}", "You are number {position} in line for {when}."),
    "waitlist_promoted": ("A seat came free: {title}", "The seat for {when} is yours: you are booked."),
    "waitlist_ended": ("No seat came free: {title}", "The waiting list for {when} has ended: {reason}"),
    "waitlist_offer": ("A seat is offered to you: {title}", "The seat for {when} is kept for you until {offer_until}."),
    "offer_ended": ("Offer ended: {title}", "The seat for {when} was not taken in time and went to the next person."),
    "facilitator_message": ("{subject}", "{text}"),
    "seat_held": ("Seat held: {title}", "Your seat for {when} is held: pay {pay_amount} by {pay_by} to keep it."),
    "hold_ended": ("Hold ended: {title}", "No payment came in time, so the seat for {when} went back."),
    "refund_processed": ("Refunded: {title}", "{amount} for {when} is on its way back to you."),
    "reminder_24h": ("Tomorrow: {title}", "It starts {when}."),
    "reminder_2h": ("Starting soon: {title}", "It starts {when}."),
}
NOTICE_KINDS = frozenset(NOTICES)
TITLE_LIMIT, BODY_LIMIT = 300, 1000


def _body(kind: str, snapshot: dict, fields: dict) -> str:
    """The kind's body; a cancellation by the organiser and a seat held for payment say so."""
    if kind == "booking_cancelled" and snapshot.get("by") == "facilitator":
        studio = snapshot.get("studio") if isinstance(snapshot.get("studio"), dict) else {}
        who = studio.get("name") or snapshot["event"]["facilitator"]  # the studio's, since notices say it
        body = f"{who} cancelled {fields['when']}: {snapshot.get('reason', '')}"
        refund = snapshot.get("refund")
        return f"{body} Your refund of {refund['amount']} is on its way." if refund else body
    if kind == "hold_ended" and snapshot.get("reason") == "declined":
        return f"The payment was declined, so the seat for {fields['when']} went back. Nothing was charged."
    if kind == "offer_ended" and snapshot.get("reason") == "declined":
        return f"You declined the seat for {fields['when']}; it went to the next person waiting."
    if kind == "waitlist_promoted" and isinstance(snapshot.get("pay"), dict):
        pay = snapshot["pay"]
        return f"The seat for {fields['when']} is held for you: pay {pay['amount']} by {pay['by']} to keep it."
    return NOTICES[kind][1].format(**fields)


def compose(kind: str, snapshot: dict) -> dict:
    """The notice of this kind for the snapshot an outbox message holds: title, body, link, booking and session."""
    session, event = snapshot["session"], snapshot["event"]
    refund = snapshot.get("refund")
    pay = snapshot.get("pay") if isinstance(snapshot.get("pay"), dict) else {}
    offer = snapshot.get("offer") if isinstance(snapshot.get("offer"), dict) else {}
    fields = {
        "offer_until": offer.get("until", ""),
        "pay_amount": pay.get("amount", ""),
        "pay_by": pay.get("by", ""),
        "title": " ".join(str(event["title"]).split()),
        "when": local_time(datetime.fromisoformat(session["starts_at"]), event["timezone"]),
        "position": snapshot.get("position", ""),
        "reason": snapshot.get("reason", ""),
        "subject": snapshot.get("subject", ""),
        "text": snapshot.get("text", ""),
        "amount": refund["amount"] if isinstance(refund, dict) else "",
    }
    booking = snapshot.get("booking")
    link = offer.get("path") or BOOKINGS_LINK  # an offer leads to its own page
    return {
        "kind": kind,
        "title": " ".join(NOTICES[kind][0].format(**fields).split())[:TITLE_LIMIT],
        "body": _body(kind, snapshot, fields).strip()[:BODY_LIMIT],
        "link": link,
        "booking_id": booking["id"] if isinstance(booking, dict) else None,
        "session_id": session["id"],
    }
