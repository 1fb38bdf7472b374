"""Studios (or retreat centres) as teams: the studio, its members and their roles, invitations to join it, and its
append-only audit log."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

MEMBER_OWNER, MEMBER_MANAGER, MEMBER_INSTRUCTOR, MEMBER_FRONT_DESK = "owner", "manager", "instructor", "front_desk"
MEMBER_ROLES = (MEMBER_OWNER, MEMBER_MANAGER, MEMBER_INSTRUCTOR, MEMBER_FRONT_DESK)
MEMBER_ROLE_CHECK = "role IN ('owner', 'manager', 'instructor', 'front_desk')"


class Studio(db.Model):
    """A studio: its name, the slug of its URLs, where it is and what money it takes; its row is what changes to its
    members lock, so two of them never leave it without an owner."""

    __tablename__ = "studios"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    slug: Mapped[str] = mapped_column(sa.String(64), unique=True)
    timezone: Mapped[str] = mapped_column(sa.String(64))
    currency: Mapped[str] = mapped_column(sa.String(3))
    country: Mapped[str | None] = mapped_column(sa.String(2))  # None: a studio made from a facilitator, not yet said
    contact_email: Mapped[str | None] = mapped_column(sa.String(320))
    contact_phone: Mapped[str | None] = mapped_column(sa.String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When its owner closed it: it is then gone from every page and staff route, while its row (and so its slug) and
    # its clients' bookings, passes and payments stay.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Its own payment provider account (null: the install's PAYMENT_PROVIDER and keys). The keys are one Fernet token
    # (services.payments.accounts), never shown again; the hint (the key id's ends) says which keys are set.
    payment_provider: Mapped[str | None] = mapped_column(sa.String(20))
    payment_keys: Mapped[str | None] = mapped_column(sa.Text)
    payment_keys_hint: Mapped[str | None] = mapped_column(sa.String(80))
    payment_keys_set_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The sites allowed to frame its booking widget, as CSP's frame-ancestors lists them: origins, space-separated.
    embed_origins: Mapped[str | None] = mapped_column(sa.Text)
    # The language (en, hi, mr) of its public page and widget, and of messages to people who chose none.
    default_language: Mapped[str] = mapped_column(sa.String(8), default="en", server_default="en")


PAY_FLAT, PAY_PER_HEAD, PAY_SHARE = "flat", "per_head", "share"
PAY_KINDS = (PAY_FLAT, PAY_PER_HEAD, PAY_SHARE)


class StudioMember(db.Model):
    """One person's place in one studio, with their role (a person may belong to several studios)."""

    __tablename__ = "studio_members"
    __table_args__ = (
        sa.UniqueConstraint("studio_id", "user_id", name="uq_studio_members_studio_id_user_id"),
        sa.CheckConstraint(MEMBER_ROLE_CHECK, name="role"),
        sa.CheckConstraint("pay_kind IS NULL OR pay_kind IN ('flat', 'per_head', 'share')", name="pay_kind"),
        sa.CheckConstraint("pay_share IS NULL OR pay_share BETWEEN 0 AND 10000", name="pay_share"),
        sa.CheckConstraint(
            "pay_minimum IS NULL OR pay_maximum IS NULL OR pay_minimum <= pay_maximum", name="pay_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(sa.String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # What they are paid per class taught (None: no rate set): flat (pay_amount a class), per_head (pay_amount a
    # head, kept between pay_minimum and pay_maximum where set) or share (pay_share basis points of its net revenue).
    pay_kind: Mapped[str | None] = mapped_column(sa.String(10))
    pay_amount: Mapped[int | None] = mapped_column(sa.BigInteger)
    pay_minimum: Mapped[int | None] = mapped_column(sa.BigInteger)
    pay_maximum: Mapped[int | None] = mapped_column(sa.BigInteger)
    pay_share: Mapped[int | None]


class StudioInvitation(db.Model):
    """An emailed invitation to join a studio in a role. Its link is signed over its id and nonce and works once,
    for seven days, for the account with the invited email; revoking it (or a newer one) ends it."""

    __tablename__ = "studio_invitations"
    __table_args__ = (
        sa.CheckConstraint(MEMBER_ROLE_CHECK, name="role"),
        # The count that bounds how many invitations one studio sends a day.
        sa.Index("ix_studio_invitations_studio_id_created_at", "studio_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(sa.String(320))  # lower case
    role: Mapped[str] = mapped_column(sa.String(20))
    invited_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Part of what the link signs: a link is good only for the row whose nonce it carries.
    nonce: Mapped[str] = mapped_column(sa.String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(db.Model):
    """One staff action that changed members, roles, settings, money, seats or attendance: who (and in which role),
    what, on which object, before and after, when, from where. Written in the action's transaction; never changed."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        sa.Index("ix_audit_entries_studio_id_at", "studio_id", "at"),
        sa.Index("ix_audit_entries_studio_id_actor_id_at", "studio_id", "actor_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"))
    # The actor's id as it was: the log outlives the account, so no foreign key.
    actor_id: Mapped[int | None] = mapped_column()
    actor_role: Mapped[str] = mapped_column(sa.String(20))
    action: Mapped[str] = mapped_column(sa.String(60))
    object_type: Mapped[str] = mapped_column(sa.String(40))
    object_id: Mapped[int | None] = mapped_column()
    before: Mapped[dict | None] = mapped_column(sa.JSON)
    after: Mapped[dict | None] = mapped_column(sa.JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    remote_addr: Mapped[str | None] = mapped_column(sa.String(64))
    # The object and the ids of before and after in words, as they read when the entry was written (news.audit_labels):
    # part of what was recorded, so a rename or a removal later leaves the entry's words as they were.
    object_label: Mapped[str | None] = mapped_column(sa.String(300))
    labels: Mapped[dict | None] = mapped_column(sa.JSON)  # {"session_id": {"12": "Morning Flow · 3 Dec 07:00"}}
