"""Handles on the real system running as processes: start it, arrange data, call it."""
import time
from datetime import datetime, timedelta, timezone

import pytest
import requests
from werkzeug.security import generate_password_hash

from main_app import create_app
from main_app.extensions import db
from main_app.models import ROLE_FACILITATOR, ROLE_USER, Event, Session, User
from start_services import ServiceProcess

SERVICE_TOKEN = "integration-service-token"
JWT_SECRET = "integration-jwt-secret-at-least-32-bytes-long"
# A fast hash for accounts the tests create directly; login still verifies it for real.
FAST_HASH_METHOD = "pbkdf2:sha256:1000"


def wait_for(predicate, timeout: float, interval: float = 0.05, message: str = "condition"):
    """Poll predicate until it returns a truthy value; fail the test after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"{message} not met within {timeout}s")


class Stack:
    """Handles on a running system and the calls tests make against it."""

    def __init__(self, services: list[ServiceProcess], env: dict, main_url: str, crm_url: str):
        self.crm, self.main, self.dispatcher = services
        self.env = env
        self.main_url = main_url
        self.crm_url = crm_url
        self.http = requests.Session()
        self._app = create_app({"SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"], "JWT_SECRET_KEY": JWT_SECRET})

    def stop(self) -> None:
        for service in (self.dispatcher, self.main, self.crm):
            service.stop()
        self.http.close()
        with self._app.app_context():
            db.engine.dispose()

    # -- arranging data directly in the main database ---------------------------------------------

    def add_session(self, capacity: int, title: str = "Integration Retreat") -> int:
        """A facilitator, an event and one future session with capacity seats; returns the session id."""
        with self._app.app_context():
            facilitator = User(name="Dr. Test Facilitator", email=f"fac-{time.monotonic_ns()}@example.com",
                               role=ROLE_FACILITATOR, password_hash=generate_password_hash("x" * 12, FAST_HASH_METHOD))
            starts = datetime.now(timezone.utc) + timedelta(days=3)
            session = Session(starts_at=starts, ends_at=starts + timedelta(hours=2), capacity=capacity)
            db.session.add(Event(title=title, kind="retreat", location="Loopback", facilitator=facilitator,
                                 starts_at=starts, ends_at=starts + timedelta(hours=2), sessions=[session]))
            db.session.commit()
            return session.id

    def add_users(self, count: int, password: str = "password123") -> list[str]:
        """count user accounts created directly; returns their emails."""
        stamp = time.monotonic_ns()
        emails = [f"user{i}-{stamp}@example.com" for i in range(count)]
        with self._app.app_context():
            db.session.add_all(
                User(name=f"Race User {i}", email=email, role=ROLE_USER,
                     password_hash=generate_password_hash(password, FAST_HASH_METHOD))
                for i, email in enumerate(emails)
            )
            db.session.commit()
        return emails

    # -- talking to the services ------------------------------------------------------------------

    def register(self, name: str, email: str, password: str = "password123") -> dict:
        response = self.http.post(f"{self.main_url}/auth/register", json={"name": name, "email": email, "password": password})
        assert response.status_code == 201, response.text
        return response.json()

    def login(self, email: str, password: str = "password123") -> str:
        response = self.http.post(f"{self.main_url}/auth/login", json={"email": email, "password": password})
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def book(self, token: str, session_id: int, path: str = "/bookings/book") -> requests.Response:
        return self.http.post(f"{self.main_url}{path}", json={"session_id": session_id},
                              headers={"Authorization": f"Bearer {token}"}, timeout=30)

    def crm_notifications(self, **filters) -> list[dict]:
        response = self.http.get(f"{self.crm_url}/notifications", params={"per_page": 100, **filters},
                                 headers={"Authorization": f"Bearer {SERVICE_TOKEN}"}, timeout=5)
        assert response.status_code == 200, response.text
        return response.json()["items"]

    def restart_crm(self) -> None:
        self.crm.start().wait_healthy()
