"""The real system as the contract run sees it: callers' tokens, ids worth pinning in paths, the run's figures."""

from collections import Counter
from dataclasses import dataclass, field

import requests
from live_stack import SERVICE_TOKEN, wait_for

# Far above what the run sends: the run is about the contract, the limits have their own tests.
GENEROUS_LIMITS = {
    "RATELIMIT_LOGIN": "10000/minute",
    "RATELIMIT_LOGIN_ACCOUNT": "10000/minute",
    "RATELIMIT_LOGIN_ADDRESS": "10000/minute",
    "RATELIMIT_REGISTER": "10000/minute",
    "RATELIMIT_NOTIFY": "10000/minute",
    "RATELIMIT_NOTIFY_BATCH": "10000/minute",
}
# Who calls a secured operation, by path prefix (the first match wins). A secured operation that matches
# none fails the run, so a new route needs a decision here.
MAIN_CALLERS = (
    ("/auth/logout", "leaver"),
    ("/auth/me", "user"),
    ("/auth/refresh", "user"),  # a new token; the one it is called with stays valid
    ("/auth/access", "user"),  # what the token reaches now (the CRM asks it)
    ("/auth/calendar-feed", "user"),
    ("/auth/password", "leaver"),  # a right current password would sign the other callers' sessions out
    ("/api/facilitator/", "facilitator"),
    ("/api/studios", "facilitator"),  # priya owns the studio the world makes
    ("/api/invitations/", "user"),
    ("/api/admin/", "admin"),  # the platform admins' routes
    ("/api/", "service"),  # the operators' routes
    ("/book", "user"),  # /book, /bookings...
    ("/sessions/", "user"),  # joining and leaving waiting lists
    ("/me/notifications", "user"),  # the notification centre
    ("/me/passes", "user"),
    ("/me/invoices", "user"),  # their invoices and credit notes
    ("/me/billing", "user"),  # whom their invoices are made out to
    ("/me/export", "user"),  # a copy of their data (the CRM's part read with the service token)
    ("/me", "leaver"),  # erasing the account: a right password would end the caller
    ("/passes/", "user"),  # buying a pass
    ("/appointments", "user"),  # booking, listing and moving one's private sessions
)
CRM_CALLERS = (
    ("/notify", "service"),
    ("/notifications/", "facilitator"),  # the inbox: unread count, read marks
    ("/notifications", "service"),
    ("/api/reconciliation/", "service"),  # the client book's figures, for the main API's reconciliation
    ("/api/facilitator/", "facilitator"),
    ("/api/studios/", "studio_owner"),  # the client book: a token minted after priya made her studio
    ("/api/service/", "service"),  # the main API's reads (a segment's consenting clients for its email)
)
# What the run covered, per service: {"main": Counter({"GET /events": cases, ...}), "crm": ...}.
FIGURES: dict[str, Counter] = {"main": Counter(), "crm": Counter()}


@dataclass
class World:
    """The running system as the contract run sees it: URLs, callers' headers and ids of real records."""

    main_url: str
    crm_url: str
    env: dict = field(default_factory=dict)  # the services' environment
    headers: dict[str, dict] = field(default_factory=dict)  # caller -> {"Authorization": ...}
    ids: dict[str, list] = field(default_factory=dict)  # path parameter -> real ids the callers may use


def caller_for(path: str, operation: dict, callers) -> str | None:
    """Who calls the operation (its OpenAPI object) on path: None for a public one."""
    if not operation.get("security"):
        return None
    caller = next((name for prefix, name in callers if path.startswith(prefix)), None)
    assert caller, f"{path} is secured: give it a caller in tests/contract/contract_world.py"
    return caller


def _login(main_url: str, login: str, password: str) -> dict:
    response = requests.post(f"{main_url}/auth/login", json={"login": login, "password": password}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def arrange(stack) -> World:
    """Tokens of each kind of caller, and real records to pin path ids to: priya's events and sessions,
    asha's bookings on them, their outbox messages and the notifications they became in priya's inbox."""
    world = World(stack.main_url, stack.crm_url, stack.env)
    priya = _login(stack.main_url, "priya", "priya123")
    asha_token = _login(stack.main_url, "asha", "asha1234")["access_token"]
    world.headers = {
        "facilitator": _bearer(priya["access_token"]),
        "user": _bearer(asha_token),
        # Logging out revokes the token it is called with: that route gets a token of its own.
        "leaver": _bearer(_login(stack.main_url, "admin", "admin1234")["access_token"]),
        "service": _bearer(SERVICE_TOKEN),
        "admin": _bearer(_login(stack.main_url, "admin", "admin1234")["access_token"]),
    }
    facilitator_id = priya["user"]["id"]
    events = requests.get(
        f"{stack.main_url}/api/facilitator/{facilitator_id}/events", headers=world.headers["facilitator"], timeout=10
    ).json()["items"]
    sessions = [s["id"] for e in events for s in e["sessions"]]
    bookings = [stack.book(asha_token, session_id).json()["id"] for session_id in sessions[:3]]
    wait_for(lambda: stack.crm_total(facilitator_id=facilitator_id) >= len(bookings), 20, message="bookings in the CRM")
    notifications = requests.get(
        f"{stack.crm_url}/notifications",
        params={"facilitator_id": facilitator_id},
        headers=world.headers["service"],
        timeout=10,
    ).json()["items"]
    products = requests.get(f"{stack.main_url}/passes", params={"facilitator_id": facilitator_id}, timeout=10)
    studio = requests.post(
        f"{stack.main_url}/api/studios",
        json={
            "name": "Priya's Studio",
            "slug": "priya-studio",
            "timezone": "Asia/Kolkata",
            "currency": "INR",
            "country": "IN",
        },
        headers=world.headers["facilitator"],
        timeout=10,
    )
    assert studio.status_code == 201, studio.text
    # Its client_book claim names the studio made just now (the claims are as of a token's minting).
    world.headers["studio_owner"] = _bearer(_login(stack.main_url, "priya", "priya123")["access_token"])
    world.ids = {
        "facilitator_id": [facilitator_id],
        "slug": [studio.json()["slug"]],
        "studio_id": [studio.json()["id"]],
        "user_id": [facilitator_id],
        "product_id": [p["id"] for p in products.json()["items"]] or [1],
        "event_id": [e["id"] for e in events],
        "session_id": sessions,
        "booking_id": bookings,
        "message_id": [m["id"] for m in stack.outbox()],
        "notification_id": [n["id"] for n in notifications],
        "client_id": [1],
        "note_id": [1],
    }
    return world
