"""Paid sessions with the built-in test provider: the held seat, the checkout page and its signed webhook, what the
CRM and the person hear (only once paid), declines, hold expiry, late and wrong payments, refunds through the
payments lane of the outbox, and the refund cut-off."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from hold_clock import expire_now

from main_app.extensions import db
from main_app.models import Booking, BookingGuest, utcnow
from main_app.services.payments import records
from main_app.services.payments.providers.base import PAYMENT_FAILED, PAYMENT_SUCCEEDED, PaymentError

pytestmark = pytest.mark.both_databases

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
PRICE = 4_500_000  # ₹45,000.00


def book(client, session_id: int) -> dict:
    response = client.post("/book", json={"session_id": session_id})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def reference_of(booking: dict) -> str:
    return booking["payment"]["checkout_url"].rsplit("/", 1)[1]


def answer_checkout(client, booking: dict, action: str):
    """Press Pay or Decline on the test checkout page, as the person's browser does."""
    return client.post(f"/payments/test/checkout/{reference_of(booking)}", data={"action": action})


def seats_taken(app, session_id: int) -> int:
    with app.app_context():
        return db.session.scalar(sa.text("SELECT seats_taken FROM sessions WHERE id = :id"), {"id": session_id})


def crm_types(outbox) -> list[str]:
    return [m["type"] for m in outbox()]


def email_kinds(email_outbox) -> list[str]:
    return [m["type"] for m in email_outbox() if not m["type"].startswith("reminder")]


def test_a_paid_seat_is_held_until_paid_and_only_its_person_hears_of_it_before(
    app, user_client, paid_session, outbox, email_outbox
):
    before_crm, before_mail = crm_types(outbox), email_kinds(email_outbox)
    booking = book(user_client, paid_session.id)
    assert booking["status"] == "pending_payment"
    payment = booking["payment"]
    assert (payment["status"], payment["amount"], payment["currency"], payment["provider"]) == (
        "pending",
        PRICE,
        "INR",
        "test",
    )
    assert re.fullmatch(r"http://localhost:5000/payments/test/checkout/tp_[\w-]+", payment["checkout_url"])
    assert payment["expires_at"] == booking["hold_expires_at"]
    assert (booking["payment_status"], booking["amount_paid"], booking["payment_provider"]) == ("pending", 0, "test")
    assert seats_taken(app, paid_session.id) == 1  # the held seat counts against the capacity
    # The CRM hears once it is paid; the person hears now that the seat is held, and until when.
    assert crm_types(outbox) == before_crm and email_kinds(email_outbox) == [*before_mail, "seat_held"]
    [held] = [row for row in email_outbox() if row["type"] == "seat_held"]
    pay = held["payload"]["snapshot"]["pay"]
    assert pay["amount"] == "₹45,000" and pay["url"].endswith(f"/bookings/{booking['id']}/payment") and pay["by"]


def test_paying_on_the_test_checkout_confirms_the_booking_with_a_receipt(
    client, user_client, paid_session, outbox, email_outbox
):
    booking = book(user_client, paid_session.id)
    page = client.get(payment_page := f"/payments/test/checkout/{reference_of(booking)}")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "Test payment: no money moves" in html and "₹45,000" in html and "Decline" in html
    assert "script" not in page.headers["Content-Security-Policy"]

    answer = answer_checkout(client, booking, "pay")
    assert answer.status_code == 303
    assert answer.headers["Location"] == f"http://localhost:5173/bookings/{booking['id']}/payment?result=success"
    paid = user_client.get(f"/bookings/{booking['id']}").get_json()
    assert paid["status"] == "active" and paid["hold_expires_at"] is None
    assert (paid["payment_status"], paid["amount_paid"], paid["currency"]) == ("succeeded", PRICE, "INR")
    assert paid["payment_id"].startswith("tpay_") and paid["payment"]["paid_at"]
    assert "Test payment" in client.get(payment_page).get_data(as_text=True)  # the page now says it is paid

    created = next(m for m in outbox() if m["type"] == "booking_created")
    assert created["payload"]["data"]["payment"] == {
        "payment_id": paid["payment_id"],
        "payment_status": "succeeded",
        "payment_provider": "test",
        "amount_paid": PRICE,
        "currency": "INR",
    }
    assert "payment_succeeded" in crm_types(outbox)
    [confirmation] = [m for m in email_outbox() if m["type"] == "booking_confirmed"]
    assert confirmation["payload"]["snapshot"]["receipt"]["amount"] == "₹45,000"


def test_a_declined_payment_ends_the_hold_and_gives_the_seat_back(app, client, user_client, paid_session, outbox):
    booking = book(user_client, paid_session.id)
    answer = answer_checkout(client, booking, "decline")
    assert answer.headers["Location"].endswith("?result=cancel")
    declined = user_client.get(f"/bookings/{booking['id']}").get_json()
    assert (declined["status"], declined["payment_status"]) == ("expired", "failed")
    assert seats_taken(app, paid_session.id) == 0
    assert "booking_created" not in crm_types(outbox)


def signed(app, kind: str, reference: str, amount: int = PRICE, currency: str = "INR"):
    with app.app_context():
        return records.provider("test").signed_event(kind, reference, amount, currency)


def post_webhook(client, body: bytes, headers: dict):
    return client.post("/payments/webhook/test", data=body, headers={**headers, "Content-Type": "application/json"})


def test_webhooks_apply_once_and_a_late_failure_changes_nothing(app, client, user_client, paid_session, outbox):
    booking = book(user_client, paid_session.id)
    body, headers = signed(app, PAYMENT_SUCCEEDED, reference_of(booking))
    assert post_webhook(client, body, headers).get_json() == {"received": True, "result": "applied"}
    crm = crm_types(outbox)
    assert post_webhook(client, body, headers).get_json() == {"received": True, "result": "duplicate"}
    late_failure = signed(app, PAYMENT_FAILED, reference_of(booking))
    assert post_webhook(client, *late_failure).get_json()["result"] == "applied"
    assert user_client.get(f"/bookings/{booking['id']}").get_json()["status"] == "active"
    assert crm_types(outbox) == crm  # nothing more was reported


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda body, headers: (body.replace(b"4500000", b"1"), headers), "invalid_webhook"),  # tampered
        (lambda body, headers: (body, {**headers, "webhook-signature": "v1,AAAA"}), "invalid_webhook"),
        (lambda body, headers: (body, {**headers, "webhook-timestamp": "1000000000"}), "invalid_webhook"),  # stale
        (lambda body, headers: (body, {}), "invalid_webhook"),
    ],
)
def test_webhooks_not_signed_by_the_provider_are_refused(
    app, client, user_client, paid_session, change, code, assert_error, db_rows
):
    booking = book(user_client, paid_session.id)
    body, headers = change(*signed(app, PAYMENT_SUCCEEDED, reference_of(booking)))
    before = db_rows()
    assert_error(post_webhook(client, body, headers), 400, code)
    assert db_rows() == before


def test_webhooks_of_providers_not_set_up_here_are_404(client, assert_error):
    assert_error(client.post("/payments/webhook/stripe", data=b"{}"), 404, "unknown_provider")
    assert_error(client.post("/payments/webhook/paypal", data=b"{}"), 404, "unknown_provider")


def test_a_payment_of_the_wrong_amount_is_refunded_and_confirms_nothing(
    app, client, user_client, paid_session, payments_lane
):
    booking = book(user_client, paid_session.id)
    post_webhook(client, *signed(app, PAYMENT_SUCCEEDED, reference_of(booking), amount=100))
    payments_lane()
    body = user_client.get(f"/bookings/{booking['id']}").get_json()
    assert (body["status"], body["payment"]["status"]) == ("pending_payment", "pending")  # its checkout stays open
    with app.app_context():
        wrong = db.session.execute(
            sa.text("SELECT amount, refund_status, refund_amount FROM payments WHERE surplus_of IS NOT NULL")
        ).all()
    assert [tuple(row) for row in wrong] == [(100, "processed", 100)]


def test_an_unpaid_hold_expires_on_time_and_its_seat_goes_to_the_waiting_list(
    app, user_client, paid_session, make_user, client_for, payments_lane, email_outbox
):
    first = book(user_client, paid_session.id)
    book(client_for(make_user(name="Second")), paid_session.id)
    waiting = client_for(make_user(name="Waiting"))
    assert waiting.post(f"/sessions/{paid_session.id}/waitlist").status_code == 201
    expire_now(app, first["id"])
    payments_lane()
    assert user_client.get(f"/bookings/{first['id']}").get_json()["status"] == "expired"
    [promoted] = waiting.get("/bookings").get_json()["items"]
    assert promoted["status"] == "pending_payment"  # a paid seat from the line is theirs once they pay
    assert promoted["payment"] is None and promoted["hold_expires_at"]
    [mail] = [m for m in email_outbox() if m["type"] == "waitlist_promoted"]
    assert mail["payload"]["snapshot"]["pay"]["amount"] == "₹45,000"
    repaid = waiting.post(f"/bookings/{promoted['id']}/pay").get_json()
    assert repaid["payment"]["checkout_url"] and repaid["status"] == "pending_payment"
    assert seats_taken(app, paid_session.id) == 2


def test_the_payments_lane_locks_the_bookings_before_their_messages(app, user_client, paid_session, payments_lane):
    """The order a request ending the same hold takes (the booking, then its outbox rows): the lane locking its
    messages first deadlocked with such a request on PostgreSQL once a lease had run out."""
    held = book(user_client, paid_session.id)
    expire_now(app, held["id"])
    statements = []

    def keep(_conn, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()))

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", keep)
    try:
        payments_lane()
    finally:
        sa.event.remove(engine, "before_cursor_execute", keep)
    bookings = next(n for n, s in enumerate(statements) if s.startswith("SELECT bookings.id FROM bookings WHERE"))
    messages = next(n for n, s in enumerate(statements) if "FROM outbox_messages WHERE outbox_messages.id IN" in s)
    assert bookings < messages, statements
    if engine.dialect.name == "postgresql":
        assert statements[bookings].endswith("FOR UPDATE") and statements[messages].endswith("FOR UPDATE")
    assert user_client.get(f"/bookings/{held['id']}").get_json()["status"] == "expired"


def test_a_full_session_takes_back_seats_whose_holds_ran_out_even_without_a_dispatcher(
    app, make_session, make_user, client_for
):
    session = make_session(capacity=1, starts_in=3 * DAY, price=80_000)
    held = book(client_for(make_user()), session.id)
    expire_now(app, held["id"])
    late = book(client_for(make_user()), session.id)  # the expired hold gave its seat back at once
    assert late["status"] == "pending_payment" and seats_taken(app, session.id) == 1


def test_a_payment_after_the_hold_ended_gets_the_seat_if_free_else_its_money_back(
    app, client, user_client, make_session, make_user, client_for, payments_lane
):
    session = make_session(capacity=1, starts_in=3 * DAY, price=80_000)
    lucky = book(user_client, session.id)
    expire_now(app, lucky["id"])
    payments_lane()
    post_webhook(client, *signed(app, PAYMENT_SUCCEEDED, reference_of(lucky), amount=80_000))
    assert user_client.get(f"/bookings/{lucky['id']}").get_json()["status"] == "active"  # the seat was still free

    other = make_session(capacity=1, starts_in=3 * DAY, price=80_000)
    unlucky_client = client_for(make_user())
    unlucky = book(unlucky_client, other.id)
    expire_now(app, unlucky["id"])
    payments_lane()
    book(client_for(make_user()), other.id)  # someone else takes the seat
    post_webhook(client, *signed(app, PAYMENT_SUCCEEDED, reference_of(unlucky), amount=80_000))
    payments_lane()
    body = unlucky_client.get(f"/bookings/{unlucky['id']}").get_json()
    assert (body["status"], body["refund_status"]) == ("refunded", "processed")  # never a paid booking without a seat
    assert seats_taken(app, other.id) == 1


def pay(app, client, user_client, session_id: int) -> dict:
    booking = book(user_client, session_id)
    answer_checkout(client, booking, "pay")
    return user_client.get(f"/bookings/{booking['id']}").get_json()


def test_a_facilitator_cancelling_refunds_everyone_who_paid(
    app, client, paid_session, make_user, client_for, priya_client, priya, payments_lane, outbox, email_outbox
):
    people = [client_for(make_user(name=f"Payer {n}")) for n in range(2)]
    paid = [pay(app, client, person, paid_session.id) for person in people]
    base = f"/api/facilitator/{priya.id}"
    event = priya_client.get(f"{base}/events/{paid_session.event_id}").get_json()
    assert event["sessions"][0]["payments"] == {"paid": 2 * PRICE, "pending": 0, "refunded": 0}
    assert priya_client.post(f"{base}/sessions/{paid_session.id}/cancel", json={"reason": "Flood"}).status_code == 200
    states = [person.get(f"/bookings/{b['id']}").get_json() for person, b in zip(people, paid, strict=True)]
    assert {(s["status"], s["refund_status"]) for s in states} == {("cancelled", "initiated")}
    payments_lane()
    states = [person.get(f"/bookings/{b['id']}").get_json() for person, b in zip(people, paid, strict=True)]
    assert {(s["status"], s["refund_status"]) for s in states} == {("refunded", "processed")}
    assert all(s["refund_id"].startswith("tre_") and s["refunded_at"] for s in states)
    assert crm_types(outbox).count("refund_processed") == 2
    assert email_kinds(email_outbox).count("refund_processed") == 2
    cancelled_mails = [m for m in email_outbox() if m["type"] == "booking_cancelled"]
    assert {m["payload"]["snapshot"]["refund"]["amount"] for m in cancelled_mails} == {"₹45,000"}
    event = priya_client.get(f"{base}/events/{paid_session.event_id}").get_json()
    assert event["sessions"][0]["payments"] == {"paid": 0, "pending": 0, "refunded": 2 * PRICE}


def test_a_person_cancelling_is_refunded_before_the_cut_off_and_not_after(
    app, client, user_client, make_session, payments_lane
):
    early = make_session(starts_in=3 * DAY, price=80_000, refund_until_hours=24)
    late = make_session(starts_in=10 * HOUR, price=80_000, refund_until_hours=24)
    for session, expected in ((early, ("refunded", "processed")), (late, ("cancelled", None))):
        booking = pay(app, client, user_client, session.id)
        assert booking["refundable_until"]
        user_client.post(f"/bookings/{booking['id']}/cancel", json={})
        payments_lane()
        body = user_client.get(f"/bookings/{booking['id']}").get_json()
        assert (body["status"], body["refund_status"]) == expected


def test_giving_up_a_held_seat_frees_it_and_a_later_payment_is_refunded(
    app, client, user_client, paid_session, payments_lane, outbox
):
    booking = book(user_client, paid_session.id)
    cancelled = user_client.post(f"/bookings/{booking['id']}/cancel", json={}).get_json()
    assert cancelled["status"] == "cancelled" and seats_taken(app, paid_session.id) == 0
    assert "booking_cancelled" not in crm_types(outbox)  # the CRM never heard of the held seat
    post_webhook(client, *signed(app, PAYMENT_SUCCEEDED, reference_of(booking)))
    payments_lane()
    assert user_client.get(f"/bookings/{booking['id']}").get_json()["refund_status"] == "processed"


def test_reactivating_a_refunded_booking_means_paying_again(app, client, user_client, paid_session, payments_lane):
    booking = pay(app, client, user_client, paid_session.id)
    user_client.post(f"/bookings/{booking['id']}/cancel", json={})
    payments_lane()
    again = user_client.post(f"/bookings/{booking['id']}/reactivate").get_json()
    assert again["status"] == "pending_payment" and again["payment"]["status"] == "pending"
    assert again["payment"]["checkout_url"] != booking["payment"]["checkout_url"]


@pytest.mark.parametrize("group", [{}, {"seats": 2, "guests": [{"name": "Ana", "email": "ana@example.com"}]}])
def test_a_provider_that_cannot_be_reached_keeps_nothing(
    make_app, make_session, make_user, client_for, assert_error, group
):
    session = make_session(capacity=2, starts_in=3 * DAY, price=80_000)
    unreachable = make_app(
        PAYMENT_PROVIDER="stripe",
        STRIPE_SECRET_KEY="sk_test_x",
        STRIPE_WEBHOOK_SECRET="whsec_x",
        STRIPE_API_BASE="http://127.0.0.1:9",
        STRIPE_TIMEOUT=1.0,
        STRIPE_MAX_NETWORK_RETRIES=0,
    )
    person = make_user()
    with unreachable.app_context():
        from main_app.models import User
        from main_app.security import issue_token

        token = issue_token(db.session.get(User, person.id))
    answer = unreachable.test_client().post(
        "/book", json={"session_id": session.id, **group}, headers={"Authorization": f"Bearer {token}"}
    )
    assert_error(answer, 503, "payment_provider_unavailable")
    with unreachable.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Booking.id))) == 0
        assert db.session.scalar(sa.select(sa.func.count(BookingGuest.id))) == 0
    assert seats_taken(unreachable, session.id) == 0
    assert client_for(person).get("/bookings").get_json()["items"] == []


def test_prices_are_set_by_facilitators_and_cannot_change_while_someone_pays(
    priya_client, priya, user_client, assert_error
):
    base = f"/api/facilitator/{priya.id}"
    starts = (utcnow() + 3 * DAY).replace(microsecond=0)
    slot = {"starts_at": starts.isoformat(), "ends_at": (starts + HOUR).isoformat(), "capacity": 5}
    body = {"title": "Paid Yin", "kind": "session", "timezone": "Asia/Kolkata", "refund_until_hours": 48}
    created = priya_client.post(f"{base}/events", json={**body, "sessions": [{**slot, "price": 80_000}]})
    assert created.status_code == 201, created.get_json()
    event = created.get_json()
    [session] = event["sessions"]
    assert (session["price"], session["currency"], event["refund_until_hours"]) == (80_000, "INR", 48)
    bad = [{"price": -1}, {"price": 1.5}, {"price": "800"}, {"currency": "XYZ"}, {"price": 10**12}]
    for change in bad:
        assert_error(priya_client.patch(f"{base}/sessions/{session['id']}", json=change), 400, "validation_error")
    book(user_client, session["id"])
    assert_error(
        priya_client.patch(f"{base}/sessions/{session['id']}", json={"price": 90_000}), 409, "payments_pending"
    )
    public = user_client.get(f"/events/{event['id']}").get_json()
    assert (public["sessions"][0]["price"], public["refund_until_hours"]) == (80_000, 48)


def test_in_production_the_test_provider_takes_no_bookings_and_shows_no_checkout(
    make_app, make_session, make_user, assert_error, production_settings
):
    session = make_session(capacity=1, starts_in=3 * DAY, price=80_000)
    production = make_app(**production_settings)
    person = make_user()
    with production.app_context():
        from main_app.models import User
        from main_app.security import issue_token

        token = issue_token(db.session.get(User, person.id))
    client = production.test_client()
    answer = client.post("/book", json={"session_id": session.id}, headers={"Authorization": f"Bearer {token}"})
    assert_error(answer, 503, "payments_unavailable")
    assert_error(client.get("/payments/test/checkout/tp_anything"), 404, "not_found")
    assert_error(client.post("/payments/webhook/test", data=b"{}"), 404, "unknown_provider")


def test_operators_see_a_refund_the_provider_refused_and_can_send_it_again(
    app, client, user_client, paid_session, admin_client, payments_lane, monkeypatch
):
    booking = pay(app, client, user_client, paid_session.id)
    user_client.post(f"/bookings/{booking['id']}/cancel", json={})

    def refuse(*_args, **_kwargs):
        raise PaymentError("the provider refused the refund", transient=False)

    # The network edge: this provider's refund call answers "no" once.
    monkeypatch.setattr("main_app.services.payments.providers.test_provider.TestProvider.refund", refuse)
    payments_lane()
    status = admin_client.get("/api/crm/integration").get_json()["payments"]
    assert (status["provider"], status["outbox"]["dead"]) == ("test", 1)
    assert "refused the refund" in status["last_error"]["error"]
    assert user_client.get(f"/bookings/{booking['id']}").get_json()["refund_status"] == "failed"
    monkeypatch.undo()
    assert admin_client.patch("/api/crm/integration/retry-failed?channel=payments").get_json()["requeued"] == 1
    payments_lane()
    assert user_client.get(f"/bookings/{booking['id']}").get_json()["refund_status"] == "processed"


def test_a_hold_given_up_closes_its_checkout(app, client, user_client, paid_session):
    booking = book(user_client, paid_session.id)
    user_client.post(f"/bookings/{booking['id']}/cancel", json={})
    page = client.get(f"/payments/test/checkout/{reference_of(booking)}").get_data(as_text=True)
    assert "This checkout has closed" in page and 'value="pay"' not in page
    answer_checkout(client, booking, "pay")  # a late press changes nothing
    assert user_client.get(f"/bookings/{booking['id']}").get_json()["payment_status"] == "pending"


def test_a_late_payment_of_an_earlier_checkout_is_recorded_and_refunded_not_a_duplicate(
    app, client, user_client, paid_session, payments_lane, outbox
):
    """The hold ends, the person books again and pays, then pays the first checkout too: that money was not
    answered "duplicate" and lost (the one-seat-per-person index refused the old booking's return)."""
    first = book(user_client, paid_session.id)
    expire_now(app, first["id"])
    payments_lane()
    second = book(user_client, paid_session.id)
    answer_checkout(client, second, "pay")
    late = post_webhook(client, *signed(app, PAYMENT_SUCCEEDED, reference_of(first)))
    assert late.get_json() == {"received": True, "result": "applied"}
    body = user_client.get(f"/bookings/{first['id']}").get_json()
    assert (body["status"], body["payment_status"], body["refund_status"]) == ("expired", "succeeded", "initiated")
    payments_lane()
    body = user_client.get(f"/bookings/{first['id']}").get_json()
    assert (body["status"], body["refund_status"]) == ("refunded", "processed")
    assert user_client.get(f"/bookings/{second['id']}").get_json()["status"] == "active"
    assert seats_taken(app, paid_session.id) == 1
    assert crm_types(outbox).count("booking_created") == 1  # the late money bought nothing


def test_only_a_repeated_event_id_is_a_duplicate(app, client, user_client, paid_session):
    booking = book(user_client, paid_session.id)
    body, headers = signed(app, PAYMENT_SUCCEEDED, reference_of(booking))
    answers = [post_webhook(client, body, headers).get_json()["result"] for _ in range(3)]
    assert answers == ["applied", "duplicate", "duplicate"]
    another_event = signed(app, PAYMENT_SUCCEEDED, reference_of(booking))  # same payment, told again
    assert post_webhook(client, *another_event).get_json()["result"] == "applied"
    with app.app_context():
        assert db.session.scalar(sa.text("SELECT count(*) FROM payment_webhooks")) == 2


def test_a_person_cancelled_before_the_facilitator_is_told_who_did_it(
    app, client, user_client, paid_session, priya_client, priya
):
    mine = book(user_client, paid_session.id)
    user_client.post(f"/bookings/{mine['id']}/cancel", json={})
    assert (
        priya_client.post(f"/api/facilitator/{priya.id}/sessions/{paid_session.id}/cancel", json={}).status_code == 200
    )
    assert user_client.get(f"/bookings/{mine['id']}").get_json()["cancelled_by"] == "person"
