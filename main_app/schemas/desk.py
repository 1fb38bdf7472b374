"""The front desk's bookings at the edge: a client booked into a class, and the answer."""

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema, Id

from ..models import DESK_METHODS
from .bookings import BookingSchema
from .common import NEW_PERSONS_OTHER_NAME, OtherName
from .studios import DeskMoneySchema

USES = ("pass", "door", "free")
MAX_SEATS = 100  # the session's own max_seats_per_booking decides; this only keeps a typo out
MIN_TYPED, MOST_CLIENTS = 2, 25


class DeskBookingSchema(BaseSchema):
    """POST /api/studios/<slug>/desk/bookings: a client booked into one of the sessions the desk reaches."""

    session_id = Id(required=True)
    email = fields.Email(validate=validate.Length(max=254), metadata={"description": "Found, or an account made"})
    user_id = Id(metadata={"description": "One of the studio's clients (instead of email)"})
    name = fields.String(
        validate=validate.Length(min=1, max=200), metadata={"description": "For someone new (else email's name)"}
    )
    other_name = OtherName(NEW_PERSONS_OTHER_NAME)
    use = fields.String(required=True, validate=validate.OneOf(USES))
    pass_id = Id(metadata={"description": "Their pass, with use=pass"})
    method = fields.String(validate=validate.OneOf(DESK_METHODS), metadata={"description": "With use=door"})
    amount = fields.Integer(
        validate=validate.Range(min=0), metadata={"description": "The seat's price the desk showed (minor units)"}
    )
    option_id = Id(metadata={"description": "The room option, for a session that has them"})
    seats = fields.Integer(
        load_default=1,
        validate=validate.Range(min=1, max=MAX_SEATS),
        metadata={"description": "Their seats (the others as their unnamed guests), within the session's "
                  "max_seats_per_booking; a credit or the price a seat"},
    )  # fmt: skip

    @validates_schema
    def _terms(self, data, **_kwargs):
        if (data.get("email") is None) == (data.get("user_id") is None):
            raise ValidationError(gettext("Give email or user_id (one of them)."), field_name="email")
        if data.get("use") == "pass" and data.get("pass_id") is None:
            raise ValidationError(gettext("Needed with use=pass."), field_name="pass_id")
        if data.get("use") == "door" and data.get("method") is None:
            raise ValidationError(gettext("Needed with use=door."), field_name="method")


class DeskBookedSchema(BaseSchema):
    booking = fields.Nested(BookingSchema)
    user_id = fields.Integer()
    new_account = fields.Boolean(metadata={"description": "An account was made for them (claimed by a password reset)"})
    payment = fields.Nested(DeskMoneySchema, allow_none=True, metadata={"description": "With use=door, else null"})


class DeskClientQuerySchema(BaseSchema):
    """GET /api/studios/<slug>/desk/clients?q=&limit=: the studio's clients by name, email or phone."""

    q = fields.String(
        required=True,
        validate=validate.Length(min=MIN_TYPED, max=254),
        metadata={
            "description": "The start of a word of their name or of their name in another script (other_name), of "
            "their email or of their phone"
        },
    )
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=MOST_CLIENTS))

    @validates_schema
    def _typed(self, data, **_kwargs):
        if len(data.get("q", "").strip()) < MIN_TYPED:
            raise ValidationError(gettext("Type at least %(most)s characters.", most=MIN_TYPED), field_name="q")


class DeskClientPassSchema(BaseSchema):
    id = fields.Integer(metadata={"description": "The pass's number, its pass_id to book with"})
    name = fields.String(metadata={"description": "Its product's name when bought"})
    kind = fields.String(metadata={"description": "pack or membership"})
    credits_left = fields.Integer(allow_none=True, metadata={"description": "A pack's; null for a membership"})
    valid_until = fields.AwareDateTime(allow_none=True)


class DeskClientSchema(BaseSchema):
    id = fields.Integer(metadata={"description": "Their user_id to book with"})
    name = fields.String()
    other_name = fields.String(allow_none=True, metadata={"description": "Their name in another script, or null"})
    email = fields.String()
    phone = fields.String(allow_none=True)
    passes = fields.List(
        fields.Nested(DeskClientPassSchema), metadata={"description": "Their passes of this studio good now"}
    )


class DeskClientListSchema(BaseSchema):
    items = fields.List(fields.Nested(DeskClientSchema))
    more = fields.Boolean(metadata={"description": "More clients match: type more"})
