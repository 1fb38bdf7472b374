"""An event's payment plan: set by its facilitator (checked, with 400s naming the field), shown in the public event
with what one seat pays, and the schedule's arithmetic (deposit, equal instalments, the remainder on the last, dates
a month apart on the event's clock)."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from main_app.services.payments import plans

pytestmark = pytest.mark.both_databases

DAY = timedelta(days=1)
PLAN = {"deposit": {"percent": 20}, "deposit_refundable": False, "balance_due_days": 30, "instalments": 3}


def retreat_body(starts_in: timedelta, **fields) -> dict:
    start = (datetime.now(UTC).replace(microsecond=0) + starts_in).isoformat()
    end = (datetime.now(UTC).replace(microsecond=0) + starts_in + 5 * DAY).isoformat()
    slot = {"starts_at": start, "ends_at": end, "capacity": 8, "price": 4_500_000, "currency": "INR"}
    return {"title": "Silence", "kind": "retreat", "timezone": "Asia/Kolkata", "sessions": [slot], **fields}


def test_a_plan_is_set_shown_with_a_seats_amounts_and_edited(client, priya, priya_client):
    base = f"/api/facilitator/{priya.id}/events"
    created = priya_client.post(base, json=retreat_body(120 * DAY, payment_plan=PLAN))
    assert created.status_code == 201, created.get_json()
    event = client.get(f"/events/{created.get_json()['id']}").get_json()
    plan = event["payment_plan"]
    assert {key: plan[key] for key in PLAN} == PLAN
    [seat] = plan["sessions"]
    assert seat["pays_in_full"] is False and seat["deposit"]["amount"] == 900_000
    assert seat["deposit"]["formatted"] == "₹9,000"
    assert [(p["number"], p["amount"]) for p in seat["schedule"]] == [(1, 1_200_000), (2, 1_200_000), (3, 1_200_000)]
    dates = [datetime.fromisoformat(p["due_at"]) for p in seat["schedule"]]
    assert all(27 <= (later - earlier).days <= 31 for earlier, later in itertools.pairwise(dates))
    starts = datetime.fromisoformat(event["sessions"][0]["starts_at"])
    assert starts - dates[-1] == 30 * DAY
    edited = priya_client.patch(f"{base}/{event['id']}", json={"payment_plan": None})
    assert edited.status_code == 200, edited.get_json()
    assert client.get(f"/events/{event['id']}").get_json()["payment_plan"] is None


def test_the_catalogue_shows_the_plan_as_the_event_does(client, priya, priya_client):
    created = priya_client.post(f"/api/facilitator/{priya.id}/events", json=retreat_body(150 * DAY, payment_plan=PLAN))
    listed = [e for e in client.get("/events").get_json()["items"] if e["id"] == created.get_json()["id"]]
    assert listed[0]["payment_plan"] == client.get(f"/events/{listed[0]['id']}").get_json()["payment_plan"]


@pytest.mark.parametrize(
    ("plan", "field"),
    [
        ({**PLAN, "deposit": {}}, "deposit"),
        ({**PLAN, "deposit": {"percent": 20, "amount": 100}}, "deposit"),
        ({**PLAN, "deposit": {"percent": 100}}, "percent"),
        ({**PLAN, "deposit": {"amount": 0}}, "amount"),
        ({**PLAN, "instalments": 7}, "instalments"),
        ({**PLAN, "instalments": 0}, "instalments"),
        ({**PLAN, "balance_due_days": -1}, "balance_due_days"),
        ({**PLAN, "balance_due_days": "30"}, "balance_due_days"),
        ({k: v for k, v in PLAN.items() if k != "deposit"}, "deposit"),
        ("20%", "payment_plan"),
    ],
)
def test_a_wrong_plan_is_a_400_naming_its_field_and_writes_nothing(
    priya, priya_client, assert_error, db_rows, plan, field
):
    before = db_rows()
    response = priya_client.post(f"/api/facilitator/{priya.id}/events", json=retreat_body(60 * DAY, payment_plan=plan))
    error = assert_error(response, 400, "validation_error", "payment_plan")
    assert field in str(error["details"])
    assert db_rows() == before


def test_the_schedule_splits_the_balance_with_the_remainder_last_on_the_events_clock():
    now = datetime(2027, 1, 10, 6, 0, tzinfo=UTC)
    starts = datetime(2027, 6, 1, 3, 30, tzinfo=UTC)  # 09:00 in Kolkata
    parts = plans.schedule({**PLAN, "instalments": 3}, 1_000_001, 1, starts, "Asia/Kolkata", now)
    assert [p.amount for p in parts] == [200_000, 266_667, 266_667, 266_667]
    assert sum(p.amount for p in parts) == 1_000_001
    assert [p.due_at.isoformat() for p in parts[1:]] == [
        "2027-03-02T03:30:00+00:00",
        "2027-04-02T03:30:00+00:00",
        "2027-05-02T03:30:00+00:00",
    ]
    late = plans.schedule(PLAN, 1_000_000, 1, starts, "Asia/Kolkata", datetime(2027, 3, 20, tzinfo=UTC))
    assert late[1].due_at == datetime(2027, 3, 20, tzinfo=UTC) == late[0].due_at  # a date past: due at once
    assert late[2].due_at == parts[2].due_at
    assert plans.schedule(PLAN, 1_000_000, 1, starts, "Asia/Kolkata", datetime(2027, 5, 3, tzinfo=UTC)) is None
    by_amount = plans.schedule({**PLAN, "deposit": {"amount": 300_000}}, 1_000_000, 2, starts, "Asia/Kolkata", now)
    assert by_amount[0].amount == 600_000 and sum(p.amount for p in by_amount) == 1_000_000
    assert plans.schedule({**PLAN, "deposit": {"amount": 2_000_000}}, 1_000_000, 1, starts, "UTC", now) is None
