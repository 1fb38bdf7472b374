"""The receipt email carries the invoice's PDF, read when the email is sent; a free booking's carries none."""

import email
from datetime import timedelta
from email import policy
from pathlib import Path

import pytest
from invoice_checks import book_and_pay, pdf_text

from main_app.lanes import build_dispatcher

pytestmark = pytest.mark.both_databases


def _sent(app) -> list:
    with app.app_context():
        lane = build_dispatcher(app.config, channel="email")
        while lane.run_once():
            pass
        lane.close()
    folder = Path(app.config["MAIL_FOLDER"])
    return [email.message_from_bytes(path.read_bytes(), policy=policy.default) for path in folder.glob("*.eml")]


def _files(mail) -> dict:
    return {part.get_filename(): part for part in mail.iter_attachments()}


def test_the_booking_confirmation_carries_the_invoice_pdf(app, client, user_client, shop, make_session):
    book_and_pay(client, user_client, shop.session.id)
    free = make_session(starts_in=timedelta(days=2))
    assert user_client.post("/book", json={"session_id": free.id}).status_code == 201
    confirmations = [mail for mail in _sent(app) if mail["Subject"].startswith("Booked: ")]
    assert len(confirmations) == 2
    paid, unpaid = sorted(confirmations, key=lambda mail: "INV-000001.pdf" not in _files(mail))
    files = _files(paid)
    assert set(files) == {"booking.ics", "INV-000001.pdf"}
    assert files["INV-000001.pdf"].get_content_type() == "application/pdf"
    assert "INV-000001" in pdf_text(files["INV-000001.pdf"].get_content())
    assert set(_files(unpaid)) == {"booking.ics"}
