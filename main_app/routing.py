"""URL converters."""
from werkzeug.routing import BaseConverter, IntegerConverter

from .schemas.common import MAX_ID


class IdConverter(IntegerConverter):
    """<id:name>: a positive id that fits the database's integer columns; others are a plain 404."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=MAX_ID)


class MessageIdConverter(BaseConverter):
    """<message_id:name>: an outbox id, 32 lower-case hex characters; anything else is a plain 404."""

    regex = "[0-9a-f]{32}"
