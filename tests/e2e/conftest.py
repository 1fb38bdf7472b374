"""The built web app in real Chromium (Playwright with the system browser) against the real services."""

import os
import shutil
from pathlib import Path

import pytest
from browser_pages import close_page, open_page, screenshot_folder, take_screenshot, unexpected_errors
from live_stack import free_port_number, launch_stack, sqlite_stack_databases
from main_fake_whatsapp import FakeWhatsApp
from playwright.sync_api import expect, sync_playwright
from whatsapp_shapes import GRAPH_VERSION

# How long an expect waits for the page to come round, as the contexts' actions do (browser_pages.open_page): its
# default 5 s is less than a save takes while the whole suite shares two cores (a run failed on one just after it).
expect.set_options(timeout=10_000)

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "frontend" / "dist"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# Without the background-networking flags Chromium keeps calling hosts it cannot reach from here.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    """The system Chromium: CHROMIUM_PATH, else its headless shell, else chromium on PATH.

    The headless shell (Debian's chromium-headless-shell, Playwright's own choice for headless runs) renders the same
    pages without the full browser's compositing: a quarter less CPU on the journeys, paired runs."""
    names = ("chromium-headless-shell", "chromium", "chromium-browser")
    return os.environ.get("CHROMIUM_PATH") or next(filter(None, map(shutil.which, names)), None)


def _missing(reason: str) -> None:
    """Skip where the tools are absent, but never in CI: there a missing browser or build is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true never skips the end-to-end tests)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One headless system Chromium for the whole run."""
    executable = _chromium()
    if not executable:
        _missing("no Chromium found: apt-get install chromium-headless-shell (or chromium, or set CHROMIUM_PATH)")
    if not (DIST / "index.html").exists():
        _missing("the web app is not built: `python3 dev.py test` builds it (npm ci && npm run build in frontend/)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def whatsapp_stand_in():
    """The stand-in for WhatsApp's Cloud API the shared web stack sends through (a studio's own number there reaches
    it: the install has none of its own, so nothing else changes)."""
    stand_in = FakeWhatsApp(numbers=())
    yield stand_in
    stand_in.close()


@pytest.fixture(scope="session")
def web_stack(browser, tmp_path_factory, db_templates, whatsapp_stand_in):
    """The whole system, web app included, on SQLite with the demo data; one per test process (pytest-xdist worker).

    Tests sharing it each work with their own accounts or read-only data, so their order does not matter.
    """
    folder = tmp_path_factory.mktemp("web-stack")
    databases = sqlite_stack_databases(db_templates, folder)
    graph = f"{whatsapp_stand_in.url}/{GRAPH_VERSION}"
    whatsapp = {"WHATSAPP_API_BASE": graph, "WHATSAPP_STAND_IN_URL": whatsapp_stand_in.url}
    stack = launch_stack(databases, folder, free_port_number, web=True, **whatsapp)
    yield stack
    stack.stop()


@pytest.fixture
def private_web_stack(start_stack):
    """A stack of the test's own, for tests that stop or break part of it."""
    return start_stack("sqlite", web=True)


@pytest.fixture
def new_page(browser, web_stack):
    """Factory: new_page(width, height, stack, timezone_id) → open_page's page on the given stack (default: the
    module's web_stack).

    Every console error is collected; the test fails if the app logged one other than a failed request.
    """
    pages, problems = [], []

    def new(width: int = 1280, height: int = 860, stack=None, timezone_id: str = "Asia/Kolkata"):
        page = open_page(browser, stack or web_stack, problems, width, height, timezone_id)
        pages.append((page, stack or web_stack))
        return page

    yield new
    for page, on in pages:
        close_page(page, on)
    assert not (errors := unexpected_errors(problems)), errors


@pytest.fixture
def screenshot(tmp_path):
    """screenshot(page, name): a PNG of what the person sees (full_page=True: the whole page).

    Saved under the test's tmp dir, or into docs/screenshots (the documentation's pictures) with UPDATE_SCREENSHOTS=1.
    """
    folder = screenshot_folder(tmp_path)
    taken = []

    def take(page, name: str, full_page: bool = False) -> Path:
        taken.append(take_screenshot(page, folder / f"{name}.png", full_page))
        return taken[-1]

    take.taken = taken
    return take
