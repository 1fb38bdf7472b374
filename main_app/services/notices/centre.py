"""A person's notification centre: their notices page by page (unread first, newest first), marking them read, and
the unread counts the live stream watches."""

from sqlalchemy import and_, case, func, select, update

from ...database import unit_of_work
from ...extensions import db
from ...models import Notification, User, utcnow

UNREAD_FIRST = (case((Notification.read_at.is_(None), 0), else_=1), Notification.id.desc())


def unread_count(user_id: int) -> int:
    """How many of the person's notices are unread."""
    unread = select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    return db.session.scalar(unread)


def page(user: User, number: int, per_page: int) -> dict:
    """One page of the person's notices, unread first, with their total and unread counts."""
    total, unread = watched_counts([user.id]).get(user.id, (0, 0))
    items = db.session.scalars(
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(*UNREAD_FIRST)
        .limit(per_page)
        .offset((number - 1) * per_page)
    ).all()
    return {
        "page": number,
        "per_page": per_page,
        "total": total,
        "pages": max(1, -(-total // per_page)),
        "unread": unread,
        "items": items,
    }


def mark_read(user: User, ids: list[int] | None) -> dict:
    """Mark the person's notices with these ids read (all of theirs when ids is None); others' ids change nothing.
    How many changed, and how many stay unread."""
    mine_unread = and_(Notification.user_id == user.id, Notification.read_at.is_(None))
    if ids is not None:
        mine_unread = and_(mine_unread, Notification.id.in_(ids))
    with unit_of_work():
        marked = db.session.execute(
            update(Notification)
            .where(mine_unread)
            .values(read_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
    return {"marked": marked, "unread": unread_count(user.id)}


def watched_counts(user_ids: list[int]) -> dict[int, tuple[int, int]]:
    """For each of these people with any notices: (all, unread). Either changing means their centre changed."""
    if not user_ids:
        return {}
    unread = func.sum(case((Notification.read_at.is_(None), 1), else_=0))
    rows = db.session.execute(
        select(Notification.user_id, func.count(), unread)
        .where(Notification.user_id.in_(user_ids))
        .group_by(Notification.user_id)
    )
    return {user_id: (count, int(unread or 0)) for user_id, count, unread in rows}
