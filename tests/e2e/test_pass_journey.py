"""A class pack from purchase to a cancelled booking, in real Chromium against the real services and the built-in test
provider: asha buys arjun's 3-class pack on the Sound Healing Evening page, pays on the test checkout, finds it on My
passes, books both sessions with it, cancels one early (its credit comes back, and the cancellation email says so)
and checks the balance.

The module has a stack of its own, opened on PUBLIC_WEB_URL's origin, where the checkout sends the browser back: the
pass and bookings must not show in the shared stack's catalogue, and the pages must be where the signed-in session is.
"""

import re

import pytest
from live_stack import free_port_number, launch_stack, sqlite_stack_databases
from playwright.sync_api import Page, expect
from test_accessibility import AXE, violations
from test_mailbox_and_reset import open_mail
from test_payments_journey import on_public_origin, open_event, session_row

pytestmark = pytest.mark.e2e
SOUND = "Sound Healing Evening"  # arjun's: two paid sessions, ~6 and ~20 days ahead
PACK = "Sound healing 3-class pack"  # arjun's: ₹2,000 for 3 credits, valid 60 days
ASHA = ("asha", "asha1234", "asha@example.com")


@pytest.fixture(scope="module")
def web_stack(browser, tmp_path_factory, db_templates):
    """This module's own stack, on SQLite with the demo data; new_page opens pages on it by default."""
    folder = tmp_path_factory.mktemp("pass-stack")
    stack = launch_stack(sqlite_stack_databases(db_templates, folder), folder, free_port_number, web=True)
    yield on_public_origin(stack)
    stack.stop()


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: npm ci in frontend/ installs it", pytrace=False)
    return AXE.read_text(encoding="utf-8")


def sign_in_as_asha(page: Page, path: str = "/my-passes") -> None:
    """Open a page for signed-in users as asha: the login page comes first, then the page itself."""
    page.goto(path)
    page.get_by_label("Email or username").fill(ASHA[0])
    page.get_by_label("Password").fill(ASHA[1])
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Log in")


def pass_card(page: Page) -> Page:
    return page.get_by_role("main").get_by_role("article", name=PACK)


def book_with_the_pass(page: Page, nth: int, credits_left: int, screenshot=None, axe: str | None = None) -> None:
    """Book the event's nth session with the pack, from the event page."""
    session_row(page, nth).get_by_role("button", name="Book").click()
    dialog = page.get_by_role("dialog", name="Book with your pass?")
    choice = dialog.get_by_role("radio", name=f"Use my pass: {PACK} — {credits_left} credits left")
    expect(choice).to_be_checked()
    expect(dialog.get_by_role("radio", name="Pay ₹800 on the next page")).not_to_be_checked()
    expect(dialog.locator(".booking-terms")).to_have_text(
        re.compile(r"^Free cancellation with credit back until .+, 07:00 IST; later the credit is forfeited\.$")
    )
    if screenshot:
        screenshot(page, "book-with-pass")
    if axe:
        assert not violations(page, axe)
    dialog.get_by_role("button", name="Book with my pass").click()
    expect(page.get_by_text("You're booked! Your pass paid for it.")).to_be_visible()
    expect(session_row(page, nth)).to_contain_text("Booked ✓")


def test_asha_buys_a_pack_books_twice_with_it_and_gets_a_credit_back(new_page, web_stack, screenshot, axe_source):
    page = new_page(1280, 1000)
    sign_in_as_asha(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("My passes")
    expect(page.get_by_text("You have no passes yet.")).to_be_visible()

    # -- the pass shop on the event page ----------------------------------------------------------------
    open_event(page, SOUND)
    shop = page.get_by_role("region", name="Passes")
    offer = shop.get_by_role("article", name=PACK)
    expect(offer).to_contain_text("₹2,000")
    expect(offer).to_contain_text("3 classes, valid 60 days")
    expect(shop.get_by_role("article", name="Monthly membership")).to_contain_text("₹2,500 a month")
    expect(session_row(page).get_by_role("button", name="Book & pay")).to_be_visible()
    shop.scroll_into_view_if_needed()
    screenshot(page, "pass-shop")
    assert not violations(page, axe_source)
    offer.get_by_role("button", name="Buy for ₹2,000").click()

    # -- the test provider's checkout, then back on My passes --------------------------------------------
    expect(page).to_have_url(re.compile(rf"^{re.escape(web_stack.main_url)}/payments/test/checkout/"))
    page.get_by_role("button", name="Pay ₹2,000", exact=True).click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(web_stack.web_url)}/my-passes\?pass=\d+&result=success$"))
    expect(page.get_by_text("Payment received: your pass is ready.")).to_be_visible()
    expect(pass_card(page)).to_contain_text("3 of 3 credits left")
    expect(pass_card(page)).to_contain_text("Active")
    expect(pass_card(page)).to_contain_text(re.compile(r"Valid until \w{3}, \d{1,2} \w{3} \d{4}"))
    screenshot(page, "my-passes")
    assert not violations(page, axe_source)

    phone = new_page(390, 844)
    sign_in_as_asha(phone)
    expect(pass_card(phone)).to_contain_text("3 of 3 credits left")
    screenshot(phone, "my-passes-phone")

    # -- both sessions booked with the pack ------------------------------------------------------------
    open_event(page, SOUND)
    book_with_the_pass(page, 0, 3, screenshot, axe_source)
    book_with_the_pass(page, 1, 2)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My passes").click()
    expect(pass_card(page)).to_contain_text("1 of 3 credits left")

    # -- the sooner one cancelled well ahead: the credit comes back --------------------------------------
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My bookings").click()
    cards = page.get_by_role("region", name="Upcoming").get_by_role("article", name=SOUND)
    expect(cards).to_have_count(2)
    for index in range(2):
        expect(cards.nth(index)).to_contain_text("Booked with a pass")
    cards.first.get_by_role("button", name="Cancel booking").click()
    dialog = page.get_by_role("dialog", name="Cancel this booking?")
    expect(dialog).to_contain_text("The credit goes back to your pass.")
    dialog.get_by_role("button", name="Yes, cancel it").click()
    expect(page.get_by_text("Booking cancelled. The credit is back on your pass.")).to_be_visible()

    page.goto("/my-passes")
    expect(pass_card(page)).to_contain_text("2 of 3 credits left")

    open_mail(page, re.compile(f"Cancelled: {SOUND}"), to=ASHA[2])
    page.get_by_role("button", name="Plain text").click()
    expect(page.locator("pre.mail-text")).to_contain_text("Your pass: 1 credit back on it.")
