"""What a studio owner once needed curl for, in the web app: a weekly series changed and cancelled from a session on
("this and later"), seats per booking on a session, the late-cancel cutoff on an event, and a pass edited. The
pictures of the facilitator guide are taken here."""

import re

import pytest
import requests
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e
CLASS = "Morning Vinyasa Flow"  # priya's demo class: a weekly series of four sessions


def log_in(page: Page, username: str, password: str) -> None:
    page.goto("/facilitator")
    page.get_by_label("Email or username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My events")


def series_sessions(stack) -> tuple[int, list[dict]]:
    """priya's class: (its event id, its sessions by start)."""
    priya_id, priya = stack.login_as("priya", "priya123")
    events = requests.get(f"{stack.main_url}/api/facilitator/{priya_id}/events", headers=priya, timeout=10).json()
    [event] = [item for item in events["items"] if item["title"] == CLASS]
    return event["id"], sorted(event["sessions"], key=lambda item: item["starts_at"])


def test_a_studio_owner_changes_series_sessions_events_and_passes_in_the_app(new_page, private_web_stack, screenshot):
    stack = private_web_stack
    event_id, sessions = series_sessions(stack)
    page = new_page(height=1000, stack=stack)
    log_in(page, "priya", "priya123")

    # -- this and later: the second session and the ones after it move to 07:30 ------------------------------------
    page.goto(f"/facilitator/sessions/{sessions[1]['id']}")
    series = page.get_by_role("region", name="This and later sessions")
    series.get_by_label(re.compile(r"^Start time")).fill("07:30")
    series.get_by_role("button", name="Change this and later sessions").click()
    expect(series).to_contain_text("3 sessions changed.")
    series.scroll_into_view_if_needed()
    screenshot(page, "series-this-and-later")
    _, after = series_sessions(stack)
    assert after[0]["starts_at"] == sessions[0]["starts_at"] and after[1]["starts_at"] != sessions[1]["starts_at"]

    # -- the rest of the series cancelled from the third session, with a reason -------------------------------------
    page.goto(f"/facilitator/sessions/{sessions[2]['id']}")
    page.get_by_role("region", name="This and later sessions").get_by_role(
        "button", name="Cancel this and later sessions"
    ).click()
    dialog = page.get_by_role("dialog", name="Cancel this and later sessions?")
    dialog.get_by_role("textbox").fill("The studio closes for repairs.")
    screenshot(page, "series-cancel")
    dialog.get_by_role("button", name="Cancel these sessions").click()
    expect(page.get_by_text(re.compile(r"^2 sessions cancelled\."))).to_be_visible()

    # -- seats per booking on the first session ---------------------------------------------------------------------
    page.goto(f"/facilitator/sessions/{sessions[0]['id']}")
    edit = page.get_by_role("region", name="Edit session")
    edit.get_by_label("Seats per booking").fill("2")
    edit.get_by_role("button", name="Save changes").click()
    expect(edit).to_contain_text("Session updated.")
    edit.get_by_label("Seats per booking").scroll_into_view_if_needed()
    screenshot(page, "session-seats-per-booking")

    # -- the late-cancel cutoff on the event ------------------------------------------------------------------------
    page.goto(f"/facilitator/events/{event_id}")
    form = page.get_by_role("region", name="Edit event")
    form.get_by_label("Late cancel cutoff (hours before the start)").fill("24")
    form.get_by_role("button", name="Save event").click()
    expect(form).to_contain_text("Event updated.")
    form.get_by_label("Late cancel cutoff (hours before the start)").scroll_into_view_if_needed()
    screenshot(page, "event-late-cancel")

    # -- arjun edits his 3-class pack -------------------------------------------------------------------------------
    arjun = new_page(height=1000, stack=stack)
    log_in(arjun, "arjun", "arjun123")
    arjun.goto("/facilitator/passes")
    arjun.get_by_role("button", name="Edit Sound healing 3-class pack").click()
    pass_form = arjun.get_by_role("region", name="Edit Sound healing 3-class pack")
    pass_form.get_by_label("Classes").fill("4")
    pass_form.scroll_into_view_if_needed()
    screenshot(arjun, "pass-edit")
    pass_form.get_by_role("button", name="Save changes").click()
    expect(arjun.get_by_text(re.compile(r"is changed for the sales to come"))).to_be_visible()
    expect(arjun.get_by_role("row", name=re.compile("Sound healing 3-class pack"))).to_contain_text("4 classes")
