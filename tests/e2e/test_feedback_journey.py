"""After a session, in real Chromium against the real services and dispatcher: a facilitator's class is under way, one
person is checked in at the door, another never comes and the facilitator adds a walk-in from the session page; the
session ends and closes (the dispatcher's close message), the person who came gets the feedback email, opens its
one-click "5 of 5" link on a phone, changes the rating and adds a comment; the facilitator reads the figures, the
rating and the comment on the session page and corrects the no-show.

On the shared stack, with a facilitator, a class and people of the test's own: the demo's are left as they are. The
clock is moved as the service tests move it, for this class alone: its session's times and its own close message's
due time are written to the stack's database."""

import re
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from live_stack import wait_for
from own_facilitator import OwnFacilitator
from playwright.sync_api import expect
from sqlalchemy import update
from test_accessibility import AXE, violations
from test_mailbox_and_reset import open_mail

from main_app.models import EventSession, OutboxMessage, utcnow

pytestmark = pytest.mark.e2e


def a_class_under_way(facilitator: OwnFacilitator) -> tuple[str, int]:
    """A new class of the facilitator's starting in half an hour (check-in is open): (title, session id)."""
    title = f"Evening Yin {uuid.uuid4().hex[:6]}"
    starts = (datetime.now(UTC) + timedelta(minutes=30)).replace(microsecond=0)
    body = {
        "title": title,
        "kind": "session",
        "timezone": "Asia/Kolkata",
        "location": "Lotus Studio, Bengaluru",
        "sessions": [
            {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat(), "capacity": 6}
        ],
    }
    answer = facilitator.call("POST", "/events", json=body)
    assert answer.status_code == 201, answer.text
    return title, answer.json()["sessions"][0]["id"]


def booked(stack, session_id: int, name: str) -> tuple[str, int]:
    """A new person booked into the session: (their email, the booking's id)."""
    email = f"{name.split()[0].lower()}-{uuid.uuid4().hex[:8]}@example.com"
    stack.register(name, email)
    answer = stack.book(stack.login(email), session_id)
    assert answer.status_code == 201, answer.text
    return email, answer.json()["id"]


def the_session_ends(stack, session_id: int) -> None:
    """An hour passes after its end: its times move back and its close message (no other session's) falls due."""
    ended = utcnow() - timedelta(hours=1)
    stack.write(
        update(EventSession)
        .where(EventSession.id == session_id)
        .values(starts_at=ended - timedelta(hours=1), ends_at=ended),
        update(OutboxMessage)
        .where(OutboxMessage.type == "session_close", OutboxMessage.payload["close_session"].as_integer() == session_id)
        .values(next_attempt_at=utcnow() - timedelta(seconds=1)),
    )


def test_the_people_who_came_rate_the_class_and_the_facilitator_reads_it_and_corrects_a_no_show(
    new_page, web_stack, screenshot
):
    stack = web_stack
    facilitator = OwnFacilitator(stack, "Leela Menon")
    title, session_id = a_class_under_way(facilitator)
    came, came_booking = booked(stack, session_id, "Lena Fischer")
    _missed, _missed_booking = booked(stack, session_id, "Omar Haddad")
    mine = f"/sessions/{session_id}"
    checked = facilitator.call("POST", f"{mine}/checkins", json={"checkins": [{"booking_id": came_booking}]})
    assert checked.json()["results"][0]["status"] == "checked_in", checked.text

    # -- at the door: a walk-in from the session page ----------------------------------------------
    host = new_page(1280, 1400)
    facilitator.log_in(host)
    host.goto(f"/facilitator/sessions/{session_id}")
    walk_in = host.get_by_role("region", name="Add a walk-in")
    walk_in.get_by_label("Name", exact=True).fill("Kiran Das")
    walk_in.get_by_label("Email").fill(f"kiran-{uuid.uuid4().hex[:8]}@example.com")
    walk_in.get_by_role("button", name="Add and check in").click()
    expect(walk_in.get_by_role("status")).to_contain_text("Kiran Das is booked and checked in.")
    expect(host.get_by_role("row").filter(has_text="Kiran Das")).to_be_visible()

    # -- the session ends and closes --------------------------------------------------------------
    the_session_ends(stack, session_id)
    wait_for(
        lambda: facilitator.call("GET", f"{mine}/attendance").json()["closed"],
        timeout=20,
        message="the session to close",
    )

    # -- the person who came rates it from the email, on a phone -----------------------------------
    phone = new_page(390, 844)
    open_mail(phone, re.compile(f"How was {re.escape(title)}"), to=came)
    phone.get_by_role("button", name="Plain text").click()
    text = phone.locator("pre.mail-text").inner_text()
    link = re.search(r"https?://\S+/feedback\?token=\S+&rating=5", text).group(0)
    address = urlsplit(link)
    phone.goto(f"{address.path}?{address.query}")
    expect(phone.get_by_text("Thank you! You rated it 5 stars.")).to_be_visible()
    expect(phone.get_by_role("heading", name=title)).to_be_visible()
    token = re.search(r"token=([^&]+)", address.query).group(1)
    assert stack.http.get(f"{stack.main_url}/feedback", params={"token": token}).json()["rating"] == 5

    four = phone.get_by_role("radio", name="4 stars")
    phone.locator("label", has=four).click()  # the star a finger taps: the radio's label
    expect(four).to_be_checked()
    expect(phone.get_by_text("Thank you! You rated it 4 stars.")).to_be_visible()
    phone.get_by_label("Comment (optional)").fill("Calm and unhurried; the room was a little cold.")
    phone.get_by_role("button", name="Send comment").click()
    expect(phone.get_by_text("Your comment was sent to the facilitator.")).to_be_visible()
    screenshot(phone, "feedback-phone", full_page=True)
    assert violations(phone, AXE.read_text(encoding="utf-8")) == []
    stored = stack.http.get(f"{stack.main_url}/feedback", params={"token": token}).json()
    assert (stored["rating"], stored["comment"]) == (4, "Calm and unhurried; the room was a little cold.")

    # -- the facilitator reads it and corrects the no-show ----------------------------------------------------
    host.reload()
    day = host.get_by_role("region", name="Attendance")
    expect(day.get_by_text("Attendance is set")).to_be_visible()
    figures = {
        label: day.get_by_text(label, exact=True).locator("xpath=following-sibling::dd")
        for label in ("Booked", "Checked in", "Attended", "No-shows", "Walk-ins", "Average rating")
    }
    expect(figures["Booked"]).to_have_text("3")
    expect(figures["Checked in"]).to_have_text("2")
    expect(figures["Attended"]).to_have_text("2")
    expect(figures["No-shows"]).to_have_text("1")
    expect(figures["Walk-ins"]).to_have_text("1")
    expect(figures["Average rating"]).to_have_text("4.0 ★")
    feedback = host.get_by_role("region", name="Feedback")
    expect(feedback).to_contain_text("1 rating, 4.0 out of 5 on average")
    expect(feedback.get_by_role("img", name="4 out of 5 stars")).to_be_visible()
    expect(feedback).to_contain_text("Calm and unhurried; the room was a little cold.")

    omar = host.get_by_role("row").filter(has_text="Omar Haddad")
    expect(omar).to_contain_text("No-show")
    omar.get_by_role("button", name="Mark attended").click()
    expect(omar.get_by_role("button", name="Mark no-show")).to_be_visible()
    expect(figures["No-shows"]).to_have_text("0")
    expect(figures["Attended"]).to_have_text("3")
    host.get_by_role("heading", name="Attendance").scroll_into_view_if_needed()
    screenshot(host, "session-attendance")
    assert violations(host, AXE.read_text(encoding="utf-8")) == []

    host.get_by_role("button", name="Omar Haddad").click()
    history = host.get_by_role("dialog", name="Omar Haddad's attendance")
    expect(history.get_by_role("listitem").filter(has_text=title)).to_contain_text("Attended")
    history.get_by_role("button", name="Close").click()
    expect(history).to_be_hidden()
