"""The tax a studio adds to its prices at checkout: where its tax settings (services.invoices) say its prices are
set without tax, a buyer pays the price plus the tax on it, rounded half up once per purchase."""

from sqlalchemy import select

from main_app.services.common import tax_on

from ...extensions import db
from ...models import StudioInvoicing

TAX_ADDED = (  # a studio's settings add a tax to its prices
    StudioInvoicing.prices_include_tax.is_(False),
    StudioInvoicing.tax_rate > 0,
    StudioInvoicing.tax_name.is_not(None),
)


def added_taxes(studio_ids) -> dict[int, dict]:
    """{studio id: {"name", "rate"}} of the studios among studio_ids that add a tax to their prices."""
    wanted = set(studio_ids)
    if not wanted:
        return {}
    query = select(StudioInvoicing.studio_id, StudioInvoicing.tax_name, StudioInvoicing.tax_rate).where(
        StudioInvoicing.studio_id.in_(wanted), *TAX_ADDED
    )
    return {row.studio_id: {"name": row.tax_name, "rate": row.tax_rate} for row in db.session.execute(query)}


def added_tax(studio_id: int) -> dict | None:
    """{"name", "rate"} of the tax the studio adds to its prices; None: its prices are what is paid."""
    return added_taxes([studio_id]).get(studio_id)


def with_tax(studio_id: int, net: int) -> int:
    """What a buyer pays for a price of net at the studio: net and the tax it adds, if it adds one."""
    added = added_tax(studio_id) if net > 0 else None
    return net if added is None else net + tax_on(net, added["rate"])
