"""Each child their own client in the studio's client book, with the real CRM behind the main API: a child's seat,
its check-in and its cancelling reach the CRM naming the child, whose row counts them and is linked to the family;
their guardian's data export holds it; a grown child's row becomes their account's, and an erased child's keeps
its figures without a name."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from crm_microservice.extensions import db as crm_db
from crm_microservice.models import Client, Notification
from main_app.extensions import db
from main_app.models import CHANNEL_CRM, OutboxMessage

pytestmark = pytest.mark.both_databases


@pytest.fixture
def crm(real_crm):
    return real_crm()


@pytest.fixture
def app(make_app, crm):
    """The main API, its CRM lane pointed at the real CRM (which always answers: only a loaded machine's slowness
    could reach the timeout)."""
    return make_app(CRM_BASE_URL=crm.url, CRM_TIMEOUT=30.0)


def _book(client, session_id: int, child: dict) -> dict:
    answer = client.post("/bookings/book", json={"session_id": session_id, "dependent_id": child["id"]})
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def _sent(app, kind: str) -> list[dict]:
    """The CRM messages of a kind the main API's outbox holds, oldest first."""
    with app.app_context():
        query = sa.select(OutboxMessage.payload).where(OutboxMessage.channel == CHANNEL_CRM, OutboxMessage.type == kind)
        return list(db.session.scalars(query.order_by(OutboxMessage.id)))


def _book_rows(crm) -> dict:
    """The CRM's client rows by name: (user_id, dependent_id, family_id, bookings, visits, email)."""
    with crm.app.app_context():
        rows = crm_db.session.scalars(sa.select(Client)).all()
        return {r.name: (r.user_id, r.dependent_id, r.family_id, r.bookings, r.visits, r.email) for r in rows}


def test_a_childs_seat_check_in_and_cancelling_count_on_the_childs_own_client(
    app, crm, user, user_client, facilitator, facilitator_client, make_session, add_child, drainer
):
    soon = make_session(capacity=10, starts_in=timedelta(minutes=30), facilitator_id=facilitator.id)
    later = make_session(capacity=10, starts_in=timedelta(days=3), facilitator_id=facilitator.id)
    asha = add_child(user_client, name="Asha Mehta")
    seat, ahead = _book(user_client, soon.id, asha), _book(user_client, later.id, asha)
    path = f"/api/facilitator/{facilitator.id}/sessions/{soon.id}"
    code = next(s["code"] for s in facilitator_client.get(f"{path}/roster").get_json()["seats"])
    checked = facilitator_client.post(f"{path}/checkins", json={"checkins": [{"code": code}]}).get_json()
    assert checked["results"][0]["status"] == "checked_in"
    assert user_client.post(f"/bookings/{ahead['id']}/cancel", json={}).status_code == 200

    created = _sent(app, "booking_created")[0]
    assert created["data"]["dependent"] == {
        "id": asha["id"],
        "name": "Asha Mehta",
        "family_id": created["data"]["dependent"]["family_id"],
        "guardians": [user.id],
    }
    assert created["message"].startswith(f"{user.name} booked a seat for Asha Mehta in ")
    assert _sent(app, "checked_in")[0]["data"]["dependent"] == {"id": asha["id"]}
    assert _sent(app, "booking_cancelled")[0]["data"]["dependent"]["id"] == asha["id"]

    drainer("crm")()
    rows = _book_rows(crm)
    family = created["data"]["dependent"]["family_id"]
    assert rows["Asha Mehta"] == (None, asha["id"], family, 2, 1, None)
    assert rows[user.name][:4] == (user.id, None, family, 0)  # the guardian: linked, their own figures untouched
    with crm.app.app_context():
        told = crm_db.session.scalars(sa.select(Notification.booking_id).where(Notification.type == "checked_in"))
        assert list(told) == [seat["id"]]
    # The guardian's "download my data" holds their child's rows in the client books.
    exported = user_client.get("/me/export")
    assert exported.status_code == 200, exported.get_json()
    [kid] = exported.get_json()["client_books"]["children"]
    assert (kid["name"], kid["dependent_id"], kid["bookings"], kid["visits"]) == ("Asha Mehta", asha["id"], 2, 1)


def test_a_grown_childs_row_becomes_their_account_and_an_erased_childs_keeps_no_name(
    app, crm, user, user_client, facilitator, make_session, add_child, drainer
):
    later = make_session(capacity=10, starts_in=timedelta(days=3), facilitator_id=facilitator.id)
    meera = add_child(user_client, name="Meera Mehta", date_of_birth="2000-05-01")
    ravi = add_child(user_client, name="Ravi Mehta")
    _book(user_client, later.id, meera)
    booked = _book(user_client, later.id, ravi)
    drainer("crm")()
    assert _book_rows(crm)["Meera Mehta"][:2] == (None, meera["id"])

    given = user_client.post(f"/me/family/children/{meera['id']}/own-login", json={"email": "meera@example.com"})
    assert given.status_code == 201, given.get_json()
    assert user_client.post(f"/bookings/{booked['id']}/cancel", json={}).status_code == 200
    assert user_client.delete(f"/me/family/children/{ravi['id']}").status_code == 204
    assert len(_sent(app, "dependent_erased")) == 1  # Ravi's; Meera's row was not erased, it moved
    drainer("crm")()

    rows = _book_rows(crm)
    assert rows["Meera Mehta"] == (given.get_json()["user_id"], meera["id"], rows["Meera Mehta"][2], 1, 0,
                                   "meera@example.com")  # fmt: skip
    assert "Ravi Mehta" not in rows and rows["Deleted child"][1:4] == (ravi["id"], rows["Meera Mehta"][2], 1)
    with crm.app.app_context():
        said = crm_db.session.scalars(sa.select(Notification.message).where(Notification.booking_id == booked["id"]))
        assert all("Ravi" not in message for message in said)
