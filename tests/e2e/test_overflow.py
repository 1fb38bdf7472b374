"""No page spills out of its window or cuts its words, at a laptop's 1280 px and a phone's 390 px, for the visitor,
the person who books and the facilitator, with the demo's longest titles in the week's timetable."""

import re

import pytest
from live_stack import free_port_number, launch_stack, sqlite_stack_databases
from playwright.sync_api import Page
from site_pages import log_in, pages_of, settled

from main_app.services.catalogue.demo_data import EVENTS

pytestmark = pytest.mark.e2e
SIZES = {"desktop": {"width": 1280, "height": 860}, "phone": {"width": 390, "height": 844}}

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


@pytest.mark.parametrize("role", ["guest", "user", "facilitator"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_no_page_spills_or_cuts_its_words(new_page, web_stack, role, size, screenshot):
    page = new_page(**SIZES[size])
    if role != "guest":
        log_in(page, role)
    paths = pages_of(page, role, web_stack)
    found = {}
    for path in [*paths, "/timetable?week=" + next_monday(page)]:
        page.goto(path)
        settled(page)
        if problems := spills(page):
            found[path] = problems
            screenshot(page, f"overflow-{role}-{size}-{re.sub(r'[^a-z0-9]+', '-', path).strip('-') or 'home'}")
    assert not found, "\n".join(f"{path}: {problem}" for path, problems in found.items() for problem in problems)


def next_monday(page: Page) -> str:
    """The Monday after this week's, as the timetable's ?week= reads it (the demo's sessions run into next week)."""
    return page.evaluate(
        """() => { const d = new Date(); d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7));
                   return d.toISOString().slice(0, 10); }"""
    )


@pytest.fixture(scope="module")
def stack_with_a_full_session(tmp_path_factory, db_templates):
    """A stack of this module's own (the shared one's timetable is in the docs' pictures) with a full session of the
    demo's longest title, which both window sizes look at and leave as they found it."""
    folder = tmp_path_factory.mktemp("overflow-stack")
    stack = launch_stack(sqlite_stack_databases(db_templates, folder), folder, free_port_number, web=True)
    try:
        longest = max((title for _username, title, *_rest in EVENTS), key=len)
        session_id = stack.add_session(capacity=1, title=longest)
        booked = stack.book(stack.register("Full Up", "full-up@example.com")["access_token"], session_id)
        assert booked.status_code == 201, booked.text
        yield stack
    finally:
        stack.stop()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_full_session_of_the_longest_demo_title_fits_its_timetable_column(
    new_page, stack_with_a_full_session, size, screenshot
):
    stack = stack_with_a_full_session
    page = new_page(stack=stack, **SIZES[size])
    found, seen = {}, 0
    for path in ("/timetable", "/timetable?week=" + next_monday(page)):
        page.goto(path)
        settled(page)
        found[path] = spills(page)
        join = page.get_by_role("link", name="Log in to join the waiting list")
        if join.count() and not seen:  # the week the session falls in (three days on)
            seen += 1
            join.first.scroll_into_view_if_needed()
            screenshot(page, f"timetable-full-session-{size}")
    assert seen, "the full session's waiting list link was not on the timetable"
    assert not any(found.values()), "\n".join(f"{path}: {p}" for path, problems in found.items() for p in problems)
