"""The audit log of a studio's shop and money: making, changing and retiring pass products and discount codes, and
the refunds a cancellation sends, each write one entry in their own transaction (none when refused), through either
door (SQLite and PostgreSQL)."""

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import DiscountCode

PACK = {"name": "Audit pack", "kind": "pack", "credits": 5, "valid_days": 60, "price": 300_000}
PRICE = 80_000


def log(team, kind: str) -> list[dict]:
    answer = team.clients["owner"].get(f"/api/studios/{team.slug}/audit?kind={kind}&per_page=100")
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["items"]


def test_a_pass_products_making_changes_and_retirement_are_audited(team, assert_error):
    manager, base = team.clients["manager"], f"/api/studios/{team.slug}/passes"
    made = manager.post(base, json=PACK).get_json()
    [created] = log(team, "pass_product.created")
    assert (created["actor_id"], created["actor_role"]) == (team.accounts["manager"].id, "manager")
    assert (created["object_type"], created["object_id"], created["before"]) == ("pass_product", made["id"], None)
    assert created["after"]["price"] == 300_000 and created["after"]["credits"] == 5
    assert created["after"]["kind"] == "pack" and created["remote_addr"] == "127.0.0.1"
    assert manager.patch(f"{base}/{made['id']}", json={"price": 350_000, "name": "Audit pack"}).status_code == 200
    [changed] = log(team, "pass_product.changed")
    assert (changed["before"], changed["after"]) == ({"price": 300_000}, {"price": 350_000})
    assert team.clients["owner"].post(f"{base}/{made['id']}/retire").status_code == 200
    [retired] = log(team, "pass_product.retired")
    assert (retired["actor_role"], retired["before"], retired["after"]) == (
        "owner", {"status": "on_sale"}, {"status": "retired"}
    )  # fmt: skip
    assert_error(manager.patch(f"{base}/{made['id']}", json={"price": 1}), 409, "pass_retired")
    assert_error(manager.post(f"{base}/{made['id']}/retire"), 409, "pass_retired")
    assert len(log(team, "pass_product.changed")) == len(log(team, "pass_product.retired")) == 1


def test_discount_codes_made_and_retired_are_audited(team, assert_error):
    manager, base = team.clients["manager"], f"/api/studios/{team.slug}/codes"
    made = manager.post(base, json={"code": "Spring20", "percent_off": 20, "max_uses": 50}).get_json()
    assert_error(manager.post(base, json={"code": "SPRING20", "percent_off": 5}), 409, "code_exists")
    [created] = log(team, "discount_code.created")
    assert (created["object_type"], created["object_id"]) == ("discount_code", made["id"])
    after = created["after"]
    assert (after["code"], after["percent_off"], after["max_uses"]) == ("SPRING20", 20, 50)
    assert manager.post(f"{base}/{made['id']}/retire").status_code == 200
    assert_error(manager.post(f"{base}/{made['id']}/retire"), 409, "code_retired")
    [retired] = log(team, "discount_code.retired")
    assert (retired["actor_role"], retired["before"], retired["after"]) == (
        "manager", {"status": "active", "uses": 0}, {"status": "retired"}
    )  # fmt: skip


def test_a_facilitator_on_the_seed_routes_is_audited_in_their_studio(facilitator, facilitator_client):
    made = facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json=PACK)
    assert made.status_code == 201, made.get_json()
    studio = facilitator_client.get("/api/studios").get_json()["items"][0]
    entries = facilitator_client.get(f"/api/studios/{studio['slug']}/audit?kind=pass_product.created")
    [entry] = entries.get_json()["items"]
    assert (entry["actor_id"], entry["actor_role"], entry["object_id"]) == (
        facilitator.id, "facilitator", made.get_json()["id"]
    )  # fmt: skip


def test_the_refunds_of_a_cancelled_class_are_audited_one_a_booking(app, team, make_session, make_user, client_for):
    paid = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id, price=PRICE)
    payers = [client_for(make_user(name=f"Payer {n}")) for n in range(2)]
    booked = []
    for payer in payers:
        booking = payer.post("/bookings/book", json={"session_id": paid.id}).get_json()
        reference = booking["payment"]["checkout_url"].rsplit("/", 1)[1]
        app.test_client().post(f"/payments/test/checkout/{reference}", data={"action": "pay"})
        booked.append(booking["id"])
    free_rider = client_for(make_user(name="With nothing paid"))
    assert free_rider.post("/bookings/book", json={"session_id": paid.id}).status_code == 201  # held, unpaid
    cancel = team.clients["manager"].post(f"/api/studios/{team.slug}/sessions/{paid.id}/cancel", json={"reason": "Ill"})
    assert cancel.status_code == 200, cancel.get_json()
    refunds = log(team, "booking.refunded")
    assert sorted(entry["object_id"] for entry in refunds) == sorted(booked)
    for entry in refunds:
        assert entry["actor_role"] == "manager" and entry["after"] == {
            "session_id": paid.id, "amount": PRICE, "currency": "INR", "reason": "Ill"
        }  # fmt: skip
    assert len(log(team, "session.cancelled")) == 1


def test_a_live_codes_changes_are_audited_before_and_after(app, team, assert_error, db_rows):
    manager, base = team.clients["manager"], f"/api/studios/{team.slug}/codes"
    made = manager.post(base, json={"code": "Summer", "percent_off": 10, "max_uses": 5}).get_json()
    with app.app_context(), unit_of_work():  # three uses taken already
        db.session.get(DiscountCode, made["id"]).uses = 3
    ends = "2031-01-01T00:00:00+00:00"
    changed = manager.patch(f"{base}/{made['id']}", json={"max_uses": 3, "valid_until": ends, "active": False})
    assert changed.status_code == 200, changed.get_json()
    assert (changed.get_json()["max_uses"], changed.get_json()["status"]) == (3, "retired")
    [entry] = log(team, "discount_code.changed")
    assert (entry["actor_role"], entry["object_id"]) == ("manager", made["id"])
    assert entry["before"] == {"max_uses": 5, "valid_until": None, "status": "active"}
    assert entry["after"] == {"max_uses": 3, "valid_until": ends, "status": "retired"}
    before = db_rows()
    refused = assert_error(manager.patch(f"{base}/{made['id']}", json={"max_uses": 2}), 409, "max_uses_below_uses")
    assert refused["details"] == {"uses": 3}
    assert_error(manager.patch(f"{base}/{made['id']}", json={}), 400, "validation_error", "max_uses")
    assert db_rows() == before
    again = manager.patch(f"{base}/{made['id']}", json={"active": True, "max_uses": None}).get_json()
    assert (again["status"], again["max_uses"]) == ("active", None)
    assert len(log(team, "discount_code.changed")) == 2
