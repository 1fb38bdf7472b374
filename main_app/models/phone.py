"""Phone numbers as texts see them: a number's own opt-out (STOP), whichever accounts give it, and the one-time
codes that prove an account's number is its own before any text goes to it."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db


class SmsNumber(db.Model):
    """One number (E.164) a code was asked for or that replied, with its opt-out: a STOP belongs to the number, not to
    an account, so an account that types the number later gets no texts either. Its row is what code requests for
    the number lock."""

    __tablename__ = "sms_numbers"

    number: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    # When the number replied STOP; None after a START (or before any STOP).
    opted_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PhoneVerification(db.Model):
    """One code texted to an account's number. The code itself is never stored: it is derived from nonce with
    SECRET_KEY (services/texts/codes.py), so neither this row nor the text's outbox row reveals it."""

    __tablename__ = "phone_verifications"
    __table_args__ = (
        # The counts that limit how many codes go to one account and to one number (over the last day).
        sa.Index("ix_phone_verifications_user_id_created_at", "user_id", "created_at"),
        sa.Index("ix_phone_verifications_phone_created_at", "phone", "created_at"),
        sa.CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        # The id is in the text's outbox payload: never reused, on SQLite too.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    phone: Mapped[str] = mapped_column(sa.String(16))
    nonce: Mapped[str] = mapped_column(sa.String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Wrong codes typed against this one; at PHONE_CODE_ATTEMPTS it is spent.
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    # When it proved the number (a used code works once).
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
