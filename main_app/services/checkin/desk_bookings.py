"""A client booked into a class at the studio's desk, one seat or more (the others their unnamed guests): found by
email (or made an account, as a walk-in is) or by id among the studio's clients, and booked by the booking service's
own seat path (services.bookings.book_client) with their pass (a credit a seat), paid at the desk (a "door" payment
of every seat, with how it was paid and who took it) or free, with an audit entry in the seat's transaction."""

from sqlalchemy import select

from main_app.services import studios
from main_app.services.bookings import book_client
from main_app.services.invoices import require_billing_address
from main_app.services.payments import door_payment, payment_summary
from main_app.services.payments import payment_receipt as receipt
from main_app.services.programme import owned_session
from main_app.services.studios import Staff

from ...database import retry_on_deadlock
from ...error_codes import api_error
from ...extensions import db
from ...models import ROLE_USER, Event, EventSession, User, utcnow
from .desk_clients import known_to
from .walkins import _person as person_for


@retry_on_deadlock
def book_at_desk(staff: Staff, actor, body: dict, private: EventSession | None = None) -> dict:
    """Book the client named in body into one of the sessions staff reach: {"booking", "user_id", "new_account",
    "payment"}. 404 session_not_found (or out of reach), person_not_found; 409 session_full, already_booked,
    payment_needed, session_free, pass_not_valid_here, price_changed, not_a_person, billing_address_required (paid at
    the desk: a GST invoice of ₹50,000 taxable to a client without an address and state) or the pass's refusal.
    private: the studio's private session being booked (services.appointments), whenever it is."""
    event_session = private or owned_session(staff, body["session_id"])
    event = event_session.event  # read before a new account's commit expires the relationship
    person, new = _client(staff, body, event)
    taken, seats = {}, body.get("seats", 1)

    def also(booking_id: int, row) -> dict:
        more = {}
        if body["use"] == "door":
            tax = studios.charged_tax(event.studio_id)
            amount = studios.with_tax(event.studio_id, row.seat_price * seats, tax)
            # As the online checkout asks; raised in the seat's transaction, so no seat is kept.
            require_billing_address(person.id, amount, row.currency, tax, at_desk=True)
            paid = door_payment(
                amount,
                row.currency,
                f"desk-booking-{booking_id}",
                utcnow(),
                booking_id=booking_id,
                tax=tax,
                method=body["method"],
                taken_by=staff.id,
            )
            taken.update(amount=paid.amount, currency=paid.currency, method=paid.method, taken_by=staff.id)
            more = {"payment": payment_summary(paid), "receipt": receipt(paid)}
        after = {"session_id": row.id, "user_id": person.id, "use": body["use"]}
        if seats > 1:
            after["seats"] = seats
        if body["use"] == "pass":
            after["pass_id"] = body["pass_id"]
        if taken:
            after |= {"amount": taken["amount"], "method": taken["method"]}
        studios.record(staff.studio.id, actor, "booking.made_at_desk", ("booking", booking_id), None, after)
        return more

    use = body["use"]
    booking = book_client(
        person, event_session.id, use, also, body.get("pass_id"), body.get("option_id"), body.get("amount"), seats
    )
    return {"booking": booking, "user_id": person.id, "new_account": new, "payment": taken or None}


def _client(staff: Staff, body: dict, event: Event) -> tuple[User, bool]:
    """The client by email (found, or a new account told so), or by id: one of the studio's clients."""
    if body.get("user_id") is None:
        name = body.get("name") or body["email"].split("@")[0]
        return person_for(name, body["email"], staff, event, other_name=body.get("other_name"))
    person = db.session.get(User, body["user_id"])
    if person is None or person.role != ROLE_USER or not _knows(staff, person.id):
        raise api_error("person_not_found", user_id=body["user_id"])
    return person, False


def _knows(staff: Staff, user_id: int) -> bool:
    """Whether the person has booked one of the studio's classes or holds one of its passes."""
    return bool(db.session.scalar(select(User.id).where(User.id == user_id, known_to(staff.studio.id))))
