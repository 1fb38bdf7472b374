"""Instructor pay at the edge: a rate (in minor units; a share in percent) and the pay report."""

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema

from ..models import PAY_KINDS

MOST = 100_000_000_00  # a class's pay or a head's, in minor units
AMOUNT = {"strict": True, "allow_none": True, "validate": validate.Range(min=0, max=MOST)}
NEEDS = {"flat": ("amount",), "per_head": ("amount",), "share": ("share_percent",)}
NEVER = {
    "flat": ("minimum", "maximum", "share_percent"),
    "per_head": ("share_percent",),
    "share": ("amount", "minimum", "maximum"),
}


class RateSchema(BaseSchema):
    """What an instructor earns per class: flat (amount), per_head (amount a head, between minimum and maximum where
    given) or share (share_percent of the class's net revenue)."""

    kind = fields.String(required=True, validate=validate.OneOf(PAY_KINDS), metadata={"example": "per_head"})
    amount = fields.Integer(**AMOUNT, metadata={"example": 20000, "description": "Minor units: a class or a head"})
    minimum = fields.Integer(**AMOUNT, metadata={"description": "per_head: the least a class pays"})
    maximum = fields.Integer(**AMOUNT, metadata={"description": "per_head: the most a class pays"})
    share_percent = fields.Float(
        allow_none=True,
        allow_nan=False,
        validate=validate.Range(min=0, max=100),
        metadata={"example": 40, "description": "share: percent of the class's net revenue (rounded to two decimals)"},
    )

    @validates_schema
    def _terms_of_its_kind(self, data, **_kwargs):
        kind = data.get("kind")
        if kind not in NEEDS:
            return
        needs, never = gettext("A %(kind)s rate needs this field."), gettext("A %(kind)s rate has no such field.")
        errors = {name: [needs % {"kind": kind}] for name in NEEDS[kind] if data.get(name) is None}
        errors |= {name: [never % {"kind": kind}] for name in NEVER[kind] if data.get(name) is not None}
        low, high = data.get("minimum"), data.get("maximum")
        if low is not None and high is not None and low > high:
            errors["maximum"] = [gettext("The maximum is under the minimum.")]
        if errors:
            raise ValidationError(errors)

    @post_load
    def _stored(self, data, **_kwargs):
        """The share in basis points, as kept."""
        share = data.pop("share_percent", None)
        return data | {"share": None if share is None else round(share * 100)}


class RateOutSchema(BaseSchema):
    kind = fields.String()
    amount = fields.Integer(allow_none=True)
    minimum = fields.Integer(allow_none=True)
    maximum = fields.Integer(allow_none=True)
    share_percent = fields.Float(allow_none=True)


class InstructorRateSchema(BaseSchema):
    instructor_id = fields.Integer()
    name = fields.String()
    role = fields.String()
    rate = fields.Nested(RateOutSchema, allow_none=True)


class RatesSchema(BaseSchema):
    """Every member who may teach, with their rate (null: none set)."""

    rates = fields.List(fields.Nested(InstructorRateSchema))


class RateSetSchema(BaseSchema):
    instructor_id = fields.Integer()
    rate = fields.Nested(RateOutSchema, allow_none=True)


class PayInstructorSchema(BaseSchema):
    instructor_id = fields.Integer()
    name = fields.String()
    rate = fields.Nested(RateOutSchema, allow_none=True)
    classes = fields.Integer()
    heads = fields.Integer()
    net_revenue = fields.Integer()
    pay = fields.Integer()


class PayLineSchema(BaseSchema):
    """One class taught: its heads (seats booked, not no-shows), net revenue (tax-exclusive) and pay."""

    session_id = fields.Integer()
    instructor_id = fields.Integer()
    instructor = fields.String()
    title = fields.String()
    starts_at = fields.DateTime()
    heads = fields.Integer()
    net_revenue = fields.Integer()
    pay = fields.Integer()


class PayReportSchema(BaseSchema):
    """The pay report."""

    since = fields.String(data_key="from", attribute="from")
    until = fields.String(data_key="to", attribute="to")
    currency = fields.String()
    total_pay = fields.Integer()
    instructors = fields.List(fields.Nested(PayInstructorSchema), metadata={"description": "Over the whole span"})
    lines = fields.List(fields.Nested(PayLineSchema), metadata={"description": "The page asked for, in start order"})
    lines_total = fields.Integer(metadata={"description": "Classes taught in the whole span"})
    page = fields.Integer()
    per_page = fields.Integer()
