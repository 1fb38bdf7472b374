"""The built web app in real Chromium (Playwright with the system browser) against the real services."""

import os
import shutil
from pathlib import Path

import pytest
from live_stack import free_port_number, launch_stack, sqlite_stack_databases
from playwright.sync_api import sync_playwright

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
SCREENSHOTS_FOR_README = ROOT / "docs" / "screenshots"


def _chromium() -> str | None:
    """The system Chromium: CHROMIUM_PATH, else chromium on PATH."""
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


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
        _missing("no Chromium found: apt-get install chromium (or set CHROMIUM_PATH)")
    if not (DIST / "index.html").exists():
        _missing("the web app is not built: `python3 dev.py test` builds it (npm ci && npm run build in frontend/)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def web_stack(browser, tmp_path_factory, db_templates):
    """The whole system, web app included, on SQLite with the demo data; one per test process (pytest-xdist worker).

    Tests sharing it each work with their own accounts or read-only data, so their order does not matter.
    """
    folder = tmp_path_factory.mktemp("web-stack")
    stack = launch_stack(sqlite_stack_databases(db_templates, folder), folder, free_port_number, web=True)
    yield stack
    stack.stop()


@pytest.fixture
def private_web_stack(start_stack):
    """A stack of the test's own, for tests that stop or break part of it."""
    return start_stack("sqlite", web=True)


@pytest.fixture
def new_page(browser, web_stack):
    """Factory: new_page(width, height, stack, timezone_id) → a page in a fresh browser context (its own storage,
    i.e. its own signed-in person, and its own clock's zone) on the given stack (default: the module's web_stack).

    Every console error is collected; the test fails if the app logged one other than a failed request.
    """
    contexts, problems = [], []

    def open_page(width: int = 1280, height: int = 860, stack=None, timezone_id: str = "Asia/Kolkata"):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            base_url=(stack or web_stack).web_url,
            locale="en-GB",
            timezone_id=timezone_id,
            accept_downloads=True,
        )
        context.set_default_timeout(10_000)
        contexts.append((context, stack or web_stack))
        (stack or web_stack).clients.append(context)  # closed before that stack stops, if it stops first
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
        return page

    yield open_page
    for context, on in contexts:
        context.close()
        if context in on.clients:
            on.clients.remove(context)
    unexpected = [p for p in problems if "Failed to load resource" not in p]
    assert not unexpected, "the browser reported errors:\n" + "\n".join(unexpected)


@pytest.fixture
def screenshot(tmp_path):
    """screenshot(page, name): a full-page PNG of what the person sees.

    Saved under the test's tmp dir, or into docs/screenshots (the documentation's pictures) with UPDATE_SCREENSHOTS=1.
    """
    folder = SCREENSHOTS_FOR_README if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    taken = []

    def take(page, name: str, full_page: bool = False) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        assert path.stat().st_size > 5_000, f"{name}: the screenshot is (nearly) blank"
        taken.append(path)
        return path

    take.taken = taken
    return take
