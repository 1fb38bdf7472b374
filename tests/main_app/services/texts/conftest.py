"""Fixtures of the texts tests: the dispatcher's SMS lane on the test's app."""

import pytest

from main_app.lanes import build_dispatcher


@pytest.fixture
def sms_lane(app):
    """The dispatcher's SMS lane as crm-dispatch builds it; drain() sends everything due."""
    with app.app_context():
        lane = build_dispatcher(app.config, channel="sms")

    def drain() -> None:
        with app.app_context():
            while lane.run_once() and not lane.down:
                pass

    yield drain
    lane.close()
