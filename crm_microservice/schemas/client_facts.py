"""The keys of a notification's `data` the client book reads, each optional: whatever else it holds stays free-form."""

from marshmallow import fields, validate

from service_kit.schemas import Id, UTCDateTimeField

from .inputs import FreeFormSchema


class SessionFactsSchema(FreeFormSchema):
    """data.session: when the booked session starts and who teaches it (an instructor sees the clients of theirs)."""

    starts_at = UTCDateTimeField(allow_none=True)
    instructor_id = Id(allow_none=True)


class GuestFactsSchema(FreeFormSchema):
    """One of data.guests: a guest the booker brought; with an email, a client of the studio's."""

    name = fields.String(allow_none=True, validate=validate.Length(max=500))
    email = fields.Email(allow_none=True, validate=validate.Length(max=320))


class ChildFactsSchema(FreeFormSchema):
    """data.dependent: the child on the booker's family a booking's seat is for, a client of the studio's of their
    own; a booking's state carries their name, family and its guardians, its other news the id alone."""

    id = Id(required=True)
    name = fields.String(allow_none=True, validate=validate.Length(max=500))
    family_id = Id(allow_none=True)
    guardians = fields.List(Id(), allow_none=True, validate=validate.Length(max=10))


def _minor_units() -> fields.Integer:
    return fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=0, max=10**15))


class ClientFactsSchema(FreeFormSchema):
    """Keys of `data` the client book reads (bookings, attendance, feedback, passes, money, words), each optional."""

    booking_status = fields.String(allow_none=True, validate=validate.Length(max=32))
    late_cancel = fields.Boolean(allow_none=True, metadata={"description": "Cancelled inside the late-cancel window."})
    session = fields.Nested(SessionFactsSchema, allow_none=True)
    guests = fields.List(fields.Nested(GuestFactsSchema), allow_none=True)
    amount_paid, amount, price = _minor_units(), _minor_units(), _minor_units()
    currency = fields.String(allow_none=True, validate=validate.Regexp(r"^[A-Za-z]{3}$"))
    pass_id = Id(allow_none=True)
    name = fields.String(allow_none=True, validate=validate.Length(max=500))
    kind = fields.String(allow_none=True, validate=validate.Length(max=32))
    credits_left = fields.Integer(strict=True, allow_none=True)
    valid_until = UTCDateTimeField(allow_none=True)
    rating = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=1, max=5))
    guest_id = Id(allow_none=True)
    client_id = Id(allow_none=True, metadata={"description": "The client book's id (marketing_consent_withdrawn)."})
    text = fields.String(allow_none=True, validate=validate.Length(max=4096))  # a WhatsApp message's words
    dependent = fields.Nested(ChildFactsSchema, allow_none=True)
