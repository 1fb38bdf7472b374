"""What platform admins read of every studio: the studios with their owners and member counts, and the accounts
they may make an owner, found by name or email."""

from sqlalchemy import func, or_, select

from main_app.plumbing import Page, paginate

from ...extensions import db
from ...models import MEMBER_OWNER, Studio, StudioMember, User

MAX_USERS = 25  # an account search answers a few, never the whole table


def _containing(text: str) -> str:
    """A LIKE pattern for text anywhere, its wildcards escaped (with "\\")."""
    return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _owners(studio_ids: list[int]) -> dict[int, list[dict]]:
    """Each studio's owners, by name: {studio_id: [{user_id, name, email}]}."""
    found: dict[int, list[dict]] = {studio_id: [] for studio_id in studio_ids}
    rows = db.session.execute(
        select(StudioMember.studio_id, User.id, User.name, User.email)
        .join(User, User.id == StudioMember.user_id)
        .where(StudioMember.studio_id.in_(studio_ids), StudioMember.role == MEMBER_OWNER)
        .order_by(User.name, User.id)
    )
    for studio_id, user_id, name, email in rows:
        found[studio_id].append({"user_id": user_id, "name": name, "email": email})
    return found


def _member_counts(studio_ids: list[int]) -> dict[int, int]:
    """How many members each studio has."""
    rows = db.session.execute(
        select(StudioMember.studio_id, func.count(StudioMember.id))
        .where(StudioMember.studio_id.in_(studio_ids))
        .group_by(StudioMember.studio_id)
    )
    return dict(rows.all())


def all_studios(q: str | None, page: int, per_page: int) -> Page:
    """The platform's studios by name (closed ones too), q matching a name or slug; items are documents."""
    query = select(Studio).order_by(Studio.name, Studio.id)
    if q and q.strip():
        pattern = _containing(q)
        query = query.where(or_(Studio.name.ilike(pattern, escape="\\"), Studio.slug.ilike(pattern, escape="\\")))
    found = paginate(query, page, per_page)
    ids = [studio.id for studio in found.items]
    owners, counts = _owners(ids), _member_counts(ids)
    items = [
        {
            "id": studio.id,
            "name": studio.name,
            "slug": studio.slug,
            "closed": studio.closed_at is not None,
            "closed_at": studio.closed_at and studio.closed_at.isoformat(),
            "owners": owners[studio.id],
            "members": counts.get(studio.id, 0),
        }
        for studio in found.items
    ]
    return Page(items=items, page=found.page, per_page=found.per_page, total=found.total)


def find_accounts(q: str, limit: int) -> list[dict]:
    """Accounts whose email or name holds q, by email, at most limit (and MAX_USERS): [{id, name, email}]."""
    pattern = _containing(q)
    rows = db.session.execute(
        select(User.id, User.name, User.email)
        .where(or_(User.email.ilike(pattern, escape="\\"), User.name.ilike(pattern, escape="\\")))
        .order_by(User.email, User.id)
        .limit(min(limit, MAX_USERS))
    )
    return [{"id": user_id, "name": name, "email": email} for user_id, name, email in rows]
