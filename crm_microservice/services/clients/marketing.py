"""Marketing email to a segment (the main API sends it): the segment's clients who gave consent, one per address, as
the main API asks for them with the service token."""

import datetime as dt

import sqlalchemy as sa

from service_kit.errors import NotFound

from ...extensions import db
from ...models import Client, Segment
from .segments import conditions


def recipients(studio_id: int, segment_id: int, limit: int, now: dt.datetime, zone: str = "UTC") -> dict:
    """The segment's clients with consent given and an email, the lowest id per address (lower case), by id; at most
    limit of them, with how many there are in all (total)."""
    segment = db.session.scalar(sa.select(Segment).where(Segment.id == segment_id, Segment.studio_id == studio_id))
    if segment is None:
        raise NotFound(f"No segment {segment_id} in this studio.", code="segment_not_found")
    address = sa.func.lower(Client.email)
    first = (
        sa.select(sa.func.min(Client.id).label("id"))
        .where(
            Client.studio_id == studio_id,
            Client.merged_into_id.is_(None),
            Client.marketing_consent.is_(True),
            Client.email.is_not(None),
            *conditions(studio_id, segment.filters, now, zone),
        )
        .group_by(address)
        .subquery()
    )
    total = db.session.scalar(sa.select(sa.func.count()).select_from(first))
    rows = db.session.execute(
        sa.select(Client.id, Client.name, Client.email, Client.consent_at)
        .join(first, first.c.id == Client.id)
        .order_by(Client.id)
        .limit(limit)
    )
    items = [{"client_id": cid, "name": name or "", "email": email, "consent_at": at} for cid, name, email, at in rows]
    return {"segment": {"id": segment.id, "name": segment.name}, "total": total, "items": items}
