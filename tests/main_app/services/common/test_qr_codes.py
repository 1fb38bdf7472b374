"""Check-in QR pictures: the emails' PNG and My bookings' SVG hold the seat's text, with the quiet zone around."""

import io

import pytest
import zxingcpp
from PIL import Image

from main_app.services.common import checkin_codes as codes
from main_app.services.common import qr_codes

QUIET = 4 * qr_codes.PNG_SCALE  # pixels of the quiet zone on each side


@pytest.mark.parametrize("ids", [(1, 1, 1), (987_654, 12_345_678, 3), (10**12 - 1, 10**12 - 1, 999)])
def test_the_png_reads_as_the_seat_with_its_quiet_zone(ids):
    text = codes.qr_text(*ids, "7QK2M9XD")
    image = Image.open(io.BytesIO(qr_codes.png(text)))
    assert (image.format, image.mode) == ("PNG", "1")
    [found] = zxingcpp.read_barcodes(image)
    assert (found.text, found.format, found.ec_level) == (text, zxingcpp.BarcodeFormat.QRCode, "M")
    modules = 17 + 4 * int(found.extra["Version"])  # a version's side, in modules
    assert image.size == ((modules + 8) * qr_codes.PNG_SCALE,) * 2
    pixels = image.convert("L")
    width = image.size[0]
    border = [(x, y) for x in range(width) for y in range(width) if min(x, y, width - 1 - x, width - 1 - y) < QUIET]
    assert {pixels.getpixel(point) for point in border} == {255}
    assert pixels.getpixel((QUIET, QUIET)) == 0  # a finder pattern's dark corner starts right inside it


def test_the_svg_is_an_image_source():
    assert qr_codes.svg_data_uri(codes.qr_text(11, 1, 1, "9VSWMDJQ")).startswith("data:image/svg+xml")
