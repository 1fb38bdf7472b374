"""Reconciliation of the CRM's client book with the main API's records: after a scripted day delivered to the real
CRM the figures agree; a figure corrupted in the CRM is reported exactly; platform admins only, in the error shape."""

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa
from query_plans import captured_statements

from crm_microservice.database import unit_of_work as crm_unit_of_work
from crm_microservice.extensions import db as crm_db
from crm_microservice.models import Client, ClientMoney, ClientPass
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Event, EventSession, OutboxMessage, Studio, utcnow
from main_app.services.crm import studio_figures

pytestmark = pytest.mark.both_databases

PRICE = 120_000
PACK = {"name": "5-class pack", "kind": "pack", "credits": 5, "valid_days": 90, "price": 250_000, "currency": "INR"}


@pytest.fixture
def crm(real_crm):
    return real_crm()


@pytest.fixture
def app(make_app, crm):
    """The main API, its CRM lane pointed at the real CRM, waiting for it as the other real-CRM tests do: the tests'
    2 s let a first figures page on a loaded CI machine time out (ReadTimeout) once."""
    return make_app(CRM_BASE_URL=crm.url, CRM_TIMEOUT=30.0)


@pytest.fixture
def slug(app, make_session):
    """The slug of the facilitator's studio (the one the day's sessions belong to)."""
    event_id = make_session().event_id
    with app.app_context():
        return db.session.scalar(
            sa.select(Studio.slug).join(Event, Event.studio_id == Studio.id).where(Event.id == event_id)
        )


def put_on_sale(facilitator_client, facilitator) -> int:
    made = facilitator_client.post(f"/api/facilitator/{facilitator.id}/passes", json=PACK)
    assert made.status_code == 201, made.get_json()
    return made.get_json()["id"]


def pay(client, checkout_url: str) -> None:
    reference = checkout_url.rsplit("/", 1)[1]
    answer = client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"})
    assert answer.status_code == 303


def check_in(facilitator_client, facilitator, session_id: int, booking_id: int) -> None:
    path = f"/api/facilitator/{facilitator.id}/sessions/{session_id}/checkins"
    assert facilitator_client.post(path, json={"checkins": [{"booking_id": booking_id}]}).status_code == 200


def close(app, session_id: int) -> None:
    """The session is over and its close is due (as the attendance tests move it)."""
    with app.app_context(), unit_of_work():
        row = db.session.get(EventSession, session_id)
        row.ends_at = utcnow() - timedelta(hours=1)
        row.starts_at = row.ends_at - timedelta(hours=1)
        for message in db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.type == "session_close")):
            message.next_attempt_at = utcnow() - timedelta(seconds=1)


@pytest.fixture
def day(app, client, make_session, people, facilitator, facilitator_client, payments_lane, drainer, slug):
    """A studio's day, every message delivered to the CRM: three booked today (one cancels late, one checked in, one
    a no-show), a pack bought and a class booked with it, a paid class paid and cancelled in time (refunded)."""
    today = make_session(capacity=10, starts_in=timedelta(minutes=10))
    later = make_session(capacity=10, starts_in=timedelta(days=3), price=PRICE)  # paid with a credit
    paid = make_session(capacity=10, starts_in=timedelta(days=4), price=PRICE)
    (_came, came_client), (_missed, missed_client), (_gone, gone_client) = everyone = people(3)
    booked = [c.post("/bookings/book", json={"session_id": today.id}).get_json() for _a, c in everyone]
    assert gone_client.post(f"/bookings/{booked[2]['id']}/cancel", json={}).status_code == 200
    check_in(facilitator_client, facilitator, today.id, booked[0]["id"])
    pass_buy = came_client.post(f"/passes/{put_on_sale(facilitator_client, facilitator)}/buy", json={})
    pay(client, pass_buy.get_json()["checkout_url"])
    pass_id = came_client.get("/me/passes").get_json()["items"][0]["id"]
    answer = came_client.post("/book", json={"session_id": later.id, "pass_id": pass_id})
    assert answer.json["pass_id"] == pass_id
    seat = missed_client.post("/bookings/book", json={"session_id": paid.id}).get_json()
    pay(client, seat["payment"]["checkout_url"])
    assert missed_client.post(f"/bookings/{seat['id']}/cancel", json={}).status_code == 200
    close(app, today.id)
    payments_lane()
    drainer("crm")()
    return {"people": [account for account, _c in everyone]}


def reconcile(admin_client, slug: str, **query):
    answer = admin_client.get(f"/api/admin/studios/{slug}/reconciliation", query_string=query)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def test_the_figures_agree_after_a_scripted_day(day, admin_client, slug, crm):
    report = reconcile(admin_client, slug)
    assert (report["difference_count"], report["differences"], report["truncated"]) == (0, [], False)
    assert report["clients_compared"] == 3
    with crm.app.app_context():  # the day reached the CRM: each figure the comparison covered is there
        rows = crm_db.session.scalars(sa.select(Client).where(Client.user_id.is_not(None))).all()
        assert sorted((c.bookings, c.visits, c.no_shows, c.late_cancels) for c in rows) == [
            (1, 0, 0, 1),
            (2, 0, 1, 0),
            (2, 1, 0, 0),
        ]
        money = crm_db.session.execute(sa.select(ClientMoney.currency, ClientMoney.spent, ClientMoney.refunded))
        assert sorted(tuple(row) for row in money) == [("INR", PRICE, PRICE), ("INR", PACK["price"], 0)]
        assert crm_db.session.scalars(sa.select(ClientPass.credits_left)).all() == [PACK["credits"] - 1]


def test_a_corrupted_crm_figure_is_reported_exactly(day, admin_client, slug, crm):
    person = day["people"][0]
    with crm.app.app_context(), crm_unit_of_work():
        crm_db.session.execute(sa.update(Client).where(Client.user_id == person.id).values(visits=Client.visits + 3))
    report = reconcile(admin_client, slug)
    assert report["differences"] == [{"user_id": person.id, "field": "visits", "crm": 4, "main": 1}]
    assert (report["difference_count"], report["by_field"]) == (1, {"visits": 1})
    assert reconcile(admin_client, slug, limit=0)["differences"] == []
    assert reconcile(admin_client, slug, limit=0)["truncated"] is True


def test_only_platform_admins_reconcile(slug, client, user_client, facilitator_client, admin_client, assert_error):
    path = f"/api/admin/studios/{slug}/reconciliation"
    assert_error(client.get(path), 401, "unauthorized")
    assert_error(user_client.get(path), 403, "forbidden")
    assert_error(facilitator_client.get(path), 403, "forbidden")  # the studio's own owner too
    assert_error(admin_client.get("/api/admin/studios/no-such-studio/reconciliation"), 404, "studio_not_found")
    assert_error(admin_client.get(path, query_string={"limit": "-1"}), 400, "validation_error", "limit")


def test_an_unreachable_crm_is_a_503(make_app, slug, admin, token_for, assert_error, dead_crm_url):
    elsewhere = make_app(CRM_BASE_URL=dead_crm_url).test_client()
    headers = {"Authorization": f"Bearer {token_for(admin)}"}
    answer = elsewhere.get(f"/api/admin/studios/{slug}/reconciliation", headers=headers)
    assert_error(answer, 503, "crm_unavailable")


def test_the_command_lists_each_difference_and_exits_1(app, day, slug, crm):
    runner = app.test_cli_runner()
    agreed = runner.invoke(args=["crm-reconcile", slug])
    assert (agreed.exit_code, agreed.output) == (0, "3 clients compared, 0 differences (none)\n")
    person = day["people"][1]
    with crm.app.app_context(), crm_unit_of_work():
        crm_db.session.execute(sa.update(ClientMoney).where(ClientMoney.user_id == person.id).values(refunded=0))
    found = runner.invoke(args=["crm-reconcile", slug])
    assert found.exit_code == 1
    assert found.output.splitlines() == [
        f"user {person.id}\trefunded:INR\tcrm=0\tmain={PRICE}",
        "3 clients compared, 1 differences (refunded:INR 1)",
    ]
    as_json = runner.invoke(args=["crm-reconcile", slug, "--json"])
    assert json.loads(as_json.output)["differences"] == [
        {"user_id": person.id, "field": "refunded:INR", "crm": 0, "main": PRICE}
    ]
    unknown = runner.invoke(args=["crm-reconcile", "no-such-studio"])
    assert (unknown.exit_code, unknown.output) == (1, "Error: No such studio.\n")


def test_each_statement_starts_from_the_pages_user_ids_on_sqlite(app, slug):
    """Not from the studio's index, which holds every row of the studio at every page (SQLite has no statistics to
    tell the two apart; PostgreSQL plans from its own)."""
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("PostgreSQL plans from its own statistics")
        with captured_statements(db.engine) as seen:
            studio_figures.booking_counts(1, 0, 500)
            studio_figures.credits_left(1, 0, 500, utcnow())
            studio_figures.money(1, 0, 500)
        with db.engine.connect() as conn:
            plans = [
                " | ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))
                for sql, params in seen
            ]
    assert len(plans) == 6
    for plan in plans:
        assert "studio_id=?" not in plan, plan
        assert "ix_bookings_user_id_id (user_id>? AND user_id<?)" in plan or "ix_passes_user_id_id" in plan, plan
