"""WhatsApp as the people and the studios see it: each person's consent and its history, a number's own STOP, the
time a number last wrote to a business number (the 24-hour window), and a studio's own WhatsApp Business number."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db


class WhatsappConsent(db.Model):
    """One change of a person's WhatsApp consent, never changed nor overwritten: the newest row is what holds. An
    opt-in keeps the exact words the person was shown, in the language shown, and the number it is for."""

    __tablename__ = "whatsapp_consents"
    __table_args__ = (
        sa.Index("ix_whatsapp_consents_user_id_id", "user_id", "id"),
        sa.CheckConstraint("source IN ('booking', 'account', 'desk')", name="source"),
        sa.CheckConstraint("NOT opted_in OR wording IS NOT NULL", name="opt_in_has_wording"),
        # Its id orders a person's history: never reused, on SQLite too.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    # The number (E.164) the consent is for: a consent given for one number says nothing of the next.
    number: Mapped[str] = mapped_column(sa.String(16))
    opted_in: Mapped[bool]
    # Where it was given or withdrawn: booking a class, the account page, or the studio's front desk.
    source: Mapped[str] = mapped_column(sa.String(16))
    wording: Mapped[str | None] = mapped_column(sa.Text)
    language: Mapped[str | None] = mapped_column(sa.String(8))
    # At a studio's desk or booking: which studio, and the member of staff who recorded it at the desk.
    studio_id: Mapped[int | None] = mapped_column(sa.ForeignKey("studios.id", ondelete="SET NULL"), index=True)
    recorded_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WhatsappNumber(db.Model):
    """A number's STOP on WhatsApp: it belongs to the number, not to an account, so no account that gives the number
    gets a WhatsApp message until the number sends START."""

    __tablename__ = "whatsapp_numbers"

    number: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    # When the number sent STOP; None after a START.
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WhatsappNumberChange(db.Model):
    """One STOP or START a number sent that changed its state, kept as the record of what it asked and when."""

    __tablename__ = "whatsapp_number_changes"
    __table_args__ = (sa.Index("ix_whatsapp_number_changes_number_id", "number", "id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(sa.String(16))
    stopped: Mapped[bool]
    # What the number wrote (its first characters), and to which business number.
    word: Mapped[str] = mapped_column(sa.String(40))
    business_number_id: Mapped[str] = mapped_column(sa.String(32))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WhatsappWindow(db.Model):
    """When a number last wrote to one business number: free-form messages may go back for 24 hours after it."""

    __tablename__ = "whatsapp_windows"

    number: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    business_number_id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    last_inbound_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StudioWhatsapp(db.Model):
    """A studio's own WhatsApp Business number: its ids as Meta gives them, and its secrets (access token, app secret,
    webhook verify token) sealed with Fernet (services/chats), shown never again but by a hint."""

    __tablename__ = "studio_whatsapp"

    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"), primary_key=True)
    # One studio per number: a webhook names the number, and the number names the studio.
    phone_number_id: Mapped[str] = mapped_column(sa.String(32), unique=True)
    business_account_id: Mapped[str] = mapped_column(sa.String(32))
    secrets: Mapped[str] = mapped_column(sa.Text)
    secrets_hint: Mapped[str] = mapped_column(sa.String(40))
    set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WhatsappWebhook(db.Model):
    """A message or status a WhatsApp webhook carried, already applied: Meta delivers a webhook again until it is
    answered, and the same one again changes nothing. Kept WEBHOOK_RETENTION (services/accounts), then deleted."""

    __tablename__ = "whatsapp_webhooks"
    __table_args__ = (sa.UniqueConstraint("business_number_id", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    business_number_id: Mapped[str] = mapped_column(sa.String(32))
    # "message:<wamid>", or "status:<wamid>:<status>" (one message has a status of each kind): Meta's ids, no person's.
    event_id: Mapped[str] = mapped_column(sa.String(255))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


# What a WhatsApp message is priced as: a template's category at Meta, or a free-form reply inside the window.
WHATSAPP_CATEGORIES = ("utility", "marketing", "service")


class WhatsappUsage(db.Model):
    """A studio's WhatsApp messages sent in a month (on the studio's calendar), by what they are priced as, and how
    many of those Meta said were not billable: kept beside the sends, as outbox rows are pruned."""

    __tablename__ = "whatsapp_usage"
    __table_args__ = (
        sa.CheckConstraint(f"category IN ({', '.join(repr(c) for c in WHATSAPP_CATEGORIES)})", name="category"),
    )

    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"), primary_key=True)
    month: Mapped[date] = mapped_column(sa.Date, primary_key=True)  # its first day
    category: Mapped[str] = mapped_column(sa.String(9), primary_key=True)
    sent: Mapped[int] = mapped_column(default=0)
    # Of those, the ones whose status said billable false (a utility template inside an open window, a reply).
    not_billable: Mapped[int] = mapped_column(default=0)
