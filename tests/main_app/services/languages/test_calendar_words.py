"""The words we write in a calendar entry (its notes, the feed's name) in the person's language: an emailed file's in
the email's, the feed's in its account's (a calendar app asks without the person); the event's own title stays."""

from datetime import UTC, datetime

from icalendar import Calendar

from main_app.extensions import catalogues
from main_app.services.emails import BookingEntry, calendar_file
from main_app.services.languages import speaking
from service_kit.languages import use_catalogues

ENTRY = BookingEntry(
    booking_id=31,
    title="Himalayan Retreat",
    starts_at=datetime(2099, 11, 25, 1, 30, tzinfo=UTC),
    ends_at=datetime(2099, 11, 25, 2, 30, tzinfo=UTC),
    zone="Asia/Kolkata",
    location="Goa",
    url="https://booking.example.org/bookings",
    attendee=("Asha Rao", "asha@example.com"),
    host=("Meera Iyer", "Lotus Yoga", "https://booking.example.org/studios/lotus-yoga"),
    join_url="https://booking.example.org/join/31",
)


def test_an_entrys_notes_are_in_the_language_spoken_and_its_title_as_it_is():
    use_catalogues(catalogues)  # as the app factory registers them
    with speaking("mr"):
        ics = calendar_file([ENTRY], method="REQUEST", domain="example.org", stamp=datetime.now(UTC))
    [entry] = Calendar.from_ical(ics).walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Himalayan Retreat"
    assert str(entry["DESCRIPTION"]) == (
        "Meera Iyer यांच्यासोबत, Lotus Yoga (https://booking.example.org/studios/lotus-yoga) येथे.\n"
        "तुमचे बुकिंग: https://booking.example.org/bookings\n"
        "ऑनलाइन सामील व्हा: https://booking.example.org/join/31"
    )


def test_the_feed_speaks_its_accounts_language(client, user_client, make_session):
    assert user_client.post("/book", json={"session_id": make_session(capacity=3).id}).status_code == 201
    assert user_client.patch("/auth/me", json={"language": "hi"}).status_code == 200
    calendar = Calendar.from_ical(client.get(user_client.get("/auth/me").get_json()["calendar_feed_url"]).data)
    assert str(calendar["X-WR-CALNAME"]) == "मेरी बुकिंग"
    [entry] = calendar.walk("VEVENT")
    assert "आपकी बुकिंग: http://localhost:5173/bookings" in str(entry["DESCRIPTION"])
