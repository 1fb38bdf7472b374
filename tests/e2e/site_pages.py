"""The pages each kind of person can open, found from what the app links to, signing in as the demo's people,
going from page to page as the app's links do, and what spills out of a page: shared by the browser tests that
walk every page (test_page_walks.py) and the timetable's overflow test."""

import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from browser_pages import wait_until
from live_stack import wait_for
from playwright.sync_api import Page, expect

LOCALES = Path(__file__).resolve().parents[2] / "frontend" / "src" / "locales"


def said(language: str, key: str, **fields) -> str:
    """The web app's words for "namespace:key" in language, as its catalogue has them, its {fields} filled and its
    tags (<strong>…</strong>) dropped, as a person reads them."""
    namespace, path = key.split(":")
    words = json.loads((LOCALES / language / f"{namespace}.json").read_text(encoding="utf-8"))
    for part in path.split("."):
        words = words[part]
    for name, value in fields.items():
        words = words.replace(f"{{{name}}}", str(value))
    return re.sub(r"</?\w+>", "", words)


ACCOUNTS = {"user": ("asha", "asha1234"), "facilitator": ("priya", "priya123"), "admin": ("admin", "admin1234")}


# What the app's own links do (React Router's history, no reload), so the bundle and axe stay parsed; the heading
# the page had is remembered to tell when the next one has replaced it.
FOLLOW = """(path) => {
  window.headingLeft = document.querySelector("h1");
  history.pushState(null, "", path);
  dispatchEvent(new PopStateEvent("popstate"));
  scrollTo(0, 0);
}"""


# Every chart (Recharts, drawn first at a guessed size) redrawn at its container's width, as its ResizeObserver does.
CHARTS_FIT = """() => [...document.querySelectorAll(".recharts-responsive-container")].every((box) => {
  const surface = box.querySelector("svg.recharts-surface");
  return surface && Math.abs(surface.getBoundingClientRect().width - box.clientWidth) <= 1;
})"""


def settled(page: Page) -> None:
    """The page has its heading, nothing is loading any more (a spinner, or a part marked busy while it fetches, as
    the check-in door's cards of who is coming are) and its charts are drawn at their width."""
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".loading, main [aria-busy='true']")).to_have_count(0)
    wait_until(page, CHARTS_FIT)


def visit(page: Page, path: str, fresh: bool = False) -> None:
    """Open path as a link in the app does and wait until it has settled. With fresh, and for a link from an email
    (?token=) or a page with no app open yet, the page loads afresh, as it does for a person."""
    here = page.evaluate("() => location.pathname + location.search") if page.url.startswith("http") else None
    if fresh or here is None or "token=" in path:
        page.goto(path)
    elif here != path:
        page.evaluate(FOLLOW, path)
        # Consecutive pages of a walk are different pages: React puts the new page's heading in place of the old.
        wait_until(page, "() => !window.headingLeft?.isConnected")
    settled(page)


def log_in(page: Page, role: str) -> None:
    login, password = ACCOUNTS[role]
    page.goto("/facilitator/login" if role != "user" else "/login")
    page.get_by_label("Email or username").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/login$"))  # on a phone Log out is behind the Menu button


def first_href(page: Page, selector: str) -> str:
    """The address of the first link matching selector, once there is one."""
    link = page.locator(selector).first
    expect(link).to_be_visible()
    return link.get_attribute("href")


# Each stack's event of such sessions (held with the stack, so no later stack takes its id): one card in the
# catalogue however many walks ask, not a crowd of classes starting soonest that pushes other tests' events off
# the catalogue's first page.
_DOOR_EVENTS: dict[int, tuple[object, int]] = {}


def session_at_the_door(stack) -> str:
    """A new session of priya's starting in 20 minutes, its check-in open: the front desk lists it, its door admits."""
    priya, headers = stack.login_as(*ACCOUNTS["facilitator"])
    starts = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=20)
    session = {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat(), "capacity": 20}
    events = f"{stack.main_url}/api/facilitator/{priya}/events"
    if stack_event := _DOOR_EVENTS.get(id(stack)):
        answer = stack.http.post(f"{events}/{stack_event[1]}/sessions", json=session, headers=headers, timeout=10)
        assert answer.status_code == 201, answer.text
        return f"/facilitator/sessions/{answer.json()['id']}"
    event = {"title": "Evening Yin", "kind": "session", "timezone": "Asia/Kolkata", "sessions": [session]}
    answer = stack.http.post(events, json=event, headers=headers, timeout=10)
    assert answer.status_code == 201, answer.text
    _DOOR_EVENTS[id(stack)] = (stack, answer.json()["id"])
    return f"/facilitator/sessions/{answer.json()['sessions'][0]['id']}"


def news_for_asha(stack) -> None:
    """asha books a session of priya's: her notification centre has its notice to show, her bookings one more."""
    _, headers = stack.login_as(*ACCOUNTS["user"])
    session_id = int(session_at_the_door(stack).rsplit("/", 1)[1])
    booking = stack.book(headers["Authorization"].removeprefix("Bearer "), session_id)
    assert booking.status_code == 201, booking.text
    booking_id, url = booking.json()["id"], f"{stack.main_url}/me/notifications"

    def noticed() -> bool:
        notices = stack.http.get(url, headers=headers, timeout=10).json()["items"]
        return any(notice["booking_id"] == booking_id for notice in notices)

    wait_for(noticed, 30, interval=0.2, message="the booking's notice in asha's notification centre")


def unread_news_for_priya(page: Page, stack, session_path: str) -> None:
    """Someone books priya's session, so her Inbox link carries an unread count (the badge axe must read right)."""
    session_id = int(session_path.rsplit("/", 1)[1])
    token = stack.register("Axe Tester", f"axe-{uuid.uuid4().hex[:8]}@example.com")["access_token"]
    booking = stack.book(token, session_id)
    assert booking.status_code == 201, booking.text
    # Delivered through the outbox; a fresh page asks for the count at once instead of at its next poll.
    booking_id = booking.json()["id"]
    wait_for(lambda: stack.crm_notifications(booking_id=booking_id), 30, interval=0.2, message="the booking in the CRM")
    page.reload()
    # On the Inbox link, or on a phone the Menu button.
    expect(page.locator("header .badge:visible")).to_have_count(1)


def pages_of(page: Page, role: str, stack=None) -> list[str]:
    """The paths a person in this role can open (ids taken from what the app links to)."""
    visit(page, "/")
    event = first_href(page, "main a[href^='/events/']")
    visit(page, event)
    studio = first_href(page, "main a[href^='/studios/']")  # its public page: events, and passes with their links
    public = ["/", "/timetable", event, studio, f"{studio}/privates", "/no/such/page"]
    if role == "guest":
        return [
            *public,
            "/login",
            "/register",
            "/forgot-password",
            "/reset-password?token=not-a-real-token",
            "/unsubscribe?token=not-a-real-token",
            "/feedback?token=not-a-real-token&rating=5",
            "/mailbox",
            "/facilitator/login",
        ]
    if role == "user":
        news_for_asha(stack)
        return [*public, "/bookings", "/my-passes", "/my-privates", "/notifications", "/account", "/studios/new"]
    if role == "admin":
        return [*public, "/facilitator/integration", "/admin/studios", "/account"]
    visit(page, "/facilitator")
    managed = first_href(page, "main a[href^='/facilitator/events/']:not([href$='/new'])")
    visit(page, managed)
    session = first_href(page, "main a[href^='/facilitator/sessions/']")
    door = session_at_the_door(stack)
    unread_news_for_priya(page, stack, door)  # someone is coming: the door lists them, with their client card
    visit(page, "/facilitator/clients")  # the booking just made put someone in her studio's client book
    client = first_href(page, "main a[href^='/facilitator/clients/']")
    return [
        *public,
        "/facilitator",
        "/facilitator/events/new",
        managed,
        session,
        f"{door}/checkin",
        "/facilitator/desk",
        "/facilitator/teaching",
        "/facilitator/privates",
        "/facilitator/privates/services",
        "/facilitator/privates/hours",
        "/facilitator/approvals",
        "/facilitator/inbox",
        "/facilitator/clients",
        client,
        "/facilitator/passes",
        "/facilitator/codes",
        "/facilitator/reports",
        "/facilitator/invoices",
        "/facilitator/members",
        "/facilitator/settings",
        "/facilitator/audit",
        "/facilitator/api",
        "/facilitator/webhooks",
        "/facilitator/automations",
        "/facilitator/integration",
        "/account",
    ]


# What spills: the page wider than its window, and any box whose own content is wider than it (text cut by an
# ellipsis or overflow: hidden, or running over its neighbours). A box that scrolls on purpose (overflow-x: auto,
# a wide table on a phone), a form field (its text scrolls in it) and visually hidden text (1 px) are not spills;
# a box is named only when none of its children spills too, so one overflow is reported once, where it starts.
SPILLS = """() => {
  const spills = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    spills.push(`the page is ${root.scrollWidth} px wide in ${root.clientWidth}`);
  }
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const inScroller = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (scrolls(p)) return true;
    return false;
  };
  const boxes = [...document.querySelectorAll("body *")].filter((el) => {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden" || el.clientWidth <= 1 || scrolls(el)) return false;
    if (el.matches("input, textarea, select")) return false; // a field scrolls its own text
    return el.scrollWidth > el.clientWidth + 1 && !inScroller(el);
  });
  for (const el of boxes) {
    if (boxes.some((other) => other !== el && el.contains(other))) continue;
    const classes = typeof el.className === "string" ? el.className.trim().split(/\\s+/).filter(Boolean) : [];
    const name = [el.tagName.toLowerCase(), ...classes].join(".");
    spills.push(`${name} "${(el.innerText || "").trim().slice(0, 60)}": ${el.scrollWidth} px in ${el.clientWidth}`);
  }
  return spills;
}"""


def spills(page: Page) -> list[str]:
    return page.evaluate(SPILLS)


def next_monday(page: Page) -> str:
    """The Monday after this week's, as the timetable's ?week= reads it (the demo's sessions run into next week)."""
    return page.evaluate(
        # The date is read on the page's own clock: toISOString() would give UTC's, a day early east of Greenwich
        # in the hours before local midnight's UTC.
        """() => { const d = new Date(); d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7));
                   const two = (n) => String(n).padStart(2, "0");
                   return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`; }"""
    )
