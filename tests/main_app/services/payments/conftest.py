"""Fixtures of the payments tests: a paid session, and the dispatcher's payments lane."""

from datetime import timedelta

import pytest

from main_app.lanes import build_dispatcher

PRICE = 4_500_000  # ₹45,000.00


@pytest.fixture
def paid_session(make_session, priya):
    """A retreat session of priya's at ₹45,000, 3 days ahead, 2 seats."""
    return make_session(capacity=2, starts_in=timedelta(days=3), price=PRICE, currency="INR", facilitator_id=priya.id)


@pytest.fixture
def payments_lane(app):
    """The dispatcher's payments lane (refunds, hold ends); drain() delivers everything due."""
    with app.app_context():
        lane = build_dispatcher(app.config, channel="payments")

    def drain() -> None:
        with app.app_context():
            while lane.run_once():
                pass

    yield drain
    lane.close()
