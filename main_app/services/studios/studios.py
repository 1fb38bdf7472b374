"""Studios: making one (its maker is its owner), a person's studios with their role, a studio's settings, and a
platform admin making any account an owner."""

import re
import unicodedata

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from main_app.plumbing import lock
from main_app.services.languages import DEFAULT_LANGUAGE
from service_kit.errors import Conflict

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import MEMBER_OWNER, ROLE_ADMIN, Studio, StudioMember, User
from . import audit
from .audit import Actor
from .permissions import ROLE_PERMISSIONS
from .tax import added_taxes

SETTINGS = (
    *("name", "slug", "timezone", "currency", "country", "contact_email", "contact_phone", "embed_origins"),
    "default_language",
)
SLUG_LENGTH = 56  # room for a "-<n>" after a made slug within the column's 64


def slug_of(name: str) -> str:
    """A URL slug made from a name: ASCII letters, digits and hyphens ("studio" when nothing is left)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:SLUG_LENGTH].strip("-") or "studio"


def _free_slug(base: str) -> str:
    """base, or base-2, base-3 ... : the first no studio has."""
    taken = set(db.session.scalars(select(Studio.slug).where(Studio.slug.like(f"{base}%"))))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _slug_taken(_exc: IntegrityError) -> Conflict:
    return api_error("slug_taken", details={"slug": ["Taken."]})


def create_studio(user, fields: dict, remote_addr: str | None = None) -> Studio:
    """A new studio whose owner is user (STUDIO_SIGNUP=admin: only platform admins may make one); 409 slug_taken."""
    if current_app.config["STUDIO_SIGNUP"] == "admin" and user.role != ROLE_ADMIN:
        raise api_error("studio_signup_closed")
    with unit_of_work(on_integrity_error=_slug_taken, keep_loaded=True):
        slug = fields.get("slug") or _free_slug(slug_of(fields["name"]))
        language = fields.get("default_language") or DEFAULT_LANGUAGE
        studio = Studio(**{**{key: fields.get(key) for key in SETTINGS}, "slug": slug, "default_language": language})
        db.session.add(studio)
        db.session.flush()
        db.session.add(StudioMember(studio_id=studio.id, user_id=user.id, role=MEMBER_OWNER))
        after = settings_of(studio)
        audit.record(
            studio.id, Actor(user.id, MEMBER_OWNER, remote_addr), "studio.created", ("studio", studio.id), None, after
        )
    return studio


def my_studios(user_id: int) -> list[dict]:
    """The open studios user belongs to, by name, each with their role."""
    rows = db.session.execute(
        select(Studio, StudioMember.role)
        .join(StudioMember, StudioMember.studio_id == Studio.id)
        .where(StudioMember.user_id == user_id, Studio.closed_at.is_(None))
        .order_by(Studio.name, Studio.id)
    ).all()
    added = added_taxes({studio.id for studio, _role in rows})  # what the front desk asks at the door
    return [document(studio, role) | {"tax_added": added.get(studio.id)} for studio, role in rows]


def settings_of(studio: Studio) -> dict:
    """The studio's settings as plain values (embed_origins a list)."""
    return {key: getattr(studio, key) for key in SETTINGS} | {"embed_origins": embed_origins(studio)}


def embed_origins(studio: Studio) -> list[str]:
    """The origins (https://lotus.example) whose pages may frame the studio's booking widget."""
    return (studio.embed_origins or "").split()


def document(studio: Studio, role: str | None = None, granted: frozenset[str] | None = None) -> dict:
    """A studio as the API shows it (with the caller's role and what the permission table, or their API token, lets
    them do, when given)."""
    found = {"id": studio.id, **settings_of(studio), "created_at": studio.created_at.isoformat()}
    if role is None:
        return found
    mine = [name for name in ROLE_PERMISSIONS[role] if granted is None or name in granted]
    return {**found, "my_role": role, "my_permissions": mine}


def public_document(studio: Studio) -> dict:
    """A studio as its public page shows it: its settings (contact details included), no dates or roles."""
    return {"id": studio.id, **settings_of(studio)}


def by_slug(slug: str) -> Studio:
    """The open studio with this slug, for its public page; 404 studio_not_found (a closed one too)."""
    studio = db.session.scalar(select(Studio).where(Studio.slug == slug, Studio.closed_at.is_(None)))
    if studio is None:
        raise api_error("studio_not_found")
    return studio


def locked_studio(studio_id: int) -> Studio:
    """The studio's row, locked for the rest of the transaction (PostgreSQL; SQLite's write turn serializes writers):
    every change to its members takes it first, so two never both take away its last owner."""
    studio = lock(
        Studio, select(Studio).where(Studio.id == studio_id).execution_options(populate_existing=True)
    ).scalar()
    if studio is None:
        raise api_error("studio_not_found")
    return studio


def update_studio(studio_id: int, actor: Actor, changes: dict) -> Studio:
    """Change the studio's settings, with an audit entry of what changed; 409 slug_taken."""
    with unit_of_work(on_integrity_error=_slug_taken, keep_loaded=True):
        studio = locked_studio(studio_id)
        before = settings_of(studio)
        for key, value in changes.items():
            setattr(studio, key, " ".join(value) or None if key == "embed_origins" else value)
        db.session.flush()
        after = settings_of(studio)
        changed = [key for key in SETTINGS if before[key] != after[key]]
        if changed:
            old, new = ({key: values[key] for key in changed} for values in (before, after))
            audit.record(studio.id, actor, "studio.settings_changed", ("studio", studio.id), old, new)
    return studio


def make_owner(admin, studio_slug: str, user_id: int, remote_addr: str | None = None) -> dict:
    """A platform admin makes an account an owner of the studio (a new member, or a member promoted)."""
    studio_id = db.session.scalar(select(Studio.id).where(Studio.slug == studio_slug))
    if studio_id is None:
        raise api_error("studio_not_found")
    if db.session.get(User, user_id) is None:
        raise api_error("user_not_found")
    with unit_of_work():
        locked_studio(studio_id)
        member = db.session.scalar(
            select(StudioMember).where(StudioMember.studio_id == studio_id, StudioMember.user_id == user_id)
        )
        before = None if member is None else {"role": member.role}
        if member is None:
            member = StudioMember(studio_id=studio_id, user_id=user_id, role=MEMBER_OWNER)
            db.session.add(member)
        member.role = MEMBER_OWNER
        actor = Actor(admin.id, ROLE_ADMIN, remote_addr)
        audit.record(studio_id, actor, "member.owner_made", ("user", user_id), before, {"role": MEMBER_OWNER})
    return {"user_id": user_id, "role": MEMBER_OWNER}


def owner_count(studio_id: int) -> int:
    """How many owners the studio has."""
    return db.session.scalar(
        select(func.count()).where(StudioMember.studio_id == studio_id, StudioMember.role == MEMBER_OWNER)
    )


def owned_studio_id(user_id: int) -> int | None:
    """The first open studio the person owns (the one their facilitator routes work in), if any."""
    owned = (
        select(func.min(StudioMember.studio_id))
        .join(Studio, Studio.id == StudioMember.studio_id)
        .where(StudioMember.user_id == user_id, StudioMember.role == MEMBER_OWNER, Studio.closed_at.is_(None))
    )
    return db.session.scalar(owned)


def home_studio_id(user: User) -> int:
    """The studio a facilitator's seed routes make things in (inside the caller's unit of work): the first one they
    own; someone who owns none gets one named after them, as migration 0042 gave each facilitator."""
    if (studio_id := owned_studio_id(user.id)) is not None:
        return studio_id
    lock(User, [user.id])  # two first events at once make one studio
    if (studio_id := owned_studio_id(user.id)) is not None:
        return studio_id
    zone, currency = "UTC", current_app.config["DEFAULT_CURRENCY"]
    studio = Studio(name=user.name, slug=_free_slug(slug_of(user.name)), timezone=zone, currency=currency)
    studio.contact_email = user.email
    db.session.add(studio)
    db.session.flush()
    db.session.add(StudioMember(studio_id=studio.id, user_id=user.id, role=MEMBER_OWNER))
    return studio.id
