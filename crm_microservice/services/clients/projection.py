"""The client book as a projection of the notifications: what each new one changes, written in the transaction that
stores it (so a repeat, which stores nothing, changes nothing).

A notification about a person at a studio (CLIENT_TYPES, with studio_id and user_id) upserts their client row
first: on PostgreSQL that row lock orders two notifications about the same person, so the figures one recounts
afterwards see the other's facts. Then, by type, one upsert of a fact (a booking, a pass, money) and, for the
booking kinds, the client's figures recounted from their own bookings' facts only (one index range)."""

import datetime as dt
from collections.abc import Callable

from ...extensions import db
from ...locks import lock_clients
from . import statements
from .automated import AUTOMATED, automated
from .checked import after_the_rest, checked_facts
from .children import child_of, lock_booker_and_child, recount_child, recount_session_children, write_child
from .children_leaving import CHILD_ERASED, CHILD_GROWN, leaving
from .erasure import ERASED, WHATSAPP_TYPES, erasure
from .names import sort_key, written
from .restored import RESTORED, restoration
from .search import digits_of
from .statements import ATTENDANCE
from .withdrawals import WITHDRAWN, withdrawal

BOOKING_STATES = ("booking_created", "booking_reactivated", "booking_cancelled")
# Money in minor units: (which figure, the data key holding the amount).
MONEY = {
    "payment_succeeded": ("spent", "amount_paid"),
    "instalment_paid": ("spent", "amount"),
    "pass_purchased": ("spent", "price"),
    "pass_renewed": ("spent", "amount"),
    "refund_processed": ("refunded", "amount"),
}
RECOUNTED = frozenset((*BOOKING_STATES, *ATTENDANCE, "feedback_received"))  # the kinds that move booking figures
MOVED = "session_updated"  # a session's time or instructor changed: its bookings follow
PASS_TYPES = ("pass_purchased", "pass_renewed", "pass_lapsed", "credit_spent", "credit_returned", "credit_forfeited")
# The notifications that are about one client (user_id is the person, not a member of staff acting).
CLIENT_TYPES = frozenset(
    (
        *BOOKING_STATES,
        *ATTENDANCE,
        *MONEY,
        *PASS_TYPES,
        "feedback_received",
        "waitlist_promoted",
        "approval_requested",
        "booking_approved",
        "booking_declined",
        "approval_expired",
        "approval_withdrawn",
        "guest_cancelled",
        "balance_missed",
        "instalment_due",
        "refund_failed",
        "code_redeemed",
        "client_imported",
        *WHATSAPP_TYPES,
        *AUTOMATED,
    )
)


def about_a_client(record: dict) -> bool:
    """Whether the notification is about one client of one studio (and so in their timeline and figures)."""
    return record["type"] in CLIENT_TYPES and record["studio_id"] is not None and record["user_id"] is not None


def writer(record: dict) -> Callable[[], None] | None:
    """What the new notification record writes to the client book, its data checked now (marshmallow's
    ValidationError); None when it is about no client."""
    if record["type"] in AUTOMATED:
        return automated(
            record, {"studio_id": record["studio_id"], "user_id": record["user_id"]} | _client_values(record)
        )
    if about_a_client(record):
        facts = checked_facts(record["data"] or {})
        return lambda: project(record, facts)
    if record["type"] == WITHDRAWN:
        return withdrawal(record, checked_facts(record["data"] or {}))
    if record["type"] == ERASED:
        return after_the_rest(erasure(record))
    if record["type"] == RESTORED:
        return restoration(record)
    if record["type"] in (CHILD_ERASED, CHILD_GROWN):
        return after_the_rest(leaving(record, checked_facts(record["data"] or {})))
    if record["type"] == MOVED and record["studio_id"] is not None and record["session_id"] is not None:
        facts = checked_facts(record["data"] or {})
        return lambda: move_session(record, facts)
    return None


def project(record: dict, facts: dict) -> None:
    """Write what the notification changes: the client, the fact it brings, and the figures it moved.

    Each statement is built once per dialect (statements.py) and run with the record's values as parameters on the
    session's connection, in its transaction: building a statement per notification, and the ORM's execution layer
    around a Core statement, cost more than running it."""
    kind = record["type"]
    if kind in RECOUNTED and record["booking_id"] is not None:
        if (child := child_of(facts)) is not None:
            _child_booking_news(record, facts, child)
        else:
            _booking_news(record, facts)
        return
    _upsert_client(record)  # and for a booking's news naming no booking (an older typed shape), nothing more
    if kind in PASS_TYPES:
        _pass(record, facts)
    if kind in MONEY:
        _money(record, facts)


def _booking_news(record: dict, facts: dict) -> None:
    """A booking's news: its fact, and the client's figures recounted from their own bookings' facts, in two
    statements with the client's.

    PostgreSQL: the client's row first (its upsert locks it), so of two notifications about one person the second
    waits, and its recount, a later statement, sees the first's fact; then the fact and the recount as one. SQLite
    runs one writing transaction at a time (the notification's INSERT began it): there the fact goes first and one
    upsert writes the client with the figures."""
    one_writer = db.session.connection().dialect.name == "sqlite"
    fact, params = _fact_of(record, facts)
    if one_writer:
        if fact is not None:
            _run(fact[0], params, *fact[1:])
        _run(statements.counted_client_upsert, _client_values(record) | _client_key(record))
    else:
        _upsert_client(record)
        if fact is not None:
            given = {f"fact_{name}": value for name, value in params.items()}
            keys = _client_key(record) | {"fact_booking": record["booking_id"]}
            _run(statements.fact_and_recount, given | keys, tuple(sorted(params)), *fact)
    if record["type"] in BOOKING_STATES:
        _guests(record, facts)


def _child_booking_news(record: dict, facts: dict, child: dict) -> None:
    """A booking's news of a child's seat: the booker's row (locked first), the child's, the booking's fact naming
    the child, and the child's figures recounted (the booker's own never count it)."""
    lock_booker_and_child(record, child)
    _upsert_client(record)
    write_child(record, child, _when(record))
    fact, params = _fact_of(record, facts)
    if fact is not None:
        _run(fact[0], params | {"dependent_id": child["id"]}, *(fact[1:] or (True,)))  # a state's: child=True
    recount_child(record["studio_id"], child["id"])


def _fact_of(record: dict, facts: dict) -> tuple[tuple | None, dict | None]:
    """(the fact's upsert and its arguments, its values); (None, None): no fact changed (a guest's rating)."""
    if record["type"] in BOOKING_STATES:
        return (statements.booking_state_upsert,), _booking_state_values(record, facts)
    return _booking_change_values(record, facts) or (None, None)


def move_session(record: dict, facts: dict) -> None:
    """session_updated: the session's bookings take its new time and instructor (an older message arriving later
    changes none), and their clients' figures are recounted. On PostgreSQL those clients' rows are locked first, in
    id order, as a booking's news locks its client first."""
    session = facts.get("session") or {}
    if session.get("starts_at") is None:
        return  # an older shape without the session's facts
    keys = {"moved_studio": record["studio_id"], "moved": record["session_id"]}
    lock_clients(statements.session_clients().params(keys))
    told = {"moved_to": session["starts_at"], "taught_by": session.get("instructor_id"), "told_at": _when(record)}
    _run(statements.session_move, keys | told)
    _run(statements.session_recount, keys)
    recount_session_children(keys)


def _when(record: dict) -> dt.datetime:
    return record["occurred_at"] or record["received_at"]


def _run(build: Callable, params, *args) -> None:
    """Run the statement build makes for the connection's dialect (and args) on the session's connection, inside the
    notification's transaction."""
    conn = db.session.connection()
    conn.execute(build(conn.dialect.name, *args), params)


def _upsert_client(record: dict) -> None:
    """The person's client row: created at their first notification, their name, email and phone kept current."""
    _run(
        statements.client_upsert,
        {"studio_id": record["studio_id"], "user_id": record["user_id"]} | _client_values(record),
    )


def _client_values(record: dict) -> dict:
    """The client's details as the notification gives them, with its time as when they were seen: other_name only
    when it was told (null: none); a notification without it, or replayed by a rebuild, leaves it."""
    when = _when(record)
    name = written(record["user_name"])
    return {
        "name": name,
        "name_key": sort_key(name),
        "other_name": written(record.get("user_other_name")),
        "other_name_told": "user_other_name" in record,
        "email": record["user_email"],
        "phone": record.get("user_phone"),
        "phone_digits": digits_of(record.get("user_phone")),
        "first_seen_at": when,
        "last_seen_at": when,
    }


def _client_key(record: dict) -> dict:
    return {"client_studio": record["studio_id"], "client_user": record["user_id"]}


def _booking_state_values(record: dict, facts: dict) -> dict:
    """A booking created, reactivated or cancelled: its state as of the newest such notification (order may vary)."""
    session = facts.get("session") or {}
    cancelled = record["type"] == "booking_cancelled"
    return {
        **_booking_keys(record),
        "instructor_id": session.get("instructor_id"),
        "starts_at": session.get("starts_at"),
        "status": "cancelled" if cancelled else facts.get("booking_status") or "active",
        "status_at": _when(record),
        "late_cancel": bool(cancelled and facts.get("late_cancel")),
        "session_at": _when(record) if session.get("starts_at") or session.get("instructor_id") else None,
    }


def _booking_keys(record: dict) -> dict:
    return {
        "studio_id": record["studio_id"],
        "booking_id": record["booking_id"],
        "user_id": record["user_id"],
        "session_id": record["session_id"],
        "event_id": record["event_id"],
    }


def _booking_change_values(record: dict, facts: dict) -> tuple[tuple, dict] | None:
    """A seat checked in or undone, attendance marked, feedback given: ((the upsert of the booking's row, made if its
    booking_created has not arrived yet, and its kind), its values); None when it changes nothing of the booker's."""
    kind = record["type"]
    if kind == "feedback_received":
        if facts.get("guest_id") is not None or facts.get("rating") is None:
            return None  # a guest's rating is theirs, not the booker's
        first = {"rating": facts["rating"]}
    elif kind in ("checked_in", "checkin_undone"):
        first = {"seats_in": 1 if kind == "checked_in" else 0}
    else:
        first = ATTENDANCE[kind]
    return (statements.booking_change_upsert, kind), {**_booking_keys(record), **first}


def _guests(record: dict, facts: dict) -> None:
    """A new booking's guests with an email become clients (one row each per studio), counted once per booking."""
    guests = {g["email"].lower(): g for g in facts.get("guests") or () if g.get("email")}
    if record["type"] != "booking_created" or not guests:
        return
    when = _when(record)
    rows = [
        {"studio_id": record["studio_id"], "guest_email": email, "email": guest["email"]}
        | {"name": written(guest.get("name")), "name_key": sort_key(guest.get("name"))}
        | {"first_seen_at": when, "last_seen_at": when, "guest_bookings": 1}
        for email, guest in sorted(guests.items())  # one order everywhere: two bookings lock guests alike
    ]
    _run(statements.guest_upsert, rows)


def _pass(record: dict, facts: dict) -> None:
    """A pass bought, renewed, lapsed or a credit moved: the pass as of its newest notification."""
    if facts.get("pass_id") is None:
        return
    kind = record["type"]
    described = kind in ("pass_purchased", "pass_renewed", "pass_lapsed")
    values = {"studio_id": record["studio_id"], "pass_id": facts["pass_id"], "user_id": record["user_id"]}
    values |= {"credits_left": facts.get("credits_left"), "changed_at": _when(record)}
    if described:
        values |= {"name": facts.get("name"), "kind": facts.get("kind"), "valid_until": facts.get("valid_until")}
        values["status"] = "lapsed" if kind == "pass_lapsed" else "active"
    _run(statements.pass_upsert, values, described)


def _money(record: dict, facts: dict) -> None:
    """Money paid or refunded: added to the client's figure in that currency (exactly once: the insert decided)."""
    figure, key = MONEY[record["type"]]
    amount, currency = facts.get(key), facts.get("currency")
    if not amount or not currency:
        return
    values = {"studio_id": record["studio_id"], "user_id": record["user_id"], "currency": currency.upper()}
    _run(statements.money_upsert, {**values, figure: amount}, figure)
