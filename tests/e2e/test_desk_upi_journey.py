"""The desk sells a pass paid by UPI, in real Chromium against the real services: the sale says so, the studio's
Tax & invoices page lists its invoice as paid by UPI, and the invoice's PDF says "Payment method: UPI"."""

import io
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from test_journeys import register
from test_studio_desk_journey import Studio, staff_page
from test_studio_team_journey import make_studio

pytestmark = pytest.mark.e2e


def test_the_desk_sells_a_pass_by_upi_and_its_invoice_says_upi(new_page, web_stack):
    tag = uuid.uuid4().hex[:8]
    name, owner_email = f"Banyan Hall {tag}", f"meera-{tag}@example.com"
    owner = new_page(width=1280, height=1000)
    register(owner, "Meera Owner", owner_email)
    make_studio(owner, name)
    studio = Studio(web_stack, owner_email)
    product_id = studio.add_pass(f"Five classes {tag}")

    owner.goto("/facilitator/desk")
    owner.get_by_role("button", name="Start a sale").click()
    owner.get_by_label("Pass", exact=True).select_option(str(product_id))
    owner.get_by_label("Buyer's name").fill("Nisha Rao")
    owner.get_by_label("Buyer's email").fill(f"nisha-{tag}@example.com")
    owner.get_by_label("UPI").check()
    owner.get_by_role("button", name=re.compile("^Sell for")).click()
    expect(
        owner.get_by_text(re.compile(f"Five classes {tag} sold to Nisha Rao: good from now. Paid \\S+ by UPI\\."))
    ).to_be_visible()

    staff_page(owner, "Tax & invoices")
    row = owner.get_by_role("row").filter(has_text="Nisha Rao")
    expect(row.locator("[data-label='Paid by:']")).to_have_text("UPI")
    number = row.get_by_role("cell").first.inner_text()
    with owner.expect_download() as download:
        row.get_by_role("button", name=f"PDF of {number}").click()
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(Path(download.value.path()).read_bytes())).pages
    )
    assert number in text and "Payment method: UPI" in text
