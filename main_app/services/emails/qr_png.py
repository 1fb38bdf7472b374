"""Check-in QR codes as PNG images for emails: segno lays out the symbol, Pillow writes the PNG."""

import io

import segno
from PIL import Image

SCALE = 5  # pixels per module: a 2-Q symbol with its border is 165 pixels square
BORDER = 4  # the quiet zone the standard asks for, in modules


def qr_png(text: str) -> bytes:
    """The QR code of text (error correction M or better) as a black-and-white PNG."""
    # segno's own PNG writer runs in Python; Pillow's encoder in C writes the same picture for a fraction of the CPU.
    matrix = segno.make(text, error="m").matrix
    width = len(matrix[0]) + 2 * BORDER
    pixels = bytearray(b"\xff" * width * width)
    for y, row in enumerate(matrix, start=BORDER):
        start = y * width + BORDER
        pixels[start : start + len(row)] = bytes(0 if dark else 255 for dark in row)
    image = Image.frombytes("L", (width, width), bytes(pixels)).convert("1")
    output = io.BytesIO()
    image.resize((width * SCALE, width * SCALE), Image.Resampling.NEAREST).save(output, format="PNG")
    return output.getvalue()
