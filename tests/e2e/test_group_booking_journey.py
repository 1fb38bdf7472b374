"""A studio's week in real Chromium against the real services: a facilitator repeats a class weekly from their
event's page, a person in New York finds it on the timetable at the class's own time (Bengaluru's), books three seats
for herself and two friends, and each friend gets their own confirmation in the mailbox.

On the shared stack, with a facilitator, a class and people of the test's own (not the demo's priya, whose dashboard
is in the docs' pictures); the class is cancelled at the end, so the catalogue and the timetable are left as they
were found."""

import re
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from own_facilitator import OwnFacilitator
from playwright.sync_api import Page, expect
from test_journeys import register
from test_mailbox_and_reset import open_mail

pytestmark = pytest.mark.e2e
FRIENDS = (("Ana Silva", "ana"), ("Ben Okafor", "ben"))


def next_monday() -> date:
    """The Monday after the next few days: the series starts in the future whatever today is."""
    day = date.today() + timedelta(days=3)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def an_event_of_theirs(facilitator: OwnFacilitator) -> tuple[str, int]:
    """A new event of the facilitator's in Bengaluru with one session far ahead: (its title, its id)."""
    title = f"Lunchtime Hatha {uuid.uuid4().hex[:6]}"
    starts = (datetime.now(UTC) + timedelta(days=90)).replace(hour=7, minute=0, second=0, microsecond=0)
    body = {
        "title": title,
        "kind": "session",
        "timezone": "Asia/Kolkata",
        "location": "Lotus Studio, Bengaluru",
        "sessions": [
            {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat(), "capacity": 8}
        ],
    }
    answer = facilitator.call("POST", "/events", json=body)
    assert answer.status_code == 201, answer.text
    return title, answer.json()["id"]


def repeat_weekly(page: Page, facilitator: OwnFacilitator, title: str, monday: date, screenshot) -> None:
    """The facilitator makes four sessions, Mondays and Thursdays at 12:30 Bengaluru time, from their event's page."""
    facilitator.log_in(page)
    page.get_by_role("article", name=title).get_by_role("link", name="Edit event").click()
    form = page.get_by_role("region", name="Repeat weekly")
    form.get_by_label("First day").fill(monday.isoformat())
    form.get_by_label("Starts at").fill("12:30")
    form.get_by_label("Length (minutes)").fill("60")
    form.get_by_label("Monday").check()
    form.get_by_label("Thursday").check()
    form.get_by_label("Number of sessions").fill("4")
    form.get_by_label("Capacity").fill("8")
    expect(form.get_by_role("list", name="Dates of the series").get_by_role("listitem")).to_have_count(4)
    form.scroll_into_view_if_needed()
    screenshot(page, "repeat-weekly")
    form.get_by_role("button", name="Add 4 sessions").click()
    expect(form.get_by_text(re.compile("4 sessions added"))).to_be_visible()


def test_a_weekly_class_is_found_on_the_timetable_and_booked_for_three(new_page, web_stack, screenshot):
    facilitator = OwnFacilitator(web_stack, "Nandini Rao")
    title, event_id = an_event_of_theirs(facilitator)
    monday = next_monday()
    repeat_weekly(new_page(1280, 900), facilitator, title, monday, screenshot)

    person = new_page(1280, 1000, timezone_id="America/New_York")
    email = f"mira-{uuid.uuid4().hex[:8]}@example.com"
    register(person, "Mira Roth", email)
    person.goto(f"/timetable?week={monday.isoformat()}")  # the whole week: the demo's classes and the new one
    day_lists = person.get_by_role("list", name=re.compile(r"^Sessions on "))
    expect(day_lists.get_by_role("listitem").filter(has_text=title)).to_have_count(2)
    screenshot(person, "timetable")
    person.get_by_label("Search").fill(title)
    person.get_by_role("button", name="Search").click()
    expect(person).to_have_url(re.compile(r"[?&]q="))
    monday_sessions = person.get_by_role("list", name=re.compile(r"^Sessions on Monday"))
    entry = monday_sessions.get_by_role("listitem").filter(has_text=title)
    # The class's own time (12:30 in Bengaluru) with the viewer's own (02:00 in New York, or 03:00 in summer).
    expect(entry).to_contain_text(re.compile(r"12:30\s*\u2013\s*13:30 IST"))
    expect(entry).to_contain_text(re.compile(r"0[23]:00.*your time", re.S))
    thursday = person.get_by_role("list", name=re.compile(r"^Sessions on Thursday")).get_by_role("listitem")
    expect(thursday.filter(has_text=title)).to_have_count(1)
    phone = new_page(390, 844, timezone_id="America/New_York")
    phone.goto(f"/timetable?week={monday.isoformat()}")
    expect(phone.get_by_role("listitem").filter(has_text=title).first).to_be_visible()
    screenshot(phone, "timetable-phone")
    entry.get_by_role("button", name="Book").click()

    dialog = person.get_by_role("dialog")
    dialog.get_by_label("Seats").select_option("3")
    stamp = uuid.uuid4().hex[:6]
    friends = [(name, f"{short}-{stamp}@example.com") for name, short in FRIENDS]
    for number, (name, address) in enumerate(friends, start=1):
        dialog.get_by_label(f"Guest {number} name").fill(name)
        dialog.get_by_label(f"Guest {number} email").fill(address)
    screenshot(person, "book-for-friends")
    dialog.get_by_role("button", name=re.compile("Confirm")).click()
    expect(person.get_by_text("You're booked!")).to_be_visible()

    person.goto("/bookings")
    card = person.get_by_role("article").filter(has_text=title)
    expect(card).to_contain_text("3 seats")
    for name, _address in friends:
        expect(card).to_contain_text(name)
    card.scroll_into_view_if_needed()
    screenshot(person, "my-bookings-guests")

    for name, address in friends:
        open_mail(person, re.compile(f"A seat was booked for you: {re.escape(title)}"), to=address)
        frame = person.frame_locator("iframe.mail-html")
        expect(frame.get_by_role("heading", name=f"You have a seat, {name}")).to_be_visible()
        message = person.get_by_role("article").filter(
            has=person.get_by_role("heading", name=re.compile("A seat was booked for you"))
        )
        expect(message).to_contain_text("booking.ics")

    assert facilitator.call("DELETE", f"/events/{event_id}").status_code == 200  # out of the catalogue
