"""A studio's API tokens: an owner makes one for the studio's own tools with some of the table's permissions; it is
shown once (`srk_<prefix>_<secret>`), kept as the SHA-256 of its secret (32 random bytes: no salt or slow hash needed),
acts as the owner who made it within its permissions and never beyond their role's today, and answers 401 once it
is revoked or expired, or its maker has left the studio."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select, update

from service_kit.errors import BEARER_CHALLENGE

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import Studio, StudioMember, StudioToken, User, utcnow
from . import audit
from .audit import Actor
from .permissions import PERMISSIONS, ROLE_PERMISSIONS

TOKEN_SCHEME = "srk_"
TOKEN_ROLE = "api_token"  # the audit log's role of an action a token took
# A token may not make tokens (a leaked one could outlive its revocation) nor delete the studio.
GRANTABLE = tuple(name for name in PERMISSIONS if name not in ("studio.tokens", "studio.delete"))
LAST_USE_STEP = timedelta(minutes=1)  # last use is written at most this often, not on every call


@dataclass(frozen=True)
class TokenGrant:
    """A token as a request presents it: the studio it is for, the owner it acts as, their role there, and what it may
    do (its permissions within that role's)."""

    token_id: int
    studio: Studio
    maker: User
    role: str
    permissions: frozenset[str]


def is_studio_token(bearer: str | None) -> bool:
    """Whether a bearer token is one of ours rather than a person's JWT."""
    return bool(bearer) and bearer.startswith(TOKEN_SCHEME)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def make_token(studio: Studio, maker_id: int, actor: Actor, body: dict) -> dict:
    """Make a token for the studio with the body's name, permissions and days until it expires (None: never): its
    document with the whole token, which is never shown again."""
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    expires = body.get("expires_in_days")
    with unit_of_work():
        token = StudioToken(
            studio_id=studio.id, made_by_id=maker_id, name=body["name"], prefix=prefix, secret_hash=_digest(secret),
            permissions=sorted(set(body["permissions"])),
            expires_at=None if expires is None else utcnow() + timedelta(days=expires),
        )  # fmt: skip
        db.session.add(token)
        db.session.flush()
        audit.record(studio.id, actor, "api_token.created", ("api_token", token.id), None, _audited(token))
        return {**token_document(token, None), "token": f"{TOKEN_SCHEME}{prefix}_{secret}"}


def _audited(token: StudioToken) -> dict:
    return {"name": token.name, "permissions": token.permissions}


def studio_tokens(studio_id: int) -> list[dict]:
    """The studio's tokens, newest first, each with the name of the owner who made it."""
    rows = db.session.execute(
        select(StudioToken, User.name)
        .outerjoin(User, User.id == StudioToken.made_by_id)
        .where(StudioToken.studio_id == studio_id)
        .order_by(StudioToken.id.desc())
    )
    return [token_document(token, name) for token, name in rows]


def token_document(token: StudioToken, maker_name: str | None) -> dict:
    """A token as the API shows it: never its secret."""
    return {
        "id": token.id,
        "name": token.name,
        "prefix": f"{TOKEN_SCHEME}{token.prefix}",
        "permissions": token.permissions,
        "made_by": maker_name,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }


def revoke_token(studio_id: int, token_id: int, actor: Actor) -> None:
    """Revoke the studio's token: it answers 401 from the next request on (404 token_not_found for another
    studio's; revoking twice changes nothing)."""
    with unit_of_work():
        token = db.session.scalar(
            select(StudioToken).where(StudioToken.id == token_id, StudioToken.studio_id == studio_id)
        )
        if token is None:
            raise api_error("api_token_not_found")
        if token.revoked_at is None:
            token.revoked_at = utcnow()
            audit.record(studio_id, actor, "api_token.revoked", ("api_token", token.id), _audited(token), None)


def token_grant(bearer: str, slug: str) -> TokenGrant:
    """What the bearer token may do in the studio of slug: 401 unless it is a live token whose maker is still a member
    of its studio, 404 studio_not_found when it is another studio's."""
    prefix, _, secret = bearer.removeprefix(TOKEN_SCHEME).partition("_")
    row = db.session.execute(
        select(StudioToken, Studio, User, StudioMember.role)
        .join(Studio, Studio.id == StudioToken.studio_id)
        .join(User, User.id == StudioToken.made_by_id)
        .join(StudioMember, (StudioMember.studio_id == Studio.id) & (StudioMember.user_id == User.id))
        .where(StudioToken.prefix == prefix, Studio.closed_at.is_(None))
    ).first()
    now = utcnow()
    if row is None or not hmac.compare_digest(row[0].secret_hash, _digest(secret)):
        raise api_error("api_token_invalid", headers=BEARER_CHALLENGE)
    token, studio, maker, role = row
    if token.revoked_at is not None or (token.expires_at is not None and token.expires_at <= now):
        raise api_error("api_token_invalid", headers=BEARER_CHALLENGE)
    if studio.slug != slug:
        raise api_error("studio_not_found")
    _note_use(token, now)
    granted = frozenset(token.permissions) & frozenset(ROLE_PERMISSIONS[role])
    return TokenGrant(token.id, studio, maker, role, granted)


def _note_use(token: StudioToken, now) -> None:
    """Write the token's last use when the one kept is a minute old, on a connection of its own: the call may be a
    read (autocommit, no unit of work) or fail later, and its use still happened."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USE_STEP:
        return
    stale = or_(StudioToken.last_used_at.is_(None), StudioToken.last_used_at < now - LAST_USE_STEP)
    with db.engine.begin() as connection:
        connection.execute(update(StudioToken).where(StudioToken.id == token.id, stale).values(last_used_at=now))
