"""The catalogue read as plain rows (events, sessions, the timetable); the demo accounts and events."""

from .demo_data import database_is_empty, seed_demo
from .events import get_event, list_events
from .sitemap import public_pages
from .timetable import MAX_DAYS
from .timetable import timetable as timetable_between

__all__ = [
    "MAX_DAYS",
    "database_is_empty",
    "get_event",
    "list_events",
    "public_pages",
    "seed_demo",
    "timetable_between",
]
