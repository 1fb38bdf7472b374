"""The client book's tables: each studio's clients, the facts about them the notifications bring, staff notes and
tags. Rows keyed by the main API's ids (studio, user, booking, pass) so that /notify writes them without a read."""

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime

from ..extensions import db

NEVER_REUSED = {"sqlite_autoincrement": True}  # an id never comes back after a delete (migration c4e8b2a6d913)
# A name's sort key, compared by code point on both databases: SQLite's default (BINARY) does; PostgreSQL's column
# takes the "C" collation, as its default follows the database's locale.
NAME_KEY = sa.String(500).with_variant(sa.String(500, collation="C"), "postgresql")


class Client(db.Model):
    """One person as a studio knows them: an account (user_id), a guest with an email and no account (guest_email),
    or a child on an account's family (dependent_id, the main API's; no email, phone or consent of their own).

    The figures are the projection of the notifications, kept in the transaction that stores each one."""

    __tablename__ = "crm_clients"
    __table_args__ = (
        sa.UniqueConstraint("studio_id", "user_id", name="uq_crm_clients_studio_id_user_id"),
        sa.UniqueConstraint("studio_id", "guest_email", name="uq_crm_clients_studio_id_guest_email"),
        sa.Index("uq_crm_clients_studio_id_dependent_id", "studio_id", "dependent_id", unique=True),  # a child's row
        sa.Index("ix_crm_clients_studio_id_family_id", "studio_id", "family_id"),  # a family's guardians and children
        # The list's default order and the segments' date filters (no visit in N days, first visit this month).
        sa.Index("ix_crm_clients_studio_id_last_visit_at", "studio_id", "last_visit_at"),
        sa.Index("ix_crm_clients_studio_id_first_visit_at", "studio_id", "first_visit_at"),
        sa.Index("ix_crm_clients_studio_id_last_seen_at", "studio_id", "last_seen_at"),
        sa.Index("ix_crm_clients_studio_id_name_key", "studio_id", "name_key"),  # the list by name
        # Exact look-ups by email or phone. Typo-tolerant search has its own, made by migration e1f9a3c7b5d2 only
        # (each dialect's kind, which the model cannot state): GIN trigram indexes on PostgreSQL, an FTS5 table on
        # SQLite.
        sa.Index("ix_crm_clients_studio_id_email", "studio_id", "email"),
        sa.Index("ix_crm_clients_studio_id_phone", "studio_id", "phone"),
        sa.Index("ix_crm_clients_merged_into_id", "merged_into_id"),
        sa.Index("ix_crm_clients_studio_id_marketing_consent", "studio_id", "marketing_consent"),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    user_id: Mapped[int | None] = mapped_column(sa.Integer)
    guest_email: Mapped[str | None] = mapped_column(sa.String(320))  # lower-cased; only for a guest without account
    # A child: the main API's dependent; kept once they came of age (user_id then set), as their history's key.
    dependent_id: Mapped[int | None] = mapped_column(sa.Integer)
    # The main API's family: of a child, theirs; of an account, the family whose child's seat they booked here.
    family_id: Mapped[int | None] = mapped_column(sa.Integer)
    name: Mapped[str | None] = mapped_column(sa.String(500))
    # The name in another script the person gave beside name (प्रिया शर्मा beside Priya Sharma): searched as name is.
    other_name: Mapped[str | None] = mapped_column(sa.String(500))
    # What the list sorts name by (services/clients/names.py), written with name by every writer of it.
    name_key: Mapped[str | None] = mapped_column(NAME_KEY)
    email: Mapped[str | None] = mapped_column(sa.String(320))
    phone: Mapped[str | None] = mapped_column(sa.String(32))
    phone_digits: Mapped[str | None] = mapped_column(sa.String(32))  # the phone's digits alone, as search reads it
    first_seen_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    first_visit_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_visit_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    bookings: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0, server_default="0")
    visits: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0, server_default="0")
    no_shows: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0, server_default="0")
    late_cancels: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0, server_default="0")
    feedback_given: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0, server_default="0")
    guest_bookings: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0, server_default="0")
    # Marketing consent: None (never asked), True or False, with when, how and which member of staff recorded it.
    marketing_consent: Mapped[bool | None] = mapped_column(sa.Boolean)
    consent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    consent_how: Mapped[str | None] = mapped_column(sa.String(200))
    consent_by: Mapped[int | None] = mapped_column(sa.Integer)
    # A client merged into another (the same person): its rows stay and are read as the other's until unmerged.
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("crm_clients.id"))
    merged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ClientBooking(db.Model):
    """A booking of a client's as the notifications left it: its state, attendance and feedback."""

    __tablename__ = "crm_client_bookings"
    __table_args__ = (
        sa.UniqueConstraint("studio_id", "booking_id", name="uq_crm_client_bookings_studio_id_booking_id"),
        sa.Index("ix_crm_client_bookings_studio_id_user_id_starts_at", "studio_id", "user_id", "starts_at"),
        # An instructor's clients: the people booked into the sessions they teach.
        sa.Index("ix_crm_client_bookings_studio_id_instructor_id_user_id", "studio_id", "instructor_id", "user_id"),
        # Segments by attendance over a period (no-shows >= 2 in 60 days).
        sa.Index("ix_crm_client_bookings_studio_id_attendance_starts_at", "studio_id", "attendance", "starts_at"),
        # A session moved or handed to another instructor: its bookings.
        sa.Index("ix_crm_client_bookings_studio_id_session_id", "studio_id", "session_id"),
        sa.Index("ix_crm_client_bookings_studio_id_dependent_id", "studio_id", "dependent_id"),  # a child's
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    booking_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    user_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)  # the booker
    dependent_id: Mapped[int | None] = mapped_column(
        sa.Integer
    )  # the child the seat is for: their figures, not the booker's
    session_id: Mapped[int | None] = mapped_column(sa.Integer)
    event_id: Mapped[int | None] = mapped_column(sa.Integer)
    instructor_id: Mapped[int | None] = mapped_column(sa.Integer)
    starts_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # When the session's time and instructor above were told (a booking's message or session_updated): an older
    # message arriving later leaves them.
    session_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str | None] = mapped_column(sa.String(32))  # the booking's, as of status_at; None: not heard yet
    status_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    late_cancel: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False, server_default=sa.false())
    seats_in: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0, server_default="0")  # checked in
    attendance: Mapped[str | None] = mapped_column(sa.String(16))  # marked at the close or corrected
    rating: Mapped[int | None] = mapped_column(sa.Integer)  # the booker's own feedback


class ClientPass(db.Model):
    """A pass of a client's (a pack or a membership) as its last notification left it."""

    __tablename__ = "crm_client_passes"
    __table_args__ = (
        sa.UniqueConstraint("studio_id", "pass_id", name="uq_crm_client_passes_studio_id_pass_id"),
        sa.Index("ix_crm_client_passes_studio_id_user_id", "studio_id", "user_id"),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    pass_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    user_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    name: Mapped[str | None] = mapped_column(sa.String(500))
    kind: Mapped[str | None] = mapped_column(sa.String(32))
    credits_left: Mapped[int | None] = mapped_column(sa.Integer)
    valid_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(sa.String(16), nullable=False, default="active", server_default="active")
    changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ClientMoney(db.Model):
    """A client's lifetime spend and refunds at a studio in one currency, in minor units."""

    __tablename__ = "crm_client_money"
    __table_args__ = (
        sa.UniqueConstraint("studio_id", "user_id", "currency", name="uq_crm_client_money_studio_id_user_id_currency"),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    user_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    currency: Mapped[str] = mapped_column(sa.String(3), nullable=False)
    spent: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0, server_default="0")
    refunded: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, default=0, server_default="0")


class ClientNote(db.Model):
    """A staff member's note on a client: editable by its author for a day, then kept as written."""

    __tablename__ = "crm_client_notes"
    __table_args__ = (sa.Index("ix_crm_client_notes_client_id_created_at", "client_id", "created_at"), NEVER_REUSED)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(sa.ForeignKey("crm_clients.id"), nullable=False)
    author_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    author_name: Mapped[str | None] = mapped_column(sa.String(500))
    text: Mapped[str] = mapped_column(sa.Text, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    edited_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ClientTag(db.Model):
    """A tag on a client; (studio_id, tag) finds a tag's clients (segments by tag)."""

    __tablename__ = "crm_client_tags"
    __table_args__ = (
        sa.UniqueConstraint("client_id", "tag", name="uq_crm_client_tags_client_id_tag"),
        sa.Index("ix_crm_client_tags_studio_id_tag", "studio_id", "tag"),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(sa.ForeignKey("crm_clients.id"), nullable=False)
    studio_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    tag: Mapped[str] = mapped_column(sa.String(64), nullable=False)


class Segment(db.Model):
    """A studio's saved filter of its clients (segments.py reads filters; the schema checked them on the way in)."""

    __tablename__ = "crm_segments"
    __table_args__ = (sa.Index("ix_crm_segments_studio_id_name", "studio_id", "name"), NEVER_REUSED)

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    name: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    filters: Mapped[dict] = mapped_column(sa.JSON, nullable=False)
    created_by: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, nullable=False)
