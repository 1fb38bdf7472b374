"""No N+1: the list endpoints run the same number of SQL statements for a page of 2 as for a page of 25."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from probes import count_statements as count_sql
from probes import record_statements

from main_app.extensions import db
from main_app.models import CHANNEL_SMS, CHANNEL_WHATSAPP, OutboxMessage

pytestmark = pytest.mark.both_databases


@pytest.fixture
def count_statements(app):
    """count_statements(call) → how many SQL statements the app ran while call() ran (it must answer 200)."""
    with app.app_context():
        engine = db.engine

    def count(call) -> int:
        response, statements = count_sql(engine, call)
        assert response.status_code == 200, response.get_json()
        return statements

    return count


def book(client, session_id: int):
    response = client.post("/bookings/book", json={"session_id": session_id})
    assert response.status_code == 201, response.get_json()


def test_events_list(client, make_event, count_statements):
    for n in range(25):
        make_event(title=f"Event {n}", sessions=3)
    small = count_statements(lambda: client.get("/events?per_page=2"))
    large = count_statements(lambda: client.get("/events?per_page=25"))
    filtered = count_statements(
        lambda: client.get("/events?per_page=25&kind=session&q=Event&from=2000-01-01T00:00:00Z")
    )
    assert small == large == filtered <= 4, (small, large, filtered)


def test_my_bookings(user_client, make_session, count_statements):
    for _ in range(25):
        book(user_client, make_session().id)
    small = count_statements(lambda: user_client.get("/bookings?per_page=2"))
    large = count_statements(lambda: user_client.get("/bookings?per_page=25"))
    # account, the page (with the count, the reminder times and the payments: one snapshot), the places in lines
    assert small == large <= 3, (small, large)


def test_facilitator_events_and_bookings(facilitator, facilitator_client, make_event, user_client, count_statements):
    events = [make_event(title=f"Mine {n}", sessions=3) for n in range(25)]
    for ref in events[:10]:
        book(user_client, ref.session_ids[0])
    base = f"/api/facilitator/{facilitator.id}"
    for path in ("/events", "/bookings"):
        small = count_statements(lambda p=path: facilitator_client.get(f"{base}{p}?per_page=2"))
        large = count_statements(lambda p=path: facilitator_client.get(f"{base}{p}?per_page=25"))
        # /events: account, count, page, sessions, their email counts, waiting-list counts, payment totals and
        # room options
        assert small == large <= 8, (path, small, large)


def test_registrants_of_a_session(facilitator, facilitator_client, make_event, make_user, client_for, count_statements):
    session_id = make_event(capacity=30).session_ids[0]
    other_id = make_event(capacity=30).session_ids[0]
    for _ in range(2):
        book(client_for(make_user()), session_id)
    for _ in range(20):
        book(client_for(make_user()), other_id)
    base = f"/api/facilitator/{facilitator.id}/sessions"
    few = count_statements(lambda: facilitator_client.get(f"{base}/{session_id}/registrants"))
    many = count_statements(lambda: facilitator_client.get(f"{base}/{other_id}/registrants"))
    csv = count_statements(lambda: facilitator_client.get(f"{base}/{other_id}/registrants.csv"))
    # account, session, bookings with people, the event's questions, the latest payments, what each booking paid in
    # all (every payment less refunds: services.payments.records.paid_by), guests, waiting list
    assert few == many == csv <= 8, (few, many, csv)


def test_operators_message_list(app, client_for, make_user, add_messages, count_statements):
    operator = client_for(make_user(role="admin"))
    add_messages(25)
    small = count_statements(lambda: operator.get("/api/notifications/pending?per_page=2"))
    large = count_statements(lambda: operator.get("/api/notifications/pending?per_page=25"))
    assert small == large <= 4, (small, large)


def test_a_booking_is_nine_statements_and_a_refusal_writes_nothing(app, user_client, make_session, make_user):
    """The account, the studio's required forms the person has not signed (services.forms), the session (with the
    person's seat), the seat, the booking, their place in line dropped (asked
    after the seat's lock, so a join committed meanwhile is seen), the studio's webhook endpoints (none here; each
    subscribed one's delivery would go in the next INSERT), the outbox rows (one multi-row INSERT for the CRM
    message, the confirmation and the reminders), then the commit. A refusal (already booked, unknown, full,
    cancelled, started) is decided from the first three."""
    with app.app_context():
        engine = db.engine
    session_id = make_session(capacity=1, starts_in=timedelta(days=3)).id

    def post():
        return user_client.post("/bookings/book", json={"session_id": session_id})

    response, statements = count_sql(engine, post)
    assert response.status_code == 201, response.get_json()
    assert len(response.get_json()["reminders_at"]) == 2  # all three emails and the CRM message are in that INSERT
    assert statements == 9  # on PostgreSQL too: the outbox's trigger sends the NOTIFY that wakes dispatchers
    for answer, code in ((post, "already_booked"), (lambda: user_client.post("/book", json={"session_id": 10**6}), "")):
        refused, statements = count_sql(engine, answer)
        assert refused.status_code in (404, 409) and (not code or refused.get_json()["error"]["code"] == code)
        assert statements == 3  # the account, the forms and the session: no write is even tried


@pytest.mark.parametrize("texts", [False, True], ids=["texts off", "texts on"])
def test_whatsapp_on_adds_one_statement_for_all_of_a_bookings_words(
    app, user_client, make_session, verify_phone, texts
):
    """A person with WhatsApp on: one read of their consent (with their number's STOP) for the confirmation and both
    reminders together; its three rows go in the same INSERT. With texts on too, no more: WhatsApp takes the texts'
    place, so their number's STOP is not read for them."""
    verify_phone(user_client, "+919812345678", sms_enabled=texts)
    wording = user_client.get("/auth/me/whatsapp").get_json()["wording"]
    assert user_client.put("/auth/me/whatsapp", json={"opted_in": True, "wording": wording}).status_code == 200
    with app.app_context():
        engine = db.engine
    session_id = make_session(starts_in=timedelta(days=3)).id
    response, statements = count_sql(
        engine, lambda: user_client.post("/bookings/book", json={"session_id": session_id})
    )
    assert response.status_code == 201, response.get_json()
    with app.app_context():
        query = sa.select(OutboxMessage.channel, OutboxMessage.type).where(OutboxMessage.type != "phone_code")
        kinds = db.session.execute(query.where(OutboxMessage.channel.in_((CHANNEL_WHATSAPP, CHANNEL_SMS)))).all()
    assert sorted(kinds) == [(CHANNEL_WHATSAPP, kind) for kind in ("booking_confirmed", "reminder_24h", "reminder_2h")]
    assert statements == 10


def test_booking_with_a_pass_adds_two_statements(app, user_client, facilitator, facilitator_client, make_session):
    """The same booking of a paid session with a pack: its credit's conditional UPDATE and its ledger row more; the
    pass's terms come with the session's read."""
    with app.app_context():
        engine = db.engine
    pack = {"name": "Pack", "kind": "pack", "credits": 5, "valid_days": 30, "price": 0}
    product = facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json=pack).get_json()
    pass_id = user_client.post(f"/passes/{product['id']}/buy").get_json()["pass"]["id"]
    session_id = make_session(capacity=1, starts_in=timedelta(days=3), price=90_000).id

    def post():
        return user_client.post("/bookings/book", json={"session_id": session_id, "pass_id": pass_id})

    response, statements = count_sql(engine, post)
    assert response.status_code == 201, response.get_json()
    assert statements == 9 + 2


def test_a_held_seat_and_its_checkout_take_two_short_transactions(app, user_client, make_session):
    """A booking by card: the seat held (its UPDATE, the booking written held, its hold's expiry, the place in line
    asked after), then its checkout recorded after the provider's answer, then the answer read once: 26 statements
    (34 before the booking was written held at once and read once, and its checkout's locks read its rows)."""
    with app.app_context():
        engine = db.engine
    session_id = make_session(capacity=1, starts_in=timedelta(days=3), price=90_000).id
    response, statements = record_statements(
        engine, lambda: user_client.post("/bookings/book", json={"session_id": session_id})
    )
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["status"] == "pending_payment"
    heads = [" ".join(sql.split()[:3]) for sql in statements]
    claim = heads.index("UPDATE sessions SET")
    # While the session's row is locked: the booking written held at once, its expiry, the place in line asked.
    assert heads[claim : claim + 4] == [
        "UPDATE sessions SET",
        "INSERT INTO bookings",
        "INSERT INTO outbox_messages",
        "DELETE FROM waitlist_entries",
    ], heads
    # The checkout's locks read its session, event and booking again (the provider's call expired them).
    assert heads.count("SELECT events.id, events.title,") == 0, heads
    assert len(statements) == 26, heads


def test_a_card_payment_and_its_invoice_read_the_sale_once(app, client, user_client, make_session):
    """The checkout page's payment: the webhook applied (the seat confirmed, its news) and the tax invoice, whose
    sale (booking, session, event, person) is one read: 32 statements (with the studio's webhook endpoints and its
    automations that are on read for its news), 35 when it read them one by one."""
    with app.app_context():
        engine = db.engine
    booked = user_client.post("/bookings/book", json={"session_id": make_session(price=90_000).id}).get_json()
    page = urlsplit(booked["payment"]["checkout_url"]).path
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    response, statements = record_statements(engine, lambda: client.post(page, data="action=pay", headers=form))
    assert response.status_code == 303
    assert user_client.get(f"/bookings/{booked['id']}").get_json()["status"] == "active"
    assert len(statements) == 32, statements


def test_a_full_paid_session_refuses_a_card_or_a_pass_without_a_write(
    app, user_client, facilitator, facilitator_client, make_session, make_user, client_for
):
    """A sold-out paid session, its seat held and not yet due: a booking by card or with a pack is refused from its
    reads (the account, the session, whether a hold is past its time), so a rush's refusals queue on no lock."""
    with app.app_context():
        engine = db.engine
    pack = {"name": "Pack", "kind": "pack", "credits": 5, "valid_days": 30, "price": 0}
    product = facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json=pack).get_json()
    pass_id = user_client.post(f"/passes/{product['id']}/buy").get_json()["pass"]["id"]
    session_id = make_session(capacity=1, starts_in=timedelta(days=3), price=90_000).id
    held = client_for(make_user()).post("/bookings/book", json={"session_id": session_id})
    assert held.status_code == 201 and held.get_json()["status"] == "pending_payment", held.get_json()
    for body in ({"session_id": session_id}, {"session_id": session_id, "pass_id": pass_id}):
        response, statements = record_statements(engine, lambda b=body: user_client.post("/bookings/book", json=b))
        assert response.status_code == 409 and response.get_json()["error"]["code"] == "session_full", body
        writes = [s for s in statements if s.split(None, 1)[0].upper() not in ("SELECT", "BEGIN", "COMMIT", "ROLLBACK")]
        assert not writes and not any("FOR UPDATE" in s for s in statements), statements
        assert len(statements) <= 4, statements


def test_timetable(client, make_event, count_statements):
    make_event(title="Few", sessions=2, every=timedelta(days=1))
    few = count_statements(lambda: client.get("/timetable"))
    for n in range(25):
        make_event(title=f"Class {n}", sessions=3, every=timedelta(days=1))
    many = count_statements(lambda: client.get("/timetable?kind=session&q=Class"))
    assert few == many == 1, (few, many)


def test_approval_queue(facilitator, facilitator_client, make_session, make_user, client_for, count_statements):
    ref = make_session(kind="retreat", capacity=30, facilitator_id=facilitator.id)
    mine = f"/api/facilitator/{facilitator.id}"
    approving = facilitator_client.patch(f"{mine}/events/{ref.event_id}", json={"requires_approval": True})
    assert approving.status_code == 200
    asked = facilitator_client.put(f"{mine}/events/{ref.event_id}/questions", json={"questions": [DIET]})
    answers = {str(asked.get_json()["items"][0]["id"]): "Vegan"}
    for n in range(25):
        person = client_for(make_user(name=f"Person {n}"))
        assert person.post("/bookings/book", json={"session_id": ref.id, "answers": answers}).status_code == 201
    small = count_statements(lambda: facilitator_client.get(f"{mine}/approvals?per_page=2"))
    large = count_statements(lambda: facilitator_client.get(f"{mine}/approvals?per_page=25"))
    # account, count, page (with person, session, event, facilitator), answers, guests
    assert small == large <= 5, (small, large)


DIET = {"kind": "text", "label": "Diet"}


def test_joining_a_full_sessions_line_asks_for_no_head(app, user_client, make_session, make_user, client_for):
    """Joining the line of a session with no seat free, others in line already: the join reads how many seats are
    free with the session's lock and asks nothing of the line's head, so a rush of joins holds the line's lock for as
    few statements as it can (no head locked, no seat's UPDATE tried)."""
    with app.app_context():
        engine = db.engine
    session_id = make_session(capacity=1, starts_in=timedelta(days=3)).id
    assert client_for(make_user()).post("/bookings/book", json={"session_id": session_id}).status_code == 201
    ahead = client_for(make_user()).post(f"/sessions/{session_id}/waitlist")
    assert ahead.status_code == 201, ahead.get_json()
    response, statements = record_statements(engine, lambda: user_client.post(f"/sessions/{session_id}/waitlist"))
    assert response.status_code == 201 and response.get_json()["position"] == 2, response.get_json()
    assert not any(s.upper().startswith("UPDATE SESSIONS") for s in statements), statements
    # The account, the required forms unsigned, the session read and its options, whether they hold a seat (before
    # the lock and under it), the lock with the seats free, the notice, the place written with its position, its
    # email; on PostgreSQL the line's lock (joins share the session's row, and write their places one at a time).
    assert len(statements) == 10 + (engine.dialect.name == "postgresql"), statements
    # Behind the line's lock: the place (its position counted by its INSERT), its email, and the commit.
    place = next(k for k, sql in enumerate(statements) if sql.startswith("INSERT INTO waitlist_entries"))
    assert [" ".join(sql.split()[:3]) for sql in statements[place + 1 :]] == ["INSERT INTO outbox_messages"], statements


def test_a_studios_public_page(client, make_event, facilitator, facilitator_client, count_statements):
    pack = {"name": "Pack", "kind": "pack", "credits": 5, "valid_days": 30, "price": 100_000}
    facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json=pack)
    make_event(title="Few", sessions=2)
    slug = facilitator_client.get("/api/studios").get_json()["items"][0]["slug"]
    few = count_statements(lambda: client.get(f"/api/public/studios/{slug}"))
    for n in range(25):
        make_event(title=f"Class {n}", sessions=3)
        facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json={**pack, "name": f"Pack {n}"})
    many = count_statements(lambda: client.get(f"/api/public/studios/{slug}"))
    # The studio, the events' count, page and sessions, the passes and the events they cover.
    assert few == many <= 6, (few, many)


def test_cancelling_a_session_withdraws_its_bookings_news_in_a_constant_number_of_statements(
    app, facilitator, facilitator_client, make_session, make_user, client_for
):
    """A facilitator cancels a session: what its bookings' news takes back (their reminders, the guests') goes in one
    DELETE per table however many bookings it had, and their news in one INSERT (two DELETEs a booking before)."""
    with app.app_context():
        engine = db.engine

    def cancel(bookings: int) -> list[str]:
        session_id = make_session(capacity=bookings, starts_in=timedelta(days=3), facilitator_id=facilitator.id).id
        for _ in range(bookings):
            book(client_for(make_user()), session_id)
        path = f"/api/facilitator/{facilitator.id}/sessions/{session_id}/cancel"
        response, statements = record_statements(engine, lambda: facilitator_client.post(path, json={"reason": "Ill"}))
        assert response.status_code == 200, response.get_json()
        heads = [" ".join(sql.split()[:3]) for sql in statements]
        return [head for head in heads if head.startswith(("DELETE", "INSERT INTO outbox_messages"))]

    few, many = cancel(2), cancel(6)
    # The bookings' rows withdrawn, then their news, then the session's own (session_cancelled, for the CRM).
    withdrawn_and_told = ["DELETE FROM delivery_attempts", "DELETE FROM outbox_messages"]
    withdrawn_and_told += ["INSERT INTO outbox_messages"] * 2
    assert few == many == withdrawn_and_told, (few, many)
