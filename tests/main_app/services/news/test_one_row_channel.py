"""A channel is one row of news' table: a test-only channel added to news.channels.CHANNELS, and nothing else,
hears every kind of news the platform publishes, sent, withdrawn and moved, from the domains' own operations."""

from datetime import datetime, timedelta

import pytest
from plugins.main_api import TEST_SETTINGS

from main_app import create_app
from main_app.extensions import db
from main_app.services import news
from main_app.services.news import channels
from tests.main_app.news.test_same_rows import test_a_scripted_day_writes_the_same_outbox_rows as scripted_day
from tests.main_app.services.news import rest_of_the_news as rest

DAY = timedelta(days=1)


class Echo:
    """A test-only channel (as WhatsApp will be): one message per word, kept in memory as its outbox; what news
    takes back, it drops from there."""

    name = "echo"

    def __init__(self):
        self.heard, self.pending = set(), {}

    def withdrawn(self, told: channels.News) -> None:
        self.heard.add(type(told.record))
        for item in told.unsaid:
            for key, (kind, booking_id, _due) in list(self.pending.items()):
                if (booking_id in item.booking_ids and kind in item.kinds) or key in item.message_ids:
                    del self.pending[key]

    def rows(self, told: channels.News, written: list[dict]) -> list[dict]:
        for word in told.words:
            self.pending[word.id] = (word.kind, word.booking_id, word.send_at)
        return []  # its outbox is this object: the outbox table knows no such channel

    def of_booking(self, booking_id: int) -> dict[str, datetime | None]:
        return {kind: due for kind, b, due in self.pending.values() if b == booking_id}


@pytest.fixture
def moved(db_backend, make_database_url, tmp_path):
    """Another install, on its own database, that a studio moves to."""
    url = make_database_url(db_backend, "moved", template="main")
    settings = {"EXPORTS_DIR": str(tmp_path / "moved-exports"), "MAIL_FOLDER": str(tmp_path / "moved-mail")}
    moved = create_app({**TEST_SETTINGS, **settings, "SQLALCHEMY_DATABASE_URI": url})
    yield moved
    with moved.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def echo(monkeypatch):
    added = Echo()
    monkeypatch.setattr(channels, "CHANNELS", (*channels.CHANNELS, added))
    return added


def test_an_added_channel_hears_every_kind_of_news(
    echo, app, client, make_session, make_event, make_user, client_for, priya, priya_client, people, verify_phone,
    payments_lane, drainer, make_app, real_crm, moved, tmp_path
):  # fmt: skip
    scripted_day(app, client, make_session, priya, priya_client, people, verify_phone, payments_lane)
    owner = client_for(owner_account := make_user(name="Studio Owner"))
    base, studio_id = rest.a_studio(owner)
    rest.imports(owner, base, make_event, studio_id, drainer)
    crm = real_crm()
    with_crm = make_app(CRM_BASE_URL=crm.url, CRM_TIMEOUT=30.0, EXPORTS_DIR=str(tmp_path / "exports"))
    rest.studio_moved(with_crm, moved, studio_id, owner_account.id)
    [(_account, person)] = people(1)
    rest.passes(client, priya, priya_client, person, make_session)
    rest.memberships(app, client, priya, priya_client, people, payments_lane)
    rest.accounts(client, make_user, client_for)
    assert set(news.RECORDS) - echo.heard == set()


def test_an_added_channel_withdraws_and_moves_what_a_domain_takes_back(echo, make_session, priya, priya_client, people):
    [(_account, booker)] = people(1)
    session = make_session(capacity=3, starts_in=3 * DAY, facilitator_id=priya.id)
    kept = booker.post("/book", json={"session_id": session.id}).get_json()
    dropped = booker.post("/book", json={"session_id": make_session(starts_in=3 * DAY).id}).get_json()
    assert set(echo.of_booking(dropped["id"])) == {"booking_confirmed", "reminder_24h", "reminder_2h"}

    assert booker.post(f"/bookings/{dropped['id']}/cancel", json={}).status_code == 200
    assert set(echo.of_booking(dropped["id"])) == {"booking_confirmed", "booking_cancelled"}

    before = echo.of_booking(kept["id"])["reminder_2h"]
    at = datetime.fromisoformat(kept["session"]["starts_at"].replace("Z", "+00:00")) + DAY
    when = {"starts_at": at.isoformat(), "ends_at": (at + timedelta(hours=1)).isoformat()}
    assert priya_client.patch(f"/api/facilitator/{priya.id}/sessions/{session.id}", json=when).status_code == 200
    reminders = [due for kind, b, due in echo.pending.values() if b == kept["id"] and kind == "reminder_2h"]
    assert reminders == [before + DAY]
