"""A studio owner brings their clients over from Mindbody, in real Chromium against the real services: the file
maps itself, the dry run names the bad row and previews the rest, the import runs on the timers lane with its
progress shown, and the client book then lists the imported clients. Pictures at desk and phone widths, axe clean."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from live_stack import wait_for
from playwright.sync_api import Page, expect
from site_pages import spills
from test_accessibility import AXE, violations
from test_journeys import register
from test_studio_desk_journey import Studio, staff_page
from test_studio_team_journey import make_studio

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: npm ci in frontend/ installs it", pytrace=False)
    return AXE.read_text(encoding="utf-8")


def mindbody_file(tag: str) -> bytes:
    """Three clients as Mindbody's Client Export writes them: one with a pack's credits, one plain, one broken."""
    later = (date.today() + timedelta(days=45)).strftime("%m/%d/%Y")
    rows = [
        "Client ID,First Name,Last Name,Email,Mobile Phone,Pricing Option,Remaining,Expiration Date",
        f"1001,Meera,Pillai,meera-{tag}@example.com,+91 98123 45678,Move Pack {tag},6,{later}",
        f"1002,Arjun,Menon,arjun-{tag}@example.com,,,,",
        "1003,Broken,Row,not-an-email,,,,",
    ]
    return ("\n".join(rows) + "\n").encode()


def open_import(owner: Page) -> None:
    staff_page(owner, "Settings")
    expect(owner.get_by_role("heading", level=1)).to_have_text("Studio settings")
    expect(owner.get_by_role("heading", name="Import clients")).to_be_visible()


def test_an_owner_imports_clients_from_mindbody_and_the_desk_finds_them(new_page, web_stack, axe_source, screenshot):
    tag = uuid.uuid4().hex[:8]
    owner_email = f"tara-{tag}@example.com"
    owner = new_page(width=1280, height=1000)
    register(owner, "Tara Owner", owner_email)
    make_studio(owner, f"Juniper Hall {tag}")
    Studio(web_stack, owner_email).add_pass(f"Move Pack {tag}")

    open_import(owner)
    owner.get_by_label("Client file (CSV)").set_input_files(
        {"name": "clients.csv", "mimeType": "text/csv", "buffer": mindbody_file(tag)}
    )
    expect(owner.get_by_label("The file comes from")).to_have_value("mindbody")
    expect(owner.get_by_label("Email (required: a client is found or made by it)")).to_have_value("Email")
    expect(owner.get_by_role("status").filter(has_text="can be imported")).to_have_text(
        "2 rows of 3 can be imported: 2 new accounts, 1 pass balance."
    )
    problems = owner.get_by_role("table", name="1 problem: these rows are left out")
    expect(problems.get_by_role("row").filter(has_text="Not an email address.")).to_contain_text("4")
    preview = owner.get_by_role("table", name="The first rows, as they will be written")
    expect(preview.get_by_role("row").filter(has_text=f"meera-{tag}@example.com")).to_contain_text("+919812345678")
    assert not violations(owner, axe_source)
    screenshot(owner, "client-import-check", full_page=True)
    # On a phone the preview scrolls sideways: in a region of its own that a keyboard reaches.
    owner.set_viewport_size(PHONE)
    assert not spills(owner) and not violations(owner, axe_source)
    expect(owner.get_by_role("region", name="The first rows, as they will be written")).to_have_attribute(
        "tabindex", "0"
    )
    owner.set_viewport_size({"width": 1280, "height": 1000})

    owner.get_by_role("button", name="Import 2 clients").click()
    tally = "Imported. 2 accounts made, 0 existing clients added, 1 pass balance opened."
    expect(owner.get_by_text(tally)).to_be_visible(timeout=30_000)  # a job the page polls: slower on a busy machine
    owner.set_viewport_size(PHONE)
    assert not spills(owner) and not violations(owner, axe_source)
    owner.get_by_text(tally).scroll_into_view_if_needed()
    screenshot(owner, "client-import-done")

    # The client book (the CRM, through the outbox) holds both, with their details, before either books anything.
    studio = Studio(web_stack, owner_email)
    url = f"{web_stack.crm_url}/api/studios/{studio.slug}/clients"

    def listed() -> bool:
        answer = web_stack.http.get(url, headers=studio.headers, timeout=10)
        return answer.status_code == 200 and answer.json()["total"] == 2

    wait_for(listed, 30, interval=0.2, message="both imported clients in the client book")
    owner.set_viewport_size({"width": 1280, "height": 1000})
    owner.reload()  # the staff header shows Clients once the studio's claim is in the token
    staff_page(owner, "Clients")
    clients = owner.get_by_role("table").get_by_role("rowheader")
    expect(clients).to_have_text(["Arjun Menon", "Meera Pillai"])
    bring_bookings(owner, studio, tag, screenshot)


def bring_bookings(owner: Page, studio: Studio, tag: str, screenshot) -> None:
    """Then their upcoming bookings, as Momence exports them: Meera's seat in a class two days ahead."""
    starts = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=2)
    session = {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat(), "capacity": 8}
    body = {"title": f"Dusk Flow {tag}", "kind": "session", "timezone": "Asia/Kolkata", "location": "Hall A"}
    event = studio.call("POST", f"/api/studios/{studio.slug}/events", json=body | {"sessions": [session]}).json()
    text = f"Customer,Customer email,Session name,Starts at\nMeera Pillai,meera-{tag}@example.com,Dusk Flow {tag},"
    open_import(owner)
    owner.get_by_label("The file holds").select_option("bookings")
    owner.get_by_label("Bookings file (CSV)").set_input_files(
        {"name": "bookings.csv", "mimeType": "text/csv", "buffer": f"{text}{starts.isoformat()}\n".encode()}
    )
    expect(owner.get_by_label("The file comes from")).to_have_value("momence")
    expect(owner.get_by_role("status").filter(has_text="can be imported")).to_have_text(
        "1 row of 1 can be imported: 0 new accounts, 1 booking."
    )
    owner.get_by_role("button", name="Import 1 booking").click()
    tally = "Imported. 0 accounts made, 1 client found, 1 seat booked."
    expect(owner.get_by_text(tally)).to_be_visible(timeout=30_000)  # a job the page polls: slower on a busy machine
    screenshot(owner, "booking-import-done", full_page=True)
    [seated] = studio.call("GET", f"/events/{event['id']}").json()["sessions"]
    assert seated["seats_taken"] == 1  # Meera's seat, by the seat's own update
