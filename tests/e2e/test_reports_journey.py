"""A studio owner reads the reports of the week that just ran, in real Chromium against the real services: money
taken at the desk, how full the classes were and who came, the new clients, and what the owner earned teaching at
the rate just set. Every report at desk and phone widths, axe clean, nothing spilling sideways."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect
from site_pages import said, settled, spills
from sqlalchemy import select, update
from test_accessibility import AXE, violations
from test_journeys import register
from test_studio_desk_journey import Studio, staff_page
from test_studio_team_journey import make_studio

from main_app.models import Booking, Event, EventSession

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
TABS = ("Revenue", "Attendance", "Clients", "Pay")


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: npm ci in frontend/ installs it", pytrace=False)
    return AXE.read_text(encoding="utf-8")


def held(stack, session_id: int, days_ago: int) -> None:
    """The class (its event's only session) moved to have begun days_ago, as if the week had passed."""
    starts = datetime.now(UTC).replace(microsecond=0) - timedelta(days=days_ago)
    times = {"starts_at": starts, "ends_at": starts + timedelta(hours=1)}
    event_id = select(EventSession.event_id).where(EventSession.id == session_id).scalar_subquery()
    stack.write(
        update(EventSession).where(EventSession.id == session_id).values(**times),
        update(Event).where(Event.id == event_id).values(**times),
    )


def week_that_ran(stack, studio: Studio, tag: str) -> None:
    """Two classes: a paid one with two seats sold at the desk for cash (1,180.00 each, in the studio's currency),
    held three days ago, and a free one three clients booked, held two days ago, where one did not come. The owner's
    rate: 300.00 a head, at least 500.00 a class."""
    paid = studio.add_class(f"Power Flow {tag}")
    studio.call(
        "PATCH", f"/api/studios/{studio.slug}/sessions/{paid}", json={"price": 118_000, "currency": studio.currency}
    )
    free = studio.add_class(f"Gentle Yin {tag}")
    for n in range(2):
        sale = {"session_id": paid, "email": f"walkin{n}-{tag}@example.com", "use": "door", "method": "cash"}
        studio.call("POST", f"/api/studios/{studio.slug}/desk/bookings", json=sale)
    for n in range(3):
        token = stack.register(f"Client {n} {tag}", f"client{n}-{tag}@example.com")["access_token"]
        assert stack.book(token, free).status_code == 201
    held(stack, paid, 3)
    held(stack, free, 2)
    first = select(Booking.id).where(Booking.session_id == free).order_by(Booking.id).limit(1).scalar_subquery()
    stack.write(
        update(Booking).where(Booking.session_id == free).values(attendance="attended"),
        update(Booking).where(Booking.id == first).values(attendance="no_show"),
    )
    owner = studio.call("GET", f"/api/studios/{studio.slug}/instructor-rates").json()["rates"][0]["instructor_id"]
    rate = {"kind": "per_head", "amount": 30_000, "minimum": 50_000}
    studio.call("PUT", f"/api/studios/{studio.slug}/instructor-rates/{owner}", json=rate)


def open_tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    expect(page.get_by_role("tab", name=name)).to_have_attribute("aria-selected", "true")


def test_an_owner_reads_revenue_attendance_clients_and_pay(new_page, web_stack, axe_source, screenshot):
    tag = uuid.uuid4().hex[:8]
    owner_email = f"tara-{tag}@example.com"
    owner = new_page(width=1280, height=1000)
    register(owner, "Tara Owner", owner_email)
    make_studio(owner, f"Banyan Studio {tag}")
    week_that_ran(web_stack, Studio(web_stack, owner_email), tag)

    staff_page(owner, "Reports")
    expect(owner.get_by_role("heading", level=1)).to_have_text("Reports")
    open_tab(owner, "Revenue")
    expect(owner.get_by_role("table", name="Revenue by kind")).to_contain_text("2,360")
    assert not violations(owner, axe_source)
    screenshot(owner, "reports-revenue", full_page=True)

    open_tab(owner, "Attendance")
    classes = owner.get_by_role("table", name="Attendance by class")
    expect(classes.get_by_role("row").filter(has_text=f"Gentle Yin {tag}")).to_contain_text("3")
    assert not violations(owner, axe_source)
    screenshot(owner, "reports-attendance", full_page=True)

    open_tab(owner, "Clients")
    expect(owner.get_by_role("table", name="Retention cohorts")).to_be_visible()
    assert not violations(owner, axe_source)

    open_tab(owner, "Pay")
    lines = owner.get_by_role("table", name="Pay by class")
    expect(lines.get_by_role("row").filter(has_text=f"Power Flow {tag}")).to_contain_text("600")
    expect(owner.get_by_role("table", name="Pay by instructor")).to_contain_text("1,200")
    assert not violations(owner, axe_source)
    screenshot(owner, "reports-pay", full_page=True)

    owner.set_viewport_size(PHONE)
    for name in TABS:
        open_tab(owner, name)
        expect(owner.get_by_role("tabpanel")).not_to_contain_text("Loading")
        assert not spills(owner) and not violations(owner, axe_source), name
    screenshot(owner, "reports-pay-phone")


def test_a_marathi_owner_makes_a_class_and_reads_its_registrants_and_revenue(new_page, web_stack, axe_source):
    tag = uuid.uuid4().hex[:8]
    owner_email = f"sayali-{tag}@example.com"
    owner = new_page(width=1280, height=1000)
    register(owner, "Sayali Kulkarni", owner_email)
    make_studio(owner, f"Vad Studio {tag}")
    week_that_ran(web_stack, Studio(web_stack, owner_email), tag)
    owner.locator(".language-switcher select").select_option("mr")  # the navbar's choice, kept by the account
    expect(owner.locator("html")).to_have_attribute("lang", "mr")

    # A class from the new-event form, every label in Marathi.
    starts = (datetime.now(UTC) + timedelta(days=3)).replace(hour=1, minute=30, second=0, microsecond=0)
    owner.goto("/facilitator/events/new")
    title = f"Surya Namaskar {tag}"
    owner.get_by_label(said("mr", "programme:eventFields.title"), exact=True).fill(title)
    owner.get_by_label(said("mr", "programme:eventFields.location"), exact=True).fill("Kothrud, Pune")
    owner.get_by_label(said("mr", "programme:timeZone.label"), exact=True).select_option("Asia/Kolkata")
    wall = lambda moment: f"{moment + timedelta(hours=5, minutes=30):%Y-%m-%dT%H:%M}"  # noqa: E731 (IST)
    owner.get_by_label(said("mr", "programme:sessionRow.startsAt", number=1)).fill(wall(starts))
    owner.get_by_label(said("mr", "programme:sessionRow.endsAt", number=1)).fill(wall(starts + timedelta(hours=1)))
    owner.get_by_label(said("mr", "programme:sessionRow.capacity", number=1)).fill("12")
    owner.get_by_role("button", name=said("mr", "programme:createEvent.submit")).click()
    expect(owner.get_by_text(said("mr", "programme:createEvent.created"))).to_be_visible()
    assert not violations(owner, axe_source)

    # The new class's registrants (its first session's page), then the revenue report of the week that ran.
    owner.locator("main a[href^='/facilitator/sessions/']").first.click()  # the form opens the event it made
    expect(owner.get_by_role("heading", name=said("mr", "programme:registrants.heading"), exact=True)).to_be_visible()
    assert not spills(owner) and not violations(owner, axe_source)
    owner.get_by_role("link", name=said("mr", "common:staffBar.reports"), exact=True).first.click()
    open_tab(owner, said("mr", "reports:names.revenue"))
    expect(owner.get_by_role("table", name=said("mr", "reports:revenue.byKindCaption"))).to_contain_text("2,360")
    assert not violations(owner, axe_source)
    owner.set_viewport_size(PHONE)
    settled(owner)  # the revenue chart redrawn at the phone's width, not still at the desktop's
    assert not spills(owner)
