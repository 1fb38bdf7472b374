"""The studio's audit log: one append-only row per staff action, written in the action's transaction, and read back
with filters a page at a time. Nothing here changes or deletes a row."""

from dataclasses import dataclass

from sqlalchemy import and_, or_, select

from main_app.plumbing import Page, paginate
from main_app.services import news

from ...extensions import db
from ...models import AuditEntry, User

EXPORT_BATCH = 500  # entries a download reads at a time


@dataclass(frozen=True)
class Actor:
    """Who acts, as the audit log records them: their account, their role in the studio, and their address."""

    user_id: int | None
    role: str
    remote_addr: str | None = None


def record(studio_id: int, actor: Actor, action: str, obj: tuple[str, int | None], before=None, after=None) -> None:
    """Add one entry to the caller's transaction through the audit log's door (news.write_audit): actor did action
    to obj (type, id), from before to after."""
    db.session.flush()  # an object made in this transaction (a new pass, a new member) is named too
    user = actor.user_id and db.session.get(User, actor.user_id)
    named = news.AuditActor(actor.user_id, actor.role, actor.remote_addr, user.name if user else None)
    news.write_audit(studio_id, named, action, obj, before, after)


def _filtered(query, studio_id: int, filters: dict):
    """query narrowed to the studio's entries by person (actor_id), kind (action) and dates (since, until)."""
    query = query.where(AuditEntry.studio_id == studio_id)
    if filters.get("person") is not None:
        query = query.where(AuditEntry.actor_id == filters["person"])
    if filters.get("kind"):
        query = query.where(AuditEntry.action == filters["kind"])
    if filters.get("since") is not None:
        query = query.where(AuditEntry.at >= filters["since"])
    if filters.get("until") is not None:
        query = query.where(AuditEntry.at < filters["until"])
    return query


def entries(studio_id: int, filters: dict, page: int, per_page: int) -> Page:
    """The studio's entries, newest first, filtered by person (actor_id), kind (action) and dates (since, until)."""
    query = _filtered(select(AuditEntry), studio_id, filters)
    return paginate(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()), page, per_page)


def every_entry(studio_id: int, filters: dict, batch: int = EXPORT_BATCH):
    """Every entry entries() would page through, newest first, as rows with the actor's name (actor_name, None once
    their account is gone): read a batch at a time, each in its own short read, so a long download holds no
    transaction open while the client reads."""
    columns = select(AuditEntry.__table__, User.name.label("actor_name")).outerjoin(
        User, User.id == AuditEntry.actor_id
    )
    query = _filtered(columns, studio_id, filters).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(batch)
    after = None
    while True:
        page = query if after is None else query.where(_older_than(*after))
        rows = db.session.execute(page).all()
        db.session.rollback()  # ends this batch's read (nothing was written): the next one reads afresh
        yield from rows
        if len(rows) < batch:
            return
        after = (rows[-1].at, rows[-1].id)


def _older_than(at, entry_id: int):
    """After (at, entry_id) in the newest-first order."""
    return or_(AuditEntry.at < at, and_(AuditEntry.at == at, AuditEntry.id < entry_id))


def actor_names(entries: list[AuditEntry]) -> dict[int, str]:
    """The current names of the accounts that acted in entries, by id (one query): for entries written before each
    kept its actor's name."""
    ids = {entry.actor_id for entry in entries if entry.actor_id is not None}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all()) if ids else {}


def people(studio_id: int) -> list[dict]:
    """Everyone who acted in the studio's log, members or not any more, by name: whom its person filter offers."""
    rows = db.session.execute(
        select(AuditEntry.actor_id, User.name)
        .join(User, User.id == AuditEntry.actor_id)
        .where(AuditEntry.studio_id == studio_id)
        .distinct()
    ).all()
    return [{"id": user_id, "name": name} for name, user_id in sorted((name, user_id) for user_id, name in rows)]


def document(entry: AuditEntry, names: dict[int, str] | None = None) -> dict:
    """An entry as the API shows it; actor_name: as kept when it was written, else the account's name now (names:
    actor_names()), else None."""
    kept = (entry.labels or {}).get("actor_id", {}).get(str(entry.actor_id))
    return {
        "id": entry.id,
        "actor_id": entry.actor_id,
        "actor_name": kept or (names or {}).get(entry.actor_id),
        "actor_role": entry.actor_role,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "before": entry.before,
        "after": entry.after,
        "object_label": entry.object_label,
        "labels": entry.labels or {},
        "at": entry.at.isoformat(),
        "remote_addr": entry.remote_addr,
    }
