"""Schemas of POST /bookings/book with what its request may carry beside the seats (the WhatsApp opt-in, the child
the seat is for), and its answer with what became of that opt-in."""

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema, Id

from .bookings import BookingSchema, BookRequestSchema


class BookWithOptInSchema(BookRequestSchema):
    """A booking request, with the person's WhatsApp opt-in (the flag and the words they were shown) and the child
    it is for."""

    dependent_id = Id(
        load_default=None,
        allow_none=True,
        metadata={"description": "The seat is for this child of my family (GET /me/family/children); null: for me"},
    )
    whatsapp_opt_in = fields.Boolean(
        load_default=False,
        metadata={"description": "Opt in to WhatsApp messages about bookings, in the booking's transaction"},
    )
    whatsapp_wording = fields.String(
        load_default=None,
        validate=validate.Length(min=1, max=2000),
        metadata={"description": "The opt-in's words as shown (GET /auth/me/whatsapp's wording); to opt in"},
    )

    @validates_schema
    def _whatsapp_wording_to_opt_in(self, data, **_kwargs):
        if data.get("whatsapp_opt_in") and not data.get("whatsapp_wording"):
            raise ValidationError(gettext("Give the words shown to opt in."), field_name="whatsapp_wording")


class BookingWhatsappSchema(BaseSchema):
    opted_in = fields.Boolean(metadata={"description": "The person's WhatsApp opt-in stands (recorded, or already)"})
    reason = fields.String(
        allow_none=True,
        metadata={"description": "Why nothing was recorded: no_proved_phone, or stopped (the number sent STOP)"},
    )


class BookedSchema(BookingSchema):
    """The booking made, and (asked with whatsapp_opt_in) what became of the opt-in."""

    whatsapp = fields.Nested(
        BookingWhatsappSchema, metadata={"description": "Only when the request had whatsapp_opt_in"}
    )
