"""URL converters."""

from werkzeug.routing import BaseConverter, IntegerConverter

from .schemas.common import MAX_ID


def up_to(limit: int) -> str:
    """A regex for the decimal numbers 1..limit, without leading zeros."""
    digits = str(limit)
    shorter = [f"[1-9][0-9]{{0,{len(digits) - 2}}}"] if len(digits) > 1 else []
    # Same length: the first i digits of limit, then a smaller digit, then any digits.
    same_length = [
        f"{digits[:i]}[{'1' if i == 0 else '0'}-{int(d) - 1}][0-9]{{{len(digits) - i - 1}}}"
        for i, d in enumerate(digits)
        if int(d) > (1 if i == 0 else 0)
    ]
    return f"(?:{'|'.join([*shorter, *same_length, digits])})"


class IdConverter(IntegerConverter):
    """<id:name>: a positive id that fits the database's integer columns; others are a plain 404."""

    # The range is in the regex: a value werkzeug's matcher refuses later, in to_python, is answered 405
    # instead of 404 whenever another method's rule shares the path (PUT /events/<too big> → 405).
    regex = up_to(MAX_ID)

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=MAX_ID)


class MessageIdConverter(BaseConverter):
    """<message_id:name>: an outbox id, 32 lower-case hex characters; anything else is a plain 404."""

    regex = "[0-9a-f]{32}"
