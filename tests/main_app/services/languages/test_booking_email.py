"""The booking confirmation composed in its person's language when it is sent: a person who chose Hindi pays
₹1,00,000 for a retreat and gets the email, its subject, words, dates and amount in Hindi (India's grouping) and its
calendar entry's notes too; a choice made after the booking still counts, as the email is composed when it goes."""

from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

PRICE = 10_000_000  # ₹1,00,000.00, the most a session may cost
HINDI_MONTHS = ("जन॰", "फ़र॰", "मार्च", "अप्रैल", "मई", "जून", "जुल॰", "अग॰", "सित॰", "अक्तू॰", "नव॰", "दिस॰")


def _sent(app, email_outbox) -> dict:
    """The booking confirmation the email lane wrote to the development folder (named by its outbox row), as
    {subject, text, html}."""
    [row] = [row for row in email_outbox() if row["type"] == "booking_confirmed"]
    sent = Path(app.config["MAIL_FOLDER"]) / f"{row['id']}.eml"
    email = message_from_bytes(sent.read_bytes(), policy=policy.default)
    text, html = (email.get_body((kind,)).get_content() for kind in ("plain", "html"))
    [calendar] = [part.get_content() for part in email.walk() if part.get_content_type() == "text/calendar"]
    calendar = calendar.replace("\r\n ", "")  # its long lines unfolded (RFC 5545)
    print(email["Subject"], text, sep="\n")  # shown when the test fails
    return {"subject": email["Subject"], "text": text, "html": html, "calendar": calendar}


def test_a_booking_confirmation_goes_in_hindi_with_indian_grouping(
    app, client, user_client, make_session, drainer, email_outbox
):
    session = make_session(starts_in=timedelta(days=3), price=PRICE, currency="INR", title="Himalayan Retreat")
    booking = user_client.post("/book", json={"session_id": session.id}).get_json()
    assert booking["status"] == "pending_payment"
    # Chosen after booking, before the email goes: it is composed in the language chosen when it is sent.
    assert user_client.patch("/auth/me", json={"language": "hi"}).status_code == 200
    reference = booking["payment"]["checkout_url"].rsplit("/", 1)[1]
    assert client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"}).status_code == 303
    drainer("email")()

    sent = _sent(app, email_outbox)
    assert sent["subject"].startswith("बुक हो गया: Himalayan Retreat, ")
    for said in (sent["text"], sent["html"]):
        assert "आपकी बुकिंग हो गई" in said and "यह ईमेल आपकी रसीद है।" in said
        assert "₹1,00,000" in said and "100,000" not in said
        assert any(
            month in said
            for month in ("जन॰", "फ़र॰", "मार्च", "अप्रैल", "मई", "जून", "जुल॰", "अग॰", "सित॰", "अक्तू॰", "नव॰", "दिस॰")
        )
    assert "चेक-इन कोड" in sent["text"] and "क्या" in sent["text"] and "कब" in sent["text"]
    assert '<html lang="hi">' in sent["html"]
    assert "आपकी बुकिंग: http://localhost:5173/bookings" in sent["calendar"]  # the calendar entry's notes too
    assert "Your seat is reserved" not in sent["html"] and "See your booking" not in sent["text"]
