"""A studio's booking widget on the studio's own site, in real Chromium: a page on another origin embeds embed.js, the
frame sizes itself and passes axe, a person books through it in a new tab; a site the studio did not name gets no
frame."""

import re
import threading
import uuid
from datetime import UTC, datetime, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser_pages import close_page, open_page
from own_facilitator import OwnFacilitator
from playwright.sync_api import expect
from test_accessibility import AXE, violations
from test_journeys import register

pytestmark = pytest.mark.e2e
HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{name}'s site</title></head>
<body><main><h1>Our classes</h1>
<script src="{web}/embed.js" data-studio="{slug}" data-view="timetable"></script>
</main></body></html>"""


class StudioSite:
    """The studio's own website: one page with the widget's tag, on a port (so an origin) of its own."""

    def __init__(self, folder: Path, page: str):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(page)
        handler = partial(QuietHandler, directory=str(folder))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *_args):
        pass


@pytest.fixture
def studio(web_stack):
    """A facilitator's own studio with one class in three hours, so in the widget's first seven days (from today)
    whatever day of the week the test runs: (its slug, the class's title, the owner)."""
    owner = OwnFacilitator(web_stack, "Asha Widget")
    title = f"Sunrise Flow {uuid.uuid4().hex[:6]}"
    now = datetime.now(UTC)
    starts = (now + timedelta(hours=3)).replace(second=0, microsecond=0)
    body = {"title": title, "kind": "session", "timezone": "Asia/Kolkata", "location": "Asha's studio",
            "sessions": [{"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=1)).isoformat(),
                          "capacity": 5}]}  # fmt: skip
    answer = owner.call("POST", "/events", json=body)
    assert answer.status_code == 201, answer.text
    event = web_stack.http.get(f"{web_stack.main_url}/events/{answer.json()['id']}", timeout=10).json()
    return event["studio"]["slug"], title, owner


@pytest.fixture
def sites(tmp_path, web_stack, studio):
    """Two sites showing the widget: the studio names the first, not the second."""
    slug, _title, owner = studio
    page = HOST_PAGE.format(name="Asha", web=web_stack.web_url, slug=slug)
    named, other = StudioSite(tmp_path / "named", page), StudioSite(tmp_path / "other", page)
    allowed = web_stack.http.patch(
        f"{web_stack.main_url}/api/studios/{slug}", json={"embed_origins": [named.origin]}, headers=owner.headers
    )
    assert allowed.status_code == 200, allowed.text
    yield named, other
    named.stop()
    other.stop()


def test_a_person_books_through_the_widget_on_the_studios_site(new_page, sites, studio, screenshot):
    named, _other = sites
    _slug, title, _owner = studio
    page = new_page(1280, 900, timezone_id="Asia/Kolkata")
    register(page, "Lena Widget", f"lena-{uuid.uuid4().hex[:8]}@example.com")  # signed in on our origin
    page.goto(named.origin)
    widget = page.frame_locator("iframe[title='Class timetable']")
    expect(widget.get_by_role("heading", level=1)).to_be_visible()
    entry = widget.locator("li.timetable-session").filter(has_text=title)
    expect(entry).to_be_visible()
    frame = page.locator("iframe[title='Class timetable']")
    expect(frame).not_to_have_attribute("style", re.compile(r"height: 600px"))  # sized by its own height
    expect(frame).to_be_visible()  # shown once the page in it has said its height
    screenshot(page, "widget-on-a-studio-site")
    inside = next(f for f in page.frames if "/embed/" in f.url)
    axe = AXE.read_text()
    assert violations(inside, axe) == []
    with page.expect_popup() as opened:
        entry.get_by_role("link", name=re.compile(rf"^Book {re.escape(title)}")).click()
    tab = opened.value
    expect(tab.get_by_role("heading", level=1)).to_have_text(title)
    tab.get_by_role("button", name="Book").click()
    tab.get_by_role("dialog", name="Book this session?").get_by_role("button", name="Confirm booking").click()
    expect(tab.get_by_text("You're booked!")).to_be_visible()


def test_a_site_the_studio_did_not_name_gets_no_widget(browser, web_stack, sites, studio):
    _named, other = sites
    _slug, title, _owner = studio
    problems = []  # Chromium reports the refusal as a console error: expected here
    page = open_page(browser, web_stack, problems)
    try:
        with page.expect_console_message(lambda message: "frame-ancestors" in message.text) as refusal:
            page.goto(other.origin)
        assert other.origin.removeprefix("http://") not in refusal.value.text  # the directive names the named site only
        expect(page.locator("iframe[title='Class timetable']")).to_be_attached()
        assert _error_page_shown(page), [f.url for f in page.frames]
        # Refused, the frame holds Chromium's "refused to connect" page: embed.js keeps it an empty space.
        expect(page.locator("iframe[title='Class timetable']")).to_be_hidden()
        expect(page.frame_locator("iframe[title='Class timetable']").get_by_text(title)).to_have_count(0)
    finally:
        close_page(page, web_stack)


def _error_page_shown(page, seconds: float = 10) -> bool:
    """Whether the widget's frame ends on Chromium's error page within seconds (Playwright's own waits pump the
    browser's events, where a sleep would not)."""
    for _ in range(int(seconds / 0.05)):
        if [f.url for f in page.frames if f != page.main_frame] == ["chrome-error://chromewebdata/"]:
            return True
        page.wait_for_timeout(50)
    return False
