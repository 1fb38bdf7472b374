"""Fixtures of the waiting-list and offer tests: priya's routes."""

import pytest


@pytest.fixture
def base(priya) -> str:
    return f"/api/facilitator/{priya.id}"
