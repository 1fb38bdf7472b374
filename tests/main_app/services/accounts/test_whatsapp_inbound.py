"""A person's WhatsApp message reaches the studio it is for as the CRM's whatsapp_received, in the webhook's
transaction, once per account that gives the number: the studio whose own number it went to; for the install's number
the studio that last wrote to that number, else the studios where they have a booking ahead, else none (the window
opens all the same). A STOP is shown too (stopped), and nothing but a STOP's confirmation is ever sent back."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
import whatsapp_shapes as wa
from cryptography.fernet import Fernet

from main_app.database import unit_of_work
from main_app.delivery.outbox import insert_rows
from main_app.extensions import db
from main_app.models import CHANNEL_CRM, CHANNEL_WHATSAPP, OutboxMessage, User, WhatsappWindow, utcnow
from main_app.services import chats
from main_app.services.whatsapp.outbox import whatsapp_row

pytestmark = pytest.mark.both_databases  # the outbox's payload read as JSON on each database

INSTALL, STUDIO = wa.STUDIO_A, wa.STUDIO_B
PATH = chats.WEBHOOK_PATH
PERSON = "919812345678"
PHONE = f"+{PERSON}"
SETTINGS = {
    "WHATSAPP_KEYS_KEY": Fernet.generate_key().decode(),
    "WHATSAPP_PHONE_NUMBER_ID": INSTALL.phone_number_id,
    "WHATSAPP_BUSINESS_ACCOUNT_ID": INSTALL.waba_id,
    "WHATSAPP_ACCESS_TOKEN": INSTALL.access_token,
    "WHATSAPP_APP_SECRET": INSTALL.app_secret,
    "WHATSAPP_VERIFY_TOKEN": INSTALL.verify_token,
}
SENT = int(utcnow().timestamp()) - 600


@pytest.fixture
def app(make_app):
    return make_app(**SETTINGS)


@pytest.fixture
def make_studio(app, make_user, client_for):
    """make_studio(name, own_number=False): a studio made by its owner, with STUDIO's number as its own if asked."""

    def make(name: str, own_number: bool = False) -> dict:
        owner = make_user(name=f"{name} owner")
        body = {"name": name, "timezone": "Asia/Kolkata", "currency": "INR", "country": "IN"}
        made = client_for(owner).post("/api/studios", json=body).get_json()
        if own_number:
            fields = {"phone_number_id": STUDIO.phone_number_id, "business_account_id": STUDIO.waba_id}
            fields |= {"access_token": STUDIO.access_token, "app_secret": STUDIO.app_secret}
            with app.app_context(), unit_of_work():
                chats.set_connection(made["id"], fields | {"verify_token": STUDIO.verify_token}, app.config)
        return made

    return make


@pytest.fixture
def person(app, make_user):
    """An account giving PHONE."""
    return with_phone(app, make_user(name="Asha Rao"))


def with_phone(app, account):
    with app.app_context(), unit_of_work():
        db.session.get(User, account.id).phone = PHONE
    return account


def write(client, text: str, wamid: str, number=INSTALL, slug: str | None = None):
    body = wa.inbound_webhook(number, PERSON, "Asha", wamid, SENT, text)
    path = f"{PATH}/{slug}" if slug else PATH
    answer = client.post(path, data=body, headers=wa.webhook_headers(body, number.app_secret))
    assert answer.status_code == 200, answer.get_json()


def received(app) -> list[dict]:
    with app.app_context():
        query = sa.select(OutboxMessage.payload).where(
            OutboxMessage.channel == CHANNEL_CRM, OutboxMessage.type == "whatsapp_received"
        )
        return sorted(db.session.scalars(query), key=lambda p: (p["studio_id"], p["user_id"]))


def sent_back(app) -> list[str]:
    with app.app_context():
        query = sa.select(OutboxMessage.type).where(OutboxMessage.channel == CHANNEL_WHATSAPP)
        return list(db.session.scalars(query))


def test_a_message_to_a_studios_own_number_reaches_that_studio_for_each_account_with_the_number(
    app, client, make_studio, make_user, person
):
    studio, other = make_studio("Lotus", own_number=True), make_studio("Banyan")
    second = with_phone(app, make_user(name="Asha's old account"))
    write(client, "कल आ रही हूँ", "wamid.kal", STUDIO, studio["slug"])
    found = received(app)
    assert [(p["studio_id"], p["user_id"]) for p in found] == [(studio["id"], person.id), (studio["id"], second.id)]
    assert other["id"] not in {p["studio_id"] for p in found}
    data = found[0]["data"]
    assert (data["text"], data["stopped"], data["user"]["id"]) == ("कल आ रही हूँ", False, person.id)
    opened = datetime.fromtimestamp(SENT, UTC)
    assert data["received_at"] == opened.isoformat()
    assert data["window_closes_at"] == (opened + timedelta(hours=24)).isoformat()
    assert found[0]["message"] == "Asha Rao wrote on WhatsApp" and "कल" not in found[0]["message"]
    assert sent_back(app) == []  # a message is shown, never answered on its own


def test_on_the_install_number_the_studio_that_last_wrote_to_the_number_hears_it(
    app, client, make_studio, make_session, client_for, person
):
    booked_at, wrote = make_studio("Lotus"), make_studio("Banyan")
    session = make_session(studio_id=booked_at["id"], starts_in=timedelta(days=3))
    assert client_for(person).post("/book", json={"session_id": session.id}).status_code == 201
    write(client, "running late", "wamid.one")
    assert [p["studio_id"] for p in received(app)] == [booked_at["id"]]  # nobody wrote: their booking ahead's
    snapshot = {"studio": {"id": wrote["id"], "name": "Banyan"}, "booking": {"id": 1}}
    with app.app_context(), unit_of_work():
        row = whatsapp_row("booking_confirmed", db.session.get(User, person.id), snapshot)
        insert_rows([row | {"created_at": utcnow() + timedelta(seconds=1), "status": "delivered"}])
    write(client, "see you", "wamid.two")
    assert [p["studio_id"] for p in received(app)][-1] == wrote["id"]


def test_on_the_install_number_with_no_studio_to_tell_the_window_still_opens(app, client, make_studio, person):
    make_studio("Lotus")
    write(client, "hello?", "wamid.one")
    assert received(app) == []
    with app.app_context():
        assert chats.window_open(PHONE, INSTALL.phone_number_id)
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WhatsappWindow)) == 1


def test_stop_is_shown_stopped_and_a_stopped_numbers_message_is_kept_with_nothing_sent_to_it(
    app, client, make_studio, person
):
    studio = make_studio("Lotus", own_number=True)
    write(client, "STOP", "wamid.stop", STUDIO, studio["slug"])
    write(client, "why did my class move?", "wamid.after", STUDIO, studio["slug"])
    found = received(app)
    assert sorted((p["data"]["text"], p["data"]["stopped"]) for p in found) == [
        ("STOP", True),
        ("why did my class move?", True),
    ]
    assert sent_back(app) == ["whatsapp_reply"]  # the STOP's own confirmation, and nothing for the message after


def test_a_repeated_webhook_tells_the_studio_once(app, client, make_studio, person):
    studio = make_studio("Lotus", own_number=True)
    write(client, "hello", "wamid.same", STUDIO, studio["slug"])
    write(client, "hello", "wamid.same", STUDIO, studio["slug"])
    assert len(received(app)) == 1
