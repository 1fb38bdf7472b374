"""A family at a kids' class, in real Chromium against the real services: a parent adds two children to her account
(with her consent as their guardian), signs the studio's waiver for each on its forms page, and books both into a
kids' class with the family pack the desk sold her, choosing whose seat each is; the studio then publishes a new
version of the waiver, so the door's screen marks each child's form missing; the front desk, on a phone, collects
the parent's signature for one child on the desk's screen and checks both in. Pages at 1280 and 390 px, axe on each.
"""

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from live_stack import wait_for
from playwright.sync_api import Page, expect
from site_pages import spills
from test_accessibility import AXE, violations
from test_journeys import register
from test_studio_desk_journey import Studio, staff_page
from test_studio_team_journey import make_studio

pytestmark = pytest.mark.e2e
PHONE = (390, 844)
WAIVER = "Kids' waiver"
CHILDREN = {"Asha": ("2018-05-01", "Asthma: inhaler in her bag."), "Ravi": ("2020-02-10", "")}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: npm ci in frontend/ installs it", pytrace=False)
    return AXE.read_text(encoding="utf-8")


def looks_right(page: Page, axe_source: str) -> None:
    """axe finds nothing on the page, and nothing spills out of the screen's width."""
    assert not violations(page, axe_source)
    assert not spills(page)


def arrange(studio: Studio, tag: str, parent_email: str) -> tuple[str, int]:
    """A kids' class for ages 4-12 starting in 20 minutes (its check-in open), its waiver required before a first
    booking, and a shareable 10-class pack sold to the parent at the desk: (the class's title, its session's id)."""
    title = f"Little Yogis {tag}"
    starts = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=20)
    session = {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat(), "capacity": 10}
    session |= {"price": 40000, "currency": studio.currency}
    base = f"/api/studios/{studio.slug}"
    body = {"title": title, "kind": "session", "timezone": "Asia/Kolkata", "location": "Hall A"}
    body |= {"min_age": 4, "max_age": 12, "sessions": [session]}
    event = studio.call("POST", f"{base}/events", json=body)
    waiver = {"kind": "waiver", "title": WAIVER, "body": "Children practise under a guardian's care.", "questions": []}
    form = studio.call("POST", f"{base}/forms", json=waiver | {"required_before_first_booking": True})
    studio.call("POST", f"{base}/forms/{form.json()['id']}/versions", json={})
    pack = {"kind": "pack", "name": f"Family pack {tag}", "price": 300000, "currency": studio.currency}
    product = studio.call("POST", f"{base}/passes", json=pack | {"credits": 10, "valid_days": 60, "shareable": True})
    sale = {"product_id": product.json()["id"], "name": "Meera Parent", "email": parent_email, "method": "upi"}
    studio.call("POST", f"{base}/desk/passes", json=sale)
    return title, event.json()["sessions"][0]["id"]


def add_children(parent: Page, axe_source: str, screenshot) -> None:
    """On the account page's Your family: each child with their date of birth, notes and the guardian's consent."""
    parent.goto("/account")
    family = parent.get_by_role("region", name="Your family")
    expect(family.get_by_text("No children on your account yet.")).to_be_visible()
    for name, (born, notes) in CHILDREN.items():
        form = family.get_by_role("form", name="Add a child")
        form.get_by_label("Child's name").fill(name)
        form.get_by_label("Date of birth").fill(born)
        form.get_by_label("Notes for the teacher").fill(notes)
        form.get_by_label("I agree, as their parent or legal guardian").check()
        form.get_by_role("button", name="Add child").click()
        expect(family.get_by_text(f"{name} is on your family.")).to_be_visible()
    expect(family.get_by_role("listitem")).to_have_count(2)
    family.scroll_into_view_if_needed()
    screenshot(parent, "family-account")
    looks_right(parent, axe_source)


def sign_for_each_child(parent: Page, slug: str, axe_source: str, screenshot) -> None:
    """The studio's forms page: the waiver signed for Asha, then for Ravi, with the parent's typed name."""
    parent.goto(f"/account/forms?studio={slug}")
    people = parent.get_by_role("navigation", name="Whose forms")
    for name in CHILDREN:
        people.get_by_role("link", name=name).click()
        expect(parent.get_by_role("heading", level=1)).to_have_text(f"Forms and waivers for {name}")
        item = parent.get_by_role("listitem").filter(has=parent.get_by_role("heading", name=WAIVER))
        expect(item).to_contain_text("Not signed yet")
        item.get_by_role("link", name="Read and sign").click()
        expect(parent.get_by_text(f"You sign this for {name}, as their parent or guardian.")).to_be_visible()
        parent.get_by_role("button", name="Sign with my typed name").click()
        if name == "Asha":
            screenshot(parent, "family-sign-for-child")
            looks_right(parent, axe_source)
        parent.get_by_role("button", name="Sign", exact=True).click()
        expect(parent.get_by_role("heading", name="Signed")).to_be_visible()
        parent.get_by_role("link", name="Back to the studio's forms").last.click()
        expect(parent.get_by_role("listitem").filter(has_text=WAIVER)).to_contain_text("Signed")
    expect(parent.get_by_text(re.compile("Signed by Meera Parent on .+ for Ravi"))).to_be_visible()


def book_both(parent: Page, title: str, axe_source: str, screenshot) -> None:
    """On the class's page: a seat for Asha, then Book for another, Ravi's, each paid by the family pack."""
    parent.goto("/")
    parent.get_by_role("article", name=title).get_by_role("link", name=title).click()
    expect(parent.locator(".event-meta")).to_contain_text("Ages 4\N{EN DASH}12")
    row = parent.get_by_role("table").get_by_role("row").nth(1)
    for name, button in (("Asha", "Book"), ("Ravi", "Book for another")):
        row.get_by_role("button", name=button).click()
        dialog = parent.get_by_role("dialog", name="Book with your pass?")
        dialog.get_by_role("group", name="Who is this seat for?").get_by_role("radio", name=name).check()
        expect(dialog.get_by_role("radio", name=re.compile("Use my pass: Family pack"))).to_be_checked()
        if name == "Asha":
            screenshot(parent, "family-book-for-child")
            looks_right(parent, axe_source)
        dialog.get_by_role("button", name="Book with my pass").click()
        expect(parent.get_by_text("You're booked! Your pass paid for it.")).to_be_visible()
    expect(row).to_contain_text("Booked for Asha, Ravi ✓")
    expect(row.get_by_role("button", name="Book for another")).to_be_visible()  # the parent has no seat of her own


def test_a_parent_books_two_children_with_signed_waivers_and_the_desk_checks_them_in(
    new_page, web_stack, screenshot, axe_source
):
    tag = uuid.uuid4().hex[:8]
    owner_email, parent_email = f"tara-{tag}@example.com", f"meera-{tag}@example.com"
    owner = new_page(width=1280, height=1000)
    register(owner, "Tara Owner", owner_email)
    make_studio(owner, f"Sunbeam Kids {tag}")
    parent = new_page(width=1280, height=1000)
    register(parent, "Meera Parent", parent_email)
    studio = Studio(web_stack, owner_email)
    title, session_id = arrange(studio, tag, parent_email)

    add_children(parent, axe_source, screenshot)
    sign_for_each_child(parent, studio.slug, axe_source, screenshot)
    book_both(parent, title, axe_source, screenshot)
    parent.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    parent.goto("/account")
    expect(parent.get_by_role("region", name="Your family").get_by_role("listitem")).to_have_count(2)
    looks_right(parent, axe_source)
    screenshot(parent, "family-account-phone", full_page=True)

    # A new version of the waiver: each child needs it signed again, which the door's screen shows.
    [form] = studio.call("GET", f"/api/studios/{studio.slug}/forms").json()["items"]
    changed = {"body": "Children practise under a guardian's care. Bring water."}
    studio.call("PATCH", f"/api/studios/{studio.slug}/forms/{form['id']}", json=changed)
    studio.call("POST", f"/api/studios/{studio.slug}/forms/{form['id']}/versions", json={})

    owner.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    owner.reload()  # the staff header shows the studio's pages once its claim is in the token
    staff_page(owner, "Front desk")
    owner.get_by_role("link", name=f"Open check-in of {title}").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("Check-in")
    people = owner.get_by_role("list", name="People")
    asha = people.get_by_role("listitem").filter(has_text="Asha")
    ravi = people.get_by_role("listitem").filter(has_text="Ravi")
    expect(asha).to_contain_text("child of Meera Parent")
    expect(asha).to_contain_text("Note for the teacher: Asthma: inhaler in her bag.")
    expect(asha).to_contain_text(f"Form missing: {WAIVER}")
    expect(ravi).to_contain_text(f"Form missing: {WAIVER}")
    screenshot(owner, "family-door-phone", full_page=True)
    looks_right(owner, axe_source)

    asha.get_by_role("button", name=f"Sign {WAIVER} at the desk").click()
    dialog = owner.get_by_role("dialog", name=f"{WAIVER} for Asha")
    expect(dialog).to_contain_text("Meera Parent signs for Asha, as their parent or guardian.")
    expect(dialog.get_by_label("Signer's full name")).to_have_value("Meera Parent")
    dialog.get_by_role("button", name="Sign with my typed name").click()
    looks_right(owner, axe_source)
    dialog.get_by_role("button", name="Sign", exact=True).click()
    expect(dialog).to_have_count(0)
    expect(asha).not_to_contain_text("Form missing")
    expect(ravi).to_contain_text(f"Form missing: {WAIVER}")
    for child in ("Asha", "Ravi"):
        people.get_by_role("button", name=f"Check in {child}").click()
    expect(asha).to_contain_text("Here at")
    expect(ravi).to_contain_text("Here at")
    # The door sends its check-ins as it goes (a batch may wait a moment): the server holds both once sent.
    path = f"/api/studios/{studio.slug}/sessions/{session_id}/roster"
    here = lambda: sorted(seat["name"] for seat in studio.call("GET", path).json()["seats"] if seat["checked_in_at"])  # noqa: E731
    wait_for(lambda: here() == ["Asha", "Ravi"], 30, interval=0.2, message="both children checked in on the server")

    # The client book: each child a client of their own, counted apart from their parent and linked to her.
    staff_page(owner, "Clients")
    clients = owner.get_by_role("table").get_by_role("rowheader")
    expect(clients.filter(has_text="Asha")).to_contain_text("Child", timeout=30_000)  # the CRM hears through a lane
    expect(clients.filter(has_text="Ravi")).to_contain_text("Child")
    owner.get_by_role("link", name="Asha", exact=True).click()
    family = owner.get_by_role("region", name="Family")
    expect(family.get_by_role("link", name="Meera Parent")).to_be_visible()
    expect(family).to_contain_text("sent no marketing of their own")
    expect(owner.get_by_role("region", name="Marketing consent")).to_have_count(0)
    looks_right(owner, axe_source)
    screenshot(owner, "family-client-book-phone", full_page=True)
    family.get_by_role("link", name="Meera Parent").click()
    expect(owner.get_by_role("region", name="Family").get_by_role("link")).to_have_text(["Asha", "Ravi"])
