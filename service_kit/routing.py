"""Path converters: <id:...> for database ids, <hex_id:...> for 32-character hex ids; anything else is a 404."""

from flask import Flask
from werkzeug.routing import BaseConverter, IntegerConverter

# Ids are bounded by the 32-bit integer columns; larger numbers are not ids of anything.
MAX_ID = 2**31 - 1


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


class HexIdConverter(BaseConverter):
    """<hex_id:name>: 32 lower-case hex characters (a uuid4().hex, such as an outbox message id)."""

    regex = "[0-9a-f]{32}"


CONVERTERS = {"id": IdConverter, "hex_id": HexIdConverter}


def init_app(app: Flask) -> None:
    """Make the converters known to app's URL map; call before any blueprint is registered."""
    app.url_map.converters.update(CONVERTERS)
