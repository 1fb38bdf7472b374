"""The payment plan a facilitator sets on an event: a deposit at booking, the balance in instalments before the
start (services.payments.plans)."""

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.common import MAX_PRICE
from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema

MOST_INSTALMENTS = 6


class DepositSchema(BaseSchema):
    percent = fields.Integer(
        strict=True, validate=validate.Range(min=1, max=99), metadata={"example": 20, "description": "Of the total"}
    )
    amount = fields.Integer(
        strict=True,
        validate=validate.Range(min=1, max=MAX_PRICE),
        metadata={"description": "Per seat, in the currency's minor units"},
    )

    @validates_schema
    def _one_of(self, data, **_kwargs):
        if len(data) != 1:
            raise ValidationError(gettext("Give either percent or amount."), field_name="_schema")


class PaymentPlanSchema(BaseSchema):
    deposit = fields.Nested(DepositSchema, required=True, metadata={"example": {"percent": 20}})
    deposit_refundable = fields.Boolean(
        load_default=False, metadata={"description": "Whether a person's cancellation in time refunds the deposit"}
    )
    balance_due_days = fields.Integer(
        strict=True,
        validate=validate.Range(min=0, max=365),
        load_default=30,
        metadata={"example": 30, "description": "The balance is due this many days before the start"},
    )
    instalments = fields.Integer(
        strict=True,
        validate=validate.Range(min=1, max=MOST_INSTALMENTS),
        load_default=1,
        metadata={"example": 3, "description": "The balance in this many monthly parts, the last on its due date"},
    )


class InstalmentCheckoutSchema(BaseSchema):
    booking_id = fields.Integer()
    number = fields.Integer(metadata={"description": "The instalment's number (1 is the first after the deposit)"})
    amount = fields.Integer()
    currency = fields.String()
    checkout_url = fields.String(metadata={"description": "Where the person pays this instalment"})
    expires_at = fields.AwareDateTime()


class BookingMoneySchema(BaseSchema):
    booking_id = fields.Integer()
    name = fields.String()
    status = fields.String()
    received = fields.Integer()
    refunded = fields.Integer()
    outstanding = fields.Integer()
    overdue = fields.Integer()
    next_due_at = fields.AwareDateTime(allow_none=True)


class EventMoneySchema(BaseSchema):
    event_id = fields.Integer()
    currency = fields.String()
    received = fields.Integer(metadata={"description": "Every payment that succeeded, in minor units"})
    refunded = fields.Integer(metadata={"description": "Refunds asked or made"})
    kept = fields.Integer(metadata={"description": "received - refunded"})
    outstanding = fields.Integer(metadata={"description": "Instalments still due on payment plans"})
    overdue = fields.Integer(metadata={"description": "Of outstanding: past their due date"})
    formatted = fields.Dict(keys=fields.String(), values=fields.String())
    bookings = fields.List(fields.Nested(BookingMoneySchema))
