"""Who teaches, in real Chromium against the real services: a studio's owner makes a weekly class taught by an
instructor, chosen in the event form, and gives one of its sessions a substitute from that session's page; the
instructor's My teaching lists the sessions they teach and not the one handed over; a client's My bookings names
each session's own teacher. Pictures of the forms and of My bookings at desk and phone widths."""

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from test_journeys import log_in, register
from test_studio_desk_journey import PASSWORD, PHONE, Studio, invite, join, staff_page
from test_studio_team_journey import make_studio

pytestmark = pytest.mark.e2e
ZONE = "Asia/Kolkata"


def wall(moment: datetime) -> str:
    """A datetime-local field's value for moment on the studio's clock."""
    return moment.astimezone(ZoneInfo(ZONE)).strftime("%Y-%m-%dT%H:%M")


def create_class(owner: Page, title: str, teacher: str, screenshot) -> None:
    """A class of two sessions a week apart, from the new-event form, taught by teacher (the option's text)."""
    starts = (datetime.now(ZoneInfo(ZONE)) + timedelta(days=2)).replace(hour=7, minute=0, second=0, microsecond=0)
    owner.goto("/facilitator/events/new")
    owner.get_by_label("Title").fill(title)
    owner.get_by_label("Location").fill("Hall A")
    owner.get_by_label("Time zone").select_option(ZONE)
    owner.get_by_label(re.compile(r"^Session 1 starts at")).fill(wall(starts))
    owner.get_by_label(re.compile(r"^Session 1 ends at")).fill(wall(starts + timedelta(hours=1)))
    owner.get_by_label("Session 1 capacity").fill("12")
    owner.get_by_role("button", name="Add another session").click()
    picker = owner.get_by_role("combobox", name="Teacher")
    expect(picker).to_have_value(re.compile(r"\d+"))
    picker.select_option(label=teacher)
    screenshot(owner, "event-form-teacher", full_page=True)
    owner.get_by_role("button", name="Create event").click()
    expect(owner.get_by_text("Event created.")).to_be_visible()


def test_an_owner_assigns_a_teacher_and_a_substitute_and_everyone_sees_them(new_page, web_stack, screenshot):
    tag = uuid.uuid4().hex[:8]
    name, title = f"Birch Hall {tag}", f"Morning Flow {tag}"
    emails = {who: f"{who}-{tag}@example.com" for who in ("tara", "meera", "ravi", "kiran")}
    owner = new_page(width=1280, height=1000)
    register(owner, "Tara Owner", emails["tara"])
    make_studio(owner, name)
    invite(owner, emails["meera"], "instructor", "an instructor")
    invite(owner, emails["ravi"], "instructor", "an instructor")
    meera, ravi = new_page(), new_page()
    join(meera, "Meera Rao", emails["meera"], name)
    join(ravi, "Ravi Iyer", emails["ravi"], name)

    # The owner: the class for Meera, then Ravi for its second session only.
    create_class(owner, title, "Meera Rao (Instructor)", screenshot)
    studio = Studio(web_stack, emails["tara"])
    [event] = [
        e for e in studio.call("GET", f"/api/studios/{studio.slug}/events").json()["items"] if e["title"] == title
    ]
    first, second = sorted(event["sessions"], key=lambda session: session["starts_at"])
    assert first["instructor"]["name"] == second["instructor"]["name"] == "Meera Rao"
    owner.goto(f"/facilitator/sessions/{second['id']}")
    teacher = owner.get_by_role("region", name="Teacher")
    expect(teacher).to_contain_text("Meera Rao teaches this session.")
    teacher.get_by_role("combobox", name="Taught by").select_option(label="Ravi Iyer (Instructor)")
    teacher.get_by_role("button", name="Save teacher").click()
    expect(teacher.get_by_text(re.compile("^Ravi Iyer now teaches this session"))).to_be_visible()
    expect(teacher).to_contain_text("Ravi Iyer teaches this session.")
    teacher.scroll_into_view_if_needed()
    screenshot(owner, "session-substitute-desktop")
    owner.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    teacher.scroll_into_view_if_needed()
    screenshot(owner, "session-substitute-phone")

    # The teachers: each sees the sessions they teach, and only those.
    staff_page(meera, "My teaching")
    expect(meera.get_by_role("heading", level=1)).to_have_text("My teaching")
    expect(meera.get_by_role("listitem").filter(has_text=title)).to_have_count(1)
    expect(meera.get_by_role("listitem").filter(has_text=title)).to_contain_text("With Meera Rao")
    staff_page(ravi, "My teaching")
    expect(ravi.get_by_role("listitem").filter(has_text=title)).to_have_count(1)
    expect(ravi.get_by_role("listitem").filter(has_text=title)).to_contain_text("With Ravi Iyer")

    # A client booked into both: My bookings names each session's teacher, not the studio's owner.
    token = web_stack.register("Kiran Das", emails["kiran"], PASSWORD)["access_token"]
    for session in (first, second):
        assert web_stack.book(token, session["id"]).status_code == 201
    for width, height in ((1280, 900), PHONE):
        client = new_page(width=width, height=height)
        client.goto("/login")
        log_in(client, emails["kiran"], PASSWORD)
        expect(client.get_by_role("heading", level=1)).to_have_text("Upcoming sessions & retreats")
        client.goto("/bookings")
        expect(client.get_by_role("heading", level=1)).to_have_text("My bookings")
        cards = client.get_by_role("article", name=title)
        expect(cards).to_have_count(2)
        expect(cards.filter(has_text="with Meera Rao")).to_have_count(1)
        expect(cards.filter(has_text="with Ravi Iyer")).to_have_count(1)
        expect(client.get_by_role("main")).not_to_contain_text("Tara Owner")
        screenshot(client, f"my-bookings-teachers-{width}", full_page=True)
