"""Segments: a studio's saved filters of its client book, each with a live count, and the presets staff start from.

A filter is a small object (schemas/segments.py checks it): every key it names must hold. Spans ("in 30 days") are
counted back from now; "this month" is the calendar month in the studio's time zone (its staff's client_book claim
names it, the main API passes it when it asks for a segment's recipients), UTC when none is known."""

import datetime as dt
import zoneinfo

import sqlalchemy as sa

from service_kit.errors import Conflict, Forbidden, NotFound

from ...database import unit_of_work
from ...extensions import db
from ...models import Client, ClientBooking, ClientPass, ClientTag, Segment
from .book import visible

MOST_PER_STUDIO = 50  # every segment's count is one column of one statement: a bounded list keeps it cheap
PRESETS = (
    ("lapsed", "No visit in 30 days", "Clients who have not come to a session for a month.", {"no_visit_in_days": 30}),
    ("pack_running_out", "Pack running out", "A pack with 1 credit or none left.", {"pack_credits_at_most": 1}),
    ("new_this_month", "New this month", "Their first visit was this month.", {"first_visit_this_month": True}),
    ("members", "Members", "Clients with a good membership.", {"member": True}),
    ("no_shows", "Frequent no-shows", "2 or more no-shows in 60 days.", {"no_shows": {"at_least": 2, "days": 60}}),
    ("reachable", "Can be emailed", "Clients who gave marketing consent.", {"marketing_consent": True}),
)


def presets() -> dict:
    """The built-in suggestions, ready to save as they are."""
    keys = ("key", "name", "description", "filters")
    return {"items": [dict(zip(keys, preset, strict=True)) for preset in PRESETS]}


def conditions(studio_id: int, filters: dict, now: dt.datetime, zone: str = "UTC") -> list[sa.ColumnElement]:
    """The conditions on Client of a (checked) filter, every key given.

    A filter on the client's passes, tags or bookings is one uncorrelated subquery of the studio's rows (one index
    range, read once for the whole count), never a subquery run per client."""
    found = []
    if "no_visit_in_days" in filters:
        since = now - dt.timedelta(days=filters["no_visit_in_days"])
        found.append(sa.or_(Client.last_visit_at.is_(None), Client.last_visit_at < since))
    if "pack_credits_at_most" in filters:
        low = _good_passes(studio_id, now, "pack").where(ClientPass.credits_left <= filters["pack_credits_at_most"])
        found.append(Client.user_id.in_(low))
    if filters.get("first_visit_this_month"):
        found.append(Client.first_visit_at >= month_start(now, zone))
    if "member" in filters:
        # NOT IN is never true of a NULL user_id (a guest): a guest holds no membership.
        member = Client.user_id.in_(_good_passes(studio_id, now, "membership"))
        found.append(member if filters["member"] else sa.or_(Client.user_id.is_(None), ~member))
    if "tag" in filters:
        tagged = sa.select(ClientTag.client_id).where(
            ClientTag.studio_id == studio_id, ClientTag.tag == filters["tag"].lower()
        )
        found.append(Client.id.in_(tagged))
    if "no_shows" in filters:
        found.append(Client.user_id.in_(_no_shows(studio_id, filters["no_shows"], now)))
    if "marketing_consent" in filters:
        given = Client.marketing_consent.is_(True)
        found.append(given if filters["marketing_consent"] else Client.marketing_consent.is_not(True))
    return found


def _good_passes(studio_id: int, now: dt.datetime, kind: str) -> sa.Select:
    """The users of the studio holding a pass of this kind good now (active, not past valid_until)."""
    return sa.select(ClientPass.user_id).where(
        ClientPass.studio_id == studio_id,
        ClientPass.kind == kind,
        ClientPass.status == "active",
        sa.or_(ClientPass.valid_until.is_(None), ClientPass.valid_until > now),
    )


def _no_shows(studio_id: int, rule: dict, now: dt.datetime) -> sa.Select:
    """The users of the studio with at least the rule's no-shows at sessions in its last days (one range of the
    attendance index)."""
    # Grouped by an expression no index is in the order of: SQLite, without statistics, would otherwise walk all the
    # studio's bookings in user order rather than read the no-shows' range of the attendance index.
    user_id = (ClientBooking.user_id + 0).label("user_id")
    return (
        sa.select(user_id)
        .where(
            ClientBooking.studio_id == studio_id,
            ClientBooking.attendance == "no_show",
            ClientBooking.starts_at >= now - dt.timedelta(days=rule["days"]),
            ClientBooking.starts_at <= now,
        )
        .group_by(user_id)
        .having(sa.func.count(ClientBooking.id) >= rule["at_least"])
    )


def require_view(book) -> None:
    """Segments are for those who see the whole book (clients.view): 403 naming it otherwise."""
    if not book.sees_all:
        raise Forbidden("Your role may not do this (clients.view).", details={"permission": "clients.view"})


def _find(book, segment_id: int) -> Segment:
    segment = db.session.scalar(sa.select(Segment).where(Segment.id == segment_id, Segment.studio_id == book.studio_id))
    if segment is None:
        raise NotFound(f"No segment {segment_id} in this studio.", code="segment_not_found")
    return segment


def month_start(now: dt.datetime, zone: str) -> dt.datetime:
    """The first instant of now's calendar month in the time zone (UTC for a name it does not know), in UTC."""
    try:
        tz = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = dt.UTC
    local = now.astimezone(tz)
    first = dt.datetime(local.year, local.month, 1, tzinfo=tz)
    return first.astimezone(dt.UTC)


def segment_conditions(book, segment_id: int, now: dt.datetime) -> list[sa.ColumnElement]:
    """The conditions of the studio's segment, for its clients' list or CSV (clients.view only)."""
    require_view(book)
    return conditions(book.studio_id, _find(book, segment_id).filters, now, book.timezone)


def _counted(book, segments: list[Segment], now: dt.datetime) -> list[dict]:
    """The segments as the API shows them, each counted: one statement for them all."""
    if not segments:
        return []
    if len(segments) == 1:  # its conditions where an index can serve them, not a filter over the studio's clients
        only = conditions(book.studio_id, segments[0].filters, now, book.timezone)
        counts = [db.session.scalar(sa.select(sa.func.count(Client.id)).where(*visible(book), *only))]
    else:
        columns = [
            sa.func.count(Client.id).filter(sa.and_(*conditions(book.studio_id, s.filters, now, book.timezone)))
            for s in segments
        ]
        counts = db.session.execute(sa.select(*columns).where(*visible(book))).one()
    return [
        {
            "id": s.id,
            "name": s.name,
            "filters": s.filters,
            "count": count,
            "created_by": s.created_by,
            "created_at": s.created_at,
            "updated_at": s.updated_at,
        }
        for s, count in zip(segments, counts, strict=True)
    ]


def list_segments(book, now: dt.datetime) -> dict:
    """The studio's segments, alphabetical, each with its count now."""
    require_view(book)
    query = sa.select(Segment).where(Segment.studio_id == book.studio_id).order_by(Segment.name, Segment.id)
    return {"items": _counted(book, list(db.session.scalars(query)), now)}


def show_segment(book, segment_id: int, now: dt.datetime) -> dict:
    """One segment with its count now."""
    require_view(book)
    return _counted(book, [_find(book, segment_id)], now)[0]


def create_segment(book, body: dict, now: dt.datetime) -> dict:
    """A new segment of the studio's (409 segment_limit past MOST_PER_STUDIO)."""
    require_view(book)
    held = db.session.scalar(sa.select(sa.func.count(Segment.id)).where(Segment.studio_id == book.studio_id))
    if held >= MOST_PER_STUDIO:
        raise Conflict(f"A studio keeps at most {MOST_PER_STUDIO} segments.", code="segment_limit")
    segment = Segment(studio_id=book.studio_id, created_by=book.user_id, created_at=now, updated_at=now, **body)
    with unit_of_work(keep_loaded=True):
        db.session.add(segment)
    return _counted(book, [segment], now)[0]


def update_segment(book, segment_id: int, body: dict, now: dt.datetime) -> dict:
    """The segment's new name or filter (the keys sent)."""
    require_view(book)
    segment = _find(book, segment_id)
    with unit_of_work(keep_loaded=True):
        for key, value in body.items():
            setattr(segment, key, value)
        segment.updated_at = now
    return _counted(book, [segment], now)[0]


def delete_segment(book, segment_id: int) -> None:
    """The segment is gone (its clients are not touched)."""
    require_view(book)
    segment = _find(book, segment_id)
    with unit_of_work():
        db.session.delete(segment)
