"""Flat as data grows: every statement of the CRM's POST /notify (a new notification, a repeat of one, a batch's
members and its summary), and of the client book's search and segments, finds its rows through an index, on SQLite
and PostgreSQL."""

import datetime as dt
import re

import pytest
import sqlalchemy as sa
from client_book_payloads import SLUG, booking, staff_token
from crm_payloads import AUTH, SEED_FLAT, SEED_NESTED, body
from query_plans import captured_statements, whole_table_scans
from sqlalchemy.dialects import postgresql

from crm_microservice.extensions import db
from crm_microservice.models import Client
from crm_microservice.services.clients import search

pytestmark = pytest.mark.both_databases

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
QUERIES = ("Ahsa", "Asgha", "Ashq Rao", "priya.nair", "7946 0001", "Nair", "sharma", "प्रीया", "क्षितिज")


def assert_indexed(app, *payloads) -> None:
    """The plans of the statements posting payloads to /notify ran (each answering 2xx) read no table whole."""
    client = app.test_client()
    with app.app_context():
        engine = db.engine
        with captured_statements(engine) as seen:
            for payload in payloads:
                answer = client.post("/notify", json=payload, headers=AUTH)
                assert 200 <= answer.status_code < 300, answer.get_json()
        assert seen, "/notify ran no statement with a plan"
        # Every table grows: notifications arrive all day.
        found = whole_table_scans(engine, seen, set(db.metadata.tables))
    assert not found, "\n\n".join(found)


def test_a_notification_and_its_repeat(app):
    client = app.test_client()
    for n in range(1, 6):  # others' notifications beside it
        assert client.post("/notify", json=body(SEED_NESTED, booking_id=n), headers=AUTH).status_code == 201
    new = body(SEED_NESTED, booking_id=99, notification_id="outbox:99")
    assert_indexed(app, new, new, body(SEED_FLAT, booking_id=98))


def test_a_batchs_members_its_summary_and_a_repeat(app):
    members = [body(SEED_NESTED, booking_id=200 + n, data={"batch_id": "batch-1"}) for n in range(3)]
    summary = body(SEED_NESTED, type="session_cancelled", notification_id="batch-1")
    late = body(SEED_NESTED, booking_id=300, data={"batch_id": "batch-1"})
    assert_indexed(app, *members, summary, late, summary)  # the summary again: a retry after a lost answer


def test_the_client_books_search_and_segments(app):
    """A search (by name with a typo, by phone), the list by name, a segment's list and the segments' counts find
    their rows through indexes (search through the FTS5 table or the trigram indexes), however many clients there
    are."""
    client = app.test_client()
    owner = staff_token("owner")
    for n in range(1, 6):
        person = {"id": 500 + n, "name": f"Asha {n}", "email": f"a{n}@example.com", "phone": f"+9198123456{n:02d}"}
        assert (
            client.post("/notify", json=booking("booking_created", n, NOW, NOW, user=person), headers=AUTH).status_code
            == 201
        )
    filters = {"no_visit_in_days": 30, "member": True, "no_shows": {"at_least": 1, "days": 60}, "tag": "x"}
    segment = client.post(f"/api/studios/{SLUG}/segments", json={"name": "s", "filters": filters}, headers=owner)
    with app.app_context():
        engine = db.engine
        with captured_statements(engine) as seen:
            for path in (
                "clients?q=Ahsa",
                "clients?q=98123",
                "clients?sort=name",
                f"clients?segment={segment.get_json()['id']}",
                "segments",
            ):
                assert client.get(f"/api/studios/{SLUG}/{path}", headers=owner).status_code == 200
        found = whole_table_scans(engine, seen, set(db.metadata.tables))
    assert not found, "\n\n".join(found)


def test_a_search_finds_its_candidates_through_the_search_index_alone(app):
    """The match of a search, typos included, is answered by the search index (PostgreSQL's trigram indexes, SQLite's
    FTS5 table) without the studio's other conditions: no part of it reads the clients' table whole, and every
    pattern PostgreSQL looks up holds three characters in a row (a shorter one reads a trigram index whole); so the
    planner never has to test every client of a large studio."""
    client = app.test_client()
    for n, name in enumerate(("Priya Nair", "Ben Cole", "Cara Dunn"), start=1):
        person = {"id": 600 + n, "name": name, "email": f"p{n}@example.com", "phone": f"+44207946{n:04d}"}
        assert client.post("/notify", json=booking("booking_created", 40 + n, NOW, NOW, user=person), headers=AUTH)
    with app.app_context():
        engine = db.engine
        with captured_statements(engine) as seen:
            for q in QUERIES:
                condition, _rank = search.matching(q, engine.dialect.name)
                db.session.execute(sa.select(Client.id).where(condition)).all()
        found = whole_table_scans(engine, seen, {Client.__tablename__})
    assert not found, "\n\n".join(found)


def test_every_pattern_postgresql_looks_up_holds_a_trigram():
    for q in QUERIES:
        condition, _rank = search.matching(q, "postgresql")
        sql = str(condition.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
        for pattern in re.findall(r"ILIKE '((?:[^']|'')*)'", sql):
            runs = re.split(r"(?<!\\)[%_]", pattern)
            assert any(len(run) >= 3 for run in runs), (q, pattern)
