"""A studio's team at work, in real Chromium against the real services: the owner invites an instructor and a
front-desk person from Members and each joins through the emailed link; the instructor's My teaching shows their
class and not the owner's; the front desk, on a phone, opens the class from the desk page, checks a client in by
name and sells a pass at the desk; the owner reads those actions in the audit log. Pictures of the desk and the
audit log at desk and phone widths; anyone then finds the class on the studio's public page, its event page naming
the studio and who teaches."""

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect
from test_journeys import register
from test_mailbox_and_reset import open_mail
from test_studio_team_journey import make_studio

pytestmark = pytest.mark.e2e
PASSWORD = "a-long-passphrase"
PHONE = (390, 844)


def invite(owner: Page, email: str, role: str, said: str) -> None:
    """From Members: invite email as role; said: how the notice names the role ("an instructor")."""
    staff_page(owner, "Members")
    owner.get_by_label("Email").fill(email)
    owner.get_by_label("Role", exact=True).select_option(role)
    owner.get_by_role("button", name="Send the invitation").click()
    expect(owner.get_by_text(f"Invitation sent to {email}: they join as {said}")).to_be_visible()


def staff_page(page: Page, link: str) -> None:
    """Open a staff page from the staff header: the invitation's link came on the mail's own host name, so the
    signed-in session lives on that origin, not on the base URL's."""
    page.get_by_role("navigation", name="Staff").get_by_role("link", name=link).click()


def join(page: Page, name: str, email: str, studio: str) -> None:
    """Follow the invitation emailed to email, make an account and accept it."""
    open_mail(page, re.compile("invited to join .+ on Sessions"), to=email)
    page.get_by_role("button", name="Plain text").click()
    link = re.search(r"https?://\S+/invitations/\S+", page.locator("pre.mail-text").inner_text()).group(0)
    page.goto(link)
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("button", name="Accept the invitation").click()
    expect(page.get_by_text(re.compile(f"Welcome to {re.escape(studio)}"))).to_be_visible()
    page.get_by_role("link", name=f"Go to {studio}").click()


class Studio:
    """The studio's API as its owner: the classes and the pass the journey needs, made without the web app."""

    def __init__(self, stack, owner_email: str):
        self.stack = stack
        self.headers = {"Authorization": f"Bearer {stack.login(owner_email, PASSWORD)}"}
        mine = self.call("GET", "/api/studios").json()["items"][0]
        self.slug, self.currency = mine["slug"], mine["currency"]

    def call(self, method: str, path: str, **kwargs):
        url = f"{self.stack.main_url}{path}"
        answer = self.stack.http.request(method, url, headers=self.headers, timeout=10, **kwargs)
        assert answer.status_code < 300, answer.text
        return answer

    def member_id(self, email: str) -> int:
        members = self.call("GET", f"/api/studios/{self.slug}/members").json()["items"]
        return next(member["user_id"] for member in members if member["email"] == email)

    def add_class(self, title: str, instructor_id: int | None = None) -> int:
        """A free class starting in 20 minutes (its check-in open), taught by instructor_id (else the owner)."""
        starts = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=20)
        ends = starts + timedelta(hours=1)
        session = {"starts_at": starts.isoformat(), "ends_at": ends.isoformat(), "capacity": 12}
        if instructor_id is not None:
            session["instructor_id"] = instructor_id
        body = {"title": title, "kind": "session", "timezone": "Asia/Kolkata", "location": "Hall A"}
        body["sessions"] = [session]
        return self.call("POST", f"/api/studios/{self.slug}/events", json=body).json()["sessions"][0]["id"]

    def add_pass(self, name: str) -> int:
        body = {"kind": "pack", "name": name, "price": 300000, "currency": self.currency}
        body |= {"credits": 5, "valid_days": 60}
        return self.call("POST", f"/api/studios/{self.slug}/passes", json=body).json()["id"]


def test_a_studio_team_teaches_checks_in_sells_and_audits(new_page, web_stack, screenshot):
    tag = uuid.uuid4().hex[:8]
    name = f"Cedar Room {tag}"
    emails = {who: f"{who}-{tag}@example.com" for who in ("tara", "ravi", "lila", "kiran", "nisha")}
    owner = new_page(width=1280, height=1000)
    register(owner, "Tara Owner", emails["tara"])
    make_studio(owner, name)
    invite(owner, emails["ravi"], "instructor", "an instructor")
    invite(owner, emails["lila"], "front_desk", "front desk")
    instructor, desk = new_page(), new_page(*PHONE)
    join(instructor, "Ravi Iyer", emails["ravi"], name)
    join(desk, "Lila Shah", emails["lila"], name)

    studio = Studio(web_stack, emails["tara"])
    ravis, taras = f"Ravi's Flow {tag}", f"Tara's Yin {tag}"
    session_id = studio.add_class(ravis, studio.member_id(emails["ravi"]))
    studio.add_class(taras)
    product_id = studio.add_pass(f"Five classes {tag}")
    client = web_stack.register("Kiran Das", emails["kiran"])["access_token"]
    assert web_stack.book(client, session_id).status_code == 201

    # The instructor: their class only.
    staff_page(instructor, "My teaching")
    expect(instructor.get_by_role("heading", level=1)).to_have_text("My teaching")
    expect(instructor.get_by_role("link", name=ravis, exact=True)).to_be_visible()
    expect(instructor.get_by_role("link", name=taras, exact=True)).to_have_count(0)
    expect(instructor.get_by_role("listitem").filter(has_text=ravis)).to_contain_text("With Ravi Iyer")

    # The front desk, on a phone: the class on the desk page, its check-in, a client checked in by name.
    staff_page(desk, "Front desk")
    expect(desk.get_by_role("heading", level=1)).to_have_text(f"Front desk · {name}")
    # The classes start in 20 minutes: tomorrow on the studio's clock from 23:40 in Kolkata, so the day that holds them.
    days = desk.get_by_role("region", name=re.compile("Today|Tomorrow"))
    day = days.filter(has=desk.get_by_role("heading", name=ravis))
    expect(day.get_by_role("heading", name=ravis)).to_be_visible()
    expect(day.get_by_role("heading", name=taras)).to_be_visible()
    expect(day.get_by_role("heading", name=ravis).locator("xpath=..")).to_contain_text("With Ravi Iyer")
    expect(day.get_by_role("heading", name=ravis).locator("xpath=..")).to_contain_text("1 of 12 booked")
    screenshot(desk, "front-desk-phone", full_page=True)
    desk.get_by_role("link", name=f"Open check-in of {ravis}").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Check-in")
    desk.get_by_label("Find by name").fill("kir")
    desk.get_by_role("list", name="People").get_by_role("button", name="Check in Kiran Das").click()
    expect(desk.get_by_text(re.compile("Kiran Das.*checked in", re.IGNORECASE)).first).to_be_visible()

    # A pass sold at the desk, paid on the card terminal.
    staff_page(desk, "Front desk")
    desk.get_by_role("button", name="Start a sale").click()
    desk.get_by_label("Pass", exact=True).select_option(str(product_id))
    desk.get_by_label("Buyer's name").fill("Nisha Rao")
    desk.get_by_label("Buyer's email").fill(emails["nisha"])
    desk.get_by_label("Card terminal").check()
    desk.get_by_role("button", name=re.compile("^Sell for")).click()
    expect(desk.get_by_text(f"Five classes {tag} sold to Nisha Rao: good from now.")).to_be_visible()

    # The owner reads it all in the audit log, and filters it to the front desk's actions.
    staff_page(owner, "Audit log")
    expect(owner.get_by_role("heading", level=1)).to_have_text(f"Audit log · {name}")
    table = owner.get_by_role("table")
    expect(table.get_by_role("row").filter(has_text="Pass sold at the desk")).to_contain_text("Lila Shah")
    expect(table.get_by_role("row").filter(has_text="Invitation sent")).to_have_count(2)
    expect(table.get_by_role("row").filter(has_text="Checked in")).to_contain_text("Lila Shah")
    owner.get_by_label("Person").select_option(label="Lila Shah")
    owner.get_by_role("button", name="Apply filters").click()
    expect(owner).to_have_url(re.compile(r"person=\d+"))
    expect(table.get_by_role("row").filter(has_text="Invitation sent")).to_have_count(0)
    screenshot(owner, "audit-log-desktop", full_page=True)
    with owner.expect_download() as download:
        owner.get_by_role("button", name="Download CSV").click()
    assert re.fullmatch(r"audit-cedar-room-[0-9a-f]+\.csv", download.value.suggested_filename)

    phone = new_page(*PHONE)
    phone.goto("/facilitator/login")
    phone.get_by_label("Email or username").fill(emails["tara"])
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Log in").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("My events")
    staff_page(phone, "Audit log")
    expect(phone.get_by_role("table").get_by_role("row").filter(has_text="Pass sold at the desk")).to_be_visible()
    screenshot(phone, "audit-log-phone", full_page=True)
    owner.set_viewport_size({"width": 1280, "height": 1000})
    owner.goto("/facilitator/desk")
    expect(owner.get_by_role("heading", name=ravis)).to_be_visible()
    screenshot(owner, "front-desk-desktop", full_page=True)

    # Anyone: the studio's public page lists the class; its event page names the studio and who teaches.
    for visitor in (new_page(*PHONE), new_page(width=1280, height=1000)):
        visitor.goto(f"/studios/{studio.slug}")
        expect(visitor.get_by_role("heading", level=1)).to_have_text(name)
        expect(visitor.get_by_role("region", name="Passes")).to_contain_text(f"Five classes {tag}")
        visitor.get_by_role("region", name="Upcoming events").get_by_role("link", name=ravis).click()
        expect(visitor.get_by_role("heading", level=1)).to_have_text(ravis)
        expect(visitor.get_by_role("link", name=name)).to_have_attribute("href", f"/studios/{studio.slug}")
        expect(visitor.get_by_role("row").filter(has_text="Ravi Iyer")).to_have_count(1)
        width = visitor.viewport_size["width"]
        screenshot(visitor, f"public-event-{width}", full_page=True)
        visitor.go_back()
        screenshot(visitor, f"studio-page-{width}", full_page=True)
