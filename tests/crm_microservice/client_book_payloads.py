"""Notifications as the main API sends them about a studio's client, and tokens of that studio's staff (a plain
module: tests import it by name)."""

import datetime as dt
import itertools

from crm_tokens import bearer, mint

from service_kit.security import CLIENT_BOOK_CLAIM

STUDIO, OTHER_STUDIO = 7, 8
SLUG, OTHER_SLUG = "sunrise", "moonrise"
INSTRUCTOR, OTHER_INSTRUCTOR = 201, 202
GUESTS_EMAIL = "ravi@example.com"
PERSON = {"id": 456, "name": "Asha Rao", "email": "asha@example.com", "phone": "+919812345678"}
IDS = itertools.count(1)
# The client-book permissions of each member role, as main_app's permission table gives them.
ROLE_BOOK = {
    "owner": ["clients.view", "clients.write", "clients.own", "clients.whatsapp"],
    "manager": ["clients.view", "clients.write", "clients.own", "clients.whatsapp"],
    "front_desk": ["clients.view", "clients.write", "clients.whatsapp"],
    "instructor": ["clients.own"],
}


def booking(kind: str, booking_id: int, starts_at: dt.datetime, at: dt.datetime, /, **data) -> dict:
    """booking_created / _cancelled / _reactivated in the nested shape, as crm.booking_change_payload writes it."""
    session = {"id": booking_id * 10, "starts_at": starts_at.isoformat(), "instructor_id": data.pop("instructor", None)}
    return {
        "notification_id": f"n-{next(IDS)}",
        "type": kind,
        "occurred_at": at.isoformat(),
        "booking_id": booking_id,
        "session_id": booking_id * 10,
        "facilitator_id": 101,
        "studio_id": data.pop("studio", STUDIO),
        "user": data.pop("user", PERSON),
        "event": {"id": 789, "title": "Morning Flow", "start_date": starts_at.isoformat()},
        "message": f"{kind} {booking_id}",
        "data": {"booking_status": "cancelled" if kind == "booking_cancelled" else "active", "seats": 1}
        | {"session": session}
        | data,
    }


def typed(kind: str, at: dt.datetime, /, *, booking_id: int | None = None, user_id: int = 456, **data) -> dict:
    """A typed-shape notification about the person (attendance, feedback, money, passes)."""
    payload = {
        "notification_id": f"n-{next(IDS)}",
        "type": kind,
        "user_id": user_id,
        "studio_id": data.pop("studio", STUDIO),
        "facilitator_id": 101,
        "timestamp": at.isoformat(),
        "message": f"{kind} {booking_id}",
        "data": data,
    }
    if booking_id is not None:
        payload |= {"booking_id": booking_id, "session_id": booking_id * 10}
    return payload


def staff_token(role: str | None, user_id: int = 300, studios: list | None = None) -> dict:
    """The Authorization header of a studio member's JWT whose client_book claim names `sunrise` with the role's
    permissions (role None: a member of another studio only)."""
    if studios is None:
        studios = [{"id": STUDIO, "slug": SLUG, "permissions": ROLE_BOOK[role]}] if role else []
        studios.append({"id": OTHER_STUDIO, "slug": OTHER_SLUG, "permissions": ROLE_BOOK["owner"]})
    return bearer(mint(user_id, "user", claims={CLIENT_BOOK_CLAIM: studios}))
