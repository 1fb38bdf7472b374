"""What every visitor relies on: deep links, titles, keyboard, a phone screen, expired sessions, a service down."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e
PHONE = {"width": 375, "height": 740}


def test_deep_links_work_on_reload_and_unknown_pages_say_so(new_page):
    page = new_page()
    page.goto("/")
    page.get_by_role("link", name="Meditation Retreat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meditation Retreat")
    expect(page).to_have_title(re.compile("Meditation Retreat"))
    page.reload()  # served by web_ui's fallback, not a 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Meditation Retreat")
    page.goto("/no/such/page")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    page.goto("/events/999999")
    expect(page.get_by_text("We couldn't find that event.")).to_be_visible()


def test_keyboard_reaches_the_skip_link_first_and_focus_is_visible(new_page):
    page = new_page()
    page.goto("/")
    expect(page.get_by_role("link", name="Morning Vinyasa Flow")).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("none", ""), outline
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_a_phone_screen_shows_everything_without_sideways_scrolling(new_page, screenshot):
    page = new_page(**PHONE)
    for path, heading in (
        ("/", "Upcoming sessions & retreats"),
        ("/login", "Log in"),
        ("/register", "Create an account"),
    ):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    page.goto("/")
    expect(page.get_by_role("link", name="Morning Vinyasa Flow")).to_be_visible()
    screenshot(page, "events-phone")  # the first screenful


def test_a_token_the_server_rejects_sends_the_person_to_log_in_and_back(new_page):
    page = new_page()
    page.goto("/")
    # A stored session whose token the API refuses (forged, or signed with an old key).
    page.evaluate("""() => localStorage.setItem('booking.session', JSON.stringify({
        token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.forged', expiresAt: Date.now() + 3600000,
        user: {id: 42, name: 'Someone', email: 'someone@example.com', role: 'user'}}))""")
    page.goto("/bookings")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_text("Your session has expired. Please log in again.")).to_be_visible()
    page.get_by_label("Email or username").fill("asha")
    page.get_by_label("Password").fill("asha1234")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My bookings")  # back where they were going


def test_a_stopped_api_gives_a_clear_message_not_a_broken_page(new_page, private_web_stack):
    page = new_page(stack=private_web_stack)
    page.goto("/")
    expect(page.get_by_role("link", name="Meditation Retreat")).to_be_visible()
    private_web_stack.main.stop()
    page.get_by_role("link", name="Meditation Retreat").click()
    expect(page.get_by_role("alert")).to_contain_text("We couldn't reach the server", timeout=15_000)
    expect(page.get_by_role("button", name="Try again")).to_be_visible()


def test_wrong_password_is_explained_and_nothing_is_stored(new_page):
    page = new_page()
    page.goto("/facilitator/login")
    page.get_by_label("Email or username").fill("priya")
    page.get_by_label("Password").fill("not-her-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong email/username or password.")
    assert page.evaluate("localStorage.getItem('booking.session')") is None


@pytest.mark.parametrize("service, operations", [("main", 25), ("crm", 9)])
def test_each_services_api_docs_page_runs_under_its_own_csp(new_page, web_stack, service, operations):
    # Chromium reports a CSP violation (a refused script, style or fetch) as a console error: new_page fails on it.
    page = new_page()
    page.goto(f"{web_stack.main_url if service == 'main' else web_stack.crm_url}/docs")
    # Swagger UI draws the main API's ~200 operations in one go: on a loaded machine that passes expect's 5 s.
    expect(page.locator(".opblock").first).to_be_visible(timeout=30_000)
    assert page.locator(".opblock").count() >= operations
    page.locator(".opblock-summary").first.click()  # an operation opens: the UI is alive, not just drawn
    expect(page.get_by_role("button", name="Try it out")).to_be_visible()
