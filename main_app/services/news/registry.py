"""publish(): a record's news, heard by every channel in news.channels' table, its rows added to the caller's
transaction and what it takes back withdrawn there; publish_all(): a batch of records (a session's bookings called
off) the same way, in as many statements as one."""

from collections.abc import Sequence

from sqlalchemy import or_

from main_app.delivery import insert_rows
from main_app.services.emails import REMINDER_KINDS, drop_pending

from ...models import CHANNEL_EMAIL
from . import channels
from .audit_trail import write_audit_entry
from .sayings import RECORDS, UNSAID, WORDS
from .words import Unsaid, merged


def publish(record) -> list[dict]:
    """Have every channel of the table hear record: withdraw its pending rows the record takes back, then write its
    rows in one INSERT in the caller's transaction, never committed here, and the audit entry of a staff action
    (news.audit_trail); the rows written."""
    return publish_all([record])


def publish_all(records: Sequence) -> list[dict]:
    """publish() for each of records (a change's several: a session's bookings called off, a booking and the pass
    credit it spent), with what they all take back withdrawn at once and all their rows in one INSERT."""
    for record in records:
        if type(record) not in RECORDS:
            raise TypeError(f"no news is said of {type(record).__name__}")
    told = [channels.News(record, words_of(record), unsay(record)) for record in records]
    _withdraw(told)
    rows = []
    for news in told:
        written = []
        for channel in channels.CHANNELS:
            written += channel.rows(news, written)
        rows += written
    insert_rows(rows)
    for record in records:
        write_audit_entry(record)  # a staff action's entry in the studio's audit log, in the same transaction
    return rows


def _withdraw(told: list[channels.News]) -> None:
    """Every channel's pending rows the news takes back, dropped in one statement per table however many records:
    each channel hears the first with what they all take back (merged), and the others with nothing more."""
    unsaid = merged([item for news in told for item in news.unsaid])
    taken: dict[str, list] = {}
    for n, news in enumerate(told):
        heard = channels.News(news.record, news.words, unsaid if n == 0 else [])
        for channel in channels.CHANNELS:
            if (condition := channel.withdrawn(heard)) is not None:
                taken.setdefault(channel.name, []).append(condition)
    if taken:
        drop_pending(or_(*(condition for found in taken.values() for condition in found)), channels=tuple(taken))


def words_of(record) -> list:
    """What record tells people."""
    return [word for write in WORDS[type(record)] for word in write(record)]


def unsay(record) -> list[Unsaid]:
    """What record takes back."""
    take_back = UNSAID.get(type(record))
    return take_back(record) if take_back else []


def reminders_due(rows: list[dict]) -> list:
    """When the emailed reminders among rows go."""
    return [row["next_attempt_at"] for row in rows if row["channel"] == CHANNEL_EMAIL and row["type"] in REMINDER_KINDS]
