"""A private session in real Chromium against the real services, its teacher's calendar on a real CalDAV server
(Radicale): the owner offers a private she gives and links her calendar; a client books her at a chosen time with a
pack's credit, sees her own private, and moves it; the event appears in the teacher's calendar and moves with it;
a busy event added there takes its time off the page; the studio's board shows it in the teacher's column. At 1280
and 390 px, axe and no spill on each page."""

import re
import uuid
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from live_stack import wait_for
from playwright.sync_api import expect
from radicale_server import LOGIN, PASSWORD, start_radicale
from test_family_journey import axe_source, looks_right  # noqa: F401 (axe_source is a fixture)
from test_journeys import register
from test_studio_desk_journey import Studio
from test_studio_team_journey import make_studio

pytestmark = pytest.mark.e2e
KOLKATA = ZoneInfo("Asia/Kolkata")
PHONE = (390, 844)


def _at(hour: int, minute: int = 0) -> datetime:
    """In three days in Kolkata (whatever the hour now), at hour:minute, in UTC."""
    day = datetime.now(KOLKATA).date() + timedelta(days=3)
    return datetime.combine(day, time(hour, minute), tzinfo=KOLKATA).astimezone(UTC)


def _busy(uid: str, starts: datetime, ends: datetime) -> str:
    stamp = "%Y%m%dT%H%M%SZ"
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//journey//busy//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:{starts.strftime(stamp)}\r\nDTSTART:{starts.strftime(stamp)}\r\n"
        f"DTEND:{ends.strftime(stamp)}\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def offer_private(studio: Studio, teacher_id: int, calendar_url: str, client_email: str, tag: str) -> tuple[int, str]:
    """The owner's private (₹1,500 or a credit), her hours every day 07:00-20:00, her Radicale calendar, and a
    10-class pack sold to the client at the desk: (the service's id, its name)."""
    base, name = f"/api/studios/{studio.slug}", f"Private yoga {tag}"
    body = {"name": name, "duration_minutes": 60, "price": 150000, "credits": 1, "teachers": [teacher_id]}
    service = studio.call("POST", f"{base}/appointment-services", json=body).json()
    week = [{"weekday": day, "starts": "07:00", "ends": "20:00"} for day in range(7)]
    studio.call("PUT", f"{base}/my-hours", json={"hours": week})
    studio.call("PUT", f"{base}/appointment-rules", json={"min_notice_minutes": 60})
    link = {"kind": "caldav", "url": calendar_url, "username": LOGIN, "password": PASSWORD}
    studio.call("PUT", f"{base}/my-calendar", json=link)
    wait_for(lambda: not studio.call("GET", f"{base}/my-calendar").json()["stale"], 60, message="the calendar read")
    pack = {"kind": "pack", "name": f"Private pack {tag}", "price": 300000, "currency": studio.currency}
    product = studio.call("POST", f"{base}/passes", json=pack | {"credits": 10, "valid_days": 60})
    sale = {"product_id": product.json()["id"], "name": "Asha Client", "email": client_email, "method": "upi"}
    studio.call("POST", f"{base}/desk/passes", json=sale)
    return service["id"], name


def _clock(at: datetime) -> str:
    """10:00 on the studio's clock, as the page's slot buttons say it in Chromium's English."""
    return at.astimezone(KOLKATA).strftime("%H:%M")


def _day(page, at: datetime):
    """The group of a day's free times on the page ("Friday, 4 December 2026", on the studio's clock)."""
    return page.get_by_role("group", name=at.astimezone(KOLKATA).strftime("%A, %-d %B %Y"))


def choose_time(page, name: str | None, teacher: str, at: datetime | None) -> None:
    """On the privates page (or a private being moved, name None): the service, its teacher, then the time."""
    if name is not None:
        page.get_by_role("radio", name=name).check()
    page.get_by_label("Teacher").select_option(label=teacher)
    if at is not None:
        pick_day(page, at)
        _day(page, at).get_by_role("button", name=_clock(at), exact=True).click()  # the teacher chosen: times alone


def pick_day(page, at: datetime) -> None:
    """The day's button among the days with free times ("Fri 4 Dec 24 free"): its times show."""
    local = at.astimezone(KOLKATA)
    days = page.get_by_role("group", name="Days with free times")
    days.get_by_role("button", name=re.compile(local.strftime(r"^%a,? %-d %b "))).click()


def book_with_credit(client, studio: Studio, name: str, tag: str, axe_source: str, screenshot) -> None:  # noqa: F811
    """From the studio's page: the private at 10:00 with Meera, paid with a credit of the pack."""
    client.goto(f"/studios/{studio.slug}")
    client.get_by_role("link", name="Book a private session").click()
    expect(client.get_by_role("heading", level=1)).to_have_text("Book a private session")
    choose_time(client, name, "Meera Teacher", _at(10))
    client.get_by_label("Pay with").select_option(label=f"Private pack {tag}: 1 credit")
    looks_right(client, axe_source)
    screenshot(client, "private-book-desktop")
    client.get_by_role("button", name="Book this time").click()
    expect(client.get_by_text("Booked for")).to_contain_text("Meera Teacher")


def move_it(client, name: str, axe_source: str, screenshot) -> None:  # noqa: F811
    """On a phone, from My private sessions: moved to 11:00."""
    client.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    client.get_by_role("link", name="My private sessions").first.click()
    mine = client.get_by_role("listitem").filter(has=client.get_by_role("heading", name=name))
    expect(mine).to_contain_text("Meera Teacher")
    looks_right(client, axe_source)
    mine.get_by_role("button", name="Move").click()
    choose_time(mine, None, "Meera Teacher", _at(11))
    mine.get_by_role("button", name="Move to").click()
    expect(mine.get_by_text("Moved.")).to_be_visible()
    looks_right(client, axe_source)
    screenshot(client, "private-moved-phone")


def busy_takes_the_slot(client, web_stack, studio: Studio, service_id: int, name: str, axe_source: str) -> None:  # noqa: F811
    """A 15:00 busy time read from the teacher's calendar: the page offers 16:00 and no longer 15:00."""
    path = f"{web_stack.main_url}/api/public/studios/{studio.slug}/appointment-services/{service_id}/slots?days=5"

    def gone() -> bool:
        return _at(15).isoformat() not in {
            slot["starts_at"] for slot in web_stack.http.get(path, timeout=10).json()["items"]
        }

    wait_for(gone, 60, message="the busy time to take its slot")
    client.goto(f"/studios/{studio.slug}/privates")
    choose_time(client, name, "Meera Teacher", None)
    pick_day(client, _at(15))
    day = _day(client, _at(15))
    expect(day.get_by_role("button", name=_clock(_at(16)), exact=True)).to_be_visible()
    expect(day.get_by_role("button", name=_clock(_at(15)), exact=True)).to_have_count(0)
    looks_right(client, axe_source)


def on_the_board(owner, name: str, axe_source: str, screenshot) -> None:  # noqa: F811
    """The studio's board, the week from today: the teacher's column holds the private, moved to 11:00, beside
    its client's name; at 1280 px, then on a phone."""
    owner.goto("/facilitator/privates")
    owner.get_by_role("button", name="Week", exact=True).click()
    name_of_day = _at(11).astimezone(KOLKATA).strftime("%A, %-d %B %Y")
    column = owner.get_by_role("region", name=f"Meera Teacher on {name_of_day}")
    expect(column).to_contain_text(f"{_clock(_at(11))}\u2013{_clock(_at(12))}")  # an en dash between
    expect(column).to_contain_text(f"{name} · Asha Client")
    looks_right(owner, axe_source)
    screenshot(owner, "privates-board-desktop")
    owner.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    looks_right(owner, axe_source)
    screenshot(owner, "privates-board-phone")


def test_a_client_books_a_private_with_a_credit_and_moves_it_and_the_teachers_calendar_follows(
    new_page,
    web_stack,
    screenshot,
    axe_source,  # noqa: F811
    tmp_path,
):
    tag = uuid.uuid4().hex[:8]
    radicale = start_radicale(tmp_path)
    try:
        owner = new_page(width=1280, height=1000)
        register(owner, "Meera Teacher", owner_email := f"meera-{tag}@example.com")
        make_studio(owner, f"Lotus Privates {tag}")
        studio = Studio(web_stack, owner_email)
        client = new_page(width=1280, height=1000)
        register(client, "Asha Client", client_email := f"asha-{tag}@example.com")
        teacher = studio.member_id(owner_email)
        service_id, name = offer_private(studio, teacher, radicale.calendar_url, client_email, tag)
        book_with_credit(client, studio, name, tag, axe_source, screenshot)
        starts = lambda: [when for when, _end, _summary in radicale.ours().values()]  # noqa: E731
        wait_for(lambda: starts() == [_at(10)], 60, message="the private in Radicale")
        move_it(client, name, axe_source, screenshot)
        wait_for(lambda: starts() == [_at(11)], 60, message="the move in Radicale")
        radicale.calendar.save_event(_busy(f"dentist-{tag}", _at(15), _at(16)))
        studio.call("POST", f"/api/studios/{studio.slug}/my-calendar/sync")
        busy_takes_the_slot(client, web_stack, studio, service_id, name, axe_source)
        on_the_board(owner, name, axe_source, screenshot)
    finally:
        radicale.stop()
