"""Paying with Razorpay in real Chromium against the real services: our checkout page loads Razorpay's Checkout (the
fake Razorpay's stand-in checkout.js), a UPI payment that fails can be tried again, a UPI payment that goes through
brings the person back booked, and Razorpay's signed webhooks of the same payment change nothing more.

The module has a stack of its own with PAYMENT_PROVIDER=razorpay, pointed at a fake Razorpay in this process that
sends its webhooks to that stack."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from invoice_checks import GST_SETTINGS
from live_stack import free_port_number, launch_stack, sqlite_stack_databases
from main_fake_razorpay import FakeRazorpay
from playwright.sync_api import expect
from pypdf import PdfReader
from razorpay_shapes import (
    KEY_ID,
    KEY_SECRET,
    WEBHOOK_SECRET,
    payment_entity,
    webhook_body,
    webhook_headers,
)
from test_mailbox_and_reset import open_mail
from test_payments_journey import COASTAL, new_user, on_public_origin, open_event, paid_in_full, session_row, sign_in
from test_studio_team_journey import make_studio

pytestmark = pytest.mark.e2e
SOUND = "Sound Healing Evening"  # arjun's: its page sells his monthly membership (₹2,500 a month)


@pytest.fixture(scope="module")
def razorpay():
    fake = FakeRazorpay()
    yield fake
    fake.close()


@pytest.fixture(scope="module")
def web_stack(browser, tmp_path_factory, db_templates, razorpay):
    """This module's own stack on Razorpay (the fake); new_page opens pages on it by default."""
    folder = tmp_path_factory.mktemp("razorpay-stack")
    settings = {
        "PAYMENT_PROVIDER": "razorpay",
        "RAZORPAY_KEY_ID": KEY_ID,
        "RAZORPAY_KEY_SECRET": KEY_SECRET,
        "RAZORPAY_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "RAZORPAY_API_BASE": razorpay.url,
        "RAZORPAY_CHECKOUT_JS": f"{razorpay.url}/v1/checkout.js",
    }
    stack = launch_stack(sqlite_stack_databases(db_templates, folder), folder, free_port_number, web=True, **settings)
    razorpay.webhook_url = f"{stack.main_url}/payments/webhook/razorpay"
    paid_in_full(stack, "kavya", COASTAL)
    adds_gst(stack, "kavya")
    yield on_public_origin(stack)
    stack.stop()


def adds_gst(stack, username: str) -> None:
    """The owner's studio registered for GST, its prices set without it: 18 % is added to what its clients pay."""
    _, headers = stack.login_as(username, f"{username}123")
    [studio] = stack.http.get(f"{stack.main_url}/api/studios", headers=headers, timeout=10).json()["items"]
    settings = GST_SETTINGS | {"prices_include_tax": False}
    url = f"{stack.main_url}/api/studios/{studio['slug']}/invoicing"
    answer = stack.http.put(url, json=settings, headers=headers, timeout=10)
    assert answer.status_code == 200, answer.text


def add_billing_details(page, screenshot) -> None:
    """On Your account: the business the person books for, whose invoices it wants for its input tax credit."""
    page.goto("/account")
    section = page.get_by_role("region", name="Billing details")
    section.get_by_role("button", name="Add billing details").click()
    section.get_by_label("Business name (as invoices print it)").fill("Rao Design Studio")
    section.get_by_label("GSTIN or VAT number").fill("27aapfu0939f1zv")
    section.get_by_label("City").fill("Pune")
    section.get_by_label("Postcode").fill("411001")
    section.get_by_label("Country (two letters, such as IN or DE)").fill("IN")
    section.get_by_role("button", name="Save billing details").click()
    expect(section).to_contain_text("GSTIN: 27AAPFU0939F1ZV")
    section.scroll_into_view_if_needed()
    screenshot(page, "billing-details")


def test_a_person_pays_by_upi_on_razorpays_checkout_and_comes_back_booked(new_page, screenshot, web_stack, razorpay):
    email, _ = new_user(web_stack, "Ishaan Rao")
    page = new_page()
    sign_in(page, email, "/login")
    add_billing_details(page, screenshot)
    open_event(page, COASTAL)
    expect(session_row(page)).to_contain_text("+ 18% GST")
    session_row(page).get_by_role("button", name="Book & pay").click()
    dialog = page.get_by_role("dialog", name="Book and pay for this session?")
    dialog.get_by_role("group", name="Room").get_by_role("radio", name=re.compile("^Shared twin")).check()
    expect(dialog).to_contain_text("₹45,000 + 18% GST = ₹53,100, paid on the next page")  # its studio adds GST
    dialog.get_by_role("button", name="Continue to payment").click()

    # -- our page, and Razorpay's Checkout opened over it --------------------------------------------------
    expect(page).to_have_url(re.compile(rf"^{re.escape(web_stack.main_url)}/payments/razorpay/checkout/order_\w+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(COASTAL)
    expect(page.get_by_text(re.compile(r"The seat is held until .+ IST\."))).to_be_visible()
    checkout = page.get_by_role("dialog", name="Razorpay Checkout (test stand-in)")
    expect(checkout).to_be_visible()
    screenshot(page, "razorpay-checkout")

    # -- a UPI payment the bank declines: the person tries again on the same order ---------------------
    checkout.get_by_label("UPI ID").fill("failure@razorpay")
    checkout.get_by_role("button", name="Pay by UPI").click()
    expect(checkout.get_by_role("status")).to_contain_text("Payment failed")
    checkout.get_by_label("UPI ID").fill("success@razorpay")
    checkout.get_by_role("button", name="Pay by UPI").click()

    # -- back in the web app: booked --------------------------------------------------------------------
    expect(page).to_have_url(re.compile(rf"^{re.escape(web_stack.web_url)}/bookings/\d+/payment\?result=success$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("You're booked!")
    expect(page.locator(".payment-facts")).to_contain_text("Amount paid₹53,100")
    # Razorpay told our webhook too: the failure, then the capture and the order paid, each answered 200.
    assert razorpay.sent_webhooks[-3:] == [("payment.failed", 200), ("payment.captured", 200), ("order.paid", 200)]

    # -- the invoice of the payment, from My bookings ------------------------------------------------------
    page.goto("/bookings")
    card = page.get_by_role("article").filter(has_text=COASTAL).first
    with page.expect_download() as downloaded:
        card.get_by_role("button", name="Invoice").click()
    pdf = PdfReader(io.BytesIO(downloaded.value.path().read_bytes()))
    text = " ".join(one.extract_text() for one in pdf.pages)
    assert "Total ₹53,100" in text and "₹45,000" in text and "Billed to\nRao Design Studio" in text, text
    assert "GSTIN: 27AAPFU0939F1ZV" in text and "Pune 411001" in text, text
    assert re.search(r"INV-\d{6}", text), text


def test_an_owner_takes_the_studios_money_through_its_own_razorpay_account(new_page, screenshot, web_stack):
    email, _ = new_user(web_stack, "Tara Owner")
    page = new_page(width=1280, height=1000)
    sign_in(page, email)
    make_studio(page, "Lotus Payments")
    page.get_by_role("navigation", name="Staff").get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Studio settings")
    page.get_by_label("Provider", exact=True).select_option("razorpay")
    page.get_by_label("Key id").fill(KEY_ID)
    page.get_by_label("Key secret").fill(KEY_SECRET)
    page.get_by_label("Webhook signing secret").fill("LotusOwnWebhookSecretForRazorpay")
    page.get_by_role("button", name="Save", exact=True).click()  # the payment account's, not the widget's sites
    expect(page.get_by_text("Payments now go through Razorpay (UPI, cards, netbanking).")).to_be_visible()
    current = page.locator(".payment-current")
    expect(current).to_contain_text("rzp_test_…ests")
    expect(current).to_contain_text(re.compile(r"/payments/webhook/razorpay/lotus-payments(-\d+)?$"))
    expect(page.get_by_label("Key secret")).to_have_value("")  # never shown back
    screenshot(page, "studio-payments")


def due_now(stack, kind: str) -> None:
    """The stack's pending timed jobs of this kind come due now (a month does not pass in a test)."""
    engine = sa.create_engine(stack.env["DATABASE_URL"])
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE outbox_messages SET next_attempt_at = :now WHERE type = :kind AND status = 'pending'"),
            {"now": datetime.now(UTC) - timedelta(seconds=1), "kind": kind},
        )
    engine.dispose()


def test_a_membership_on_upi_autopay_hears_before_its_renewal_then_renews(new_page, web_stack, razorpay):
    email, _ = new_user(web_stack, "Meera Joshi")
    page = new_page()
    sign_in(page, email, "/my-passes")
    open_event(page, SOUND)
    membership = page.get_by_role("region", name="Passes").get_by_role("article", name="Monthly membership")
    membership.get_by_role("button", name=re.compile(r"^Buy")).click()

    # -- the mandate: the subscription authorised on Razorpay's Checkout, the first month paid up front -------
    expect(page).to_have_url(re.compile(rf"^{re.escape(web_stack.main_url)}/payments/razorpay/checkout/sub_\w+$"))
    subscription = page.url.rsplit("/", 1)[1]
    checkout = page.get_by_role("dialog", name="Razorpay Checkout (test stand-in)")
    checkout.get_by_label("UPI ID").fill("success@razorpay")
    checkout.get_by_role("button", name="Pay by UPI").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(web_stack.web_url)}/my-passes\?pass=\d+&result=success$"))
    card = page.get_by_role("main").get_by_role("article", name="Monthly membership")
    expect(card).to_contain_text("Active")
    first_end = card.inner_text()

    # -- 48 hours before the charge: the pre-debit notice, with the amount and the date -------------------
    due_now(web_stack, "pre_debit_notice")
    open_mail(page, re.compile(r"Your Monthly membership renews on .+: ₹2,500"), to=email)
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"Subject\s*Your Monthly membership renews on"))

    # -- Razorpay charges the mandate: the membership runs on a month ----------------------------------------
    notes = {"pass_id": str(_pass_id(web_stack, subscription))}
    charged = {"id": subscription, "entity": "subscription", "status": "active", "paid_count": 1, "notes": notes}
    paid = payment_entity("order_" + subscription[4:], 250_000, "INR")
    body = webhook_body("subscription.charged", {"subscription": charged, "payment": paid})
    answer = web_stack.http.post(
        f"{web_stack.main_url}/payments/webhook/razorpay", data=body, headers=webhook_headers(body), timeout=10
    )
    assert answer.json()["result"] == "applied", answer.text
    page.goto("/my-passes")
    card = page.get_by_role("main").get_by_role("article", name="Monthly membership")
    expect(card).to_contain_text("Active")
    assert card.inner_text() != first_end  # valid a month longer


def _pass_id(stack, subscription: str) -> int:
    engine = sa.create_engine(stack.env["DATABASE_URL"])
    with engine.connect() as connection:
        found = connection.execute(
            sa.text("SELECT id FROM passes WHERE subscription_id = :sub"), {"sub": subscription}
        ).scalar_one()
    engine.dispose()
    return found
