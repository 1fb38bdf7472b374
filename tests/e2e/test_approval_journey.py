"""A request to book a retreat that requires approval, in real Chromium against the real services: kavya makes her
Coastal Ayurveda Retreat (₹45,000) ask two questions and need her approval; a new person requests a seat from its
page, answering them; kavya finds the request with the answers on her Approvals page and approves it; the person's
My bookings then offers Pay now.

The module has a stack of its own: it changes a demo retreat the other journeys book.
"""

import pytest
from live_stack import free_port_number, launch_stack, sqlite_stack_databases
from playwright.sync_api import Page, expect
from test_payments_journey import new_user, on_public_origin, open_event, session_row, sign_in

pytestmark = pytest.mark.e2e
RETREAT = "Coastal Ayurveda Retreat"  # kavya's, ₹45,000, about 45 days ahead


@pytest.fixture(scope="module")
def web_stack(browser, tmp_path_factory, db_templates):
    """This module's own stack, on SQLite with the demo data; new_page opens pages on it by default."""
    folder = tmp_path_factory.mktemp("approval-stack")
    stack = launch_stack(sqlite_stack_databases(db_templates, folder), folder, free_port_number, web=True)
    yield on_public_origin(stack)
    stack.stop()


@pytest.fixture(scope="module")
def kavyas_retreat(web_stack) -> None:
    """Through kavya's API: the retreat requires approval and asks about diet and experience."""
    facilitator_id, headers = web_stack.login_as("kavya", "kavya123")
    mine = f"{web_stack.main_url}/api/facilitator/{facilitator_id}"
    events = web_stack.http.get(f"{mine}/events", headers=headers, timeout=10).json()["items"]
    [retreat] = [event for event in events if event["title"] == RETREAT]
    answer = web_stack.http.patch(
        f"{mine}/events/{retreat['id']}", json={"requires_approval": True}, headers=headers, timeout=10
    )
    assert answer.status_code == 200, answer.text
    questions = [
        {"kind": "choice", "label": "Diet", "choices": ["None", "Vegetarian", "Vegan"], "required": True},
        {"kind": "yes_no", "label": "First retreat?", "required": True, "help_text": "So we can pair you up"},
    ]
    answer = web_stack.http.put(
        f"{mine}/events/{retreat['id']}/questions", json={"questions": questions}, headers=headers, timeout=10
    )
    assert answer.status_code == 200, answer.text


def log_in_as_kavya(page: Page) -> None:
    page.goto("/facilitator")
    page.get_by_label("Email or username").fill("kavya")
    page.get_by_label("Password").fill("kavya123")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My events")


def test_a_request_to_book_is_answered_approved_and_then_paid_for(web_stack, kavyas_retreat, new_page, screenshot):
    email, _token = new_user(web_stack, "Meera Iyer")
    person = new_page()
    sign_in(person, email)
    open_event(person, RETREAT)
    session_row(person, 0).get_by_role("button", name="Request to book").click()
    dialog = person.get_by_role("dialog", name="Request to book?")
    expect(dialog).to_contain_text("approves each booking")
    dialog.get_by_label("Diet (required)").select_option("Vegan")
    dialog.get_by_role("group", name="First retreat? (required)").get_by_label("Yes").check()
    screenshot(person, "request-to-book")
    dialog.get_by_role("button", name="Send request").click()
    expect(person.get_by_text("Your request was sent to Kavya Reddy")).to_be_visible()
    expect(session_row(person, 0)).to_contain_text("Requested, waiting for approval")

    facilitator = new_page()
    log_in_as_kavya(facilitator)
    facilitator.get_by_role("link", name="Approvals").click()
    expect(facilitator.get_by_role("heading", level=1)).to_have_text("Approvals")
    card = facilitator.get_by_role("article", name="Meera Iyer")
    expect(card).to_contain_text(RETREAT)
    expect(card.get_by_role("definition").first).to_have_text("Vegan")
    screenshot(facilitator, "facilitator-approvals")
    card.get_by_role("button", name="Approve").click()
    expect(facilitator.get_by_text("Meera Iyer is approved and has been emailed the link to pay.")).to_be_visible()
    expect(facilitator.get_by_text("No requests are waiting for you.")).to_be_visible()

    person.goto("/bookings")
    booked = person.get_by_role("main").get_by_role("article", name=RETREAT)
    expect(booked).to_contain_text("Awaiting payment")
    expect(booked.get_by_role("link", name="Pay now")).to_be_visible()
