"""What the CRM accepts: the three /notify shapes, a batch's items and the list queries."""

import datetime as dt

import marshmallow as ma
from marshmallow import fields, validate

from service_kit.schemas import BaseSchema, Id, UTCDateTimeField

TYPE_PATTERN = r"^[a-z][a-z0-9_.]{0,63}$"
NOTIFICATION_ID_PATTERN = r"^[A-Za-z0-9._:\-]{1,64}$"
DEFAULT_TYPE = "booking_created"
ACTOR_ROLES = ("user", "facilitator", "admin")
MAX_BATCH_ITEMS = 500


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ma.ValidationError("Must not be blank.")


def _iso_datetime(value: str) -> None:
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        raise ma.ValidationError("Not a valid ISO 8601 date-time.") from None


def text_field(max_length: int, **kwargs) -> fields.String:
    """A non-blank string of at most max_length characters."""
    return fields.String(validate=[validate.Length(min=1, max=max_length), _not_blank], **kwargs)


DATA_DESCRIPTION = (
    "Free-form context, kept as sent. The CRM reads two keys when present: actor {id, role: user | facilitator | "
    "admin}, who made the change (the notification's own facilitator: it is stored read), and batch_id, the "
    "notification_id of the summary this one is part of (one entry in the facilitator's inbox)."
)


def data_field() -> fields.Dict:
    """The free-form `data` object every shape may carry."""
    return fields.Dict(keys=fields.String(), allow_none=True, metadata={"description": DATA_DESCRIPTION})


def type_field(**kwargs) -> fields.String:
    """A notification type such as booking_created or event.updated."""
    return fields.String(
        validate=validate.Regexp(
            TYPE_PATTERN,
            error="Must be lowercase letters, digits, '_' or '.', starting with a letter, at most 64 characters.",
        ),
        **kwargs,
    )


def notification_Id(**kwargs) -> fields.String:
    """A client-chosen id that makes a notification idempotent."""
    return fields.String(
        validate=validate.Regexp(NOTIFICATION_ID_PATTERN, error="Must be 1-64 characters of A-Z a-z 0-9 . _ : -"),
        **kwargs,
    )


OTHER_NAME = (
    "Their name in another script (प्रिया शर्मा beside Priya Sharma); null: none (the book forgets it); absent: as was."
)


class UserSchema(BaseSchema):
    id = Id(required=True)
    name = text_field(500, required=True)
    other_name = fields.String(allow_none=True, validate=validate.Length(max=500), metadata={"description": OTHER_NAME})
    email = fields.Email(required=True, validate=validate.Length(max=320))
    phone = fields.String(
        allow_none=True,
        validate=validate.Regexp(r"^\+[1-9][0-9]{6,14}$", error="Must be an E.164 number such as +919812345678."),
        metadata={"description": "E.164; the client book keeps it. Absent when the person gave none."},
    )


class EventSchema(BaseSchema):
    id = Id(required=True)
    title = text_field(500, required=True)
    start_date = fields.String(required=True, validate=[validate.Length(max=64), _iso_datetime])


class ExtrasSchema(BaseSchema):
    """Optional fields the nested and flat shapes share."""

    type = type_field(load_default=DEFAULT_TYPE)
    session_id = Id(allow_none=True)
    occurred_at = UTCDateTimeField(allow_none=True)
    notification_id = notification_Id(allow_none=True)
    message = fields.String(allow_none=True, validate=validate.Length(max=2000))
    data = data_field()


class NestedNotificationSchema(ExtrasSchema):
    """Seed 000: user and event as objects."""

    booking_id = Id(required=True)
    user = fields.Nested(UserSchema, required=True)
    event = fields.Nested(EventSchema, required=True)
    facilitator_id = Id(required=True)
    studio_id = Id(allow_none=True)


class FlatNotificationSchema(ExtrasSchema):
    """Seed 004: user name and event title as strings."""

    booking_id = Id(required=True)
    user = text_field(500, required=True)
    event = text_field(500, required=True)
    facilitator_id = Id(required=True)


class TypedNotificationSchema(BaseSchema):
    """Seed 001 client: type, user_id, message, data, timestamp."""

    type = type_field()
    notification_type = type_field()
    user_id = Id(
        required=True,
        allow_none=True,
        metadata={"description": "The person's account; null for news about no account (a guest client's consent)."},
    )
    message = fields.String(required=True, validate=validate.Length(max=2000))
    data = data_field()
    # The seed client's argument names: notification_type is type's other name, additional_data is data's.
    additional_data = data_field()
    timestamp = UTCDateTimeField(allow_none=True)
    notification_id = notification_Id(allow_none=True)
    booking_id = Id(allow_none=True)
    session_id = Id(allow_none=True)
    event_id = Id(allow_none=True)
    facilitator_id = Id(allow_none=True)
    studio_id = Id(allow_none=True)

    @ma.validates_schema
    def _one_data(self, data: dict, **_kwargs) -> None:
        if "data" in data and "additional_data" in data:
            raise ma.ValidationError("Give data or additional_data (its other name), not both.", "additional_data")

    @ma.post_load
    def _data_by_its_name(self, data: dict, **_kwargs) -> dict:
        """additional_data read as data, so every reader finds it there."""
        if "additional_data" in data:
            data["data"] = data.pop("additional_data")
        return data


class FreeFormSchema(BaseSchema):
    """Keys the CRM reads out of `data`, which stays free-form: whatever else it holds is kept, not refused."""

    class Meta:
        unknown = ma.EXCLUDE


class TypedDataIdsSchema(FreeFormSchema):
    """Ids the typed shape carries inside `data`."""

    booking_id = Id(allow_none=True)
    session_id = Id(allow_none=True)
    event_id = Id(allow_none=True)
    facilitator_id = Id(allow_none=True)


class ActorSchema(FreeFormSchema):
    """data.actor: who made the change (the main API's user)."""

    id = Id(required=True)
    role = fields.String(validate=validate.OneOf(ACTOR_ROLES))


class DataExtrasSchema(FreeFormSchema):
    """Keys of `data` (any shape) the CRM acts on: actor (an own action arrives read) and batch_id (inbox grouping)."""

    actor = fields.Nested(ActorSchema, allow_none=True)
    batch_id = notification_Id(allow_none=True)


class NotificationQuerySchema(BaseSchema):
    """Filters and pagination of GET /notifications; since is inclusive, until exclusive."""

    type = type_field()
    facilitator_id = Id(strict=False)
    studio_id = Id(strict=False)
    booking_id = Id(strict=False)
    user_id = Id(strict=False)
    event_id = Id(strict=False)
    session_id = Id(strict=False)
    notification_id = notification_Id()
    batch_id = notification_Id(
        metadata={
            "description": "The members of a batch (the notification_id of its summary): for a facilitator, "
            "what the inbox entry of that batch stands for."
        }
    )
    since = UTCDateTimeField()
    until = UTCDateTimeField()
    unread = fields.Boolean(metadata={"description": "true: only unread; false: only read."})
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class InboxQuerySchema(BaseSchema):
    """Which inbox a read mark or count is of: a studio's (studio_id), else the facilitator's own."""

    studio_id = Id(
        strict=False,
        metadata={"description": "The studio whose inbox: the token's inbox_studios claim must name it."},
    )


class BookingQuerySchema(BaseSchema):
    """Filters and pagination of GET /api/facilitator/<id>/bookings."""

    status = fields.String(validate=validate.OneOf(["active", "cancelled"]))
    event_id = Id(strict=False)
    session_id = Id(strict=False)
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class RestoredRowSchema(FreeFormSchema):
    """One row of a moved studio's client book (client_book_restored): its client by account or guest email, then
    what the row brings (consent and a guest's details, a note, or a tag)."""

    user_id = Id(allow_none=True)
    guest_email = fields.Email(allow_none=True, validate=validate.Length(max=320))
    name = fields.String(allow_none=True, validate=validate.Length(max=500))
    email = fields.Email(allow_none=True, validate=validate.Length(max=320))
    phone = fields.String(allow_none=True, validate=validate.Length(max=32))
    marketing_consent = fields.Boolean(allow_none=True)
    consent_at = UTCDateTimeField(allow_none=True)
    consent_how = fields.String(allow_none=True, validate=validate.Length(max=200))
    author_name = fields.String(allow_none=True, validate=validate.Length(max=500))
    text = text_field(5000, allow_none=True)
    created_at = UTCDateTimeField(allow_none=True)
    edited_at = UTCDateTimeField(allow_none=True)
    tag = fields.String(allow_none=True, validate=validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9 _\-]{0,63}$"))

    @ma.validates_schema
    def _names_a_client(self, data: dict, **_kwargs) -> None:
        if data.get("user_id") is None and not data.get("guest_email"):
            raise ma.ValidationError("A row names its client: user_id or guest_email.")


class RestoredBookSchema(FreeFormSchema):
    """data of client_book_restored: a page of one of the client book's files, and who imported it."""

    file = fields.String(required=True, validate=validate.OneOf(["client_book", "client_notes", "client_tags"]))
    rows = fields.List(fields.Nested(RestoredRowSchema), required=True, validate=validate.Length(max=5000))
    author_id = Id(required=True)

    @ma.validates_schema
    def _rows_bring_their_file(self, data: dict, **_kwargs) -> None:
        needs = {"client_notes": ("text", "created_at"), "client_tags": ("tag",)}.get(data.get("file"), ())
        for name in needs:
            if any(row.get(name) is None for row in data.get("rows", ())):
                raise ma.ValidationError(f"Each row of {data['file']} has its {name}.", "rows")
