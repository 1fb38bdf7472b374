"""Accounts of the main API: users made in the database, their tokens and clients, the named people of the tests."""

import itertools
import os
from dataclasses import dataclass
from functools import cache

import pytest
from werkzeug.security import generate_password_hash

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import ROLE_ADMIN, ROLE_FACILITATOR, ROLE_USER, StudioMember, User
from main_app.security import issue_token

PASSWORD = "correct-horse-9"


@cache
def password_hash(password: str) -> str:
    """Hash each test password once per run, as the tests' apps hash them (tests/conftest.py)."""
    return generate_password_hash(password, method=os.environ["PASSWORD_HASH_METHOD"])


@dataclass(frozen=True)
class Account:
    """A user row's plain values, usable outside the app context."""

    id: int
    name: str
    email: str
    username: str | None
    role: str
    password: str = PASSWORD


@pytest.fixture
def make_user(app):
    """Factory: an account created directly in the database."""
    numbers = itertools.count(1)

    def make(
        *,
        role: str = ROLE_USER,
        name: str | None = None,
        email: str | None = None,
        username: str | None = None,
        password: str = PASSWORD,
    ) -> Account:
        n = next(numbers)
        with app.app_context():
            user = User(
                name=name or f"Test {role.title()} {n}",
                email=email or f"{role}{n}@example.com",
                username=username,
                role=role,
                password_hash=password_hash(password),
            )
            with unit_of_work():
                db.session.add(user)
            return Account(user.id, user.name, user.email, user.username, user.role, password)

    return make


@pytest.fixture
def token_for(app):
    """Factory: a real access token for an account, as /auth/login would issue it."""

    def make(account: Account) -> str:
        with app.app_context():
            return issue_token(db.session.get(User, account.id))

    return make


@pytest.fixture
def client_for(app, token_for):
    """Factory: a test client sending the account's token on every request."""

    def make(account: Account):
        client = app.test_client()
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token_for(account)}"
        return client

    return make


@pytest.fixture
def user(make_user) -> Account:
    """A registered user (role user)."""
    return make_user(name="Asha Rao", email="asha@example.com", username="asha")


@pytest.fixture
def user_client(client_for, user):
    """A client authenticated as user."""
    return client_for(user)


@pytest.fixture
def facilitator(make_user) -> Account:
    """A facilitator account."""
    return make_user(role=ROLE_FACILITATOR, name="Dr. Test Facilitator", email="fac@example.com", username="fac")


@pytest.fixture
def facilitator_client(client_for, facilitator):
    """A client authenticated as facilitator."""
    return client_for(facilitator)


@pytest.fixture
def people(make_user, client_for):
    """people(n) -> n (account, client) pairs of new users."""

    def make(n: int):
        return [(account, client_for(account)) for account in (make_user(name=f"Guest {i}") for i in range(n))]

    return make


@pytest.fixture
def priya(make_user) -> Account:
    """The facilitator who owns the events in the facilitator API tests."""
    return make_user(role=ROLE_FACILITATOR, name="Dr. Priya Sharma", email="priya@example.com", username="priya")


@pytest.fixture
def priya_client(client_for, priya):
    """A client authenticated as priya."""
    return client_for(priya)


@pytest.fixture
def admin(make_user) -> Account:
    """An operator (role admin): delivery status and retries."""
    return make_user(role=ROLE_ADMIN, name="Ops Admin", email="ops@example.com", username="ops")


@pytest.fixture
def admin_client(client_for, admin):
    """A client authenticated as admin."""
    return client_for(admin)


@pytest.fixture
def arjun(make_user) -> Account:
    """Another facilitator, who must not reach priya's events."""
    return make_user(role=ROLE_FACILITATOR, name="Arjun Patel", email="arjun@example.com", username="arjun")


@pytest.fixture
def arjun_client(client_for, arjun):
    """A client authenticated as arjun."""
    return client_for(arjun)


@pytest.fixture
def add_member(app):
    """add_member(studio_id, account, role): a member written straight to the database."""

    def add(studio_id: int, account, role: str) -> None:
        with app.app_context(), unit_of_work():
            db.session.add(StudioMember(studio_id=studio_id, user_id=account.id, role=role))

    return add
