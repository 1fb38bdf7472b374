"""The failover drill's studio, written through the main API's models before the clock starts: a facilitator (who
checks people in), people with tokens and a password (some log in during the rush) and some with a 10-class pack,
free classes, paid classes, classes starting soon (check-in is open) and tiny classes already full (people join
their waiting lists)."""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from data import FAST_HASH_METHOD
from flask_jwt_extended import create_access_token
from werkzeug.security import generate_password_hash

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import ROLE_FACILITATOR, ROLE_USER, Event, EventSession, Pass, PassLedgerEntry, PassProduct, User
from main_app.services.studios.studios import home_studio_id

PASSWORD = "bench-password"
PRICE = 50_000  # INR 500 a seat
PACK = 10  # credits in each pack holder's pack
KINDS = {  # kind of class: (how many, seats each, price, starts in)
    "free": (30, 200, 0, timedelta(days=10)),  # seats left all through the rush: bookings go on being sold
    "paid": (20, 100, PRICE, timedelta(days=11)),
    "soon": (6, 200, 0, timedelta(minutes=20)),  # check-in opens CHECKIN_OPENS_MINUTES (60) before the start
    "tiny": (20, 1, 0, timedelta(days=12)),  # full at once: the rest join the waiting list
}


@dataclass
class Person:
    user_id: int
    email: str
    token: str
    pass_id: int | None = None


@dataclass
class Studio:
    """What the rush needs to know of the data: who, which classes, the facilitator's token."""

    facilitator_id: int
    facilitator_token: str
    people: list[Person]
    sessions: dict[str, list[int]] = field(default_factory=dict)  # kind of class -> session ids
    pass_ids: list[int] = field(default_factory=list)


def _account(role: str, name: str, email: str, password_hash: str) -> User:
    return User(name=name, email=email, role=role, password_hash=password_hash)


def _classes(facilitator: User, studio_id: int, kind: str) -> list[EventSession]:
    count, seats, price, starts_in = KINDS[kind]
    starts = datetime.now(UTC) + starts_in
    sessions = [
        EventSession(
            starts_at=starts + timedelta(minutes=5 * i),
            ends_at=starts + timedelta(minutes=5 * i + 180),
            capacity=seats,
            instructor_id=facilitator.id,
            price=price,
            currency="INR",
        )
        for i in range(count)
    ]
    db.session.add(
        Event(
            title=f"Drill {kind} class",
            kind="session",
            location="Loopback Studio",
            facilitator=facilitator,
            studio_id=studio_id,
            starts_at=starts,
            ends_at=starts + timedelta(days=1),
            sessions=sessions,
        )
    )
    return sessions


def _packs(facilitator: User, studio_id: int, holders: list[User]) -> list[Pass]:
    now, terms = datetime.now(UTC), {"name": "Drill 10-class pack", "kind": "pack", "credits": PACK, "valid_days": 90}
    owners = {"facilitator_id": facilitator.id, "studio_id": studio_id}
    product = PassProduct(**owners, price=400_000, currency="INR", **terms)
    db.session.add(product)
    db.session.flush()
    packs = [
        Pass(
            product_id=product.id,
            user_id=holder.id,
            **owners,
            status="active",
            credits_left=PACK,
            price=product.price,
            currency="INR",
            valid_from=now,
            valid_until=now + timedelta(days=90),
            paid_at=now,
            **terms,
        )
        for holder in holders
    ]
    db.session.add_all(packs)
    db.session.flush()
    db.session.add_all(PassLedgerEntry(pass_id=bought.id, kind="purchase", credits=PACK) for bought in packs)
    return packs


def _token(account: User) -> str:
    """The same claims the API's own login puts in its tokens."""
    return create_access_token(str(account.id), additional_claims={"role": account.role, "name": account.name})


def create_studio(app, people: int) -> Studio:
    """The facilitator, people (one in four with a pack) and every kind of class, in one transaction."""
    stamp = uuid.uuid4().hex[:8]
    password_hash = generate_password_hash(PASSWORD, FAST_HASH_METHOD)
    with app.app_context():
        facilitator = _account(ROLE_FACILITATOR, "Drill Facilitator", f"drill-fac-{stamp}@example.com", password_hash)
        accounts = [
            _account(ROLE_USER, f"Drill Person {i}", f"drill-{i}-{stamp}@example.com", password_hash)
            for i in range(people)
        ]
        with unit_of_work():
            db.session.add(facilitator)
            db.session.add_all(accounts)
            db.session.flush()
            studio_id = home_studio_id(facilitator)
            sessions = {kind: _classes(facilitator, studio_id, kind) for kind in KINDS}
            packs = _packs(facilitator, studio_id, accounts[::4])
        pack_of = {bought.user_id: bought.id for bought in packs}
        studio = Studio(
            facilitator.id,
            _token(facilitator),
            [Person(u.id, u.email, _token(u), pack_of.get(u.id)) for u in accounts],
            {kind: [s.id for s in made] for kind, made in sessions.items()},
            [bought.id for bought in packs],
        )
        db.session.remove()
    return studio
