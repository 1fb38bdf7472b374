"""Emails to addresses a booker typed (their guests'): each one written is a row, so the limits per booker and per
address are counted in the database by every worker; and the addresses whose owners asked for no more."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

# Why a guest's email was not written (BookingGuest.email_withheld).
WITHHELD_LIMIT, WITHHELD_UNSUBSCRIBED = "limit", "unsubscribed"


class GuestEmail(db.Model):
    """One email written to a guest's address (lower case) on a booker's booking; kept a day, for the limits."""

    __tablename__ = "guest_emails"
    __table_args__ = (
        sa.Index("ix_guest_emails_booker_id_sent_at", "booker_id", "sent_at"),
        sa.Index("ix_guest_emails_address_sent_at", "address", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booker_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    address: Mapped[str] = mapped_column(sa.String(254))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EmailSuppression(db.Model):
    """An address (lower case) whose owner clicked a guest email's unsubscribe link: no guest email goes to it."""

    __tablename__ = "email_suppressions"

    address: Mapped[str] = mapped_column(sa.String(254), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
