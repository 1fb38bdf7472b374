"""The notification centre in real Chromium on the whole system: a booking made elsewhere (the API, another device)
reaches two open tabs of the same person without a reload, through the dispatcher's app lane and the live stream;
reading it in one tab clears the count in the other; the centre lists it."""

import re
import time
import uuid

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e
PASSWORD = "a-long-passphrase"


def sign_in(page: Page, email: str) -> None:
    page.goto("/bookings")
    page.get_by_label("Email or username").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def notifications_link(page: Page):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("^Notifications"))


def test_a_booking_made_elsewhere_shows_in_both_open_tabs_without_a_reload(new_page, screenshot, web_stack):
    email = f"live-{uuid.uuid4().hex[:8]}@example.com"
    token = web_stack.register("Meera Live", email, PASSWORD)["access_token"]
    [session_id] = web_stack.add_sessions(1, capacity=5, title="Evening Kirtan")
    first = new_page()
    sign_in(first, email)
    second = first.context.new_page()  # the same person in a second tab, on a phone's width
    second.set_viewport_size({"width": 390, "height": 844})
    second.goto("/bookings")
    expect(notifications_link(first)).to_have_text("Notifications")
    for tab in (first, second):
        expect(tab.get_by_role("region", name="Upcoming")).to_have_count(0)
    menu = second.get_by_role("button", name=re.compile("^Menu"))
    expect(menu).to_have_accessible_name("Menu")

    booked_at = time.monotonic()
    assert web_stack.book(token, session_id).status_code == 201
    expect(notifications_link(first)).to_have_accessible_name("Notifications 1 unread")
    expect(menu).to_have_accessible_name("Menu 1 unread")  # on the phone the link folds behind Menu
    print(f"booking to both tabs' badges: {time.monotonic() - booked_at:.2f} s")
    # The second tab's My bookings page shows the booking too, without a reload.
    expect(second.get_by_role("region", name="Upcoming").get_by_role("article", name="Evening Kirtan")).to_be_visible()

    screenshot(second, "notifications-phone-badge")
    notifications_link(first).click()
    notice = first.get_by_role("article", name="Booked: Evening Kirtan")
    expect(notice).to_contain_text("is confirmed")
    screenshot(first, "notifications-unread")
    first.get_by_role("button", name="Mark all as read").click()
    expect(first.get_by_text("All read")).to_be_visible()
    expect(menu).to_have_accessible_name("Menu")  # cleared in the other tab too
    menu.click()
    notifications_link(second).click()
    expect(second.get_by_role("article", name="Booked: Evening Kirtan")).to_be_visible()
    screenshot(second, "notifications-phone")
