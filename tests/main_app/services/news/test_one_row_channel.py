"""A channel is one row of news' table: a test-only channel added to news.channels.CHANNELS, and nothing else,
hears every kind of news the platform publishes, sent, withdrawn and moved, from the domains' own operations."""

from datetime import datetime, timedelta

import pytest

from main_app.services import news
from main_app.services.news import channels
from tests.main_app.news.test_same_rows import test_a_scripted_day_writes_the_same_outbox_rows as scripted_day

DAY = timedelta(days=1)
# Kinds the scripted day does not drive yet (imports, codes, a membership's renewals, a pack's last credit).
NOT_IN_THE_DAY = {
    news.AccountErased,
    news.Invited,
    news.ResetAsked,
    news.BookRestored,
    news.BookingImported,
    news.ClientImported,
    news.CodeRedeemed,
    news.CreditChanged,
    news.LastCredit,
    news.PassLapsed,
    news.PassRenewed,
    news.RenewalComing,
    news.RenewalDeclined,
}


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
def echo(monkeypatch):
    added = Echo()
    monkeypatch.setattr(channels, "CHANNELS", (*channels.CHANNELS, added))
    return added


def test_an_added_channel_hears_every_kind_of_news(
    echo, app, client, make_session, priya, priya_client, people, verify_phone, payments_lane
):
    scripted_day(app, client, make_session, priya, priya_client, people, verify_phone, payments_lane)
    assert set(news.RECORDS) - echo.heard == NOT_IN_THE_DAY


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
