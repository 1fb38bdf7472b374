"""The client book's schemas: list and profile queries, notes and tags in, clients and their profile out."""

import marshmallow as ma
from marshmallow import fields, validate

from service_kit.schemas import BaseSchema, Id, PageSchema

from .inputs import text_field

TAG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 _\-]{0,63}$"
SORTS = ("name",)


def _page_fields() -> tuple:
    return (
        fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000)),
        fields.Integer(load_default=20, validate=validate.Range(min=1, max=100)),
    )


class ClientExportQuerySchema(BaseSchema):
    """Filters of a studio's client list, and of its CSV download (every page)."""

    q = fields.String(
        validate=validate.Length(min=1, max=200),
        metadata={
            "description": "Typo-tolerant search by name (either script: name or other_name), email or phone (its "
            "digits), best match first."
        },
    )
    tag = fields.String(validate=validate.Regexp(TAG_PATTERN), metadata={"description": "Clients with this tag."})
    segment = Id(strict=False, metadata={"description": "The clients of this saved segment (needs clients.view)."})


class ClientQuerySchema(ClientExportQuerySchema):
    """Filters, order and pagination of a studio's client list."""

    sort = fields.String(
        validate=validate.OneOf(SORTS),
        metadata={
            "description": "name: by name, the same order on every database (Latin A to Z, then Devanagari as Hindi "
            "dictionaries order it: docs/client-book.md). Absent: the best match first for q, else the most "
            "recently seen first."
        },
    )
    page, per_page = _page_fields()


class PersonQuerySchema(BaseSchema):
    child = fields.List(
        Id(strict=False),
        load_default=list,
        validate=validate.Length(max=50),
        metadata={"description": "The children on the person's family (repeated): their client rows too."},
    )


class ProfileQuerySchema(BaseSchema):
    """Pagination of a client's timeline."""

    page, per_page = _page_fields()


class NoteInSchema(BaseSchema):
    text = text_field(5000, required=True)


class TagsInSchema(BaseSchema):
    tags = fields.List(
        fields.String(validate=validate.Regexp(TAG_PATTERN, error="Letters, digits, spaces, '-' or '_', ≤ 64.")),
        required=True,
        validate=validate.Length(max=50),
        metadata={"description": "The client's tags from now on (lower-cased, each once); [] removes them all."},
    )


class ConsentInSchema(BaseSchema):
    marketing = fields.Boolean(required=True, metadata={"description": "Given (true) or withdrawn or refused (false)."})
    how = text_field(200, required=True, metadata={"description": "How it was given, e.g. 'signed form at the desk'."})


class CardsInSchema(BaseSchema):
    emails = fields.List(
        fields.Email(validate=validate.Length(max=320)),
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "The emails of the people booked into a session (theirs and their guests')."},
    )


class MergeInSchema(BaseSchema):
    into = Id(required=True, metadata={"description": "The client this one is merged into (the one kept)."})


class MergeOutSchema(ma.Schema):
    id = fields.Integer()
    merged_into = fields.Integer(allow_none=True)
    merged_at = fields.DateTime(allow_none=True)


class ConsentOutSchema(ma.Schema):
    marketing = fields.Boolean(allow_none=True, metadata={"description": "null: never asked."})
    at = fields.DateTime(allow_none=True)
    how = fields.String(allow_none=True)
    recorded_by = fields.Integer(allow_none=True, metadata={"description": "The member of staff who recorded it."})


class MergedOutSchema(ma.Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    merged_at = fields.DateTime()


class TagsOutSchema(ma.Schema):
    tags = fields.List(fields.String())


class ClientOutSchema(ma.Schema):
    id = fields.Integer()
    user_id = fields.Integer(allow_none=True, metadata={"description": "The main API's account; none for a guest."})
    guest = fields.Boolean(metadata={"description": "A guest with an email who has no account."})
    child = fields.Boolean(
        metadata={"description": "A child on an account's family, booked by a guardian: no email, phone or consent."}
    )
    name = fields.String(allow_none=True)
    other_name = fields.String(
        allow_none=True,
        metadata={"description": "Their name in another script, as they gave it beside name (प्रिया शर्मा)."},
    )
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    first_seen_at = fields.DateTime(allow_none=True)
    last_seen_at = fields.DateTime(allow_none=True)
    first_visit_at = fields.DateTime(allow_none=True, metadata={"description": "The first session they attended."})
    last_visit_at = fields.DateTime(allow_none=True)
    bookings = fields.Integer()
    visits = fields.Integer()
    no_shows = fields.Integer()
    late_cancels = fields.Integer()
    feedback_given = fields.Integer()
    guest_bookings = fields.Integer(metadata={"description": "Bookings they were brought to as a guest."})


class ClientPageSchema(PageSchema):
    items = fields.List(fields.Nested(ClientOutSchema))


class PassOutSchema(ma.Schema):
    pass_id = fields.Integer()
    name = fields.String(allow_none=True)
    kind = fields.String(allow_none=True)
    credits_left = fields.Integer(allow_none=True)
    valid_until = fields.DateTime(allow_none=True)
    status = fields.String(metadata={"enum": ["active", "lapsed", "ended"]})


class MoneyOutSchema(ma.Schema):
    currency = fields.String()
    spent = fields.Integer(metadata={"description": "Minor units, in all."})
    refunded = fields.Integer(metadata={"description": "Minor units, in all."})


class AuthorSchema(ma.Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)


class NoteOutSchema(ma.Schema):
    id = fields.Integer()
    text = fields.String()
    author = fields.Nested(AuthorSchema)
    created_at = fields.DateTime()
    edited_at = fields.DateTime(allow_none=True)


class WhatsappEntrySchema(ma.Schema):
    text = fields.String(allow_none=True, metadata={"description": "Their words, or staff's; null: not a text."})
    stopped = fields.Boolean(allow_none=True, metadata={"description": "The number had sent STOP (received)."})
    window_closes_at = fields.String(allow_none=True, metadata={"description": "When their window closes (received)."})
    sent_by = fields.Dict(allow_none=True, metadata={"description": "{id, name} of who answered (answered)."})
    message_id = fields.String(allow_none=True, metadata={"description": "The main API's outbox id (answered)."})


class TimelineEntrySchema(ma.Schema):
    id = fields.Integer(metadata={"description": "The notification's id."})
    type = fields.String()
    message = fields.String(allow_none=True)
    booking_id = fields.Integer(allow_none=True)
    session_id = fields.Integer(allow_none=True)
    event_id = fields.Integer(allow_none=True)
    event_title = fields.String(allow_none=True)
    occurred_at = fields.DateTime(allow_none=True)
    received_at = fields.DateTime()
    whatsapp = fields.Nested(
        WhatsappEntrySchema, metadata={"description": "A WhatsApp message's (whatsapp_received, whatsapp_answered)."}
    )


class TimelinePageSchema(PageSchema):
    items = fields.List(fields.Nested(TimelineEntrySchema))


class RelativeSchema(ma.Schema):
    id = fields.Integer(metadata={"description": "Their client in this studio's book."})
    name = fields.String(allow_none=True)


class FamilyOutSchema(ma.Schema):
    guardians = fields.List(fields.Nested(RelativeSchema), metadata={"description": "Of a child: who books for them."})
    children = fields.List(fields.Nested(RelativeSchema), metadata={"description": "The family's children here."})


class ProfileSchema(ClientOutSchema):
    bookings_ahead = fields.Integer(metadata={"description": "Active bookings of sessions still to start."})
    active_passes = fields.Integer()
    credits_left = fields.Integer(metadata={"description": "On the good passes, in all."})
    membership = fields.String(metadata={"enum": ["active", "lapsed", "ended", "none"]})
    money = fields.List(
        fields.Nested(MoneyOutSchema),
        metadata={"description": "Lifetime spend and refunds per currency; absent for an instructor (clients.own)."},
    )
    consent = fields.Nested(ConsentOutSchema)
    merged = fields.List(
        fields.Nested(MergedOutSchema),
        metadata={"description": "Clients merged into this one: their records are counted here."},
    )
    passes = fields.List(fields.Nested(PassOutSchema))
    tags = fields.List(fields.String())
    notes = fields.List(fields.Nested(NoteOutSchema), metadata={"description": "Staff notes, newest first."})
    timeline = fields.Nested(TimelinePageSchema, metadata={"description": "Notifications about them, newest first."})
    family = fields.Nested(
        FamilyOutSchema, allow_none=True, metadata={"description": "The family a child or a guardian is in; none."}
    )


class CardSchema(ma.Schema):
    email = fields.String(metadata={"description": "As asked, in lower case."})
    client = fields.Nested(ClientOutSchema, allow_none=True, metadata={"description": "None: nobody the caller sees."})
    tags = fields.List(fields.String())
    notes = fields.List(fields.Nested(NoteOutSchema), metadata={"description": "The newest three."})
    notes_total = fields.Integer()


class CardListSchema(ma.Schema):
    items = fields.List(fields.Nested(CardSchema))
