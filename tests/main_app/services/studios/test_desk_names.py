"""Names in two scripts at the desk: a client who gave both (at the desk or at registration) is found by either, in
any case and however its letters were typed, and the desk lists clients by name in one order on SQLite and
PostgreSQL; the CRM hears both names."""

import pytest
import sqlalchemy as sa
from test_desk_bookings import book, class_of

from main_app.extensions import db
from main_app.models import OutboxMessage

pytestmark = pytest.mark.both_databases


def lookup(desk, slug: str, q: str) -> list[dict]:
    found = desk.get(f"/api/studios/{slug}/desk/clients", query_string={"q": q, "limit": 25})
    assert found.status_code == 200, found.get_json()
    return found.get_json()["items"]


def names(desk, slug: str, q: str) -> list[str]:
    return [person["name"] for person in lookup(desk, slug, q)]


def test_the_desk_finds_a_client_by_either_name_and_tells_the_crm_both(app, team, make_session, client):
    session, desk = class_of(make_session, team, capacity=5), team.clients["front_desk"]
    new = {"email": "priya@example.com", "name": "Priya Sharma", "other_name": "प्रिया शर्मा", "use": "free"}
    made = book(desk, team.slug, session.id, **new)
    assert made.status_code == 201, made.get_json()
    # Registered with the nukta apart from its letter, found as typed with the letter that holds it (U+095B).
    joined = {"email": "zoya@example.com", "password": "long enough", "name": "\u091c\u093c\u094b\u092f\u093e खान"}
    registered = client.post("/auth/register", json=joined | {"other_name": " Zoya Khan "})
    assert registered.status_code == 201 and registered.get_json()["user"]["other_name"] == "Zoya Khan"
    zoya = registered.get_json()["user"]["id"]
    assert book(desk, team.slug, session.id, user_id=zoya, use="free").status_code == 404  # not a client yet
    assert book(desk, team.slug, session.id, email="zoya@example.com", use="free").status_code == 201

    for q in ("प्रिया", "priya", "PRIYA", "शर्मा", "Sharma", "प्रि"):
        assert names(desk, team.slug, q) == ["Priya Sharma"], q
    for q in ("\u095b\u094b\u092f\u093e", "\u091c\u093c\u094b", "zoya", "ZOYA KHAN", "खान"):
        assert names(desk, team.slug, q) == ["\u091c\u093c\u094b\u092f\u093e खान"], q
    assert names(desk, team.slug, "रिया") == []  # the start of a word, not a part of one
    assert lookup(desk, team.slug, "priya")[0]["other_name"] == "प्रिया शर्मा"
    with app.app_context():
        told = db.session.scalars(sa.select(OutboxMessage.payload).where(OutboxMessage.type == "booking_created"))
        users = {payload["user"]["email"]: payload["user"] for payload in told}
    assert users["priya@example.com"]["other_name"] == "प्रिया शर्मा"
    assert users["zoya@example.com"]["other_name"] == "Zoya Khan"


def test_the_desk_lists_clients_by_name_in_dictionary_order(team, make_session):
    """Latin names first (any case), then Devanagari as a Hindi dictionary orders it (conjuncts after the vowel
    signs), the same on both databases."""
    ordered = ["asha Mehta", "Zoya Khan", "अजय", "आशा", "इंदु", "कमला", "किरण", "कौशल", "क्षमा", "जया", "ज्ञानेश"]
    session, desk = class_of(make_session, team, capacity=20), team.clients["front_desk"]
    for n, name in enumerate(reversed(ordered)):
        answer = book(desk, team.slug, session.id, email=f"nm-{n}@example.com", name=name, use="free")
        assert answer.status_code == 201, answer.get_json()
    assert names(desk, team.slug, "nm-") == ordered
