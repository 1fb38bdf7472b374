"""A STOP belongs to the number, for every account that gives it now or later; START lifts it and brings texts back
only to accounts that had them on; an unproved number gets no text. The development mailbox replies through the
same code path as Twilio's webhook."""

from datetime import timedelta

import pytest
from racing import race
from sqlalchemy import select

from main_app.database import unit_of_work
from main_app.delivery.outcomes import Claimed
from main_app.extensions import db
from main_app.models import OutboxMessage, SmsNumber, utcnow
from main_app.services.accounts import phones
from main_app.services.texts.lane import TextDelivery

PHONE = "+919812345678"
DAY = timedelta(days=1)


def sms_rows(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.execute(
            select(OutboxMessage.type, OutboxMessage.payload).where(OutboxMessage.channel == "sms")
        ).all()
        return sorted((kind, payload["snapshot"]["to"]["user_id"]) for kind, payload in rows)


def reply(client, body: str, sender: str = PHONE):
    response = client.post("/dev/texts/reply", json={"from": sender, "body": body})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["answer"]


def book(client, session_id: int) -> None:
    assert client.post("/book", json={"session_id": session_id}).status_code == 201


def test_an_unproved_number_gets_no_text_until_its_code_comes_back(app, user_client, user, make_session, verify_phone):
    assert user_client.patch("/auth/me", json={"phone": PHONE, "sms_enabled": True}).status_code == 200
    book(user_client, make_session(starts_in=2 * DAY).id)
    assert sms_rows(app) == []
    verify_phone(user_client, None)
    assert sms_rows(app) == [("reminder_2h", user.id)]


def test_a_stop_holds_for_every_account_with_the_number_now_or_later(
    app, client, user_client, user, client_for, make_user, make_session, verify_phone, assert_error
):
    verify_phone(user_client)
    other = make_user()
    other_client = client_for(other)
    verify_phone(other_client)  # a family's shared phone
    assert reply(client, " stop ").startswith("You will get no more texts")
    assert reply(client, "STOP") is None  # confirmed once
    session = make_session(starts_in=2 * DAY)
    book(user_client, session.id)
    book(other_client, session.id)
    assert sms_rows(app) == []
    assert user_client.get("/auth/me").get_json()["sms_stopped"] is True

    newcomer = client_for(make_user())
    assert newcomer.patch("/auth/me", json={"phone": "098123 45678", "sms_enabled": True}).status_code == 200
    assert_error(newcomer.post("/auth/me/phone/code"), 409, "number_opted_out")
    assert sms_rows(app) == []

    assert reply(client, "Start").startswith("Texts from Sessions & Retreats are on again")
    assert sms_rows(app) == sorted([("reminder_2h", user.id), ("reminder_2h", other.id)])


def test_start_brings_texts_back_only_to_accounts_that_had_them_on(
    app, client, user_client, user, client_for, make_user, make_session, verify_phone
):
    verify_phone(user_client, sms_enabled=False)  # proved, but never asked for texts
    other = make_user()
    other_client = client_for(other)
    verify_phone(other_client)
    session = make_session(starts_in=2 * DAY)
    book(user_client, session.id)
    book(other_client, session.id)
    reply(client, "STOP")
    reply(client, "START")
    mine = user_client.get("/auth/me").get_json()
    assert (mine["sms_enabled"], mine["sms_stopped"]) == (False, False)
    assert other_client.get("/auth/me").get_json()["sms_enabled"] is True
    # The reminder written again; the confirmation, queued before the STOP, waits for the lane, which checks the number.
    assert sms_rows(app) == [("booking_confirmed", other.id), ("reminder_2h", other.id)]


def test_a_stop_that_lands_after_the_lane_claimed_a_text_still_stops_it(app, user_client, make_session, verify_phone):
    verify_phone(user_client)
    book(user_client, make_session(starts_in=3 * DAY).id)
    with app.app_context(), unit_of_work():
        queued = db.session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "sms")).all()
        assert sorted(message.type for message in queued) == ["booking_confirmed", "reminder_2h"]
        for message in queued:
            message.next_attempt_at = utcnow()
        # The STOP as the lane finds it: recorded, the queued texts not yet dropped.
        db.session.get(SmsNumber, PHONE).opted_out_at = utcnow()  # made by the code request
        claimed = [Claimed(id=m.id, type=m.type, payload=m.payload, attempts=0) for m in queued]
    lane = TextDelivery.from_config(app.config)
    with app.app_context():
        prepared = lane.prepare(claimed)
    assert [message.payload["unsent"] for message in prepared] == ["texts are off for this number"] * 2


@pytest.mark.parametrize("body", ["thanks!", ""])
def test_other_replies_change_nothing(client, body):
    assert reply(client, body) is None


def test_a_sender_that_is_not_a_phone_number_changes_nothing(app, client, assert_error):
    assert phones.reply_to("whatsapp:+919812345678", "STOP") is None  # what Twilio's other channels send
    assert_error(
        client.post("/dev/texts/reply", json={"from": "+1" + "2" * 30, "body": "STOP"}), 400, "validation_error", "from"
    )
    with app.app_context():
        assert db.session.scalar(select(SmsNumber.number)) is None


def test_replying_from_the_mailbox_is_not_there_in_production(make_app, production_settings):
    client = make_app(**production_settings).test_client()
    assert client.post("/dev/texts/reply", json={"from": PHONE, "body": "STOP"}).status_code == 404


@pytest.mark.both_databases
def test_stops_at_once_are_confirmed_once(app):
    answers = race([lambda: reply(app.test_client(), "STOP") for _ in range(4)])
    assert sorted(answer is None for answer in answers) == [False, True, True, True]
    with app.app_context():
        assert db.session.get(SmsNumber, PHONE).opted_out_at is not None
