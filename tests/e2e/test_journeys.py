"""The two journeys of the product, in real Chromium against the real services (SQLite, gunicorn, dispatcher).

A new user registers, books a retreat, sees it in My bookings, cancels and reactivates it; priya logs in,
finds that user among the registrants, downloads the CSV, edits the session and cancels it; the user then
sees the cancellation with her reason, and priya's CRM inbox shows the notifications, her cancellation as one entry
that opens on the booking it ended.
"""

import csv
import io
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e
EVENT = "Himalayan Silence Retreat"  # priya's demo retreat: one session, 20 seats
REASON = "Teacher unwell; we will reschedule"


def register(page: Page, name: str, email: str) -> None:
    page.goto("/register")
    expect(page).to_have_title(re.compile("Create an account"))
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a-long-passphrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def open_event_by_search(page: Page, title: str) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Upcoming sessions & retreats")
    page.get_by_label("Kind").select_option("retreat")
    page.get_by_label("Search").fill("Himalayan")
    page.get_by_label("Search").press("Enter")
    expect(page).to_have_url(re.compile(r"q=Himalayan"))
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def log_in(page: Page, login: str, password: str) -> None:
    page.get_by_label("Email or username").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_a_user_books_and_a_facilitator_runs_the_session(new_page, screenshot):
    email = f"mira-{uuid.uuid4().hex[:8]}@example.com"
    name = "Mira Kapoor"
    user = new_page()

    # -- the user: browse, register, book ---------------------------------------------------------------
    user.goto("/")
    expect(user.get_by_role("link", name="Morning Vinyasa Flow")).to_be_visible()
    screenshot(user, "events")
    register(user, name, email)
    open_event_by_search(user, EVENT)
    expect(user.get_by_text("20 seats left")).to_be_visible()
    user.get_by_role("button", name="Book").click()
    dialog = user.get_by_role("dialog", name="Book this session?")
    expect(dialog).to_contain_text(EVENT)
    screenshot(user, "book-confirm")
    dialog.get_by_role("button", name="Confirm booking").click()
    expect(user.get_by_text("You're booked!")).to_be_visible()
    expect(user.get_by_text("19 seats left")).to_be_visible()
    screenshot(user, "event")

    # -- My bookings: cancel (after confirming) and reactivate ------------------------------------------
    user.get_by_role("navigation", name="Main").get_by_role("link", name="My bookings").click()
    expect(user.get_by_role("heading", level=1)).to_have_text("My bookings")
    upcoming = user.get_by_role("region", name="Upcoming")
    expect(upcoming).to_contain_text(EVENT)
    user.get_by_role("button", name="Cancel booking").click()
    user.get_by_role("dialog", name="Cancel this booking?").get_by_role("button", name="Yes, cancel it").click()
    expect(user.get_by_text("Booking cancelled.")).to_be_visible()
    expect(user.get_by_role("region", name="Cancelled")).to_contain_text(EVENT)
    user.get_by_role("button", name="Reactivate").click()
    expect(user.get_by_text("Booking reactivated.")).to_be_visible()
    expect(upcoming).to_contain_text(EVENT)
    screenshot(user, "my-bookings")

    # -- priya: dashboard, registrants, CSV, edit, cancel ----------------------------------------------
    priya = new_page()
    priya.goto("/")
    priya.get_by_role("navigation", name="Main").get_by_role("link", name="Facilitator").click()
    expect(priya.get_by_role("heading", level=1)).to_have_text("Facilitator login")
    log_in(priya, "priya", "priya123")
    expect(priya.get_by_role("heading", level=1)).to_have_text("My events")
    retreat = priya.locator(".card", has_text=EVENT)
    expect(retreat).to_contain_text("1 / 20")
    screenshot(priya, "facilitator-dashboard")
    retreat.get_by_role("link", name=re.compile("^Manage")).click()

    expect(priya.get_by_role("heading", level=1)).to_have_text(EVENT)
    registrants = priya.get_by_role("table")
    expect(registrants).to_contain_text(name)
    expect(registrants).to_contain_text(email)
    with priya.expect_download() as download:
        priya.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert [row for row in rows if email in row.values()], rows

    capacity = priya.get_by_label("Capacity")
    capacity.fill("0")
    priya.get_by_role("button", name="Save changes").click()
    expect(capacity).to_have_attribute("aria-invalid", "true")
    capacity.fill("18")
    priya.get_by_role("button", name="Save changes").click()
    expect(priya.get_by_text("Session updated.")).to_be_visible()
    priya.evaluate("window.scrollTo(0, 0)")  # the page from its top: the session, its registrants and waiting list
    screenshot(priya, "session-registrants")

    priya.get_by_role("button", name="Cancel session").click()
    dialog = priya.get_by_role("dialog", name="Cancel this session?")
    expect(dialog).to_contain_text(re.compile(r"\b1 (person|people)\b"))
    dialog.get_by_label("Reason (shown to attendees)").fill(REASON)
    dialog.get_by_role("button", name="Cancel session").click()
    expect(priya.get_by_text(re.compile(r"Session cancelled\."))).to_be_visible()

    # -- the user sees the cancellation and its reason ---------------------------------------------------
    user.reload()
    cancelled = user.get_by_role("region", name="Cancelled")
    expect(cancelled).to_contain_text(EVENT)
    expect(cancelled).to_contain_text(REASON)
    expect(cancelled.get_by_role("button", name="Reactivate")).to_have_count(0)
    cancelled.get_by_role("link", name=EVENT).click()  # the event page shows the session as cancelled
    expect(user.get_by_role("main")).to_contain_text("Cancelled")
    expect(user.get_by_role("button", name="Book")).to_have_count(0)

    # -- priya's CRM inbox: booked, cancelled, reactivated, session updated and cancelled ---------------
    inbox_link = priya.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("^Inbox"))
    expect(inbox_link).to_have_accessible_name(re.compile(r"Inbox \d+ unread"), timeout=20_000)
    inbox_link.click()
    expect(priya.get_by_role("heading", level=1)).to_have_text("Inbox")
    for text in (f"{name} booked", "cancelled", "reactivated"):
        expect(priya.get_by_role("main")).to_contain_text(text)
    # Her own cancellation is one entry, already read, standing for the booking it ended; it opens on demand.
    summary = re.compile(rf"You cancelled the .+ session of {EVENT}: 1 booking cancelled")
    cancellation = priya.get_by_role("listitem").filter(has_text=summary)
    expect(cancellation).to_be_visible(timeout=30_000)  # the list refreshes every 15 s
    expect(cancellation.get_by_text("New", exact=True)).to_have_count(0)
    toggle = cancellation.get_by_role("button", name="1 cancelled booking")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    members = cancellation.get_by_role("list", name="1 cancelled booking")
    expect(members).to_contain_text(f"{name}'s booking for {EVENT} was cancelled")
    expect(members).to_contain_text(REASON)
    screenshot(priya, "inbox")
    priya.get_by_role("button", name="Mark all as read").click()
    expect(inbox_link).to_have_accessible_name("Inbox")

    priya.goto("/facilitator/integration")
    expect(priya.get_by_role("heading", level=1)).to_have_text("Delivery: CRM, email, texts, payments")
    expect(priya.get_by_role("main")).to_contain_text("CRM reachable")
    screenshot(priya, "integration")
