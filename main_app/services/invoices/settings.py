"""A studio's tax and invoicing settings: read (defaults when never set), replaced with an audit entry, and the
seller and tax a new document snapshots."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select

from main_app.plumbing import lock
from main_app.services.studios import Actor, record

from ...database import unit_of_work
from ...extensions import db
from ...models import Studio, StudioInvoicing, StudioTaxRate
from .numbers import prefix_problems
from .tax import valid_eu_vat, valid_gstin

# GST's state codes (the first two digits of a GSTIN), which name a place of supply.
STATE_CODES = {
    "01": "Jammu and Kashmir", "02": "Himachal Pradesh", "03": "Punjab", "04": "Chandigarh", "05": "Uttarakhand",
    "06": "Haryana", "07": "Delhi", "08": "Rajasthan", "09": "Uttar Pradesh", "10": "Bihar", "11": "Sikkim",
    "12": "Arunachal Pradesh", "13": "Nagaland", "14": "Manipur", "15": "Mizoram", "16": "Tripura",
    "17": "Meghalaya", "18": "Assam", "19": "West Bengal", "20": "Jharkhand", "21": "Odisha", "22": "Chhattisgarh",
    "23": "Madhya Pradesh", "24": "Gujarat", "26": "Dadra and Nagar Haveli and Daman and Diu", "27": "Maharashtra",
    "29": "Karnataka", "30": "Goa", "31": "Lakshadweep", "32": "Kerala", "33": "Tamil Nadu", "34": "Puducherry",
    "35": "Andaman and Nicobar Islands", "36": "Telangana", "37": "Andhra Pradesh", "38": "Ladakh",
    "97": "Other Territory",
}  # fmt: skip
FIELDS = (
    "legal_name",
    "address_lines",
    "city",
    "postcode",
    "state",
    "state_code",
    "country",
    "tax_id",
    "tax_name",
    "tax_rate",
    "prices_include_tax",
    "service_code",
    "invoice_prefix",
    "credit_note_prefix",
    "financial_year_series",
)
DEFAULTS = {name: StudioInvoicing.__table__.c[name].default for name in FIELDS}


def _default(name: str):
    column_default = DEFAULTS[name]
    return None if column_default is None else column_default.arg


def of_studio(studio_id: int, fresh: bool = False) -> StudioInvoicing | None:
    """The studio's settings row, if it has one (fresh: read again, as a counter UPDATE just changed it)."""
    query = select(StudioInvoicing).where(StudioInvoicing.studio_id == studio_id)
    return db.session.scalar(query.execution_options(populate_existing=fresh))


def dated_rates(studio_id: int) -> list[dict]:
    """The studio's rates that take effect on a date, in date order: [{"from": date, "rate"}]."""
    rows = db.session.execute(
        select(StudioTaxRate.starts_on, StudioTaxRate.rate)
        .where(StudioTaxRate.studio_id == studio_id)
        .order_by(StudioTaxRate.starts_on)
    )
    return [{"from": starts_on, "rate": rate} for starts_on, rate in rows]


def document(studio_id: int) -> dict:
    """The studio's settings as the API shows them, defaults where never set; tax_rate is the rate until the first
    of tax_rates takes effect."""
    row = of_studio(studio_id)
    values = {name: getattr(row, name) if row else _default(name) for name in FIELDS}
    if row is None:
        values |= _country_defaults(db.session.get(Studio, studio_id).country)
    return values | {"address_lines": values["address_lines"] or [], "tax_rates": dated_rates(studio_id)}


def _country_defaults(country: str | None) -> dict:
    """Where a studio never set its tax: its own country, and GST added to Indian prices (as they are quoted there
    and as its pages show them, "+ 18% GST"); elsewhere prices include the tax, as the EU has consumer prices."""
    return {"country": country, "prices_include_tax": country != "IN"}


def _replace_rates(studio: Studio, rates: list[dict]) -> None:
    """Set the studio's dated rates to rates, each from its day's start on the studio's clock."""
    db.session.execute(delete(StudioTaxRate).where(StudioTaxRate.studio_id == studio.id))
    zone = ZoneInfo(studio.timezone)
    for dated in rates:
        starts_at = datetime.combine(dated["from"], time(0), zone).astimezone(UTC)
        db.session.add(
            StudioTaxRate(studio_id=studio.id, starts_on=dated["from"], starts_at=starts_at, rate=dated["rate"])
        )


def problems(values: dict) -> dict:
    """What is wrong with a whole set of settings taken together, by field (empty: nothing)."""
    found = {}
    tax_id, tax_name, code = values.get("tax_id"), values.get("tax_name"), values.get("state_code")
    if code is not None and code not in STATE_CODES:
        found["state_code"] = ["Not one of GST's state codes (such as 29 for Karnataka)."]
    if tax_id and tax_name == "GST" and not valid_gstin(tax_id):
        found["tax_id"] = ["Not a GSTIN: 15 characters (state, PAN, entity, Z, check digit) whose check digit agrees."]
    elif tax_id and tax_name == "GST" and code and tax_id[:2] != code:
        found["tax_id"] = ["A GSTIN starts with its state's code: this one is of another state."]
    elif tax_id and tax_name == "VAT" and not valid_eu_vat(tax_id):
        found["tax_id"] = ["Not an EU VAT number: its country's two letters, then its digits, such as DE123456789."]
    if (values.get("tax_rate") or any(r["rate"] for r in values.get("tax_rates") or [])) and not tax_name:
        found["tax_name"] = ["Name the tax (GST or VAT) a rate is charged as."]
    days = [dated["from"] for dated in values.get("tax_rates") or []]
    if len(set(days)) != len(days):
        found["tax_rates"] = ["One rate a day: two rates take effect on the same date."]
    if tax_name == "GST" and not values.get("service_code"):
        found["service_code"] = ["A GST invoice names its service's SAC (rule 46(g)): 999723 for yoga and fitness."]
    return found | prefix_problems(values)


def _logged(value):
    """A setting as the audit log keeps it (JSON: dated rates' days as ISO dates)."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [dated | {"from": dated["from"].isoformat()} for dated in value]
    return value


def replace(studio_id: int, actor: Actor, values: dict) -> dict:
    """Set the studio's settings to values (the whole set), with an audit entry of what changed."""
    with unit_of_work():
        lock(Studio, [studio_id])
        studio, before = db.session.get(Studio, studio_id), document(studio_id)
        row = of_studio(studio_id)
        if row is None:
            row = StudioInvoicing(studio_id=studio_id)
            db.session.add(row)
        for name in FIELDS:
            setattr(row, name, values.get(name, _default(name)))
        _replace_rates(studio, values.get("tax_rates") or [])
        db.session.flush()
        after = document(studio_id)
        changed = [name for name in (*FIELDS, "tax_rates") if before[name] != after[name]]
        if changed:
            old, new = ({name: _logged(side[name]) for name in changed} for side in (before, after))
            record(studio_id, actor, "studio.invoicing_changed", ("studio", studio_id), old, new)
    return document(studio_id)


def snapshot(studio: Studio, row: StudioInvoicing | None, charged: dict) -> tuple[dict, dict]:
    """(seller, tax) as a new document records them: the studio's name alone without settings, and the tax its
    payment was charged with (name, rate, inclusive, and reverse_charge) with the settings' service code."""
    seller = {
        "name": (row and row.legal_name) or studio.name,
        "address_lines": (row and row.address_lines) or [],
        "city": row and row.city,
        "postcode": row and row.postcode,
        "state": row and row.state,
        "state_code": row and row.state_code,
        "country": (row and row.country) or studio.country,
        "tax_id": row and row.tax_id,
        "email": studio.contact_email,
    }
    if charged.get("reverse_charge"):  # the buyer accounts for the VAT: the document charges none
        tax = {"name": charged["name"], "rate": 0, "inclusive": False, "reverse_charge": True}
    elif charged["rate"]:
        tax = {name: charged[name] for name in ("name", "rate", "inclusive")}
    else:
        tax = {"name": None, "rate": 0, "inclusive": True}
    return seller, tax | {"service_code": row and row.service_code}
