"""A discount code from the facilitator's Codes page to a pack's last credit, in real Chromium against the real services
and the built-in test provider: arjun makes a code for his passes on the Codes page; asha applies it to his 5-class
pack on the Sound Healing Evening page, sees the old price struck through, pays the rest on the test checkout, books
two classes with the pack, cancels one early (the credit comes back) and one late, a class starting within the
event's late-cancel hours (the credit is forfeited), and My passes shows 4 of 5 credits left. On the way she books a
third class free with another code, without a checkout, and arjun's Passes page counts what she did.

The module has a stack of its own, opened on PUBLIC_WEB_URL's origin, where the checkout sends the browser back.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from live_stack import free_port_number, launch_stack, sqlite_stack_databases
from playwright.sync_api import Page, expect
from test_accessibility import AXE, violations
from test_pass_journey import sign_in_as_asha
from test_payments_journey import on_public_origin, open_event, session_row

pytestmark = pytest.mark.e2e
SOUND = "Sound Healing Evening"  # arjun's: paid sessions ~6 and ~20 days ahead (₹800), late-cancel cut-off 12 hours
PACK = "Sound healing 5-class pack"  # made here: ₹3,000 for 5 credits
PASS_CODE = "FIVEPACK"  # made on the Codes page: 40% off passes, 10 uses, one each
FREE_CODE = "FRIEND100"  # made through the API: a seat free, once each


@pytest.fixture(scope="module")
def web_stack(browser, tmp_path_factory, db_templates):
    """This module's own stack, on SQLite with the demo data; new_page opens pages on it by default."""
    folder = tmp_path_factory.mktemp("code-stack")
    stack = launch_stack(sqlite_stack_databases(db_templates, folder), folder, free_port_number, web=True)
    yield on_public_origin(stack)
    stack.stop()


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: npm ci in frontend/ installs it", pytrace=False)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def arjuns_offer(web_stack) -> None:
    """Through arjun's API: the 5-class pack on sale, a class of the evening starting in three hours (inside its
    12-hour late-cancel cut-off), and a code that makes a seat free."""
    facilitator_id, headers = web_stack.login_as("arjun", "arjun123")
    mine = f"{web_stack.main_url}/api/facilitator/{facilitator_id}"

    def post(path: str, body: dict) -> dict:
        answer = web_stack.http.post(f"{mine}{path}", json=body, headers=headers, timeout=10)
        assert answer.status_code == 201, answer.text
        return answer.json()

    post("/passes", {"name": PACK, "kind": "pack", "credits": 5, "valid_days": 60, "price": 300_000, "currency": "INR"})
    events = web_stack.http.get(f"{mine}/events", headers=headers, timeout=10).json()["items"]
    [sound] = [event for event in events if event["title"] == SOUND]
    soon = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(hours=3)
    ends = soon + timedelta(hours=2)
    session = {"starts_at": soon.isoformat(), "ends_at": ends.isoformat(), "capacity": 15, "price": 80_000}
    post(f"/events/{sound['id']}/sessions", {**session, "currency": "INR"})
    post("/codes", {"code": FREE_CODE, "percent_off": 100, "applies_to": "bookings", "max_uses_per_person": 1})


def log_in_as_arjun(page: Page) -> None:
    page.goto("/facilitator")
    page.get_by_label("Email or username").fill("arjun")
    page.get_by_label("Password").fill("arjun123")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My events")


def pack_card(page: Page):
    return page.get_by_role("main").get_by_role("article", name=PACK)


def book_with_the_pack(page: Page, nth: int, credits_left: int, terms: re.Pattern) -> None:
    """Book the evening's nth session (in time order) with the pack, from its page."""
    session_row(page, nth).get_by_role("button", name="Book").click()
    dialog = page.get_by_role("dialog", name="Book with your pass?")
    expect(dialog.get_by_role("radio", name=f"Use my pass: {PACK} — {credits_left} credits left")).to_be_checked()
    expect(dialog.locator(".booking-terms")).to_have_text(terms)
    dialog.get_by_role("button", name="Book with my pass").click()
    expect(page.get_by_text("You're booked! Your pass paid for it.")).to_be_visible()
    expect(session_row(page, nth)).to_contain_text("Booked ✓")


def cancel_upcoming(page: Page, nth: int, says: str, flash: str) -> None:
    """Cancel the nth of the evening's upcoming bookings (soonest first) in My bookings."""
    page.goto("/bookings")
    card = page.get_by_role("region", name="Upcoming").get_by_role("article", name=SOUND).nth(nth)
    expect(card).to_contain_text("Booked with a pass")
    card.get_by_role("button", name="Cancel booking").click()
    dialog = page.get_by_role("dialog", name="Cancel this booking?")
    expect(dialog).to_contain_text(says)
    dialog.get_by_role("button", name="Yes, cancel it").click()
    expect(page.get_by_text(flash)).to_be_visible()


def test_asha_buys_a_pack_with_a_code_and_keeps_a_credit_she_cancelled_in_time(
    new_page, web_stack, screenshot, axe_source, arjuns_offer
):
    # -- arjun makes a code for his passes on the Codes page -------------------------------------------
    studio = new_page(1280, 1000)
    log_in_as_arjun(studio)
    studio.get_by_role("link", name="Codes").click()
    expect(studio.get_by_role("heading", level=1)).to_have_text("Discount codes")
    form = studio.get_by_role("region", name="A new code")
    form.get_by_label("Code").fill(PASS_CODE.lower())
    form.get_by_label("Percent off").fill("40")
    form.get_by_label("Good for").select_option("passes")
    form.get_by_label("Uses in all").fill("10")
    form.get_by_label("Uses per person").fill("1")
    form.get_by_role("button", name="Create code").click()
    expect(studio.get_by_text(f"{PASS_CODE} is ready to use.")).to_be_visible()
    row = studio.get_by_role("row").filter(has_text=PASS_CODE)
    expect(row).to_contain_text("40% off")
    expect(row).to_contain_text("Passes")
    expect(row).to_contain_text("0 of 10 used; at most 1 use per person")
    expect(row.get_by_role("button", name=f"Retire {PASS_CODE}")).to_be_visible()
    expect(studio.get_by_role("row").filter(has_text=FREE_CODE)).to_contain_text("100% off")
    assert not violations(studio, axe_source)

    # -- asha applies it to the pack in the shop: the old price struck through -------------------------
    page = new_page(1280, 1000)
    sign_in_as_asha(page)
    open_event(page, SOUND)
    shop = page.get_by_role("region", name="Passes")
    offer = shop.get_by_role("article", name=PACK)
    expect(offer.locator(".pass-price")).to_have_text("₹3,000")
    offer.get_by_label("Have a code?").fill("BOOKS")
    offer.get_by_role("button", name="Apply").click()
    expect(offer.get_by_role("alert")).to_have_text("The code 'BOOKS' does not exist.")
    offer.get_by_label("Have a code?").fill(PASS_CODE.lower())
    offer.get_by_role("button", name="Apply").click()
    expect(offer.get_by_role("status")).to_contain_text(f"Code {PASS_CODE} applied: ₹1,200 off.")
    expect(offer.locator(".pass-price del")).to_have_text("₹3,000")
    expect(offer.locator(".pass-price strong")).to_have_text("₹1,800")
    offer.scroll_into_view_if_needed()
    screenshot(page, "pass-shop-code")
    assert not violations(page, axe_source)
    offer.get_by_role("button", name="Buy for ₹1,800").click()

    # -- the rest paid on the test checkout, then the pack on My passes ---------------------------------
    expect(page).to_have_url(re.compile(rf"^{re.escape(web_stack.main_url)}/payments/test/checkout/"))
    expect(page.locator(".amount")).to_have_text("₹1,800")
    page.get_by_role("button", name="Pay ₹1,800", exact=True).click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(web_stack.web_url)}/my-passes\?pass=\d+&result=success$"))
    expect(page.get_by_text("Payment received: your pass is ready.")).to_be_visible()
    expect(pack_card(page)).to_contain_text("5 of 5 credits left")

    # -- two classes booked with the pack: the one in three hours, and the one in six days ---------------
    open_event(page, SOUND)
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(4)  # a header row and three sessions
    late = re.compile(r"^It's less than 12 hours before the start: if you cancel, the credit will be forfeited\.$")
    book_with_the_pack(page, 0, 5, late)
    early = re.compile(r"^Free cancellation with credit back until .+ IST; later the credit is forfeited\.$")
    book_with_the_pack(page, 1, 4, early)

    # -- the third class free with the other code: no checkout ------------------------------------------
    session_row(page, 2).get_by_role("button", name="Book").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_have_accessible_name("Book with your pass?")
    dialog.get_by_role("radio", name="Pay ₹800 on the next page").check()
    dialog.get_by_label("Have a code?").fill(FREE_CODE.lower())
    dialog.get_by_role("button", name="Apply").click()
    expect(dialog.get_by_role("status")).to_contain_text(f"Code {FREE_CODE} applied: ₹800 off.")
    expect(dialog.get_by_role("radio", name="Free with code")).to_be_checked()
    expect(dialog.locator(".code-total")).to_have_text(re.compile(r"^To pay: .*₹800.*Free with code$"))
    expect(dialog).to_have_accessible_name("Book this session?")
    screenshot(page, "book-free-with-code")
    assert not violations(page, axe_source)
    dialog.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_text(f"Free with code {FREE_CODE}: nothing to pay.")).to_be_visible()
    expect(session_row(page, 2)).to_contain_text("Booked ✓")
    expect(page).to_have_url(re.compile(rf"^{re.escape(web_stack.web_url)}/events/\d+$"))

    page.goto("/my-passes")
    expect(pack_card(page)).to_contain_text("3 of 5 credits left")

    # -- cancelled in time, the credit comes back; cancelled late, it is forfeited ----------------------
    cancel_upcoming(
        page,
        1,
        "The credit goes back to your pass.",
        "Booking cancelled. The credit is back on your pass.",
    )
    cancel_upcoming(
        page,
        0,
        "It's past the cancellation cut-off: the credit is forfeited.",
        "Booking cancelled. The credit was forfeited.",
    )
    page.goto("/my-passes")
    expect(pack_card(page)).to_contain_text("4 of 5 credits left")  # 5 - 2 booked + 1 back
    expect(pack_card(page)).to_contain_text("Active")

    # -- arjun's figures count it all ---------------------------------------------------------------------
    studio.get_by_role("link", name="pass", exact=True).click()
    expect(studio.get_by_role("heading", level=1)).to_have_text("Passes")
    figures = studio.get_by_role("region", name="Your figures")
    for label, value in (("Passes sold", "1"), ("Credits outstanding", "4"), ("Code uses", "2")):
        expect(figures.locator("dt", has_text=label).locator("xpath=following-sibling::dd")).to_have_text(value)
    studio.evaluate("() => window.scrollTo(0, 0)")  # the picture from the top: the link followed was further down
    screenshot(studio, "pass-figures")
    with studio.expect_download() as download:
        figures.get_by_role("button", name="Download CSV").click()
    assert download.value.suggested_filename == "passes-sold.csv"
    sold = download.value.path().read_text(encoding="utf-8")
    assert PACK in sold and "asha@example.com" in sold, sold

    studio.get_by_role("link", name="discount codes").click()
    expect(studio.get_by_role("row").filter(has_text=PASS_CODE)).to_contain_text("1 of 10 used")
    expect(studio.get_by_role("row").filter(has_text=FREE_CODE)).to_contain_text("1 used, no limit")
    screenshot(studio, "facilitator-codes", full_page=True)
