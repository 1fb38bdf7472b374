"""Discount codes: made and retired by facilitators, case-insensitive, quoted before paying, taken off a paid seat or a
pass in the transaction that uses them, given back when the hold ends unpaid, and never used beyond their limits even
in a rush."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import sqlalchemy as sa
from racing import race

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Booking, DiscountCode, OutboxMessage, Payment, utcnow

PRICE = 100_000
WORKERS = 12
PACK = {"name": "5-class pack", "kind": "pack", "credits": 5, "valid_days": 90, "price": 250_000}


@pytest.fixture
def make_code(facilitator_client, facilitator):
    def make(**terms) -> dict:
        made = facilitator_client.post(f"/api/facilitator/{facilitator.id}/codes", json={"code": "SPRING20", **terms})
        assert made.status_code == 201, made.get_json()
        return made.get_json()

    return make


@pytest.fixture
def paid(make_session, facilitator):
    return make_session(price=PRICE, capacity=300, starts_in=timedelta(days=3), facilitator_id=facilitator.id)


def uses_of(app, code_id: int) -> int:
    with app.app_context():
        return db.session.get(DiscountCode, code_id, populate_existing=True).uses


def book(client, session_id: int, code: str | None, **more):
    return client.post("/book", json={"session_id": session_id, "code": code, **more})


def test_a_code_is_made_listed_unique_whatever_its_case_and_retired(
    make_code, facilitator_client, facilitator, assert_error
):
    code = make_code(percent_off=20, max_uses=50)
    assert (code["code"], code["uses"], code["applies_to"], code["status"]) == ("SPRING20", 0, "both", "active")
    base = f"/api/facilitator/{facilitator.id}/codes"
    assert_error(facilitator_client.post(base, json={"code": "spring20", "percent_off": 5}), 409, "code_exists")
    assert_error(
        facilitator_client.post(base, json={"code": "X2Y", "percent_off": 5, "amount_off": 100}),
        400,
        "validation_error",
        "percent_off",
    )
    assert_error(
        facilitator_client.post(base, json={"code": "no spaces", "percent_off": 5}), 400, "validation_error", "code"
    )
    assert [c["id"] for c in facilitator_client.get(base).get_json()["items"]] == [code["id"]]
    assert facilitator_client.post(f"{base}/{code['id']}/retire").get_json()["status"] == "retired"
    assert_error(facilitator_client.post(f"{base}/{code['id']}/retire"), 409, "code_retired")


def test_a_code_takes_its_discount_off_the_checkout_and_is_quoted_first(app, make_code, paid, user_client, client):
    code = make_code(percent_off=20)
    quote = client.get("/codes/quote", query_string={"code": "spring20", "session_id": paid.id, "seats": 2})
    assert quote.get_json() == {
        "code": "SPRING20",
        "price": 2 * PRICE,
        "amount_off": 40_000,
        "amount_due": 160_000,
        "tax": 0,
        "total_due": 160_000,
        "reverse_charge": False,
        "currency": "INR",
    }
    booked = book(user_client, paid.id, "Spring20", seats=2).get_json()
    assert booked["status"] == "pending_payment" and booked["payment"]["amount"] == 160_000
    assert uses_of(app, code["id"]) == 1


def test_an_amount_off_never_goes_below_nothing_and_a_full_discount_books_without_a_checkout(
    app, make_code, paid, user_client
):
    code = make_code(amount_off=5 * PRICE, currency="INR")
    booked = book(user_client, paid.id, "SPRING20").get_json()
    assert (booked["status"], booked["payment"]) == ("active", None)
    assert uses_of(app, code["id"]) == 1


@pytest.mark.parametrize(
    ("terms", "why"),
    [
        ({"valid_until": (utcnow() - timedelta(days=1)).isoformat()}, "has expired"),
        ({"valid_from": (utcnow() + timedelta(days=1)).isoformat()}, "is not valid yet"),
        ({"applies_to": "passes"}, "is not for bookings"),
    ],
)
def test_a_code_that_cant_be_used_here_is_a_400_naming_it(
    make_code, paid, user_client, db_rows, assert_error, terms, why
):
    make_code(percent_off=10, **terms)
    before = db_rows()
    error = assert_error(book(user_client, paid.id, "spring20"), 400, "validation_error", "code")
    assert "'spring20'" in error["message"] and why in error["message"]
    error = assert_error(book(user_client, paid.id, "NOPE"), 400, "validation_error", "code")
    assert "does not exist" in error["message"]
    assert db_rows() == before


def test_a_code_for_some_events_is_refused_on_others(make_code, make_event, user_client, assert_error):
    yin, flow = make_event(title="Yin", price=PRICE), make_event(title="Flow", price=PRICE)
    make_code(percent_off=10, event_ids=[yin.id])
    assert_error(book(user_client, flow.session_ids[0], "SPRING20"), 400, "validation_error", "code")
    assert book(user_client, yin.session_ids[0], "SPRING20").status_code == 201


def test_an_unpaid_hold_gives_its_use_back(app, make_code, paid, user_client, payments_lane):
    code = make_code(percent_off=20, max_uses=1)
    booked = book(user_client, paid.id, "SPRING20").get_json()
    assert uses_of(app, code["id"]) == 1
    with app.app_context(), unit_of_work():
        past = utcnow() - timedelta(seconds=1)
        db.session.execute(sa.update(Booking).where(Booking.id == booked["id"]).values(hold_expires_at=past))
        db.session.execute(
            sa.update(OutboxMessage).where(OutboxMessage.booking_id == booked["id"]).values(next_attempt_at=past)
        )
        db.session.execute(sa.update(Payment).where(Payment.booking_id == booked["id"]).values(expires_at=past))
    payments_lane()
    assert user_client.get(f"/bookings/{booked['id']}").get_json()["status"] == "expired"
    assert uses_of(app, code["id"]) == 0


def test_a_person_cannot_use_a_code_more_often_than_it_allows(make_code, make_event, user_client, assert_error):
    make_code(percent_off=10, max_uses_per_person=1)
    first, second = make_event(price=PRICE), make_event(price=PRICE)
    assert book(user_client, first.session_ids[0], "SPRING20").status_code == 201
    assert_error(book(user_client, second.session_ids[0], "SPRING20"), 409, "code_used_up")


def test_a_pass_bought_with_a_code_costs_less_and_redeems_the_use(
    app, make_code, facilitator_client, facilitator, user_client, client
):
    code = make_code(percent_off=50, applies_to="passes")
    product = facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json=PACK).get_json()
    quote = client.get("/codes/quote", query_string={"code": "spring20", "product_id": product["id"]}).get_json()
    assert quote["amount_due"] == 125_000
    bought = user_client.post(f"/passes/{product['id']}/buy", json={"code": "spring20"}).get_json()
    assert bought["pass"]["price"] == 125_000
    page = client.post(bought["checkout_url"].replace("http://localhost:5000", ""), data={"action": "pay"})
    assert page.status_code == 303
    [mine] = user_client.get("/me/passes").get_json()["items"]
    assert (mine["status"], mine["credits_left"]) == ("active", 5)
    assert uses_of(app, code["id"]) == 1


def test_an_unpaid_pass_checkout_gives_its_use_back(
    app, make_code, facilitator_client, facilitator, user_client, payments_lane
):
    code = make_code(percent_off=50, max_uses=1)
    product = facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json=PACK).get_json()
    user_client.post(f"/passes/{product['id']}/buy", json={"code": "SPRING20"})
    assert uses_of(app, code["id"]) == 1
    with app.app_context(), unit_of_work():
        past = utcnow() - timedelta(seconds=1)
        db.session.execute(
            sa.update(OutboxMessage).where(OutboxMessage.type == "pass_checkout_end").values(next_attempt_at=past)
        )
    payments_lane()
    assert uses_of(app, code["id"]) == 0
    assert user_client.get("/me/passes").get_json()["items"] == []


@pytest.mark.both_databases
def test_a_rush_of_two_hundred_for_a_code_of_fifty_uses_redeems_exactly_fifty(
    app, make_code, paid, make_user, client_for
):
    code = make_code(percent_off=20, max_uses=50)
    clients = [client_for(make_user()) for _ in range(200)]
    start = threading.Barrier(WORKERS)

    def attempt(numbered):
        number, client = numbered
        if number < WORKERS:  # the first wave, one per worker, starts together
            start.wait()
        answer = book(client, paid.id, "spring20")
        return answer.status_code, answer.get_json().get("error", {}).get("code")

    # As many at once as the app's connection pool serves; 200 in all, back to back.
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        answers = list(pool.map(attempt, enumerate(clients)))
    assert answers.count((201, None)) == 50
    assert [a for a in answers if a[0] != 201] == [(409, "code_used_up")] * 150
    assert uses_of(app, code["id"]) == 50


@pytest.mark.both_databases
@pytest.mark.parametrize("round_", range(3))
def test_lowering_max_uses_while_a_use_is_taken_never_leaves_more_uses_than_allowed(
    app, make_code, paid, user_client, make_user, client_for, facilitator_client, facilitator, round_
):
    code = make_code(percent_off=20, max_uses=5)
    assert book(user_client, paid.id, "spring20").status_code == 201  # one use so far
    path = f"/api/facilitator/{facilitator.id}/codes/{code['id']}"
    other = client_for(make_user())
    answers = race(
        [lambda: facilitator_client.patch(path, json={"max_uses": 1}), lambda: book(other, paid.id, "spring20")]
    )
    codes = sorted((answer.status_code, (answer.get_json().get("error") or {}).get("code")) for answer in answers)
    # Lowered first: the booking finds the code used up. Booked first: the limit cannot go below two uses.
    assert codes in ([(200, None), (409, "code_used_up")], [(201, None), (409, "max_uses_below_uses")]), codes
    with app.app_context():
        found = db.session.get(DiscountCode, code["id"])
        assert found.uses <= found.max_uses
