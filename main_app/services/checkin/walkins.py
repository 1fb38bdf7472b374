"""Walk-ins: someone arrives without a booking and the facilitator books them in at the door and checks them in, in
one transaction. The seat is taken by a conditional update (the last seat goes to a walk-in or an online booking,
never both); a paid session's seat is paid with the person's pass (a credit spent as for any booking) or marked paid
at the door (a payment of provider "door", which the facilitator refunds in person). The person is found by email,
or gets an account, and an email saying so with a link to set its password; they get the usual confirmation with their
check-in code."""

import secrets
from types import SimpleNamespace

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError

from main_app.services.common import hash_password, written_name
from main_app.services.passes import spend_credits
from main_app.services.payments import door_payment, payment_summary
from main_app.services.payments import payment_receipt as receipt
from main_app.services.programme import owned_session
from main_app.services.studios import Staff, charged_tax, with_tax
from service_kit.errors import Conflict

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    ROLE_USER,
    STATUS_SCHEDULED,
    Booking,
    Event,
    EventSession,
    Payment,
    User,
    utcnow,
)
from .. import news
from . import attendance, checkins
from .roster import window

SESSIONS, EVENTS = EventSession.__table__, Event.__table__
# The seat of a session under way: no start-time condition (check-in's window is checked first), still the capacity.
WALK_IN_SEAT = (
    update(SESSIONS)
    .where(
        SESSIONS.c.id == bindparam("session_id"),
        SESSIONS.c.status == STATUS_SCHEDULED,
        # Of the session's own event, not a list of every scheduled one.
        select(EVENTS.c.id).where(EVENTS.c.id == SESSIONS.c.event_id, EVENTS.c.status == STATUS_SCHEDULED).exists(),
        SESSIONS.c.seats_taken + 1 <= SESSIONS.c.capacity,
    )
    .values(seats_taken=SESSIONS.c.seats_taken + 1)
    .returning(SESSIONS.c.seats_taken)
)


def walk_in(staff: Staff, session_id: int, body: dict) -> dict:
    """Book a seat for someone at the door and check it in: {"booking_id", "user_id", "new_account", "result"}
    (someone booked already is checked in instead). 409 checkin_not_open / checkin_closed, session_full,
    payment_needed (a paid session with neither pass nor paid_at_door), not_a_person (a staff account's email), or a
    pass's refusal; the booking and its check-in are written together or not at all."""
    event_session = owned_session(staff, session_id)
    event, now = event_session.event, utcnow()  # read before a new account's commit expires the relationship
    opens, closes = window(event_session)
    if not opens <= now <= closes:
        raise api_error("checkin_not_open" if now < opens else "checkin_closed")
    if event_session.price and body.get("pass_id") is None and not body.get("paid_at_door"):
        raise api_error("payment_needed")
    person, new = _person(body["name"], body["email"], staff, event, other_name=body.get("other_name"))
    booked = db.session.scalar(
        select(Booking.id).where(
            Booking.session_id == session_id, Booking.user_id == person.id, Booking.status == BOOKING_ACTIVE
        )
    )
    if booked is None:
        booked = _book_and_check_in(staff, event_session, event, person, body, now)
        result = {"status": "checked_in", "booking_id": booked}
    else:  # booked online after all: checked in as such
        [result] = checkins.record(staff, session_id, [{"booking_id": booked, "device_id": body["device_id"]}])[
            "results"
        ]
    return {"booking_id": booked, "user_id": person.id, "new_account": new, "result": result}


@retry_on_deadlock
def _book_and_check_in(staff: Staff, event_session: EventSession, event, person: User, body: dict, now) -> int:
    with unit_of_work(on_integrity_error=_booked_meanwhile):
        taken = db.session.execute(WALK_IN_SEAT, {"session_id": event_session.id}).scalar_one_or_none()
        if taken is None:
            raise api_error("session_full")
        booking = Booking(
            session_id=event_session.id,
            user_id=person.id,
            status=BOOKING_ACTIVE,
            seats=1,
            created_at=now,
            pass_id=body.get("pass_id"),
            walk_in=True,
        )
        db.session.add(booking)
        db.session.flush()  # the one-active-booking index answers here
        spent, each = [], event_session.credits_per_seat
        if booking.pass_id is not None:
            spent.append(spend_credits(booking.pass_id, person, 1, booking.id, event_session.starts_at, each))
        payment = None
        if event_session.price and booking.pass_id is None:
            payment = _paid_at_door(booking, event_session, event.studio_id, now)
        checkins.insert_checkin(event_session, booking.id, 1, now, body["device_id"], now)
        seen = SimpleNamespace(  # the session as the seat's update left it, for the CRM's seats_left
            id=event_session.id,
            starts_at=event_session.starts_at,
            ends_at=event_session.ends_at,
            capacity=event_session.capacity,
            seats_taken=taken,
        )
        paid = {"payment": payment_summary(payment), "receipt": receipt(payment)} if payment else {}
        news.publish_all([news.WalkedIn(booking, person, event_session, event, staff.facts(), seen, **paid), *spent])
        seat_of = {"booking_id": booking.id, "seat": 1, "name": person.name}
        message = f"{person.name} walked in to {event.title}"
        checkins.tell_crm(event_session, staff, person, seat_of, now, body["device_id"], message, walk_in=True)
        attendance.schedule_close(event_session)
    return booking.id


def _paid_at_door(booking: Booking, event_session: EventSession, studio_id: int, now) -> Payment:
    """The money taken at the door, recorded as paid (the session's totals count it; refunds are in person)."""
    tax = charged_tax(studio_id)
    amount = with_tax(studio_id, event_session.price, tax)
    return door_payment(amount, event_session.currency, f"door-{booking.id}", now, booking_id=booking.id, tax=tax)


def _person(
    name: str, email: str, staff: Staff, event: Event | None, sold_pass=None, other_name: str | None = None
) -> tuple[User, bool]:
    """The person with this email, or a new account for them (with other_name, their name in another script, if
    given), who is told how to set its password (booked into event, or sold the pass named sold_pass); (user,
    new). A person found keeps their own names."""
    email = email.strip().lower()
    found = db.session.scalar(select(User).where(User.email == email))
    if found is None:
        try:
            with unit_of_work():
                found = User(
                    name=written_name(name),
                    other_name=written_name(other_name) or None,
                    email=email,
                    role=ROLE_USER,
                    password_hash=hash_password(secrets.token_urlsafe(32)),  # nobody knows it
                )
                db.session.add(found)
                db.session.flush()
                news.publish(news.AccountMade(found, staff.facts(), event, sold_pass))
            return found, True
        except IntegrityError:  # registered at this very moment: theirs
            found = db.session.scalar(select(User).where(User.email == email))
    if found.role != ROLE_USER:
        raise api_error("not_a_person", details={"email": ["staff"]})
    return found, False


def _booked_meanwhile(_exc) -> Conflict:
    return api_error("already_booked.walk_in")
