"""A failed WhatsApp message through the Cloud API stand-in: a number that cannot get WhatsApp (131026) makes the
stand-in answer and then send a signed failed status, without our id, to the webhook; the news falls back once to
a text, as the person turned texts on after booking, however often the status comes."""

import pytest
import sqlalchemy as sa
from main_fake_crm import ServedApp
from test_whatsapp_lane import PHONE, app, book, whatsapp_lane, whatsapp_on  # noqa: F401 (fixtures)

from main_app.extensions import db
from main_app.models import CHANNEL_SMS, CHANNEL_WHATSAPP, DeliveryAttempt, OutboxMessage
from main_app.services import chats, news

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
    whatsapp_on,  # noqa: F811
    whatsapp_api,
    whatsapp_lane,  # noqa: F811
    webhook_to,
):
    whatsapp_on(user_client)  # texts off: the booking's news goes by email and WhatsApp
    book(user_client, make_session)
    assert user_client.patch("/auth/me", json={"sms_enabled": True}).status_code == 200  # texts on since
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
        said = db.session.scalars(
            sa.select(DeliveryAttempt.response_excerpt).where(DeliveryAttempt.message_id == whatsapp.id)
        ).all()
        assert (text.id, text.type) == (news.fallback_id(whatsapp.id), "booking_confirmed")
        assert text.payload["fallback_of"]["why"] == "WhatsApp says: failed (error 131026: Message undeliverable)"
        assert f"WhatsApp says: failed; fell back to SMS ({text.id})" in said
