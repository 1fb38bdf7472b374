"""A guardian's family: their children, who have no login (/me/family/children), and its second guardian, invited
by email (/me/family/invitations); another family's child answers 404, as a missing one does."""

from flask import request
from flask_jwt_extended import current_user

from main_app.services import family
from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..extensions import limiter
from ..models import ROLE_USER
from ..schemas.family import (
    ChildEditSchema,
    ChildListSchema,
    ChildNewSchema,
    ChildSchema,
    FamilyInvitationAcceptedSchema,
    FamilyInvitationSchema,
    FamilyInvitationSentSchema,
    OwnLoginGivenSchema,
    OwnLoginSchema,
)
from ..security import role_required

blp = Blueprint("family", __name__, description="A guardian's children, booked for from the guardian's account")
NOT_OURS = "dependent_not_found: unknown, erased, or another family's"
FOR_USERS = "forbidden.role: a facilitator's or admin's token; families are for user accounts"
# A guardian types the address an invitation goes to: a few an account, as a studio's invitations are bounded.
INVITATIONS_LIMIT = "5/hour;10/day"


@blp.route("/me/family/children")
@blp.doc(security=BEARER)
@read_only
@role_required(ROLE_USER)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.response(200, ChildListSchema)
def list_children():
    """My family's children, and the consent's words (in my language) I agree to when adding one."""
    return family.my_children(current_user.id)


@blp.route("/me/family/children", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.arguments(ChildNewSchema)
@blp.response(201, ChildSchema)
def add_child(body):
    """Add a child, with my consent as their parent or guardian (consent: true) to the words GET gives; the words'
    version and hash, the time, my IP address and browser are kept with the child."""
    agent = request.headers.get("User-Agent")
    return family.add_child(current_user.id, body, request.remote_addr, agent)


@blp.route("/me/family/children/<id:dependent_id>", methods=["PATCH"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.arguments(ChildEditSchema)
@blp.response(200, ChildSchema)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_OURS)
def edit_child(body, dependent_id):
    """Change a child's name, date of birth or notes for the teacher."""
    return family.edit_child(current_user.id, dependent_id, body)


@blp.route("/me/family/children/<id:dependent_id>", methods=["DELETE"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@blp.response(204)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_OURS)
@blp.alt_response(
    409,
    schema=APIErrorSchema,
    description="dependent_booked: a seat ahead is held for them; dependent_waiting: in a line",
)
def erase_child(dependent_id):
    """Delete a child's details (name, date of birth, notes); their past bookings stay, naming nobody. Refused
    while a seat ahead is held for them (cancelling it first lets its refund terms apply as the guardian sees them)
    or they wait in a line (taking them off it gives back what the place held)."""
    family.erase_child(current_user.id, dependent_id)


@blp.route("/me/family/children/<id:dependent_id>/own-login", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@limiter.limit(INVITATIONS_LIMIT, key_func=lambda: f"family-invitations:{current_user.id}")
@blp.arguments(OwnLoginSchema)
@blp.response(201, OwnLoginGivenSchema)
@blp.alt_response(404, schema=APIErrorSchema, description=NOT_OURS)
@blp.alt_response(409, schema=APIErrorSchema, description="email_taken: that address has an account")
@blp.alt_response(422, schema=APIErrorSchema, description="dependent_too_young: under 18 today")
@blp.alt_response(429, schema=APIErrorSchema, description="Too many invitations recently; see Retry-After")
def give_own_login(body, dependent_id):
    """Give a child of mine who is 18 a login of their own: an account at the address given (emailed how to set its
    password) takes their bookings and places in line; forms I signed for them stay mine, and they leave my family."""
    return family.give_own_login(current_user, dependent_id, body["email"])


@blp.route("/me/family/invitations", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.alt_response(403, schema=APIErrorSchema, description=FOR_USERS)
@limiter.limit(INVITATIONS_LIMIT, key_func=lambda: f"family-invitations:{current_user.id}")
@blp.arguments(FamilyInvitationSchema)
@blp.response(202, FamilyInvitationSentSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="family_full: the family has its second guardian")
@blp.alt_response(429, schema=APIErrorSchema, description="Too many invitations recently; see Retry-After")
def invite(body):
    """Email a link to join my family as its second guardian (good for seven days, for the account with that
    address), who then books for my children too."""
    return family.invite(current_user, body["email"])


@blp.route("/me/family/invitations/<token>/accept", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(ROLE_USER)
@blp.response(200, FamilyInvitationAcceptedSchema)
@blp.alt_response(403, schema=APIErrorSchema, description="invitation_for_another_account; forbidden.role")
@blp.alt_response(404, schema=APIErrorSchema, description="invitation_not_found")
@blp.alt_response(409, schema=APIErrorSchema, description="family_already (I have a family), family_full")
@blp.alt_response(410, schema=APIErrorSchema, description="invitation_expired")
def accept_invitation(token):
    """Join the family the link invites me to, as its second guardian."""
    return family.accept_invitation(current_user, token)
