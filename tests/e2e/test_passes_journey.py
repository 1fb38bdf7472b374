"""A facilitator's passes in real Chromium against the real services: priya puts a class pack on sale for one of her
classes, sees it listed with its terms, and the public list for that class shows it; retired, it leaves the sale."""

import re
import uuid

import pytest
import requests
from playwright.sync_api import expect
from test_facilitator_tools import log_in_as_priya

pytestmark = pytest.mark.e2e
EVENT = "Yin Yoga & Journaling"  # kavya's class: priya's passes never cover it


def test_priya_puts_a_pack_on_sale_for_one_class_and_retires_it(new_page, web_stack, screenshot):
    page = new_page(1280, 1100)
    log_in_as_priya(page)
    page.get_by_role("link", name="Passes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passes")
    name = f"5-class pack {uuid.uuid4().hex[:6]}"
    form = page.get_by_role("region", name="A new pass")
    form.get_by_label("Name", exact=True).fill(name)
    form.get_by_label("Classes").fill("5")
    form.get_by_label("Valid for (days)").fill("60")
    form.get_by_label("Price").fill("3500")
    form.get_by_role("checkbox", name="Morning Vinyasa Flow").check()
    form.get_by_role("button", name="Put it on sale").click()
    expect(page.get_by_text(f"{name} is on sale.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=name)
    expect(row).to_contain_text("5 classes, valid 60 days")
    expect(row).to_contain_text(re.compile("₹3,500"))
    expect(row).to_contain_text("Morning Vinyasa Flow")
    screenshot(page, "facilitator-passes", full_page=True)

    events = requests.get(f"{web_stack.main_url}/events", params={"per_page": 100}, timeout=10).json()["items"]
    ids = {event["title"]: event["id"] for event in events}

    def listed(title: str) -> list[str]:
        answer = requests.get(f"{web_stack.main_url}/passes", params={"event_id": ids[title]}, timeout=10)
        return [item["name"] for item in answer.json()["items"]]

    assert name in listed("Morning Vinyasa Flow") and name not in listed(EVENT)

    row.get_by_role("button", name=f"Retire {name}").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, retire it").click()
    expect(page.get_by_text(f"{name} is no longer on sale.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=name)).to_contain_text("Retired")
    assert name not in listed("Morning Vinyasa Flow")
