"""Check-in QR codes as pictures: a PNG for emails, an SVG data URI for the web app's My bookings."""

import io

import segno
import zxingcpp
from PIL import Image

ERROR_CORRECTION = "M"  # restores about 15 % of a damaged symbol: a scratched screen or a creased printout
PNG_SCALE = 5  # pixels per module: a version 2 symbol with its quiet zone is 165 pixels square
# zlib's fastest level: a tenth more bytes (about 800 for a confirmation's code) for 30 % less time than the default.
PNG_COMPRESSION = 1
SVG_SCALE = 4  # the SVG's user units per module: the size the web app draws it at


def png(text: str) -> bytes:
    """The QR code of text as a black-and-white PNG, with the quiet zone of 4 modules the standard asks for."""
    # Zint (through zxing-cpp) lays out the symbol and chooses its mask in C; segno's pure Python mask choice was the
    # costliest step of sending a confirmation. Pillow writes the PNG.
    symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=ERROR_CORRECTION)
    pixels = symbol.to_image(scale=PNG_SCALE, add_quiet_zones=True)
    height, width = pixels.shape
    # Already black and white: no dithering, which was half the cost of the picture and changes no pixel.
    image = Image.frombuffer("L", (width, height), bytes(memoryview(pixels)), "raw", "L", 0, 1)
    image = image.convert("1", dither=Image.Dither.NONE)
    output = io.BytesIO()
    image.save(output, format="PNG", compress_level=PNG_COMPRESSION)
    return output.getvalue()


def svg_data_uri(text: str) -> str:
    """The QR code of text as an SVG data URI (an <img> source), quiet zone included."""
    return segno.make(text, error=ERROR_CORRECTION.lower()).svg_data_uri(scale=SVG_SCALE, border=4)
