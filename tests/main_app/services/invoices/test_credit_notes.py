"""Credit notes' tax: the notes of one invoice give back, together, exactly the tax and each GST head it charged,
never a paisa more, however its refunds cut it."""

import pytest
from invoice_checks import GST_SETTINGS, PRICE, book_and_pay
from racing import race
from sqlalchemy import select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Invoice, Payment
from main_app.services.invoices import REFUND_BY_STAFF, issue_credit_note

pytestmark = pytest.mark.both_databases


def _refund(shop, payment_id: int, amount: int) -> None:
    asked = shop.owner.post(f"{shop.base}/payments/{payment_id}/refunds", json={"amount": amount, "reason": "Part"})
    assert asked.status_code == 201, asked.get_json()


def test_the_last_credit_note_gives_back_exactly_the_tax_and_heads_left(app, client, user_client, shop, payments_lane):
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    book_and_pay(client, user_client, shop.session.id)
    [invoice] = user_client.get("/me/invoices").get_json()["items"]
    # ₹0.17 each: 17 / 1.18 = 14.4, so each note alone rounds its tax up to 3 paise (of 2.59 charged).
    for amount in (17, 17, PRICE - 34):
        _refund(shop, invoice["payment_id"], amount)
        payments_lane()
    notes = [item for item in user_client.get("/me/invoices").get_json()["items"] if item["kind"] == "credit_note"]
    assert sorted(note["total"] for note in notes) == [17, 17, PRICE - 34]
    assert sum(note["tax"] for note in notes) == invoice["tax"] == 18_000
    assert sum(note["taxable"] for note in notes) == invoice["taxable"] == 100_000
    with app.app_context():
        rows = db.session.scalars(select(Invoice).where(Invoice.kind == "credit_note", Invoice.studio_id == shop.id))
        given = [head for row in rows for head in row.tax["parts"]]
    heads = {name: sum(head["amount"] for head in given if head["name"] == name) for name in ("CGST", "SGST")}
    assert heads == {"CGST": 9_000, "SGST": 9_000}, given  # read from the documents, in paise


def test_partial_credit_notes_give_back_the_invoices_tax_in_proportion_without_drift(
    app, client, user_client, shop, payments_lane
):
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    book_and_pay(client, user_client, shop.session.id)
    [invoice] = user_client.get("/me/invoices").get_json()["items"]
    for _ in range(6):  # alone, each ₹0.17 rounds its tax up to 3 paise
        _refund(shop, invoice["payment_id"], 17)
        payments_lane()
    notes = [item for item in user_client.get("/me/invoices").get_json()["items"] if item["kind"] == "credit_note"]
    assert len(notes) == 6 and all(note["tax"] + note["taxable"] == 17 for note in notes)
    assert sum(note["tax"] for note in notes) == 16  # 102 of 118,000 of its 18,000 is 15.56


def test_credit_notes_issued_at_once_give_back_exactly_the_invoices_tax(app, client, user_client, shop):
    """Each note reads what the invoice's notes gave back after taking the studio's counter row: at once, they still
    see each other's."""
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    book_and_pay(client, user_client, shop.session.id)
    [invoice] = user_client.get("/me/invoices").get_json()["items"]
    amounts = [17] * 6 + [PRICE - 17 * 6]

    def credit(ref: int, amount: int):
        def call():
            with app.app_context(), unit_of_work():
                issue_credit_note(db.session.get(Payment, invoice["payment_id"]), amount, REFUND_BY_STAFF, ref)

        return call

    race([credit(900_000 + n, amount) for n, amount in enumerate(amounts)])
    with app.app_context():
        notes = db.session.scalars(select(Invoice).where(Invoice.kind == "credit_note", Invoice.studio_id == shop.id))
        notes = notes.all()
        assert sorted(note.total for note in notes) == sorted(amounts)
        assert sum(note.tax_amount for note in notes) == 18_000 and sum(note.taxable for note in notes) == 100_000
        heads = [head for note in notes for head in note.tax["parts"]]
        assert {name: sum(h["amount"] for h in heads if h["name"] == name) for name in ("CGST", "SGST")} == {
            "CGST": 9_000,
            "SGST": 9_000,
        }
