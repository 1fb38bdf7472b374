"""The news the scripted day (tests/main_app/news/test_same_rows.py) does not cause, caused through the domains' own
operations: a studio's staff invited, its form signed, its clients and their bookings imported, the studio moved to
another install, a code redeemed, a pack down to its last credit, memberships renewed and lapsed, a password reset, an
account erased."""

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import CHANNEL_CRM, ROLE_FACILITATOR, OutboxMessage, Studio, User, utcnow
from main_app.services.imports import restore_studio
from tests.main_app.news.test_same_rows import ok
from tests.main_app.services.forms.signed_forms import drawn
from tests.main_app.services.imports.studio_moves import drain_lane, export

STUDIO = {"name": "Lotus Yoga", "timezone": "UTC", "currency": "INR", "country": "IN"}
PACK = {"name": "10 Class Pass", "kind": "pack", "credits": 10, "valid_days": 90, "price": 0}
MEMBERSHIP = {"name": "Unlimited Monthly", "kind": "membership", "period": "month", "price": 450_000}
CLASS_DAY = datetime.now(UTC).date() + timedelta(days=3)
CLASS_AT = datetime.combine(CLASS_DAY, time(18, 30), UTC)


def due_now(app, kind: str) -> None:
    """Time passes: the pending messages of this kind (a timer, a payments-lane job) are due now."""
    with app.app_context(), unit_of_work():
        pending = sa.select(OutboxMessage).where(OutboxMessage.type == kind, OutboxMessage.status == "pending")
        for row in db.session.scalars(pending):
            row.next_attempt_at = utcnow() - timedelta(seconds=1)


def a_studio(owner_client) -> tuple[str, int]:
    """A studio made by its owner, who invites an instructor to it and signs its waiver: its API path and id."""
    made = ok(owner_client.post("/api/studios", json=STUDIO), 201)
    base = f"/api/studios/{made['slug']}"
    ok(owner_client.post(f"{base}/invitations", json={"email": "new.teacher@example.com", "role": "instructor"}), 201)
    form = ok(
        owner_client.post(f"{base}/forms", json={"kind": "waiver", "title": "Waiver", "body": "I take part."}), 201
    )
    version = ok(owner_client.post(f"{base}/forms/{form['id']}/versions"), 201)
    signed = {"version_id": version["id"], "full_name": "Studio Owner", "signature": drawn()}
    ok(owner_client.post(f"/me/forms/{form['id']}/signatures", json=signed), 201)
    return base, made["id"]


def imports(owner_client, base: str, make_event, studio_id: int, drainer) -> None:
    """The studio's clients brought in from a CSV, with a pack's balance, then their bookings of its class."""
    ok(owner_client.post(f"{base}/passes", json=PACK), 201)
    clients = "Client ID,First Name,Last Name,Email,Pricing Option,Remaining\n"
    clients += "1,Asha,Rao,asha@example.com,10 Class Pass,4\n"
    ok(owner_client.post(f"{base}/client-imports", json={"csv": clients}), 202)
    make_event(title="Evening Flow", studio_id=studio_id, at=CLASS_AT, capacity=4)
    visits = "Client ID,Client Name,Email,Class Name,Visit Date,Visit Time\n"
    visits += f"1,Asha Rao,asha@example.com,Evening Flow,{CLASS_DAY:%m/%d/%Y},6:30 PM\n"
    ok(owner_client.post(f"{base}/client-imports", json={"csv": visits, "kind": "bookings"}), 202)
    drainer("timers")()


def passes(client, priya, priya_client, person_client, make_session) -> None:
    """A pack bought with a code that takes its whole price, spent on a paid session down to its last credit."""
    base = f"/api/facilitator/{priya.id}"
    ok(priya_client.post(f"{base}/codes", json={"code": "WELCOME", "percent_off": 100, "applies_to": "passes"}), 201)
    product = ok(priya_client.post(f"{base}/passes", json={**PACK, "credits": 2, "price": 250_000}), 201)
    bought = ok(person_client.post(f"/passes/{product['id']}/buy", json={"code": "welcome"}), 201)
    session = make_session(price=120_000, starts_in=timedelta(days=3), facilitator_id=priya.id)
    ok(person_client.post("/book", json={"session_id": session.id, "pass_id": bought["pass"]["id"]}), 201)


def memberships(app, client, priya, priya_client, people, payments_lane) -> None:
    """Two memberships: one renews (told beforehand), the other's renewal is declined and it lapses."""
    product = ok(priya_client.post(f"/api/facilitator/{priya.id}/passes", json=MEMBERSHIP), 201)
    for (_account, member), action in zip(people(2), ("pay", "pay_decline_renewals"), strict=True):
        purchase = ok(member.post(f"/passes/{product['id']}/buy", json={}), 201)
        reference = purchase["checkout_url"].rsplit("/", 1)[1]
        assert client.post(f"/payments/test/checkout/{reference}", data={"action": action}).status_code == 303
    for kind in ("pre_debit_notice", "pass_renewal", "pass_lapse"):
        due_now(app, kind)
        payments_lane()


def accounts(client, make_user, client_for) -> None:
    """A password reset asked for, a second guardian invited to a family, a grown child given their own login, a
    child erased by their guardian, and an account erased by its person."""
    assert client.post("/auth/password-reset", json={"email": "someone@example.com"}).status_code == 202
    leaving = make_user(name="Leaving Soon")
    invited = client_for(leaving).post("/me/family/invitations", json={"email": "second@example.com"})
    assert invited.status_code == 202
    grown = {"name": "Grown Child", "date_of_birth": "2000-01-01", "consent": True}
    child = client_for(leaving).post("/me/family/children", json=grown).get_json()
    given = client_for(leaving).post(
        f"/me/family/children/{child['id']}/own-login", json={"email": "grown@example.com"}
    )
    assert given.status_code == 201, given.get_json()
    erased = client_for(leaving).post("/me/family/children", json=grown | {"name": "Short Stay"}).get_json()
    assert client_for(leaving).delete(f"/me/family/children/{erased['id']}").status_code == 204
    assert client_for(leaving).delete("/me", json={"password": leaving.password}).status_code == 204


def studio_moved(app_with_crm, moved, studio_id: int, owner_id: int) -> None:
    """The studio's clients told to the real CRM, and its export read into an empty studio of another install (moved):
    its clients and their client book come in."""
    drain_lane(app_with_crm, CHANNEL_CRM)
    exported = export(app_with_crm, studio_id, owner_id)
    with moved.app_context(), unit_of_work():
        owner = User(name="New Owner", email="owner@moved.example.com", role=ROLE_FACILITATOR, password_hash="!")
        studio = Studio(name="Studio moved", slug="studio-moved", timezone="UTC", currency="INR")
        db.session.add_all([owner, studio])
        db.session.flush()
        restore_studio(studio, owner.id, exported)
