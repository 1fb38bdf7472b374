"""Booking endpoints for users: book, list, cancel, reactivate."""

from flask import Response, jsonify
from flask_jwt_extended import get_current_user

from main_app.services.bookings import (
    book_session,
    booking_file,
    guest_video_link,
    owned_booking,
    page_document,
    video_link,
)
from main_app.services.bookings import cancel_booking as booking_service_cancel_booking
from main_app.services.bookings import cancel_guest as guest_cancel_cancel_guest
from main_app.services.bookings import get_booking as booking_service_get_booking
from main_app.services.bookings import pay_booking as booking_service_pay_booking
from main_app.services.bookings import reactivate_booking as reactivation_reactivate_booking
from main_app.services.checkin import booking_tickets
from main_app.services.forms import require_signed
from main_app.services.payments import open_instalment
from main_app.services.seats import Place
from main_app.services.seats import join_waitlist as waitlist_join_waitlist
from main_app.services.seats import leave_waitlist as waitlist_leave_waitlist
from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..models import ROLE_USER
from ..schemas.booking_pages import BookingPageSchema, WaitlistJoinSchema
from ..schemas.booking_whatsapp import BookedSchema, BookWithOptInSchema
from ..schemas.bookings import BookingSchema, CancelRequestSchema, JoinLineSchema, LeaveLineArgsSchema
from ..schemas.checkin import JoinSchema, TicketsSchema
from ..schemas.common import PageArgsSchema
from ..schemas.plans import InstalmentCheckoutSchema
from ..security import role_required

blp = Blueprint("bookings", __name__, description="A user's bookings")
FOR_USERS = "A facilitator's or admin's token: bookings are for user accounts."
NOT_FOUND = "session_not_found, pass_not_found, option_not_found, dependent_not_found"
NOT_YOURS = "booking_not_found: unknown, or another user's."
UNSIGNED = "details.forms: id, title, version of each required form whose current version the caller must sign"


# Clients know it as POST /book and as POST /bookings/book: one view serves both.
@blp.route("/book", methods=["POST"], endpoint="book")
@blp.route("/bookings/book", methods=["POST"], endpoint="bookings_book")
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.arguments(BookWithOptInSchema)
@blp.response(201, BookedSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_FOUND)
@blp.alt_response(422, schema=APIErrorSchema, description="age_outside_range: the event's ages leave the child out")
@blp.alt_response(
    400,
    schema=APIErrorSchema,
    description="validation_error: more seats than one booking may take, a code that can't be used (named), "
    "option_id missing (the session has options) or not wanted (it has none), whatsapp_wording missing with "
    "whatsapp_opt_in or not the opt-in's words (nothing booked)",
)
@blp.alt_response(
    409,
    schema=APIErrorSchema,
    description="session_full, not_enough_seats (details.seats_left), option_full (details.seats_left), "
    "already_booked, session_cancelled, session_started; with a pass: no_credits_left, pass_expired, "
    "pass_not_active, weekly_limit_reached, pass_not_valid_here; code_used_up; form_signature_required "
    f"({UNSIGNED})",
)
@blp.alt_response(503, schema=APIErrorSchema, description="payment_provider_unavailable; nothing was charged or kept")
def book(body):
    """Book seats in a session for the caller and their guests, all or none; a paid session's seats are held
    (pending_payment) until the one payment for all of them at payment.checkout_url is confirmed, or confirmed at
    once with a pass (pass_id), its credits spent with them. whatsapp_opt_in (with the words shown) records the
    person's WhatsApp opt-in in the booking's transaction, for a proved number only: without one the booking goes
    through and whatsapp.reason says why nothing was recorded."""
    # Shaped by the service already (BookingSchema's document, built without marshmallow): sent as it is. The views
    # hand the services the account itself, not flask-jwt-extended's current_user proxy: a booking reads its columns
    # a few dozen times, and each read through the proxy first finds the account in the request's context again.
    person = get_current_user()
    # here: forms sit beside bookings, which may not ask them
    require_signed(person.id, body["session_id"], body.get("dependent_id"))
    booked = book_session(
        person,
        body["session_id"],
        body["seats"],
        body["guests"],
        body["pass_id"],
        body["code"],
        body["answers"],
        option_id=body["option_id"],
        whatsapp_wording=body["whatsapp_wording"] if body["whatsapp_opt_in"] else None,
        dependent_id=body["dependent_id"],
    )
    return jsonify(booked), 201


@blp.route("/sessions/<id:session_id>/waitlist", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.arguments(JoinLineSchema, required=False)
@blp.response(201, WaitlistJoinSchema)
@blp.alt_response(
    400,
    schema=APIErrorSchema,
    description="validation_error: more seats than one booking may take; option_id missing or not wanted",
)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_FOUND)
@blp.alt_response(
    409,
    schema=APIErrorSchema,
    description="seats_available (book instead), already_booked, already_waiting, session_cancelled or "
    "session_started; with a pass: its refusals as for booking; form_signature_required "
    f"({UNSIGNED})",
)
@blp.alt_response(422, schema=APIErrorSchema, description="age_outside_range: the event's ages leave them out")
def join_waitlist(body, session_id):
    """Join a full session's waiting list, for one seat or a group (seats, guests), for me or a child of my family
    (dependent_id): freed seats go to the head of the line at once when all its seats are free, nobody behind first."""
    person = get_current_user()
    require_signed(person.id, session_id, body.get("dependent_id"))
    place = waitlist_join_waitlist(
        person,
        session_id,
        body.get("seats", 1),
        body.get("guests", ()),
        body.get("pass_id"),
        body.get("option_id"),
        body.get("dependent_id"),
    )
    if isinstance(place, Place):
        return {"session_id": session_id, "status": "waiting", "position": place.position, "booking_id": None}
    return {"session_id": session_id, "status": place.status, "position": None, "booking_id": place.id}


@blp.route("/sessions/<id:session_id>/waitlist", methods=["DELETE"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.arguments(LeaveLineArgsSchema, location="query")
@blp.response(204)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.alt_response(404, schema=APIErrorSchema, description="not_waiting, dependent_not_found")
def leave_waitlist(args, session_id):
    """Leave a session's waiting list, or take a child of my family (dependent_id) out of it."""
    waitlist_leave_waitlist(get_current_user(), session_id, args.get("dependent_id"))
    return None


@blp.route("/bookings")
@blp.doc(security=BEARER)
@read_only
@role_required(ROLE_USER)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, BookingPageSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
def list_bookings(args):
    """The caller's bookings, newest first, and (`waiting`) their places in waiting lists."""
    # Shaped by the service already (BookingPageSchema's document, built without marshmallow): sent as it is.
    return jsonify(page_document(get_current_user(), args["page"], args["per_page"]))


@blp.route("/bookings/<id:booking_id>")
@read_only
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.response(200, BookingSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_YOURS)
def get_booking(booking_id):
    """One of the caller's bookings (the payment page asks until the payment is confirmed)."""
    owned_booking(get_current_user(), booking_id)
    return booking_service_get_booking(booking_id)


@blp.route("/bookings/<id:booking_id>/checkin")
@read_only
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.response(200, TicketsSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_YOURS)
@blp.alt_response(409, schema=APIErrorSchema, description="booking_not_active")
def booking_checkin(booking_id):
    """The check-in code and QR code of each seat of the caller's booking, to show at the door."""
    return booking_tickets(get_current_user(), booking_id)


@blp.route("/bookings/<id:booking_id>/join")
@read_only
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.response(200, JoinSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_YOURS)
@blp.alt_response(409, schema=APIErrorSchema, description="booking_not_active; join_not_ready (in person, no link yet)")
def join_booking(booking_id):
    """The video link of the caller's online or hybrid class, while their booking is on (the join page opens it)."""
    return video_link(get_current_user(), booking_id)


@blp.route("/guests/join/<token>")
@read_only
@blp.response(200, JoinSchema)
@blp.alt_response(404, schema=APIErrorSchema, description="invalid_token.join")
@blp.alt_response(409, schema=APIErrorSchema, description="booking_not_active; join_not_ready (in person, no link yet)")
def join_as_guest(token):
    """The video link of an online or hybrid class for a guest's join address (no account: the token names their
    seat), while that seat and its booking are on."""
    return guest_video_link(token)


@blp.route("/bookings/<id:booking_id>/pay", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.response(200, BookingSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_YOURS)
@blp.alt_response(409, schema=APIErrorSchema, description="not_pending: not a held seat waiting for its payment")
@blp.alt_response(503, schema=APIErrorSchema, description="payment_provider_unavailable; nothing was charged")
def pay_booking(booking_id):
    """A new checkout for a held seat of a paid session (payment.checkout_url)."""
    return booking_service_pay_booking(get_current_user(), booking_id)


@blp.route("/bookings/<id:booking_id>/instalments/<id:number>/pay", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.response(200, InstalmentCheckoutSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.alt_response(404, schema=APIErrorSchema, description=f"{NOT_YOURS}; instalment_not_found")
@blp.alt_response(
    409, schema=APIErrorSchema, description="instalment_paid; instalment_not_due (cancelled, or the booking ended)"
)
@blp.alt_response(503, schema=APIErrorSchema, description="payment_provider_unavailable; nothing was charged")
def pay_instalment(booking_id, number):
    """A checkout for one instalment of the caller's booking under a payment plan (its email's pay link)."""
    return open_instalment(get_current_user(), booking_id, number)


@blp.route("/bookings/<id:booking_id>/cancel", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.arguments(CancelRequestSchema, required=False)
@blp.response(200, BookingSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_YOURS)
@blp.alt_response(409, schema=APIErrorSchema, description="already_cancelled")
def cancel_booking(body, booking_id):
    """Cancel one of the caller's bookings, freeing the seat."""
    return booking_service_cancel_booking(get_current_user(), booking_id, body.get("reason"))


@blp.route("/bookings/<id:booking_id>/guests/<id:guest_id>/cancel", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.response(200, BookingSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.alt_response(404, schema=APIErrorSchema, description=f"{NOT_YOURS} guest_not_found: not on this booking.")
@blp.alt_response(
    409, schema=APIErrorSchema, description="guest_cancelled (already), not_active (to be paid, or cancelled)"
)
def cancel_guest(booking_id, guest_id):
    """Give back one guest's seat of the caller's booking (the rest stays booked): the seat goes to the waiting
    list, a paid seat is refunded until the refund cut-off, and the guest is told."""
    return guest_cancel_cancel_guest(get_current_user(), booking_id, guest_id)


@blp.route("/bookings/<id:booking_id>/reactivate", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.response(200, BookingSchema)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_YOURS)
@blp.alt_response(
    409,
    schema=APIErrorSchema,
    description="session_full, already_active, already_booked, session_cancelled or session_started",
)
def reactivate_booking(booking_id):
    """Reactivate a cancelled booking when the session still has a seat."""
    return reactivation_reactivate_booking(get_current_user(), booking_id)


@blp.route("/bookings/<id:booking_id>/calendar.ics")
@read_only
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.response(200, content_type="text/calendar", description="The booking as a calendar file (ICS, in its zone).")
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_YOURS)
@blp.alt_response(409, schema=APIErrorSchema, description="calendar_unavailable: the session's dates are unusable")
def booking_calendar(booking_id):
    """One of my bookings as a calendar file to add to a calendar app."""
    return Response(
        booking_file(get_current_user(), booking_id),
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="booking-{booking_id}.ics"'},
    )
