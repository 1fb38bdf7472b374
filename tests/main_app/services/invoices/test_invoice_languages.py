"""A document in its person's language: a buyer who chose Hindi gets a tax invoice whose every label is Hindi, drawn in
Devanagari (Noto Sans, shaped), its amounts grouped in lakhs (₹1,00,000) and its amount in words in English, the
same PDF whoever downloads it (the person, the studio); an English buyer's stays as it was."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from invoice_checks import GST_SETTINGS, book_and_pay, pdf_text

LAKH = 10_000_000  # ₹1,00,000.00, the most a session may cost
HOME = {"name": "Asha Rao", "address_lines": ["14 Koregaon Park"], "city": "Pune", "state_code": "27", "country": "IN"}
# Labels as pypdf reads them back: a shaped i-matra or reph (रि, र्) reads with a stray character beside it, so these
# have neither.
HINDI_LABELS = ("टैक्स इनवॉइस नंबर", "जारी करने की तारीख", "भुगतान का तरीका", "टैक्स योग्य मूल्य", "की दर से CGST")


@pytest.fixture
def hindi_invoice(app, client, make_user, client_for, shop, make_session):
    """A Hindi-speaking person's GST invoice for a ₹1,00,000 retreat: (the document's JSON, its PDF)."""
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    person = client_for(make_user(name="Asha Rao", email="asha.hindi@example.com"))
    assert person.patch("/auth/me", json={"language": "hi"}).status_code == 200
    assert person.put("/me/billing", json=HOME).status_code == 200  # asked above ₹50,000 (GST's B2C rule)
    retreat = make_session(
        starts_in=timedelta(days=9), price=LAKH, currency="INR", facilitator_id=shop.session.facilitator_id
    )
    book_and_pay(client, person, retreat.id)
    [mine] = person.get("/me/invoices").get_json()["items"]
    return mine, person.get(f"/me/invoices/{mine['id']}.pdf").data


def test_a_hindi_buyers_invoice_has_hindi_labels_and_lakh_grouping(hindi_invoice, shop):
    mine, data = hindi_invoice
    if os.environ.get("INVOICE_PDF_OUT"):  # a look at it: INVOICE_PDF_OUT=/tmp/invoice-hi.pdf
        Path(os.environ["INVOICE_PDF_OUT"]).write_bytes(data)
    text = pdf_text(data)
    for label in HINDI_LABELS:
        assert label in text, (label, text)
    assert "1,00,000" in text and "100,000" not in text, text
    assert "Rupees One Lakh Only" in text and "शब्दों में रा" in text, text  # the words' label in Hindi
    assert "Date of issue" not in text and "TAX INVOICE" not in text, text
    # The studio's copy is the same document: in its person's language, not its downloader's.
    assert shop.owner.get(f"{shop.base}/invoices/{mine['id']}.pdf").data == data


def test_an_english_buyers_invoice_stays_english(app, client, user_client, shop):
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    book_and_pay(client, user_client, shop.session.id)
    [mine] = user_client.get("/me/invoices").get_json()["items"]
    text = pdf_text(user_client.get(f"/me/invoices/{mine['id']}.pdf").data)
    assert "TAX INVOICE" in text and "Date of issue" in text and "CGST at 9%" in text, text
    assert "Amount in words: Rupees One Thousand One Hundred Eighty Only" in text, text
