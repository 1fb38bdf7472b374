"""A pass sold at a studio's desk: paid in cash or on the card terminal, good at once, with its payment (who took it,
how), an audit entry, a receipt and, for someone new, an account; only for the studio's own products and for the
roles whose table says desk.sales (SQLite and PostgreSQL)."""

import csv
import io
import zipfile

import sqlalchemy as sa
from invoice_checks import pdf_text

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Invoice, Pass, PassProduct, Payment

PACK = {"name": "10-class pack", "kind": "pack", "credits": 10, "valid_days": 90, "price": 400_000, "currency": "INR"}


def on_sale(app, studio_id: int, owner_id: int, **terms) -> int:
    """A product of the studio's on sale, written straight to the database."""
    with app.app_context(), unit_of_work():
        product = PassProduct(facilitator_id=owner_id, studio_id=studio_id, **{**PACK, **terms})
        db.session.add(product)
        db.session.flush()
        return product.id


def sell(client, slug: str, product_id: int, email: str = "walkin@example.com", method: str = "cash"):
    body = {"product_id": product_id, "name": "Walk In", "email": email, "method": method}
    return client.post(f"/api/studios/{slug}/desk/passes", json=body)


def test_the_front_desk_sells_a_pack_paid_in_cash_good_at_once(app, team, email_outbox, outbox):
    product = on_sale(app, team.id, team.accounts["owner"].id)
    sold = sell(team.clients["front_desk"], team.slug, product)
    assert sold.status_code == 201, sold.get_json()
    answer = sold.get_json()
    assert answer["new_account"] is True and answer["pass"]["status"] == "active"
    assert answer["pass"]["credits_left"] == 10
    assert answer["payment"] == {
        "amount": 400_000, "currency": "INR", "method": "cash", "taken_by": team.accounts["front_desk"].id
    }  # fmt: skip
    with app.app_context():
        payment = db.session.scalar(sa.select(Payment).where(Payment.pass_id == answer["pass"]["id"]))
        assert (payment.provider, payment.status, payment.method) == ("door", "succeeded", "cash")
        assert db.session.get(Pass, answer["pass"]["id"]).renews is False
        invoice = db.session.scalar(sa.select(Invoice).where(Invoice.payment_id == payment.id))
        assert (invoice.kind, invoice.total, invoice.buyer_email) == ("invoice", 400_000, "walkin@example.com")
    kinds = [m["type"] for m in email_outbox()]
    assert "account_made" in kinds and "pass_receipt" in kinds
    made = next(m for m in email_outbox() if m["type"] == "account_made")["payload"]["snapshot"]
    assert made["pass_name"] == "10-class pack" and "event" not in made
    assert "pass_purchased" in [m["type"] for m in outbox()]
    audit = team.clients["owner"].get(f"/api/studios/{team.slug}/audit?kind=pass.sold_at_desk").get_json()["items"]
    assert [(entry["actor_id"], entry["actor_role"], entry["after"]["method"]) for entry in audit] == [
        (team.accounts["front_desk"].id, "front_desk", "cash")
    ]


def test_desk_sales_stay_in_the_studio_and_in_the_roles_that_sell(
    app, team, make_team, make_user, assert_error, db_rows
):
    other = make_team("Other Studio")
    theirs = on_sale(app, other.id, other.accounts["owner"].id)
    retired = on_sale(app, team.id, team.accounts["owner"].id, status="retired")
    before = db_rows()
    assert_error(sell(team.clients["owner"], team.slug, theirs), 404, "pass_not_found")
    assert_error(sell(team.clients["front_desk"], team.slug, retired), 409, "pass_retired")
    assert_error(sell(team.clients["instructor"], team.slug, retired), 403, "forbidden")
    assert_error(sell(team.clients["front_desk"], team.slug, theirs, method="iou"), 400, "validation_error", "method")
    staff_email = make_user(name="A Facilitator", role="facilitator").email  # an account that can't attend
    product = on_sale(app, team.id, team.accounts["owner"].id, name="Staff pack")
    before = db_rows()
    assert_error(sell(team.clients["front_desk"], team.slug, product, email=staff_email), 409, "not_a_person")
    assert db_rows() == before


def test_a_pass_paid_by_upi_says_upi_at_the_desk_on_its_invoice_and_in_the_revenue_report(app, team):
    product = on_sale(app, team.id, team.accounts["owner"].id)
    sold = sell(team.clients["front_desk"], team.slug, product, method="upi")
    assert sold.status_code == 201, sold.get_json()
    assert sold.get_json()["payment"]["method"] == "upi"
    owner, base = team.clients["owner"], f"/api/studios/{team.slug}"
    [listed] = owner.get(f"{base}/invoices").get_json()["items"]
    assert (listed["pass_id"], listed["payment_method"]) == (sold.get_json()["pass"]["id"], "UPI")
    [row] = csv.DictReader(io.StringIO(owner.get(f"{base}/invoices.csv").get_data(as_text=True)))
    assert row["payment_method"] == "UPI"
    with zipfile.ZipFile(io.BytesIO(owner.get(f"{base}/invoices.zip").data)) as archive:
        assert "Payment method: UPI" in pdf_text(archive.read(f"{listed['number']}.pdf"))
    report = owner.get(f"{base}/reports/revenue").get_json()
    assert report["desk_methods"] == {
        "cash": {"gross": 0, "refunds": 0, "net": 0},
        "card_terminal": {"gross": 0, "refunds": 0, "net": 0},
        "upi": {"gross": 400_000, "refunds": 0, "net": 400_000},
    }
