"""Invitations to join a studio: made by a member who may give the role, emailed with a signed link (bounded per
studio and per address a day, since a member types the address), and accepted once, within seven days, by the
account with the invited email."""

import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select, update

from main_app.services import news
from main_app.services.common import TokenRefused
from main_app.services.languages import N_

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import Studio, StudioInvitation, StudioMember, User, utcnow
from . import audit
from .audit import Actor
from .links import INVITATION_SECONDS, accept_url, invitation_claims
from .members import may_handle
from .permissions import Membership
from .studios import locked_studio

DAY = timedelta(days=1)
# The role as the invitation reads it (stored in English, marked for the catalogues: the email says it in its person's
# language).
ROLE_NAMES = {
    "owner": N_("an owner"),
    "manager": N_("a manager"),
    "instructor": N_("an instructor"),
    "front_desk": N_("front desk"),
}


def invite(caller: Membership, actor: Actor, inviter_name: str, email: str, role: str) -> StudioInvitation:
    """Invite email to the studio in role, ending any earlier open invitation of that address there; the email is
    written in the same transaction. 409 already_member, 429 too_many_invitations."""
    may_handle(caller, role)
    address, studio_id = email.strip().lower(), caller.studio.id
    with unit_of_work(keep_loaded=True):
        studio = locked_studio(studio_id)  # the counts below hold for every worker: invitations take turns
        _refuse_members(studio_id, address)
        _within_limits(studio_id, address)
        now = utcnow()
        db.session.execute(
            update(StudioInvitation)
            .where(*_open(now), StudioInvitation.studio_id == studio_id, StudioInvitation.email == address)
            .values(revoked_at=now)
        )
        invitation = StudioInvitation(
            studio_id=studio_id,
            email=address,
            role=role,
            invited_by=actor.user_id,
            nonce=secrets.token_hex(16),
            created_at=now,
            expires_at=now + timedelta(seconds=INVITATION_SECONDS),
        )
        db.session.add(invitation)
        db.session.flush()
        news.publish(news.Invited(address, studio.name, ROLE_NAMES[role], inviter_name, invitation.id))
        audit.record(
            studio_id, actor, "invitation.sent", ("invitation", invitation.id), None, {"email": address, "role": role}
        )
    return invitation


def _open(now):
    return (
        StudioInvitation.accepted_at.is_(None),
        StudioInvitation.revoked_at.is_(None),
        StudioInvitation.expires_at > now,
    )


def _refuse_members(studio_id: int, address: str) -> None:
    member = db.session.scalar(
        select(StudioMember.user_id)
        .join(User, User.id == StudioMember.user_id)
        .where(StudioMember.studio_id == studio_id, func.lower(User.email) == address)
    )
    if member is not None:
        raise api_error("already_member")


def _within_limits(studio_id: int, address: str) -> None:
    since = utcnow() - DAY
    mine = (StudioInvitation.studio_id == studio_id, StudioInvitation.created_at > since)
    studio_count = db.session.scalar(select(func.count()).where(*mine))
    address_count = db.session.scalar(select(func.count()).where(*mine, StudioInvitation.email == address))
    config = current_app.config
    if (
        studio_count >= config["STUDIO_INVITATIONS_PER_DAY"]
        or address_count >= config["STUDIO_INVITATIONS_PER_ADDRESS_DAY"]
    ):
        raise api_error("too_many_invitations")


def complete_invitation(snapshot: dict) -> dict | str:
    """A queued invitation as its email goes: with its link, signed now (never stored); why not when it is no longer
    open. Reads the database: the email lane calls it before sending."""
    found = db.session.execute(
        select(StudioInvitation.nonce, StudioInvitation.accepted_at, StudioInvitation.revoked_at).where(
            StudioInvitation.id == snapshot["invitation_id"]
        )
    ).first()
    if found is None or found.accepted_at is not None or found.revoked_at is not None:
        return "the invitation is no longer open"
    return {**snapshot, "accept_url": accept_url(snapshot["invitation_id"], found.nonce)}


def _refused(token: str) -> tuple[int, str]:
    try:
        return invitation_claims(token)
    except TokenRefused as refused:
        if str(refused) == "expired":
            raise api_error("invitation_expired") from None
        raise api_error("invitation_not_found") from None


@retry_on_deadlock
def accept(user, token: str, remote_addr: str | None = None) -> dict:
    """Make the signed-in user a member in the invitation's role: 404 invitation_not_found, 410 invitation_expired or
    invitation_revoked, 409 invitation_used or already_member, 403 invitation_for_another_account."""
    invitation_id, nonce = _refused(token)
    studio_id = db.session.scalar(select(StudioInvitation.studio_id).where(StudioInvitation.id == invitation_id))
    if studio_id is None:
        raise api_error("invitation_not_found")
    with unit_of_work():
        studio = locked_studio(studio_id)  # the lock order of member changes: the studio first
        invitation = db.session.scalar(
            select(StudioInvitation)
            .where(StudioInvitation.id == invitation_id)
            .execution_options(populate_existing=True)
        )
        _check_open(invitation, nonce, user)
        invitation.accepted_at, invitation.accepted_by = utcnow(), user.id
        db.session.add(StudioMember(studio_id=studio_id, user_id=user.id, role=invitation.role))
        db.session.flush()
        actor = Actor(user.id, invitation.role, remote_addr)
        audit.record(studio_id, actor, "member.joined", ("user", user.id), None, {"role": invitation.role})
        answer = {"studio": {"id": studio.id, "slug": studio.slug, "name": studio.name}, "role": invitation.role}
    return answer


def preview(token: str) -> dict:
    """What the invitation's page says before it is accepted: the studio, the role, who invited and the address it
    was sent to (the link's holder got it by email there); the refusals of accept() for a link no longer open."""
    invitation_id, nonce = _refused(token)
    row = db.session.execute(
        select(StudioInvitation, Studio.name, User.name)
        .join(Studio, Studio.id == StudioInvitation.studio_id)
        .outerjoin(User, User.id == StudioInvitation.invited_by)
        .where(StudioInvitation.id == invitation_id, Studio.closed_at.is_(None))
    ).first()
    invitation, studio_name, inviter = row if row is not None else (None, None, None)
    _check_state(invitation, nonce)
    return {
        "studio": {"name": studio_name},
        "role": invitation.role,
        "email": invitation.email,
        "invited_by": None if inviter is None else {"name": inviter},
        "expires_at": invitation.expires_at.isoformat(),
    }


def _check_state(invitation: StudioInvitation | None, nonce: str) -> None:
    """Refuse a link whose invitation is unknown, used, withdrawn or past its time."""
    if invitation is None or not secrets.compare_digest(invitation.nonce, nonce):
        raise api_error("invitation_not_found")
    if invitation.accepted_at is not None:
        raise api_error("invitation_used")
    if invitation.revoked_at is not None:
        raise api_error("invitation_revoked")
    if invitation.expires_at <= utcnow():
        raise api_error("invitation_expired")


def _check_open(invitation: StudioInvitation | None, nonce: str, user) -> None:
    _check_state(invitation, nonce)
    if user.email.strip().lower() != invitation.email:
        raise api_error("invitation_for_another_account")
    already = db.session.scalar(
        select(StudioMember.id).where(StudioMember.studio_id == invitation.studio_id, StudioMember.user_id == user.id)
    )
    if already is not None:
        raise api_error("already_member.you")


def open_invitations(studio_id: int) -> list[dict]:
    """The studio's open invitations (neither accepted, withdrawn nor expired), newest first, with who sent each."""
    rows = db.session.execute(
        select(StudioInvitation, User.name)
        .outerjoin(User, User.id == StudioInvitation.invited_by)
        .where(StudioInvitation.studio_id == studio_id, *_open(utcnow()))
        .order_by(StudioInvitation.created_at.desc(), StudioInvitation.id.desc())
    ).all()
    return [
        {
            "id": invitation.id,
            "email": invitation.email,
            "role": invitation.role,
            "invited_by": None if invitation.invited_by is None else {"id": invitation.invited_by, "name": name},
            "created_at": invitation.created_at.isoformat(),
            "expires_at": invitation.expires_at.isoformat(),
        }
        for invitation, name in rows
    ]


@retry_on_deadlock
def withdraw(caller: Membership, actor: Actor, invitation_id: int) -> None:
    """End an open invitation of the studio: its link then answers 410 invitation_revoked. 404 invitation_not_found
    (none open by that id here), 409 invitation_used, 403 a role the caller may not give."""
    studio_id = caller.studio.id
    with unit_of_work():
        locked_studio(studio_id)  # the lock order of member changes: an acceptance meanwhile goes first or finds it
        invitation = db.session.scalar(
            select(StudioInvitation)
            .where(StudioInvitation.id == invitation_id, StudioInvitation.studio_id == studio_id)
            .execution_options(populate_existing=True)
        )
        if invitation is None or invitation.revoked_at is not None or invitation.expires_at <= utcnow():
            raise api_error("invitation_not_found")
        if invitation.accepted_at is not None:
            raise api_error("invitation_used")
        may_handle(caller, invitation.role)
        invitation.revoked_at = utcnow()
        before = {"email": invitation.email, "role": invitation.role}
        audit.record(studio_id, actor, "invitation.withdrawn", ("invitation", invitation.id), before, None)
