"""A family at a full kids' class and a child come of age, in real Chromium against the real services, on a phone:
a parent puts one child in the class's waiting list from its page (choosing whose place), then the other with "Join
waiting list for another", sees each child's place and takes one child off the line; then gives her grown daughter
a login of her own from the account page, whose bookings go with her. Axe and no spill on each page."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from test_family_journey import axe_source, looks_right  # noqa: F401 (axe_source is a fixture)
from test_journeys import register
from test_studio_desk_journey import PASSWORD, Studio
from test_studio_team_journey import make_studio

pytestmark = pytest.mark.e2e
PHONE = (390, 844)
CHILDREN = {"Asha": "2018-05-01", "Ravi": "2020-02-10", "Meera": "2000-03-01"}


def full_class(studio: Studio, tag: str) -> str:
    """A free kids' class of one seat, taken by another family's booking: its title."""
    title = f"Little Yogis {tag}"
    starts = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=2)
    session = {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat(), "capacity": 1}
    body = {"title": title, "kind": "session", "timezone": "Asia/Kolkata", "location": "Hall A", "sessions": [session]}
    event = studio.call("POST", f"/api/studios/{studio.slug}/events", json=body).json()
    holder = studio.stack.register("Seat Holder", f"holder-{tag}@example.com")["access_token"]
    studio.stack.book(holder, event["sessions"][0]["id"])
    return title


def test_a_parent_puts_two_children_in_line_and_gives_a_grown_child_her_own_login(
    new_page,
    web_stack,
    screenshot,
    axe_source,  # noqa: F811
):
    tag = uuid.uuid4().hex[:8]
    owner = new_page(width=1280, height=1000)
    register(owner, "Tara Owner", owner_email := f"tara-{tag}@example.com")
    make_studio(owner, f"Sunbeam Kids {tag}")
    title = full_class(Studio(web_stack, owner_email), tag)
    parent = new_page(width=1280, height=1000)
    register(parent, "Priya Parent", parent_email := f"priya-{tag}@example.com")
    parent.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    headers = {"Authorization": f"Bearer {web_stack.login(parent_email, PASSWORD)}"}
    for name, born in CHILDREN.items():  # added as the account page adds them (that page has its own journey)
        child = {"name": name, "date_of_birth": born, "consent": True}
        answer = web_stack.http.post(
            f"{web_stack.main_url}/me/family/children", json=child, headers=headers, timeout=10
        )
        assert answer.status_code == 201, answer.text

    parent.goto("/")
    parent.get_by_role("article", name=title).get_by_role("link", name=title).click()
    row = parent.get_by_role("table").get_by_role("row").nth(1)
    row.get_by_role("button", name="Join waiting list").click()
    dialog = parent.get_by_role("dialog", name="Join the waiting list?")
    dialog.get_by_role("group", name="Who is this seat for?").get_by_role("radio", name="Asha").check()
    screenshot(parent, "family-line-join-phone")
    looks_right(parent, axe_source)
    dialog.get_by_role("button", name="Join waiting list").click()
    expect(row).to_contain_text("Asha is number 1 on the waiting list")
    row.get_by_role("button", name="Join waiting list for another").click()
    dialog = parent.get_by_role("dialog", name="Join the waiting list?")
    dialog.get_by_role("radio", name="Ravi").check()
    dialog.get_by_role("button", name="Join waiting list").click()
    expect(row).to_contain_text("Ravi is number 2 on the waiting list")
    expect(parent.get_by_text("Ravi is on the waiting list: number 2 in line.")).to_be_visible()
    screenshot(parent, "family-line-places-phone", full_page=True)
    looks_right(parent, axe_source)
    row.get_by_role("button", name="Take Asha off the waiting list").click()
    leaving = parent.get_by_role("dialog", name="Take Asha off the waiting list?")
    leaving.get_by_role("button", name="Yes, leave it").click()
    expect(row).not_to_contain_text("Asha is number")
    expect(row).to_contain_text("Ravi is number 1 on the waiting list")

    parent.goto("/account")
    family = parent.get_by_role("region", name="Your family")
    expect(family.get_by_role("button", name="Give Asha their own login")).to_have_count(0)
    family.get_by_role("button", name="Give Meera their own login").click()
    dialog = parent.get_by_role("dialog", name="Give Meera their own login?")
    expect(dialog).to_contain_text("Meera is 18 or older")
    dialog.get_by_label("Meera's email address").fill(f"meera-{tag}@example.com")
    screenshot(parent, "family-own-login-phone")
    looks_right(parent, axe_source)
    dialog.get_by_role("button", name="Make their account").click()
    expect(family).to_contain_text(f"Meera has their own login now: an email to meera-{tag}@example.com")
    expect(family.get_by_role("listitem")).to_have_count(2)
    looks_right(parent, axe_source)
    # Ravi waits in a line: not removed until taken off it; Asha, who holds nothing ahead, is.
    family.get_by_role("button", name="Remove Ravi").click()
    parent.get_by_role("dialog", name="Remove Ravi?").get_by_role("button", name="Remove").click()
    expect(parent.get_by_role("dialog", name="Remove Ravi?")).to_contain_text("This child is on a waiting list")
    parent.get_by_role("dialog", name="Remove Ravi?").get_by_role("button", name="Keep").click()
    family.get_by_role("button", name="Remove Asha").click()
    parent.get_by_role("dialog", name="Remove Asha?").get_by_role("button", name="Remove").click()
    expect(family).to_contain_text("Asha is removed from your family.")
    expect(family.get_by_role("listitem")).to_have_count(1)
