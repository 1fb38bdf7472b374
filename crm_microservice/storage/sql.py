"""Notification store in the SQL database (SQLite by default, PostgreSQL in production)."""
from __future__ import annotations  # the stores' `list` method shadows the builtin in annotations

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..extensions import db
from ..models import Notification
from .base import EQUALITY_FILTERS, NotificationStore, StoreUnavailable


class SqlNotificationStore(NotificationStore):
    """Exactly-once storage rests on the UNIQUE constraint of notification_id, not on a prior read."""

    name = "sqlite"

    def add(self, record: dict) -> tuple[dict, bool]:
        existing = self.get_by_notification_id(record["notification_id"])
        if existing is not None:
            return existing, False
        row = Notification(**{key: value for key, value in record.items() if key != "id"})
        db.session.add(row)
        try:
            db.session.commit()
        except IntegrityError:
            # Another request stored the same id between our read and our insert: theirs wins.
            db.session.rollback()
            existing = self.get_by_notification_id(record["notification_id"])
            if existing is None:
                raise
            return existing, False
        return row.to_record(), True

    def list(self, filters: dict, page: int, per_page: int) -> tuple[list[dict], int]:
        conditions = [getattr(Notification, name) == filters[name] for name in EQUALITY_FILTERS if name in filters]
        if "since" in filters:
            conditions.append(Notification.received_at >= filters["since"])
        if "until" in filters:
            conditions.append(Notification.received_at < filters["until"])
        total = db.session.scalar(sa.select(sa.func.count(Notification.id)).where(*conditions))
        rows = db.session.scalars(
            sa.select(Notification)
            .where(*conditions)
            .order_by(Notification.received_at.desc(), Notification.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
        return [row.to_record() for row in rows], total

    def get_by_notification_id(self, notification_id: str) -> dict | None:
        row = db.session.scalar(sa.select(Notification).where(Notification.notification_id == notification_id))
        return row.to_record() if row is not None else None

    def check(self) -> None:
        try:
            db.session.execute(sa.select(Notification.id).limit(1))  # the table exists and answers
        except SQLAlchemyError as exc:
            db.session.rollback()
            raise StoreUnavailable(type(exc).__name__) from exc
