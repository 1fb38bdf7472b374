"""A full session of the demo's longest title fits its timetable column, at a laptop's 1280 px and a phone's 390 px
(test_page_walks.py walks every page for spills)."""

import pytest
from live_stack import free_port_number, launch_stack, sqlite_stack_databases
from site_pages import next_monday, settled, spills

from main_app.services.catalogue.demo_data import EVENTS

pytestmark = pytest.mark.e2e
SIZES = {"desktop": {"width": 1280, "height": 860}, "phone": {"width": 390, "height": 844}}


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
