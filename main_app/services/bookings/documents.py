"""Booking documents as plain dicts: exactly what the API's BookingSchema and WaitingSchema dump, built without
marshmallow on the hot paths (booking, My bookings); a test holds the two equal."""

from datetime import timedelta

from main_app.services.common import join_url, offer_token


def _iso(moment) -> str | None:
    return None if moment is None else moment.isoformat()


def _session_part(session, instructor_name: str) -> dict:
    """A booking's session as BookedSessionSchema dumps an EventSession, with who teaches it."""
    return {
        "id": session.id,
        "event_id": session.event_id,
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "capacity": session.capacity,
        "seats_taken": session.seats_taken,
        "seats_left": session.capacity - session.seats_taken,
        "status": session.status,
        "price": session.price,
        "currency": session.currency,
        "max_seats_per_booking": session.max_seats_per_booking,
        "mode": session.mode,
        "instructor": {"id": session.instructor_id, "name": instructor_name},
    }


def _event_part(event, facilitator_name: str) -> dict:
    """A booking's event as BookedEventSchema dumps an Event."""
    return {
        "id": event.id,
        "title": event.title,
        "kind": event.kind,
        "location": event.location,
        "timezone": event.timezone,
        "facilitator": {"id": event.facilitator_id, "name": facilitator_name},
        "refund_until_hours": event.refund_until_hours,
        "late_cancel_hours": event.late_cancel_hours,
        "private": bool(getattr(event, "private", False)),
    }


def _payment_part(payment) -> dict:
    """A Payment as PaymentSchema dumps it."""
    return {
        "status": payment.status,
        "amount": payment.amount,
        "currency": payment.currency,
        "provider": payment.provider,
        "checkout_url": payment.checkout_url,
        "expires_at": _iso(payment.expires_at),
        "payment_id": payment.payment_id,
        "paid_at": _iso(payment.paid_at),
        "refund_status": payment.refund_status,
        "refund_id": payment.refund_id,
        "refund_amount": payment.refund_amount,
        "refunded_at": _iso(payment.refunded_at),
        "staff_refunded": payment.staff_refunded,
    }


def guest_document(guest) -> dict:
    """A booking's guest as GuestSchema dumps it."""
    withheld = getattr(guest, "email_withheld", None)  # a guest just written has none yet
    return {"id": guest.id, "name": guest.name, "email": guest.email, "status": guest.status} | {
        "email_withheld": withheld
    }


def _cut_offs(booking, session, event) -> tuple[str | None, str | None]:
    """(refundable_until: a paid seat's refund cut-off, credit_back_until: a pass's), each None where it is not."""
    if booking.pass_id is not None:
        return None, (session.starts_at - timedelta(hours=event.late_cancel_hours)).isoformat()
    if session.price != 0:
        return (session.starts_at - timedelta(hours=event.refund_until_hours)).isoformat(), None
    return None, None


def booking_document(
    booking,
    session,
    event,
    facilitator_name: str,
    reminders_at: list,
    payment=None,
    guests=(),
    option_name=None,
    plan=None,
    *,
    amount_paid: int,
    instructor_name: str,
    child_name: str | None = None,
) -> dict:
    """What BookingSchema dumps for a booking with its session, event, reminder times, latest payment (None for a
    free session), guests and its room option's name (with booking.option_id); booking, session, event, payment and
    guests may be models or rows with the same names; amount_paid: every payment less refunds (records.paid_of);
    instructor_name: the name of who teaches the session (session.instructor_id); child_name: the name of the child
    of the booker's family it is for (booking.dependent_id)."""
    paid = payment is not None
    refundable_until, credit_back_until = _cut_offs(booking, session, event)
    return {
        "id": booking.id,
        "for": None if booking.dependent_id is None else {"id": booking.dependent_id, "name": child_name},
        "status": booking.status,
        "seats": booking.seats,
        "guests": [guest_document(guest) for guest in guests],
        "session_id": booking.session_id,
        "user_id": booking.user_id,
        "created_at": booking.created_at.isoformat(),
        "cancelled_at": _iso(booking.cancelled_at),
        "cancel_reason": booking.cancel_reason,
        "cancelled_by": booking.cancelled_by,
        "reactivated_at": _iso(booking.reactivated_at),
        "session": _session_part(session, instructor_name),
        "join_url": join_url(booking, session),
        "event": _event_part(event, facilitator_name),
        "reminders_at": [moment.isoformat() for moment in reminders_at],
        "hold_expires_at": _iso(booking.hold_expires_at),
        "payment": _payment_part(payment) if paid else None,
        "payment_id": payment.payment_id if paid else None,
        "payment_status": payment.status if paid else None,
        "payment_provider": payment.provider if paid else None,
        "amount_paid": amount_paid if paid else None,
        "currency": payment.currency if paid else None,
        "refund_id": payment.refund_id if paid else None,
        "refund_status": payment.refund_status if paid else None,
        "refunded_at": _iso(payment.refunded_at) if paid else None,
        "refundable_until": refundable_until,
        "pass_id": booking.pass_id,
        "credit_back_until": credit_back_until,
        "option": None if booking.option_id is None else {"id": booking.option_id, "name": option_name},
        "payment_plan": plan,
    }


def waiting_document(
    session, event, names: tuple[str, str], position: int, joined_at, offer=None, seats=1, child=None
) -> dict:
    """A place in line as WaitingSchema dumps it; names: (the facilitator's, the instructor's); offer (place id, when
    made, until when) when a freed seat is offered to it; child ({id, name}) when it is for a child of the family."""
    facilitator_name, instructor_name = names
    entry_id, offered_at, until = offer or (None, None, None)
    return {
        "session_id": session.id,
        "for": child,
        "status": "offered" if offer else "waiting",
        "seats": seats,
        "position": position,
        "joined_at": joined_at.isoformat(),
        "offer_expires_at": until.isoformat() if until else None,
        "offer_path": f"/offers/{offer_token(entry_id, offered_at)}" if offer else None,
        "session": _session_part(session, instructor_name),
        "event": _event_part(event, facilitator_name),
    }


def document(booking) -> dict:
    """A booking loaded by operations.get_booking (its session with its event, facilitator and instructor) as
    BookingSchema dumps it."""
    session = booking.session
    option_name = booking.option.name if booking.option_id is not None else None
    return booking_document(
        booking,
        session,
        session.event,
        session.event.facilitator.name,
        booking.reminders_at,
        booking.payment,
        booking.party,
        option_name=option_name,
        plan=booking.payment_plan,
        amount_paid=booking.paid,
        instructor_name=session.instructor.name,
        child_name=booking.dependent.name if booking.dependent_id is not None else None,
    )
