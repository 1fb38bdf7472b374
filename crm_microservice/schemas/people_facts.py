"""Studio automations' schemas: what the main API asks of a studio's client book about many accounts at once (the
service token) and the answer, and the data of the automations' own notifications (a tag added or removed, a task
for the studio's staff)."""

import marshmallow as ma
from marshmallow import fields, validate

from service_kit.schemas import BaseSchema, Id

from .clients import TAG_PATTERN
from .inputs import FreeFormSchema, text_field
from .segments import timezone_field

MOST_PEOPLE = 500
MOST_SEGMENTS = 20
TAG_LENGTH = 50  # an automation's tag; staff's may be longer (TAG_PATTERN's 64)
AUTOMATION_NAME_LENGTH = 200


class PeopleFactsInSchema(BaseSchema):
    """The accounts (by the main API's user id) and the studio's segments the answer is about."""

    user_ids = fields.List(
        Id(),
        required=True,
        validate=validate.Length(min=1, max=MOST_PEOPLE),
        metadata={"description": "One item answers each, in this order (an id twice: twice)."},
    )
    segment_ids = fields.List(
        Id(),
        load_default=list,
        validate=validate.Length(max=MOST_SEGMENTS),
        metadata={"description": "The studio's segments to test each client against (404 for one of another's)."},
    )
    timezone = timezone_field()


class PersonFactsSchema(ma.Schema):
    user_id = fields.Integer()
    client_id = fields.Integer(
        allow_none=True,
        metadata={"description": "The client's id in the book (null: none): what an unsubscribe names."},
    )
    known = fields.Boolean(metadata={"description": "false: the studio's book has no client of this account."})
    tags = fields.List(
        fields.String(), metadata={"description": "Lower case, alphabetical (with those merged into them)."}
    )
    segment_ids = fields.List(
        fields.Integer(), metadata={"description": "The asked segments the client is in now, in the asked order."}
    )
    marketing_consent = fields.Boolean(metadata={"description": "Consent given and not withdrawn."})
    consent_at = fields.DateTime(allow_none=True, metadata={"description": "When consent was given; null: not given."})
    email = fields.String(allow_none=True)


class PeopleFactsSchema(ma.Schema):
    items = fields.List(fields.Nested(PersonFactsSchema), metadata={"description": "One per asked id, in order."})


class TagChangeSchema(FreeFormSchema):
    """data of client_tag_added and client_tag_removed: which tag, by which automation."""

    tag = fields.String(required=True, validate=[validate.Length(max=TAG_LENGTH), validate.Regexp(TAG_PATTERN)])
    automation_id = Id(required=True)


class AutomationTaskSchema(FreeFormSchema):
    """data of automation_task: the automation that set the task (its text is the notification's message)."""

    automation_id = Id(required=True)
    automation_name = text_field(AUTOMATION_NAME_LENGTH, required=True)
