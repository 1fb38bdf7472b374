"""What the client sees after a refund: My bookings says what came back beside what was paid, the refund's email
carries its credit note, and a pass sold at the desk emails its invoice as an online purchase does."""

import email
from email import policy
from pathlib import Path

import pytest
from invoice_checks import book_and_pay, pdf_text
from sqlalchemy import select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import Event, PassProduct, Payment, Studio

pytestmark = pytest.mark.both_databases
PRICE = 59_000  # ₹590


def _sent(app) -> list:
    """The emails the email lane has sent so far, read back from their files."""
    with app.app_context():
        lane = build_dispatcher(app.config, channel="email")
        while lane.run_once():
            pass
        lane.close()
    folder = Path(app.config["MAIL_FOLDER"])
    return [email.message_from_bytes(path.read_bytes(), policy=policy.default) for path in folder.glob("*.eml")]


def _files(mail) -> dict:
    return {part.get_filename(): part for part in mail.iter_attachments()}


def _studio(app, session) -> tuple[int, str]:
    with app.app_context():
        studio_id = db.session.scalar(select(Event.studio_id).where(Event.id == session.event_id))
        return studio_id, db.session.get(Studio, studio_id).slug


def test_a_partial_refund_shows_beside_the_payment_and_its_email_carries_the_credit_note(
    app, client, user_client, priya, priya_client, make_session, payments_lane
):
    session = make_session(price=PRICE, currency="INR", facilitator_id=priya.id)
    _id, slug = _studio(app, session)
    booking = book_and_pay(client, user_client, session.id)
    with app.app_context():
        payment_id = db.session.scalar(select(Payment.id).where(Payment.booking_id == booking["id"]))
    asked = priya_client.post(
        f"/api/studios/{slug}/payments/{payment_id}/refunds", json={"amount": 29_500, "reason": "Half the class"}
    )
    assert asked.status_code == 201, asked.get_json()
    payments_lane()
    [shown] = user_client.get("/bookings").get_json()["items"]
    assert (shown["payment"]["amount"], shown["payment"]["staff_refunded"], shown["amount_paid"]) == (
        PRICE,
        29_500,
        29_500,
    )
    assert user_client.get(f"/bookings/{booking['id']}").get_json()["payment"]["staff_refunded"] == 29_500
    [note] = [item for item in user_client.get("/me/invoices").get_json()["items"] if item["kind"] == "credit_note"]
    [mail] = [mail for mail in _sent(app) if mail["Subject"].startswith("Refund")]
    files = _files(mail)
    assert set(files) == {f"{note['number']}.pdf"}
    assert note["number"] in pdf_text(files[f"{note['number']}.pdf"].get_content())


def test_a_pass_sold_at_the_desk_emails_its_invoice(app, priya, priya_client, make_session):
    session = make_session(price=PRICE, currency="INR", facilitator_id=priya.id)
    studio_id, slug = _studio(app, session)
    with app.app_context(), unit_of_work():
        product = PassProduct(
            facilitator_id=priya.id, studio_id=studio_id, name="5-class pack", kind="pack", credits=5,
            valid_days=90, price=250_000, currency="INR",
        )  # fmt: skip
        db.session.add(product)
        db.session.flush()
        product_id = product.id
    body = {"product_id": product_id, "name": "Nisha Rao", "email": "nisha@example.com", "method": "upi"}
    sold = priya_client.post(f"/api/studios/{slug}/desk/passes", json=body)
    assert sold.status_code == 201, sold.get_json()
    [invoice] = priya_client.get(f"/api/studios/{slug}/invoices").get_json()["items"]
    [receipt] = [mail for mail in _sent(app) if mail["Subject"].startswith("Your pass")]
    files = _files(receipt)
    assert set(files) == {f"{invoice['number']}.pdf"}
    text = pdf_text(files[f"{invoice['number']}.pdf"].get_content())
    assert invoice["number"] in text and "Payment method: UPI" in text
    assert "Paid by: UPI, at the studio" in receipt.get_body(("plain",)).get_content()
