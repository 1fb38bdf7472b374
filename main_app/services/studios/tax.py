"""The tax a studio charges on a price: its settings' tax at the rate in effect when the price is quoted (rates may
change on a date, studio_tax_rates; none under the EU's reverse charge), fixed then as a quote ({"name", "rate",
"inclusive"}) that travels with the checkout, instalment or renewal it prices. Where its prices are set without
tax, a buyer pays the price plus the tax on it, rounded half up once per purchase."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import func, select

from main_app.services.common import BASIS, half_up, tax_on
from service_kit.columns import UTCDateTime

from ...extensions import db
from ...models import BillingDetails, Studio, StudioInvoicing, StudioTaxRate, utcnow

# The moment a query asks about, taken when each statement runs (a module's statements are built once).
NOW = sa.bindparam("tax_now", callable_=utcnow, type_=UTCDateTime)
# The rate in effect now of the settings row a query reads: the latest dated rate begun, else the settings' own.
RATE_NOW = func.coalesce(
    select(StudioTaxRate.rate)
    .where(StudioTaxRate.studio_id == StudioInvoicing.studio_id, StudioTaxRate.starts_at <= NOW)
    .order_by(StudioTaxRate.starts_at.desc())
    .limit(1)
    .correlate(StudioInvoicing)
    .scalar_subquery(),
    StudioInvoicing.tax_rate,
)
TAX_ADDED = (  # a studio's settings add a tax to its prices
    StudioInvoicing.prices_include_tax.is_(False),
    RATE_NOW > 0,
    StudioInvoicing.tax_name.is_not(None),
)
NO_TAX = {"name": None, "rate": 0, "inclusive": True}
# The EU's member states (ISO 3166: Greece is GR, though its VAT numbers start EL).
EU_COUNTRIES = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "GR", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
    "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
}  # fmt: skip


def added_taxes(studio_ids) -> dict[int, dict]:
    """{studio id: {"name", "rate"}} of the studios among studio_ids that add a tax to their prices now."""
    wanted = set(studio_ids)
    if not wanted:
        return {}
    query = select(StudioInvoicing.studio_id, StudioInvoicing.tax_name, RATE_NOW.label("rate")).where(
        StudioInvoicing.studio_id.in_(wanted), *TAX_ADDED
    )
    return {row.studio_id: {"name": row.tax_name, "rate": row.rate} for row in db.session.execute(query)}


def added_tax(studio_id: int) -> dict | None:
    """{"name", "rate"} of the tax the studio adds to its prices; None: its prices are what is paid."""
    return added_taxes([studio_id]).get(studio_id)


def rate_at(studio_id: int, base_rate: int, at: datetime) -> int:
    """The studio's rate in effect at a moment: the latest dated rate begun by then, else base_rate."""
    dated = db.session.scalar(
        select(StudioTaxRate.rate)
        .where(StudioTaxRate.studio_id == studio_id, StudioTaxRate.starts_at <= at)
        .order_by(StudioTaxRate.starts_at.desc())
        .limit(1)
    )
    return base_rate if dated is None else dated


def charged_tax(studio_id: int, at: datetime | None = None, buyer_id: int | None = None, general=False) -> dict:
    """The tax a price quoted at the studio at a moment (now by default) is charged with: {"name", "rate",
    "inclusive"}, NO_TAX when its settings charge none; with "reverse_charge" for a general service (general: a pass,
    a membership, an online class; not admission to a place) to a business in another EU member state."""
    row = db.session.scalar(select(StudioInvoicing).where(StudioInvoicing.studio_id == studio_id))
    if row is None or not row.tax_name:
        return dict(NO_TAX)
    rate = rate_at(studio_id, row.tax_rate, at or utcnow())
    if rate == 0:
        return dict(NO_TAX)
    quote = {"name": row.tax_name, "rate": rate, "inclusive": row.prices_include_tax}
    if general and buyer_id is not None and reverse_charged(row, buyer_id):
        quote["reverse_charge"] = True
    return quote


def reverse_charged(row: StudioInvoicing, buyer_id: int) -> bool:
    """Whether the buyer is a business (a VAT number in its billing details) in another member state than the
    studio's, so a general service to it is taxed there, by the buyer (VAT Directive Art. 44 and 196)."""
    seller = row.country or db.session.get(Studio, row.studio_id).country
    if row.tax_name != "VAT" or seller not in EU_COUNTRIES:
        return False
    buyer = db.session.execute(
        select(BillingDetails.country, BillingDetails.tax_id).where(BillingDetails.user_id == buyer_id)
    ).first()
    return buyer is not None and bool(buyer.tax_id) and buyer.country in EU_COUNTRIES and buyer.country != seller


def with_tax(studio_id: int, net: int, tax: dict | None = None) -> int:
    """What a buyer pays for a price of net at the studio: net and the tax it adds, if it adds one (at the quote's
    rate when given, else at the rate in effect now)."""
    if net <= 0:
        return net
    tax = tax or charged_tax(studio_id)
    if tax.get("reverse_charge"):  # no VAT: a price that includes it is charged without it
        return half_up(net * BASIS, BASIS + tax["rate"]) if tax["inclusive"] else net
    if not tax["name"] or tax["inclusive"] or not tax["rate"]:
        return net
    return net + tax_on(net, tax["rate"])
