"""Reading the catalogue: events with their sessions and facilitator."""
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import joinedload, selectinload

from ..errors import NotFound
from ..extensions import db
from ..models import STATUS_SCHEDULED, Event, Session, utcnow
from .pagination import Page, paginate


def _with_details(query):
    """Load facilitator and sessions in two fixed queries, whatever the page size."""
    return query.options(joinedload(Event.facilitator), selectinload(Event.sessions))


def list_events(
    page: int,
    per_page: int,
    *,
    kind: str | None = None,
    q: str | None = None,
    facilitator_id: int | None = None,
    starts_after: datetime | None = None,
    starts_before: datetime | None = None,
    include_past: bool = False,
    include_cancelled: bool = False,
) -> Page:
    """Events in start order, upcoming and scheduled by default, filtered as asked."""
    query = select(Event).order_by(Event.starts_at, Event.id)
    if not include_cancelled:
        query = query.where(Event.status == STATUS_SCHEDULED)
    if not include_past:
        query = query.where(Event.ends_at >= utcnow())
    if kind:
        query = query.where(Event.kind == kind)
    if q and q.strip():
        # Escape LIKE wildcards so a search for "50%" means exactly that.
        pattern = "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(Event.title.ilike(pattern, escape="\\"))
    if facilitator_id is not None:
        query = query.where(Event.facilitator_id == facilitator_id)
    if starts_after is not None or starts_before is not None:
        # A course running for weeks matches every window one of its sessions starts in, not only its first.
        window = []
        if starts_after is not None:
            window.append(Session.starts_at >= starts_after)
        if starts_before is not None:
            window.append(Session.starts_at < starts_before)
        if not include_cancelled:
            window.append(Session.status == STATUS_SCHEDULED)
        query = query.where(Event.sessions.any(and_(*window)))
    return paginate(_with_details(query), page, per_page, unique=True)


def get_event(event_id: int) -> Event:
    """One event with its details; 404 when it does not exist."""
    event = db.session.scalars(_with_details(select(Event).where(Event.id == event_id))).unique().one_or_none()
    if event is None:
        raise NotFound(f"Event {event_id} does not exist.", code="event_not_found")
    return event
