"""A retreat booked with a deposit, in real Chromium against the real services and the test payment provider: a
person books the demo Coastal Ayurveda Retreat's shared twin, answering its questions, pays the 20 % deposit, sees
the payment schedule in My bookings, then pays the first instalment from the pay link its email brings; kavya's
event page adds up the money.

The module has a stack of its own: its bookings and payments must not show in the shared stack's pictures.
"""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from live_stack import free_port_number, launch_stack, sqlite_stack_databases
from playwright.sync_api import Page, expect
from test_approval_journey import log_in_as_kavya
from test_mailbox_and_reset import open_mail
from test_payments_journey import new_user, on_public_origin, open_event, session_row, sign_in

from main_app.models import BookingInstalment, OutboxMessage, utcnow

pytestmark = pytest.mark.e2e
RETREAT = "Coastal Ayurveda Retreat"  # kavya's, 90 days ahead: shared twin ₹45,000, 20 % down, 2 instalments


@pytest.fixture(scope="module")
def web_stack(browser, tmp_path_factory, db_templates):
    """This module's own stack, on SQLite with the demo data; new_page opens pages on it by default."""
    folder = tmp_path_factory.mktemp("retreat-stack")
    stack = launch_stack(sqlite_stack_databases(db_templates, folder), folder, free_port_number, web=True)
    yield on_public_origin(stack)
    stack.stop()


def first_instalment_falls_due(stack, booking_id: int) -> None:
    """Time passing: the pay-link message of the booking's instalment 1 becomes due now (the dispatcher sends it)."""
    [instalment] = stack.rows(
        sa.select(BookingInstalment.id).where(BookingInstalment.booking_id == booking_id, BookingInstalment.number == 1)
    )
    [message] = [
        m["id"]
        for m in stack.outbox("timers")
        if m["type"] == "instalment_due" and m["payload"]["instalment"] == instalment["id"]
    ]
    stack.write(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == message)
        .values(next_attempt_at=utcnow() - timedelta(seconds=1))
    )


def pay_on_test_checkout(page: Page, amount: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(RETREAT)
    expect(page.locator(".amount")).to_have_text(amount)
    page.get_by_role("button", name=f"Pay {amount}").click()


def plan_row(page: Page, label: str):
    return page.get_by_role("main").get_by_role("article", name=RETREAT).get_by_role("row", name=re.compile(label))


def test_a_retreat_is_booked_with_a_deposit_and_paid_by_instalments(web_stack, new_page, screenshot):
    email, _token = new_user(web_stack, "Lakshmi Menon")
    person = new_page()
    sign_in(person, email)

    # -- the booking dialog: the room, the questions ---------------------------------------------------------
    open_event(person, RETREAT)
    session_row(person, 0).get_by_role("button", name="Book & pay").click()
    dialog = person.get_by_role("dialog")
    dialog.get_by_role("group", name="Room").get_by_role("radio", name=re.compile(r"^Shared twin, ₹45,000")).check()
    dialog.get_by_label("Diet (required)").select_option("Vegetarian")
    dialog.get_by_role("group", name="First retreat?").get_by_label("Yes").check()
    dialog.get_by_label("Health conditions or injuries we should know about").fill("A weak left knee")
    screenshot(person, "retreat-booking")
    dialog.get_by_role("button", name="Continue to payment").click()

    # -- the deposit, on the test provider's page --------------------------------------------------------------
    pay_on_test_checkout(person, "₹9,000")
    expect(person.get_by_role("heading", level=1)).to_have_text("You're booked!")
    booking_id = int(re.search(r"/bookings/(\d+)/payment", person.url)[1])

    # -- My bookings: the schedule ------------------------------------------------------------------------------
    person.goto("/bookings")
    card = person.get_by_role("main").get_by_role("article", name=RETREAT)
    expect(card.locator("caption")).to_have_text("Payment plan · ₹9,000 paid · ₹36,000 to pay")
    expect(plan_row(person, "Deposit")).to_contain_text("₹9,000")
    expect(plan_row(person, "Deposit")).to_contain_text("Paid")
    for number in (1, 2):
        expect(plan_row(person, f"Instalment {number}")).to_contain_text("₹18,000")
        expect(plan_row(person, f"Instalment {number}")).to_contain_text("Due")
    person.set_viewport_size({"width": 390, "height": 844})  # the same page on a phone
    card.locator("caption").scroll_into_view_if_needed()
    screenshot(person, "retreat-schedule-phone")
    person.set_viewport_size({"width": 1280, "height": 860})

    # -- a month before the balance: the first instalment's pay link, by email ------------------------------------
    first_instalment_falls_due(web_stack, booking_id)
    open_mail(person, re.compile(f"Instalment due: {RETREAT}"), to=email)
    person.get_by_role("button", name="Plain text").click()
    text = person.locator("pre.mail-text").inner_text()
    assert "₹18,000" in text
    link = re.search(rf"https?://\S+/bookings/{booking_id}/instalments/1/pay", text)[0]
    person.goto(link)
    pay_on_test_checkout(person, "₹18,000")
    expect(person.get_by_role("heading", level=1)).to_have_text("Instalment 1 is paid")

    person.goto("/bookings")
    expect(card.locator("caption")).to_have_text("Payment plan · ₹27,000 paid · ₹18,000 to pay")
    expect(plan_row(person, "Instalment 1")).to_contain_text("Paid")
    expect(plan_row(person, "Instalment 2")).to_contain_text("Due")

    # -- kavya's event page: the money ----------------------------------------------------------------------------
    facilitator = new_page(height=1000)
    log_in_as_kavya(facilitator)
    facilitator.get_by_role("article", name=RETREAT).get_by_role("link", name="Edit event").click()
    money = facilitator.get_by_role("region", name="Money")
    expect(money).to_contain_text("Received₹27,000")
    expect(money.get_by_role("row", name=re.compile("Lakshmi Menon"))).to_contain_text("₹18,000")
    money.scroll_into_view_if_needed()
    screenshot(facilitator, "retreat-money")
