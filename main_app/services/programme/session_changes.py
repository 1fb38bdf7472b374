"""A session's fields as a facilitator changes them: each change noted as {"from", "to"} for the news records."""

from datetime import datetime

from main_app.services.common import local_range
from main_app.services.languages import N_

from ...models import EventSession

# How a session's freed seats reach its line, how many one booking may take, and where it is held (models.EventSession):
# set with the session, changed like its other fields.
SEAT_SETTINGS = ("waitlist_mode", "offer_minutes", "auto_until_hours", "max_seats_per_booking")
PLACE_SETTINGS = ("mode", "video_url")
# The changes the people booked are emailed about (with their calendar entry and reminders written again): a move, or
# the class going online or back to the room (its emails then carry, or drop, the join page).
TOLD = {"starts_at", "ends_at", "mode"}
# How one takes part, and an emptied field, as the change emails store them (in English) and say them (translated).
HOW = {"in_person": N_("In person"), "online": N_("Online"), "hybrid": N_("In person and online")}
HOW_LABEL, NONE = N_("How"), N_("(none)")


def change(obj, field: str, new, changes: dict) -> None:
    """Set obj.field to new, noting {"from", "to"} in changes when it differs."""
    old = getattr(obj, field)
    if old != new:
        setattr(obj, field, new)
        changes[field] = {
            "from": old.isoformat() if isinstance(old, datetime) else old,
            "to": new.isoformat() if isinstance(new, datetime) else new,
        }


def when_changed(old: tuple[datetime, datetime], old_zone: str, new: tuple[datetime, datetime], new_zone: str) -> dict:
    """A session's times as a change says them: in words, as stored (English), and as [starts, ends, zone] for an
    email that writes them in its person's language."""
    return {
        "label": "When",
        "from": local_range(*old, old_zone),
        "to": local_range(*new, new_zone),
        "from_times": [old[0].isoformat(), old[1].isoformat(), old_zone],
        "to_times": [new[0].isoformat(), new[1].isoformat(), new_zone],
    }


def change_settings(event_session: EventSession, data: dict, changes: dict) -> None:
    """The seat and place settings the data names; a new video link noted as changed, never as itself (CRM, audit)."""
    for name in (*SEAT_SETTINGS, *PLACE_SETTINGS):
        if name in data:
            change(event_session, name, data[name], changes)
    if "video_url" in changes:
        changes["video_url"] = {side: value and "(a link)" for side, value in changes["video_url"].items()}
