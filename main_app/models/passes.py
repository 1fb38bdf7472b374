"""Passes a facilitator sells: class packs (a number of credits, valid a number of days) and memberships (a period,
renewed, with or without a weekly limit), for all their events or some of them."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime, utcnow

from ..extensions import db

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
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.String(1000), default="", server_default="")
    kind: Mapped[str] = mapped_column(sa.String(20))
    credits: Mapped[int | None]  # a pack's classes
    valid_days: Mapped[int | None]  # a pack's life from its purchase
    period: Mapped[str | None] = mapped_column(sa.String(10))  # a membership's billing period
    sessions_per_week: Mapped[int | None]  # a membership's weekly limit; None: unlimited
    price: Mapped[int]  # minor units of currency, per pack or per period
    currency: Mapped[str] = mapped_column(sa.String(3))
    # Only for people who have never booked with this facilitator nor bought one of their passes (an intro offer).
    new_customers_only: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    status: Mapped[str] = mapped_column(sa.String(20), default=PRODUCT_ON_SALE, server_default=PRODUCT_ON_SALE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
