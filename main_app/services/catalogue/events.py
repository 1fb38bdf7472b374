"""Reading the catalogue: events with their sessions and facilitator."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Row, and_, func, select
from sqlalchemy.orm import aliased

from main_app.plumbing import Page, planned_each_time, rarely_true, sorted_not_walked
from main_app.services.seats import options_of
from main_app.services.studios import RATE_NOW, TAX_ADDED

from ...error_codes import api_error
from ...extensions import db
from ...models import (
    STATUS_SCHEDULED,
    Event,
    EventSession,
    SessionOption,
    Studio,
    StudioInvoicing,
    User,
    WaitlistEntry,
    utcnow,
)

Instructor = aliased(User, name="instructor")


@dataclass
class Listing:
    """One event of the public catalogue as plain rows: the event (with its facilitator's name and its studio's slug
    and name), its sessions (with their instructor's name) and their room options (by session id)."""

    event: Row
    sessions: list[Row]
    options: dict[int, list[Row]] = field(default_factory=dict)


# Plain rows, not ORM objects: the catalogue is the busiest read, and rows cost a fraction of mapped instances.
EVENT_COLUMNS = (
    Event.id,
    Event.title,
    Event.description,
    Event.kind,
    Event.location,
    Event.timezone,
    Event.status,
    Event.starts_at,
    Event.ends_at,
    Event.facilitator_id,
    User.name.label("facilitator_name"),
    Event.refund_until_hours,
    Event.late_cancel_hours,
    Event.requires_approval,
    Event.payment_plan,
    Studio.slug.label("studio_slug"),
    Studio.name.label("studio_name"),
    # The tax its studio adds to its prices (null: prices are what is paid), outer-joined on its unique studio_id.
    StudioInvoicing.tax_name.label("added_tax_name"),
    RATE_NOW.label("added_tax_rate"),
    Event.location_country,  # where it is held, for tax (null: the studio's address)
    Event.location_state_code,
    Event.min_age,  # the ages a child booked for it may be (null: no bound)
    Event.max_age,
)
# The studio's tax settings that add a tax to its prices, if they do (services.studios.tax).
ADDS_TAX = and_(StudioInvoicing.studio_id == Event.studio_id, *TAX_ADDED)
SESSION_COLUMNS = (
    EventSession.id,
    EventSession.event_id,
    EventSession.starts_at,
    EventSession.ends_at,
    EventSession.capacity,
    EventSession.seats_taken,
    EventSession.status,
    EventSession.price,
    EventSession.currency,
    EventSession.waitlist_mode,
    EventSession.offer_minutes,
    EventSession.auto_until_hours,
    EventSession.max_seats_per_booking,
    # How many wait for a seat: counted on the (session_id, user_id) unique index, no rows read.
    select(func.count(WaitlistEntry.id))
    .where(WaitlistEntry.session_id == EventSession.id)
    .correlate(EventSession)
    .scalar_subquery()
    .label("waiting"),
    # Whether it offers room options: read on their index, so a page without any asks no more.
    select(func.count(SessionOption.id))
    .where(SessionOption.session_id == EventSession.id, SessionOption.retired.is_(False))
    .correlate(EventSession)
    .scalar_subquery()
    .label("option_count"),
    EventSession.instructor_id,
    # Who teaches it, read on the users' primary key with the row: no statement more for a page of sessions.
    select(Instructor.name)
    .where(Instructor.id == EventSession.instructor_id)
    .correlate(EventSession)
    .scalar_subquery()
    .label("instructor_name"),
    EventSession.mode,  # where it is held; its video link never leaves the people booked
)


def title_matches(q: str):
    """Event titles containing q, any case; LIKE's wildcards escaped, so a search for "50%" means exactly that."""
    pattern = "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return Event.title.ilike(pattern, escape="\\")


# A closed studio's events leave every list and page: asked of the event's own studio, joined by its key.
OPEN_STUDIO = Studio.closed_at.is_(None)


def _filters(
    *, kind, q, facilitator_id, starts_after, starts_before, include_past, include_cancelled, studio_id=None
) -> list:
    """WHERE conditions on Event for the catalogue's filters."""
    conditions = [Event.private.is_(False)]  # a private session's event is its service's, not the catalogue's
    if studio_id is not None:
        conditions.append(Event.studio_id == studio_id)
    if not include_cancelled:
        conditions.append(Event.status == STATUS_SCHEDULED)
    if not include_past:
        # Few events are not over once years of them have: searched on the end's index and sorted, the page costs
        # what the upcoming catalogue holds, where walking the start's index in order would pass all of history.
        # Both hints: SQLite needs telling that few rows match, PostgreSQL to plan for the time each request asks.
        conditions.append(rarely_true(Event.ends_at >= planned_each_time(utcnow(), Event.ends_at.type)))
    if kind:
        conditions.append(Event.kind == kind)
    if q and q.strip():
        conditions.append(title_matches(q))
    if facilitator_id is not None:
        conditions.append(Event.facilitator_id == facilitator_id)
    if starts_after is not None or starts_before is not None:
        # A course running for weeks matches every window one of its sessions starts in, not only its first.
        window = []
        if starts_after is not None:
            window.append(EventSession.starts_at >= starts_after)
        if starts_before is not None:
            window.append(EventSession.starts_at < starts_before)
        if not include_cancelled:
            window.append(EventSession.status == STATUS_SCHEDULED)
        conditions.append(Event.sessions.any(and_(*window)))
    return conditions


def _listings(conditions: list, limit: int | None = None, offset: int = 0, upcoming: bool = False) -> list[Listing]:
    """Events matching conditions in start order, with their sessions and their room options: two queries whatever
    the page size, and a third when a session on it offers options. Upcoming ones only are sorted once found."""
    events = db.session.execute(
        select(*EVENT_COLUMNS)
        .join(User, User.id == Event.facilitator_id)
        .join(Studio, Studio.id == Event.studio_id)
        .outerjoin(StudioInvoicing, ADDS_TAX)
        .where(OPEN_STUDIO, *conditions)
        .order_by(sorted_not_walked(Event.starts_at) if upcoming else Event.starts_at, Event.id)
        .limit(limit)
        .offset(offset)
    ).all()
    sessions: dict[int, list[Row]] = {row.id: [] for row in events}
    if sessions:
        for row in db.session.execute(
            select(*SESSION_COLUMNS)
            .where(EventSession.event_id.in_(list(sessions)))
            .order_by(EventSession.event_id, EventSession.starts_at, EventSession.id)
        ):
            sessions[row.event_id].append(row)
    options = options_of(row.id for rows in sessions.values() for row in rows if row.option_count)
    return [Listing(row, sessions[row.id], options) for row in events]


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
    studio_id: int | None = None,
) -> Page:
    """Events in start order, upcoming and scheduled by default, filtered as asked (a studio's public page: by
    studio_id); items are Listings."""
    conditions = _filters(
        studio_id=studio_id,
        kind=kind,
        q=q,
        facilitator_id=facilitator_id,
        starts_after=starts_after,
        starts_before=starts_before,
        include_past=include_past,
        include_cancelled=include_cancelled,
    )
    studio_open = select(func.count(Event.id)).join(Studio, Studio.id == Event.studio_id).where(OPEN_STUDIO)
    total = db.session.scalar(studio_open.where(*conditions))
    items = _listings(conditions, per_page, (page - 1) * per_page, upcoming=not include_past)
    return Page(items=items, page=page, per_page=per_page, total=total)


def get_event(event_id: int) -> Listing:
    """One event with its details; 404 when it does not exist."""
    found = _listings([Event.id == event_id, Event.private.is_(False)])
    if not found:
        raise api_error("event_not_found", event_id=event_id)
    return found[0]
