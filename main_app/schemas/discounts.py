"""Schemas of discount codes: what a facilitator makes, and the price a code gives before paying."""

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.languages import gettext, lazy_gettext
from service_kit.schemas import BaseSchema, Id

from ..models import CODE_APPLIES
from .session_fields import CURRENCY, PRICE


class CodeCreateSchema(BaseSchema):
    code = fields.String(
        required=True,
        validate=[
            validate.Length(min=3, max=40),
            validate.Regexp(r"^[A-Za-z0-9_-]+$", error=lazy_gettext("Letters, digits, - and _.")),
        ],
        metadata={"example": "SPRING20", "description": "Case-insensitive"},
    )
    percent_off = fields.Integer(strict=True, validate=validate.Range(min=1, max=100), metadata={"example": 20})
    amount_off = fields.Integer(
        strict=True, validate=validate.Range(min=1, max=PRICE["validate"].max), metadata={"description": "Minor units"}
    )
    currency = fields.String(**CURRENCY)
    max_uses = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=1, max=1_000_000))
    max_uses_per_person = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=1, max=1000))
    valid_from = fields.AwareDateTime(allow_none=True)
    valid_until = fields.AwareDateTime(allow_none=True)
    applies_to = fields.String(validate=validate.OneOf(CODE_APPLIES), metadata={"example": "both"})
    event_ids = fields.List(Id(), allow_none=True, validate=validate.Length(max=200))

    @validates_schema
    def _one_discount(self, data, **_kwargs):
        if ("percent_off" in data) == ("amount_off" in data):
            raise ValidationError(gettext("Give percent_off or amount_off, not both."), field_name="percent_off")
        if data.get("valid_from") and data.get("valid_until") and data["valid_until"] <= data["valid_from"]:
            raise ValidationError(gettext("It must end after it starts."), field_name="valid_until")


class CodeUpdateSchema(BaseSchema):
    max_uses = fields.Integer(
        strict=True,
        allow_none=True,
        validate=validate.Range(min=1, max=1_000_000),
        metadata={"description": "Null: no limit; never below the uses so far"},
    )
    valid_until = fields.AwareDateTime(allow_none=True, metadata={"description": "Null: no end"})
    active = fields.Boolean(metadata={"description": "false stops new uses; true starts them again"})

    @validates_schema
    def _something(self, data, **_kwargs):
        if not data:
            raise ValidationError(gettext("Give max_uses, valid_until or active."), field_name="max_uses")


class CodeSchema(BaseSchema):
    id = Id()
    code = fields.String()
    percent_off = fields.Integer(allow_none=True)
    amount_off = fields.Integer(allow_none=True)
    currency = fields.String(allow_none=True)
    max_uses = fields.Integer(allow_none=True)
    max_uses_per_person = fields.Integer(allow_none=True)
    uses = fields.Integer(metadata={"description": "Uses held by open checkouts and redeemed"})
    valid_from = fields.String(allow_none=True, metadata={"format": "date-time"})
    valid_until = fields.String(allow_none=True, metadata={"format": "date-time"})
    applies_to = fields.String()
    event_ids = fields.List(Id(), allow_none=True)
    status = fields.String(metadata={"description": "active or retired"})
    created_at = fields.String(metadata={"format": "date-time"})


class CodeListSchema(BaseSchema):
    items = fields.List(fields.Nested(CodeSchema))


class QuoteQuerySchema(BaseSchema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=40))
    session_id = Id(strict=False)
    seats = fields.Integer(load_default=1, validate=validate.Range(min=1, max=50))
    option_id = Id(strict=False, metadata={"description": "The room option, for a session that has options"})
    product_id = Id(strict=False)

    @validates_schema
    def _one_thing(self, data, **_kwargs):
        if ("session_id" in data) == ("product_id" in data):
            raise ValidationError(gettext("Give session_id or product_id."), field_name="session_id")


class QuoteSchema(BaseSchema):
    code = fields.String()
    price = fields.Integer()
    amount_off = fields.Integer()
    amount_due = fields.Integer(metadata={"description": "The price less the code's discount"})
    tax = fields.Integer(metadata={"description": "The tax its studio adds to amount_due at checkout (0: none)"})
    total_due = fields.Integer(
        metadata={"description": "What is paid: amount_due and tax (reverse charged: amount_due without VAT in it)"}
    )
    reverse_charge = fields.Boolean(
        metadata={"description": "The caller is a business elsewhere in the EU that accounts for the VAT itself"}
    )
    currency = fields.String()
