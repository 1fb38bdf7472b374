"""Forms and waivers: a studio's staff write them, publish versions and name the forms an event requires
(/api/studios/<slug>/forms, forms.manage), its desk reads what a client signed and collects a signature on its screen
(forms.signatures), and a person signs a studio's forms and downloads a signed copy (/me/forms...)."""

from flask import Response, request
from flask_jwt_extended import current_user

from main_app.services import forms
from main_app.services.checkin import studio_client
from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..models import ROLES
from ..schemas.forms import (
    EventFormsSchema,
    FormDraftSchema,
    FormEditSchema,
    FormListSchema,
    FormSchema,
    MyFormListSchema,
    MyFormsArgsSchema,
    SignatureListSchema,
    SignatureSchema,
    SignSchema,
)
from ..security import role_required
from .staff_doors import acting, studio_guard

PDF = "application/pdf"
staff = Blueprint(
    "studio_forms", __name__, url_prefix="/api/studios/<slug>", description="A studio's forms and waivers"
)
mine = Blueprint("my_forms", __name__, description="The forms a person signs for a studio, and their signed copies")
guard = studio_guard(staff)
blps = (staff, mine)
NO_FORM = "form_not_found: not one of the studio's forms (another studio's looks like none)"


@staff.route("/forms", methods=["GET"])
@read_only
@guard("forms.manage", "forms.signatures")
@staff.response(200, FormListSchema)
def list_forms():
    """The studio's forms, each with its draft and the version people sign now."""
    return {"items": forms.studio_forms(acting().studio)}


@staff.route("/forms", methods=["POST"])
@guard("forms.manage")
@staff.arguments(FormDraftSchema)
@staff.response(201, FormSchema)
def create_form(body):
    """A new form, a draft until its first version is published."""
    return forms.create_form(acting().studio, body)


@staff.route("/forms/<id:form_id>", methods=["PATCH"])
@guard("forms.manage")
@staff.arguments(FormEditSchema)
@staff.response(200, FormSchema)
@staff.alt_response(404, schema=APIErrorSchema, description=NO_FORM)
def edit_form(body, form_id):
    """Change the form's draft and whether it is required before a first booking; published versions stay."""
    return forms.edit_draft(acting().studio, form_id, body)


@staff.route("/forms/<id:form_id>/versions", methods=["POST"])
@guard("forms.manage")
@staff.response(201, FormSchema)
@staff.alt_response(404, schema=APIErrorSchema, description=NO_FORM)
@staff.alt_response(409, schema=APIErrorSchema, description="form_unchanged: the draft is the current version")
def publish_form(form_id):
    """Publish the draft as the form's next version (frozen, hashed): people sign it from now on."""
    return forms.publish(acting().studio, form_id, acting().user.id)


@staff.route("/clients/<id:user_id>/form-signatures", methods=["GET"])
@read_only
@guard("forms.signatures")
@staff.response(200, SignatureListSchema)
@staff.alt_response(404, schema=APIErrorSchema, description="client_not_found: not one of the studio's clients")
def client_signatures(user_id):
    """The forms the client signed for the studio, newest first, with their answers."""
    studio = acting().studio
    studio_client(studio, user_id)
    return {"items": forms.client_signatures(studio, user_id)}


@staff.route("/clients/<id:user_id>/form-signatures/<id:signature_id>.pdf", methods=["GET"])
@read_only
@guard("forms.signatures")
@staff.response(200, content_type=PDF, description="The signed copy's PDF.")
@staff.alt_response(
    404, schema=APIErrorSchema, description="client_not_found, form_signature_not_found (another client's too)"
)
def client_signed_copy(user_id, signature_id):
    """A signed copy of a form the client signed for the studio, as a PDF (the same as the client's own)."""
    studio = acting().studio
    studio_client(studio, user_id)
    return _signed_copy(forms.client_signature(studio, user_id, signature_id))


@staff.route("/clients/<id:user_id>/forms/<id:form_id>/signatures", methods=["POST"])
@guard("forms.signatures")
@staff.arguments(SignSchema)
@staff.response(201, SignatureSchema)
@staff.alt_response(
    404, schema=APIErrorSchema, description=f"client_not_found: not one of the studio's clients; {NO_FORM}"
)
@staff.alt_response(409, schema=APIErrorSchema, description="form_version_outdated")
def collect_signature(body, form_id, user_id):
    """Collect a client's signature on the desk's screen, for a client who is at the studio: recorded as theirs,
    with who collected it and this request's address and user agent."""
    studio = acting().studio
    studio_client(studio, user_id)
    at = (request.remote_addr, request.headers.get("User-Agent"))
    return forms.collect(studio, user_id, form_id, body, acting().user.id, at)


@staff.route("/events/<id:event_id>/forms", methods=["GET"])
@read_only
@guard("forms.manage", "forms.signatures")
@staff.response(200, EventFormsSchema)
@staff.alt_response(404, schema=APIErrorSchema, description="event_not_found: not one of the studio's events")
def event_forms(event_id):
    """The forms the event's bookings need signed, besides those required before a first booking."""
    return {"form_ids": forms.event_forms(acting().studio, event_id)}


@staff.route("/events/<id:event_id>/forms", methods=["PUT"])
@guard("forms.manage")
@staff.arguments(EventFormsSchema)
@staff.response(200, EventFormsSchema)
@staff.alt_response(400, schema=APIErrorSchema, description="validation_error: a form_ids entry not the studio's")
@staff.alt_response(404, schema=APIErrorSchema, description="event_not_found: not one of the studio's events")
def set_event_forms(body, event_id):
    """Name the forms the event's bookings need signed (their current version) from now on; bookings made stay."""
    return {"form_ids": forms.set_event_forms(acting().studio, event_id, body["form_ids"])}


@mine.route("/me/forms")
@mine.doc(security=BEARER)
@read_only
@role_required(*ROLES)
@mine.arguments(MyFormsArgsSchema, location="query")
@mine.response(200, MyFormListSchema)
@mine.alt_response(404, schema=APIErrorSchema, description="studio_not_found, dependent_not_found")
def my_forms(args):
    """The studio's published forms, each with whether I signed its current version (current, missing, outdated),
    or (dependent_id) whether a guardian of my family signed it for that child."""
    return {"items": forms.my_forms(current_user.id, args["studio"], args.get("dependent_id"))}


@mine.route("/me/forms/<id:form_id>/signatures", methods=["POST"])
@mine.doc(security=BEARER)
@role_required(*ROLES)
@mine.arguments(SignSchema)
@mine.response(201, SignatureSchema)
@mine.alt_response(404, schema=APIErrorSchema, description="form_not_found (a draft too), dependent_not_found")
@mine.alt_response(409, schema=APIErrorSchema, description="form_version_outdated")
def sign_form(body, form_id):
    """Sign the version of the form I read, with my typed name, drawn signature and answers; with dependent_id, as
    the guardian, for that child of my family (then it is the child's signature, not mine)."""
    agent = request.headers.get("User-Agent")
    return forms.sign(current_user.id, form_id, body, request.remote_addr, agent)


@mine.route("/me/form-signatures")
@mine.doc(security=BEARER)
@read_only
@role_required(*ROLES)
@mine.response(200, SignatureListSchema)
def my_signatures():
    """Every form I signed, newest first."""
    return {"items": forms.my_signatures(current_user.id)}


@mine.route("/me/form-signatures/<id:signature_id>.pdf")
@mine.doc(security=BEARER)
@read_only
@role_required(*ROLES)
@mine.response(200, content_type=PDF, description="The signed copy's PDF.")
@mine.alt_response(404, schema=APIErrorSchema, description="form_signature_not_found (anyone else's too)")
def my_signed_copy(signature_id):
    """A signed copy of one of my forms as a PDF."""
    return _signed_copy(forms.my_signature(current_user.id, signature_id))


def _signed_copy(signature) -> Response:
    """A signature's signed copy as a PDF download, named after it (the signer's and the staff's alike)."""
    headers = {"Content-Disposition": f'attachment; filename="signed-form-{signature.id}.pdf"'}
    return Response(forms.signed_pdf(signature), mimetype=PDF, headers=headers)
