"""URL converters."""
from werkzeug.routing import IntegerConverter

from .schemas.common import MAX_ID


class IdConverter(IntegerConverter):
    """<id:name>: a positive id that fits the database's integer columns; others are a plain 404."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=MAX_ID)
