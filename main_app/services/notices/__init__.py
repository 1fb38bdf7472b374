"""The notification centre: in-app notices beside emails and texts, read marks, the app lane."""

from .centre import mark_read, watched_counts
from .centre import page as notices_page
from .lane import NoticeDelivery
from .outbox import companion_id, notice_row

__all__ = [
    "NoticeDelivery",
    "companion_id",
    "mark_read",
    "notice_row",
    "notices_page",
    "watched_counts",
]
