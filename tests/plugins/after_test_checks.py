"""After-test checks of the main API's books: seats, money, pass ledgers, check-ins (autouse in tests/main_app)."""

import pytest
from money_check import money_disagreements, unrecorded_captures
from sqlalchemy import func, inspect, select

from main_app.extensions import db
from main_app.models import (
    BOOKING_ACTIVE,
    CANCELLED_BY_PERSON,
    PASS_PACK,
    SEAT_HOLDING,
    STATUS_CANCELLED,
    Booking,
    Checkin,
    ClientDay,
    DailyRevenue,
    EventSession,
    Invoice,
    Pass,
    PassLedgerEntry,
    SessionOption,
    WaitlistEntry,
)
from main_app.services.invoices import revenue_kept, revenue_recounted
from main_app.services.reports import client_days, tallies


@pytest.fixture(autouse=True)
def option_seats_agree(request):
    """After each test with a database: every room option of a session not cancelled holds exactly the seats of its
    bookings (active or pending payment) and of the offers made to its line, never above its capacity."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")  # asked before the test: torn down after this check
    yield
    with app.app_context():
        held = (
            select(func.coalesce(func.sum(Booking.seats), 0))
            .where(Booking.option_id == SessionOption.id, Booking.status.in_(SEAT_HOLDING))
            .scalar_subquery()
        )
        offered = (
            select(func.coalesce(func.sum(WaitlistEntry.seats), 0))
            .where(WaitlistEntry.option_id == SessionOption.id, WaitlistEntry.offered_at.is_not(None))
            .scalar_subquery()
        )
        rows = db.session.execute(
            select(SessionOption.id, SessionOption.seats_taken, SessionOption.capacity, held, offered)
            .join(EventSession, EventSession.id == SessionOption.session_id)
            .where(EventSession.status != STATUS_CANCELLED)
        ).all()
        db.session.rollback()
    assert all(taken == bookings + offers <= capacity for _id, taken, capacity, bookings, offers in rows), rows


@pytest.fixture(autouse=True)
def money_adds_up(request):
    """After each test with a database: for every booking under a payment plan, the money received less the refunds
    asked equals what its schedule says was paid and kept; with the stand-in Razorpay, every payment it captured on
    an order of ours that was paid has a row (a second payment is recorded and refunded, never kept unseen)."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")  # asked before the test: torn down after this check
    razorpay = request.getfixturevalue("razorpay_api") if "razorpay_api" in request.fixturenames else None
    yield
    assert money_disagreements(app) == []
    if razorpay is not None:  # what the stand-in Razorpay took: each payment recorded
        assert unrecorded_captures(app, razorpay.payments) == []


@pytest.fixture(autouse=True)
def ledger_agrees(request):
    """After each test with a database: every pack's balance is the sum of its ledger, and none is below zero."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")  # asked before the test: torn down after this check
    yield
    with app.app_context():
        summed = (
            select(func.coalesce(func.sum(PassLedgerEntry.credits), 0))
            .where(PassLedgerEntry.pass_id == Pass.id)
            .scalar_subquery()
        )
        rows = db.session.execute(
            select(Pass.id, Pass.credits_left, summed).where(Pass.kind == PASS_PACK, Pass.credits_left.is_not(None))
        ).all()
        db.session.rollback()
    assert all(left == total and left >= 0 for _id, left, total in rows), rows


@pytest.fixture(autouse=True)
def checked_in_stays_booked(request):
    """After each test with a database: no seat checked in belongs to a booking its person cancelled (the check-in and
    the cancellation are decided under the session's lock, and a checked-in booking is no longer theirs to cancel)."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")  # asked before the test: torn down after this check
    yield
    with app.app_context():
        stray = db.session.execute(
            select(Checkin.booking_id, Checkin.seat, Booking.status)
            .join(Booking, Booking.id == Checkin.booking_id)
            .where(Booking.status != BOOKING_ACTIVE, Booking.cancelled_by == CANCELLED_BY_PERSON)
        ).all()
        db.session.rollback()
    assert stray == []


@pytest.fixture(autouse=True)
def revenue_agrees(request):
    """After each test with a database: every studio's daily revenue, kept as its documents were issued, equals the
    figures computed afresh from its invoices and credit notes."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")  # asked before the test: torn down after this check
    yield
    with app.app_context():
        if not inspect(db.engine).has_table(DailyRevenue.__tablename__):
            return  # a migration test left the schema before the figures were kept
        studio_ids = db.session.scalars(select(Invoice.studio_id).union(select(DailyRevenue.studio_id))).all()
        differing = [sid for sid in studio_ids if revenue_kept(sid) != revenue_recounted(sid)]
        db.session.rollback()
    assert differing == []


@pytest.fixture(autouse=True)
def tallies_agree(request):
    """After each test with a database: every kept session tally (no change noted for its class) is what counting
    the class now gives, and every client's kept days (no change noted for them) what counting them gives: no write
    changed what was counted without its trigger noting it."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")  # asked before the test: torn down after this check
    yield
    with app.app_context():
        if not inspect(db.engine).has_table(ClientDay.__tablename__):
            return  # a migration test left the schema before the tallies were kept
        differing = {"tallies": tallies.unnoted(), "client days": client_days.unnoted()}
        db.session.rollback()
    assert differing == {"tallies": [], "client days": []}
