"""Rebuilding a studio's client book from its stored notifications (`flask rebuild-client-book`): the same book as
projecting them live, staff's notes, tags and consent kept, another studio untouched, a notification arriving
meanwhile projected once, on SQLite and PostgreSQL."""

import pytest
import sqlalchemy as sa
from client_book_payloads import OTHER_SLUG, OTHER_STUDIO, SLUG, STUDIO, booking, staff_token, typed
from crm_payloads import AUTH
from test_crm_client_book import DAY, NOW, script

from crm_microservice.database import unit_of_work
from crm_microservice.extensions import db
from crm_microservice.models import Client, ClientBooking, ClientMoney, ClientPass
from crm_microservice.services.clients import rebuild, rebuilding

pytestmark = pytest.mark.both_databases

# The script's first booking's session (10), two days ahead, brought forward to yesterday: one booking fewer ahead.
MOVED = typed("session_updated", NOW, user_id=101, session_id=10, session={"starts_at": (NOW - DAY).isoformat()})
REPLAYED = len(script()) + 1
KEPT = (
    "bookings",
    "visits",
    "no_shows",
    "late_cancels",
    "feedback_given",
    "bookings_ahead",
    "active_passes",
    "credits_left",
    "membership",
    "money",
    "first_visit_at",
    "last_visit_at",
    "tags",
    "notes",
    "consent",
    "passes",
)


def _profiles(client, slug: str = SLUG) -> dict[int, dict]:
    owner = staff_token("owner")  # minted now: a token made at import would expire in a long run
    items = client.get(f"/api/studios/{slug}/clients", query_string={"per_page": 100}, headers=owner).json["items"]
    found = {}
    for item in items:
        profile = client.get(f"/api/studios/{slug}/clients/{item['id']}", headers=owner).json
        found[item["id"]] = {key: profile[key] for key in KEPT} | {"guest_bookings": item["guest_bookings"]}
    return found


@pytest.fixture
def projected(app):
    """The scripted client (and their guest) projected live, with a note, a tag and consent; another studio's
    client beside them."""
    client = app.test_client()
    for payload in [*script(), MOVED, booking("booking_created", 40, NOW, NOW, studio=OTHER_STUDIO)]:
        assert client.post("/notify", json=payload, headers=AUTH).status_code == 201
    first = next(iter(_profiles(client)))
    base, owner = f"/api/studios/{SLUG}/clients/{first}", staff_token("owner")
    assert client.post(f"{base}/notes", json={"text": "Knee injury"}, headers=owner).status_code == 201
    assert client.put(f"{base}/tags", json={"tags": ["regular"]}, headers=owner).status_code == 200
    assert client.put(f"{base}/consent", json={"marketing": True, "how": "form"}, headers=owner).status_code == 200
    return client


def _forget_the_book(app) -> None:
    """As a CRM upgraded from before the client book: its notifications stored, no facts, no figures."""
    with app.app_context(), unit_of_work():
        for model in (ClientBooking, ClientPass, ClientMoney):
            db.session.execute(sa.delete(model).where(model.studio_id == STUDIO))
        db.session.execute(sa.update(Client).where(Client.studio_id == STUDIO).values(rebuilding.RESET_FIGURES))


def test_a_rebuild_gives_the_book_the_live_projection_gave(app, projected):
    live, theirs = _profiles(projected), _profiles(projected, OTHER_SLUG)
    _forget_the_book(app)
    assert _profiles(projected) != live

    result = app.test_cli_runner().invoke(args=["rebuild-client-book", str(STUDIO)])

    assert result.exit_code == 0, result.output
    assert f"{REPLAYED} notifications projected" in result.output and "0 skipped" in result.output
    assert _profiles(projected) == live  # figures, passes, money; the note, tag and consent kept
    assert _profiles(projected, OTHER_SLUG) == theirs
    with app.app_context():
        assert rebuild(STUDIO)["replayed"] == REPLAYED  # again: the same book, nothing counted twice
    assert _profiles(projected) == live


def test_a_notification_arriving_during_a_rebuild_is_projected_once(app, projected, monkeypatch):
    monkeypatch.setattr(rebuilding, "BATCH", 3)
    late = booking("booking_created", 30, NOW, NOW)
    posted = []

    def meanwhile():
        if not posted:
            posted.append(projected.post("/notify", json=late, headers=AUTH).status_code)

    with app.app_context():
        done = rebuild(STUDIO, between_batches=meanwhile)

    assert posted == [201] and done["replayed"] == REPLAYED  # the late one is past `through`: live only
    bookings = [profile["bookings"] for profile in _profiles(projected).values()]
    assert max(bookings) == 7  # the script's six and the late one, once


def test_data_the_book_cannot_read_is_skipped_and_the_rest_rebuilt(app, projected):
    with app.app_context():
        with unit_of_work():
            stored = db.metadata.tables["crm_notifications"]
            db.session.execute(
                sa.update(stored).where(stored.c.type == "feedback_received").values(data={"rating": "five"})
            )
        done = rebuild(STUDIO)
    assert done["skipped"] == 1 and done["replayed"] == REPLAYED - 1
    assert max(profile["feedback_given"] for profile in _profiles(projected).values()) == 0


def test_the_json_store_has_no_book_to_rebuild(json_app):
    result = json_app.test_cli_runner().invoke(args=["rebuild-client-book", str(STUDIO)])
    assert result.exit_code != 0 and "needs the SQL store" in result.output
