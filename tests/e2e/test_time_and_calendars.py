"""Times in the event's zone and bookings in calendars, in real Chromium against the real services: a viewer in
Berlin sees the Bengaluru class at 07:00 IST with her own time beside it, books it, downloads its calendar file
and finds it in her private calendar feed."""

import re
import uuid
from zoneinfo import ZoneInfo

import pytest
import requests
from icalendar import Calendar
from playwright.sync_api import expect
from test_journeys import register

pytestmark = pytest.mark.e2e
EVENT = "Morning Vinyasa Flow"  # priya's demo class in Bengaluru, 07:00 Asia/Kolkata
DASH = "\u2013"  # the app writes ranges with an en dash


def test_a_viewer_elsewhere_sees_the_events_time_and_her_own_and_takes_it_to_her_calendar(new_page, screenshot):
    page = new_page(timezone_id="Europe/Berlin")
    register(page, "Lena Vogel", f"lena-{uuid.uuid4().hex[:8]}@example.com")
    page.goto("/")
    page.get_by_role("link", name=EVENT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EVENT)
    first_row = page.get_by_role("row").nth(1)
    expect(first_row).to_contain_text(re.compile(f"07:00 {DASH} 08:00 IST"))
    expect(first_row).to_contain_text(re.compile(rf"\(0[23]:30 {DASH} 0[34]:30 your time, CES?T\)"))

    first_row.get_by_role("button", name="Book").click()
    page.get_by_role("dialog").get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_text("You're booked!")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download .ics").click()
    assert re.fullmatch(r"booking-\d+\.ics", download.value.suggested_filename)
    [entry] = Calendar.from_ical(download.value.path().read_bytes()).walk("VEVENT")
    start = entry.decoded("DTSTART")
    assert (start.tzinfo.key, start.hour, start.minute) == ("Asia/Kolkata", 7, 0)
    google = page.get_by_role("link", name=re.compile("Google Calendar"))
    expect(google).to_have_attribute("href", re.compile(r"ctz=Asia%2FKolkata"))

    page.get_by_role("link", name="Lena Vogel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    feed_url = page.get_by_label("Feed address").input_value()
    screenshot(page, "account", full_page=True)
    feed = Calendar.from_ical(requests.get(feed_url, timeout=10).content)  # as a calendar app, without a token
    [listed] = feed.walk("VEVENT")
    assert listed["UID"] == entry["UID"]
    assert listed.decoded("DTSTART").astimezone(ZoneInfo("Europe/Berlin")).hour in (2, 3)  # 02:30 CET / 03:30 CEST


def test_a_viewer_in_the_events_zone_sees_one_time(new_page):
    page = new_page()  # Asia/Kolkata, the class's own zone
    page.goto("/")
    page.get_by_role("link", name=EVENT).click()
    first_row = page.get_by_role("row").nth(1)
    expect(first_row).to_contain_text(f"07:00 {DASH} 08:00 IST")
    expect(first_row).not_to_contain_text("your time")
