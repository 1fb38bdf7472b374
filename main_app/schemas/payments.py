"""Schemas of the payment endpoints and of a studio's refunds."""

from marshmallow import fields, validate

from main_app.services.languages import lazy_gettext
from service_kit.schemas import BaseSchema, Id

from .session_fields import PRICE


class WebhookResultSchema(BaseSchema):
    received = fields.Boolean()
    result = fields.String(metadata={"description": "applied, duplicate (seen before) or ignored (not for us)"})


class StaffRefundAskSchema(BaseSchema):
    amount = fields.Integer(
        strict=True,
        validate=validate.Range(min=1, max=PRICE["validate"].max),
        metadata={"description": "Minor units; left out: all that is left of the payment"},
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500))
    cancel_booking = fields.Boolean(
        load_default=False, metadata={"description": "Also cancel the booking and give its seats back"}
    )


class StaffRefundSchema(BaseSchema):
    id = Id()
    payment_id = Id()
    booking_id = Id()
    amount = fields.Integer(metadata={"description": "Minor units"})
    currency = fields.String()
    reason = fields.String()
    status = fields.String(metadata={"description": "initiated, then processed or failed (the provider's answer)"})
    asked_by = Id(allow_none=True)
    created_at = fields.String(metadata={"format": "date-time"})
    left = fields.Integer(metadata={"description": "What is left of the payment to refund, after this one"})
    booking_cancelled = fields.Boolean()


class StudioPaymentsSchema(BaseSchema):
    provider = fields.String(metadata={"description": "install (the install's provider), test, stripe or razorpay"})
    install_provider = fields.String(metadata={"description": "The install's PAYMENT_PROVIDER"})
    keys_hint = fields.String(allow_none=True, metadata={"description": "Which keys are set (never the keys)"})
    keys_set_at = fields.DateTime(allow_none=True)
    webhook_url = fields.String(
        allow_none=True, metadata={"description": "Where the studio's provider sends its webhooks (its own account)"}
    )
    choices = fields.List(fields.String())
    key_fields = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


class StudioPaymentsChangeSchema(BaseSchema):
    provider = fields.String(required=True, validate=validate.Length(min=1, max=20))
    keys = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=40)),
        values=fields.String(
            validate=validate.Regexp(r"^\S{1,255}$", error=lazy_gettext("a key of 1 to 255 characters, no spaces"))
        ),
        load_default=dict,
        validate=validate.Length(max=5),
        metadata={"description": "The provider's keys (key_fields names them); write-only"},
    )
