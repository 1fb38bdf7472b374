"""WhatsApp first, texts as its fallback, through the Cloud API stand-in: a person with texts and WhatsApp on gets
their news by WhatsApp and no text; a number that cannot get WhatsApp (131026) makes the stand-in answer and then
send a signed failed status, without our id, to the webhook, and the news falls back once to a text however often
the status comes; a STOP to WhatsApp brings the texted reminders back."""

import pytest
import sqlalchemy as sa
from main_fake_crm import ServedApp
from test_whatsapp_lane import NUMBER, PHONE, app, book, whatsapp_lane, whatsapp_on  # noqa: F401 (fixtures)

from main_app.extensions import db
from main_app.models import CHANNEL_SMS, CHANNEL_WHATSAPP, DeliveryAttempt, OutboxMessage
from main_app.services import chats, news
from main_app.services.accounts import whatsapp_reply
from main_app.services.whatsapp.lane import REPLY

pytestmark = pytest.mark.both_databases


@pytest.fixture
def webhook_to(app, whatsapp_api):  # noqa: F811
    """The stand-in's webhooks for the install's number sent to this app, served on a port of its own."""
    served = ServedApp(app)
    whatsapp_api.set_webhook(app.config["WHATSAPP_PHONE_NUMBER_ID"], served.url + chats.WEBHOOK_PATH)
    yield
    served.stop()


def test_an_undeliverable_confirmation_falls_back_to_a_text_once(
    app,  # noqa: F811
    client,
    user_client,
    make_session,
    verify_phone,
    whatsapp_on,  # noqa: F811
    whatsapp_api,
    whatsapp_lane,  # noqa: F811
    webhook_to,
):
    verify_phone(user_client, PHONE)  # texts on
    whatsapp_on(user_client, proved=True)
    book(user_client, make_session)
    assert texts(app) == []  # WhatsApp takes the texts' place
    whatsapp_api.mark_undeliverable(PHONE)
    whatsapp_lane()
    assert whatsapp_api.wait_for_webhooks()
    [failed] = [hook for hook in whatsapp_api.webhooks if '"failed"' in hook.body.decode()]
    # Delivered again, as Meta does when an answer is lost; the first may have come before the lane's commit.
    again = client.post(chats.WEBHOOK_PATH, data=failed.body, headers=failed.headers)
    assert again.status_code == 200 and again.get_json()["ignored"] == 0
    with app.app_context():
        confirmations = sa.select(OutboxMessage).where(OutboxMessage.type == "booking_confirmed")
        [whatsapp] = db.session.scalars(confirmations.where(OutboxMessage.channel == CHANNEL_WHATSAPP))
        [text] = db.session.scalars(confirmations.where(OutboxMessage.channel == CHANNEL_SMS))
        assert whatsapp.payload["also_by"] == ["email"]
        said = db.session.scalars(
            sa.select(DeliveryAttempt.response_excerpt).where(DeliveryAttempt.message_id == whatsapp.id)
        ).all()
        assert (text.id, text.type) == (news.fallback_id(whatsapp.id), "booking_confirmed")
        assert text.payload["fallback_of"]["why"] == "WhatsApp says: failed (error 131026: Message undeliverable)"
        assert f"WhatsApp says: failed; fell back to SMS ({text.id})" in said
    assert [row.type for row in texts(app)] == ["booking_confirmed"]  # the reminders still go by WhatsApp


def texts(app) -> list[OutboxMessage]:  # noqa: F811
    """The texts of news queued (the code that proved the number aside)."""
    with app.app_context():
        query = sa.select(OutboxMessage).where(OutboxMessage.channel == CHANNEL_SMS, OutboxMessage.type != "phone_code")
        found = db.session.scalars(query).all()
        db.session.expunge_all()
        return found


def test_a_stop_to_whatsapp_queues_the_reminders_ahead_as_texts(
    app,  # noqa: F811
    user_client,
    make_session,
    verify_phone,
    whatsapp_on,  # noqa: F811
):
    verify_phone(user_client, PHONE)
    whatsapp_on(user_client, proved=True)
    booked = book(user_client, make_session)
    assert texts(app) == []
    with app.app_context():
        assert whatsapp_reply(PHONE.removeprefix("+"), NUMBER.phone_number_id, "STOP").changed
    [reminder] = texts(app)
    assert (reminder.type, reminder.booking_id) == ("reminder_2h", booked["id"])
    with app.app_context():
        kinds = sa.select(OutboxMessage.type).where(OutboxMessage.channel == CHANNEL_WHATSAPP)
        assert set(db.session.scalars(kinds)) <= {"booking_confirmed", REPLY}  # its reminders taken back
