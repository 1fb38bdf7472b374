"""Attendee emails composed from the templates: MIME structure, headers, local times, the calendar file."""

from datetime import UTC, datetime
from email import message_from_bytes, policy
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from main_app.services.emails import compose, message_id
from main_app.services.local_times import local_range

SENDER = "Sessions & Retreats <bookings@retreats.example>"
STAMP = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def snapshot(**changes) -> dict:
    body = {
        "to": {"name": "Asha Rao", "email": "asha@example.com"},
        "event": {
            "id": 4,
            "title": "Morning Vinyasa Flow <& friends>",
            "location": "Lotus Studio, Bengaluru",
            "timezone": "Asia/Kolkata",
            "facilitator": "Dr. Priya Sharma",
        },
        "session": {"id": 7, "starts_at": "2026-11-25T01:30:00+00:00", "ends_at": "2026-11-25T02:30:00+00:00"},
        "booking": {"id": 31, "sequence": 0},
    }
    body.update(changes)
    return body


def confirmation(**changes):
    built = compose(
        "booking_confirmed",
        snapshot(**changes),
        outbox_id="0123abcd",
        sender=SENDER,
        web_url="https://booking.example.org/",
        stamp=STAMP,
    )
    return message_from_bytes(built.as_bytes(), policy=policy.default)  # as a mail client would read it


def test_a_confirmation_is_text_html_and_a_calendar_file():
    mail = confirmation()
    assert mail.get_content_type() == "multipart/mixed"
    assert [part.get_content_type() for part in mail.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    [ics] = [part for part in mail.iter_attachments()]
    assert ics.get_filename() == "booking.ics" and ics.get_param("method") == "REQUEST"


def test_headers_say_who_what_and_keep_one_message_id_per_outbox_message():
    mail = confirmation()
    assert mail["To"] == "Asha Rao <asha@example.com>"
    assert mail["From"] == SENDER
    assert mail["Subject"] == "Booked: Morning Vinyasa Flow <& friends>, Wed 25 Nov 2026, 07:00\u201308:00 IST"
    assert mail["Message-ID"] == "<0123abcd@retreats.example>" == message_id("0123abcd", SENDER)
    assert mail["Date"] == "Sun, 22 Nov 2026 09:00:00 +0000"


def test_both_bodies_give_the_local_time_with_its_zone_the_place_and_the_link():
    mail = confirmation()
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    for body in (text, html):
        assert "Wed 25 Nov 2026, 07:00\u201308:00 IST" in body
        assert "Lotus Studio, Bengaluru" in body and "Dr. Priya Sharma" in body
        assert "https://booking.example.org/bookings" in body
    assert "Morning Vinyasa Flow <& friends>" in text
    assert "Morning Vinyasa Flow &lt;&amp; friends&gt;" in html  # escaped in HTML, as sent in text
    assert "<style" not in html and 'style="' in html  # CSS inlined: mail clients drop <style>


def test_the_calendar_file_reads_back_in_the_events_zone():
    mail = confirmation()
    [attachment] = list(mail.iter_attachments())
    calendar = Calendar.from_ical(attachment.get_content())
    assert calendar["METHOD"] == "REQUEST"
    [entry] = calendar.walk("VEVENT")
    start = entry.decoded("DTSTART")
    assert start.tzinfo.key == "Asia/Kolkata"
    assert start == datetime(2026, 11, 25, 7, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
    assert start == datetime.fromisoformat("2026-11-25T01:30:00+00:00")
    assert entry.decoded("DTEND") == datetime.fromisoformat("2026-11-25T02:30:00+00:00")
    assert str(entry["UID"]) == "booking-31@booking.example.org"  # the web app's host, as downloads and feeds
    assert entry["SEQUENCE"] == 0 and str(entry["STATUS"]) == "CONFIRMED"
    assert str(entry["ATTENDEE"]) == "mailto:asha@example.com"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Kolkata"]


def test_the_same_booking_keeps_its_uid_and_a_later_version_has_a_higher_sequence():
    first, later = confirmation(), confirmation(booking={"id": 31, "sequence": 2})
    entries = [Calendar.from_ical(next(m.iter_attachments()).get_content()).walk("VEVENT")[0] for m in (first, later)]
    assert entries[0]["UID"] == entries[1]["UID"]
    assert (entries[0]["SEQUENCE"], entries[1]["SEQUENCE"]) == (0, 2)


@pytest.mark.parametrize(
    "starts, ends, zone, expected",
    [
        (
            "2026-03-23T08:00:00+00:00",
            "2026-03-23T09:00:00+00:00",
            "Europe/Berlin",
            "Mon 23 Mar 2026, 09:00\u201310:00 CET",
        ),
        # The weekly class after the clocks change: still 09:00 where it happens.
        (
            "2026-03-30T07:00:00+00:00",
            "2026-03-30T08:00:00+00:00",
            "Europe/Berlin",
            "Mon 30 Mar 2026, 09:00\u201310:00 CEST",
        ),
        (
            "2026-11-25T01:30:00+00:00",
            "2026-11-25T02:30:00+00:00",
            "Asia/Kolkata",
            "Wed 25 Nov 2026, 07:00\u201308:00 IST",
        ),
        (
            "2026-11-25T01:30:00+00:00",
            "2026-11-25T02:30:00+00:00",
            "Asia/Tokyo",
            "Wed 25 Nov 2026, 10:30\u201311:30 JST",
        ),
        (
            "2026-11-25T12:00:00+00:00",
            "2026-11-25T13:00:00+00:00",
            "America/Sao_Paulo",
            "Wed 25 Nov 2026, 09:00\u201310:00 UTC-03",
        ),
        (
            "2026-11-25T20:00:00+00:00",
            "2026-11-27T10:00:00+00:00",
            "Asia/Kolkata",
            "Thu 26 Nov 2026, 01:30 IST \u2013 Fri 27 Nov 2026, 15:30 IST",
        ),
    ],
)
def test_local_ranges(starts, ends, zone, expected):
    assert local_range(datetime.fromisoformat(starts), datetime.fromisoformat(ends), zone) == expected
