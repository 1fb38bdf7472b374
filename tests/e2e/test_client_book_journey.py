"""A studio's client book in real Chromium against the real services: three people book a class (one of them twice,
under two emails), the CRM builds their profiles from the notifications, and the owner finds them with a typo, writes
a note, tags and records consent, merges the duplicate and undoes it, filters by tag, saves that as a segment,
downloads it as CSV and emails it (the client unsubscribes from the email, signed out), and reads the note on the
door's "who is coming" card. Pictures of the list and a client's page, at desk and phone widths, for the guide."""

import re
import uuid
from pathlib import Path

import pytest
from live_stack import wait_for
from playwright.sync_api import Page, expect
from test_journeys import register
from test_mailbox_and_reset import open_mail
from test_studio_desk_journey import PHONE, Studio, staff_page
from test_studio_team_journey import make_studio

pytestmark = pytest.mark.e2e
NOTE = "Knee injury: prefers the back row, no deep lunges."


def book_clients(stack, studio: Studio, session_id: int, people: dict[str, str]) -> None:
    """Each person registers and books the class; the CRM holds them all as the studio's clients."""
    for name, email in people.items():
        token = stack.register(name, email)["access_token"]
        assert stack.book(token, session_id).status_code == 201
    url = f"{stack.crm_url}/api/studios/{studio.slug}/clients"

    def listed() -> bool:
        answer = stack.http.get(url, headers=studio.headers, timeout=10)
        return answer.status_code == 200 and answer.json()["total"] == len(people)

    wait_for(listed, 30, interval=0.2, message="every booker in the client book")


def find(page: Page, text: str) -> None:
    """Type into the client search; the list follows once typing pauses."""
    page.get_by_label("Search clients").fill(text)


def write_note_tags_and_consent(page: Page) -> None:
    page.get_by_label("New note").fill(NOTE)
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_role("region", name="Notes")).to_contain_text(NOTE)

    page.get_by_role("button", name="Edit tags").click()
    for tag in ("injury", "Regular"):  # saved in lower case
        page.get_by_label("Add a tag").fill(tag)
        page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_role("button", name="Save tags").click()
    expect(page.get_by_text("Tags saved.")).to_be_visible()
    expect(page.get_by_role("list", name="Tags").get_by_role("listitem")).to_have_text(["injury", "regular"])

    page.get_by_role("button", name="Record consent").click()
    page.get_by_label("Consent given").check()
    page.get_by_label("How").fill("Signed form at the desk")
    page.get_by_role("button", name="Record consent").click()
    expect(page.get_by_role("region", name="Marketing consent")).to_contain_text("Signed form at the desk")


def merge_and_undo(page: Page, duplicate: str) -> None:
    """Merge the duplicate record into this client (their bookings become one), then undo it."""
    figures = page.get_by_role("region", name="Figures")
    expect(figures).to_contain_text(re.compile(r"Bookings\s*1"))
    page.get_by_label("Find the duplicate").fill(duplicate)
    page.get_by_role("list", name="Clients found").get_by_role("button", name=f"Merge {duplicate}").click()
    page.get_by_role("dialog").get_by_role("button", name="Merge").click()
    merged = page.get_by_role("region", name="Merged records")
    expect(merged).to_contain_text(duplicate)
    expect(figures).to_contain_text(re.compile(r"Bookings\s*2"))
    page.get_by_role("button", name=f"Undo the merge of {duplicate}").click()
    expect(merged).to_contain_text(f"{duplicate} is a client of their own again.")
    expect(merged.get_by_role("button", name=f"Undo the merge of {duplicate}")).to_have_count(0)
    expect(figures).to_contain_text(re.compile(r"Bookings\s*1"))


def save_segment_and_download(page: Page, name: str, tag: str) -> None:
    """Save the applied tag as a segment (its live count in the picker), then download the list as CSV."""
    page.get_by_role("button", name="Save as segment").click()
    form = page.get_by_role("form", name="Save as segment")
    expect(form.get_by_label("Segment tag")).to_have_value("injury")  # the tag applied to the list
    form.get_by_label("Segment name").fill(name)
    form.get_by_role("button", name="Save segment").click()
    expect(page.get_by_text(f"Segment “{name}” saved.")).to_be_visible()
    expect(page.get_by_label("Segment", exact=True)).to_contain_text(f"{name} (1 client)")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    csv = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == f"clients-lotus-loft-{tag}.csv"
    assert f"asha-{tag}@example.com" in csv and "rohan" not in csv, csv


def email_segment(page: Page, subject: str) -> None:
    """Email the picked segment: a preview counts who consented, then one send."""
    page.get_by_role("button", name="Email this segment").click()
    form = page.get_by_role("form", name="Email this segment")
    form.get_by_label("Subject").fill(subject)
    form.get_by_label("Message").fill("A slow class for tender knees, Saturday at ten. Bring a blanket.")
    form.get_by_role("button", name="Preview").click()
    expect(form.get_by_role("status")).to_contain_text("1 client will get it")
    form.get_by_role("button", name="Send to 1 client").click()
    expect(page.get_by_text("Sent to 1 client.")).to_be_visible()
    expect(page.get_by_role("table", name="Sent emails")).to_contain_text(subject)


def unsubscribe_from_the_email(page: Page, subject: str, to: str, studio: str) -> None:
    """The client opens the email and its unsubscribe link, signed out, and stops the studio's marketing emails."""
    open_mail(page, re.compile(re.escape(subject)), to=to)
    page.get_by_role("button", name="Plain text").click()
    text = page.locator("pre.mail-text").inner_text()
    page.goto(re.search(r"https?://\S+/unsubscribe\?\S+", text).group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Stop marketing emails from {studio}?")
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_text(f"You will get no more marketing emails from {studio}.")).to_be_visible()


def test_an_owner_knows_her_clients_from_the_list_to_the_door(new_page, web_stack, screenshot):
    tag = uuid.uuid4().hex[:8]
    name, owner_email = f"Lotus Loft {tag}", f"maya-{tag}@example.com"
    owner = new_page(width=1280, height=1000)
    register(owner, "Maya Owner", owner_email)
    make_studio(owner, name)
    studio = Studio(web_stack, owner_email)
    flow = f"Morning Flow {tag}"
    session_id = studio.add_class(flow)
    people = {"Asha Verma": f"asha-{tag}@example.com", "Asha V": f"ashav-{tag}@example.com"}
    people["Rohan Mehta"] = f"rohan-{tag}@example.com"
    book_clients(web_stack, studio, session_id, people)

    # The list, and a search with a typo in it.
    owner.reload()  # the staff header shows Clients once the studio's claim is in the token
    staff_page(owner, "Clients")
    expect(owner.get_by_role("heading", level=1)).to_have_text(f"Clients · {name}")
    clients = owner.get_by_role("table").get_by_role("rowheader")
    expect(clients).to_have_count(3)
    find(owner, "Rohen Mehta")  # one letter wrong
    expect(clients).to_have_text(["Rohan Mehta"])
    find(owner, "asha")
    expect(clients).to_have_count(2)

    # A client's page: a note for the door, tags, consent; the duplicate merged in and the merge undone.
    owner.get_by_role("link", name="Asha Verma", exact=True).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("Asha Verma")
    write_note_tags_and_consent(owner)
    merge_and_undo(owner, "Asha V")
    screenshot(owner, "client-book-client", full_page=True)
    owner.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    owner.evaluate("() => scrollTo(0, 0)")
    screenshot(owner, "client-book-client-phone")
    owner.set_viewport_size({"width": 1280, "height": 1000})

    # Back to the list (the search kept in its address), then a tag filter.
    owner.go_back()
    expect(clients).to_have_count(2)
    find(owner, "")
    owner.get_by_label("Tag").fill("injury")
    expect(clients).to_have_text(["Asha Verma"])
    save_segment_and_download(owner, "Knees to mind", tag)
    screenshot(owner, "client-book-list")
    subject = f"Gentle knees workshop {tag}"
    email_segment(owner, subject)
    unsubscribe_from_the_email(new_page(*PHONE), subject, people["Asha Verma"], name)

    # At the door: the class's check-in shows who is coming, with the note and a first-visit badge.
    owner.goto(f"/facilitator/sessions/{session_id}/checkin")
    expect(owner.get_by_role("heading", level=1)).to_have_text("Check-in")
    coming = owner.get_by_role("region", name="Who is coming")
    expect(coming.get_by_role("list", name="Notes on Asha Verma")).to_contain_text(NOTE)
    expect(coming.get_by_role("listitem").filter(has_text="Rohan Mehta").first).to_contain_text("First visit")

    # The unsubscribe reached the client book: her consent reads withdrawn.
    owner.go_back()
    owner.get_by_role("link", name="Asha Verma", exact=True).click()
    consent = owner.get_by_role("region", name="Marketing consent")
    for _ in range(20):  # the withdrawal travels through the outbox; the page reads the CRM afresh when opened
        if "Withdrawn" in consent.inner_text():
            break
        owner.reload()
    expect(consent).to_contain_text("Withdrawn or refused")
