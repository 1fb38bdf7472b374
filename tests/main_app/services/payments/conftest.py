"""Fixtures of the payments tests: a paid session."""

from datetime import timedelta

import pytest

PRICE = 4_500_000  # ₹45,000.00


@pytest.fixture
def paid_session(make_session, priya):
    """A retreat session of priya's at ₹45,000, 3 days ahead, 2 seats."""
    return make_session(capacity=2, starts_in=timedelta(days=3), price=PRICE, currency="INR", facilitator_id=priya.id)
