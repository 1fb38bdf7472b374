"""Families: the accounts that share guardianship (one family per account) and the children on them, who have no
login of their own; a guardian books, pays and cancels for a child, the booking's user being the guardian."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

GUARDIAN_PRIMARY, GUARDIAN_SECOND = "primary", "second"


class Family(db.Model):
    """A family: its guardians (FamilyGuardian) and its children (Dependent)."""

    __tablename__ = "families"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FamilyGuardian(db.Model):
    """An account that is a guardian of a family: the one who made it (primary) or one invited to it (second)."""

    __tablename__ = "family_guardians"
    __table_args__ = (
        sa.CheckConstraint("role IN ('primary', 'second')", name="role"),
        sa.Index(  # a family has one second guardian at most (invitations accepted at once)
            "uq_family_guardians_one_second",
            "family_id",
            unique=True,
            sqlite_where=sa.text("role = 'second'"),
            postgresql_where=sa.text("role = 'second'"),
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(sa.ForeignKey("families.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), unique=True)  # one family per account
    role: Mapped[str] = mapped_column(sa.String(10))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Dependent(db.Model):
    """A child on a family, with the consent its guardian gave to keep the child's data (India's DPDP Act): the
    wording's version and SHA-256, who agreed, when and from where. Erased, the row stays holding nothing of them."""

    __tablename__ = "dependents"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(sa.ForeignKey("families.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))  # in Unicode NFC, as users' names (services/common/names.py)
    date_of_birth: Mapped[date | None] = mapped_column(sa.Date)  # None once erased
    notes_for_teacher: Mapped[str | None] = mapped_column(sa.String(500))
    consent_version: Mapped[str] = mapped_column(sa.String(20))
    consent_wording_sha256: Mapped[str] = mapped_column(sa.String(64))
    consented_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    consent_ip: Mapped[str | None] = mapped_column(sa.String(64))
    consent_user_agent: Mapped[str | None] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Come of age and given a login of their own: the account their bookings and places in line went to.
    grown_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
