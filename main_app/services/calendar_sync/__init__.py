"""A teacher's own calendar in step both ways: its busy times block their slots, their sessions are written to it."""

from .linking import calendar_document, calendars_changed, link_calendar, sync_now, unlink_calendar
from .sync import STALE_AFTER, fetch, prepare, run

__all__ = [
    "STALE_AFTER",
    "calendar_document",
    "calendars_changed",
    "fetch",
    "link_calendar",
    "prepare",
    "run",
    "sync_now",
    "unlink_calendar",
]
