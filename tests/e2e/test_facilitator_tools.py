"""A facilitator's tools in real Chromium against the real services: editing an event's details, adding a session to
it, seeing a full session's waiting list, messaging its registrants, and cancelling the event from its own page.

A facilitator of the test's own (not the demo's priya, whose dashboard is the docs' facilitator-dashboard.png,
taken by test_journeys) works on an event made for the test (two people booked in a session of two, two waiting),
on the shared stack: the event is cancelled at the end, so the catalogue is left as it was found.
"""

import re
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from own_facilitator import OwnFacilitator, log_in_as_facilitator
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e
BOOKED = ("Nisha Iyer", "Rohan Mehta")
WAITING = ("Kiran Rao", "Lata Menon")


class FacilitatorsEvent:
    """An event of a new facilitator's with one session of two seats, both booked, and two people in its waiting
    list."""

    def __init__(self, stack):
        self.stack = stack
        self.facilitator = OwnFacilitator(stack, "Meera Joshi")
        self.title = f"Restorative Yoga {uuid.uuid4().hex[:6]}"
        # 18:00 in Bengaluru, a week and a day ahead
        starts = (datetime.now(UTC) + timedelta(days=8)).replace(hour=12, minute=30, second=0, microsecond=0)
        body = {
            "title": self.title,
            "kind": "session",
            "timezone": "Asia/Kolkata",
            "location": "Lotus Studio, Bengaluru",
            "description": "Slow, supported poses with bolsters and blankets.",
            "sessions": [
                {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat(), "capacity": 2}
            ],
        }
        answer = self.facilitator.call("POST", "/events", json=body)
        assert answer.status_code == 201, answer.text
        self.event = answer.json()
        session_id = self.event["sessions"][0]["id"]
        stamp = uuid.uuid4().hex[:6]
        for name in BOOKED + WAITING:
            token = stack.register(name, f"{name.split()[0].lower()}-{stamp}@example.com")["access_token"]
            if name in BOOKED:
                assert stack.book(token, session_id).status_code == 201
            else:
                joined = stack.http.post(
                    f"{stack.main_url}/sessions/{session_id}/waitlist",
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=10,
                )
                assert joined.status_code == 201 and joined.json()["status"] == "waiting", joined.text


@pytest.fixture
def facilitators_event(web_stack):
    return FacilitatorsEvent(web_stack)


def log_in_as_priya(page: Page) -> None:
    log_in_as_facilitator(page, "priya", "priya123")


def test_a_facilitator_edits_an_event_adds_a_session_messages_the_registrants_and_cancels_it(
    new_page, screenshot, facilitators_event
):
    # Tall enough for the session page's registrants, waiting list and message form in one picture.
    page = new_page(1280, 1180)
    facilitators_event.facilitator.log_in(page)

    # -- the dashboard: booked and waiting per session; managing the event is the card's action -------------
    card = page.get_by_role("article", name=facilitators_event.title)
    expect(card.get_by_role("row").nth(1).get_by_role("cell").nth(1)).to_have_text("2 / 2 2 waiting")
    expect(card.get_by_role("button")).to_have_count(0)  # cancelling is no longer on the card
    card.get_by_role("link", name="Edit event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(facilitators_event.title)

    # -- edit the details: title, location, time zone ------------------------------------------------------
    new_title = f"Evening Restorative {uuid.uuid4().hex[:6]}"
    edit = page.get_by_role("region", name="Edit event")
    edit.get_by_label("Title").fill(new_title)
    edit.get_by_label("Location").fill("Rooftop Hall, Indiranagar")
    edit.get_by_label("Time zone").select_option("Europe/Berlin")
    expect(edit.get_by_label("Time zone")).to_have_accessible_description(re.compile("stays at the same moment"))
    edit.get_by_role("button", name="Save event").click()
    saved = "Event updated. The 2 people booked in sessions ahead are being emailed the change."
    expect(page.get_by_text(saved)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(new_title)
    head = page.locator(".page-head")
    expect(head).to_contain_text(re.compile(r"Session · Rooftop Hall, Indiranagar · Times in Europe/Berlin, CES?T"))
    page.reload()  # saved on the server, not just on screen
    expect(page.get_by_role("heading", level=1)).to_have_text(new_title)
    edit = page.get_by_role("region", name="Edit event")
    expect(edit.get_by_label("Location")).to_have_value("Rooftop Hall, Indiranagar")
    expect(edit.get_by_label("Time zone")).to_have_value("Europe/Berlin")

    # -- add a session, on the event's (now Berlin's) clocks ------------------------------------------------
    day = (date.today() + timedelta(days=15)).isoformat()
    add = page.get_by_role("region", name="Add a session")
    add.get_by_label(re.compile(r"^Starts at \(Europe/Berlin")).fill(f"{day}T18:00")
    add.get_by_label(re.compile(r"^Ends at \(Europe/Berlin")).fill(f"{day}T19:30")
    add.get_by_label("Capacity").fill("12")
    add.get_by_role("button", name="Add session").click()
    expect(add.get_by_text(re.compile("^Session added: .*18:00 \u2013 19:30 CES?T"))).to_be_visible()
    sessions = page.get_by_role("region", name="Sessions").get_by_role("row")
    expect(sessions).to_have_count(3)

    page.get_by_role("link", name="← My events").click()
    card = page.get_by_role("article", name=new_title)
    expect(card).to_contain_text("Times in Europe/Berlin")
    expect(card.get_by_role("row")).to_have_count(3)
    expect(card.get_by_role("row").nth(2)).to_contain_text("0 / 12")
    expect(card.get_by_role("row").nth(2)).to_contain_text(re.compile("18:00 \u2013 19:30 CES?T"))

    # -- the full session: registrants, waiting list, a message to those booked ----------------------------
    card.get_by_role("row").nth(1).get_by_role("link", name=re.compile("^Manage session")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(new_title)
    registrants = page.get_by_role("region", name="Registrants", exact=True)
    for name in BOOKED:
        expect(registrants).to_contain_text(name)
    waiting = page.get_by_role("region", name="Waiting list")
    expect(waiting).to_contain_text("2 people are waiting for a seat")
    rows = waiting.get_by_role("row")
    expect(rows).to_have_count(3)
    expect(rows.nth(1)).to_contain_text(f"1{WAITING[0]}")
    expect(rows.nth(2)).to_contain_text(f"2{WAITING[1]}")
    # When they joined reads on her own clock, as the booked-at times do.
    expect(rows.nth(1).get_by_role("cell").nth(3)).to_have_text(re.compile(r"\d\d:\d\d IST$"))

    message = page.get_by_role("region", name="Message registrants")
    message.get_by_label("Subject").fill("Bring a warm layer")
    message.get_by_label("Message").fill("The rooftop hall is cool after sunset. Blankets and bolsters are provided.")
    send = message.get_by_role("button", name="Send to 2 people")
    message.get_by_label("Message").blur()
    # The people booked, the people waiting and the message to the first, in one picture.
    page.evaluate(
        "window.scrollTo(0, document.getElementById('registrants-heading').getBoundingClientRect().top + scrollY - 24)"
    )
    screenshot(page, "session-message")
    send.click()
    dialog = page.get_by_role("dialog", name="Send this message?")
    expect(dialog).to_contain_text("Bring a warm layer will be emailed to the 2 people booked in this session.")
    dialog.get_by_role("button", name="Send to 2 people").click()
    expect(message.get_by_text("Sent to 2 people.")).to_be_visible()
    expect(message.get_by_label("Subject")).to_have_value("")

    # -- cancel the event, from the foot of its own page -----------------------------------------------------
    page.get_by_role("link", name="← My events").click()
    page.get_by_role("article", name=new_title).get_by_role("link", name="Edit event").click()
    danger = page.get_by_role("region", name="Cancel this event")
    expect(danger).to_contain_text("2 people booked will be emailed that it is cancelled")
    danger.get_by_role("button", name="Cancel event").click()
    dialog = page.get_by_role("dialog", name="Cancel this event?")
    dialog.get_by_label("Reason (shown to attendees)").fill("The hall is being renovated")
    dialog.get_by_role("button", name="Cancel event").click()
    flash = page.locator(".flash")
    expect(flash).to_have_text("Event cancelled. 2 people are being emailed.")
    expect(flash).to_be_focused()  # the keyboard goes on from the message, the dialog and its button gone
    expect(page.get_by_text("This event has been cancelled.")).to_be_visible()
    expect(danger).to_have_count(0)

    page.get_by_role("link", name="← My events").click()
    expect(page.get_by_text("All your events are past or cancelled.")).to_be_visible()  # the list has loaded
    expect(page.get_by_role("article", name=new_title)).to_have_count(0)  # cancelled events are hidden by default
    show_all = page.get_by_role("checkbox", name="Show past and cancelled")
    show_all.click()  # it follows the address (?show=all), so it is ticked once the router has moved: wait for that
    expect(show_all).to_be_checked()
    expect(page.get_by_role("article", name=new_title)).to_contain_text("Cancelled")
