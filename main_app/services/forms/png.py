"""A drawn signature as the browser sends it: a PNG in a data URL, checked to be a real PNG of sane size before it
is kept (Pillow reads its header and checks its chunks)."""

import base64
import binascii
import io

from PIL import Image

PREFIX = "data:image/png;base64,"
MOST_BYTES = 200 * 1024
MOST_WIDTH, MOST_HEIGHT = 2000, 1000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class NotASignature(ValueError):
    """The data URL is not a PNG we keep; its message says why, in English (the schema says it in words)."""


def signature_png(data_url: str) -> bytes:
    """The PNG's bytes, if data_url is a base64 PNG of at most MOST_BYTES and sane dimensions."""
    if not data_url.startswith(PREFIX):
        raise NotASignature("not a PNG data URL")
    encoded = data_url[len(PREFIX) :]
    if len(encoded) > (MOST_BYTES * 4) // 3 + 4:
        raise NotASignature("too large")
    try:
        png = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise NotASignature("not base64") from None
    if len(png) > MOST_BYTES or not png.startswith(PNG_SIGNATURE):
        raise NotASignature("not a PNG")
    try:
        with Image.open(io.BytesIO(png)) as image:
            if image.format != "PNG" or not (0 < image.width <= MOST_WIDTH and 0 < image.height <= MOST_HEIGHT):
                raise NotASignature("bad dimensions")
            image.verify()
    except NotASignature:
        raise
    except Exception:  # Pillow raises many kinds for a broken file: each is the same answer here
        raise NotASignature("not a readable PNG") from None
    return png
