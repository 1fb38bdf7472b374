"""publish(): a record's outbox rows, every channel's (news.channels), added to the caller's transaction."""

from main_app.delivery import insert_rows
from main_app.services.emails import REMINDER_KINDS

from ...models import CHANNEL_EMAIL
from .audit_trail import write_audit_entry
from .channels import CHANNELS


def publish(record, *also: list[dict]) -> list[dict]:
    """Write the outbox rows of every channel that hears of record, with any rows in also (a pass's credit spent in
    the same write), in one INSERT in the caller's transaction, never committed here, and the audit entry of a staff
    action (news.audit_trail); the rows written."""
    rows = [row for write in CHANNELS[type(record)] for row in write(record)]
    rows += [row for extra in also for row in extra]
    insert_rows(rows)
    write_audit_entry(record)  # a staff action's entry in the studio's audit log, in the same transaction
    return rows


def reminders_due(rows: list[dict]) -> list:
    """When the emailed reminders among rows go."""
    return [row["next_attempt_at"] for row in rows if row["channel"] == CHANNEL_EMAIL and row["type"] in REMINDER_KINDS]
