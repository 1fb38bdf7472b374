"""Passes a facilitator sells: class packs (a number of credits, valid a number of days) and memberships (a period,
renewed, with or without a weekly limit), for all their events or some of them."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db
from .user import User

PASS_PACK, PASS_MEMBERSHIP = "pack", "membership"
PASS_KINDS = (PASS_PACK, PASS_MEMBERSHIP)
PERIOD_MONTH, PERIOD_YEAR = "month", "year"
PASS_PERIODS = (PERIOD_MONTH, PERIOD_YEAR)
PRODUCT_ON_SALE, PRODUCT_RETIRED = "on_sale", "retired"

# Which events a pass covers: none listed means every event of its facilitator.
pass_product_events = sa.Table(
    "pass_product_events",
    db.metadata,
    sa.Column("product_id", sa.ForeignKey("pass_products.id"), primary_key=True),
    sa.Column("event_id", sa.ForeignKey("events.id"), primary_key=True),
    sa.Index("ix_pass_product_events_event_id", "event_id"),
)


class PassProduct(db.Model):
    """A pass on sale (or retired: no longer sold, while the passes sold of it stay good)."""

    __tablename__ = "pass_products"
    __table_args__ = (
        sa.CheckConstraint("kind IN ('pack', 'membership')", name="kind"),
        sa.CheckConstraint("status IN ('on_sale', 'retired')", name="status"),
        sa.CheckConstraint("period IS NULL OR period IN ('month', 'year')", name="period"),
        sa.CheckConstraint("price >= 0", name="price"),
        # A pack has credits and a number of days; a membership a period, and optionally a weekly limit.
        sa.CheckConstraint(
            "(kind = 'pack' AND credits >= 1 AND valid_days >= 1 AND period IS NULL AND sessions_per_week IS NULL)"
            " OR (kind = 'membership' AND period IS NOT NULL AND credits IS NULL AND valid_days IS NULL"
            " AND (sessions_per_week IS NULL OR sessions_per_week >= 1))",
            name="terms",
        ),
        sa.Index("ix_pass_products_facilitator_id_id", "facilitator_id", "id"),
        sa.Index("ix_pass_products_studio_id_id", "studio_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))  # who made it
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id"))  # whose classes it is good for
    name: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.String(1000), default="", server_default="")
    kind: Mapped[str] = mapped_column(sa.String(20))
    credits: Mapped[int | None]  # a pack's classes
    valid_days: Mapped[int | None]  # a pack's life from its purchase
    period: Mapped[str | None] = mapped_column(sa.String(10))  # a membership's billing period
    sessions_per_week: Mapped[int | None]  # a membership's weekly limit; None: unlimited
    # IANA name: the clock of its weeks (Monday to Sunday there). Until studios have one, the first event it covers.
    timezone: Mapped[str] = mapped_column(sa.String(64), default="UTC")
    price: Mapped[int]  # minor units of currency, per pack or per period
    currency: Mapped[str] = mapped_column(sa.String(3))
    # Only for people who have never booked with this facilitator nor bought one of their passes (an intro offer).
    new_customers_only: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Anyone in the buyer's family may book with a pass sold of it (its credits and weekly limit are the family's).
    shareable: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    status: Mapped[str] = mapped_column(sa.String(20), default=PRODUCT_ON_SALE, server_default=PRODUCT_ON_SALE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# A person's pass: bought (pending_payment until its payment succeeds), good to book with while active and within
# its dates; a membership whose renewal failed lapses; a pass whose money went back is refunded.
PASS_PENDING, PASS_ACTIVE, PASS_FAILED, PASS_LAPSED, PASS_REFUNDED = (
    "pending_payment",
    "active",
    "failed",
    "lapsed",
    "refunded",
)
PASS_STATUSES = (PASS_PENDING, PASS_ACTIVE, PASS_FAILED, PASS_LAPSED, PASS_REFUNDED)
# What a ledger row records: the credits a purchase or a renewal gives, a booking spends, a cancellation in time
# returns, a late one forfeits, a place in line holds and gives back; the opening balance a client import brings.
LEDGER_PURCHASE, LEDGER_RENEWAL, LEDGER_SPEND, LEDGER_RETURN = "purchase", "renewal", "spend", "return"
LEDGER_FORFEIT, LEDGER_HOLD, LEDGER_RELEASE, LEDGER_IMPORTED = "forfeit", "hold", "release", "imported"
LEDGER_KINDS = (LEDGER_PURCHASE, LEDGER_RENEWAL, LEDGER_SPEND, LEDGER_RETURN, LEDGER_FORFEIT, LEDGER_HOLD)
LEDGER_KINDS += (LEDGER_RELEASE, LEDGER_IMPORTED)


class Pass(db.Model):
    """A pass a person bought, on the terms of its product at the time (a later edit of the product changes none of
    them). A pack's credits_left is the sum of its ledger; a membership has no credits, only its weekly limit."""

    __tablename__ = "passes"
    __table_args__ = (
        sa.CheckConstraint("status IN ('pending_payment', 'active', 'failed', 'lapsed', 'refunded')", name="status"),
        sa.CheckConstraint("credits_left IS NULL OR credits_left >= 0", name="credits_left"),
        sa.Index("ix_passes_user_id_id", "user_id", "id"),
        sa.Index("ix_passes_facilitator_id_id", "facilitator_id", "id"),
        sa.Index("ix_passes_studio_id_id", "studio_id", "id"),
        sa.Index("ix_passes_import_key", "import_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("pass_products.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    facilitator_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))  # who made it
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id"))  # whose classes it is good for
    name: Mapped[str] = mapped_column(sa.String(120))
    kind: Mapped[str] = mapped_column(sa.String(20))
    status: Mapped[str] = mapped_column(sa.String(20), default=PASS_PENDING)
    credits: Mapped[int | None]  # a pack's classes as bought
    credits_left: Mapped[int | None]
    valid_days: Mapped[int | None]
    period: Mapped[str | None] = mapped_column(sa.String(10))
    sessions_per_week: Mapped[int | None]
    timezone: Mapped[str] = mapped_column(sa.String(64), default="UTC")  # its weeks' clock, the product's when sold
    event_ids: Mapped[list | None] = mapped_column(sa.JSON)  # the events it covers; None: all its facilitator's
    price: Mapped[int]  # what was charged (after a code), per pack or per period
    tax: Mapped[dict | None] = mapped_column(sa.JSON)  # the tax price was quoted with (Payment.tax), for renewals too
    currency: Mapped[str] = mapped_column(sa.String(3))
    valid_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a pack's end, a membership's period end
    renews: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    shareable: Mapped[bool] = mapped_column(default=False, server_default=sa.false())  # its product's, when sold
    # the provider's subscription that renews a membership (Stripe); None: renewed by our payments lane
    subscription_id: Mapped[str | None] = mapped_column(sa.String(255), index=True, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A pass a client import opened: "<studio>:<person>:<product>", unique, so importing it again opens none.
    import_key: Mapped[str | None] = mapped_column(sa.String(80))

    user: Mapped[User] = relationship(lazy="raise", foreign_keys=[user_id])


class PassLedgerEntry(db.Model):
    """One change of a pass's credits, never edited nor removed: credits is signed (+ given, - taken)."""

    __tablename__ = "pass_ledger"
    __table_args__ = (
        sa.CheckConstraint(
            "kind IN ('purchase', 'renewal', 'spend', 'return', 'forfeit', 'hold', 'release', 'imported')",
            name="kind",
        ),
        sa.Index("ix_pass_ledger_pass_id_id", "pass_id", "id"),
        sa.Index("ix_pass_ledger_booking_id", "booking_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pass_id: Mapped[int] = mapped_column(sa.ForeignKey("passes.id"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    credits: Mapped[int]
    booking_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bookings.id"))
    waitlist_entry_id: Mapped[int | None]  # a place in line is removed when it ends: not a foreign key
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
