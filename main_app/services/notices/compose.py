"""What a notice in the notification centre says: a title and a sentence or two, from the same snapshot its email
or text was written from, and where in the web app it leads."""

from datetime import datetime

from main_app.services.languages import N_, format_datetime, gettext

BOOKINGS_LINK = "/bookings"
# Each kind's title and body; {title}, {when} and the snapshot's own fields are filled in.
NOTICES = {
    "booking_confirmed": (N_("Booked: {title}"), N_("Your seat for {when} is confirmed.")),
    "booking_reactivated": (N_("Booked again: {title}"), N_("Your seat for {when} is yours again.")),
    "booking_changed": (N_("Changed: {title}"), N_("It is now {when}. Your booking moved with it.")),
    "booking_cancelled": (
        N_("Cancelled: {title}"),
        N_("Your booking for {when} is cancelled and the seat given back."),
    ),
    "waitlist_joined": (N_("On the waiting list: {title}"), N_("You are number {position} in line for {when}.")),
    "waitlist_promoted": (N_("A seat came free: {title}"), N_("The seat for {when} is yours: you are booked.")),
    "waitlist_ended": (N_("No seat came free: {title}"), N_("The waiting list for {when} has ended: {reason}")),
    "waitlist_offer": (
        N_("A seat is offered to you: {title}"),
        N_("The seat for {when} is kept for you until {offer_until}."),
    ),
    "offer_ended": (
        N_("Offer ended: {title}"),
        N_("The seat for {when} was not taken in time and went to the next person."),
    ),
    "facilitator_message": ("{subject}", "{text}"),
    "seat_held": (
        N_("Seat held: {title}"),
        N_("Your seat for {when} is held: pay {pay_amount} by {pay_by} to keep it."),
    ),
    "hold_ended": (N_("Hold ended: {title}"), N_("No payment came in time, so the seat for {when} went back.")),
    "refund_processed": (N_("Refunded: {title}"), N_("{amount} for {when} is on its way back to you.")),
    "reminder_24h": (N_("Tomorrow: {title}"), N_("It starts {when}.")),
    "reminder_2h": (N_("Starting soon: {title}"), N_("It starts {when}.")),
}
NOTICE_KINDS = frozenset(NOTICES)
TITLE_LIMIT, BODY_LIMIT = 300, 1000


# The bodies that say more than their kind's: a cancellation by the organiser (with a refund or without), a payment
# declined, an offer declined, a freed seat held for payment.
CANCELLED_BY = N_("{who} cancelled {when}: {reason}")
CANCELLED_BY_REFUNDED = N_("{who} cancelled {when}: {reason} Your refund of {amount} is on its way.")
HOLD_DECLINED = N_("The payment was declined, so the seat for {when} went back. Nothing was charged.")
OFFER_DECLINED = N_("You declined the seat for {when}; it went to the next person waiting.")
PROMOTED_TO_PAY = N_("The seat for {when} is held for you: pay {pay_amount} by {pay_by} to keep it.")


def _body(kind: str, snapshot: dict, fields: dict) -> str:
    """The kind's body; a cancellation by the organiser and a seat held for payment say so."""
    said = NOTICES[kind][1]
    if kind == "booking_cancelled" and snapshot.get("by") == "facilitator":
        studio = snapshot.get("studio") if isinstance(snapshot.get("studio"), dict) else {}
        fields = {**fields, "who": studio.get("name") or snapshot["event"]["facilitator"]}  # the studio's
        said = CANCELLED_BY_REFUNDED if snapshot.get("refund") else CANCELLED_BY
    elif kind == "hold_ended" and snapshot.get("reason") == "declined":
        said = HOLD_DECLINED
    elif kind == "offer_ended" and snapshot.get("reason") == "declined":
        said = OFFER_DECLINED
    elif kind == "waitlist_promoted" and isinstance(snapshot.get("pay"), dict):
        said = PROMOTED_TO_PAY
    return gettext(said).format(**fields)


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
        "when": format_datetime(datetime.fromisoformat(session["starts_at"]), event["timezone"]),
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
        "title": " ".join(gettext(NOTICES[kind][0]).format(**fields).split())[:TITLE_LIMIT],
        "body": _body(kind, snapshot, fields).strip()[:BODY_LIMIT],
        "link": link,
        "booking_id": booking["id"] if isinstance(booking, dict) else None,
        "session_id": session["id"],
    }
