"""A membership's week is its own (the pass's time zone, fixed when it is sold), whatever the zones of the events it
books: the weekly limit gives the same answers in any order of booking."""

from datetime import timedelta

import pytest
from pass_shop import MEMBERSHIP
from racing import race

from main_app.extensions import db
from main_app.models import EventSession, Pass, utcnow
from main_app.services.passes.sold import document

pytestmark = pytest.mark.both_databases

PRICE = 120_000
LOS_ANGELES, KOLKATA = "America/Los_Angeles", "Asia/Kolkata"


@pytest.fixture
def across_midnight(make_event):
    """A class in Los Angeles on a Sunday at 18:00 UTC (Sunday morning there), and one in Kolkata an hour later
    (00:30 on the Monday there): {zone: session id}."""
    today = utcnow().replace(hour=18, minute=0, second=0, microsecond=0)
    sunday = today + timedelta(days=6 - today.weekday() + 7)
    return {
        LOS_ANGELES: make_event(price=PRICE, at=sunday, timezone=LOS_ANGELES).session_ids[0],
        KOLKATA: make_event(price=PRICE, at=sunday + timedelta(hours=1), timezone=KOLKATA).session_ids[0],
    }


def book(person_client, session_id: int, pass_id: int):
    return person_client.post("/book", json={"session_id": session_id, "pass_id": pass_id})


@pytest.mark.parametrize(
    ("pass_zone", "second_answer"),
    [(KOLKATA, 201), (LOS_ANGELES, 409)],  # two weeks in Kolkata, one Sunday in Los Angeles
)
@pytest.mark.parametrize("first", [LOS_ANGELES, KOLKATA])
def test_the_weekly_limit_is_counted_in_the_passs_week_in_any_order(
    put_on_sale, buy, user_client, across_midnight, pass_zone, second_answer, first
):
    product = put_on_sale(MEMBERSHIP, sessions_per_week=1, timezone=pass_zone)
    assert product["timezone"] == pass_zone
    buy(user_client, product["id"])
    member = user_client.get("/me/passes").get_json()["items"][0]
    assert member["timezone"] == pass_zone
    second = KOLKATA if first == LOS_ANGELES else LOS_ANGELES
    assert book(user_client, across_midnight[first], member["id"]).status_code == 201
    answer = book(user_client, across_midnight[second], member["id"])
    assert answer.status_code == second_answer, answer.get_json()


def test_a_pass_is_in_its_first_events_zone_unless_told(
    put_on_sale, buy, user_client, make_event, facilitator, facilitator_client
):
    kolkata, lisbon = make_event(timezone=KOLKATA), make_event(timezone="Europe/Lisbon")
    assert put_on_sale(MEMBERSHIP)["timezone"] == KOLKATA  # every event of the facilitator: their first
    assert put_on_sale(MEMBERSHIP, event_ids=[lisbon.id, kolkata.id])["timezone"] == KOLKATA
    only_lisbon = put_on_sale(MEMBERSHIP, event_ids=[lisbon.id])
    assert only_lisbon["timezone"] == "Europe/Lisbon"
    path = f"/api/facilitator/{facilitator.id}/passes/{only_lisbon['id']}"
    buy(user_client, only_lisbon["id"])
    edited = facilitator_client.patch(path, json={"timezone": LOS_ANGELES})
    assert edited.status_code == 200 and edited.get_json()["timezone"] == LOS_ANGELES
    # the pass sold keeps the week it was bought with
    assert user_client.get("/me/passes").get_json()["items"][0]["timezone"] == "Europe/Lisbon"
    bad = facilitator_client.patch(path, json={"timezone": "Mars/Olympus"})
    assert bad.status_code == 400 and "timezone" in bad.get_json()["error"]["details"]


def test_a_facilitator_without_events_sells_passes_in_utc(put_on_sale):
    assert put_on_sale(MEMBERSHIP)["timezone"] == "UTC"


def test_this_weeks_classes_are_counted_in_the_passs_week(app, put_on_sale, buy, user_client, across_midnight):
    buy(user_client, put_on_sale(MEMBERSHIP, sessions_per_week=3, timezone=KOLKATA)["id"])
    member = user_client.get("/me/passes").get_json()["items"][0]
    assert book(user_client, across_midnight[LOS_ANGELES], member["id"]).status_code == 201
    with app.app_context():
        sold = db.session.get(Pass, member["id"])
        starts_at = db.session.get(EventSession, across_midnight[LOS_ANGELES]).starts_at
        # Sunday 19:30 UTC: Monday 01:00 in Kolkata, a week after the class's (Sunday 23:30 there)
        assert document(sold, starts_at + timedelta(minutes=90))["sessions_this_week"] == 0
        assert document(sold, starts_at)["sessions_this_week"] == 1


def test_bookings_at_once_across_zones_keep_to_the_passs_week(put_on_sale, buy, user_client, across_midnight):
    buy(user_client, put_on_sale(MEMBERSHIP, sessions_per_week=1, timezone=LOS_ANGELES)["id"])
    member = user_client.get("/me/passes").get_json()["items"][0]
    calls = [lambda s=s: book(user_client, s, member["id"]).status_code for s in across_midnight.values()]
    assert sorted(race(calls)) == [201, 409]  # one Sunday in Los Angeles: one class of the two
