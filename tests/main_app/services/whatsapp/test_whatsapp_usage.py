"""A studio's WhatsApp messages counted by month: sends through the stand-in counted by category as the lane records
them, those Meta's status prices as not billable (a reply, a utility template inside the open window) marked so,
months cut on the studio's calendar, another studio's figures never shown, two sends at once counting two."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
import requests
import whatsapp_shapes as wa
from cryptography.fernet import Fernet
from racing import race
from werkzeug.serving import make_server

from main_app.database import unit_of_work
from main_app.lanes import build_dispatcher
from main_app.models import CHANNEL_WHATSAPP
from main_app.services import chats, whatsapp

pytestmark = pytest.mark.both_databases

STUDIO = wa.STUDIO_B  # the studio's own number (the install's is STUDIO_A)
PHONE = "+919812345678"
ZONE = "Asia/Kolkata"
NOTHING = {"sent": 0, "not_billable": 0, "billable": 0}
INSTALL = wa.STUDIO_A


@pytest.fixture
def app(make_app, whatsapp_api):
    """The install has a number (INSTALL) too; one quick try, tried again at once."""
    return make_app(
        WHATSAPP_PHONE_NUMBER_ID=INSTALL.phone_number_id,
        WHATSAPP_BUSINESS_ACCOUNT_ID=INSTALL.waba_id,
        WHATSAPP_ACCESS_TOKEN=INSTALL.access_token,
        WHATSAPP_APP_SECRET=INSTALL.app_secret,
        WHATSAPP_VERIFY_TOKEN=INSTALL.verify_token,
        WHATSAPP_API_BASE=f"{whatsapp_api.url}/{wa.GRAPH_VERSION}",
        WHATSAPP_QUICK_RETRIES=1,
        WHATSAPP_RETRY_SCHEDULE=[0.0, 0.0, 0.0],
        WHATSAPP_KEYS_KEY=Fernet.generate_key().decode(),
    )


@pytest.fixture
def whatsapp_on(verify_phone):
    """whatsapp_on(client, phone): the account's number proved and opted in to WhatsApp."""

    def on(client, phone: str):
        verify_phone(client, phone, sms_enabled=False)
        wording = client.get("/auth/me/whatsapp").get_json()["wording"]
        answer = client.put("/auth/me/whatsapp", json={"opted_in": True, "wording": wording})
        assert answer.status_code == 200 and answer.get_json()["active"], answer.get_json()

    return on


def book(client, make_session, studio_id: int) -> None:
    session = make_session(starts_in=timedelta(days=3), studio_id=studio_id)
    booked = client.post("/book", json={"session_id": session.id})
    assert booked.status_code == 201, booked.get_json()


@pytest.fixture
def served(app):
    """The app on a free port of 127.0.0.1, where the stand-in sends its webhooks."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()
    server.server_close()


def make_studio(app, make_user, client_for, name: str = "Lotus Yoga") -> tuple[dict, object]:
    """A studio in India made by its owner: (the studio, its owner's client)."""
    owner = client_for(make_user(name=f"{name} owner"))
    body = {"name": name, "timezone": ZONE, "currency": "INR", "country": "IN"}
    made = owner.post("/api/studios", json=body)
    assert made.status_code == 201, made.get_json()
    return made.get_json(), owner


@pytest.fixture
def own_number(app, served, whatsapp_api, make_user, client_for):
    """A studio whose messages go through its own number (STUDIO), its templates approved and its webhooks sent to
    us: (the studio, its owner's client)."""
    studio, owner = make_studio(app, make_user, client_for)
    fields = {"phone_number_id": STUDIO.phone_number_id, "business_account_id": STUDIO.waba_id}
    fields |= {"access_token": STUDIO.access_token, "app_secret": STUDIO.app_secret}
    with app.app_context(), unit_of_work():
        chats.set_connection(studio["id"], fields | {"verify_token": STUDIO.verify_token}, app.config)
    headers = {"Authorization": f"Bearer {STUDIO.access_token}"}
    for body in whatsapp.submissions(app.config["PUBLIC_WEB_URL"]):
        url = f"{whatsapp_api.url}/{wa.GRAPH_VERSION}/{STUDIO.waba_id}/message_templates"
        assert requests.post(url, json=body, headers=headers, timeout=10).status_code == 200
    whatsapp_api.set_webhook(STUDIO.phone_number_id, f"{served}{chats.WEBHOOK_PATH}/{studio['slug']}")
    return studio, owner


def usage(owner, studio: dict, month: str | None = None):
    return owner.get(f"/api/studios/{studio['slug']}/whatsapp/usage", query_string={"month": month} if month else {})


def drain(app, whatsapp_api) -> None:
    """Everything due on the WhatsApp lane sent, and every webhook of it answered."""
    with app.app_context():
        lane = build_dispatcher(app.config, channel=CHANNEL_WHATSAPP)
        try:
            while lane.run_once() and not lane.down:
                pass
        finally:
            lane.close()
    assert whatsapp_api.wait_for_webhooks()


def test_sends_are_counted_by_category_and_those_meta_prices_free_as_not_billable(
    app, own_number, user_client, make_session, whatsapp_on, whatsapp_api
):
    studio, owner = own_number
    whatsapp_on(user_client, PHONE)
    book(user_client, make_session, studio_id=studio["id"])  # no window open: a billable utility template
    drain(app, whatsapp_api)
    for text in ("STOP", "START"):  # each answered with a free-form text (service) inside the window it opened
        whatsapp_api.reply(STUDIO.phone_number_id, PHONE, text)
        assert whatsapp_api.wait_for_webhooks()
    drain(app, whatsapp_api)
    book(user_client, make_session, studio_id=studio["id"])  # inside the open window: a free utility template
    drain(app, whatsapp_api)
    assert all(hook.answer == 200 for hook in whatsapp_api.webhooks)
    answer = usage(owner, studio)
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["categories"] == {
        "utility": {"sent": 2, "not_billable": 1, "billable": 1},
        "marketing": NOTHING,
        "service": {"sent": 2, "not_billable": 2, "billable": 0},
    }
    assert body["total"] == {"sent": 4, "not_billable": 3, "billable": 1}
    with app.app_context():
        assert body["month"] == whatsapp.month_of(datetime.now(UTC), ZONE).strftime("%Y-%m")
    drain(app, whatsapp_api)  # nothing more goes, and the statuses delivered again change nothing
    assert usage(owner, studio).get_json() == body


def count_at(app, studio_id: int, moment: datetime, figure: str = "sent") -> None:
    payload = {"kind": "booking_confirmed", "snapshot": {"studio": {"id": studio_id}}}
    with app.app_context(), unit_of_work():
        whatsapp.count([payload], moment, figure)


def test_months_are_cut_on_the_studios_calendar(app, make_user, client_for):
    studio, owner = make_studio(app, make_user, client_for)
    count_at(app, studio["id"], datetime(2026, 3, 31, 18, 29, 59, tzinfo=UTC))  # 23:59:59 on 31 March in India
    count_at(app, studio["id"], datetime(2026, 3, 31, 18, 30, tzinfo=UTC))  # midnight, 1 April in India
    count_at(app, studio["id"], datetime(2026, 4, 30, 18, 30, tzinfo=UTC), "not_billable")  # 1 May in India
    march, april, may = (usage(owner, studio, f"2026-0{m}").get_json() for m in (3, 4, 5))
    assert (march["month"], march["categories"]["utility"]) == (
        "2026-03",
        {"sent": 1, "not_billable": 0, "billable": 1},
    )
    assert april["categories"]["utility"] == {"sent": 1, "not_billable": 0, "billable": 1}
    assert may["categories"]["utility"] == {"sent": 0, "not_billable": 1, "billable": 0}


def test_another_studio_sees_nothing_of_this_ones(app, make_user, client_for, assert_error):
    studio, owner = make_studio(app, make_user, client_for)
    other, other_owner = make_studio(app, make_user, client_for, "Other Yoga")
    count_at(app, studio["id"], datetime(2026, 4, 10, tzinfo=UTC))
    assert usage(owner, studio, "2026-04").get_json()["total"] == {"sent": 1, "not_billable": 0, "billable": 1}
    assert usage(other_owner, other, "2026-04").get_json()["total"] == NOTHING
    assert_error(usage(other_owner, studio, "2026-04"), 404, "studio_not_found")


@pytest.mark.parametrize("month", ["2026-13", "2026-4", "April", "2026-04-01", "0000-01", ""])
def test_a_month_not_yyyy_mm_is_a_json_error(app, make_user, client_for, assert_error, month):
    studio, owner = make_studio(app, make_user, client_for)
    answer = owner.get(f"/api/studios/{studio['slug']}/whatsapp/usage", query_string={"month": month})
    assert_error(answer, 400, "validation_error", "month")


def test_two_sends_recorded_at_once_count_two(app, make_user, client_for):
    studio, owner = make_studio(app, make_user, client_for)
    moment = datetime(2026, 4, 10, tzinfo=UTC)
    race([lambda: count_at(app, studio["id"], moment), lambda: count_at(app, studio["id"], moment)])
    assert usage(owner, studio, "2026-04").get_json()["categories"]["utility"]["sent"] == 2
