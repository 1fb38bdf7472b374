"""A WhatsApp message of news that failed (Meta's failed status, or the lane giving it up as undeliverable) falls
back once to a text, else an email, as the person allows and as no other channel carried it; the attempt log says
where it went or why nowhere; replies, replayed webhooks and a second failure queue nothing more."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
import whatsapp_shapes as wa
from cryptography.fernet import Fernet

from main_app.database import unit_of_work
from main_app.delivery import Claimed, outbox_row
from main_app.extensions import db
from main_app.models import CHANNEL_EMAIL, CHANNEL_SMS, CHANNEL_WHATSAPP, DeliveryAttempt, OutboxMessage, User, utcnow
from main_app.services import chats, news
from main_app.services.accounts.whatsapp_webhook import reply_row
from main_app.services.whatsapp import ACCEPTED_AS, WhatsAppDelivery

pytestmark = pytest.mark.both_databases  # the conditional insert is a dialect branch

INSTALL = wa.STUDIO_A
PERSON = "919812345678"
SETTINGS = {
    "WHATSAPP_KEYS_KEY": Fernet.generate_key().decode(),
    "WHATSAPP_PHONE_NUMBER_ID": INSTALL.phone_number_id,
    "WHATSAPP_BUSINESS_ACCOUNT_ID": INSTALL.waba_id,
    "WHATSAPP_ACCESS_TOKEN": INSTALL.access_token,
    "WHATSAPP_APP_SECRET": INSTALL.app_secret,
    "WHATSAPP_VERIFY_TOKEN": INSTALL.verify_token,
}
UNDELIVERABLE = "WhatsAppError: Meta answered 400 (code 131026): (#131026) Message undeliverable"


@pytest.fixture
def app(make_app):
    return make_app(**SETTINGS)


@pytest.fixture
def person(app, make_user):
    """Make an account with a proved number and WhatsApp on; texts and reminder emails as asked."""

    def make(*, texts: bool, reminders: bool = True) -> int:
        return proved(app, make_user(name="Asha"), texts=texts, reminders=reminders).id

    return make


def proved(app, account, *, texts: bool, reminders: bool = True):
    """The account with its number proved, texts and reminder emails as asked."""
    with app.app_context(), unit_of_work():
        user = db.session.get(User, account.id)
        user.phone, user.phone_verified_at = f"+{PERSON}", utcnow()
        user.sms_enabled, user.reminders_enabled = texts, reminders
    return account


def queued(app, user_id: int, kind: str = "booking_confirmed", also_by=()) -> str:
    """A WhatsApp row of news as publish writes it (also_by: the channels that carried the same word)."""
    snapshot = {"to": {"user_id": user_id, "name": "Asha", "phone": f"+{PERSON}"}, "studio": {"id": None}}
    payload = {"kind": kind, "snapshot": snapshot, "also_by": list(also_by)}
    with app.app_context(), unit_of_work():
        row = OutboxMessage(**outbox_row(CHANNEL_WHATSAPP, kind, payload))
        db.session.add(row)
        db.session.flush()
        return row.id


def failed(client, outbox_id: str | None, wamid: str = "wamid.out", code: int = wa.UNDELIVERABLE):
    entry = wa.status_entry(wamid, PERSON, "failed", 0, biz_opaque_callback_data=outbox_id)
    body = wa.status_webhook(INSTALL, entry | {"errors": [wa.delivery_error(code)]})
    answer = client.post(chats.WEBHOOK_PATH, data=body, headers=wa.webhook_headers(body, INSTALL.app_secret))
    assert answer.status_code == 200
    return answer.get_json()


def others(app) -> list[OutboxMessage]:
    """The rows of the channels a WhatsApp message falls back to."""
    with app.app_context():
        query = sa.select(OutboxMessage).where(OutboxMessage.channel.in_((CHANNEL_SMS, CHANNEL_EMAIL)))
        return list(db.session.scalars(query))


def said(app, outbox_id: str) -> list[str]:
    with app.app_context():
        query = sa.select(DeliveryAttempt.response_excerpt).where(DeliveryAttempt.message_id == outbox_id)
        return list(db.session.scalars(query.order_by(DeliveryAttempt.id)))


def test_a_failed_status_falls_back_to_a_text_when_the_person_has_texts_on(app, client, person):
    outbox_id = queued(app, person(texts=True))
    assert failed(client, outbox_id)["applied"] == 1
    [text] = others(app)
    assert (text.channel, text.type, text.id) == (CHANNEL_SMS, "booking_confirmed", news.fallback_id(outbox_id))
    assert text.payload["snapshot"]["to"]["phone"] == f"+{PERSON}"
    assert text.payload["fallback_of"] == {
        "channel": "whatsapp",
        "message_id": outbox_id,
        "why": "WhatsApp says: failed (error 131026: Message undeliverable)",
    }
    assert said(app, outbox_id) == [f"WhatsApp says: failed; fell back to SMS ({text.id})"]


def test_with_texts_and_whatsapp_on_the_text_goes_only_when_the_whatsapp_message_fails(
    app, client, make_user, client_for, make_session
):
    booker = client_for(proved(app, make_user(name="Asha"), texts=True))
    wording = booker.get("/auth/me/whatsapp").get_json()["wording"]
    assert booker.put("/auth/me/whatsapp", json={"opted_in": True, "wording": wording}).status_code == 200
    booked = booker.post("/book", json={"session_id": make_session(starts_in=timedelta(days=3)).id})
    assert booked.status_code == 201, booked.get_json()
    assert {row.channel for row in others(app)} == {CHANNEL_EMAIL}  # the emails, the record: no text
    with app.app_context():
        query = sa.select(OutboxMessage).where(OutboxMessage.channel == CHANNEL_WHATSAPP)
        confirmation = db.session.scalars(query.where(OutboxMessage.type == "booking_confirmed")).one()
    assert confirmation.payload["also_by"] == [CHANNEL_EMAIL]
    failed(client, confirmation.id)
    failed(client, confirmation.id, "wamid.again", wa.REENGAGEMENT)
    [text] = [row for row in others(app) if row.channel == CHANNEL_SMS]
    assert (text.id, text.type, text.booking_id) == (
        news.fallback_id(confirmation.id),
        "booking_confirmed",
        booked.get_json()["id"],
    )


def test_without_texts_it_falls_back_to_an_email_to_the_accounts_address(app, client, person):
    user_id = person(texts=False)
    outbox_id = queued(app, user_id)
    failed(client, outbox_id)
    [email] = others(app)
    assert (email.channel, email.id) == (CHANNEL_EMAIL, news.fallback_id(outbox_id))
    with app.app_context():
        address = db.session.get(User, user_id).email
    assert email.payload["snapshot"]["to"] == {"user_id": user_id, "name": "Asha", "email": address}
    assert said(app, outbox_id) == [f"WhatsApp says: failed; fell back to email ({email.id})"]


def test_a_reminder_the_person_gets_neither_by_text_nor_email_falls_back_nowhere_and_says_why(app, client, person):
    outbox_id = queued(app, person(texts=False, reminders=False), "reminder_24h")
    failed(client, outbox_id)
    assert others(app) == []
    assert said(app, outbox_id) == ["WhatsApp says: failed; no fallback: the person gets neither texts nor this email"]


def test_a_channel_that_already_carried_the_word_gets_no_second_copy(app, client, person):
    both = queued(app, person(texts=True), also_by=("email", "sms"))
    failed(client, both, "wamid.both")
    emailed = queued(app, person(texts=False), also_by=("email",))
    failed(client, emailed, "wamid.emailed")
    assert others(app) == []
    assert said(app, both) == ["WhatsApp says: failed; no fallback: already sent by email and SMS"]
    assert said(app, emailed) == ["WhatsApp says: failed; no fallback: already sent by email"]
    texted = queued(app, person(texts=True), also_by=("sms",))  # the text went: the email is what is left
    failed(client, texted, "wamid.texted")
    assert [row.channel for row in others(app)] == [CHANNEL_EMAIL]


def test_a_replayed_webhook_and_a_second_failure_queue_one_fallback(app, client, person):
    outbox_id = queued(app, person(texts=True))
    assert failed(client, outbox_id)["applied"] == 1
    assert failed(client, outbox_id)["duplicate"] == 1  # Meta delivers the same webhook again
    assert failed(client, outbox_id, "wamid.again", wa.REENGAGEMENT)["applied"] == 1  # another failure of it
    assert len(others(app)) == 1
    assert said(app, outbox_id)[-1] == "WhatsApp says: failed; fell back already"


def test_a_failed_status_without_our_id_is_found_by_metas_message_id_in_the_attempt_log(app, client, person):
    outbox_id = queued(app, person(texts=True))
    with app.app_context(), unit_of_work():  # the lane's hand-over, as its attempt log keeps Meta's answer
        db.session.add(
            DeliveryAttempt(
                message_id=outbox_id, worker_id="w", status_code=202, latency_ms=1.0,
                response_excerpt=f"{ACCEPTED_AS}wamid.found",
            )
        )  # fmt: skip
    assert failed(client, None, "wamid.found")["applied"] == 1
    assert [row.id for row in others(app)] == [news.fallback_id(outbox_id)]
    assert failed(client, None, "wamid.unknown")["ignored"] == 1


def test_a_reply_does_not_fall_back(app, client):
    row = reply_row(f"+{PERSON}", INSTALL.phone_number_id, "ok")
    with app.app_context(), unit_of_work():
        db.session.add(OutboxMessage(**row))
    failed(client, row["id"])
    assert others(app) == []
    assert said(app, row["id"]) == ["WhatsApp says: failed; no fallback: not news (a reply, an answer or marketing)"]


def give_up(app, outbox_id: str, error: str) -> None:
    """The dispatcher's commit that records the message dead, with the lane's after_dead in it."""
    lane = WhatsAppDelivery(None, app.config, web_url="http://web.test", fallback=news.fall_back)
    with app.app_context(), unit_of_work():
        payload = db.session.get(OutboxMessage, outbox_id).payload
        lane.after_dead(Claimed(outbox_id, payload["kind"], payload, 1), error)


def test_the_lane_giving_up_on_an_undeliverable_message_falls_back_once_with_a_failed_status(app, client, person):
    outbox_id = queued(app, person(texts=False))
    give_up(app, outbox_id, UNDELIVERABLE)
    [email] = others(app)
    assert email.payload["fallback_of"]["why"] == "Meta refused it (error 131026)"
    failed(client, outbox_id)  # Meta's failed status of the same message after all
    assert len(others(app)) == 1
    assert said(app, outbox_id) == [
        f"Meta refused it (error 131026); fell back to email ({email.id})",
        "WhatsApp says: failed; fell back already",
    ]


def test_a_refusal_that_says_nothing_of_the_number_does_not_fall_back(app, person):
    outbox_id = queued(app, person(texts=True))
    give_up(app, outbox_id, "WhatsAppError: Meta answered 404 (code 132001): (#132001) Template name does not exist")
    give_up(app, outbox_id, "WhatsAppError: could not compose booking_confirmed: KeyError")
    assert others(app) == [] and said(app, outbox_id) == []
