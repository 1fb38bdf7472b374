"""Private sessions: a studio's staff keep its services, its teachers' hours and its booking window
(/api/studios/<slug>/appointment-..., appointments.manage); anyone reads its services and their free slots
(/api/public/studios/<slug>/appointment-services...)."""

from main_app.services import appointments, studios
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..models import utcnow
from ..schemas.appointments import (
    HoursInSchema,
    HoursSchema,
    RulesSchema,
    ServiceEditSchema,
    ServiceInSchema,
    ServiceListSchema,
    ServiceSchema,
    SlotArgsSchema,
    SlotListSchema,
)
from . import site_limit
from .staff_doors import acting, studio_guard

staff = Blueprint(
    "studio_appointments", __name__, url_prefix="/api/studios/<slug>", description="A studio's private sessions"
)
public = Blueprint(
    "public_appointments", __name__, url_prefix="/api/public/studios/<slug>", description="Book a private session"
)
guard = studio_guard(staff)
blps = (staff, public)
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
    return {"service": appointments.service_document(service), **found}
