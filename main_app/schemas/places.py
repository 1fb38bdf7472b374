"""Where an event is held, as tax needs it: the place of supply of admission to it or a stay at it."""

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.invoices import STATE_CODES
from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema

from .studios import COUNTRY


class EventPlaceSchema(BaseSchema):
    """An event's country and, in India, GST state code (both optional: null is the studio's own address)."""

    location_country = fields.String(
        allow_none=True, validate=COUNTRY, metadata={"description": "Where it is held (tax); null: the studio's"}
    )
    location_state_code = fields.String(
        allow_none=True,
        validate=validate.OneOf(STATE_CODES),
        metadata={"description": "In India, GST's state code of where it is held (30 for Goa): the place of supply"},
    )

    @validates_schema
    def _place(self, data, **_kwargs):
        if data.get("location_state_code") and data.get("location_country") not in (None, "IN"):
            raise ValidationError(
                {"location_state_code": [gettext("A GST state code is for a place in India (country IN).")]}
            )
