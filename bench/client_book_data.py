"""The client book at scale, as rows written in bulk (bulk.py: executemany on SQLite, COPY on PostgreSQL): one
studio's clients with their bookings' facts, passes and tags, and the CRM's notifications about them. Figures on each
client row are computed here from the facts written beside it, as the projection would have left them."""

import random
from datetime import UTC, datetime, timedelta

from bulk import BulkWriter

from crm_microservice.models import Client, ClientBooking, ClientPass, ClientTag, Notification, Segment
from crm_microservice.services.clients.names import sort_key
from crm_microservice.services.clients.segments import PRESETS

STUDIO_ID, SLUG = 1, "bench-studio"
CHUNK = 50_000  # rows a bulk write carries
BOOKINGS_EACH = 5  # facts per client: attendance over the last year (no-shows, visits) for the segments
FIRST = [
    "Asha",
    "Priya",
    "Arjun",
    "Kavya",
    "Ravi",
    "Meera",
    "Rohan",
    "Ananya",
    "Vikram",
    "Diya",
    "Aarav",
    "Isha",
    "Kabir",
    "Nisha",
    "Sanjay",
    "Leela",
    "Rahul",
    "Tara",
    "Dev",
    "Maya",
    "Nikhil",
    "Pooja",
    "Amit",
    "Sneha",
    "Karan",
    "Riya",
    "Siddharth",
    "Neha",
    "Varun",
    "Anjali",
    "Emma",
    "Olivia",
    "Liam",
    "Noah",
    "Sophia",
    "Mia",
    "Lucas",
    "Ethan",
    "Chloe",
    "Grace",
    "Henry",
    "Jack",
    "Ella",
    "Ava",
    "Leo",
    "Zoe",
    "Sam",
    "Ben",
    "Cara",
    "Daniel",
    "Hannah",
    "Oscar",
    "Ruby",
    "Theo",
    "Iris",
    "Felix",
]
LAST = [
    "Rao",
    "Sharma",
    "Patel",
    "Reddy",
    "Iyer",
    "Menon",
    "Nair",
    "Gupta",
    "Singh",
    "Kumar",
    "Das",
    "Bose",
    "Mehta",
    "Shah",
    "Joshi",
    "Pillai",
    "Kapoor",
    "Verma",
    "Chopra",
    "Malhotra",
    "Banerjee",
    "Mukherjee",
    "Agarwal",
    "Desai",
    "Kulkarni",
    "Naidu",
    "Saxena",
    "Bhat",
    "Hegde",
    "Shetty",
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
    "Wright",
    "Robinson",
    "Thompson",
    "White",
    "Hughes",
    "Edwards",
    "Green",
    "Hall",
    "Wood",
    "Harris",
    "Lewis",
    "Martin",
    "Jackson",
    "Clarke",
    "Clark",
    "Turner",
    "Hill",
    "Scott",
    "Cooper",
    "Morris",
]


def client_rows(count: int, now: datetime, rng: random.Random) -> tuple[list[dict], list[dict]]:
    """(client rows, their booking facts): names from FIRST x LAST with a number, an email and a phone each."""
    clients, bookings = [], []
    for user_id in range(1, count + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        phone = f"+91 98{user_id:08d}"
        facts = [_booking(user_id, k, now, rng) for k in range(BOOKINGS_EACH)]
        bookings += facts
        visits = [f["starts_at"] for f in facts if f["attendance"] == "attended"]
        seen = [f["status_at"] for f in facts]
        clients.append(
            {
                "id": user_id,
                "studio_id": STUDIO_ID,
                "user_id": user_id,
                "name": f"{first} {last}",
                "name_key": sort_key(f"{first} {last}"),
                "email": f"{first.lower()}.{last.lower()}{user_id}@example.com",
                "phone": phone,
                "phone_digits": phone.replace("+", "").replace(" ", ""),
                "first_seen_at": min(seen),
                "last_seen_at": max(seen),
                "first_visit_at": min(visits, default=None),
                "last_visit_at": max(visits, default=None),
                "bookings": len(facts),
                "visits": len(visits),
                "no_shows": sum(f["attendance"] == "no_show" for f in facts),
                "late_cancels": 0,
                "feedback_given": 0,
                "guest_bookings": 0,
                "marketing_consent": rng.random() < 0.4 or None,
            }
        )
    return clients, bookings


def _booking(user_id: int, k: int, now: datetime, rng: random.Random) -> dict:
    starts = now - timedelta(days=rng.uniform(0, 365))
    return {
        "studio_id": STUDIO_ID,
        "booking_id": user_id * BOOKINGS_EACH + k,
        "user_id": user_id,
        "session_id": 1 + (user_id + k) % 5000,
        "event_id": 1 + (user_id + k) % 500,
        "instructor_id": 1 + (user_id + k) % 20,
        "starts_at": starts,
        "status": "active",
        "status_at": starts - timedelta(days=3),
        "late_cancel": False,
        "seats_in": 0,
        "attendance": "no_show" if rng.random() < 0.08 else "attended",
    }


def pass_rows(count: int, now: datetime, rng: random.Random) -> list[dict]:
    """A pack for four clients in ten (0 to 10 credits left), a membership for one in six (some ended)."""
    rows, pass_id = [], 0
    for user_id in range(1, count + 1):
        for kind, share in (("pack", 0.4), ("membership", 0.16)):
            if rng.random() >= share:
                continue
            pass_id += 1
            ends = now + timedelta(days=rng.uniform(-60, 300))
            rows.append(
                {
                    "studio_id": STUDIO_ID,
                    "pass_id": pass_id,
                    "user_id": user_id,
                    "name": f"{kind} of {user_id}",
                    "kind": kind,
                    "credits_left": rng.randint(0, 10) if kind == "pack" else None,
                    "valid_until": ends,
                    "status": "active" if ends > now or rng.random() < 0.5 else "lapsed",
                    "changed_at": now - timedelta(days=30),
                }
            )
    return rows


def tag_rows(count: int, rng: random.Random) -> list[dict]:
    """regular on one client in ten, vip on one in fifty."""
    rows = []
    for client_id in range(1, count + 1):
        for tag, share in (("regular", 0.1), ("vip", 0.02)):
            if rng.random() < share:
                rows.append({"client_id": client_id, "studio_id": STUDIO_ID, "tag": tag})
    return rows


def notification_rows(first: int, count: int, clients: int, now: datetime) -> list[dict]:
    """count notifications about the studio's clients (in turn), from first on, over the last year."""
    rows = []
    for n in range(first, first + count):
        user_id = 1 + n % clients
        at = now - timedelta(seconds=(n * 7919) % (365 * 86400))
        rows.append(
            {
                "notification_id": f"seed-{n:012d}",
                "type": "booking_created",
                "source_format": "nested",
                "booking_id": 10_000_000 + n,
                "session_id": 1 + n % 5000,
                "facilitator_id": 1 + n % 20,
                "studio_id": STUDIO_ID,
                "user_id": user_id,
                "user_name": f"Client {user_id}",
                "user_email": f"client{user_id}@example.com",
                "event_id": 1 + n % 500,
                "event_title": "Morning Flow",
                "event_start": at.isoformat(),
                "message": f"Client {user_id} booked a seat in Morning Flow",
                "data": {"booking_status": "active"},
                "occurred_at": at,
                "received_at": at,
            }
        )
    return rows


def segment_rows(now: datetime) -> list[dict]:
    """The presets saved as the studio's segments, ids 1 to 6 in PRESETS' order."""
    return [
        {"id": n, "studio_id": STUDIO_ID, "name": name, "filters": filters}
        | {"created_by": 900_000, "created_at": now, "updated_at": now}
        for n, (_key, name, _description, filters) in enumerate(PRESETS, start=1)
    ]


def seeded_segments() -> dict[str, int]:
    """The seeded segments' ids by preset key."""
    return {key: n for n, (key, *_rest) in enumerate(PRESETS, start=1)}


def seed(conn, clients: int, notifications: int, now: datetime | None = None) -> dict[str, int]:
    """Write the studio's client book and notifications on conn (committed by the caller); rows written a table."""
    now = now or datetime.now(UTC)
    rng = random.Random(50)
    bulk = BulkWriter(conn)
    people, facts = client_rows(clients, now, rng)
    written = {}
    for table, rows in (
        (Client.__table__, people),
        (ClientBooking.__table__, facts),
        (ClientPass.__table__, pass_rows(clients, now, rng)),
        (ClientTag.__table__, tag_rows(clients, rng)),
    ):
        for start in range(0, len(rows), CHUNK):
            bulk.write(table, rows[start : start + CHUNK])
        written[table.name] = len(rows)
    bulk.write(Segment.__table__, segment_rows(now))
    for start in range(0, notifications, CHUNK):
        bulk.write(Notification.__table__, notification_rows(start, min(CHUNK, notifications - start), clients, now))
    written[Notification.__tablename__] = notifications
    if conn.dialect.name == "postgresql":
        for table in ("crm_clients", "crm_client_bookings", "crm_client_passes", "crm_client_tags"):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    return written
