"""The emails' check-in QR PNG: the very picture segno's own writer draws, and an independent decoder reads it."""

import io

import pytest
import segno
import zxingcpp
from PIL import Image

from main_app.services.common import checkin_codes as codes
from main_app.services.emails.qr_png import qr_png


@pytest.mark.parametrize("ids", [(1, 1, 1), (987_654, 12_345_678, 3), (10**12 - 1, 10**12 - 1, 999)])
def test_the_png_is_segnos_picture_and_decodes_to_the_seat(ids):
    text = codes.qr_text(*ids, "7QK2M9XD")
    image = Image.open(io.BytesIO(qr_png(text)))
    segnos = io.BytesIO()
    segno.make(text, error="m").save(segnos, kind="png", scale=5, border=4)
    expected = Image.open(segnos)
    assert (image.format, image.size) == ("PNG", expected.size)
    assert image.convert("L").tobytes() == expected.convert("L").tobytes()
    [decoded] = zxingcpp.read_barcodes(image)
    assert decoded.text == text
