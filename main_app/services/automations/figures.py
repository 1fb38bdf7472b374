"""What each automation did: how many people entered, wait in it, finished and left, and what it caused: how many of
them booked one of the studio's sessions within 14 days of entering."""

from datetime import timedelta

from sqlalchemy import func, select

from ...extensions import db
from ...models import ENTRY_FINISHED, ENTRY_LEFT, ENTRY_WAITING, AutomationEntry, Booking, Event, EventSession

CAUSED_WITHIN = timedelta(days=14)
STATES = {ENTRY_WAITING: "waiting", ENTRY_FINISHED: "finished", ENTRY_LEFT: "left"}


def figures_of(automation_ids: list[int]) -> dict[int, dict]:
    """Each automation's figures, in two queries whatever their number."""
    figures = {
        automation_id: {"entered": 0, "waiting": 0, "finished": 0, "left": 0, "bookings_within_14_days": 0}
        for automation_id in automation_ids
    }
    if not automation_ids:
        return figures
    counted = db.session.execute(
        select(AutomationEntry.automation_id, AutomationEntry.state, func.count())
        .where(AutomationEntry.automation_id.in_(automation_ids))
        .group_by(AutomationEntry.automation_id, AutomationEntry.state)
    )
    for automation_id, state, count in counted:
        figures[automation_id][STATES[state]] += count
        figures[automation_id]["entered"] += count
    for automation_id, entered_at, first_booking in _first_bookings(automation_ids):
        if first_booking - entered_at <= CAUSED_WITHIN:
            figures[automation_id]["bookings_within_14_days"] += 1
    return figures


def _first_bookings(automation_ids: list[int]):
    """(automation, entered at, first booking after) of each entry whose person booked with the studio since."""
    return db.session.execute(
        select(AutomationEntry.automation_id, AutomationEntry.entered_at, func.min(Booking.created_at))
        .join(Booking, Booking.user_id == AutomationEntry.user_id)
        .join(EventSession, EventSession.id == Booking.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(
            AutomationEntry.automation_id.in_(automation_ids),
            Event.studio_id == AutomationEntry.studio_id,
            Booking.created_at > AutomationEntry.entered_at,
        )
        .group_by(AutomationEntry.id, AutomationEntry.automation_id, AutomationEntry.entered_at)
    ).all()
