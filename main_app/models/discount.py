"""Discount codes a facilitator hands out, and each use of one: held while its booking or pass is paid for, redeemed
once paid (or at once when nothing is left to pay), returned when the hold ends unpaid."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

APPLIES_BOOKINGS, APPLIES_PASSES, APPLIES_BOTH = "bookings", "passes", "both"
CODE_APPLIES = (APPLIES_BOOKINGS, APPLIES_PASSES, APPLIES_BOTH)
CODE_ACTIVE, CODE_RETIRED = "active", "retired"
USE_HELD, USE_REDEEMED, USE_RETURNED = "held", "redeemed", "returned"


class DiscountCode(db.Model):
    """A code, unique per studio whatever its case: a percentage or an amount off, with limits on its uses."""

    __tablename__ = "discount_codes"
    __table_args__ = (
        sa.UniqueConstraint("studio_id", "code"),
        sa.Index("ix_discount_codes_facilitator_id", "facilitator_id"),  # who made it: found by index
        sa.CheckConstraint("applies_to IN ('bookings', 'passes', 'both')", name="applies_to"),
        sa.CheckConstraint("status IN ('active', 'retired')", name="status"),
        sa.CheckConstraint(
            "(percent_off IS NULL) <> (amount_off IS NULL)"
            " AND (percent_off IS NULL OR (percent_off >= 1 AND percent_off <= 100))"
            " AND (amount_off IS NULL OR amount_off >= 1)",
            name="discount",
        ),
        # The last guard of a limited code: a use beyond max_uses can never be written.
        sa.CheckConstraint("uses >= 0 AND (max_uses IS NULL OR uses <= max_uses)", name="uses"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))  # who made it
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id"))  # whose it is
    code: Mapped[str] = mapped_column(sa.String(40))  # upper case: codes are case-insensitive
    percent_off: Mapped[int | None]
    amount_off: Mapped[int | None]  # minor units of currency
    currency: Mapped[str | None] = mapped_column(sa.String(3))  # an amount's currency
    max_uses: Mapped[int | None]
    max_uses_per_person: Mapped[int | None]
    uses: Mapped[int] = mapped_column(default=0, server_default="0")  # held and redeemed
    valid_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    applies_to: Mapped[str] = mapped_column(sa.String(10), default=APPLIES_BOTH)
    event_ids: Mapped[list | None] = mapped_column(sa.JSON)  # None: every event of its studio
    status: Mapped[str] = mapped_column(sa.String(10), default=CODE_ACTIVE, server_default=CODE_ACTIVE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CodeUse(db.Model):
    """One use of a code, by one person, for one booking or one pass: what it took off."""

    __tablename__ = "code_uses"
    __table_args__ = (
        sa.CheckConstraint("status IN ('held', 'redeemed', 'returned')", name="status"),
        sa.CheckConstraint("(booking_id IS NULL) <> (pass_id IS NULL)", name="for_one"),
        sa.Index("ix_code_uses_code_id_user_id", "code_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code_id: Mapped[int] = mapped_column(sa.ForeignKey("discount_codes.id"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    booking_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bookings.id"), index=True)
    pass_id: Mapped[int | None] = mapped_column(sa.ForeignKey("passes.id"), index=True)
    amount_off: Mapped[int]
    currency: Mapped[str] = mapped_column(sa.String(3))
    status: Mapped[str] = mapped_column(sa.String(10), default=USE_HELD)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
