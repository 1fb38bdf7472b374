"""Fixtures of the texts tests: the dispatcher's SMS lane on the test's app."""

import pytest


@pytest.fixture
def sms_lane(drainer):
    """The dispatcher's SMS lane as crm-dispatch builds it; calling it sends everything due."""
    return drainer("sms")
