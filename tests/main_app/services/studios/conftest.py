"""A studio with a member in each role, their clients, invitation links as the email would carry them, and the
studio's pass products and codes."""

import itertools
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import MEMBER_ROLES, Checkin, EventSession, SessionSeries, StudioInvitation, StudioMember, utcnow
from main_app.services.studios import invitation_token

STUDIO = {"name": "Lotus Yoga", "timezone": "Asia/Kolkata", "currency": "INR", "country": "IN"}
PACK = {"name": "5-class pack", "kind": "pack", "credits": 5, "valid_days": 90, "price": 250_000}


@dataclass
class Team:
    """A studio's slug and id, an account and a client per role."""

    slug: str
    id: int
    accounts: dict
    clients: dict


@pytest.fixture
def studio_fields() -> dict:
    """The fields of a new studio, as POST /api/studios takes them."""
    return dict(STUDIO)


@pytest.fixture
def make_team(make_user, client_for, add_member):
    """make_team(name): a studio made through the API by its owner, with a manager, an instructor and front desk."""

    def make(name: str = "Lotus Yoga", slug: str | None = None) -> Team:
        accounts = {role: make_user(name=f"{name} {role}") for role in MEMBER_ROLES}
        clients = {role: client_for(account) for role, account in accounts.items()}
        body = {**STUDIO, "name": name, **({"slug": slug} if slug else {})}
        made = clients["owner"].post("/api/studios", json=body)
        assert made.status_code == 201, made.get_json()
        studio = made.get_json()
        for role in MEMBER_ROLES[1:]:
            add_member(studio["id"], accounts[role], role)
        return Team(studio["slug"], studio["id"], accounts, clients)

    return make


@pytest.fixture
def team(make_team) -> Team:
    """A studio with one member in each role."""
    return make_team()


@pytest.fixture
def booked_in(app, client_for):
    """booked_in(session, person): the person books the session, its seat 1 is checked in (written straight to the
    database, whatever the check-in window), and the session is made one of a series of its event:
    {"booking_id", "series_id"}."""

    def book(session, person) -> dict:
        answer = client_for(person).post("/bookings/book", json={"session_id": session.id})
        assert answer.status_code == 201, answer.get_json()
        booking_id = answer.get_json()["id"]
        with app.app_context(), unit_of_work():
            row = db.session.get(EventSession, session.id)
            series = SessionSeries(
                event_id=session.event_id,
                rrule="FREQ=WEEKLY;COUNT=1",
                starts_on=row.starts_at.date(),
                start_time=row.starts_at.strftime("%H:%M"),
                duration_minutes=60,
            )
            db.session.add(series)
            db.session.flush()
            row.series_id = series_id = series.id
            seen = {"session_id": session.id, "booking_id": booking_id, "seat": 1, "checked_in_at": utcnow()}
            db.session.add(Checkin(**seen, device_id="desk"))
        return {"booking_id": booking_id, "series_id": series_id}

    return book


@pytest.fixture
def link_token(app):
    """link_token(email): the token of the newest invitation to email, as its email's link carries it."""

    def token(email: str) -> str:
        with app.app_context():
            found = db.session.scalars(
                select(StudioInvitation).where(StudioInvitation.email == email).order_by(StudioInvitation.id.desc())
            ).first()
            return invitation_token(found.id, found.nonce)

    return token


@pytest.fixture
def roles_in(app):
    """roles_in(studio_id): {user_id: role} of the studio's members."""

    def read(studio_id: int) -> dict:
        with app.app_context():
            rows = db.session.execute(
                select(StudioMember.user_id, StudioMember.role).where(StudioMember.studio_id == studio_id)
            )
            return dict(rows.all())

    return read


@dataclass
class Stock:
    """A pass product and a discount code of a studio's."""

    pass_id: int
    code_id: int


@pytest.fixture
def make_stock():
    """make_stock(team, **code_terms): a pack on sale and a code (10% off unless told), made by the team's manager
    through the studio's routes."""
    numbers = itertools.count(1)

    def make(team: Team, **code_terms) -> Stock:
        manager = team.clients["manager"]
        product = manager.post(f"/api/studios/{team.slug}/passes", json=PACK)
        assert product.status_code == 201, product.get_json()
        terms = {"code": f"STOCK{next(numbers)}", "percent_off": 10, **code_terms}
        code = manager.post(f"/api/studios/{team.slug}/codes", json=terms)
        assert code.status_code == 201, code.get_json()
        return Stock(product.get_json()["id"], code.get_json()["id"])

    return make
