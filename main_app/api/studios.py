"""/api/studios/...: studios, their members, invitations and audit log; every studio route checks the permission
table (services.studios.permissions) for the caller's role in the studio of its path."""

from functools import wraps

from flask import Response, request, stream_with_context
from flask_jwt_extended import current_user

from service_kit.blueprint import Blueprint
from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..models import ROLE_ADMIN, ROLES
from ..schemas.studios import (
    AuditFiltersSchema,
    AuditPageSchema,
    AuditPeopleSchema,
    AuditQuerySchema,
    InstructorChangeSchema,
    InstructorSchema,
    InvitationAcceptedSchema,
    InvitationCreateSchema,
    InvitationListSchema,
    InvitationPreviewSchema,
    InvitationSchema,
    MemberListSchema,
    MemberRoleSchema,
    OwnerGrantSchema,
    RoleChangeSchema,
    StudioCloseSchema,
    StudioCreateSchema,
    StudioListSchema,
    StudioSchema,
    StudioUpdateSchema,
)
from ..security import role_required
from ..services import studios
from . import registrants_csv as csv_export
from .staff_doors import acting, enter_studio

blp = Blueprint("studios", __name__, description="Studios: members, roles, invitations, the audit log")
STUDIO = "/api/studios/<slug>"
signed_in = role_required(*ROLES)


def studio_route(permission: str):
    """Decorator: a signed-in member of the path's studio whose role has permission (404 for anyone else, 403 for a
    member without it); the view gets their membership. The permission is kept on the view for the role matrix."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, slug, **kwargs):
            return view(*args, membership=enter_studio(slug, (permission,)), **kwargs)

        wrapper.studio_permission = (permission,)
        for status in (401, 403, 404):
            wrapper = blp.alt_response(status, schema=APIErrorSchema)(wrapper)
        return blp.doc(security=BEARER)(wrapper)

    return decorator


def actor(_membership) -> studios.Actor:
    """The caller as the audit log records them."""
    return acting().actor()


@blp.route("/api/studios", methods=["POST"])
@blp.doc(security=BEARER)
@signed_in
@blp.arguments(StudioCreateSchema)
@blp.response(201, StudioSchema)
@blp.alt_response(403, schema=APIErrorSchema, description="studio_signup_closed (STUDIO_SIGNUP=admin)")
@blp.alt_response(409, schema=APIErrorSchema, description="slug_taken")
def create_studio(body):
    """Make a studio; the caller is its owner."""
    studio = studios.create_studio(current_user, body, request.remote_addr)
    return studios.document(studio, "owner")


@blp.route("/api/studios")
@read_only
@blp.doc(security=BEARER)
@signed_in
@blp.response(200, StudioListSchema)
def my_studios():
    """The studios I belong to, with my role in each."""
    return {"items": studios.my_studios(current_user.id)}


@blp.route(STUDIO)
@read_only
@studio_route("studio.view")
@blp.response(200, StudioSchema)
def get_studio(membership):
    """The studio's settings and my role in it."""
    return studios.document(membership.studio, membership.role, membership.granted)


@blp.route(STUDIO, methods=["PATCH"])
@studio_route("studio.settings")
@blp.arguments(StudioUpdateSchema)
@blp.response(200, StudioSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="slug_taken")
def update_studio(body, membership):
    """Change the studio's settings (an audit entry names what changed)."""
    studio = studios.update_studio(membership.studio.id, actor(membership), body)
    return studios.document(studio, membership.role, membership.granted)


@blp.route(STUDIO, methods=["DELETE"])
@studio_route("studio.delete")
@blp.arguments(StudioCloseSchema)
@blp.response(204)
@blp.alt_response(400, schema=APIErrorSchema, description="studio_close_unconfirmed")
@blp.alt_response(409, schema=APIErrorSchema, description="studio_has_future_bookings, studio_has_money_in_flight")
def close_studio(body, membership):
    """Close the studio (owners; its slug again as confirm): its pages, lists and staff routes then answer 404, its
    slug stays taken, and its clients keep their bookings, passes and receipts."""
    studios.close_studio(membership.studio.id, actor(membership), body["confirm"])


@blp.route(f"{STUDIO}/invitations", methods=["POST"])
@studio_route("members.staff")
@blp.arguments(InvitationCreateSchema)
@blp.response(201, InvitationSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="already_member")
@blp.alt_response(429, schema=APIErrorSchema, description="too_many_invitations (per studio, per address, a day)")
def invite(body, membership):
    """Email someone a link to join in a role (single use, seven days); a manager invites instructors and front
    desk, an owner anyone. An earlier open invitation of the address ends."""
    made = studios.invite(membership, actor(membership), acting().name, body["email"], body["role"])
    return {"id": made.id, "email": made.email, "role": made.role, "expires_at": made.expires_at.isoformat()}


@blp.route(f"{STUDIO}/invitations")
@read_only
@studio_route("members.view")
@blp.response(200, InvitationListSchema)
def list_invitations(membership):
    """The studio's open invitations (not accepted, withdrawn or expired), newest first, with who sent each."""
    return {"items": studios.open_invitations(membership.studio.id)}


@blp.route(f"{STUDIO}/invitations/<id:invitation_id>", methods=["DELETE"])
@studio_route("members.staff")
@blp.response(204)
@blp.alt_response(409, schema=APIErrorSchema, description="invitation_used")
def withdraw_invitation(membership, invitation_id):
    """Withdraw an open invitation (a manager: instructors' and front desk's only); its link then answers 410
    invitation_revoked. 404 invitation_not_found when none is open by that id here."""
    studios.withdraw(membership, actor(membership), invitation_id)


@blp.route("/api/invitations/<token>")
@read_only
@blp.response(200, InvitationPreviewSchema)
@blp.alt_response(404, schema=APIErrorSchema, description="invitation_not_found")
@blp.alt_response(409, schema=APIErrorSchema, description="invitation_used")
@blp.alt_response(410, schema=APIErrorSchema, description="invitation_expired, invitation_revoked")
def preview_invitation(token):
    """An open invitation by its link's token, before signing in: the studio, the role, who invited and the address
    it was sent to."""
    return studios.invitation_preview(token)


@blp.route("/api/invitations/<token>/accept", methods=["POST"])
@blp.doc(security=BEARER)
@signed_in
@blp.response(200, InvitationAcceptedSchema)
@blp.alt_response(403, schema=APIErrorSchema, description="invitation_for_another_account")
@blp.alt_response(404, schema=APIErrorSchema, description="invitation_not_found")
@blp.alt_response(409, schema=APIErrorSchema, description="invitation_used, already_member")
@blp.alt_response(410, schema=APIErrorSchema, description="invitation_expired, invitation_revoked")
def accept_invitation(token):
    """Join the studio of an invitation sent to my account's email, in its role."""
    return studios.accept(current_user, token, request.remote_addr)


@blp.route(f"{STUDIO}/members")
@read_only
@studio_route("members.view")
@blp.response(200, MemberListSchema)
def list_members(membership):
    """The studio's members and their roles, owners first."""
    return {"items": studios.list_members(membership.studio.id)}


@blp.route(f"{STUDIO}/members/<id:user_id>", methods=["PATCH"])
@studio_route("members.staff")
@blp.arguments(RoleChangeSchema)
@blp.response(200, MemberRoleSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="last_owner, member_teaches (to front desk)")
def change_role(body, membership, user_id):
    """Give a member another role (a manager: between instructor and front desk only)."""
    return studios.change_role(membership, actor(membership), user_id, body["role"])


@blp.route(f"{STUDIO}/members/<id:user_id>", methods=["DELETE"])
@studio_route("members.staff")
@blp.response(204)
@blp.alt_response(409, schema=APIErrorSchema, description="last_owner, member_teaches")
def remove_member(membership, user_id):
    """Take a member out of the studio (a manager: instructors and front desk only)."""
    studios.remove_member(membership, actor(membership), user_id)


@blp.route(f"{STUDIO}/sessions/<id:session_id>/instructor", methods=["PATCH"])
@studio_route("events.manage")
@blp.arguments(InstructorChangeSchema)
@blp.response(200, InstructorSchema)
@blp.alt_response(400, schema=APIErrorSchema, description="instructor_id is not a member who teaches")
def assign_instructor(body, membership, session_id):
    """Give one of the studio's sessions (with following: and the later ones of its series not yet started) another
    instructor: an owner, manager or instructor of the studio."""
    teacher, following = body["instructor_id"], body["following"]
    return studios.assign_instructor(membership, actor(membership), session_id, teacher, following)


@blp.route(f"{STUDIO}/audit")
@read_only
@studio_route("audit.view")
@blp.arguments(AuditQuerySchema, location="query")
@blp.response(200, AuditPageSchema)
def audit_log(args, membership):
    """The studio's audit log, newest first, filtered by person, kind and dates."""
    page = studios.entries(membership.studio.id, args, args["page"], args["per_page"])
    names = studios.audit_actor_names(page.items)
    items = [studios.audit_document(entry, names) for entry in page.items]
    return {"items": items, "page": page.page, "per_page": page.per_page, "total": page.total, "pages": page.pages}


@blp.route(f"{STUDIO}/audit/people")
@read_only
@studio_route("audit.view")
@blp.response(200, AuditPeopleSchema)
def audit_people(membership):
    """Everyone who acted in the studio's audit log, members or not any more, by name: the person filter's choices."""
    return {"items": studios.audit_people(membership.studio.id)}


@blp.route(f"{STUDIO}/audit.csv")
@studio_route("audit.view")
@blp.arguments(AuditFiltersSchema, location="query")
@blp.response(200, content_type="text/csv", description="One header row, one row per entry, newest first.")
def audit_csv(args, membership):
    """Every entry of the studio's audit log the filters match (as GET /audit's), streamed as a CSV download."""
    lines = csv_export.audit_lines(studios.every_entry(membership.studio.id, args), membership.studio.timezone)
    filename = f"audit-{membership.studio.slug}.csv"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(stream_with_context(lines), mimetype="text/csv", headers=headers)


@blp.route("/api/admin/studios/<slug>/owners", methods=["POST"])
@blp.doc(security=BEARER)
@role_required(ROLE_ADMIN)
@blp.arguments(OwnerGrantSchema)
@blp.response(200, MemberRoleSchema)
@blp.alt_response(403, schema=APIErrorSchema, description="not a platform admin")
@blp.alt_response(404, schema=APIErrorSchema, description="studio_not_found, user_not_found")
def make_owner(body, slug):
    """Platform admins: make any account an owner of the studio."""
    return studios.make_owner(current_user, slug, body["user_id"], request.remote_addr)
