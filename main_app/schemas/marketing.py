"""Schemas of a studio's marketing emails: the words staff send to a segment, the send's outline, the unsubscribe."""

import re

from marshmallow import ValidationError, fields, validate

from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema, PageSchema

# Line breaks and tabs are a text's own; any other control character (a header's CR LF, NUL, escapes) is refused.
TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
SUBJECT_CONTROLS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _checked(controls: re.Pattern, most: int, what: str):
    def check(value: str) -> None:
        if not value.strip():
            raise ValidationError(gettext("Must not be blank."))
        if len(value) > most:
            raise ValidationError(gettext("Longer than maximum length %(most)s.", most=most))
        if controls.search(value):
            raise ValidationError(gettext("Must not hold control characters (%(what)s).", what=what))

    return check


class MarketingEmailInSchema(BaseSchema):
    """The words to send: plain text (no HTML: it is escaped), a one-line subject; dry_run only counts."""

    subject = fields.String(
        required=True,
        validate=_checked(SUBJECT_CONTROLS, 150, "one line"),
        metadata={"example": "New: Sunday sound baths", "description": "One line, 1-150 characters."},
    )
    text = fields.String(
        required=True,
        validate=_checked(TEXT_CONTROLS, 10_000, "line breaks and tabs only"),
        metadata={
            "description": "Plain text, 1-10,000 characters; blank lines make paragraphs; HTML is shown as typed."
        },
    )
    dry_run = fields.Boolean(
        load_default=False, metadata={"description": "true: count who would get it and the cap, send nothing."}
    )


class SegmentRefSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()


class MarketingCapSchema(BaseSchema):
    per_day = fields.Integer(metadata={"description": "MARKETING_EMAILS_PER_DAY"})
    used = fields.Integer(metadata={"description": "Marketing emails the studio wrote in the last 24 hours."})
    left = fields.Integer()


class MarketingEmailOutSchema(BaseSchema):
    """The send (or, for a dry run, what it would be: no id)."""

    id = fields.Integer(metadata={"description": "The marketing email; absent on a dry run."})
    segment = fields.Nested(SegmentRefSchema)
    subject = fields.String()
    recipients = fields.Integer(metadata={"description": "Emails written (dry run: that would be), one per address."})
    left_out = fields.Integer(
        metadata={"description": "Consenting clients left out: a repeated or unusable address, unsubscribed since."}
    )
    cap = fields.Nested(MarketingCapSchema)
    created_at = fields.DateTime()


class UnsubscribeQuerySchema(BaseSchema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=1000))


class StudioNameSchema(BaseSchema):
    name = fields.String()
    slug = fields.String()


class MarketingOptOutSchema(BaseSchema):
    studio = fields.Nested(StudioNameSchema)
    unsubscribed = fields.Boolean(metadata={"description": "true: this client gets no more of the studio's."})


class SenderSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String(allow_none=True)


class SentEmailSchema(BaseSchema):
    """A marketing email sent: its words, to which segment, how many it went to and unsubscribed through it."""

    id = fields.Integer()
    segment = fields.Nested(SegmentRefSchema)
    subject = fields.String()
    text = fields.String()
    recipients = fields.Integer()
    unsubscribed = fields.Integer(metadata={"description": "Recipients who clicked its unsubscribe link."})
    sent_by = fields.Nested(SenderSchema)
    created_at = fields.DateTime()


class SentEmailPageSchema(PageSchema):
    items = fields.List(fields.Nested(SentEmailSchema))
