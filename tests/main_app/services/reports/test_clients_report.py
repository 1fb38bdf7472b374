"""The clients report: new and returning clients (a first visit ever at the studio, or not), retention cohorts and
membership churn, each worked by hand."""

from datetime import timedelta

import pytest

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import PASS_ACTIVE, PASS_LAPSED, Pass, utcnow

pytestmark = pytest.mark.both_databases


def _visits(make_session, priya, held_at, mark):
    """visit(people, days_ago, came=True): the people booked into a class of priya's held days_ago (a no-show when
    came is False); returns their bookings."""

    def visit(people, days_ago: float, came: bool = True, cancels=None) -> list[dict]:
        session = make_session(capacity=10, starts_in=timedelta(days=1), facilitator_id=priya.id)
        booked = [person.post("/book", json={"session_id": session.id}).get_json() for person in people]
        if cancels is not None:  # the first person cancels before the class
            assert cancels.post(f"/bookings/{booked[0]['id']}/cancel", json={}).status_code == 200
        held_at(session.id, utcnow().replace(microsecond=0) - timedelta(days=days_ago))
        for booking in booked:
            if not came:
                mark(booking["id"], "no_show")
        return booked

    return visit


def test_new_and_returning_clients_over_the_span(make_session, make_user, client_for, priya, shop, held_at, mark):
    visit = _visits(make_session, priya, held_at, mark)
    old, fresh, once, absent, cancelled = (client_for(make_user(name=f"Client {n}")) for n in range(5))
    visit([old], 100)
    visit([old], 5)
    visit([fresh], 10)
    visit([fresh, once], 20)
    visit([absent], 2, came=False)
    visit([cancelled], 2, cancels=cancelled)

    report = shop.owner.get(f"{shop.base}/reports/clients").get_json()
    totals = report["totals"]
    assert totals == {"clients": 3, "new": 2, "returning": 1, "visits": 4}
    assert report["previous"] | {"from": None} == {"clients": 0, "new": 0, "returning": 0, "visits": 0, "from": None}
    assert sum(period["visits"] for period in report["periods"]) == totals["visits"]
    assert sum(period["new"] for period in report["periods"]) == totals["new"]
    assert all(row["back_30"] is None for row in report["cohorts"])  # the windows are still open


def test_retention_cohorts_count_returns_within_30_60_90_days(
    make_session, make_user, client_for, priya, shop, held_at, mark
):
    visit = _visits(make_session, priya, held_at, mark)
    soon, late, never = (client_for(make_user(name=f"Cohort {n}")) for n in range(3))
    visit([soon, late, never], 150)
    visit([soon], 140)  # back after 10 days
    visit([late], 80)  # back after 70 days: within 90, not 60
    today = utcnow().date()
    span = f"from={today - timedelta(days=200)}&to={today - timedelta(days=120)}&by=month"
    report = shop.owner.get(f"{shop.base}/reports/clients?{span}").get_json()
    (cohort,) = report["cohorts"]
    assert (cohort["clients"], cohort["back_30"], cohort["back_60"], cohort["back_90"]) == (3, 1, 1, 2)
    assert report["totals"] == {"clients": 3, "new": 3, "returning": 0, "visits": 4}


def test_membership_churn(app, shop, make_user):
    product = shop.owner.post(
        f"{shop.base}/passes", json={"name": "Unlimited", "kind": "membership", "period": "month", "price": 300_000}
    ).get_json()
    now = utcnow()
    day = timedelta(days=1)
    runs = [  # (valid_from, valid_until, ended_at, renews, status)
        (now - 60 * day, now + 5 * day, None, True, PASS_ACTIVE),  # running throughout
        (now - 50 * day, now - 10 * day, now - 10 * day, True, PASS_LAPSED),  # ended in the span
        (now - 10 * day, now + 20 * day, None, False, PASS_ACTIVE),  # began in the span
        (now - 90 * day, now - 45 * day, None, False, PASS_ACTIVE),  # over before it
    ]
    with app.app_context(), unit_of_work():
        for n, (begun, until, ended, renews, status) in enumerate(runs):
            person = make_user(name=f"Member {n}")
            db.session.add(
                Pass(
                    product_id=product["id"],
                    user_id=person.id,
                    facilitator_id=product["facilitator_id"],
                    studio_id=shop.id,
                    name="Unlimited",
                    kind="membership",
                    status=status,
                    period="month",
                    price=300_000,
                    currency="INR",
                    valid_from=begun,
                    valid_until=until,
                    ended_at=ended,
                    renews=renews,
                    paid_at=begun,
                )
            )
    report = shop.owner.get(f"{shop.base}/reports/clients").get_json()
    assert report["memberships"] == {
        "active_at_start": 2,
        "started": 1,
        "ended": 1,
        "active_at_end": 2,
        "churn_rate": 0.5,
    }
