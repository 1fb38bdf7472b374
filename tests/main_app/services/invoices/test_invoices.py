"""Invoices and credit notes as a person and a studio meet them: one for each payment and each processed refund,
numbered per studio and kind without a gap, carrying the seller's tax details as they were, readable back as PDF,
listed, exported, and nobody else's."""

import io
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from fpdf import FPDF
from invoice_checks import GST_SETTINGS, PRICE, book_and_pay, pdf_text
from pypdf import PdfReader

from main_app.services.invoices import pdf

pytestmark = pytest.mark.both_databases

ROOT = Path(__file__).resolve().parents[4]


def test_a_studio_without_tax_settings_issues_a_plain_invoice(app, client, user_client, shop, documents):
    booking = book_and_pay(client, user_client, shop.session.id)
    [mine] = user_client.get("/me/invoices").get_json()["items"]
    assert (mine["kind"], mine["number"], mine["total"], mine["tax"]) == ("invoice", "INV-000001", PRICE, 0)
    assert (mine["booking_id"], mine["pass_id"]) == (booking["id"], None)
    text = pdf_text(user_client.get(f"/me/invoices/{mine['id']}.pdf").data)
    assert "INVOICE" in text and "TAX INVOICE" not in text and "INV-000001" in text
    assert "No tax is charged on this supply." in text and "₹1,180" in text and "no signature is required" in text


def test_a_gst_invoice_splits_cgst_and_sgst_and_shows_what_rule_46_asks(app, client, user_client, shop):
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    book_and_pay(client, user_client, shop.session.id)
    [mine] = user_client.get("/me/invoices").get_json()["items"]
    assert (mine["taxable"], mine["tax"], mine["total"]) == (100_000, 18_000, PRICE)
    answer = user_client.get(f"/me/invoices/{mine['id']}.pdf")
    assert answer.mimetype == "application/pdf" and "INV-000001.pdf" in answer.headers["Content-Disposition"]
    text = pdf_text(answer.data)
    for field in (
        "TAX INVOICE", "Lotus Yoga Private Limited", "12 MG Road", "GSTIN: 29AAGCB7383J1Z4", "INV-000001",
        "Date of issue", "Place of supply:", "Karnataka (29)", "999723", "₹1,000", "CGST at 9%", "SGST at 9%",
        "₹90", "₹1,180", "Reverse charge:", "no signature is required", "Billed to",
    ):  # fmt: skip
        assert field in text, field


def test_a_vat_invoice_names_the_vat_number_rate_and_amount(app, client, user_client, shop):
    settings = {"legal_name": "Yoga Haus GmbH", "country": "DE", "tax_id": "DE123456789", "tax_name": "VAT"}
    assert shop.owner.put(f"{shop.base}/invoicing", json=settings | {"tax_rate": 1900}).status_code == 200
    book_and_pay(client, user_client, shop.session.id)
    [mine] = user_client.get("/me/invoices").get_json()["items"]
    assert (mine["taxable"], mine["tax"]) == (99_160, 18_840)  # 118,000 / 1.19 = 99,159.66 → 99,160
    text = pdf_text(user_client.get(f"/me/invoices/{mine['id']}.pdf").data)
    for field in ("VAT number: DE123456789", "VAT at 19%", "Date of supply", "Yoga Haus GmbH", "Reverse charge:"):
        assert field in text, field


def test_numbers_run_on_per_studio_and_kind_and_refunds_get_credit_notes(
    app, client, make_user, client_for, shop, documents, payments_lane
):
    people = [client_for(make_user(name=f"Payer {n}")) for n in range(3)]
    paid = [book_and_pay(client, person, shop.session.id) for person in people]
    people[0].post(f"/bookings/{paid[0]['id']}/cancel", json={})
    payments_lane()
    assert documents(shop.id) == [
        ("invoice", 1, PRICE), ("invoice", 2, PRICE), ("invoice", 3, PRICE), ("credit_note", 1, PRICE),
    ]  # fmt: skip
    [note, invoice] = people[0].get("/me/invoices").get_json()["items"]
    assert (note["kind"], note["number"], note["credits_id"]) == ("credit_note", "CN-000001", invoice["id"])
    text = pdf_text(people[0].get(f"/me/invoices/{note['id']}.pdf").data)
    assert "CREDIT NOTE" in text and "Against invoice" in text and "INV-000001" in text and "Refund:" in text


def test_a_partial_staff_refund_gets_a_credit_note_for_what_went_back(
    app, client, user_client, shop, documents, payments_lane
):
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    book_and_pay(client, user_client, shop.session.id)
    payment_id = user_client.get("/me/invoices").get_json()["items"][0]["payment_id"]
    asked = shop.owner.post(f"{shop.base}/payments/{payment_id}/refunds", json={"amount": 11_800, "reason": "Late"})
    assert asked.status_code == 201, asked.get_json()
    payments_lane()
    assert documents(shop.id) == [("invoice", 1, PRICE), ("credit_note", 1, 11_800)]
    [note, _] = user_client.get("/me/invoices").get_json()["items"]
    assert (note["taxable"], note["tax"]) == (10_000, 1_800)


def test_nobody_else_gets_a_persons_invoice(app, client, user_client, make_user, client_for, shop):
    book_and_pay(client, user_client, shop.session.id)
    [mine] = user_client.get("/me/invoices").get_json()["items"]
    other = client_for(make_user(name="Someone Else"))
    answer = other.get(f"/me/invoices/{mine['id']}.pdf")
    assert answer.status_code == 404 and answer.get_json()["error"]["code"] == "invoice_not_found"
    assert other.get("/me/invoices").get_json()["items"] == []
    assert user_client.get("/me/invoices/999999.pdf").status_code == 404


def test_the_studio_lists_and_exports_its_documents(app, client, user_client, shop, payments_lane):
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    booking = book_and_pay(client, user_client, shop.session.id)
    user_client.post(f"/bookings/{booking['id']}/cancel", json={})
    payments_lane()
    listed = shop.owner.get(f"{shop.base}/invoices?kind=invoice").get_json()
    assert [item["number"] for item in listed["items"]] == ["INV-000001"] and listed["total"] == 1
    csv_text = shop.owner.get(f"{shop.base}/invoices.csv").get_data(as_text=True)
    header, first, second = csv_text.splitlines()
    assert header.startswith("number,kind,issued_at (UTC),credits,") and ",cgst,sgst,igst,vat," in header
    assert first.startswith("INV-000001,invoice,") and ",90.00,90.00,0.00,0.00,180.00,1180.00," in first
    assert second.startswith("CN-000001,credit_note,") and ",INV-000001," in second
    archive = zipfile.ZipFile(io.BytesIO(shop.owner.get(f"{shop.base}/invoices.zip").data))
    assert sorted(archive.namelist()) == ["CN-000001.pdf", "INV-000001.pdf", "invoices.csv"]
    assert archive.read("invoices.csv").decode() == csv_text
    assert "INV-000001" in pdf_text(archive.read("INV-000001.pdf"))


def test_a_pdf_prints_any_name_in_euros_and_is_the_same_bytes_each_time(
    app, client, make_user, client_for, make_session, priya
):
    session = make_session(starts_in=timedelta(days=3), price=2_500, currency="EUR", facilitator_id=priya.id)
    person = client_for(make_user(name="Zoë Łukasz-Ñandú Σοφία"))
    book_and_pay(client, person, session.id)
    [mine] = person.get("/me/invoices").get_json()["items"]
    first, second = (person.get(f"/me/invoices/{mine['id']}.pdf").data for _ in range(2))
    assert first == second
    text = pdf_text(first)
    assert "Zoë Łukasz-Ñandú Σοφία" in text and "€25" in text


def _fonts(data: bytes) -> set[str]:
    """The base names of the fonts a PDF embeds (without their subset tag)."""
    reader = PdfReader(io.BytesIO(data))
    found = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            found.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return found


def test_names_in_indias_scripts_print_in_their_noto_font(app, client, make_user, client_for, shop, make_session):
    person = client_for(make_user(name="प्रिया शर्मा", email="priya.hindi@example.com"))
    tamil = make_session(title="யோகா வகுப்பு", price=50_000, facilitator_id=shop.session.facilitator_id)
    book_and_pay(client, person, tamil.id)
    [mine] = person.get("/me/invoices").get_json()["items"]
    data = person.get(f"/me/invoices/{mine['id']}.pdf").data
    text = pdf_text(data)
    assert "शर्मा" in text and "வகுப்பு" in text, text  # as read back: shaped glyphs map to their letters
    # What follows a line in a script prints in its own font (fpdf2's fallback once left it garbled).
    assert "priya.hindi@example.com" in text and "Description SAC Qty" in text and "Total ₹500" in text, text
    assert {"NotoSansDevanagari", "NotoSansTamil"} <= {name.split("-")[0] for name in _fonts(data)}, _fonts(data)


def test_a_latin_document_embeds_dejavu_alone_from_its_latin_cut(app, client, user_client, shop, monkeypatch):
    book_and_pay(client, user_client, shop.session.id)
    [mine] = user_client.get("/me/invoices").get_json()["items"]
    parsed = []
    spy = lambda self, family, style, path: parsed.append(path) or FPDF.add_font(self, family, style, path)  # noqa: E731
    monkeypatch.setattr(pdf.InvoicePDF, "add_font", spy)
    data = user_client.get(f"/me/invoices/{mine['id']}.pdf").data
    fonts = _fonts(data)
    assert fonts and all(name.startswith("DejaVu") for name in fonts), fonts
    assert parsed == [str(pdf.LATIN / "DejaVuSans.ttf"), str(pdf.LATIN / "DejaVuSans-Bold.ttf")], parsed
    assert "Total ₹1,180" in pdf_text(data)


def test_a_name_beyond_the_latin_cut_is_drawn_again_in_the_whole_fonts(app, client, make_user, client_for, shop):
    """The cut is checked cell by cell as it is drawn: nothing a document prints can miss its glyph."""
    person = client_for(make_user(name="Алёна Ω"))
    book_and_pay(client, person, shop.session.id)
    [mine] = person.get("/me/invoices").get_json()["items"]
    text = pdf_text(person.get(f"/me/invoices/{mine['id']}.pdf").data)
    assert "Алёна Ω" in text and "Total ₹1,180" in text, text


def test_the_latin_cut_holds_what_latin_cut_names_of_dejavu():
    """The cut as shipped is what regenerating it from LATIN_CUT (docs/payments.md) makes, in both weights."""
    named = set()
    for part in pdf.LATIN_CUT.split(","):
        first, _, last = part.removeprefix("U+").partition("-")
        named.update(range(int(first, 16), int(last or first, 16) + 1))
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        with TTFont(pdf.FONTS / name, lazy=True) as whole, TTFont(pdf.LATIN / name, lazy=True) as cut:
            assert set(cut.getBestCmap()) == named & set(whole.getBestCmap()), name
    assert pdf.latin_characters() == set(TTFont(pdf.LATIN / "DejaVuSans-Bold.ttf").getBestCmap())


def test_loading_the_app_leaves_the_pdf_libraries_to_the_first_pdf():
    """fpdf2 and fontTools cost 0.3 s of CPU on import: every process that loads the app (each service, each CLI
    command) would pay it, where only the invoice routes and the email lane draw a PDF."""
    probe = "import sys, main_app; main_app.create_app(); print(sorted({'fpdf', 'fontTools'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"
