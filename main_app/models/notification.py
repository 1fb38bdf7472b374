"""A person's in-app notifications: what they were told by email or text, kept for their notification centre."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db


class Notification(db.Model):
    """One notice in one person's notification centre, unread until they read it."""

    __tablename__ = "notifications"
    __table_args__ = (
        # The outbox message that brought it: a lane that delivers twice still writes it once.
        sa.UniqueConstraint("message_id"),
        # The centre's page (unread first, newest first) and the unread count the live stream watches.
        sa.Index("ix_notifications_user_read", "user_id", "read_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    message_id: Mapped[str] = mapped_column(sa.String(32))
    kind: Mapped[str] = mapped_column(sa.String(64))
    title: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.String(1000))
    link: Mapped[str] = mapped_column(sa.String(300))
    booking_id: Mapped[int | None]
    session_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
