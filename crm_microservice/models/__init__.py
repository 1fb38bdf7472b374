"""Database tables of the CRM."""

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime

from ..extensions import db
from .clients import Client, ClientBooking, ClientMoney, ClientNote, ClientPass, ClientTag, Segment

# The keys of a notification record, as every store takes and returns it.
RECORD_FIELDS = (
    "id",
    "notification_id",
    "type",
    "source_format",
    "booking_id",
    "session_id",
    "facilitator_id",
    "studio_id",
    "user_id",
    "user_name",
    "user_email",
    "event_id",
    "event_title",
    "event_start",
    "message",
    "data",
    "occurred_at",
    "received_at",
    "read_at",
    "batch_id",
)


class Notification(db.Model):
    """One notification received on /notify, normalised from whichever shape it came in."""

    __tablename__ = "crm_notifications"
    # A client's timeline: the notifications about one person at one studio, newest first.
    __table_args__ = (
        sa.Index("ix_crm_notifications_studio_id_user_id_received_at", "studio_id", "user_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[str] = mapped_column(sa.String(64), unique=True, nullable=False)
    type: Mapped[str] = mapped_column(sa.String(64), nullable=False, index=True)
    source_format: Mapped[str] = mapped_column(sa.String(16), nullable=False)
    booking_id: Mapped[int | None] = mapped_column(sa.Integer, index=True)
    session_id: Mapped[int | None] = mapped_column(sa.Integer)
    facilitator_id: Mapped[int | None] = mapped_column(sa.Integer, index=True)
    studio_id: Mapped[int | None] = mapped_column(sa.Integer, index=True)  # the studio whose event or pass it is
    user_id: Mapped[int | None] = mapped_column(sa.Integer)
    user_name: Mapped[str | None] = mapped_column(sa.String(500))
    user_email: Mapped[str | None] = mapped_column(sa.String(320))
    event_id: Mapped[int | None] = mapped_column(sa.Integer)
    event_title: Mapped[str | None] = mapped_column(sa.String(500))
    event_start: Mapped[str | None] = mapped_column(sa.String(64))
    message: Mapped[str | None] = mapped_column(sa.Text)
    data: Mapped[dict | None] = mapped_column(sa.JSON)
    occurred_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False, index=True)
    # When the facilitator first opened it in their inbox; NULL = unread.
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # A member of a batch (one action touching many bookings): the notification_id of the batch's summary,
    # which stands for the whole batch in the facilitator's inbox. NULL = not a member.
    batch_id: Mapped[str | None] = mapped_column(sa.String(64), index=True)

    def to_record(self) -> dict:
        """The row as the plain record dict the stores exchange."""
        return {name: getattr(self, name) for name in RECORD_FIELDS}


__all__ = [
    "RECORD_FIELDS",
    "Client",
    "ClientBooking",
    "ClientMoney",
    "ClientNote",
    "ClientPass",
    "ClientTag",
    "Notification",
    "Segment",
]
