"""What the CRM answers: notifications, bookings, batches, counts and health."""

import marshmallow as ma
from marshmallow import fields, validate

from service_kit.schemas import APIErrorBodySchema, PageSchema


class UserOutSchema(ma.Schema):
    id = fields.Integer(allow_none=True)
    name = fields.String(allow_none=True)
    email = fields.String(allow_none=True, metadata={"description": "Masked for anonymous readers."})


class EventOutSchema(ma.Schema):
    id = fields.Integer(allow_none=True)
    title = fields.String(allow_none=True)
    start_date = fields.String(allow_none=True)


class BatchOutSchema(ma.Schema):
    id = fields.String(metadata={"description": "Its summary's notification_id: list the members with ?batch_id="})
    count = fields.Integer(metadata={"description": "How many members have arrived."})
    unread = fields.Integer(metadata={"description": "How many of them are unread."})


class NotificationOutSchema(ma.Schema):
    id = fields.Integer()
    notification_id = fields.String()
    type = fields.String()
    source_format = fields.String(metadata={"enum": ["nested", "flat", "typed"]})
    booking_id = fields.Integer(allow_none=True)
    session_id = fields.Integer(allow_none=True)
    facilitator_id = fields.Integer(allow_none=True)
    studio_id = fields.Integer(allow_none=True, metadata={"description": "The studio whose event or pass it is."})
    user = fields.Nested(UserOutSchema)
    event = fields.Nested(EventOutSchema)
    message = fields.String(allow_none=True)
    data = fields.Dict(allow_none=True)
    occurred_at = fields.DateTime(allow_none=True)
    received_at = fields.DateTime()
    read = fields.Boolean(
        metadata={"description": "Whether the facilitator has opened it (an inbox entry: it and all its members)."}
    )
    read_at = fields.DateTime(allow_none=True)
    batch_id = fields.String(
        allow_none=True, metadata={"description": "A batch member: the notification_id of the batch's summary."}
    )
    batch = fields.Nested(
        BatchOutSchema,
        allow_none=True,
        metadata={"description": "In a facilitator's list: the batch this entry stands for (null: none)."},
    )


class NotifyResultSchema(ma.Schema):
    status = fields.String(metadata={"enum": ["stored", "duplicate"]})
    duplicate = fields.Boolean()
    notification = fields.Nested(NotificationOutSchema)


class BatchItemResultSchema(ma.Schema):
    notification_id = fields.String(
        allow_none=True, metadata={"description": "The item's own id; null when it had no valid one."}
    )
    status = fields.String(
        metadata={
            "enum": ["stored", "duplicate", "invalid"],
            "description": "stored: new; duplicate: stored before (or earlier in this batch), kept as it was; "
            "invalid: refused, see error (what /notify would have answered 400 with).",
        }
    )
    error = fields.Nested(APIErrorBodySchema, metadata={"description": "Only for an invalid item."})


class NotifyBatchResultSchema(ma.Schema):
    results = fields.List(
        fields.Nested(BatchItemResultSchema), metadata={"description": "One per item, in the order sent."}
    )
    stored = fields.Integer()
    duplicate = fields.Integer()
    invalid = fields.Integer()


class NotificationPageSchema(PageSchema):
    items = fields.List(fields.Nested(NotificationOutSchema))
    unread = fields.Integer(metadata={"description": "Unread notifications the caller can see, whatever the filters."})


class UnreadCountSchema(ma.Schema):
    unread = fields.Integer()


class ReadAllResultSchema(ma.Schema):
    marked = fields.Integer()
    unread = fields.Integer()


class BookingOutSchema(ma.Schema):
    booking_id = fields.Integer()
    status = fields.String(metadata={"enum": ["active", "cancelled"]})
    user = fields.Nested(UserOutSchema)
    event = fields.Nested(EventOutSchema)
    session_id = fields.Integer(allow_none=True)
    booked_at = fields.DateTime(allow_none=True, metadata={"description": "When booking_created happened."})
    updated_at = fields.DateTime(metadata={"description": "When the latest change happened."})
    cancel_reason = fields.String(allow_none=True)


class BookingPageSchema(PageSchema):
    items = fields.List(fields.Nested(BookingOutSchema))


class ForwardedSchema(ma.Schema):
    """Docs only: whatever JSON the main API answered, handed on as it is."""

    class Meta:
        unknown = ma.INCLUDE


class ForwardedPageArgsSchema(ma.Schema):
    """Docs only: the query string of a forwarded list, checked by the main API."""

    page = fields.Integer(validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(validate=validate.Range(min=1, max=100))


class EventChangesSchema(ma.Schema):
    """Docs only: the body of a forwarded event edit, checked by the main API (at least one field)."""

    title = fields.String(validate=validate.Length(min=1, max=200))
    description = fields.String(validate=validate.Length(max=5000))
    kind = fields.String(validate=validate.OneOf(["session", "retreat"]))
    location = fields.String(validate=validate.Length(max=200))
    timezone = fields.String(metadata={"description": "IANA time zone name, e.g. Asia/Kolkata"})


class ReasonSchema(ma.Schema):
    """Docs only: the optional body of a forwarded cancellation."""

    reason = fields.String(validate=validate.Length(max=500))


class HealthSchema(ma.Schema):
    status = fields.String()
    service = fields.String()
    storage = fields.String()
    time = fields.DateTime()
