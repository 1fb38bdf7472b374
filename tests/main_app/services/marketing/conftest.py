"""A studio with a member in each role, the real CRM holding its client book (clients with and without consent, one
address twice, another studio's client) and segments, the main API mailing through the test's SMTP server."""

import datetime as dt
from dataclasses import dataclass

import pytest
from marketing_links import API, WEB

from crm_microservice.database import unit_of_work as crm_unit_of_work
from crm_microservice.extensions import db as crm_db
from crm_microservice.models import Client, Segment
from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import MEMBER_ROLES, StudioMember

STUDIO = {"name": "Lotus <Yoga>", "timezone": "Asia/Kolkata", "currency": "INR", "country": "IN"}
CONSENTED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@dataclass
class Team:
    slug: str
    id: int
    clients: dict  # role → test client


@pytest.fixture
def crm(real_crm):
    """The real CRM on its own database, served on a loopback port."""
    return real_crm()


@pytest.fixture
def app(make_app, crm, smtp_server):
    """The main API reading segments from the real CRM and mailing through the SMTP server; a cap of 5 a day. The
    real CRM always answers, but on a loaded machine (CI's two cores, three workers) not within the tests' usual two
    seconds: only its load could reach this timeout."""
    return make_app(
        CRM_BASE_URL=crm.url,
        CRM_TIMEOUT=30.0,
        MAIL_URL=smtp_server.url,
        MAIL_QUICK_RETRIES=1,
        MAIL_RETRY_SCHEDULE=[0.0, 0.0, 0.0],
        PUBLIC_WEB_URL=WEB,
        PUBLIC_API_URL=API,
        MARKETING_EMAILS_PER_DAY=5,
    )


@pytest.fixture
def make_team(app, make_user, client_for):
    """make_team(name): a studio made by its owner through the API, with a manager, an instructor and front desk."""

    def make(name: str) -> Team:
        accounts = {role: make_user(name=f"{name} {role}") for role in MEMBER_ROLES}
        clients = {role: client_for(account) for role, account in accounts.items()}
        made = clients["owner"].post("/api/studios", json={**STUDIO, "name": name})
        assert made.status_code == 201, made.get_json()
        studio = made.get_json()
        with app.app_context(), unit_of_work():
            for role in MEMBER_ROLES[1:]:
                db.session.add(StudioMember(studio_id=studio["id"], user_id=accounts[role].id, role=role))
        return Team(studio["slug"], studio["id"], clients)

    return make


@pytest.fixture
def team(make_team) -> Team:
    return make_team("Lotus <Yoga>")


@pytest.fixture
def other_team(make_team) -> Team:
    return make_team("Moon Studio")


def _client(studio_id: int, user_id: int | None, name: str, email: str, consent: bool | None) -> Client:
    return Client(
        studio_id=studio_id,
        user_id=user_id,
        guest_email=None if user_id else email.lower(),
        name=name,
        email=email,
        marketing_consent=consent,
        consent_at=CONSENTED if consent is not None else None,
        consent_how="signup form" if consent is not None else None,
    )


@pytest.fixture
def book(crm, team, other_team) -> dict:
    """The studio's client book in the CRM: Asha and Ben consented, Asha's address once more (another account),
    Cara refused, Dan never asked, a guest who consented; another studio's consenting client. Segments "Everyone"
    of each studio: {"segment": id, "other_segment": id, "clients": {name: id}}."""
    people = [
        (team.id, 501, "Asha", "asha@example.com", True),
        (team.id, 502, "Ben", "ben@example.com", True),
        (team.id, 503, "Asha twice", "ASHA@example.com", True),
        (team.id, 504, "Cara", "cara@example.com", False),
        (team.id, 505, "Dan", "dan@example.com", None),
        (team.id, None, "Gita", "gita@example.com", True),
        (other_team.id, 601, "Zoe", "zoe@example.com", True),
    ]
    now = dt.datetime.now(dt.UTC)
    with crm.app.app_context():
        rows = [_client(*person) for person in people]
        segments = [
            Segment(studio_id=studio_id, name="Everyone", filters={}, created_by=1, created_at=now, updated_at=now)
            for studio_id in (team.id, other_team.id)
        ]
        with crm_unit_of_work(keep_loaded=True):
            crm_db.session.add_all(rows + segments)
        return {
            "segment": segments[0].id,
            "other_segment": segments[1].id,
            "clients": {row.name: row.id for row in rows},
        }


@pytest.fixture
def consent_of(crm):
    """consent_of(client_id): the client's marketing consent in the CRM's client book now."""

    def read(client_id: int) -> bool | None:
        with crm.app.app_context():
            return crm_db.session.get(Client, client_id).marketing_consent

    return read
