"""People who book sessions, and facilitators who run them."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

ROLE_USER = "user"
ROLE_FACILITATOR = "facilitator"
ROLE_ADMIN = "admin"  # operators: delivery status and retries
ROLES = (ROLE_USER, ROLE_FACILITATOR, ROLE_ADMIN)


class User(db.Model):
    """An account; role decides what it may do."""

    __tablename__ = "users"
    __table_args__ = (sa.CheckConstraint("role IN ('user', 'facilitator', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    # Their name in another script, if they gave one (प्रिया शर्मा beside Priya Sharma): the desk and the CRM's client
    # book find them by either. Both are written in Unicode NFC (services/common/names.py).
    other_name: Mapped[str | None] = mapped_column(sa.String(200))
    birthday: Mapped[date | None] = mapped_column(sa.Date)  # if they gave it: a studio's birthday automation reads it
    email: Mapped[str] = mapped_column(sa.String(320), unique=True)
    username: Mapped[str | None] = mapped_column(sa.String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[str] = mapped_column(sa.String(20), default=ROLE_USER)
    # Part of the calendar feed's secret (services/bookings/calendar_feed.py): raising it ends the old feed URL.
    calendar_version: Mapped[int] = mapped_column(default=0)
    # Every token carries the generation it was issued in (claim "gen"); raising it signs out every session.
    token_generation: Mapped[int] = mapped_column(default=0)
    # Reminder emails before each session; confirmations and cancellations are always sent.
    reminders_enabled: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # A mobile number in E.164 (+919812345678), optional; texts go to it only while sms_enabled is on.
    phone: Mapped[str | None] = mapped_column(sa.String(16))
    sms_enabled: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # When a code texted to phone came back (services/accounts/phone_codes.py); None until then, and again after
    # the number changes: texts go only to a number proved to be this account's.
    phone_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The language they chose (en, hi, mr) for pages, emails and texts; None: their browser's, else their studio's.
    language: Mapped[str | None] = mapped_column(sa.String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the person erased the account (services/accounts/erasure.py): the row stays, holding nothing of them.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_facilitator(self) -> bool:
        """True for facilitator accounts."""
        return self.role == ROLE_FACILITATOR


class RevokedToken(db.Model):
    """An access token ended by logging out; kept until it would have expired anyway."""

    __tablename__ = "revoked_tokens"

    jti: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    revoked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
