"""The role matrix of the studio routes, driven by the permission table and the app's routes: every route under
/api/studios/<slug> names its permission, and every role of its own studio is let in exactly when the table says
(403 otherwise), while a member of another studio gets a 404, whatever their role; so does a removed member's old
token, and a logged-out token gets a 401 (the CRM's routes have the same two columns:
tests/crm_microservice/test_crm_token_lifetime.py)."""

import itertools
import re
from datetime import timedelta
from pathlib import Path

import pytest

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import MEMBER_ROLES, Automation, ClientImport, Payment, StudioExport, StudioImport, utcnow
from main_app.services.invoices import issue_invoice
from main_app.services.studios import GRANTABLE, PERMISSIONS, ROLE_PERMISSIONS, SEED_PERMISSIONS, allowed

ROOT = Path(__file__).resolve().parents[4]
PAYMENT_ID = "<id:payment_id>"  # routes with it get a payment of the booking made for them, paid through the provider
INVOICE_ID = "<id:invoice_id>"  # routes with it get that payment's invoice
MATRIX_PACK = {"name": "Matrix pack", "kind": "pack", "credits": 3, "valid_days": 30, "price": 90_000}
COLLECT = ("POST", "/api/studios/<slug>/clients/<id:user_id>/forms/<id:form_id>/signatures")
SAMPLE_BODIES = {
    ("PATCH", "/api/studios/<slug>"): {"contact_phone": "+91 98123 45678"},
    ("PUT", "/api/studios/<slug>/payments"): {"provider": "install"},
    ("PUT", "/api/studios/<slug>/whatsapp"): {
        "phone_number_id": "106540352242922",
        "business_account_id": "102290129340398",
        "access_token": "EAAGMatrixSystemUserTokenOnlyForTheseTests",
        "app_secret": "0123456789abcdef0123456789abcdef",
        "verify_token": "matrix-verify-token-of-its-own",
    },
    ("POST", "/api/studios/<slug>/exports"): {},
    ("POST", "/api/studios/<slug>/clients/<id:user_id>/whatsapp/messages"): {"text": "See you at 7."},
    ("POST", "/api/studios/<slug>/client-imports"): {"csv": "Email\nmatrix.client@example.com\n"},
    ("POST", "/api/studios/<slug>/client-imports/dry-run"): {"csv": "Email\nmatrix.client@example.com\n"},
    ("PUT", "/api/studios/<slug>/invoicing"): {
        "legal_name": "Matrix Studio LLP",
        "tax_name": "GST",
        "tax_rate": 1800,
        "service_code": "999723",
    },
    ("POST", "/api/studios/<slug>/invitations"): {"email": "newcomer@example.com", "role": "front_desk"},
    ("PATCH", "/api/studios/<slug>/members/<id:user_id>"): {"role": "front_desk"},
    ("POST", "/api/studios/<slug>/passes"): MATRIX_PACK,
    ("PATCH", "/api/studios/<slug>/passes/<id:pass_id>"): {"name": "Renamed pack"},
    ("POST", "/api/studios/<slug>/codes"): {"code": "MATRIX10", "percent_off": 10},
    ("PATCH", "/api/studios/<slug>/codes/<id:code_id>"): {"max_uses": 50},
    ("POST", f"/api/studios/<slug>/payments/{PAYMENT_ID}/refunds"): {"amount": 1_000, "reason": "Matrix"},
    ("PUT", "/api/studios/<slug>/instructor-rates/<id:user_id>"): {"kind": "flat", "amount": 150_000},
    ("PUT", "/api/studios/<slug>/clients/<id:user_id>/whatsapp/consent"): {"opted_in": False},
    ("POST", "/api/studios/<slug>/forms"): {"kind": "waiver", "title": "Matrix waiver", "body": "I take part."},
    ("PATCH", "/api/studios/<slug>/forms/<id:form_id>"): {"title": "Renamed waiver"},
    ("PUT", "/api/studios/<slug>/events/<id:event_id>/forms"): {"form_ids": []},
    ("POST", "/api/studios/<slug>/appointment-services"): {"name": "Matrix private", "duration_minutes": 60},
    ("PATCH", "/api/studios/<slug>/appointment-services/<id:service_id>"): {"name": "Renamed private"},
    ("PUT", "/api/studios/<slug>/appointment-rules"): {"max_days_ahead": 30},
    ("POST", "/api/studios/<slug>/webhooks"): {"url": "https://tools.example.com/hooks", "event_types": ["checked_in"]},
    ("PATCH", "/api/studios/<slug>/webhooks/<id:webhook_id>"): {"description": "Renamed"},
    ("POST", "/api/studios/<slug>/automations"): {"template": "birthday"},
    ("PATCH", "/api/studios/<slug>/automations/<id:automation_id>"): {"name": "Renamed"},
    ("POST", "/api/studios/<slug>/hooks"): {"target_url": "https://hooks.example.com/1", "event": "booking_created"},
    ("PUT", "/api/studios/<slug>/my-calendar"): {"kind": "ical", "url": "https://calendar.example/teacher.ics"},
    ("PUT", "/api/studios/<slug>/teachers/<id:user_id>/hours"): {
        "hours": [{"weekday": 0, "starts": "09:00", "ends": "12:00"}]
    },
    # A version not current: the desk's route answers 409 form_version_outdated once it let the caller in.
    COLLECT: {
        "version_id": 0,
        "full_name": "Matrix Client",
        "signature": "data:image/png;base64,"
        "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAQAAADVobXoAAAAC0lEQVR4nGNgQAcAABIAAXfx+gAAAAAASUVORK5CYII=",
    },
}
RATES = "/instructor-rates/"  # routes with it act on the team's instructor: a rate is for someone who teaches
# The path ids of the studio's own pass products and codes: routes with them get a Stock (make_stock) to act on.
STOCK_IDS = ("<id:pass_id>", "<id:code_id>")
INVITATION_ID = "<id:invitation_id>"  # routes with it get an open front desk invitation of the studio's
# Routes with these get an export or an import of the studio's, written straight to the database.
EXPORT_ID, IMPORT_ID, STUDIO_IMPORT_ID = "<id:export_id>", "<id:import_id>", "<id:studio_import_id>"
AUTOMATION_ID = "<id:automation_id>"  # routes with it get an automation of the studio's (off), written straight in
JOB_IDS = (EXPORT_ID, IMPORT_ID, STUDIO_IMPORT_ID, AUTOMATION_ID)
FORM_ID = "<id:form_id>"  # routes with it get a form of the studio's, written and published by its owner
SIGNATURE_ID = "<id:signature_id>"  # routes with it get the client's signature of such a form, collected at the desk
SERVICE_ID = "<id:service_id>"  # routes with it get a private session of the studio's, made by its owner
APPOINTMENT_ID = "<id:appointment_id>"  # routes with it get such a private, booked by a client
TOKEN_ID = "<id:token_id>"  # routes with it get an API token of the studio's, made by its owner
# Routes with these get a webhook of the studio's, made by its owner, and a test delivery to it.
WEBHOOK_ID, DELIVERY_ID = "<id:webhook_id>", "<delivery_id>"
INVITEES = itertools.count(1)


def _programme_bodies() -> dict:
    """Bodies of the programme routes (events and sessions), with times in the future."""
    start = (utcnow() + timedelta(days=3)).replace(microsecond=0)
    times = {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=1)).isoformat()}
    event = {"title": "Matrix Class", "kind": "session", "timezone": "Asia/Kolkata"}
    bodies = {
        ("POST", "/api/studios/<slug>/events"): {**event, "sessions": [{**times, "capacity": 5}]},
        ("POST", "/api/studios/<slug>/events/<id:event_id>/sessions"): {**times, "capacity": 5},
        ("POST", "/api/studios/<slug>/sessions/<id:session_id>/message"): {"subject": "Hello", "text": "See you."},
        ("POST", "/api/studios/<slug>/sessions/<id:session_id>/cancel"): {"reason": "Matrix"},
        ("DELETE", "/api/studios/<slug>/events/<id:event_id>"): {"reason": "Matrix"},
    }
    for method in ("PUT", "PATCH"):
        bodies[(method, "/api/studios/<slug>/events/<id:event_id>")] = {"title": "Renamed"}
        bodies[(method, "/api/studios/<slug>/sessions/<id:session_id>")] = {"capacity": 7}
    return bodies | _desk_bodies() | _series_bodies()


def _desk_bodies() -> dict:
    """Bodies of the check-in, walk-in, approval and intake routes."""
    session, booking = "/api/studios/<slug>/sessions/<id:session_id>", "/api/studios/<slug>/bookings/<id:booking_id>"
    return {
        ("POST", f"{session}/checkins"): {"checkins": [{"booking_id": 1, "device_id": "matrix"}]},
        ("PUT", f"{session}/attendance/<id:booking_id>"): {"attendance": "attended"},
        ("POST", f"{session}/walk-ins"): {"name": "Walk In", "email": "walk.in@example.com"},
        ("POST", f"{booking}/decline"): {"message": "This one is full."},
        ("PUT", "/api/studios/<slug>/events/<id:event_id>/questions"): {
            "questions": [{"kind": "text", "label": "Any injuries?"}]
        },
    }


def _series_bodies() -> dict:
    """Bodies of the series routes: two sessions from three days on, and changes from today on (the event's clock
    is UTC)."""
    today = utcnow().date()
    series = "/api/studios/<slug>/events/<id:event_id>/series"
    rule = {"rrule": "FREQ=WEEKLY;COUNT=2", "starts_on": (today + timedelta(days=3)).isoformat()}
    return {
        ("POST", series): {**rule, "start_time": "07:00", "duration_minutes": 60, "capacity": 5},
        ("PATCH", f"{series}/<id:series_id>"): {"from": today.isoformat(), "capacity": 7},
        ("POST", f"{series}/<id:series_id>/cancel"): {"from": today.isoformat(), "reason": "Matrix"},
    }


# Bodies naming one of the studio's people: filled in with the team's instructor.
INSTRUCTOR_BODIES = {("PATCH", "/api/studios/<slug>/sessions/<id:session_id>/instructor"): "instructor_id"}
# Bodies naming a session: filled in with the route's session.
SESSION_BODIES = {("POST", "/api/studios/<slug>/desk/bookings"): {"email": "desk.client@example.com", "use": "free"}}
# Query strings of the routes that need one.
QUERIES = {
    ("GET", "/api/studios/<slug>/desk/clients"): {"q": "front"},
    ("GET", "/api/studios/<slug>/whatsapp/usage"): {"month": "2026-04"},
}


def studio_routes(app) -> list[tuple[str, str, str]]:
    """(method, rule, permission) of every route with a studio's slug in its path."""
    found = []
    for rule in app.url_map.iter_rules():
        if "<slug>" not in rule.rule or not rule.rule.startswith("/api/studios/"):
            continue
        view = app.view_functions[rule.endpoint]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, rule.rule, getattr(view, "studio_permission", None)))
    return found


def test_the_table_gives_owners_everything_and_names_only_known_permissions():
    assert set(ROLE_PERMISSIONS) == set(MEMBER_ROLES)
    assert set(ROLE_PERMISSIONS["owner"]) == set(PERMISSIONS)
    for role, permissions in ROLE_PERMISSIONS.items():
        assert set(permissions) <= set(PERMISSIONS), role
    assert not allowed("instructor", "money.view") and not allowed("front_desk", "refunds.make")
    with pytest.raises(KeyError):
        allowed("owner", "no.such.permission")


def test_the_account_says_what_a_facilitator_may_do_on_its_seed_routes(make_user, client_for):
    """The web app reads a facilitator's permissions with no studio chosen from the table, through the account."""
    assert set(SEED_PERMISSIONS) <= set(PERMISSIONS)
    facilitator, person = make_user(role="facilitator"), make_user()
    assert client_for(facilitator).get("/auth/me").get_json()["my_permissions"] == list(SEED_PERMISSIONS)
    assert client_for(person).get("/auth/me").get_json()["my_permissions"] == []
    # The web app's tests sign a facilitator in with what the server answers: the same list.
    fixture = (ROOT / "frontend" / "src" / "test" / "render.jsx").read_text(encoding="utf-8")
    listed = re.search(r"FACILITATOR_PERMISSIONS = \[(.*?)\];", fixture, re.S).group(1)
    assert re.findall(r'"([a-z_.]+)"', listed) == list(SEED_PERMISSIONS)


def test_every_studio_route_names_its_permission(app):
    routes = studio_routes(app)
    assert len(routes) >= 7
    assert [route for route in routes if not route[2] or not set(route[2]) <= set(PERMISSIONS)] == []


def _needs_a_booking(rule: str) -> bool:
    """Whether the route names a booking, a series, a person who booked or a client: its call needs booked_in's."""
    named = ("<id:booking_id>", "<id:series_id>", "/people/", "/clients/<id:user_id>", PAYMENT_ID, INVOICE_ID)
    return any(part in rule for part in named)


def _invitation(team) -> int:
    """An open invitation of the team's (to front desk, which a manager may withdraw too), sent by its owner."""
    email = f"invitee{next(INVITEES)}@example.com"
    made = team.clients["owner"].post(
        f"/api/studios/{team.slug}/invitations", json={"email": email, "role": "front_desk"}
    )
    assert made.status_code == 201, made.get_json()
    return made.get_json()["id"]


def _form(team) -> int:
    """A waiver of the team's, written and published by its owner (its draft stays to edit)."""
    body = {"kind": "waiver", "title": "Matrix waiver", "body": "I take part at my own risk."}
    made = team.clients["owner"].post(f"/api/studios/{team.slug}/forms", json=body)
    assert made.status_code == 201, made.get_json()
    published = team.clients["owner"].post(f"/api/studios/{team.slug}/forms/{made.get_json()['id']}/versions")
    assert published.status_code == 201, published.get_json()
    return made.get_json()["id"]


def _signature(team, client_id: int, form_id: int) -> int:
    """The client's signature of the team's form, collected at the desk by its owner."""
    owner, base = team.clients["owner"], f"/api/studios/{team.slug}"
    form = next(one for one in owner.get(f"{base}/forms").get_json()["items"] if one["id"] == form_id)
    body = {**SAMPLE_BODIES[COLLECT], "version_id": form["current_version"]["id"], "answers": {}}
    signed = owner.post(f"{base}/clients/{client_id}/forms/{form_id}/signatures", json=body)
    assert signed.status_code == 201, signed.get_json()
    return signed.get_json()["id"]


def _service(team) -> int:
    """A private session of the team's, made by its owner."""
    made = team.clients["owner"].post(
        f"/api/studios/{team.slug}/appointment-services", json={"name": "Matrix private", "duration_minutes": 45}
    )
    assert made.status_code == 201, made.get_json()
    return made.get_json()["id"]


def _appointment(team, person_client) -> int:
    """A private of the team's, given by its instructor at any hour, booked by the client for tomorrow: its id."""
    owner, base, teacher = team.clients["owner"], f"/api/studios/{team.slug}", team.accounts["instructor"]
    body = {"name": "Matrix private", "duration_minutes": 45, "teachers": [teacher.id]}
    service = owner.post(f"{base}/appointment-services", json=body).get_json()
    week = [{"weekday": day, "starts": "00:00", "ends": "23:59"} for day in range(7)]
    assert owner.put(f"{base}/teachers/{teacher.id}/hours", json={"hours": week}).status_code == 200
    slots = person_client.get(f"/api/public/studios/{team.slug}/appointment-services/{service['id']}/slots?days=2")
    starts_at = slots.get_json()["items"][-1]["starts_at"]
    booked = person_client.post("/appointments", json={"service_id": service["id"], "starts_at": starts_at})
    assert booked.status_code == 201, booked.get_json()
    return booked.get_json()["appointment"]["id"]


def _paid(app, booked: dict) -> dict:
    """booked, with a payment of its booking through the provider (payment_id), written straight to the database."""
    with app.app_context(), unit_of_work():
        payment = Payment(
            booking_id=booked["booking_id"], provider="test", reference=f"matrix-{booked['booking_id']}",
            checkout_url="", status="succeeded", amount=90_000, currency="INR", expires_at=utcnow(),
            payment_id=f"tpay_matrix_{booked['booking_id']}", paid_at=utcnow(),
        )  # fmt: skip
        db.session.add(payment)
        db.session.flush()
        return {**booked, "payment_id": payment.id}


def _invoiced(app, booked: dict) -> dict:
    """booked (paid), with its payment's invoice (invoice_id), issued as a payment's success issues it."""
    with app.app_context(), unit_of_work():
        return {**booked, "invoice_id": issue_invoice(db.session.get(Payment, booked["payment_id"])).id}


def _jobs(app, team) -> dict:
    """An export and imports of the team's studio, straight into the database: {placeholder: id}."""
    with app.app_context(), unit_of_work():
        exported = StudioExport(studio_id=team.id, rows_total=0, rows_done=0, created_at=utcnow())
        imported = ClientImport(studio_id=team.id, source="csv", created_at=utcnow())
        moved = StudioImport(studio_id=team.id, owner_id=team.accounts["owner"].id, status="done", created_at=utcnow())
        steps = [{"kind": "add_tag", "tag": "matrix"}]
        automation = Automation(studio_id=team.id, name="Matrix", trigger="booking_made", steps=steps)
        db.session.add_all([exported, imported, moved, automation])
        db.session.flush()
        made = {EXPORT_ID: exported.id, IMPORT_ID: imported.id, STUDIO_IMPORT_ID: moved.id}
        return made | {AUTOMATION_ID: automation.id}


def _call(
    client,
    method: str,
    rule: str,
    team,
    target_id: int,
    session=None,
    booked=None,
    stock=None,
    invited=1,
    jobs=None,
    form_id=1,
    signature_id=1,
    service_id=1,
    appointment_id=1,
    token_id=1,
    hook=(1, "0" * 32),
):
    target_id = team.accounts["instructor"].id if RATES in rule else target_id
    path = rule.replace("<slug>", team.slug).replace("<id:user_id>", str(target_id))
    for placeholder in JOB_IDS:
        path = path.replace(placeholder, str((jobs or {}).get(placeholder, 1)))
    path = path.replace("<id:session_id>", str(session.id if session else 1))
    path = path.replace("<id:event_id>", str(session.event_id if session else 1))
    path = path.replace("<id:booking_id>", str(booked["booking_id"] if booked else 1))
    path = path.replace("<id:series_id>", str(booked["series_id"] if booked else 1))
    path = path.replace(PAYMENT_ID, str(booked.get("payment_id", 1) if booked else 1))
    path = path.replace(INVOICE_ID, str(booked.get("invoice_id", 1) if booked else 1))
    path = path.replace("<id:pass_id>", str(stock.pass_id if stock else 1))
    path = path.replace("<id:code_id>", str(stock.code_id if stock else 1))
    path = path.replace(INVITATION_ID, str(invited)).replace(FORM_ID, str(form_id))
    path = path.replace(SIGNATURE_ID, str(signature_id)).replace(SERVICE_ID, str(service_id))
    path = path.replace(APPOINTMENT_ID, str(appointment_id)).replace(TOKEN_ID, str(token_id))
    path = path.replace(WEBHOOK_ID, str(hook[0])).replace(DELIVERY_ID, hook[1])
    path = path.replace("<id:segment_id>", "1")  # the CRM's: the route answers before asking it (no body sent)
    body = SAMPLE_BODIES.get((method, rule)) or _programme_bodies().get((method, rule))
    if (method, rule) in INSTRUCTOR_BODIES:
        body = {INSTRUCTOR_BODIES[(method, rule)]: team.accounts["instructor"].id}
    if (method, rule) in SESSION_BODIES:
        body = {**SESSION_BODIES[(method, rule)], "session_id": session.id if session else 1}
    return client.open(path, method=method, json=body, query_string=QUERIES.get((method, rule)))


@pytest.fixture
def walk_every_route(app, make_user, add_member, make_session, booked_in, make_stock, client_for):
    """walk(team, client, may): call every studio route of team as client, each with what it acts on made first; a
    route whose permissions may(permission) grants any of is let in and answered by the route itself, any other
    answers 403 naming its first permission."""

    def walk(team, client, may) -> None:
        for method, rule, permission in studio_routes(app):
            target = make_user(name="Front Desk Target")
            add_member(team.id, target, "front_desk")
            # Tomorrow's class its instructor teaches: in reach of every role whose table lets it in.
            session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
            booked = booked_in(session, target) if _needs_a_booking(rule) else None
            booked = _paid(app, booked) if PAYMENT_ID in rule or INVOICE_ID in rule else booked
            booked = _invoiced(app, booked) if INVOICE_ID in rule else booked
            stock = make_stock(team) if any(name in rule for name in STOCK_IDS) else None
            invited = _invitation(team) if INVITATION_ID in rule else 1
            jobs = _jobs(app, team) if any(name in rule for name in JOB_IDS) else None
            form_id = _form(team) if FORM_ID in rule or SIGNATURE_ID in rule else 1
            signature_id = _signature(team, target.id, form_id) if SIGNATURE_ID in rule else 1
            service_id = _service(team) if SERVICE_ID in rule else 1
            appointment_id = _appointment(team, client_for(target)) if APPOINTMENT_ID in rule else 1
            token_id = _token(team, ["reports.view"])[0] if TOKEN_ID in rule else 1
            hook = _webhook(team) if WEBHOOK_ID in rule else (1, "0" * 32)
            answer = _call(
                client, method, rule, team, target.id, session, booked, stock, invited, jobs, form_id,
                signature_id, service_id, appointment_id, token_id, hook,
            )  # fmt: skip
            _let_in_exactly_when(answer, any(may(one) for one in permission), method, rule, permission)

    return walk


def _let_in_exactly_when(answer, granted: bool, method: str, rule: str, permission) -> None:
    if granted:
        # In, and answered by the route itself (a message to a class nobody booked is its own 409).
        assert answer.status_code not in (401, 403, 404) and answer.status_code < 500, (
            method,
            rule,
            answer.get_json(),
        )
    else:
        assert answer.status_code == 403, (method, rule, answer.get_json())
        assert answer.get_json()["error"]["details"]["permission"] == permission[0]


@pytest.mark.parametrize("role", MEMBER_ROLES)
def test_each_role_reaches_exactly_what_the_table_gives_it_in_its_own_studio(role, make_team, walk_every_route):
    team = make_team("Own Studio")
    walk_every_route(team, team.clients[role], lambda permission: allowed(role, permission))


# Two tokens between them given every permission a token may have: each reaches exactly its own.
@pytest.mark.parametrize("half", [0, 1])
def test_an_api_token_reaches_exactly_its_permissions_in_its_own_studio(half, app, make_team, walk_every_route):
    team = make_team("Own Studio")
    given = GRANTABLE[half::2]
    walk_every_route(team, _token_client(app, team, given), lambda permission: permission in given)


def _token(team, permissions) -> tuple[int, str]:
    """A token of the team's studio with these permissions, made by its owner: (id, the whole token)."""
    made = team.clients["owner"].post(
        f"/api/studios/{team.slug}/tokens", json={"name": "Matrix tool", "permissions": list(permissions)}
    )
    assert made.status_code == 201, made.get_json()
    return made.get_json()["id"], made.get_json()["token"]


def _webhook(team) -> tuple[int, str]:
    """A webhook of the team's studio, made by its owner, and a test delivery to it: (its id, the delivery's)."""
    base = f"/api/studios/{team.slug}/webhooks"
    made = team.clients["owner"].post(base, json={"url": "https://tools.example.com/h", "event_types": ["checked_in"]})
    assert made.status_code == 201, made.get_json()
    tested = team.clients["owner"].post(f"{base}/{made.get_json()['id']}/test")
    assert tested.status_code == 202, tested.get_json()
    return made.get_json()["id"], tested.get_json()["id"]


def _token_client(app, team, permissions):
    """A test client sending a new token of the team's studio with these permissions."""
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {_token(team, permissions)[1]}"
    return client


def test_a_reports_only_token_reads_reports_and_nothing_else(app, make_team):
    team = make_team("Own Studio")
    client = _token_client(app, team, ["reports.view"])
    let_in = []
    for method, rule, permission in studio_routes(app):
        answer = _call(client, method, rule, team, team.accounts["front_desk"].id)
        if "reports.view" in permission:
            let_in.append((method, rule))
            assert answer.status_code < 400, (method, rule, answer.get_json())
        else:
            assert answer.status_code == 403, (method, rule, answer.get_json())
            assert answer.get_json()["error"]["code"] == "forbidden"
    assert let_in and all(method == "GET" for method, _rule in let_in)


def test_a_revoked_token_answers_401_at_once_and_another_studios_token_404(app, make_team):
    mine, theirs = make_team("Mine"), make_team("Theirs")
    token_id, token = _token(mine, GRANTABLE)
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    for method, rule, _permission in studio_routes(app):
        answer = _call(client, method, rule, theirs, theirs.accounts["front_desk"].id)
        assert (answer.status_code, answer.get_json()["error"]["code"]) == (404, "studio_not_found"), (method, rule)
    assert mine.clients["owner"].delete(f"/api/studios/{mine.slug}/tokens/{token_id}").status_code == 204
    for method, rule, _permission in studio_routes(app):
        answer = _call(client, method, rule, mine, mine.accounts["front_desk"].id)
        assert (answer.status_code, answer.get_json()["error"]["code"]) == (401, "api_token_invalid"), (method, rule)
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")


def test_every_role_of_another_studio_gets_a_404_everywhere(app, make_team, make_user, add_member, make_session):
    mine, theirs = make_team("Mine"), make_team("Theirs")
    target = make_user(name="Their Front Desk")
    add_member(theirs.id, target, "front_desk")
    session = make_session(facilitator_id=theirs.accounts["instructor"].id, studio_id=theirs.id)
    for method, rule, _permission in studio_routes(app):
        for role in MEMBER_ROLES:
            answer = _call(mine.clients[role], method, rule, theirs, target.id, session)
            assert answer.status_code == 404, (role, method, rule, answer.get_json())
            assert answer.get_json()["error"]["code"] == "studio_not_found"


@pytest.mark.parametrize("role", MEMBER_ROLES)
def test_a_removed_members_old_token_and_a_logged_out_token_reach_no_studio_route(
    app, role, make_team, make_user, add_member, client_for
):
    team = make_team("Own Studio")
    removed, logged_out = make_user(name="Removed Member"), make_user(name="Logged Out Member")
    add_member(team.id, removed, role)
    add_member(team.id, logged_out, role)
    old, ended = client_for(removed), client_for(logged_out)
    assert team.clients["owner"].delete(f"/api/studios/{team.slug}/members/{removed.id}").status_code == 204
    assert ended.post("/auth/logout").status_code == 204
    for method, rule, _permission in studio_routes(app):
        answer = _call(old, method, rule, team, team.accounts["front_desk"].id)
        assert (answer.status_code, answer.get_json()["error"]["code"]) == (404, "studio_not_found"), (method, rule)
        answer = _call(ended, method, rule, team, team.accounts["front_desk"].id)
        assert (answer.status_code, answer.get_json()["error"]["code"]) == (401, "token_revoked"), (method, rule)


def test_a_signed_in_stranger_gets_a_404_and_no_token_a_401(app, user_client, client, team):
    for method, rule, _permission in studio_routes(app):
        assert _call(user_client, method, rule, team, 1).status_code == 404, (method, rule)
        assert _call(client, method, rule, team, 1).status_code == 401, (method, rule)


def test_another_studios_records_are_not_found_through_my_own_studio(
    app, make_team, make_user, add_member, make_session, db_rows, booked_in, make_stock
):
    mine, theirs = make_team("Mine"), make_team("Theirs")
    session = make_session(facilitator_id=theirs.accounts["instructor"].id, studio_id=theirs.id)
    their_client = make_user(name="Their Client")
    booked = _invoiced(app, _paid(app, booked_in(session, their_client)))
    stock = make_stock(theirs)
    invited, jobs, form_id = _invitation(theirs), _jobs(app, theirs), _form(theirs)
    signature_id = _signature(theirs, their_client.id, form_id)
    hook = _webhook(theirs)
    named = (
        "<id:event_id>",
        "<id:session_id>",
        "<id:booking_id>",
        *STOCK_IDS,
        INVITATION_ID,
        PAYMENT_ID,
        INVOICE_ID,
        *JOB_IDS,
        FORM_ID,
        SIGNATURE_ID,
        WEBHOOK_ID,
    )
    with_ids = [route for route in studio_routes(app) if any(part in route[1] for part in named)]
    assert len(with_ids) >= 30
    before = db_rows()
    for method, rule, _permission in with_ids:
        answer = _call(
            mine.clients["owner"], method, rule, mine, mine.accounts["front_desk"].id, session, booked, stock, invited,
            jobs, form_id, signature_id, hook=hook,
        )  # fmt: skip
        assert answer.status_code == 404, (method, rule, answer.get_json())
    assert db_rows() == before


def test_an_instructor_reaches_only_the_classes_they_teach(app, make_team, make_session, assert_error):
    team = make_team("One Studio")
    mine = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id)
    others = make_session(facilitator_id=team.accounts["owner"].id, studio_id=team.id, starts_in=timedelta(days=9))
    instructor, desk = team.clients["instructor"], team.clients["front_desk"]
    roster = f"/api/studios/{team.slug}/sessions/{{}}/registrants"
    assert instructor.get(roster.format(mine.id)).status_code == 200
    assert_error(instructor.get(roster.format(others.id)), 404, "session_not_found")
    listed = instructor.get(f"/api/studios/{team.slug}/events").get_json()["items"]
    assert [event["id"] for event in listed] == [mine.event_id]
    # The front desk: tomorrow's class, not one nine days ahead.
    assert desk.get(roster.format(mine.id)).status_code == 200
    assert_error(desk.get(roster.format(others.id)), 404, "session_not_found")
    owner_sees = team.clients["owner"].get(f"/api/studios/{team.slug}/events").get_json()["items"]
    assert {event["id"] for event in owner_sees} == {mine.event_id, others.event_id}
