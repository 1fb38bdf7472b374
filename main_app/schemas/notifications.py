"""The notification centre at the edge: a page of notices, and which to mark read."""

from marshmallow import fields, validate, validates_schema
from marshmallow.exceptions import ValidationError

from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema, Id


class NotificationSchema(BaseSchema):
    id = fields.Integer()
    kind = fields.String(metadata={"description": "booking_confirmed, reminder_2h, waitlist_joined, ..."})
    title = fields.String()
    body = fields.String()
    link = fields.String(metadata={"description": "Where in the web app it leads, a path such as /bookings."})
    booking_id = fields.Integer(allow_none=True)
    session_id = fields.Integer(allow_none=True)
    created_at = fields.AwareDateTime()
    read_at = fields.AwareDateTime(allow_none=True)


class NotificationPageSchema(BaseSchema):
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    pages = fields.Integer()
    unread = fields.Integer(metadata={"description": "How many of all the caller's notices are unread."})
    items = fields.List(fields.Nested(NotificationSchema), metadata={"description": "Unread first, newest first."})


class MarkReadSchema(BaseSchema):
    """{"ids": [...]} marks those, {"all": true} every one; exactly one of the two."""

    ids = fields.List(Id(), validate=validate.Length(min=1, max=100))
    all = fields.Boolean()

    @validates_schema
    def one_of_the_two(self, data, **_kwargs):
        if ("ids" in data) == bool(data.get("all")):
            raise ValidationError(gettext('Give "ids" (a list of notification ids) or "all": true, not both.'))


class MarkedSchema(BaseSchema):
    marked = fields.Integer(metadata={"description": "How many notices this marked read."})
    unread = fields.Integer(metadata={"description": "How many stay unread."})
