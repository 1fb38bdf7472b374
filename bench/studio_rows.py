"""The studios of the benchmarks' facilitators, as rows for bulk writing: one studio each, named after its
facilitator, with them as its owner, as migration 0042 gave every facilitator (and home_studio_id gives one who
owns none). Events, pass products, passes and discount codes name their studio, and each session its instructor."""

from datetime import datetime

from main_app.models import MEMBER_OWNER
from main_app.services.studios.studios import slug_of


def studio_row(facilitator_id: int, name: str, email: str, timezone: str, now: datetime) -> dict:
    """A studios row (its id left to the caller) for a facilitator: the slug carries their id, so it is unique."""
    return {
        "name": name,
        "slug": f"{slug_of(name)}-{facilitator_id}",
        "timezone": timezone,
        "currency": "INR",
        "country": None,
        "contact_email": email,
        "contact_phone": None,
        "created_at": now,
    }


def owner_row(studio_id: int, user_id: int, now: datetime) -> dict:
    """The studio_members row making user_id the studio's owner (its id left to the database)."""
    return {"studio_id": studio_id, "user_id": user_id, "role": MEMBER_OWNER, "created_at": now}
