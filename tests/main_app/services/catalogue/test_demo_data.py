"""flask seed-demo: the demo facilitators, a demo user and an upcoming catalogue; safe to repeat."""

import itertools
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from main_app.extensions import db
from main_app.models import Event, EventSession, SessionSeries, User

FACILITATORS = [
    ("priya", "priya123", "Dr. Priya Sharma"),
    ("arjun", "arjun123", "Arjun Patel"),
    ("kavya", "kavya123", "Kavya Reddy"),
]


def seed(app, *args: str):
    """Run `flask --app main_app seed-demo [args]`; the command pushes its own app context."""
    result = app.test_cli_runner().invoke(args=["seed-demo", *args])
    assert result.exit_code == 0, result.output
    return result


def counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(
            db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in (User, Event, EventSession)
        )


@pytest.fixture
def seeded(app):
    """The database after one seed-demo run; yields the command's output."""
    return seed(app).output


def test_seed_reports_what_it_made(seeded):
    assert seeded.strip() == "Demo data ready: 3 facilitators, 7 new events."


def test_demo_facilitators_can_log_in_and_have_events(client, seeded):
    for username, password, name in FACILITATORS:
        response = client.post("/auth/login", json={"username": username, "password": password})
        assert response.status_code == 200, username
        user = response.get_json()["user"]
        assert (user["username"], user["name"], user["role"]) == (username, name, "facilitator")
        assert client.get("/events", query_string={"facilitator_id": user["id"]}).get_json()["total"] >= 2
    assert client.post("/auth/login", json={"username": "priya", "password": "priya124"}).status_code == 401


def test_demo_catalogue_is_upcoming_with_free_seats(client, seeded):
    body = client.get("/events", query_string={"per_page": 100}).get_json()
    events = body["items"]
    assert body["total"] == len(events) >= 6
    now = datetime.now(UTC)
    for event in events:
        assert event["seats_left"] > 0
        assert event["status"] == "scheduled"
        assert event["sessions"]
        for session in event["sessions"]:
            assert datetime.fromisoformat(session["starts_at"]) > now
            assert session["seats_left"] == session["capacity"] > 0
    assert {e["kind"] for e in events} == {"session", "retreat"}
    assert sum(len(e["sessions"]) > 1 for e in events) >= 2
    names = {e["facilitator"]["name"] for e in events}
    assert names == {name for _, _, name in FACILITATORS}


def test_demo_user_can_book_a_demo_session(client, seeded):
    login = client.post("/auth/login", json={"username": "asha", "password": "asha1234"})
    assert login.status_code == 200
    assert login.get_json()["user"]["role"] == "user"
    session_id = client.get("/events").get_json()["items"][0]["sessions"][0]["id"]
    headers = {"Authorization": f"Bearer {login.get_json()['access_token']}"}
    assert client.post("/book", json={"session_id": session_id}, headers=headers).status_code == 201


def test_demo_times_are_the_events_own_local_hours(client, seeded):
    events = {e["title"]: e for e in client.get("/events", query_string={"per_page": 100}).get_json()["items"]}
    bengaluru, online = events["Morning Vinyasa Flow"], events["Mindful Breathing for Beginners"]
    assert (bengaluru["timezone"], online["timezone"]) == ("Asia/Kolkata", "Europe/Berlin")
    # 07:00 in Bengaluru (01:30 UTC), 18:00 in Berlin: what the facilitator would say, in the event's zone.
    for event, hour in ((bengaluru, 7), (online, 18)):
        for session in event["sessions"]:
            local = datetime.fromisoformat(session["starts_at"]).astimezone(ZoneInfo(event["timezone"]))
            assert (local.hour, local.minute) == (hour, 0)


def test_running_it_twice_creates_nothing_new(app, seeded):
    before = counts(app)
    assert before[0] == 17 and before[1] == 8  # 3 facilitators, asha, admin, 12 past clients; the past term
    assert seed(app).output.strip() == "Demo data ready: 3 facilitators, 0 new events."
    assert counts(app) == before


def test_if_empty_skips_a_database_with_accounts(app, make_user):
    make_user()
    result = seed(app, "--if-empty")
    assert "skipped" in result.output
    assert counts(app) == (1, 0, 0)


def test_if_empty_seeds_an_empty_database(app):
    assert counts(app) == (0, 0, 0)
    assert "7 new events" in seed(app, "--if-empty").output
    assert counts(app)[:2] == (17, 8)


def test_demo_admin_logs_in_as_admin_and_only_it_sees_the_operators_pages(client, seeded):
    login = client.post("/auth/login", json={"username": "admin", "password": "admin1234"})
    assert login.status_code == 200
    user = login.get_json()["user"]
    assert (user["username"], user["name"], user["role"]) == ("admin", "Operations Admin", "admin")
    headers = {"Authorization": f"Bearer {login.get_json()['access_token']}"}
    assert client.get("/api/notifications/pending", headers=headers).status_code == 200
    assert client.post("/auth/login", json={"username": "admin", "password": "admin123"}).status_code == 401
    for username, password in [("priya", "priya123"), ("asha", "asha1234")]:
        token = client.post("/auth/login", json={"username": username, "password": password}).get_json()["access_token"]
        response = client.get("/api/notifications/pending", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 403, username


def test_the_weekly_demo_class_is_a_series_a_week_apart(app, seeded):
    with app.app_context():
        event = db.session.scalar(sa.select(Event).where(Event.title == "Morning Vinyasa Flow"))
        sessions = db.session.scalars(
            sa.select(EventSession).where(EventSession.event_id == event.id).order_by(EventSession.starts_at)
        ).all()
        series = db.session.get(SessionSeries, sessions[0].series_id)
        assert (series.rrule, series.start_time, series.duration_minutes) == ("FREQ=WEEKLY;COUNT=4", "07:00", 60)
        assert {s.series_id for s in sessions} == {series.id} and len(sessions) == 4
        gaps = {(later.starts_at - earlier.starts_at).days for earlier, later in itertools.pairwise(sessions)}
        assert gaps == {7}


def test_the_demo_ayurveda_retreat_offers_rooms_that_fill_its_capacity(client, seeded):
    events = client.get("/events", query_string={"per_page": 100, "kind": "retreat"}).get_json()["items"]
    [retreat] = [event for event in events if event["title"] == "Coastal Ayurveda Retreat"]
    [session] = retreat["sessions"]
    rooms = [(o["name"], o["price"], o["capacity"], o["seats_left"]) for o in session["options"]]
    assert rooms == [("Private room", 6_000_000, 4, 4), ("Shared twin", 4_500_000, 12, 12)]
    assert sum(o["capacity"] for o in session["options"]) == session["capacity"]
    others = [s for event in events if event["id"] != retreat["id"] for s in event["sessions"]]
    assert all(s["options"] == [] for s in others)


def test_the_demo_retreat_takes_a_deposit_and_asks_its_questions(client, seeded):
    events = {e["title"]: e for e in client.get("/events", query_string={"per_page": 100}).get_json()["items"]}
    retreat = client.get(f"/events/{events['Coastal Ayurveda Retreat']['id']}").get_json()
    quotes = retreat["payment_plan"]["sessions"]
    assert {q["option_id"] for q in quotes} == {o["id"] for o in retreat["sessions"][0]["options"]}
    for quote in quotes:
        # Far enough ahead that both instalments fall due after booking, a month apart.
        assert quote["pays_in_full"] is False
        assert [part["number"] for part in quote["schedule"]] == [1, 2]
        first, last = (datetime.fromisoformat(part["due_at"]) for part in quote["schedule"])
        assert datetime.now(UTC) < first < last
    twin = next(q for q in quotes if q["schedule"][0]["amount"] * 2 + q["deposit"]["amount"] == 4_500_000)
    assert twin["deposit"]["formatted"] == "₹9,000"
    questions = client.get(f"/events/{retreat['id']}/questions").get_json()["items"]
    assert [(q["kind"], q["required"], q["sensitive"]) for q in questions] == [
        ("choice", True, False),
        ("yes_no", False, False),
        ("long_text", False, True),
    ]


def test_priyas_studio_has_a_past_term_for_its_reports(client, seeded):
    login = client.post("/auth/login", json={"username": "priya", "password": "priya123"}).get_json()
    headers = {"Authorization": f"Bearer {login['access_token']}"}
    slug = client.get("/api/studios", headers=headers).get_json()["items"][0]["slug"]
    base = f"/api/studios/{slug}/reports"
    attendance = client.get(f"{base}/attendance?by=week", headers=headers).get_json()["totals"]
    assert attendance["attended"] > 0 and attendance["no_shows"] > 0 and attendance["late_cancels"] > 0
    assert attendance["waited"] > 0
    clients = client.get(f"{base}/clients", headers=headers).get_json()["totals"]
    assert clients["new"] > 0 and clients["returning"] > 0
    pay = client.get(f"{base}/pay", headers=headers).get_json()
    assert pay["total_pay"] > 0 and pay["instructors"][0]["rate"]["kind"] == "per_head"


def test_start_up_migrates_an_empty_database_and_seeds_it_in_one_command(make_app):
    app = make_app(migrate=False)
    assert seed(app, "--upgrade", "--if-empty").output.strip() == "Demo data ready: 3 facilitators, 7 new events."
    assert counts(app)[1] >= 7
    with app.app_context():
        assert db.session.scalar(sa.text("SELECT count(*) FROM counting_marks")) == 2  # 0060 seeds two
    assert seed(app, "--upgrade", "--if-empty").output.strip() == "Database already has data; demo seed skipped."
