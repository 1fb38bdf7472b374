"""Schemas of pass products: what a facilitator puts on sale, and the public list."""

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema, Id

from ..models import PASS_KINDS, PASS_MEMBERSHIP, PASS_PACK, PASS_PERIODS
from .common import TimeZone
from .events import AddedTaxSchema
from .session_fields import CURRENCY, PRICE

TERMS = {
    "credits": fields.Integer(strict=True, validate=validate.Range(min=1, max=1000), metadata={"example": 10}),
    "valid_days": fields.Integer(strict=True, validate=validate.Range(min=1, max=3660), metadata={"example": 90}),
    "period": fields.String(validate=validate.OneOf(PASS_PERIODS), metadata={"example": "month"}),
    "sessions_per_week": fields.Integer(
        strict=True,
        allow_none=True,
        validate=validate.Range(min=1, max=50),
        metadata={"description": "A membership's weekly limit; null: unlimited"},
    ),
}
# What each kind needs, and what it never has.
NEEDS = {PASS_PACK: ("credits", "valid_days"), PASS_MEMBERSHIP: ("period",)}
NEVER = {PASS_PACK: ("period", "sessions_per_week"), PASS_MEMBERSHIP: ("credits", "valid_days")}


class PassFieldsSchema(BaseSchema):
    """The fields a product is made and edited with."""

    name = fields.String(validate=validate.Length(min=1, max=120), metadata={"example": "10-class pack"})
    description = fields.String(validate=validate.Length(max=1000))
    credits = TERMS["credits"]
    valid_days = TERMS["valid_days"]
    period = TERMS["period"]
    sessions_per_week = TERMS["sessions_per_week"]
    price = fields.Integer(**PRICE)
    currency = fields.String(**CURRENCY)
    event_ids = fields.List(
        Id(),
        allow_none=True,
        validate=validate.Length(max=200),
        metadata={"description": "The events it covers; null or missing: every event of yours"},
    )
    new_customers_only = fields.Boolean(metadata={"description": "An intro offer: only for people new to you"})
    shareable = fields.Boolean(
        metadata={
            "description": "Anyone in the buyer's family (the other guardian, their children) may book with a pass "
            "sold of it, within its credits and weekly limit; changing it changes no pass sold already"
        }
    )
    timezone = TimeZone(
        metadata={
            "description": "The clock of a membership's weeks (Monday to Sunday there), kept by each pass sold; "
            "default: the first event it covers (of yours, when it covers them all), else UTC",
            "example": "Asia/Kolkata",
        }
    )


class PassCreateSchema(PassFieldsSchema):
    kind = fields.String(required=True, validate=validate.OneOf(PASS_KINDS))
    name = fields.String(required=True, validate=validate.Length(min=1, max=120), metadata={"example": "10-class pack"})
    price = fields.Integer(required=True, **PRICE)

    @validates_schema
    def _terms_of_its_kind(self, data, **_kwargs):
        kind = data.get("kind")
        if kind not in NEEDS:
            return
        needs, never = gettext("A %(kind)s needs this field."), gettext("A %(kind)s has no such field.")
        errors = {name: [needs % {"kind": kind}] for name in NEEDS[kind] if data.get(name) is None}
        errors |= {name: [never % {"kind": kind}] for name in NEVER[kind] if data.get(name) is not None}
        if errors:
            raise ValidationError(errors)


class PassUpdateSchema(PassFieldsSchema):
    @validates_schema
    def _something(self, data, **_kwargs):
        if not data:
            raise ValidationError(gettext("Give at least one field to change."))


class PassSchema(BaseSchema):
    id = Id()
    facilitator_id = Id()
    name = fields.String()
    description = fields.String()
    kind = fields.String(metadata={"description": "pack or membership"})
    credits = fields.Integer(allow_none=True)
    valid_days = fields.Integer(allow_none=True)
    period = fields.String(allow_none=True)
    sessions_per_week = fields.Integer(allow_none=True)
    timezone = fields.String(metadata={"description": "IANA name: the clock of a membership's weeks"})
    price = fields.Integer()
    currency = fields.String()
    tax_added = fields.Nested(
        AddedTaxSchema, allow_none=True, metadata={"description": "The tax added to its price at checkout (or null)"}
    )
    event_ids = fields.List(Id(), allow_none=True)
    new_customers_only = fields.Boolean()
    shareable = fields.Boolean(metadata={"description": "Anyone in the buyer's family may book with its passes"})
    status = fields.String(metadata={"description": "on_sale or retired"})
    created_at = fields.String(metadata={"format": "date-time"})
    retired_at = fields.String(allow_none=True, metadata={"format": "date-time"})
    renewal_approval = fields.String(
        allow_none=True,
        metadata={
            "description": "A membership made or changed: what its studio's provider needs for its renewals (Razorpay: "
            "above ₹15,000 a period each waits for its member's approval); null when nothing"
        },
    )


class PassListSchema(BaseSchema):
    items = fields.List(fields.Nested(PassSchema))


class PassQuerySchema(BaseSchema):
    facilitator_id = Id(strict=False)
    event_id = Id(strict=False)


class NewCustomerQuerySchema(BaseSchema):
    facilitator_id = Id(strict=False, required=True)


class NewCustomerSchema(BaseSchema):
    """Whether an intro offer (new_customers_only) is for the caller: they never booked with nor bought from them."""

    facilitator_id = Id()
    new_customer = fields.Boolean()


class BuyPassSchema(BaseSchema):
    code = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=40),
        metadata={"description": "A discount code (case-insensitive)"},
    )


class PassHolderSchema(BaseSchema):
    id = Id()
    name = fields.String()


class OwnedPassSchema(BaseSchema):
    """A pass a person bought, on the terms of its sale."""

    id = Id()
    product_id = Id()
    facilitator_id = Id()
    name = fields.String()
    kind = fields.String(metadata={"description": "pack or membership"})
    status = fields.String(metadata={"description": "pending_payment, active, failed, lapsed or refunded"})
    valid = fields.Boolean(metadata={"description": "Good to book with now: active, in its dates, credits left"})
    credits = fields.Integer(allow_none=True, metadata={"description": "A pack's classes as bought"})
    credits_left = fields.Integer(allow_none=True)
    sessions_per_week = fields.Integer(allow_none=True)
    sessions_this_week = fields.Integer(
        allow_none=True, metadata={"description": "A weekly-limited membership's seats booked this week"}
    )
    timezone = fields.String(metadata={"description": "IANA name: the clock of its weeks, Monday to Sunday there"})
    period = fields.String(allow_none=True)
    event_ids = fields.List(Id(), allow_none=True, metadata={"description": "null: every event of its facilitator"})
    price = fields.Integer()
    currency = fields.String()
    valid_from = fields.String(allow_none=True, metadata={"format": "date-time"})
    valid_until = fields.String(allow_none=True, metadata={"format": "date-time"})
    renews = fields.Boolean()
    shareable = fields.Boolean(metadata={"description": "Anyone in its holder's family may book with it"})
    holder = fields.Nested(
        PassHolderSchema,
        allow_none=True,
        metadata={"description": "Whose it is, when another guardian of my family's (shared with me); null: mine"},
    )
    created_at = fields.String(metadata={"format": "date-time"})


class CreditUserSchema(BaseSchema):
    user_id = Id(metadata={"description": "Who booked: the holder, or the other guardian of their family"})
    dependent_id = Id(allow_none=True, metadata={"description": "The child of the family the seat was for, or null"})
    name = fields.String(allow_none=True, metadata={"description": "Whose seat it was (null: a child since erased)"})


class LedgerEntrySchema(BaseSchema):
    id = Id()
    kind = fields.String(
        metadata={"description": "purchase, renewal, spend, return, forfeit, hold, release or imported"}
    )
    credits = fields.Integer(metadata={"description": "Credits given (+) or taken (-); 0 for a forfeit"})
    booking_id = Id(allow_none=True)
    session_id = Id(allow_none=True)
    used_by = fields.Nested(CreditUserSchema, allow_none=True, metadata={"description": "null: no booking's"})
    created_at = fields.String(metadata={"format": "date-time"})


class LedgerSchema(BaseSchema):
    items = fields.List(fields.Nested(LedgerEntrySchema))


class OwnedPassListSchema(BaseSchema):
    items = fields.List(fields.Nested(OwnedPassSchema))


class PassPurchaseSchema(BaseSchema):
    pass_ = fields.Nested(OwnedPassSchema, attribute="pass", data_key="pass")
    checkout_url = fields.String(allow_none=True, metadata={"description": "Where to pay; null when nothing to pay"})


class PassSummarySchema(BaseSchema):
    passes_sold = fields.Integer(metadata={"description": "Bought (paid, or free), not pending nor declined"})
    active_members = fields.Integer(metadata={"description": "Memberships good now"})
    credits_outstanding = fields.Integer(metadata={"description": "Credits left on packs still good"})
    code_uses = fields.Integer(metadata={"description": "Discount code uses redeemed"})
