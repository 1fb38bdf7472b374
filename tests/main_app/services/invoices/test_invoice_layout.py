"""What an accountant reads on a document: the unit price beside its taxable value, the total in words, a line
saying no signature is needed, and a description printed whole however long."""

from datetime import timedelta

import pytest
from invoice_checks import GST_SETTINGS, PRICE, book_and_pay, pdf_text

from main_app.services.invoices.words import amount_in_words


def _pdf(person) -> str:
    [mine, *_] = person.get("/me/invoices").get_json()["items"]
    return pdf_text(person.get(f"/me/invoices/{mine['id']}.pdf").data)


def test_prices_without_tax_show_the_taxable_unit_price(client, user_client, shop, make_session, priya):
    exclusive = GST_SETTINGS | {"prices_include_tax": False}
    assert shop.owner.put(f"{shop.base}/invoicing", json=exclusive).status_code == 200
    session = make_session(starts_in=timedelta(days=2), price=100_000, currency="INR", facilitator_id=priya.id)
    book_and_pay(client, user_client, session.id)
    text = _pdf(user_client)
    assert "Unit price" in text and "1 ₹1,000 ₹1,000 18% ₹180 ₹1,180" in text, text  # was "1 ₹1,180 ₹1,000"


def test_prices_with_tax_show_the_unit_price_with_tax_under_that_heading(client, user_client, shop):
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    book_and_pay(client, user_client, shop.session.id)
    text = _pdf(user_client)
    assert "Unit incl. tax" in text and "1 ₹1,180 ₹1,000 18% ₹180 ₹1,180" in text, text


def test_a_document_gives_its_total_in_words_and_needs_no_signature(client, user_client, shop, payments_lane):
    booking = book_and_pay(client, user_client, shop.session.id)
    text = _pdf(user_client)
    assert "Amount in words: Rupees One Thousand One Hundred Eighty Only" in text, text
    assert "This is a computer-generated invoice: no signature is required." in text, text
    user_client.post(f"/bookings/{booking['id']}/cancel", json={})
    payments_lane()
    text = _pdf(user_client)
    assert "CREDIT NOTE" in text and "This is a computer-generated credit note" in text, text


@pytest.mark.parametrize(
    ("minor", "currency", "words"),
    [
        (5_310_000, "INR", "Rupees Fifty-Three Thousand One Hundred Only"),
        (PRICE + 50, "INR", "Rupees One Thousand One Hundred Eighty and Fifty Paise Only"),
        (1_234_567_800, "INR", "Rupees One Crore Twenty-Three Lakh Forty-Five Thousand Six Hundred Seventy-Eight Only"),
        (123_456_789, "EUR", "Euros One Million Two Hundred Thirty-Four Thousand Five Hundred Sixty-Seven and "
         "Eighty-Nine Cents Only"),
        (0, "INR", "Rupees Zero Only"),
        (7, "INR", "Seven Paise Only"),
        (2_500, "JPY", "JPY Two Thousand Five Hundred Only"),
    ],
)  # fmt: skip
def test_amounts_in_words_count_rupees_in_lakhs_and_crores(minor, currency, words):
    assert amount_in_words(minor, currency) == words


def test_a_long_description_is_wrapped_within_its_column_not_cut(
    client, user_client, shop, make_session, priya, payments_lane
):
    title = "Sunday Long Practice with Breathwork, Restorative Postures and a Closing Sound Bath Circle"
    session = make_session(
        title=title, starts_in=timedelta(days=2), price=PRICE, currency="INR", facilitator_id=priya.id
    )
    booking = book_and_pay(client, user_client, session.id)
    user_client.post(f"/bookings/{booking['id']}/cancel", json={})
    payments_lane()
    note, invoice = user_client.get("/me/invoices").get_json()["items"]
    for document, start in ((invoice, "Sunday Long"), (note, "Refund: Sunday Long")):
        text = " ".join(pdf_text(user_client.get(f"/me/invoices/{document['id']}.pdf").data).split())
        assert start in text and "Closing Sound Bath Circle" in text, text  # cut at 48 characters before


def test_the_studio_downloads_one_documents_pdf(client, user_client, shop, make_user, client_for):
    book_and_pay(client, user_client, shop.session.id)
    [listed] = shop.owner.get(f"{shop.base}/invoices").get_json()["items"]
    answer = shop.owner.get(f"{shop.base}/invoices/{listed['id']}.pdf")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf", answer.get_json()
    assert "INV-000001.pdf" in answer.headers["Content-Disposition"] and "INV-000001" in pdf_text(answer.data)
    other = client_for(make_user(role="facilitator", name="Other Studio Owner"))
    assert other.get(f"{shop.base}/invoices/{listed['id']}.pdf").status_code == 404  # not a member of it
    missing = shop.owner.get(f"{shop.base}/invoices/999999.pdf")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "invoice_not_found"
