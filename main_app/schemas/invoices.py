"""Tax settings, invoices and credit notes at the edge: what each request may carry, what each answer holds."""

import re

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.languages import lazy_gettext
from service_kit.schemas import BaseSchema, PageSchema, UTCDateTimeField

from ..models import CREDIT_NOTE, INVOICE
from ..services.invoices import billing_problems, invoicing_problems
from .common import PageArgsSchema
from .studios import COUNTRY

PREFIX = re.compile(r"^[A-Za-z0-9/-]{0,10}$")  # GST's serial number: letters, digits, "-" and "/" only
PREFIX_RULE = "Up to 10 of A-Z, a-z, 0-9, / and -."
SERVICE_CODE = re.compile(r"^[0-9]{4,8}$")
TAX_ID = re.compile(r"^[A-Z0-9]{4,15}$")


def _text(length: int, **more):
    return fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=length), **more)


class DatedRateSchema(BaseSchema):
    """A rate from a date on: the rate of a price quoted from that day's start on the studio's clock."""

    from_ = fields.Date(required=True, data_key="from", attribute="from")
    rate = fields.Integer(
        required=True, validate=validate.Range(min=0, max=10_000), metadata={"description": "Basis points: 500"}
    )


class InvoicingSchema(BaseSchema):
    """PUT /api/studios/<slug>/invoicing (the whole set: a field left out goes back to its default) and its
    answer."""

    legal_name = _text(200, metadata={"description": "The seller's legal name (the studio's name when not set)"})
    address_lines = fields.List(
        fields.String(validate=validate.Length(min=1, max=200)), load_default=list, validate=validate.Length(max=4)
    )
    city = _text(100)
    postcode = _text(20)
    state = _text(100)
    state_code = _text(2, metadata={"description": "GST's state code, e.g. 29 (Karnataka): the place of supply"})
    country = fields.String(load_default=None, allow_none=True, validate=COUNTRY)
    tax_id = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Regexp(
            TAX_ID, error=lazy_gettext("Capital letters and digits only, as printed (no spaces).")
        ),
        metadata={"description": "A GSTIN (format and check digit checked) or an EU VAT number (format checked)"},
    )
    tax_name = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(["GST", "VAT"]))
    tax_rate = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=10_000),
        metadata={"description": "Basis points: 1800; the rate until the first of tax_rates takes effect"},
    )
    tax_rates = fields.List(
        fields.Nested(DatedRateSchema),
        load_default=list,
        validate=validate.Length(max=20),
        metadata={"description": "Rates that take effect on a date (the studio's midnight), replacing tax_rate"},
    )
    prices_include_tax = fields.Boolean(load_default=True)
    service_code = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Regexp(SERVICE_CODE, error=lazy_gettext("4 to 8 digits, e.g. 999723.")),
    )
    invoice_prefix = fields.String(
        load_default="INV-", validate=validate.Regexp(PREFIX, error=lazy_gettext("Up to 10 of A-Z 0-9 / -."))
    )
    credit_note_prefix = fields.String(
        load_default="CN-", validate=validate.Regexp(PREFIX, error=lazy_gettext("Up to 10 of A-Z 0-9 / -."))
    )
    financial_year_series = fields.Boolean(
        load_default=False,
        metadata={"description": "Number by India's financial year (SY/25-26/000123), each year from 000001"},
    )

    @validates_schema
    def _together(self, data: dict, **_kwargs) -> None:
        found = invoicing_problems(data)
        if found:
            raise ValidationError(found)


class BillingDetailsSchema(BaseSchema):
    """PUT /me/billing (the whole set) and its answer: whom my invoices are made out to."""

    name = fields.String(
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "The business's (or your) name as invoices print it"},
    )
    tax_id = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Regexp(
            TAX_ID, error=lazy_gettext("Capital letters and digits only, as printed (no spaces).")
        ),
        metadata={"description": "A GSTIN (country IN: check digit checked) or an EU VAT number (format checked)"},
    )
    address_lines = fields.List(
        fields.String(validate=validate.Length(min=1, max=200)), load_default=list, validate=validate.Length(max=4)
    )
    city = _text(100)
    postcode = _text(20)
    state_code = _text(2, metadata={"description": "GST's state code, for an address in India"})
    country = fields.String(load_default=None, allow_none=True, validate=COUNTRY)
    updated_at = fields.String(dump_only=True, metadata={"format": "date-time"})

    @validates_schema
    def _together(self, data: dict, **_kwargs) -> None:
        found = billing_problems(data)
        if found:
            raise ValidationError(found)


class InvoiceSchema(BaseSchema):
    id = fields.Integer()
    kind = fields.String(metadata={"description": "invoice or credit_note"})
    number = fields.String(metadata={"description": "As printed, e.g. INV-000123"})
    issued_at = UTCDateTimeField()
    payment_id = fields.Integer()
    booking_id = fields.Integer(allow_none=True, metadata={"description": "The booking its payment was for"})
    pass_id = fields.Integer(allow_none=True, metadata={"description": "The pass its payment was for"})
    payment_method = fields.String(
        allow_none=True,
        metadata={"description": "How its payment was paid: UPI, Cash or Card terminal at the desk, else Online"},
    )
    credits_id = fields.Integer(allow_none=True, metadata={"description": "A credit note's invoice"})
    buyer_name = fields.String()
    buyer_tax_id = fields.String(allow_none=True, metadata={"description": "The GSTIN or VAT number it was billed to"})
    description = fields.String()
    currency = fields.String()
    taxable = fields.Integer()
    tax = fields.Integer()
    total = fields.Integer(metadata={"description": "Minor units"})


class InvoicePageSchema(PageSchema):
    items = fields.List(fields.Nested(InvoiceSchema))


class InvoiceFiltersSchema(BaseSchema):
    """The studio's documents: which kind, issued from since until before until."""

    kind = fields.String(validate=validate.OneOf([INVOICE, CREDIT_NOTE]))
    since = UTCDateTimeField(data_key="from", metadata={"description": "Issued from this time on"})
    until = UTCDateTimeField(data_key="to", metadata={"description": "Issued before this time"})


class InvoiceQuerySchema(PageArgsSchema, InvoiceFiltersSchema):
    """GET /api/studios/<slug>/invoices: filters and the page."""
