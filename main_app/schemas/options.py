"""Room options as a facilitator gives them with a session (create, edit); a series refuses them."""

from marshmallow import ValidationError, fields, validate

from main_app.services.languages import gettext, lazy_gettext
from service_kit.schemas import BaseSchema, Id

from .session_fields import PRICE

MAX_OPTIONS, MAX_OPTION_CAPACITY = 20, 10_000
NOT_IN_A_SERIES = lazy_gettext("Room options are offered on single sessions, not on a recurring series.")


class NewOptionSchema(BaseSchema):
    """A room option as a facilitator gives it: its name, price per seat and seats."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=100), metadata={"example": "Shared twin"})
    price = fields.Integer(**PRICE)
    capacity = fields.Integer(
        strict=True, required=True, validate=validate.Range(min=1, max=MAX_OPTION_CAPACITY), metadata={"example": 12}
    )


class OptionChangeSchema(NewOptionSchema):
    """Editing a session: an option to keep (and change) names its id; one without an id is new."""

    id = Id(metadata={"description": "The option to change; without it, a new option"})


def _distinct(options: list) -> None:
    names = [option["name"].strip().casefold() for option in options]
    if len(set(names)) != len(names):
        raise ValidationError(gettext("Each option needs its own name."))
    ids = [option["id"] for option in options if "id" in option]
    if len(set(ids)) != len(ids):
        raise ValidationError(gettext("Each option may be given once."))


OPTIONS = {
    "validate": [validate.Length(max=MAX_OPTIONS), _distinct],
    "metadata": {
        "description": "Room options, each with its own price and seats (the session's capacity still caps the "
        "total); a booking of the session then names one. Editing: the full list (options left out are removed, "
        "refused while they hold seats or people wait for them)."
    },
}


def _refuse(_value) -> None:
    raise ValidationError(str(NOT_IN_A_SERIES))


NO_OPTIONS_IN_A_SERIES = fields.Raw(
    load_only=True, validate=_refuse, metadata={"description": f"Not allowed (400): {NOT_IN_A_SERIES}"}
)
