"""/api/studios/<slug>/clients/<user_id>/whatsapp[/messages] (clients.whatsapp): staff see a client's WhatsApp and
answer what they wrote with free-form text while their 24-hour window with the studio's number is open; refused
(nothing queued) when it is closed, when the number sent STOP, when the studio has no number, and for anyone not the
studio's client. The lane checks the window again when it sends: an answer whose window closed meanwhile dies
without reaching the provider."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
import whatsapp_shapes as wa

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import CHANNEL_CRM, CHANNEL_WHATSAPP, OutboxMessage, User, WhatsappWindow, utcnow
from main_app.services.accounts import whatsapp_reply
from main_app.services.whatsapp import month_of, monthly_usage

NUMBER = wa.STUDIO_A  # the install's number: the studio has none of its own
PHONE = "+919812345678"


@pytest.fixture
def app(make_app, whatsapp_api):
    return make_app(
        WHATSAPP_PHONE_NUMBER_ID=NUMBER.phone_number_id,
        WHATSAPP_BUSINESS_ACCOUNT_ID=NUMBER.waba_id,
        WHATSAPP_ACCESS_TOKEN=NUMBER.access_token,
        WHATSAPP_APP_SECRET=NUMBER.app_secret,
        WHATSAPP_VERIFY_TOKEN=NUMBER.verify_token,
        WHATSAPP_API_BASE=f"{whatsapp_api.url}/{wa.GRAPH_VERSION}",
        WHATSAPP_QUICK_RETRIES=1,
        WHATSAPP_RETRY_SCHEDULE=[0.0, 0.0, 0.0],
    )


@pytest.fixture
def client_of(app, make_user, client_for, make_session):
    """client_of(team): an account giving PHONE that booked one of the team's classes."""

    def make(team, name: str = "Asha Rao"):
        person = make_user(name=name)
        with app.app_context(), unit_of_work():
            db.session.get(User, person.id).phone = PHONE
        session = make_session(studio_id=team.id, starts_in=timedelta(days=3))
        assert client_for(person).post("/book", json={"session_id": session.id}).status_code == 201
        return person

    return make


def path(team, person, tail: str = "") -> str:
    return f"/api/studios/{team.slug}/clients/{person.id}/whatsapp{tail}"


def writes(app, whatsapp_api, text: str = "कल आ रही हूँ", *, at=None) -> None:
    """The client writes to the install's number: the stand-in's window opens, and ours as its webhook tells us."""
    whatsapp_api.reply(NUMBER.phone_number_id, PHONE, text)
    with app.app_context():
        whatsapp_reply(PHONE, NUMBER.phone_number_id, text, at)


def queued(app, channel: str) -> list[OutboxMessage]:
    with app.app_context():
        found = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.channel == channel)).all()
        db.session.expunge_all()
        return [row for row in found if row.type in ("whatsapp_answer", "whatsapp_answered")]


def test_staff_see_the_window_and_answer_inside_it_through_the_studios_number(
    app, team, client_of, whatsapp_api, drainer
):
    person = client_of(team)
    desk = team.clients["front_desk"]
    before = desk.get(path(team, person)).get_json()
    assert before == {
        "opted_in": False,
        "stopped": False,
        "number_hint": "•••• 5678",
        "window_open": False,
        "window_closes_at": None,
        "can_answer": False,
    }
    writes(app, whatsapp_api)
    after = desk.get(path(team, person)).get_json()
    assert (after["window_open"], after["can_answer"], after["window_closes_at"] is not None) == (True, True, True)
    answer = desk.post(path(team, person, "/messages"), json={"text": "See you at 7, Asha!"})
    assert answer.status_code == 202, answer.get_json()
    assert answer.get_json()["window_closes_at"] == after["window_closes_at"]
    [sent] = queued(app, CHANNEL_WHATSAPP)
    assert sent.id == answer.get_json()["message_id"]
    assert sent.payload == {
        "kind": "whatsapp_answer", "to": PHONE, "text": "See you at 7, Asha!",
        "business_number_id": NUMBER.phone_number_id, "studio_id": team.id, "user_id": person.id,
    }  # fmt: skip
    [told] = queued(app, CHANNEL_CRM)
    assert (told.payload["studio_id"], told.payload["user_id"]) == (team.id, person.id)
    desk_account = team.accounts["front_desk"]
    assert told.payload["data"]["sent_by"] == {"id": desk_account.id, "name": desk_account.name}
    assert (told.payload["data"]["text"], told.payload["data"]["message_id"]) == ("See you at 7, Asha!", sent.id)
    drainer(CHANNEL_WHATSAPP)()
    [request] = [r for r in whatsapp_api.requests if r.path.endswith("/messages")]
    assert (request.body["type"], request.body["text"]["body"]) == ("text", "See you at 7, Asha!")
    assert request.body["biz_opaque_callback_data"] == sent.id
    with app.app_context():
        assert db.session.get(OutboxMessage, sent.id).status == "delivered"
        usage = monthly_usage(team.id, month_of(utcnow(), "Asia/Kolkata"))
        assert usage["categories"]["service"]["sent"] == 1  # a free-form answer is priced as service


def test_an_answer_whose_window_closed_before_it_went_dies_without_reaching_whatsapp(
    app, team, client_of, whatsapp_api, drainer
):
    person = client_of(team)
    writes(app, whatsapp_api)
    answer = team.clients["owner"].post(path(team, person, "/messages"), json={"text": "Yes, 7 pm."})
    assert answer.status_code == 202
    with app.app_context(), unit_of_work():  # a day passes before the lane gets to it
        window = db.session.scalar(sa.select(WhatsappWindow))
        window.last_inbound_at = utcnow() - timedelta(hours=25)
    drainer(CHANNEL_WHATSAPP)()
    assert [r for r in whatsapp_api.requests if r.path.endswith("/messages")] == []
    with app.app_context():
        dead = db.session.get(OutboxMessage, answer.get_json()["message_id"])
        assert dead.status == "dead" and "24-hour" in dead.last_error


def test_an_answer_is_refused_outside_the_window_after_stop_and_without_a_number_with_nothing_queued(
    app, make_app, team, client_of, whatsapp_api, assert_error
):
    person = client_of(team)
    owner = team.clients["owner"]
    assert_error(owner.post(path(team, person, "/messages"), json={"text": "hi"}), 409, "whatsapp_window_closed")
    writes(app, whatsapp_api, "hello", at=utcnow() - timedelta(hours=25))  # wrote, but more than a day ago
    assert_error(owner.post(path(team, person, "/messages"), json={"text": "hi"}), 409, "whatsapp_window_closed")
    writes(app, whatsapp_api, "STOP")  # the window is open, and the number stopped
    assert_error(owner.post(path(team, person, "/messages"), json={"text": "hi"}), 409, "whatsapp_stopped")
    assert owner.get(path(team, person)).get_json()["can_answer"] is False
    app.config["WHATSAPP_PHONE_NUMBER_ID"] = ""  # no number at all for the studio
    writes(app, whatsapp_api, "START")
    assert_error(owner.post(path(team, person, "/messages"), json={"text": "hi"}), 409, "whatsapp_not_connected")
    assert queued(app, CHANNEL_WHATSAPP) == [] and queued(app, CHANNEL_CRM) == []


def test_anyone_not_the_studios_client_is_a_404(app, team, make_team, client_of, make_user, assert_error):
    theirs = client_of(make_team("Banyan"), "Their client")
    stranger = make_user(name="Never booked")
    owner = team.clients["owner"]
    for person in (theirs, stranger, team.accounts["manager"]):
        assert_error(owner.get(path(team, person)), 404, "client_not_found")
        assert_error(owner.post(path(team, person, "/messages"), json={"text": "hi"}), 404, "client_not_found")
    assert owner.get(f"/api/studios/{team.slug}/clients/999999/whatsapp").status_code == 404


@pytest.mark.parametrize(
    "body",
    [{}, {"text": ""}, {"text": "   "}, {"text": "x" * 4097}, {"text": 5}, {"text": None}, {"text": ["hi"]}, ["hi"]],
    ids=["no text", "empty", "blank", "4097 characters", "a number", "null", "a list", "not an object"],
)
def test_a_bad_answer_is_a_400_naming_the_text(app, team, client_of, whatsapp_api, assert_error, body):
    person = client_of(team)
    writes(app, whatsapp_api)
    answer = team.clients["owner"].post(path(team, person, "/messages"), json=body)
    assert answer.status_code == 400 and answer.get_json()["error"]["code"] == "validation_error", answer.get_json()
    assert queued(app, CHANNEL_WHATSAPP) == []


def test_an_answer_of_4096_characters_is_taken_and_an_instructor_may_not_answer(
    app, team, client_of, whatsapp_api, assert_error
):
    person = client_of(team)
    writes(app, whatsapp_api)
    assert team.clients["manager"].post(path(team, person, "/messages"), json={"text": "अ" * 4096}).status_code == 202
    refused = team.clients["instructor"].post(path(team, person, "/messages"), json={"text": "hi"})
    assert assert_error(refused, 403, "forbidden")["details"]["permission"] == "clients.whatsapp"
