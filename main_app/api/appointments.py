"""Private sessions: a studio's staff keep its services, its teachers' hours and its booking window
(/api/studios/<slug>/appointment-..., appointments.manage); anyone reads its services and their free slots
(/api/public/studios/<slug>/appointment-services...)."""

import orjson
from flask import Response, jsonify
from flask_jwt_extended import get_current_user

from main_app.services import appointments, studios
from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..models import ROLE_USER, utcnow
from ..schemas.appointments import (
    AppointmentSchema,
    BookedPrivateSchema,
    BookPrivateSchema,
    HoursInSchema,
    HoursSchema,
    MovePrivateSchema,
    MyAppointmentListSchema,
    RulesSchema,
    ServiceEditSchema,
    ServiceInSchema,
    ServiceListSchema,
    ServiceSchema,
    SlotArgsSchema,
    SlotListSchema,
)
from ..security import role_required
from . import site_limit
from .staff_doors import acting, studio_guard

staff = Blueprint(
    "studio_appointments", __name__, url_prefix="/api/studios/<slug>", description="A studio's private sessions"
)
booking = Blueprint(
    "appointment_booking", __name__, url_prefix="/appointments", description="A person's private sessions"
)
public = Blueprint(
    "public_appointments", __name__, url_prefix="/api/public/studios/<slug>", description="Book a private session"
)
guard = studio_guard(staff)
blps = (staff, public, booking)
NO_SERVICE = "appointment_service_not_found: not one of the studio's private sessions"
NOT_MEMBER = "teacher_not_member: not a member of the studio's team"


@staff.route("/appointment-services", methods=["GET"])
@read_only
@guard("appointments.manage")
@staff.response(200, ServiceListSchema)
def list_services():
    """The studio's private sessions, retired ones too, by name."""
    return {"items": appointments.studio_services(acting().studio)}


@staff.route("/appointment-services", methods=["POST"])
@guard("appointments.manage")
@staff.arguments(ServiceInSchema)
@staff.response(201, ServiceSchema)
@staff.alt_response(422, schema=APIErrorSchema, description=NOT_MEMBER)
def create_service(body):
    """A new private session, with the members who give it."""
    return appointments.create_service(acting().studio, body)


@staff.route("/appointment-services/<id:service_id>", methods=["PATCH"])
@guard("appointments.manage")
@staff.arguments(ServiceEditSchema)
@staff.response(200, ServiceSchema)
@staff.alt_response(404, schema=APIErrorSchema, description=NO_SERVICE)
@staff.alt_response(422, schema=APIErrorSchema, description=NOT_MEMBER)
def edit_service(body, service_id):
    """Change a private session (its appointments made stay as they were), or retire it (active: false)."""
    return appointments.edit_service(acting().studio, service_id, body)


@staff.route("/appointment-rules", methods=["GET"])
@read_only
@guard("appointments.manage")
@staff.response(200, RulesSchema)
def rules():
    """The studio's booking window for private sessions."""
    return appointments.rules_document(acting().studio)


@staff.route("/appointment-rules", methods=["PUT"])
@guard("appointments.manage")
@staff.arguments(RulesSchema)
@staff.response(200, RulesSchema)
def set_rules(body):
    """Change the least notice, how far ahead, and until when a person cancels or moves one themselves."""
    return appointments.set_rules(acting().studio, body)


@staff.route("/teachers/<id:user_id>/hours", methods=["GET"])
@read_only
@guard("appointments.manage")
@staff.response(200, HoursSchema)
@staff.alt_response(404, schema=APIErrorSchema, description=NOT_MEMBER)
def hours(user_id):
    """A member's weekly hours and their exceptions from today on, on the studio's clock."""
    return appointments.hours_document(acting().studio, user_id)


@staff.route("/teachers/<id:user_id>/hours", methods=["PUT"])
@guard("appointments.manage")
@staff.arguments(HoursInSchema)
@staff.response(200, HoursSchema)
@staff.alt_response(404, schema=APIErrorSchema, description=NOT_MEMBER)
def set_hours(body, user_id):
    """Replace a member's weekly hours and their exceptions from today on."""
    return appointments.set_hours(acting().studio, user_id, body)


@public.route("/appointment-services", methods=["GET"])
@site_limit.per_site
@read_only
@public.response(200, ServiceListSchema)
@public.alt_response(404, schema=APIErrorSchema, description="studio_not_found")
def public_services(slug):
    """The private sessions a studio takes bookings for, with who gives each; no sign-in."""
    return {"items": appointments.studio_services(studios.studio_by_slug(slug), active_only=True)}


@public.route("/appointment-services/<id:service_id>/slots", methods=["GET"])
@site_limit.per_site
@read_only
@public.arguments(SlotArgsSchema, location="query")
@public.response(200, SlotListSchema)
@public.alt_response(404, schema=APIErrorSchema, description=f"studio_not_found, {NO_SERVICE} (or retired)")
def slots(args, slug, service_id):
    """The service's free slots within the studio's booking window (or `days` from now), for one teacher or any."""
    studio = studios.studio_by_slug(slug)
    service = appointments.service_of(studio, service_id, taking_bookings=True)
    found = appointments.slots_document(service, utcnow(), args.get("teacher_id"), args.get("days"))
    # Shaped by the service already (SlotListSchema's document): thousands of slots cost marshmallow, and the
    # standard library's encoder, more than the search itself, so orjson writes them as they are (RFC 3339 times).
    body = orjson.dumps({"service": appointments.service_document(service), **found})
    return Response(body, mimetype="application/json")


@booking.route("", methods=["POST"])
@booking.doc(security=BEARER)
@role_required(ROLE_USER)
@booking.arguments(BookPrivateSchema)
@booking.response(201, BookedPrivateSchema)
@booking.alt_response(404, schema=APIErrorSchema, description=f"{NO_SERVICE} (or retired)")
@booking.alt_response(
    409,
    schema=APIErrorSchema,
    description="teacher_busy: not one of its free slots (or no longer); pass_not_valid_here for a service paid in "
    "money only; with a pass: no_credits_left, pass_expired, pass_not_active, weekly_limit_reached",
)
@booking.alt_response(503, schema=APIErrorSchema, description="payment_provider_unavailable; nothing was kept")
def book(body):
    """Book a private session at one of its free slots, with the teacher named or the first one free: free, held
    (pending_payment) until paid at payment.checkout_url, or confirmed at once with a pass's credits."""
    # Shaped by the service already (bookings' document, built without marshmallow), as POST /book sends it.
    booked = appointments.book_appointment(
        get_current_user(), body["service_id"], body["starts_at"], body["teacher_id"], body["pass_id"]
    )
    return jsonify(booked), 201


@booking.route("", methods=["GET"])
@booking.doc(security=BEARER)
@read_only
@role_required(ROLE_USER)
@booking.response(200, MyAppointmentListSchema)
def mine():
    """My private sessions not yet over whose seat is held (booked, or waiting for payment), soonest first."""
    return {"items": appointments.my_appointments(get_current_user())}


@booking.route("/<id:appointment_id>/move", methods=["POST"])
@booking.doc(security=BEARER)
@role_required(ROLE_USER)
@booking.arguments(MovePrivateSchema)
@booking.response(200, AppointmentSchema)
@booking.alt_response(404, schema=APIErrorSchema, description="appointment_not_found: not one of mine")
@booking.alt_response(
    409,
    schema=APIErrorSchema,
    description="teacher_busy: not one of its free slots; too_late_to_move: within the studio's cancel_hours of its "
    "start; appointment_not_active: its booking was cancelled or expired",
)
def move(body, appointment_id):
    """Move my private session to another free slot of its service (its teacher kept when free then); I hear of it
    as of any session moved, my reminders and calendar entry with it."""
    return appointments.move_own(get_current_user(), appointment_id, body["starts_at"], body["teacher_id"])
