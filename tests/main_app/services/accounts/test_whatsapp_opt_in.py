"""/auth/me/whatsapp: a person opts in to WhatsApp with the words the server showed them (in their language, recorded
as shown) or withdraws it; each change is kept; messages reach them only on a proved number that has not sent STOP;
their reminders ahead are queued again as the choice now says, and so they are after the number's STOP."""

from datetime import timedelta

import sqlalchemy as sa

from main_app.extensions import db
from main_app.models import CHANNEL_SMS, CHANNEL_WHATSAPP, OutboxMessage
from main_app.services.accounts import whatsapp_reply

PHONE = "+919812345678"
BUSINESS = "106540352242922"


def shown(client, language: str | None = None) -> dict:
    headers = {"Accept-Language": language} if language else {}
    answer = client.get("/auth/me/whatsapp", headers=headers)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def opt_in(client, wording: str, **more):
    return client.put("/auth/me/whatsapp", json={"opted_in": True, "wording": wording, **more})


def test_without_a_number_there_are_no_words_to_show_and_no_opt_in(user_client, assert_error):
    mine = shown(user_client)
    assert (mine["phone"], mine["wording"], mine["opted_in"], mine["active"], mine["history"]) == (
        None, None, False, False, [],
    )  # fmt: skip
    assert_error(opt_in(user_client, "Send me messages"), 409, "no_phone")


def test_an_opt_in_on_a_proved_number_reaches_me_and_is_kept_with_the_words_shown(user_client, verify_phone):
    verify_phone(user_client, PHONE, sms_enabled=False)  # proved, texts off: WhatsApp is its own choice
    words = shown(user_client)["wording"]
    assert PHONE in words and "STOP" in words
    answer = opt_in(user_client, words)
    assert answer.status_code == 200, answer.get_json()
    mine = answer.get_json()
    assert (mine["opted_in"], mine["number"], mine["phone_verified"], mine["stopped"], mine["active"]) == (
        True, PHONE, True, False, True,
    )  # fmt: skip
    [entry] = mine["history"]
    assert (entry["opted_in"], entry["source"], entry["wording"], entry["language"], entry["number"]) == (
        True, "account", words, "en", PHONE,
    )  # fmt: skip
    assert entry["at"]


def test_words_shown_in_hindi_are_recorded_in_hindi(user_client, verify_phone):
    verify_phone(user_client, PHONE)
    hindi = shown(user_client, "hi")
    assert hindi["wording_language"] == "hi" and hindi["wording"] != shown(user_client)["wording"]
    answer = opt_in(user_client, hindi["wording"], source="booking")
    assert answer.status_code == 200, answer.get_json()
    [entry] = answer.get_json()["history"]
    assert (entry["language"], entry["source"], entry["wording"]) == ("hi", "booking", hindi["wording"])


def test_other_words_a_desk_source_or_no_words_are_refused(user_client, verify_phone, assert_error):
    verify_phone(user_client, PHONE)
    words = shown(user_client)["wording"]
    assert_error(opt_in(user_client, "Yes, anything you like"), 400, "validation_error", "wording")
    assert_error(opt_in(user_client, words, source="desk"), 400, "validation_error", "source")  # the studio's
    no_words = user_client.put("/auth/me/whatsapp", json={"opted_in": True})
    assert_error(no_words, 400, "validation_error", "wording")
    assert_error(opt_in(user_client, words, marketing=True), 400, "validation_error", "marketing")
    assert shown(user_client)["history"] == []


def test_a_withdrawal_is_a_new_row_and_the_first_opt_in_stays_as_it_was(user_client, verify_phone):
    verify_phone(user_client, PHONE)
    words = shown(user_client)["wording"]
    assert opt_in(user_client, words).status_code == 200
    out = user_client.put("/auth/me/whatsapp", json={"opted_in": False})
    assert out.status_code == 200, out.get_json()
    mine = out.get_json()
    assert (mine["opted_in"], mine["number"], mine["active"]) == (False, None, False)
    assert [(entry["opted_in"], entry["wording"]) for entry in mine["history"]] == [(False, None), (True, words)]


def reminder_ids(app, channel: str | None = None) -> set[str]:
    with app.app_context():
        query = sa.select(OutboxMessage.id).where(OutboxMessage.type.like("reminder%"))
        query = query if channel is None else query.where(OutboxMessage.channel == channel)
        return set(db.session.scalars(query))


def test_my_reminders_are_queued_again_when_i_opt_in_and_when_my_number_stops(
    app, user_client, verify_phone, make_session
):
    verify_phone(user_client, PHONE)
    booked = user_client.post("/book", json={"session_id": make_session(starts_in=timedelta(days=3)).id})
    assert booked.status_code == 201, booked.get_json()
    first = reminder_ids(app)
    assert first
    assert opt_in(user_client, shown(user_client)["wording"]).status_code == 200
    second = reminder_ids(app)
    assert not second & first  # withdrawn and written again, as choices now say: now with WhatsApp's two reminders
    assert len(reminder_ids(app, CHANNEL_WHATSAPP)) == 2 and not reminder_ids(app, CHANNEL_SMS)  # in the text's place
    assert len(second) == len(first) + 1
    with app.app_context():
        received = whatsapp_reply(PHONE.removeprefix("+"), BUSINESS, "रोकें")
    assert received.changed and shown(user_client)["stopped"] and not shown(user_client)["active"]
    assert not reminder_ids(app) & second and not reminder_ids(app, CHANNEL_WHATSAPP)
    assert len(reminder_ids(app, CHANNEL_SMS)) == 1  # texted again, WhatsApp no longer carrying it
