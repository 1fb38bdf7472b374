"""Instructor pay: rates set by the studio's owners (flat, per head within a minimum and maximum, a share of the
class's net revenue), a pay period's lines worked out by hand, and an instructor seeing only their own."""

import csv
import io
from datetime import timedelta

import pytest
from invoice_checks import GST_SETTINGS, PRICE, book_and_pay
from sqlalchemy import select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import AuditEntry, EventSession, utcnow
from main_app.services.reports import earned

pytestmark = pytest.mark.both_databases

PACK = {"name": "5 Class Pack", "kind": "pack", "credits": 5, "valid_days": 60, "price": 5 * PRICE}
TAXABLE = 100_000  # PRICE less its 18 % GST


def _teach(app, session_id: int, instructor_id: int) -> None:
    with app.app_context(), unit_of_work():
        db.session.get(EventSession, session_id).instructor_id = instructor_id


def _buy_pack(client, shop, person) -> int:
    product = shop.owner.post(f"{shop.base}/passes", json=PACK).get_json()
    bought = person.post(f"/passes/{product['id']}/buy", json={}).get_json()
    reference = bought["checkout_url"].rsplit("/", 1)[1]
    assert client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"}).status_code == 303
    return person.get("/me/passes").get_json()["items"][0]["id"]


def _term(app, client, make_session, make_user, client_for, priya, shop, held_at, mark, add_member, payments_lane):
    """A week of classes, as the test's docstring works them out; returns (ravi, his client, payer ids)."""
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    payers = [client_for(make_user(name=f"Payer {n}")) for n in range(3)]
    paid = [book_and_pay(client, person, shop.session.id) for person in payers]
    assert payers[0].post(f"/bookings/{paid[0]['id']}/cancel", json={}).status_code == 200  # refunded in full
    payments_lane()
    desk = {"session_id": shop.session.id, "email": "walkin@example.com", "use": "door", "method": "cash"}
    assert shop.owner.post(f"{shop.base}/desk/bookings", json=desk).status_code == 201
    ravi = make_user(name="Ravi Iyer")
    add_member(shop.id, ravi, "instructor")
    pack_class = make_session(capacity=5, starts_in=timedelta(days=2), price=PRICE, facilitator_id=priya.id)
    pass_id = _buy_pack(client, shop, payers[1])
    booked = payers[1].post("/book", json={"session_id": pack_class.id, "pass_id": pass_id})
    assert booked.status_code == 201
    _teach(app, pack_class.id, ravi.id)
    empty = make_session(capacity=5, starts_in=timedelta(days=2), facilitator_id=priya.id, title="Empty")
    now = utcnow().replace(microsecond=0)
    held_at(shop.session.id, now - timedelta(days=3))
    held_at(pack_class.id, now - timedelta(days=2))
    held_at(empty.id, now - timedelta(days=1))
    mark(paid[2]["id"], "no_show")
    make_session(capacity=5, starts_in=timedelta(hours=2), facilitator_id=priya.id, title="Later")  # not yet taught
    return ravi, client_for(ravi)


def test_pay_worked_by_hand(
    app, client, make_session, make_user, client_for, priya, shop, held_at, mark, add_member, payments_lane
):
    """priya's paid class: payers 1 and 2 and a desk sale (₹1,180 each, ₹1,000 before GST), payer 0 paid and was
    refunded, payer 2 did not come: 2 heads, net ₹3,000. Ravi's class: one seat on a 5-class pack bought for
    5 x ₹1,180: ₹1,000 of credit. An empty class of priya's. priya is paid ₹300 a head, at least ₹500, at most ₹800;
    Ravi 40 % of the net."""
    ravi, _ = _term(
        app, client, make_session, make_user, client_for, priya, shop, held_at, mark, add_member, payments_lane
    )
    per_head = {"kind": "per_head", "amount": 30_000, "minimum": 50_000, "maximum": 80_000}
    assert shop.owner.put(f"{shop.base}/instructor-rates/{priya.id}", json=per_head).status_code == 200
    share = shop.owner.put(f"{shop.base}/instructor-rates/{ravi.id}", json={"kind": "share", "share_percent": 40})
    assert share.status_code == 200 and share.get_json()["rate"]["share_percent"] == 40

    report = shop.owner.get(f"{shop.base}/reports/pay").get_json()
    lines = [(line["instructor"], line["heads"], line["net_revenue"], line["pay"]) for line in report["lines"]]
    assert lines == [
        ("Dr. Priya Sharma", 2, 3 * TAXABLE, 60_000),  # 2 x ₹300, inside ₹500 to ₹800
        ("Ravi Iyer", 1, TAXABLE, 40_000),  # 40 % of ₹1,000
        ("Dr. Priya Sharma", 0, 0, 50_000),  # the minimum
    ]
    people = {row["name"]: (row["classes"], row["heads"], row["pay"]) for row in report["instructors"]}
    assert people == {"Dr. Priya Sharma": (2, 2, 110_000), "Ravi Iyer": (1, 1, 40_000)}
    assert report["total_pay"] == 150_000 and report["currency"] == "INR"
    answer = shop.owner.get(f"{shop.base}/reports/pay?format=csv")
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    assert [row["pay"] for row in rows] == ["600.00", "400.00", "500.00"] and answer.mimetype == "text/csv"
    assert {row["currency"] for row in rows} == {"INR"} and any(name.startswith("time (") for name in rows[0])
    # A page of the classes: the totals still cover the span.
    paged = shop.owner.get(f"{shop.base}/reports/pay?per_page=1&page=2").get_json()
    assert (paged["lines_total"], paged["page"], paged["per_page"]) == (3, 2, 1)
    assert [(line["instructor"], line["pay"]) for line in paged["lines"]] == [("Ravi Iyer", 40_000)]
    assert paged["instructors"] == report["instructors"] and paged["total_pay"] == 150_000
    assert shop.owner.get(f"{shop.base}/reports/pay?page=4").get_json()["lines"] == []
    for query in ("per_page=501", "per_page=0", "page=0"):
        assert shop.owner.get(f"{shop.base}/reports/pay?{query}").status_code == 400, query


def test_an_instructor_sees_only_their_own_pay(
    app, client, make_session, make_user, client_for, priya, shop, held_at, mark, add_member, payments_lane
):
    ravi, ravi_client = _term(
        app, client, make_session, make_user, client_for, priya, shop, held_at, mark, add_member, payments_lane
    )
    shop.owner.put(f"{shop.base}/instructor-rates/{ravi.id}", json={"kind": "flat", "amount": 150_000})
    assert shop.owner.get(f"{shop.base}/reports/pay?instructor={ravi.id}").get_json()["total_pay"] == 150_000
    for query in ("", f"?instructor={priya.id}"):
        mine = ravi_client.get(f"{shop.base}/reports/pay{query}").get_json()
        assert {line["instructor_id"] for line in mine["lines"]} == {ravi.id} and mine["total_pay"] == 150_000
    assert ravi_client.get(f"{shop.base}/reports/revenue").status_code == 403
    assert (
        ravi_client.put(f"{shop.base}/instructor-rates/{ravi.id}", json={"kind": "flat", "amount": 1}).status_code
        == 403
    )
    only_priya = shop.owner.get(f"{shop.base}/reports/pay?instructor={priya.id}").get_json()
    assert {line["instructor_id"] for line in only_priya["lines"]} == {priya.id}


def test_rates_are_checked_audited_and_removed(app, shop, make_user, add_member, priya):
    ravi = make_user(name="Ravi Iyer")
    add_member(shop.id, ravi, "instructor")
    desk = make_user(name="Desk")
    add_member(shop.id, desk, "front_desk")
    base = f"{shop.base}/instructor-rates"
    for bad in (
        {"kind": "flat"},
        {"kind": "flat", "amount": 100, "share_percent": 10},
        {"kind": "share", "share_percent": 101},
        {"kind": "per_head", "amount": 100, "minimum": 500, "maximum": 400},
        {"kind": "hourly", "amount": 100},
        {"kind": "flat", "amount": -1},
    ):
        answer = shop.owner.put(f"{base}/{ravi.id}", json=bad)
        assert answer.status_code == 400 and answer.get_json()["error"]["code"] == "validation_error", bad
    assert shop.owner.put(f"{base}/{desk.id}", json={"kind": "flat", "amount": 1}).status_code == 404
    assert shop.owner.put(f"{base}/{ravi.id}", json={"kind": "share", "share_percent": 37.5}).status_code == 200
    listed = {row["name"]: row["rate"] for row in shop.owner.get(base).get_json()["rates"]}
    assert listed["Ravi Iyer"]["share_percent"] == 37.5 and "Desk" not in listed and listed["Dr. Priya Sharma"] is None
    assert shop.owner.delete(f"{base}/{ravi.id}").status_code == 204
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.studio_id == shop.id)).all()
    assert actions[-2:] == ["pay_rate.set", "pay_rate.removed"]


def test_earned_at_each_kind_of_rate():
    flat = {"kind": "flat", "amount": 150_000}
    per_head = {"kind": "per_head", "amount": 20_000, "minimum": 50_000, "maximum": 100_000}
    share = {"kind": "share", "share_percent": 33.33}
    assert earned(flat, 0, 0) == 150_000 and earned(None, 9, 9) == 0
    assert [earned(per_head, heads, 0) for heads in (0, 3, 4, 9)] == [50_000, 60_000, 80_000, 100_000]
    assert earned(share, 0, 100_001) == 33_330 and earned(share, 0, -500) == 0  # rounded down; no negative pay
