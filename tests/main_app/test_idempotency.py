"""Writes sent with an Idempotency-Key are done once: a repeat gets the first answer and changes nothing; the key
with another request is refused; keys belong to their caller; two at once book once; answers go after a day. The key
is taken with the write's first commit and its answer written after the route, each unit committing as it ends."""

from datetime import timedelta
from functools import partial

import pytest
import sqlalchemy as sa
from probes import count_statements
from racing import race
from sqlalchemy import func, select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import CHANNEL_TIMERS, Booking, IdempotentAnswer, Payment, utcnow
from main_app.plumbing import idempotency
from main_app.plumbing.idempotency import AnswerPruner, forget_answers, request_hash

KEY = {"Idempotency-Key": "b7c1e0a4-5f2d-4c1e-9a7b-2d3e4f5a6b7c"}


def bookings(app, session_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Booking).where(Booking.session_id == session_id))


def answers(app) -> list[tuple]:
    with app.app_context():
        return db.session.execute(select(IdempotentAnswer.scope, IdempotentAnswer.status)).all()


def test_a_repeat_gets_the_first_answer_and_books_once(app, user_client, user, make_session, seats):
    session = make_session(capacity=5)
    first = user_client.post("/book", json={"session_id": session.id}, headers=KEY)
    again = user_client.post("/book", json={"session_id": session.id}, headers=KEY)
    assert first.status_code == again.status_code == 201, again.get_json()
    assert again.get_json() == first.get_json()
    assert (again.headers["Idempotent-Replayed"], "Idempotent-Replayed" in first.headers) == ("true", False)
    assert (seats(session.id), bookings(app, session.id)) == ((5, 1), 1)
    assert answers(app) == [(f"account:{user.id}", 201)]


def test_the_key_with_another_request_is_refused(app, user_client, make_session, assert_error):
    first, other = make_session(), make_session()
    assert user_client.post("/book", json={"session_id": first.id}, headers=KEY).status_code == 201
    assert_error(user_client.post("/book", json={"session_id": other.id}, headers=KEY), 422, "idempotency_key_reused")
    assert bookings(app, other.id) == 0


@pytest.mark.parametrize("key", ["", "x" * 65, "two words", "clé", "a/b"])
def test_a_malformed_key_is_a_400(app, user_client, make_session, assert_error, key):
    session = make_session()
    response = user_client.post("/book", json={"session_id": session.id}, headers={"Idempotency-Key": key})
    assert_error(response, 400, "idempotency_key_invalid")
    assert (bookings(app, session.id), answers(app)) == (0, [])


def test_each_caller_has_their_own_keys(app, make_user, client_for, make_session, seats):
    session = make_session(capacity=5)
    for account in (make_user(), make_user()):
        response = client_for(account).post("/book", json={"session_id": session.id}, headers=KEY)
        assert (response.status_code, "Idempotent-Replayed" in response.headers) == (201, False)
    assert seats(session.id) == (5, 2)


def test_an_empty_answer_is_given_again(app, user_client, make_user, client_for, make_session):
    session = make_session(capacity=1)
    assert client_for(make_user()).post("/book", json={"session_id": session.id}).status_code == 201
    assert user_client.post(f"/sessions/{session.id}/waitlist", json={}).status_code == 201
    left = [user_client.delete(f"/sessions/{session.id}/waitlist", headers=KEY) for _ in range(2)]
    assert [(r.status_code, r.get_data(), r.headers.get("Idempotent-Replayed")) for r in left] == [
        (204, b"", None),
        (204, b"", "true"),  # not 404 not_waiting: the first answer again
    ]


def test_a_key_costs_a_booking_three_statements_and_one_commit(app, make_user, client_for, make_session):
    plain, keyed = client_for(make_user()), client_for(make_user())
    for client in (plain, keyed):  # a client's first request reads what its later ones find cached
        client.post("/book", json={"session_id": make_session().id})
    with app.app_context():
        engine = db.engine
    costs, commits = [], []

    def commit(_connection):
        commits.append(1)

    sa.event.listen(engine, "commit", commit)
    try:
        for client, headers in ((plain, {}), (keyed, KEY)):
            session_id, commits[:] = make_session().id, []
            book = partial(client.post, "/book", json={"session_id": session_id}, headers=headers)
            response, statements = count_statements(engine, book)
            assert response.status_code == 201
            costs.append((statements, len(commits)))
    finally:
        sa.event.remove(engine, "commit", commit)
    # The look-up, the key taken in the booking's commit, and the answer written in a commit of its own.
    assert costs[1] == (costs[0][0] + 3, costs[0][1] + 1), costs


def test_a_key_whose_answer_was_not_kept_is_in_use(app, user, user_client, make_session, assert_error):
    # What a write leaves that committed part of its work and then failed (a checkout the provider did not answer).
    session = make_session()
    body = f'{{"session_id": {session.id}}}'.encode()
    with app.test_request_context("/book", method="POST", data=body, content_type="application/json"):
        taken = {"scope": f"account:{user.id}", "key": KEY["Idempotency-Key"], "request_hash": request_hash()}
        with unit_of_work():
            db.session.add(IdempotentAnswer(**taken, status=None))
    response = user_client.post("/book", data=body, content_type="application/json", headers=KEY)
    assert_error(response, 409, "idempotency_key_in_use")
    assert bookings(app, session.id) == 0


def test_a_refusal_that_committed_nothing_is_kept_too(app, user_client, assert_error):
    for replayed in (None, "true"):
        response = user_client.post("/book", json={"session_id": "seven"}, headers=KEY)
        assert_error(response, 400, "validation_error")
        assert response.headers.get("Idempotent-Replayed") == replayed


def test_a_refusal_is_kept_too(app, user_client, assert_error):
    for replayed in (None, "true"):
        response = user_client.post("/book", json={"session_id": 999999}, headers=KEY)
        assert_error(response, 404, "session_not_found")
        assert response.headers.get("Idempotent-Replayed") == replayed


def test_anonymous_keys_belong_to_the_client_address(app, client, user, email_outbox):
    asked = {"email": user.email}
    first = client.post("/auth/password-reset", json=asked, headers=KEY)
    again = client.post("/auth/password-reset", json=asked, headers=KEY)
    assert (first.status_code, again.status_code, again.headers["Idempotent-Replayed"]) == (202, 202, "true")
    assert [m["type"] for m in email_outbox()] == ["password_reset"]
    elsewhere = client.post("/auth/password-reset", json=asked, headers=KEY, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert (elsewhere.status_code, "Idempotent-Replayed" in elsewhere.headers) == (202, False)
    assert sorted(scope for scope, _ in answers(app)) == ["address:127.0.0.1", "address:192.0.2.7"]


def test_an_answer_carrying_a_token_is_not_kept(app, client, assert_error):
    account = {"name": "Asha Rao", "email": "asha-keyed@example.com", "password": "a long enough password"}
    assert client.post("/auth/register", json=account, headers=KEY).status_code == 201
    assert_error(client.post("/auth/register", json=account, headers=KEY), 409, "email_taken")  # done again
    assert answers(app) == [("address:127.0.0.1", 409)]  # the first answer kept is the refusal


def test_a_paid_booking_ending_its_transaction_before_the_provider_is_kept_whole(
    app, user_client, make_session, priya, seats
):
    # The seat's hold commits before the checkout is asked for (no transaction open across the provider's answer);
    # the key is taken with it, and the answer written with the checkout's own changes.
    session = make_session(
        capacity=2, starts_in=timedelta(days=3), price=4_500_000, currency="INR", facilitator_id=priya.id
    )
    first = user_client.post("/book", json={"session_id": session.id}, headers=KEY)
    assert (first.status_code, first.get_json()["status"]) == (201, "pending_payment"), first.get_json()
    assert first.get_json()["payment"]["checkout_url"]
    again = user_client.post("/book", json={"session_id": session.id}, headers=KEY)
    assert (again.get_json(), again.headers["Idempotent-Replayed"]) == (first.get_json(), "true")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Payment)) == 1
    assert (seats(session.id), bookings(app, session.id)) == ((2, 1), 1)


def test_an_erased_accounts_answers_go_with_it(app, user, user_client, assert_error):
    assert_error(user_client.post("/book", json={"session_id": 999999}, headers=KEY), 404, "session_not_found")
    assert user_client.delete("/me", json={"password": user.password}).status_code == 204
    assert answers(app) == []


def test_without_a_key_nothing_is_kept(app, user_client, make_session, assert_error):
    session = make_session()
    assert user_client.post("/book", json={"session_id": session.id}).status_code == 201
    assert_error(user_client.post("/book", json={"session_id": session.id}), 409, "already_booked")
    assert answers(app) == []


@pytest.mark.both_databases
def test_two_at_once_with_one_key_book_once(app, user, client_for, make_session, seats):
    session = make_session(capacity=5)
    clients = [client_for(user), client_for(user)]
    sent = race([lambda c=c: c.post("/book", json={"session_id": session.id}, headers=KEY) for c in clients])
    outcomes = sorted(
        (r.status_code, r.headers.get("Idempotent-Replayed", ""), r.get_json().get("error", {}).get("code", ""))
        for r in sent
    )
    # The second waited for the first's commit, then found its answer; or found the key taken while it ran.
    assert outcomes[0] == (201, "", ""), outcomes
    assert outcomes[1] in ((201, "true", ""), (409, "", "idempotency_key_in_use")), outcomes
    assert (seats(session.id), bookings(app, session.id)) == ((5, 1), 1)


def test_answers_are_forgotten_after_a_day(app, user_client, make_session):
    user_client.post("/book", json={"session_id": make_session().id}, headers=KEY)
    with app.app_context():
        assert forget_answers(now=utcnow() + timedelta(hours=23)) == 0
        assert forget_answers(now=utcnow() + timedelta(hours=25)) == 1
    assert answers(app) == []


def test_answer_pruner_pauses_once_nothing_is_left(monkeypatch):
    batches, now = [], [0.0]
    monkeypatch.setattr(idempotency, "forget_answers", lambda: batches.append(now[0]) or 0)
    answer_pruner = AnswerPruner(interval=60.0, clock=lambda: now[0])
    for now[0] in (0.0, 59.0, 60.0, 61.0):
        answer_pruner()
    assert batches == [0.0, 60.0]


def test_every_write_documents_the_header_and_its_answers(client):
    document = client.get("/openapi.json").get_json()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "parameters":  # the path's own, not an operation
                continue
            keyed = [p for p in operation.get("parameters", ()) if p.get("name") == "Idempotency-Key"]
            if method in ("post", "put", "patch", "delete"):
                assert keyed and keyed[0]["in"] == "header", (method, path)
                assert {"400", "409", "422"} <= set(operation["responses"]), (method, path)
            else:
                assert not keyed, (method, path)


def test_the_timers_lane_prunes_answers_between_rounds(app):
    with app.app_context():
        with unit_of_work():
            old = {"request_hash": "0" * 64, "status": 201, "created_at": utcnow() - timedelta(hours=25)}
            db.session.add(IdempotentAnswer(scope="address:127.0.0.1", key="old", **old))
        build_dispatcher(app.config, channel=CHANNEL_TIMERS).when_idle()
    assert answers(app) == []
