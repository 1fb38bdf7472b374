"""publish(): a record's news, heard by every channel in news.channels' table, its rows added to the caller's
transaction and what it takes back withdrawn there."""

from sqlalchemy import or_

from main_app.delivery import insert_rows
from main_app.services.emails import REMINDER_KINDS, drop_pending

from ...models import CHANNEL_EMAIL
from . import channels
from .audit_trail import write_audit_entry
from .sayings import RECORDS, UNSAID, WORDS


def publish(record, *also: list[dict]) -> list[dict]:
    """Have every channel of the table hear record: withdraw its pending rows the record takes back, then write its
    rows, with any rows in also (a pass's credit spent in the same write), in one INSERT in the caller's transaction,
    never committed here, and the audit entry of a staff action (news.audit_trail); the rows written."""
    if type(record) not in RECORDS:
        raise TypeError(f"no news is said of {type(record).__name__}")
    words = [word for write in WORDS[type(record)] for word in write(record)]
    unsaid = unsay(record)
    news = channels.News(record, words, unsaid)
    withdrawn = {channel.name: channel.withdrawn(news) for channel in channels.CHANNELS}
    if taken := {name: condition for name, condition in withdrawn.items() if condition is not None}:
        drop_pending(or_(*taken.values()), channels=tuple(taken))
    rows = []
    for channel in channels.CHANNELS:
        rows += channel.rows(news, rows)
    rows += [row for extra in also for row in extra]
    insert_rows(rows)
    write_audit_entry(record)  # a staff action's entry in the studio's audit log, in the same transaction
    return rows


def unsay(record) -> list:
    """What record takes back."""
    take_back = UNSAID.get(type(record))
    return take_back(record) if take_back else []


def reminders_due(rows: list[dict]) -> list:
    """When the emailed reminders among rows go."""
    return [row["next_attempt_at"] for row in rows if row["channel"] == CHANNEL_EMAIL and row["type"] in REMINDER_KINDS]
