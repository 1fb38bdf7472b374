"""The outbox and the CRM ride out a failover: the CRM lane's dispatcher (as main_app.lanes builds it, LISTENing on
the multi-host URL) keeps delivering after the primary crashes (its processes killed with SIGKILL at once) and the
standby is promoted. A message committed while its LISTEN was down is delivered by the poll; once the LISTEN has
reconnected, to the promoted node, a commit wakes it again. The CRM service on the same nodes answers a write during
the outage 503 with Retry-After, and takes it once the standby is promoted."""

import threading
import time

import psycopg
import pytest
from db_templates import detach_crm_log_handlers, migrate_schema
from sqlalchemy.exc import OperationalError

from crm_microservice import create_app as create_crm_app
from crm_microservice.extensions import db as crm_db
from main_app.database import unit_of_work
from main_app.delivery.wakeup import CHANNEL, TIMED_OUT, WOKEN, PostgresWaiter
from main_app.lanes import build_dispatcher
from main_app.services.crm.messages import enqueue

# Its own two PostgreSQL nodes whatever the run's backend: once per run, under the postgresql parameter when there
# is one (the marker keeps the database matrix's rule that a threaded test is on both).
pytestmark = [pytest.mark.integration, pytest.mark.both_databases]

POLL = 0.5  # the dispatcher's poll interval: what covers a gap in its LISTEN
DEADLINE = 30.0  # seconds any awaited change may take: far beyond it, so a stuck one fails the test
CRM_TOKEN = "failover-crm-token-0123456789abcdefghij"
AUTH = {"Authorization": f"Bearer {CRM_TOKEN}"}


@pytest.fixture
def app(make_app, pair, fake_crm):
    """The main API on the pair, its CRM lane pointed at the fake CRM."""
    app = make_app(migrate=False, kept=False, SQLALCHEMY_DATABASE_URI=pair.url("app"), CRM_BASE_URL=fake_crm.url)
    migrate_schema(app)
    return app


@pytest.fixture
def crm(pair, tmp_path):
    """The CRM service on the pair's other database (its migrated schema), as a test client of the main API."""
    pair.create_database("crm")
    crm_app = create_crm_app(
        {
            "TESTING": True,
            "APP_ENV": "development",
            "CRM_AUTH_TOKEN": CRM_TOKEN,
            "JWT_SECRET_KEY": "test-jwt-secret-at-least-32-bytes-long",
            "CRM_STORAGE": "sqlite",  # the SQL store, on whatever database the URL names
            "CRM_DATABASE_URL": pair.url("crm"),
            "CRM_LOG_FILE": str(tmp_path / "crm.log"),
            "NOTIFICATION_LOG_FILE": str(tmp_path / "notifications.json"),
            "RATELIMIT_ENABLED": False,
        }
    )
    migrate_schema(crm_app)
    yield crm_app.test_client()
    with crm_app.app_context():
        crm_db.session.remove()
        crm_db.engine.dispose()
    detach_crm_log_handlers()


class WatchedWaiter:
    """Wraps a dispatcher's waiter: notes how each wait ended, and can hold the lane before its next wait begins
    (where a PostgresWaiter reconnects a lost LISTEN), so the test commits while the LISTEN is surely down."""

    def __init__(self, waiter: PostgresWaiter):
        self.waiter = waiter
        self.ends: list[tuple[str, set, float]] = []  # (outcome, channels heard, time.monotonic())
        self.open = threading.Event()
        self.open.set()
        self.holding = threading.Event()
        self.real_wait, waiter.wait = waiter.wait, self.wait

    def wait(self, timeout: float) -> str:
        if not self.open.is_set():
            self.holding.set()
            self.open.wait()
        outcome = self.real_wait(timeout)
        self.ends.append((outcome, set(self.waiter.heard), time.monotonic()))
        return outcome


@pytest.fixture
def lane(app):
    """The CRM lane's dispatcher, LISTENing, running on a thread: its waiter, watched; stopped after the test."""
    config = {**app.config, "DISPATCH_POLL_INTERVAL": POLL, "DISPATCH_GATHER_SECONDS": 0.0}
    with app.app_context():
        dispatcher = build_dispatcher(config, listen=True)
    assert isinstance(dispatcher.waiter, PostgresWaiter)
    watched = WatchedWaiter(dispatcher.waiter)
    watched.real_wait(0.01)  # it LISTENs from here on

    def run():
        with app.app_context():
            dispatcher.run()

    thread = threading.Thread(target=run, name="crm-lane")
    thread.start()
    yield watched
    watched.open.set()
    dispatcher.request_stop()
    thread.join(10)
    dispatcher.close()
    assert not thread.is_alive()


def commit_message(app, text: str) -> str:
    """One CRM outbox message, committed; its id (the notification_id the CRM is sent). Written again once when
    the pool handed out a connection that died with the old primary, as a client told 503 sends again."""
    for attempt in (1, 2):
        try:
            with app.app_context(), unit_of_work():
                return enqueue("booking_created", {"user_id": 1, "message": text}).id
        except OperationalError as exc:
            if attempt == 2 or not exc.connection_invalidated:
                raise
    raise AssertionError("unreachable")


def delivered(fake_crm) -> list[str]:
    """The notification ids the fake CRM was sent, alone or in batches, in order."""
    alone = [request.json()["notification_id"] for request in fake_crm.notifications]
    return alone + [item["notification_id"] for item in fake_crm.batch_items()]


def listeners(port: int) -> int:
    """How many sessions LISTEN for outbox wake-ups on the node at port."""
    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="app", autocommit=True) as conn:
        query = "SELECT count(*) FROM pg_stat_activity WHERE query = %s"
        return conn.execute(query, (f"LISTEN {CHANNEL}",)).fetchone()[0]


def wait_for(check, what: str):
    """Ask again until check() gives something true, or fail after DEADLINE."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.02)
    raise AssertionError(f"{what} did not happen within {DEADLINE:g}s")


def notify(crm, notification_id: str):
    """POST /notify of one booking's news, as the main API's CRM lane sends it."""
    news = {
        "notification_id": notification_id,
        "booking_id": 123,
        "user": {"id": 456, "name": "Test User", "email": "test@example.com"},
        "event": {"id": 789, "title": "Test Event", "start_date": "2024-01-15T09:00:00"},
        "facilitator_id": 101,
    }
    return crm.post("/notify", json=news, headers=AUTH)


def assert_unavailable(answer) -> None:
    assert answer.status_code == 503, answer.get_data(as_text=True)
    assert answer.headers["Retry-After"] == "5"
    assert answer.get_json()["error"]["code"] == "service_unavailable"


def test_the_outbox_and_the_crm_go_on_after_the_primary_is_killed_and_the_standby_promoted(
    app, pair, fake_crm, lane, crm
):
    before = commit_message(app, "before")
    wait_for(lambda: before in delivered(fake_crm), "the delivery before the failover")
    assert notify(crm, "crm-before").status_code == 201

    pair.crash_primary()
    # Its claims failing, the lane waits for no wake-up until it claims on the promoted node: that wait is held
    # before it begins, where the LISTEN lost with the primary is noticed and reconnected.
    lane.open.clear()
    for attempt in ("crm-outage", "crm-outage-again"):  # on the pool's connection that died, then on a new one
        assert_unavailable(notify(crm, attempt))
    pair.promote_standby()

    # The lane claims on the promoted node (nothing is due) and comes to its wait, its LISTEN not yet there.
    wait_for(lane.holding.is_set, "the lane claiming on the promoted node")
    assert listeners(pair.standby.port) == 0
    gap = commit_message(app, "while the LISTEN was down")
    waits_before = len(lane.ends)
    lane.open.set()
    wait_for(lambda: gap in delivered(fake_crm), "the poll delivering the message committed in the gap")
    assert lane.ends[waits_before][0] == TIMED_OUT  # the poll found it, as no wake-up had been sent to anyone

    # Reconnected to the promoted node, the LISTEN wakes the lane for the next commit.
    wait_for(lambda: listeners(pair.standby.port) == 1, "the LISTEN reconnecting to the promoted node")
    committed = time.monotonic()
    after = commit_message(app, "after")
    wait_for(lambda: after in delivered(fake_crm), "the delivery after the failover")
    wait_for(
        lambda: any(outcome == WOKEN and "crm" in heard and at > committed for outcome, heard, at in lane.ends),
        "a wake-up from the promoted node",
    )
    assert delivered(fake_crm).count(gap) == delivered(fake_crm).count(after) == 1

    # The CRM takes writes again on the promoted node; the write refused in the outage was never stored.
    assert notify(crm, "crm-after").status_code == 201
    stored = crm.get("/notifications", headers=AUTH).get_json()["items"]
    assert sorted(item["notification_id"] for item in stored) == ["crm-after", "crm-before"]
