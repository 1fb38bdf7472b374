"""A person's WhatsApp consent: an explicit opt-in kept with the words shown (from the catalogue, in the language
shown), the number, the source and the time; each change a new row; WhatsApp only with consent for the account's
number, that number proved and not stopped; two opt-ins at once keep one."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from probes import count_statements
from racing import race

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import User, WhatsappConsent, utcnow
from main_app.services.chats import (
    consent_history,
    consent_wording,
    current_consent,
    opt_in,
    opt_out,
    receive,
    wanting_whatsapp,
    wants_whatsapp,
)
from service_kit.errors import APIError, ValidationFailed

PHONE, OTHER_PHONE = "+919812345678", "+919876543210"
BUSINESS = "106540352242922"
AT = datetime(2031, 3, 4, 5, 6, 7, tzinfo=UTC)


def give_phone(user_id: int, phone: str | None = PHONE, proved: bool = True) -> User:
    """The account's number, proved with a code (as accounts/phone_codes.py proves it) or not; its row."""
    with unit_of_work(keep_loaded=True):
        user = db.session.get(User, user_id)
        user.phone, user.phone_verified_at = phone, utcnow() if proved else None
    return user


@pytest.fixture
def person(app, make_user):
    """An account with a proved number; the test works in an app context and gets the account's row."""
    account = make_user()
    with app.app_context():
        yield give_phone(account.id)


def test_an_opt_in_keeps_the_words_shown_in_their_language_the_number_the_source_and_the_time(person):
    words = consent_wording(PHONE, "mr")
    assert PHONE in words and words != consent_wording(PHONE, "en")  # Marathi, from the catalogue
    assert opt_in(person, "booking", f"  {words} ", at=AT) is True  # spaces around it are not words
    [row] = consent_history(person.id)
    assert (row.opted_in, row.number, row.source, row.language, row.wording, row.at) == (
        True, PHONE, "booking", "mr", words, AT,
    )  # fmt: skip
    assert wants_whatsapp(person)


def test_words_we_do_not_show_are_refused_and_nothing_is_kept(person):
    for wording in ("I agree", consent_wording(OTHER_PHONE, "en"), consent_wording(PHONE, "en") + " and marketing"):
        with pytest.raises(ValidationFailed) as refused:
            opt_in(person, "account", wording)
        assert set(refused.value.details) == {"wording"}
    with pytest.raises(ValidationFailed):
        opt_in(person, "somewhere", consent_wording(PHONE, "en"))
    assert consent_history(person.id) == [] and not wants_whatsapp(person)


def test_without_a_number_there_is_nothing_to_opt_in_for(app, make_user):
    account = make_user()
    with app.app_context():
        with pytest.raises(APIError) as refused:
            opt_in(db.session.get(User, account.id), "account", consent_wording(PHONE, "en"))
        assert (refused.value.status, refused.value.code) == (409, "no_phone")


def test_each_change_is_a_new_row_and_a_repeat_changes_nothing(person):
    assert opt_in(person, "account", consent_wording(PHONE, "en"))
    assert not opt_in(person, "booking", consent_wording(PHONE, "hi"))  # consented already: no row
    assert opt_out(person, "account")
    assert not opt_out(person, "desk")
    assert opt_in(person, "desk", consent_wording(PHONE, "hi"), studio_id=None, recorded_by=person.id)
    rows = consent_history(person.id)
    assert [(row.opted_in, row.source, row.language) for row in rows] == [
        (True, "desk", "hi"), (False, "account", None), (True, "account", "en"),
    ]  # fmt: skip
    assert rows[-1].wording == consent_wording(PHONE, "en")  # the first opt-in's words, as they were
    assert rows[0].recorded_by == person.id and current_consent(person.id).id == rows[0].id


def test_whatsapp_goes_only_with_consent_for_the_number_as_it_is_proved_and_not_stopped(person):
    assert not wants_whatsapp(person)  # no consent
    opt_in(person, "account", consent_wording(PHONE, "en"))
    assert wants_whatsapp(person)
    receive(PHONE.removeprefix("+"), BUSINESS, "STOP")
    assert not wants_whatsapp(person)
    receive(PHONE.removeprefix("+"), BUSINESS, "START")
    assert wants_whatsapp(person)
    assert not wants_whatsapp(give_phone(person.id, PHONE, proved=False))  # the same number, not proved (yet)
    assert not wants_whatsapp(give_phone(person.id, OTHER_PHONE))  # a new number: the consent was for the old one
    assert wants_whatsapp(give_phone(person.id, PHONE))  # the number it was for, proved again


def test_wanting_whatsapp_says_what_wants_whatsapp_says_for_many_in_one_query(app, make_user):
    accounts = [make_user() for _ in range(6)]
    with app.app_context():
        people = [give_phone(account.id, f"+91981234567{n}", proved=n != 1) for n, account in enumerate(accounts)]
        for user in people[:5]:
            opt_in(user, "account", consent_wording(user.phone, "en"))
        opt_out(people[2], "account")
        receive(people[3].phone, BUSINESS, "रोकें")
        people = [db.session.get(User, account.id) for account in accounts]
        expected = {user.id for user in people if wants_whatsapp(user)}
        assert expected == {people[0].id, people[4].id}
        found, statements = count_statements(db.engine, lambda: wanting_whatsapp(people))
        assert (found, statements) == (expected, 1)
        assert wanting_whatsapp([]) == set()


@pytest.mark.both_databases
def test_two_opt_ins_at_once_keep_one_row(app, make_user):
    account = make_user()
    with app.app_context():
        give_phone(account.id)

    def opt_in_now():
        with app.app_context():
            return opt_in(db.session.get(User, account.id), "account", consent_wording(PHONE, "en"))

    assert sorted(race([opt_in_now] * 8)) == [False] * 7 + [True]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WhatsappConsent)) == 1
