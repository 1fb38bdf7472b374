"""What the invoice tests share: a studio's GST settings, paying for a class, and a PDF read back as text."""

import io

from pypdf import PdfReader

PRICE = 118_000  # ₹1,180.00: ₹1,000 + 18 % GST
GSTIN = "29AAGCB7383J1Z4"  # Karnataka (29)
GST_SETTINGS = {
    "legal_name": "Lotus Yoga Private Limited",
    "address_lines": ["12 MG Road"],
    "city": "Bengaluru",
    "postcode": "560001",
    "state": "Karnataka",
    "state_code": "29",
    "country": "IN",
    "tax_id": GSTIN,
    "tax_name": "GST",
    "tax_rate": 1800,
    "prices_include_tax": True,
    "service_code": "999723",
}


def book_and_pay(client, user_client, session_id: int) -> dict:
    """Book the session and press Pay on the test checkout; the booking as its person then sees it."""
    booking = user_client.post("/book", json={"session_id": session_id}).get_json()
    reference = booking["payment"]["checkout_url"].rsplit("/", 1)[1]
    client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"})
    return user_client.get(f"/bookings/{booking['id']}").get_json()


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
