"""A client's WhatsApp consent at the studio's desk (/api/studios/<slug>/clients/<user_id>/whatsapp/consent): the
words read out in the client's language, their opt-in or opt-out recorded as said there (source desk, by the member,
for the studio, audited), only for the studio's own clients and only by members with clients.write, a removed member
refused at once."""

import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import User as UserRow
from main_app.models import WhatsappConsent
from main_app.services.accounts import whatsapp_reply

PHONE = "+919812345678"
BUSINESS = "106540352242922"


def consent_path(slug: str, user_id: int) -> str:
    return f"/api/studios/{slug}/clients/{user_id}/whatsapp/consent"


def client_of(team, make_user, make_session, client_for, name: str = "Asha Client"):
    """A person who booked one of the team's classes."""
    person = make_user(name=name)
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    assert client_for(person).post("/bookings/book", json={"session_id": session.id}).status_code == 201
    return person


def rows(app) -> list[tuple]:
    with app.app_context():
        found = db.session.scalars(sa.select(WhatsappConsent).order_by(WhatsappConsent.id))
        return [(row.opted_in, row.source, row.studio_id, row.recorded_by, row.language) for row in found]


def test_the_desk_reads_the_words_in_the_clients_language_and_records_the_opt_in(
    app, team, make_user, make_session, client_for, verify_phone
):
    person = client_of(team, make_user, make_session, client_for)
    verify_phone(client_for(person), PHONE)
    with app.app_context(), unit_of_work():
        db.session.get(UserRow, person.id).language = "mr"
    desk = team.clients["front_desk"]
    words = desk.get(consent_path(team.slug, person.id))
    assert words.status_code == 200, words.get_json()
    shown = words.get_json()
    assert shown["wording_language"] == "mr" and PHONE in shown["wording"] and shown["opted_in"] is False
    assert shown["number_hint"] == "•••• 5678"
    answer = desk.put(consent_path(team.slug, person.id), json={"opted_in": True, "wording": shown["wording"]})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json() == {
        "opted_in": True, "stopped": False, "number_hint": "•••• 5678", "window_open": False,
        "window_closes_at": None, "can_answer": False,
    }  # fmt: skip
    desk_id = team.accounts["front_desk"].id
    assert rows(app) == [(True, "desk", team.id, desk_id, "mr")]
    # The person sees it among their own changes, and messages reach them now.
    mine = client_for(person).get("/auth/me/whatsapp").get_json()
    assert mine["active"] is True and mine["history"][0]["source"] == "desk"
    audit = team.clients["owner"].get(f"/api/studios/{team.slug}/audit?kind=client.whatsapp_consent").get_json()
    [entry] = audit["items"]
    assert (entry["object_type"], entry["object_id"], entry["actor_id"]) == ("user", person.id, desk_id)
    assert entry["after"] == {"opted_in": True, "number": "•••• 5678"}


def test_an_opt_out_at_the_desk_is_recorded_and_an_opt_out_of_nothing_changes_nothing(
    app, team, make_user, make_session, client_for, verify_phone
):
    person = client_of(team, make_user, make_session, client_for)
    verify_phone(client_for(person), PHONE)
    path, desk = consent_path(team.slug, person.id), team.clients["manager"]
    assert desk.put(path, json={"opted_in": False}).get_json()["opted_in"] is False
    assert rows(app) == []  # nothing to withdraw: no row, no audit entry
    wording = desk.get(path).get_json()["wording"]
    assert desk.put(path, json={"opted_in": True, "wording": wording}).status_code == 200
    out = desk.put(path, json={"opted_in": False})
    assert out.status_code == 200 and out.get_json()["opted_in"] is False
    manager = team.accounts["manager"].id
    assert [row[:4] for row in rows(app)] == [(True, "desk", team.id, manager), (False, "desk", team.id, manager)]


def test_the_window_shows_once_the_client_wrote_to_the_studios_number(
    app, team, make_user, make_session, client_for, verify_phone, monkeypatch
):
    monkeypatch.setitem(app.config, "WHATSAPP_PHONE_NUMBER_ID", BUSINESS)
    person = client_of(team, make_user, make_session, client_for)
    verify_phone(client_for(person), PHONE)
    with app.app_context():
        whatsapp_reply(PHONE.removeprefix("+"), BUSINESS, "Is there parking?")
    shown = team.clients["owner"].get(consent_path(team.slug, person.id)).get_json()
    assert shown["window_open"] is True and shown["can_answer"] is True and shown["window_closes_at"]
    with app.app_context():
        whatsapp_reply(PHONE.removeprefix("+"), BUSINESS, "STOP")
    shown = team.clients["owner"].get(consent_path(team.slug, person.id)).get_json()
    assert (shown["stopped"], shown["can_answer"]) == (True, False)


def test_bad_input_is_a_clear_400_and_no_number_a_409(
    app, team, make_user, make_session, client_for, verify_phone, assert_error
):
    person = client_of(team, make_user, make_session, client_for)
    path, desk = consent_path(team.slug, person.id), team.clients["front_desk"]
    assert desk.get(path).get_json()["wording"] is None  # no number: no words to read
    assert_error(desk.put(path, json={"opted_in": True, "wording": "Yes"}), 409, "no_phone")
    verify_phone(client_for(person), PHONE)
    assert_error(desk.put(path, json={"opted_in": True}), 400, "validation_error", "wording")
    assert_error(desk.put(path, json={"opted_in": True, "wording": "Yes"}), 400, "validation_error", "wording")
    assert_error(desk.put(path, json={"opted_in": "maybe"}), 400, "validation_error", "opted_in")
    assert_error(desk.put(path, json={"wording": "x" * 2001, "opted_in": True}), 400, "validation_error", "wording")
    assert_error(desk.put(path, json={"opted_in": False, "source": "account"}), 400, "validation_error", "source")
    assert rows(app) == []


def test_only_the_studios_own_clients_and_only_with_clients_write(
    app, team, make_team, make_user, make_session, client_for, verify_phone, assert_error
):
    theirs = make_team("Other Studio")
    their_client = client_of(theirs, make_user, make_session, client_for, name="Their Client")
    verify_phone(client_for(their_client), PHONE)
    stranger = make_user(name="Never Booked")
    for user_id in (their_client.id, stranger.id, team.accounts["owner"].id, 999_999):
        for method in ("get", "put"):
            answer = getattr(team.clients["owner"], method)(consent_path(team.slug, user_id), json={"opted_in": False})
            assert_error(answer, 404, "client_not_found")
    mine = client_of(team, make_user, make_session, client_for, name="My Client")
    answer = team.clients["instructor"].put(consent_path(team.slug, mine.id), json={"opted_in": False})
    assert_error(answer, 403, "forbidden")
    assert rows(app) == []


def test_a_removed_member_is_refused_at_once(app, team, make_user, make_session, client_for, verify_phone):
    person = client_of(team, make_user, make_session, client_for)
    verify_phone(client_for(person), PHONE)
    path, desk = consent_path(team.slug, person.id), team.clients["front_desk"]
    wording = desk.get(path).get_json()["wording"]
    removed = team.clients["owner"].delete(f"/api/studios/{team.slug}/members/{team.accounts['front_desk'].id}")
    assert removed.status_code == 204
    answer = desk.put(path, json={"opted_in": True, "wording": wording})  # the token they had still signed
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (404, "studio_not_found")
    assert rows(app) == []
