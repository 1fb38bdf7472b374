"""Notification store in one JSON file (notifications.json), for small setups."""

from __future__ import annotations  # the stores' `list` method shadows the builtin in annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import tempfile
import threading

from ..models import RECORD_FIELDS
from .base import (
    BOOKING_CREATED,
    BOOKING_FILTERS,
    BOOKING_TYPES,
    EQUALITY_FILTERS,
    Inbox,
    NotificationStore,
    StoreUnavailable,
    Then,
    booking_status,
    group_key,
    happened_at,
)

TIME_FIELDS = ("occurred_at", "received_at", "read_at")


class JsonNotificationStore(NotificationStore):
    """A JSON list rewritten atomically; a thread lock plus flock serialise writers across workers.

    It keeps no client book: profiles updated with each notification, searched and counted per studio at 100,000
    clients, need indexes and a transaction spanning several tables, which one rewritten file cannot give (every
    update would rewrite every profile). Its `then` is ignored and the client-book routes answer 501."""

    name = "json"

    def __init__(self, path: str):
        self.path = path
        self.lock_path = path + ".lock"
        self._thread_lock = threading.Lock()

    def add(self, record: dict, then: Then = None) -> tuple[dict, bool]:
        with self._exclusive():
            records = self._read()
            for stored in records:
                if stored.get("notification_id") == record["notification_id"]:
                    return _decode(stored), False
            new = {key: record.get(key) for key in RECORD_FIELDS}
            new["id"] = max((stored.get("id") or 0 for stored in records), default=0) + 1
            records.append(_encode(new))
            self._write(records)
        return new, True

    def store_many(self, records: list[dict], then: list[Then] | None = None) -> list[bool]:
        # One read and one atomic write for the whole batch.
        with self._exclusive():
            stored = self._read()
            known = {record.get("notification_id") for record in stored}
            next_id = max((record.get("id") or 0 for record in stored), default=0) + 1
            created = []
            for record in records:
                new = record["notification_id"] not in known
                created.append(new)
                if new:
                    known.add(record["notification_id"])
                    stored.append(_encode(dict({key: record.get(key) for key in RECORD_FIELDS}, id=next_id)))
                    next_id += 1
            if any(created):
                self._write(stored)
        return created

    def list(self, filters: dict, page: int, per_page: int) -> tuple[list[dict], int]:
        # os.replace swaps whole files, so a reader never sees half a write and needs no lock.
        matches = [record for record in map(_decode, self._read()) if _matches(record, filters)]
        matches.sort(key=lambda record: (record["received_at"], record["id"]), reverse=True)
        start = (page - 1) * per_page
        return matches[start : start + per_page], len(matches)

    def count(self, filters: dict) -> int:
        return sum(1 for record in map(_decode, self._read()) if _matches(record, filters))

    def list_inbox(self, inbox: Inbox, filters: dict, page: int, per_page: int) -> tuple[list[dict], int]:
        groups: dict[str, list[dict]] = {}
        for record in map(_decode, self._read()):
            if inbox.holds(record):
                groups.setdefault(group_key(record), []).append(record)
        entries = [_entry(group) for group in groups.values()]
        unread = filters.get("unread")
        matches = [
            entry
            for entry, group in zip(entries, groups.values(), strict=True)
            if _matches(entry, {name: value for name, value in filters.items() if name != "unread"})
            and (unread is None or any(record["read_at"] is None for record in group) == unread)
        ]
        matches.sort(key=lambda record: (record["received_at"], record["id"]), reverse=True)
        start = (page - 1) * per_page
        return matches[start : start + per_page], len(matches)

    def count_unread_entries(self, inbox: Inbox) -> int:
        records = map(_decode, self._read())
        return len({group_key(r) for r in records if inbox.holds(r) and r["read_at"] is None})

    def mark_read(self, record_id: int, inbox: Inbox, now: dt.datetime) -> dict | None:
        with self._exclusive():
            records = self._read()
            theirs = [stored for stored in records if inbox.holds(stored)]
            target = next((stored for stored in theirs if stored.get("id") == record_id), None)
            if target is None:
                return None
            key = group_key(_decode(target))
            # The first read is kept.
            unread = [s for s in theirs if s.get("read_at") is None and group_key(_decode(s)) == key]
            for stored in unread:
                stored["read_at"] = now.isoformat()
            if unread:
                self._write(records)
            return _decode(target)

    def mark_all_read(self, inbox: Inbox, now: dt.datetime) -> int:
        with self._exclusive():
            records = self._read()
            unread = [stored for stored in records if inbox.holds(stored) and stored.get("read_at") is None]
            for stored in unread:
                stored["read_at"] = now.isoformat()
            if unread:
                self._write(records)
        return len(unread)

    def list_bookings(self, facilitator_id: int, filters: dict, page: int, per_page: int) -> tuple[list[dict], int]:
        latest: dict[int, dict] = {}
        booked: dict[int, dt.datetime] = {}
        for record in map(_decode, self._read()):
            booking_id = record["booking_id"]
            if record["facilitator_id"] != facilitator_id or booking_id is None or record["type"] not in BOOKING_TYPES:
                continue
            if booking_id not in latest or _recency(record) > _recency(latest[booking_id]):
                latest[booking_id] = record
            if record["type"] == BOOKING_CREATED:
                at = happened_at(record)
                booked[booking_id] = min(booked.get(booking_id, at), at)
        states = [
            dict(
                record,
                status=booking_status(record["type"]),
                updated_at=happened_at(record),
                booked_at=booked.get(booking_id),
            )
            for booking_id, record in latest.items()
        ]
        matches = [
            state
            for state in states
            if all(state[name] == filters[name] for name in BOOKING_FILTERS if name in filters)
        ]
        matches.sort(key=lambda state: (state["updated_at"], state["booking_id"]), reverse=True)
        start = (page - 1) * per_page
        return matches[start : start + per_page], len(matches)

    def get_by_notification_id(self, notification_id: str) -> dict | None:
        for stored in self._read():
            if stored.get("notification_id") == notification_id:
                return _decode(stored)
        return None

    def prune(self, older_than: dt.datetime, batch_size: int) -> int:
        with self._exclusive():
            records = self._read()
            old = sorted(
                (i for i, r in enumerate(records) if _decode(r)["received_at"] < older_than),
                key=lambda i: _decode(records[i])["received_at"],
            )[:batch_size]
            if old:
                gone = set(old)
                self._write([record for i, record in enumerate(records) if i not in gone])
        return len(old)

    def check(self) -> None:
        directory = os.path.dirname(self.path)
        if not os.access(directory, os.W_OK):
            raise StoreUnavailable(f"directory not writable: {directory}")
        self._read()

    @contextlib.contextmanager
    def _exclusive(self):
        """Hold the thread lock and an flock on the side file (the data file itself gets replaced)."""
        with self._thread_lock:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(self.lock_path, "a") as lock_file:
                fcntl.flock(lock_file, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(lock_file, fcntl.LOCK_UN)

    def _read(self) -> list[dict]:
        """The stored list; a missing file is an empty store."""
        try:
            with open(self.path, encoding="utf-8") as file:
                records = json.load(file)
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise StoreUnavailable(f"cannot read {self.path}: {type(exc).__name__}") from exc
        if not isinstance(records, list):
            raise StoreUnavailable(f"{self.path} does not hold a JSON list")
        return records

    def _write(self, records: list[dict]) -> None:
        """Write a temp file in the same directory, fsync it, then swap it in with os.replace."""
        directory = os.path.dirname(self.path)
        fd, tmp_path = tempfile.mkstemp(prefix=".notifications-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(records, file, ensure_ascii=False, indent=1)
                file.flush()
                os.fsync(file.fileno())
            os.replace(tmp_path, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_path)
            raise
        _fsync_directory(directory)


def _fsync_directory(directory: str) -> None:
    """Make the rename itself durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _matches(record: dict, filters: dict) -> bool:
    """The same filter semantics as the SQL store."""
    if any(record.get(name) != filters[name] for name in EQUALITY_FILTERS if name in filters):
        return False
    if "since" in filters and record["received_at"] < filters["since"]:
        return False
    if "until" in filters and record["received_at"] >= filters["until"]:
        return False
    return "unread" not in filters or (record["read_at"] is None) == filters["unread"]


def _entry(group: list[dict]) -> dict:
    """A group's inbox entry (see NotificationStore.list_inbox)."""
    members = [record for record in group if record["batch_id"] is not None]
    head = next((record for record in group if record["batch_id"] is None), None)
    if head is None:
        head = max(members, key=lambda record: record["id"])
    return dict(
        head,
        members=len(members),
        members_unread=sum(1 for record in members if record["read_at"] is None),
    )


def _recency(record: dict) -> tuple:
    """The order of a booking's notifications: the same as the SQL store's window."""
    return happened_at(record), record["received_at"], record["id"]


def _encode(record: dict) -> dict:
    """Datetimes as ISO 8601 strings with offset."""
    return {
        key: value.isoformat() if key in TIME_FIELDS and value is not None else value for key, value in record.items()
    }


def _decode(stored: dict) -> dict:
    """A stored record with its times as aware UTC datetimes again."""
    record = {key: stored.get(key) for key in RECORD_FIELDS}
    for key in TIME_FIELDS:
        if record[key] is not None:
            record[key] = dt.datetime.fromisoformat(record[key]).astimezone(dt.UTC)
    return record
