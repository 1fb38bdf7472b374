"""What a studio's automations ask of its client book about many accounts at once (the main API, with the service
token): each one's tags, which of the studio's segments they are in now, their marketing consent and email.

An account's client is found by (studio, user id) and read as the book reads it: a client merged into another is
that other one (its tags with those merged into it, as the profile shows them). Three statements whatever the number
of accounts and segments: the segments, the clients with a column per segment, the tags."""

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from service_kit.errors import NotFound

from ...extensions import db
from ...models import Client, ClientTag, Segment
from .segments import conditions


def people_facts(studio_id: int, user_ids: list[int], segment_ids: list[int], now: dt.datetime, zone: str) -> dict:
    """{"items": one per user id, in order}: known (the book has a client of theirs), tags, the asked segments they
    are in now, consent (given and not withdrawn) with when, email; 404 segment_not_found for a segment not the
    studio's."""
    segments = _segments(studio_id, segment_ids)
    clients = _clients(studio_id, user_ids, segments, now, zone)
    tags = _tags(studio_id, sorted({client["client_id"] for client in clients.values()}))
    return {"items": [_item(user_id, clients.get(user_id), tags) for user_id in user_ids]}


def _segments(studio_id: int, segment_ids: list[int]) -> list[Segment]:
    """The studio's segments of these ids, each once, in the order asked."""
    wanted = list(dict.fromkeys(segment_ids))
    if not wanted:
        return []
    query = sa.select(Segment).where(Segment.studio_id == studio_id, Segment.id.in_(wanted))
    found = {segment.id: segment for segment in db.session.scalars(query)}
    for segment_id in wanted:
        if segment_id not in found:
            raise NotFound(f"No segment {segment_id} in this studio.", code="segment_not_found")
    return [found[segment_id] for segment_id in wanted]


def _clients(studio_id: int, user_ids: list[int], segments: list[Segment], now: dt.datetime, zone: str) -> dict:
    """user id -> what the book holds of the client the account's own is read as (itself, or the one it was merged
    into): its id, email, consent and the ids of the segments whose conditions it meets now (as the client list by
    segment tests them), a column each."""
    own = aliased(Client)
    met = [sa.and_(sa.true(), *conditions(studio_id, s.filters, now, zone)) for s in segments]
    rows = db.session.execute(
        sa.select(own.user_id, Client.id, Client.email, Client.marketing_consent, Client.consent_at, *met)
        .join(Client, Client.id == sa.func.coalesce(own.merged_into_id, own.id))
        .where(own.studio_id == studio_id, own.user_id.in_(sorted(set(user_ids))))
    )
    found = {}
    for user_id, client_id, email, consent, consent_at, *within in rows:
        given = consent is True
        found[user_id] = {
            "client_id": client_id,
            "email": email,
            "marketing_consent": given,
            "consent_at": consent_at if given else None,
            # A condition PostgreSQL finds unknown (NULL) is not met, as in a WHERE.
            "segment_ids": [s.id for s, yes in zip(segments, within, strict=True) if yes],
        }
    return found


def _tags(studio_id: int, client_ids: list[int]) -> dict[int, set[str]]:
    """client id -> its tags and those of the clients merged into it, lower case."""
    if not client_ids:
        return {}
    holder = sa.func.coalesce(Client.merged_into_id, Client.id)
    rows = db.session.execute(
        sa.select(holder, ClientTag.tag)
        .join(ClientTag, ClientTag.client_id == Client.id)
        .where(Client.studio_id == studio_id, sa.or_(Client.id.in_(client_ids), Client.merged_into_id.in_(client_ids)))
    )
    found: dict[int, set[str]] = {}
    for client_id, tag in rows:
        found.setdefault(client_id, set()).add(tag.lower())
    return found


def _item(user_id: int, client: dict | None, tags: dict[int, set[str]]) -> dict:
    if client is None:
        return {
            "user_id": user_id,
            "client_id": None,
            "known": False,
            "tags": [],
            "segment_ids": [],
            "marketing_consent": False,
            "consent_at": None,
            "email": None,
        }
    return {"user_id": user_id, "known": True, "tags": sorted(tags.get(client["client_id"], ())), **client}
