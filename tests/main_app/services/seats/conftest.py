"""Fixtures of the waiting-list and offer tests: priya's routes and a crowd of signed-in people."""

import pytest


@pytest.fixture
def base(priya) -> str:
    return f"/api/facilitator/{priya.id}"


@pytest.fixture
def people(make_user, client_for):
    """people(n) -> n (account, client) pairs of new users."""

    def make(n: int):
        return [(account, client_for(account)) for account in (make_user(name=f"Guest {i}") for i in range(n))]

    return make
