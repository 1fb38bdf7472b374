"""Bookings in calendars: one booking as a download, and each person's private feed, by a secret address."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from main_app.extensions import db
from main_app.models import Event, EventSession, Studio, User


@pytest.fixture
def session(make_session):
    return make_session(capacity=5)


@pytest.fixture
def booked(user_client, session):
    """The user's booking of session (its JSON)."""
    response = user_client.post("/book", json={"session_id": session.id})
    assert response.status_code == 201
    return response.get_json()


def entries(ics: bytes) -> list:
    return Calendar.from_ical(ics).walk("VEVENT")


def test_a_booking_downloads_as_a_calendar_file_in_its_events_zone(app, user_client, booked):
    response = user_client.get(f"/bookings/{booked['id']}/calendar.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert response.headers["Content-Disposition"] == f'attachment; filename="booking-{booked["id"]}.ics"'
    calendar = Calendar.from_ical(response.data)
    assert calendar["METHOD"] == "PUBLISH"
    [entry] = calendar.walk("VEVENT")
    assert str(entry["UID"]) == f"booking-{booked['id']}@localhost"  # PUBLIC_WEB_URL's host, as in the mails
    assert entry.decoded("DTSTART") == datetime.fromisoformat(booked["session"]["starts_at"])
    assert str(entry["SUMMARY"]) == booked["event"]["title"]
    assert str(entry["URL"]) == "http://localhost:5173/bookings"


def test_someone_elses_booking_is_not_found(booked, make_user, client_for, assert_error):
    other = client_for(make_user())
    assert_error(other.get(f"/bookings/{booked['id']}/calendar.ics"), 404, "booking_not_found")


def test_the_feed_lists_active_bookings_and_works_without_a_token(client, user_client, make_session, booked):
    later = user_client.post("/book", json={"session_id": make_session(capacity=3).id}).get_json()
    assert user_client.post(f"/bookings/{later['id']}/cancel").status_code == 200
    url = user_client.get("/auth/me").get_json()["calendar_feed_url"]
    assert url.startswith("http://localhost/calendar/") and url.endswith(".ics")
    response = client.get(url)  # a calendar app: no Authorization header
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert response.headers["Cache-Control"] == "private, max-age=300"
    assert [str(e["UID"]) for e in entries(response.data)] == [f"booking-{booked['id']}@localhost"]


def test_the_feed_shows_times_in_each_events_zone(client, user_client, make_event):
    event = make_event(at=datetime(2031, 3, 31, 7, 0, tzinfo=ZoneInfo("UTC")), timezone="Europe/Berlin")
    assert user_client.post("/book", json={"session_id": event.session_ids[0]}).status_code == 201
    ics = client.get(user_client.get("/auth/me").get_json()["calendar_feed_url"]).data
    [entry] = entries(ics)
    start = entry.decoded("DTSTART")
    assert (start.tzinfo.key, start.hour) == ("Europe/Berlin", 9)  # 07:00 UTC is 09:00 CEST
    assert [tz["TZID"] for tz in Calendar.from_ical(ics).walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_a_new_feed_address_ends_the_old_one(client, user_client, booked, assert_error):
    old = user_client.get("/auth/me").get_json()["calendar_feed_url"]
    response = user_client.post("/auth/calendar-feed")
    assert response.status_code == 200
    new = response.get_json()["calendar_feed_url"]
    assert new != old and user_client.get("/auth/me").get_json()["calendar_feed_url"] == new
    assert_error(client.get(old), 404, "not_found")
    assert client.get(new).status_code == 200


@pytest.mark.parametrize(
    "name",
    ["1-00000000000000000000000000000000", "abc", "99999999999-" + "0" * 32, "1-" + "g" * 32, "0-" + "0" * 32],
)
def test_a_feed_address_that_was_not_given_out_is_not_found(client, user, assert_error, name):
    assert_error(client.get(f"/calendar/{name}.ics"), 404, "not_found")


def test_another_persons_secret_does_not_open_my_feed(client, user_client, make_user, client_for, assert_error):
    mine = user_client.get("/auth/me").get_json()["calendar_feed_url"]
    theirs = client_for(make_user()).get("/auth/me").get_json()["calendar_feed_url"]
    my_id = mine.rsplit("/", 1)[1].split("-")[0]
    their_secret = theirs.rsplit("-", 1)[1]
    assert_error(client.get(f"/calendar/{my_id}-{their_secret}"), 404, "not_found")


def test_the_download_and_the_feed_name_the_studio_and_who_teaches_as_the_emails_do(app, client, user_client, booked):
    with app.app_context():
        row = db.session.execute(
            sa.select(Studio.name, Studio.slug, User.name.label("instructor"))
            .select_from(EventSession)
            .join(Event, Event.id == EventSession.event_id)
            .join(Studio, Studio.id == Event.studio_id)
            .join(User, User.id == EventSession.instructor_id)
            .where(EventSession.id == booked["session"]["id"])
        ).one()
    page = f"http://localhost:5173/studios/{row.slug}"
    download = user_client.get(f"/bookings/{booked['id']}/calendar.ics").data
    feed = client.get(user_client.get("/auth/me").get_json()["calendar_feed_url"]).data
    for ics in (download, feed):
        [entry] = entries(ics)
        assert entry["ORGANIZER"].params["CN"] == row.name and str(entry["ORGANIZER"]) == "mailto:bookings@localhost"
        description = str(entry["DESCRIPTION"])
        assert (
            description
            == f"With {row.instructor} at {row.name} ({page}).\nYour booking: http://localhost:5173/bookings"
        )
