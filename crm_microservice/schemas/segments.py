"""Segments' schemas: the filter language (a small JSON object, every key optional, all given must hold), a segment
in and out, and the presets."""

import marshmallow as ma
from marshmallow import fields, validate

from service_kit.schemas import BaseSchema

from .clients import TAG_PATTERN
from .inputs import text_field

DAYS = validate.Range(min=1, max=3650)


class NoShowsSchema(BaseSchema):
    at_least = fields.Integer(required=True, validate=validate.Range(min=1, max=1000))
    days = fields.Integer(
        required=True, validate=DAYS, metadata={"description": "Sessions that started this many days ago or fewer."}
    )


class SegmentFiltersSchema(BaseSchema):
    """A segment's filter: the clients meeting every key given."""

    no_visit_in_days = fields.Integer(
        validate=DAYS, metadata={"description": "No visit (attended session) in the last N days, or none ever."}
    )
    pack_credits_at_most = fields.Integer(
        validate=validate.Range(min=0, max=1000),
        metadata={"description": "Holds a good pack (active, not past valid_until) with at most N credits left."},
    )
    first_visit_this_month = fields.Boolean(
        validate=validate.Equal(True, error="Only true: leave the key out otherwise."),
        metadata={"description": "Their first visit was in this calendar month (UTC: the CRM has no studio clock)."},
    )
    member = fields.Boolean(metadata={"description": "true: a good membership; false: none good."})
    tag = fields.String(validate=validate.Regexp(TAG_PATTERN), metadata={"description": "Carries this tag."})
    no_shows = fields.Nested(
        NoShowsSchema, metadata={"description": "At least `at_least` no-shows at sessions in the last `days` days."}
    )
    marketing_consent = fields.Boolean(metadata={"description": "true: consent given; false: refused or never asked."})


def _filters_field(**kwargs) -> fields.Nested:
    return fields.Nested(
        SegmentFiltersSchema, validate=validate.Length(min=1, error="Name at least one filter."), **kwargs
    )


class SegmentInSchema(BaseSchema):
    name = text_field(100, required=True)
    filters = _filters_field(required=True)


class SegmentPatchSchema(BaseSchema):
    name = text_field(100)
    filters = _filters_field()


class SegmentOutSchema(ma.Schema):
    id = fields.Integer()
    name = fields.String()
    filters = fields.Nested(SegmentFiltersSchema)
    count = fields.Integer(metadata={"description": "How many of the studio's clients it holds now."})
    created_by = fields.Integer()
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class SegmentListSchema(ma.Schema):
    items = fields.List(fields.Nested(SegmentOutSchema), metadata={"description": "Alphabetical."})


class PresetSchema(ma.Schema):
    key = fields.String()
    name = fields.String()
    description = fields.String()
    filters = fields.Nested(SegmentFiltersSchema)


class PresetListSchema(ma.Schema):
    items = fields.List(fields.Nested(PresetSchema))


def timezone_field() -> fields.String:
    """The studio's IANA time zone, for the segments' "this month" (UTC by default and for a name unknown)."""
    return fields.String(
        load_default="UTC",
        validate=validate.Regexp(r"^[A-Za-z0-9_+\-/]{1,64}$"),
        metadata={"description": "The studio's IANA time zone: its calendar month (UTC when unknown)."},
    )


class RecipientQuerySchema(BaseSchema):
    """How many of a segment's consenting clients the main API takes at most (its daily cap bounds it)."""

    limit = fields.Integer(load_default=1000, validate=validate.Range(min=1, max=10_000))
    timezone = timezone_field()


class RecipientSchema(ma.Schema):
    client_id = fields.Integer()
    name = fields.String()
    email = fields.String()
    consent_at = fields.DateTime(allow_none=True, metadata={"description": "When consent was given."})


class SegmentNameSchema(ma.Schema):
    id = fields.Integer()
    name = fields.String()


class RecipientListSchema(ma.Schema):
    """A segment's clients who gave marketing consent, one per address (the lowest client id), by id."""

    segment = fields.Nested(SegmentNameSchema)
    total = fields.Integer(metadata={"description": "How many there are in all; items holds at most limit."})
    items = fields.List(fields.Nested(RecipientSchema))


class BookPageQuerySchema(BaseSchema):
    """A page of a studio's client book for its export: the rows after an id, at most limit."""

    after = fields.Integer(load_default=0, validate=validate.Range(min=0))
    limit = fields.Integer(load_default=1000, validate=validate.Range(min=1, max=10_000))


class BookPageSchema(ma.Schema):
    columns = fields.List(fields.String())
    rows = fields.List(fields.List(fields.Raw()))
    next_after = fields.Integer(allow_none=True, metadata={"description": "Ask again with after=this; null: done"})
