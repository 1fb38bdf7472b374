"""The events page does not shift while it loads; a phone's first screen shows the header compact and events above
the fold; axe as the browser tests run it (test_page_walks.py runs it on every page)."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e
AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}
# WCAG 2.2 A and AA, axe's best practices, and its experimental rules (label-content-name-mismatch among them).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "experimental"]
# Every layout-shift entry without recent input, summed: what Chromium reports as CLS for a page that stays open.
CLS_SCRIPT = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})"""


def violations(page: Page, axe_source: str) -> list[str]:
    """axe's violations on the page as it is now, one line each: rule, impact, what it asks, where."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the browser's debugging protocol: the app's CSP (script-src 'self') blocks a script tag.
        page.evaluate(f"{axe_source}\n;true")
    found = page.evaluate(
        "(tags) => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })"
        ".then((r) => r.violations)",
        AXE_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in found
    ]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_events_page_does_not_shift_while_it_loads(new_page, size):
    page = new_page(**(DESKTOP if size == "desktop" else PHONE))
    page.goto("/")
    expect(page.locator(".event-card").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    shift = page.evaluate(CLS_SCRIPT)
    assert shift < 0.01, f"cumulative layout shift {shift:.3f} at {size} width"
    # The links are in the header's row on a wide screen, behind a Menu button on a phone.
    expect(page.get_by_role("navigation", name="Main")).to_be_visible(visible=size == "desktop")
    expect(page.get_by_role("button", name="Menu")).to_be_visible(visible=size == "phone")


def test_a_phone_gets_a_one_line_header_and_the_first_event_high_up(new_page, screenshot):
    page = new_page(**PHONE)
    page.goto("/")
    first = page.locator(".event-card").first
    expect(first).to_be_visible()
    header, card = page.locator("header").bounding_box(), first.bounding_box()
    screenshot(page, "events-phone-first-screen")
    assert header["height"] <= 64, f"the header takes {header['height']:.0f} px"
    assert card["y"] + card["height"] <= PHONE["height"], f"the first event starts {card['y']:.0f} px down"
    # The links are behind the Menu button, which opens them and closes when one is followed.
    menu = page.get_by_role("button", name="Menu")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    screenshot(page, "events-phone-menu")
    page.get_by_role("link", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
