"""A booking's other emails composed in Hindi from their snapshots, as the email lane composes them for a person who
chose Hindi: a cancellation with its ₹1,00,000 refund, an approval with the amount and time to pay (written
from their values in India's grouping and Hindi month names), and a guest's seat with its footer; no English sentence
left. Composition only, no database."""

from datetime import UTC, datetime
from email import message_from_bytes, policy

from main_app.extensions import catalogues
from main_app.services.common import format_money
from main_app.services.emails.compose import compose
from main_app.services.languages import speaking
from service_kit.languages import use_catalogues

WEB = "https://booking.example.org"
HINDI_MONTHS = ("जन॰", "फ़र॰", "मार्च", "अप्रैल", "मई", "जून", "जुल॰", "अग॰", "सित॰", "अक्तू॰", "नव॰", "दिस॰")
BOOKING = {
    "to": {"name": "Asha Rao", "email": "asha@example.com"},
    "event": {"id": 4, "title": "Himalayan Retreat", "location": "Rishikesh", "timezone": "Asia/Kolkata"},
    "session": {"id": 7, "starts_at": "2026-11-25T01:30:00+00:00", "ends_at": "2026-11-25T02:30:00+00:00"},
    "studio": {"id": 2, "name": "Lotus Yoga", "slug": "lotus-yoga"},
    "booking": {"id": 31, "sequence": 0},
}
PAY = {"amount": "₹1,00,000", "by": "Tue 24 Nov 2026, 06:45 IST", "url": f"{WEB}/bookings/31/payment"}
# What pay_terms adds for an email in its person's language: the amount in paise, the time as ISO.
PAY_VALUES = {"value": 10_000_000, "currency": "INR", "by_at": "2026-11-24T01:15:00+00:00"}
GUEST = {"unsubscribe_url": "https://api.example.org/u?token=t", "unsubscribe_page": f"{WEB}/unsubscribe?token=t"}


def _in_hindi(kind: str, **more) -> dict:
    """The email of this kind for the booking's snapshot with more, composed in Hindi, as {subject, text, html}."""
    use_catalogues(catalogues)  # as the app factory does
    with speaking("hi"):
        built = compose(
            kind, BOOKING | more, outbox_id="0123abcd", sender="S <b@x.example>", web_url=WEB, stamp=datetime.now(UTC)
        )
    email = message_from_bytes(built.as_bytes(), policy=policy.default)
    text, html = (email.get_body((part,)).get_content() for part in ("plain", "html"))
    print(email["Subject"], text, sep="\n")  # shown when the test fails
    return {"subject": email["Subject"], "text": text, "html": html}


def test_a_cancellation_an_approval_and_a_guests_seat_go_in_hindi_with_indian_grouping():
    refund = {"amount": format_money(10_000_000, "INR")}  # as its producer stores it: the same in every language
    cancelled = _in_hindi("booking_cancelled", by="facilitator", reason="Flood", refund=refund)
    granted = _in_hindi("approval_granted", pay=PAY | PAY_VALUES)
    guest = _in_hindi("guest_confirmed", **GUEST)

    assert cancelled["subject"].startswith("रद्द: Himalayan Retreat, ")
    assert granted["subject"].startswith("आपको जगह मिल गई, सीट रखने के लिए भुगतान करें: ")
    for said in (cancelled["text"], cancelled["html"]):
        assert "Lotus Yoga ने आपका सेशन रद्द कर दिया" in said and "उनका कारण" in said
        assert "पूरी राशि, ₹1,00,000, आपको वापस भेजी जा रही है" in said
    for said in (granted["text"], granted["html"]):
        assert "अपनी सीट रखने के लिए मंगल 24 नव॰ 2026, 06:45 IST तक ₹1,00,000 का भुगतान करें।" in said
        assert "100,000" not in said and "Tue 24 Nov" not in said  # written from the values, not the stored words
    for said in (guest["text"], guest["html"]):
        assert "आपकी सीट पक्की है, Asha Rao" in said and "ऐसे ईमेल अब न भेजें" in said
        assert any(month in said for month in HINDI_MONTHS)
    for sent in (cancelled, granted, guest):
        assert '<html lang="hi">' in sent["html"]
        assert "calendar" not in sent["text"] and "You get this email" not in sent["text"] + sent["html"]
