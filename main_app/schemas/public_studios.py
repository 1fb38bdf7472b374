"""A studio's public page at the edge: the studio, its upcoming events and its passes on sale."""

from marshmallow import fields

from service_kit.schemas import BaseSchema, Id

from .events import EventSchema
from .passes import PassSchema


class PublicStudioSchema(BaseSchema):
    id = Id()
    name = fields.String()
    slug = fields.String()
    timezone = fields.String()
    currency = fields.String()
    country = fields.String(allow_none=True)
    contact_email = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)
    embed_origins = fields.List(
        fields.String(), metadata={"description": "The sites whose pages may show its booking widget (embed.js)"}
    )
    default_language = fields.String(metadata={"description": "en, hi or mr: its page's and widget's language"})


class StudioPageSchema(BaseSchema):
    studio = fields.Nested(PublicStudioSchema)
    events = fields.List(fields.Nested(EventSchema), metadata={"description": "Upcoming, scheduled, by start"})
    events_total = fields.Integer(metadata={"description": "All its upcoming events (events holds the first 50)"})
    passes = fields.List(fields.Nested(PassSchema), metadata={"description": "On sale, oldest first"})


class SitemapSchema(BaseSchema):
    studios = fields.List(fields.String(), metadata={"description": "Open studios' slugs: pages at /studios/<slug>"})
    events = fields.List(Id(), metadata={"description": "Scheduled events not over yet: pages at /events/<id>"})
