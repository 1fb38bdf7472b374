"""A text's parts: GSM-7 fits 160 in one part and 153 a part when split (its extension characters count two); one
character outside it makes the text UCS-2, 70 in one part and 67 a part; every Hindi and Marathi text is UCS-2. Each
kind of text composed in each language keeps within the parts services/texts/compose.py allows it: one in GSM-7 (an
English text of Latin names), two in UCS-2, where the time and the link alone nearly fill a part; three for a seat
held (its pay-by time) or offered from the waiting list (its own link alone takes a UCS-2 part)."""

import pytest

from main_app.services.languages import SUPPORTED, sms_parts, speaking
from main_app.services.texts.compose import PASS_TEXTS, TEXTS, compose, most_parts


@pytest.mark.parametrize(
    "text, encoding, parts, per_part",
    [
        ("a" * 160, "gsm7", 1, 160),
        ("a" * 161, "gsm7", 2, 153),
        ("€" * 80, "gsm7", 1, 160),  # an extension character counts two
        ("€" * 81, "gsm7", 2, 153),
        ("a" * 306, "gsm7", 2, 153),
        ("a" * 307, "gsm7", 3, 153),
        ("योग" * 23 + "a", "ucs2", 1, 70),
        ("योग" * 23 + "ab", "ucs2", 2, 67),
        ("नमस्ते " * 19, "ucs2", 2, 67),  # 133 code units
        ("a" * 69 + "😀", "ucs2", 2, 67),  # an emoji is two UTF-16 code units
    ],
)
def test_the_parts_a_text_takes(text, encoding, parts, per_part):
    counted = sms_parts(text)
    assert (counted.encoding, counted.parts, counted.per_part) == (encoding, parts, per_part)


SNAPSHOT = {
    "event": {"title": "A very long retreat title " * 8, "timezone": "Asia/Kolkata"},
    "session": {"starts_at": "2027-01-04T01:30:00+00:00"},
    "studio": {"id": 1, "name": "Lotus Yoga", "slug": "lotus"},
    "position": 12,
    "pay": {"by": "Mon 4 Jan 2027, 06:45 IST", "amount": "₹800"},
    "offer": {
        "until_short": "Mon 06:45",
        "url": "https://r.example/offers/eyJvIjoxMjM0NX0~qTq2vJmYhK0u1cX3bZ9pLr8sW4e",
    },
    "pass": {"name": "10-class pack"},
    "renewal": {"amount": "₹4,500", "currency": "INR", "charge_at": "4 Jan 2027"},
}


@pytest.mark.parametrize("studio", ["Lotus Yoga", "लोटस योग स्टुडिओ, कोथरूड"])
@pytest.mark.parametrize("language", SUPPORTED)
@pytest.mark.parametrize("kind", sorted({*TEXTS, *PASS_TEXTS}))
def test_every_kind_of_text_keeps_within_its_parts_in_every_language(app, kind, language, studio):
    snapshot = {**SNAPSHOT, "studio": {**SNAPSHOT["studio"], "name": studio}}
    with speaking(language):
        text = compose(kind, snapshot, "https://r.example")
    counted = sms_parts(text)
    assert counted.parts <= most_parts(kind, counted.encoding), (counted, text)
    assert counted.parts <= (2 if kind == "reminder_2h" else 3), text  # a reminder in two at most, in any language
    assert "https://r.example/" in text
    if language == "en" and studio.isascii():
        assert counted.encoding == "gsm7" and counted.parts == 1, text
    if language != "en":  # the catalogue's words, not English ones
        assert counted.encoding == "ucs2" and not any(word in text for word in ("Reminder", "Seat", "renews")), text


@pytest.mark.parametrize("language", ["hi", "mr"])
def test_a_title_that_two_parts_hold_is_given_whole(app, language):
    # Shortened to try for one part, which a UCS-2 text cannot reach: the second part has room for all of it.
    snapshot = {**SNAPSHOT, "event": {**SNAPSHOT["event"], "title": "Vipassana Weekend"}}
    with speaking(language):
        text = compose("reminder_2h", snapshot, "https://r.example")
    assert "Vipassana Weekend" in text and "Lotus Yoga" in text, text
    assert sms_parts(text).parts == 2, text
