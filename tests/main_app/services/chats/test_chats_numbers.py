"""What a number's messages change: a STOP alone (English, Hindi, Marathi) stops WhatsApp to the number for every
account that gives it, at once and once; START gives each account back exactly the consent it had; every message
opens the number's 24-hour window with the business number it wrote to, never moved back by a late webhook."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from racing import race

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import User, WhatsappNumber, WhatsappNumberChange, WhatsappWindow, utcnow
from main_app.services.chats import (
    WINDOW,
    Received,
    consent_wording,
    opt_in,
    receive,
    stopped,
    wants_whatsapp,
    whatsapp_number,
    window_closes_at,
    window_open,
)
from main_app.services.chats.numbers import STARTED, STOPPED
from main_app.services.languages import gettext, speaking

PHONE = "+919812345678"
SENDER = "919812345678"  # as WhatsApp's webhook gives it: digits, no +
BUSINESS, OTHER_BUSINESS = "106540352242922", "106540352249999"
AT = datetime(2031, 3, 4, 5, 6, 7, tzinfo=UTC)


def said(message: str, language: str) -> str:
    with speaking(language):
        return gettext(message)


@pytest.fixture
def family(app, make_user):
    """Two accounts sharing one proved number (a family's phone): the first opted in, the second never did."""
    accounts = [make_user(), make_user()]
    with app.app_context():
        with unit_of_work():
            for account in accounts:
                user = db.session.get(User, account.id)
                user.phone, user.phone_verified_at = PHONE, utcnow()
        opt_in(db.session.get(User, accounts[0].id), "account", consent_wording(PHONE, "en"))
        yield [db.session.get(User, account.id) for account in accounts]


def test_a_stop_holds_for_every_account_with_the_number_and_start_gives_each_what_it_had(family):
    opted_in, never = family
    stop = receive(SENDER, BUSINESS, "STOP", at=AT)
    assert isinstance(stop, Received)
    assert (stop.number, stop.action, stop.changed, stop.user_ids) == (PHONE, "stop", True, (opted_in.id, never.id))
    assert stop.reply == STOPPED and stopped(PHONE)
    assert not wants_whatsapp(opted_in) and not wants_whatsapp(never)
    again = receive(SENDER, BUSINESS, "stop")
    assert (again.changed, again.reply) == (False, None)  # confirmed once
    start = receive(SENDER, BUSINESS, "Start")
    assert (start.action, start.changed, start.reply) == ("start", True, STARTED)
    assert wants_whatsapp(opted_in) and not wants_whatsapp(never)  # each as it was: a STOP rewrote no consent
    changes = db.session.scalars(sa.select(WhatsappNumberChange).order_by(WhatsappNumberChange.id)).all()
    assert [(change.stopped, change.word, change.business_number_id) for change in changes] == [
        (True, "STOP", BUSINESS), (False, "Start", BUSINESS),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "word, language",
    [("रोकें", "hi"), ("बंद करो", "hi"), ("थांबवा", "mr"), ("बंद करा", "mr")],
)
def test_hindi_and_marathi_stops_are_confirmed_in_their_language(family, word, language):
    stop = receive(SENDER, BUSINESS, word)
    assert stop.changed and stopped(PHONE)
    assert stop.reply == said(STOPPED, language) != STOPPED
    start = receive(SENDER, BUSINESS, {"hi": "शुरू", "mr": "सुरू"}[language])
    assert start.changed and not stopped(PHONE) and start.reply == said(STARTED, language)


def test_a_word_both_languages_share_or_an_english_one_is_confirmed_in_the_accounts_language(family):
    with unit_of_work():
        db.session.get(User, family[0].id).language = "mr"
    assert receive(SENDER, BUSINESS, "बंद").reply == said(STOPPED, "mr")
    assert receive(SENDER, BUSINESS, "START").reply == said(STARTED, "mr")


def test_a_number_nobody_gives_can_stop_too_and_is_confirmed_in_english_or_hindi(app):
    with app.app_context():
        assert receive("447700900123", BUSINESS, "QUIT").reply == STOPPED
        assert receive("447700900123", BUSINESS, "चालू").reply == said(STARTED, "hi")


def test_other_messages_change_nothing_but_the_window(family):
    answer = receive(SENDER, BUSINESS, "कल आ रही हूँ", at=AT)
    assert (answer.number, answer.action, answer.changed, answer.reply) == (PHONE, None, False, None)
    assert not stopped(PHONE) and window_closes_at(PHONE, BUSINESS) == AT + WINDOW


@pytest.mark.parametrize("sender", ["whatsapp:+919812345678", "", "+1" + "2" * 30, "abc"])
def test_a_sender_that_is_not_a_phone_number_changes_nothing(app, sender):
    with app.app_context():
        assert receive(sender, BUSINESS, "STOP").number is None
        for model in (WhatsappNumber, WhatsappWindow):
            assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) == 0


@pytest.mark.parametrize(
    "sender, number",
    [("919812345678", PHONE), ("+919812345678", PHONE), (" 447700900123 ", "+447700900123"), ("0919812345678", None)],
)
def test_a_webhooks_sender_is_read_as_e164(sender, number):
    assert whatsapp_number(sender) == number


def test_the_window_is_open_for_24_hours_after_the_last_message_to_that_business_number(app):
    with app.app_context():
        assert window_closes_at(PHONE, BUSINESS) is None and not window_open(PHONE, BUSINESS, AT)
        receive(SENDER, BUSINESS, "Can I bring a friend?", at=AT)
        assert window_open(PHONE, BUSINESS, AT + timedelta(hours=23, minutes=59))
        assert not window_open(PHONE, BUSINESS, AT + timedelta(hours=24))
        assert not window_open(PHONE, OTHER_BUSINESS, AT)  # the window is per business number
        receive(SENDER, BUSINESS, "Also a mat?", at=AT + timedelta(hours=2))
        receive(SENDER, BUSINESS, "Can I bring a friend?", at=AT + timedelta(hours=1))  # a late webhook
        assert window_closes_at(PHONE, BUSINESS) == AT + timedelta(hours=26)


@pytest.mark.both_databases
def test_stops_at_once_change_the_number_once_and_the_latest_message_holds_the_window(app):
    times = [AT + timedelta(minutes=minutes) for minutes in (3, 1, 4, 2)]

    def stop_at(when):
        def call():
            with app.app_context():
                return receive(SENDER, BUSINESS, "STOP", at=when)

        return call

    answers = race([stop_at(when) for when in times])
    assert sorted(answer.changed for answer in answers) == [False, False, False, True]
    assert [answer.reply for answer in answers if answer.reply] == [STOPPED]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WhatsappNumberChange)) == 1
        assert window_closes_at(PHONE, BUSINESS) == max(times) + WINDOW
