"""A page in a fresh browser context of its own, for a test or for a walk over many pages that several tests share."""

import os
from pathlib import Path

from live_stack import wait_for

SCREENSHOTS_FOR_README = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def open_page(browser, stack, problems: list, width=1280, height=860, timezone_id="Asia/Kolkata", storage_state=None):
    """A page in a fresh browser context (its own storage, i.e. its own signed-in person, or storage_state's, and its
    own clock's zone) on stack; the app's errors and console errors go to problems. The caller closes it with
    close_page."""
    context = browser.new_context(
        storage_state=storage_state,
        viewport={"width": width, "height": height},
        base_url=stack.web_url,
        locale="en-GB",
        timezone_id=timezone_id,
        accept_downloads=True,
    )
    context.set_default_timeout(10_000)
    stack.clients.append(context)  # closed before that stack stops, if it stops first
    page = context.new_page()
    if rate := float(os.environ.get("E2E_CPU_THROTTLE", "0") or 0):  # a slow phone: shakes out tests that race the app
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    return page


def wait_until(page, predicate: str, timeout: float = 10.0) -> None:
    """Poll predicate (a JavaScript function's source) in the page until it returns true, at most timeout seconds.

    Not page.wait_for_function: Chromium's headless shell holds the predicate it compiles in the page to the app's
    CSP (script-src 'self', no eval); page.evaluate goes through the debugging protocol, which the CSP allows."""
    wait_for(lambda: page.evaluate(predicate), timeout, message=predicate)


def close_page(page, stack) -> None:
    """Close the page's context, unless its stack stopped first and closed it."""
    page.context.close()
    if page.context in stack.clients:
        stack.clients.remove(page.context)


def unexpected_errors(problems: list) -> str:
    """What the browser reported beyond a failed request (a test that provokes one expects that), or ""."""
    unexpected = [p for p in problems if "Failed to load resource" not in p]
    return "the browser reported errors:\n" + "\n".join(unexpected) if unexpected else ""


def screenshot_folder(tmp: Path) -> Path:
    """Where screenshots go: under tmp, or into docs/screenshots (the documentation's pictures) with
    UPDATE_SCREENSHOTS=1."""
    folder = SCREENSHOTS_FOR_README if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def take_screenshot(page, path: Path, full_page: bool = False) -> Path:
    """What the person sees, saved at path; fails if the picture is (nearly) blank."""
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    assert path.stat().st_size > 5_000, f"{path.stem}: the screenshot is (nearly) blank"
    return path
