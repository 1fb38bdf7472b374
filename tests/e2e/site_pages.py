"""The pages each kind of person can open, found from what the app links to, and signing in as the demo's people:
shared by the browser tests that walk every page (accessibility, overflow)."""

import re
import uuid

from live_stack import wait_for
from playwright.sync_api import Page, expect

ACCOUNTS = {"user": ("asha", "asha1234"), "facilitator": ("priya", "priya123"), "admin": ("admin", "admin1234")}


def settled(page: Page) -> None:
    """The page has its heading and nothing is loading any more."""
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".loading")).to_have_count(0)


def log_in(page: Page, role: str) -> None:
    login, password = ACCOUNTS[role]
    page.goto("/facilitator/login" if role != "user" else "/login")
    page.get_by_label("Email or username").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/login$"))  # on a phone Log out is behind the Menu button


def first_href(page: Page, selector: str) -> str:
    """The address of the first link matching selector, once there is one."""
    link = page.locator(selector).first
    expect(link).to_be_visible()
    return link.get_attribute("href")


def unread_news_for_priya(page: Page, stack, session_path: str) -> None:
    """Someone books priya's session, so her Inbox link carries an unread count (the badge axe must read right)."""
    session_id = int(session_path.rsplit("/", 1)[1])
    token = stack.register("Axe Tester", f"axe-{uuid.uuid4().hex[:8]}@example.com")["access_token"]
    booking = stack.book(token, session_id)
    assert booking.status_code == 201, booking.text
    # Delivered through the outbox; a fresh page asks for the count at once instead of at its next poll.
    wait_for(lambda: stack.crm_notifications(booking_id=booking.json()["id"]), 30, message="the booking in the CRM")
    page.reload()
    # On the Inbox link, or on a phone the Menu button.
    expect(page.locator("header .badge:visible")).to_have_count(1)


def pages_of(page: Page, role: str, stack=None) -> list[str]:
    """The paths a person in this role can open (ids taken from what the app links to)."""
    page.goto("/")
    event = first_href(page, "main a[href^='/events/']")
    public = ["/", "/timetable", event, "/no/such/page"]
    if role == "guest":
        return [
            *public,
            "/login",
            "/register",
            "/forgot-password",
            "/reset-password?token=not-a-real-token",
            "/unsubscribe?token=not-a-real-token",
            "/feedback?token=not-a-real-token&rating=5",
            "/mailbox",
            "/facilitator/login",
        ]
    if role == "user":
        return [*public, "/bookings", "/my-passes", "/account"]
    if role == "admin":
        return [*public, "/facilitator/integration", "/admin/studios", "/account"]
    page.goto("/facilitator")
    managed = first_href(page, "main a[href^='/facilitator/events/']:not([href$='/new'])")
    page.goto(managed)
    session = first_href(page, "main a[href^='/facilitator/sessions/']")
    unread_news_for_priya(page, stack, session)
    return [
        *public,
        "/facilitator",
        "/facilitator/events/new",
        managed,
        session,
        "/facilitator/inbox",
        "/facilitator/passes",
        "/facilitator/codes",
        "/facilitator/integration",
        "/account",
    ]
