"""A family's second guardian: invited by email with a signed link (the family and the address, signed with
SECRET_KEY under its own salt, good for seven days) and accepted by the signed-in account with that address, while
it has no family and the family has no second guardian. No row is kept: the link is the invitation, and joining
once is all it can do."""

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import GUARDIAN_SECOND, FamilyGuardian, User, utcnow
from .. import news
from .members import family_id_of, own_family_id

INVITATION_SECONDS = 7 * 24 * 3600
MOST_GUARDIANS = 2


def _serializer() -> URLSafeTimedSerializer:
    # "~", not ".", between the parts: the token ends a path of the web app, where a dot reads as a file name.
    return URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"], salt="family-invitation", signer_kwargs={"sep": "~"}
    )


def _guardians(family_id: int) -> int:
    return db.session.scalar(select(func.count()).where(FamilyGuardian.family_id == family_id))


def invite(user: User, email: str) -> dict:
    """Email address a link to join the user's family (made now if it has none) as its second guardian; 409
    family_full when it has one."""
    address = email.strip().lower()
    with unit_of_work():
        family_id = own_family_id(user.id)
        if _guardians(family_id) >= MOST_GUARDIANS:
            raise api_error("family_full")
        news.publish(news.FamilyInvited(address, user.name, family_id))
    return {"email": address, "expires_in_seconds": INVITATION_SECONDS}


def complete_invitation(snapshot: dict) -> dict:
    """A queued invitation as its email goes: with its link, signed now (never stored)."""
    token = _serializer().dumps({"f": snapshot["family_id"], "e": snapshot["to"]["email"]})
    return {**snapshot, "accept_url": f"{current_app.config['PUBLIC_WEB_URL']}/family-invitations/{token}"}


def _claims(token: str) -> tuple[int, str]:
    """(family id, address) of a link; 410 invitation_expired, 404 invitation_not_found."""
    try:
        claims = _serializer().loads(token, max_age=INVITATION_SECONDS)
    except SignatureExpired:
        raise api_error("invitation_expired") from None
    except BadSignature:
        raise api_error("invitation_not_found") from None
    if not isinstance(claims, dict):
        raise api_error("invitation_not_found")
    family_id, address = claims.get("f"), claims.get("e")
    if not isinstance(family_id, int) or isinstance(family_id, bool) or not isinstance(address, str):
        raise api_error("invitation_not_found")
    return family_id, address


@retry_on_deadlock
def accept(user: User, token: str) -> dict:
    """Make the signed-in account the second guardian of the link's family: 403 invitation_for_another_account, 409
    family_already (it has a family: this one or another) or family_full."""
    family_id, address = _claims(token)
    if user.email.strip().lower() != address:
        raise api_error("invitation_for_another_account")
    # Two acceptances at once: the one-second-guardian index (or one family per account) refuses the later.
    with unit_of_work(on_integrity_error=lambda _error: api_error("family_full")):
        if family_id_of(user.id) is not None:
            raise api_error("family_already")
        if _guardians(family_id) >= MOST_GUARDIANS:
            raise api_error("family_full")
        db.session.add(FamilyGuardian(family_id=family_id, user_id=user.id, role=GUARDIAN_SECOND, joined_at=utcnow()))
    return {"role": GUARDIAN_SECOND}
