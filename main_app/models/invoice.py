"""A studio's tax details and its two number series, and the invoices and credit notes issued from them."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.columns import UTCDateTime

from ..extensions import db

INVOICE = "invoice"
# What a payment bought, as a revenue report splits it: a class's seat, a retreat's, a payment plan's deposit or
# instalment, a pack, a membership (and its renewals), or anything paid at the studio's desk.
SALES_KINDS = ("drop_in", "retreat", "plan", "pack", "membership", "desk")
CREDIT_NOTE = "credit_note"
# What a credit note gives back: a payment's own refund (a cancellation's), a staff refund (payment_refunds) or a
# guest seat's refund (booking_guests).
REFUND_OF_PAYMENT, REFUND_BY_STAFF, REFUND_OF_SEAT = "payment", "staff", "seat"


class StudioInvoicing(db.Model):
    """One studio's seller details for its invoices (all optional: without them an invoice is a plain receipt) and
    the next number of each series, taken by one conditional UPDATE that never gives the same number twice."""

    __tablename__ = "studio_invoicing"
    __table_args__ = (
        sa.CheckConstraint("tax_rate >= 0 AND tax_rate <= 10000", name="tax_rate"),
        sa.CheckConstraint("next_invoice > 0 AND next_credit_note > 0", name="next_numbers"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"), unique=True)
    legal_name: Mapped[str | None] = mapped_column(sa.String(200))
    address_lines: Mapped[list | None] = mapped_column(sa.JSON)
    city: Mapped[str | None] = mapped_column(sa.String(100))
    postcode: Mapped[str | None] = mapped_column(sa.String(20))
    state: Mapped[str | None] = mapped_column(sa.String(100))
    state_code: Mapped[str | None] = mapped_column(sa.String(2))  # India's GST state code: the place of supply
    country: Mapped[str | None] = mapped_column(sa.String(2))
    tax_id: Mapped[str | None] = mapped_column(sa.String(20))  # a GSTIN or an EU VAT number
    tax_name: Mapped[str | None] = mapped_column(sa.String(10))  # "GST", "VAT"; None: no tax charged
    tax_rate: Mapped[int] = mapped_column(default=0, server_default="0")  # basis points: 1800 is 18 %
    prices_include_tax: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    service_code: Mapped[str | None] = mapped_column(sa.String(10))  # GST's SAC (999723) on each line
    invoice_prefix: Mapped[str] = mapped_column(sa.String(10), default="INV-", server_default="INV-")
    credit_note_prefix: Mapped[str] = mapped_column(sa.String(10), default="CN-", server_default="CN-")
    next_invoice: Mapped[int] = mapped_column(default=1, server_default="1")
    next_credit_note: Mapped[int] = mapped_column(default=1, server_default="1")
    # Numbers printed by India's financial year (SY/25-26/000123) rather than running on (SY/000123); the counts
    # within a year are kept either way, so a studio may switch at any time and its numbers stay unique.
    financial_year_series: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    invoice_series: Mapped[str | None] = mapped_column(sa.String(5))  # the year next_invoice_in_series counts in
    next_invoice_in_series: Mapped[int] = mapped_column(default=1, server_default="1")
    credit_note_series: Mapped[str | None] = mapped_column(sa.String(5))
    next_credit_note_in_series: Mapped[int] = mapped_column(default=1, server_default="1")


class StudioTaxRate(db.Model):
    """A rate a studio's tax takes from a date on (its time zone's midnight): the latest that has begun is charged on
    a price quoted from then, the settings' own rate before the first. Kept as a list, so a change can be set ahead."""

    __tablename__ = "studio_tax_rates"
    __table_args__ = (
        sa.UniqueConstraint("studio_id", "starts_on"),
        sa.CheckConstraint("rate >= 0 AND rate <= 10000", name="rate"),
        sa.Index("ix_studio_tax_rates_studio_id_starts_at", "studio_id", "starts_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"))
    starts_on: Mapped[date] = mapped_column(sa.Date)  # as the owner gave it
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)  # that day's start on the studio's clock, in UTC
    rate: Mapped[int]  # basis points: 500 is 5 %


class Invoice(db.Model):
    """An invoice for one payment, or a credit note for one refund of it: what it said when issued (seller, tax,
    lines, totals in minor units), never changed or deleted afterwards."""

    __tablename__ = "invoices"
    __table_args__ = (
        sa.UniqueConstraint("studio_id", "kind", "number"),
        sa.UniqueConstraint("refund_kind", "refund_ref"),  # one credit note per refund (nulls for invoices)
        sa.CheckConstraint("kind IN ('invoice', 'credit_note')", name="kind"),
        sa.CheckConstraint("refund_kind IS NULL OR refund_kind IN ('payment', 'staff', 'seat')", name="refund_kind"),
        sa.Index("ix_invoices_studio_id_issued_at", "studio_id", "issued_at"),
        sa.Index("ix_invoices_user_id_id", "user_id", "id"),
        sa.Index("ix_invoices_payment_id", "payment_id"),
        sa.Index("ix_invoices_credits_id", "credits_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    number: Mapped[int]
    formatted_number: Mapped[str] = mapped_column(sa.String(32))
    payment_id: Mapped[int] = mapped_column(sa.ForeignKey("payments.id"))
    refund_kind: Mapped[str | None] = mapped_column(sa.String(10))
    refund_ref: Mapped[int | None]  # the payment's, payment_refunds' or booking_guests' id, by refund_kind
    credits_id: Mapped[int | None] = mapped_column(sa.ForeignKey("invoices.id"))  # the invoice a credit note credits
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    buyer_name: Mapped[str] = mapped_column(sa.String(200))
    buyer_email: Mapped[str] = mapped_column(sa.String(320))
    buyer: Mapped[dict | None] = mapped_column(sa.JSON)  # the buyer's billing details as they were (tax id, address)
    seller: Mapped[dict] = mapped_column(sa.JSON)  # legal name, address, tax id as they were
    tax: Mapped[dict] = mapped_column(sa.JSON)  # name, rate, inclusive, split (cgst/sgst, igst or vat)
    lines: Mapped[list] = mapped_column(sa.JSON)
    taxable: Mapped[int]
    tax_amount: Mapped[int]
    total: Mapped[int]
    currency: Mapped[str] = mapped_column(sa.String(3))
    place_of_supply: Mapped[str | None] = mapped_column(sa.String(120))


class BillingDetails(db.Model):
    """What a person wants their invoices made out to: a business's name, its tax id (a GSTIN or VAT number, for
    its input tax credit) and address. Printed on the invoices issued after they are saved; none before."""

    __tablename__ = "billing_details"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    tax_id: Mapped[str | None] = mapped_column(sa.String(20))
    address_lines: Mapped[list] = mapped_column(sa.JSON)
    city: Mapped[str | None] = mapped_column(sa.String(100))
    postcode: Mapped[str | None] = mapped_column(sa.String(20))
    state_code: Mapped[str | None] = mapped_column(sa.String(2))
    country: Mapped[str | None] = mapped_column(sa.String(2))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class DailyRevenue(db.Model):
    """A studio's invoices and credit notes added up by day (on the studio's calendar), by what was sold and by
    currency: kept in the transaction that issues each document, so a revenue report reads a year as a few hundred
    rows; services.invoices.daily recounts them from the documents."""

    __tablename__ = "daily_revenue"
    __table_args__ = (sa.CheckConstraint(f"kind IN ({', '.join(repr(kind) for kind in SALES_KINDS)})", name="kind"),)

    studio_id: Mapped[int] = mapped_column(sa.ForeignKey("studios.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(12), primary_key=True)
    currency: Mapped[str] = mapped_column(sa.String(3), primary_key=True)
    gross: Mapped[int] = mapped_column(sa.BigInteger, default=0)  # the invoices' totals, in minor units
    refunds: Mapped[int] = mapped_column(sa.BigInteger, default=0)  # the credit notes' totals
    tax: Mapped[int] = mapped_column(sa.BigInteger, default=0)  # tax charged, less tax given back
    invoices: Mapped[int] = mapped_column(default=0)
    credit_notes: Mapped[int] = mapped_column(default=0)
