"""The CRM's messages of a studio's automations about one client: a tag added or taken off (the CRM's client book
changes it, and files the message read) and a task for the studio's staff (unread in the studio's inbox). Each is an
outbox row for the caller's transaction, in the typed shape with the person in data.user, as client_imported is."""

import re

from ...models import User, utcnow
from .messages import message_row
from .people import user_summary

TAG_ADDED, TAG_REMOVED, TASK = "client_tag_added", "client_tag_removed", "automation_task"
# The CRM's rule for a tag an automation gives (letters, digits, spaces, '-' and '_'; at most 50), as it checks it.
TAG_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _\-]{0,49}")
TASK_LIMIT = 500  # what a task's text holds at most


def _row(kind: str, studio_id: int, user: User, message: str, data: dict) -> dict:
    payload = {"timestamp": utcnow().isoformat(), "user_id": user.id, "studio_id": studio_id, "message": message}
    return message_row(kind, payload | {"data": {"user": user_summary(user), **data}})


def tag_row(studio_id: int, user: User, tag: str, *, added: bool, automation_id: int) -> dict:
    """The row of client_tag_added (added) or client_tag_removed: the tag (lower case, as the book keeps tags) on the
    person's client in the studio's book, or off it; ValueError for a tag the CRM would refuse."""
    tag = tag.strip().lower()
    if not TAG_PATTERN.fullmatch(tag):
        raise ValueError(f"not a tag the client book keeps: {tag!r}")
    message = f"Tagged {user.name} {tag}" if added else f"Took the tag {tag} off {user.name}"
    data = {"tag": tag, "automation_id": automation_id}
    return _row(TAG_ADDED if added else TAG_REMOVED, studio_id, user, f"{message} (an automation)", data)


def task_row(studio_id: int, user: User, text: str, *, automation_id: int, automation_name: str) -> dict:
    """The row of automation_task: the text (its first TASK_LIMIT characters) for the studio's staff about the
    person, from the automation named."""
    data = {"automation_id": automation_id, "automation_name": automation_name}
    return _row(TASK, studio_id, user, text[:TASK_LIMIT], data)
