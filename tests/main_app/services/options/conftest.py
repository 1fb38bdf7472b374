"""Fixtures of the room-option tests: retreats made through priya's routes, and readers of the seats they hold."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from room_options import PRIVATE, TWIN

from main_app.extensions import db
from main_app.models import utcnow


@pytest.fixture
def base(priya) -> str:
    return f"/api/facilitator/{priya.id}"


@pytest.fixture
def make_retreat(priya_client, base):
    """Factory: a retreat of priya's with one session of capacity and these options [(name, price, capacity)],
    made through the API; returns the session's JSON (with its options)."""

    def make(capacity: int = 16, options=(("Private room", PRIVATE, 4), ("Shared twin", TWIN, 12)), **session):
        # At 06:00 UTC the retreat's day in Kolkata is the UTC date, whatever time of day the suite runs.
        starts = (utcnow() + timedelta(days=20)).replace(hour=6, minute=0, second=0, microsecond=0)
        slot = {
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(days=3)).isoformat(),
            "capacity": capacity,
            "options": [{"name": name, "price": price, "capacity": size} for name, price, size in options],
            **session,
        }
        body = {"title": "Himalayan Retreat", "kind": "retreat", "timezone": "Asia/Kolkata", "sessions": [slot]}
        response = priya_client.post(f"{base}/events", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()["sessions"][0]

    return make


@pytest.fixture
def option_seats(app):
    """Reader: {option name: seats_taken} of a session, and the session's seats_taken under None."""

    def read(session_id: int) -> dict:
        with app.app_context():
            rows = db.session.execute(
                sa.text("SELECT name, seats_taken FROM session_options WHERE session_id = :s"), {"s": session_id}
            ).all()
            taken = db.session.scalar(sa.text("SELECT seats_taken FROM sessions WHERE id = :s"), {"s": session_id})
            return {**dict(rows), None: taken}

    return read


@pytest.fixture
def held_by_bookings(app):
    """Reader: {option id: seats held by bookings (active or pending)} of a session, None for the session's total."""

    def read(session_id: int) -> dict:
        with app.app_context():
            rows = db.session.execute(
                sa.text(
                    "SELECT option_id, SUM(seats) FROM bookings WHERE session_id = :s "
                    "AND status IN ('active', 'pending_payment', 'pending_approval') GROUP BY option_id"
                ),
                {"s": session_id},
            ).all()
            return {**dict(rows), None: sum(n for _, n in rows)}

    return read
