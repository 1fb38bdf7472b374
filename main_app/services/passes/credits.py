"""A pass's credits, spent with the seats they pay for: one conditional UPDATE that never takes a pack below zero nor
uses a pass out of its dates, in the booking's own transaction, and one ledger row per change.

The lock order: a pass is locked after the sessions and bookings of the change (its UPDATE comes after the seat's),
so a booking, a cancellation and a payment of the same pass never wait on each other in a circle."""

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from sqlalchemy import and_, bindparam, func, insert, or_, select, update

from main_app.services.family import FAMILY_GUARDIANS
from service_kit.errors import Conflict

from ...error_codes import api_error
from ...extensions import db
from ...models import (
    LEDGER_FORFEIT,
    LEDGER_HOLD,
    LEDGER_RELEASE,
    LEDGER_RETURN,
    LEDGER_SPEND,
    PASS_ACTIVE,
    PASS_MEMBERSHIP,
    PASS_PACK,
    PASS_PENDING,
    SEAT_HOLDING,
    Booking,
    EventSession,
    Pass,
    PassLedgerEntry,
    User,
    utcnow,
)
from .. import news

PASSES, LEDGER = Pass.__table__, PassLedgerEntry.__table__
# Whose pass a person may spend: their own, or a shareable one of a guardian of their family (member_id: them).
SPENDABLE_BY = or_(
    PASSES.c.user_id == bindparam("owner_id"), and_(PASSES.c.shareable, PASSES.c.user_id.in_(FAMILY_GUARDIANS))
)
# Built once: bookings spend credits all day. A pack needs the credits and its end after the session; a membership
# its period running, and past the session's date only if it renews.
SPEND = (
    update(PASSES)
    .where(
        PASSES.c.id == bindparam("the_pass"),
        SPENDABLE_BY,
        PASSES.c.status == PASS_ACTIVE,
        PASSES.c.valid_until > bindparam("now", type_=PASSES.c.valid_until.type),
        or_(
            and_(
                PASSES.c.kind == PASS_PACK,
                PASSES.c.credits_left >= bindparam("spent"),
                PASSES.c.valid_until >= bindparam("starts_at", type_=PASSES.c.valid_until.type),
            ),
            and_(
                PASSES.c.kind == PASS_MEMBERSHIP,
                or_(PASSES.c.renews, PASSES.c.valid_until >= bindparam("starts_at", type_=PASSES.c.valid_until.type)),
            ),
        ),
    )
    .values(credits_left=PASSES.c.credits_left - bindparam("spent"))  # a membership's NULL stays NULL
    .returning(
        PASSES.c.credits_left,
        PASSES.c.sessions_per_week,
        PASSES.c.facilitator_id,
        PASSES.c.studio_id,
        PASSES.c.timezone,
        PASSES.c.user_id,
    )
)
ADD_ENTRY = insert(LEDGER)


def check_terms(row, user_id: int, session_id: int) -> None:
    """What a pass's fixed terms allow, from the session's row read with the pass (its pass_* columns, and the
    dependent_id the seat is for): 404 pass_not_found for none of the person's nor a shareable one of their family's,
    409 pass_not_shareable for their own one a child cannot use, pass_not_valid_here for another studio's or event's."""
    if row.pass_user_id != user_id and not (row.pass_shareable and row.pass_in_family):
        raise api_error("pass_not_found.yours")
    if row.dependent_id is not None and not row.pass_shareable:
        raise api_error("pass_not_shareable")
    if row.pass_studio_id != row.studio_id or (
        row.pass_event_ids is not None and row.event_id not in row.pass_event_ids
    ):
        raise api_error("pass_not_valid_here", session_id=session_id)


def spend(pass_id: int, user: User, seats: int, booking_id: int, starts_at: datetime, each: int = 1) -> dict:
    """Spend a pass on a booking's seats (inside its unit of work, after its seat): one credit a seat from a pack, one
    use a seat of a membership's week (the pass's week, whatever the event's zone, so any order of bookings gets the
    same answers). each: the credits a seat takes (a private session's service may take several; a week's limit
    counts seats). 409 no_credits_left, pass_expired, pass_not_active or weekly_limit_reached; the caller's
    transaction then writes nothing. Its news (news.CreditChanged), for the caller to publish with its own."""
    now, credits = utcnow(), seats * each
    params = {"the_pass": pass_id, "owner_id": user.id, "member_id": user.id, "now": now, "spent": credits}
    spent = db.session.execute(SPEND, params | {"starts_at": starts_at}).one_or_none()
    if spent is None:
        raise _why_not_spent(pass_id, credits, starts_at, now)
    if spent.sessions_per_week is not None:
        used = used_in_week(pass_id, starts_at, spent.timezone, but=booking_id)
        if used + seats > spent.sessions_per_week:
            raise api_error(
                "weekly_limit_reached",
                per_week=spent.sessions_per_week,
                used=used,
                details={"sessions_per_week": spent.sessions_per_week, "used": used},
            )
    entry = {"pass_id": pass_id, "kind": LEDGER_SPEND, "credits": -credits, "booking_id": booking_id, "created_at": now}
    db.session.execute(ADD_ENTRY, entry)
    if spent.credits_left is not None and 0 < spent.credits_left <= each:
        holder = user if spent.user_id == user.id else db.session.get(User, spent.user_id)  # a shared pack's holder
        news.publish(news.LastCredit(db.session.get(Pass, pass_id, populate_existing=True), holder))
    return news.CreditChanged("spend", pass_id, user, spent, credits, booking_id, spent.credits_left)


def _why_not_spent(pass_id: int, seats: int, starts_at: datetime, now: datetime) -> Conflict:
    """Why SPEND found no pass to take from (read right after it, under the same transaction)."""
    found = db.session.get(Pass, pass_id, populate_existing=True)
    if found.status == PASS_PENDING:
        return api_error("pass_not_active.unpaid")
    if found.status != PASS_ACTIVE:
        return api_error("pass_not_active", status=found.status.replace("_", " "))
    if found.valid_until <= now or (found.kind == PASS_PACK and found.valid_until < starts_at):
        return api_error("pass_expired")
    if found.kind == PASS_MEMBERSHIP:
        return api_error("pass_expired.membership")
    left = found.credits_left or 0
    return api_error(
        "no_credits_left", left=left, plural="" if left == 1 else "s", seats=seats, details={"credits_left": left}
    )


def week_of(starts_at: datetime, zone: str) -> tuple[datetime, datetime]:
    """The week (Monday to Sunday, on the pass's clock, zone) a moment falls in, as a UTC range."""
    tz = ZoneInfo(zone)
    local = starts_at.astimezone(tz)
    monday = (local - timedelta(days=local.weekday())).date()
    start = datetime(monday.year, monday.month, monday.day, tzinfo=tz)
    end = start + timedelta(days=7)
    return start.astimezone(ZoneInfo("UTC")), end.astimezone(ZoneInfo("UTC"))


def used_in_week(pass_id: int, starts_at: datetime, zone: str, *, but: int | None = None) -> int:
    """The seats booked with a pass in the week of starts_at (but: leave that booking out)."""
    start, end = week_of(starts_at, zone)
    query = (
        select(func.coalesce(func.sum(Booking.seats), 0))
        .join(EventSession, EventSession.id == Booking.session_id)
        .where(
            Booking.pass_id == pass_id,
            Booking.status.in_(SEAT_HOLDING),
            EventSession.starts_at >= start,
            EventSession.starts_at < end,
        )
    )
    if but is not None:
        query = query.where(Booking.id != but)
    return db.session.scalar(query)


def give_back(booking: Booking, seats: int, *, returned: bool) -> str:
    """Seats booked with a pass were given back (inside the cancellation's unit of work, after the booking's change):
    their credits (each seat its session's credits_per_seat) come back ("return") or, cancelled too late, are kept
    ("forfeit"). A ledger row either way."""
    kind = LEDGER_RETURN if returned else LEDGER_FORFEIT
    each = db.session.scalar(select(EventSession.credits_per_seat).where(EventSession.id == booking.session_id))
    credits = seats * each if returned else 0
    if returned:
        db.session.execute(
            update(PASSES)
            .where(PASSES.c.id == booking.pass_id, PASSES.c.credits_left.is_not(None))
            .values(credits_left=PASSES.c.credits_left + credits)
        )
    db.session.execute(
        ADD_ENTRY,
        {
            "pass_id": booking.pass_id,
            "kind": kind,
            "credits": credits,
            "booking_id": booking.id,
            "created_at": utcnow(),
        },
    )
    sold, user = db.session.get(Pass, booking.pass_id, populate_existing=True), db.session.get(User, booking.user_id)
    news.publish(news.CreditChanged(kind, sold.id, user, sold, seats * each, booking.id, sold.credits_left))
    return kind


def credit_back_until(starts_at: datetime, late_cancel_hours: int) -> datetime:
    """Until when a person's own cancellation gets a pass's credit back."""
    return starts_at - timedelta(hours=late_cancel_hours)


def check_pass_for(pass_id: int, user_id: int, studio_id: int, event_id: int, dependent_id: int | None = None) -> None:
    """The same checks as check_terms, for a place in line (its session read with the ORM) for the person or the
    child dependent_id of their family: their own pass, or a shareable one of a guardian of their family."""
    found = db.session.get(Pass, pass_id)
    in_family = (
        found is not None
        and found.shareable
        and found.user_id in db.session.scalars(FAMILY_GUARDIANS, {"member_id": user_id}).all()
    )
    row = SimpleNamespace(
        pass_user_id=found.user_id if found else None,
        pass_shareable=found is not None and found.shareable,
        pass_in_family=in_family,
        dependent_id=dependent_id,
        pass_studio_id=found.studio_id if found else None,
        pass_event_ids=found.event_ids if found else None,
        studio_id=studio_id,
        event_id=event_id,
    )
    check_terms(row, user_id, event_id)


def hold_for_place(pass_id: int, user: User, seats: int, entry_id: int, starts_at: datetime) -> None:
    """A place in line waits with a pass (inside its unit of work): a pack's credits are held for it now (the same
    conditional UPDATE as a booking's), a membership's validity checked; the same refusals as spend()."""
    params = {"the_pass": pass_id, "owner_id": user.id, "member_id": user.id, "now": utcnow(), "spent": seats}
    held = db.session.execute(SPEND, params | {"starts_at": starts_at}).one_or_none()
    if held is None:
        raise _why_not_spent(pass_id, seats, starts_at, params["now"])
    if held.credits_left is not None:
        entry = {"pass_id": pass_id, "kind": LEDGER_HOLD, "credits": -seats, "waitlist_entry_id": entry_id}
        db.session.execute(ADD_ENTRY, {**entry, "booking_id": None, "created_at": params["now"]})


def release_place(entry_id: int, pass_id: int) -> int:
    """A place in line that held a pack's credits is gone (left, ended, promoted): they come back, once. How many."""
    rows = db.session.execute(
        select(PassLedgerEntry.kind, PassLedgerEntry.credits).where(
            PassLedgerEntry.pass_id == pass_id, PassLedgerEntry.waitlist_entry_id == entry_id
        )
    ).all()
    held = -sum(credits for kind, credits in rows if kind == LEDGER_HOLD)
    if held <= 0 or any(kind == LEDGER_RELEASE for kind, _ in rows):
        return 0
    db.session.execute(update(PASSES).where(PASSES.c.id == pass_id).values(credits_left=PASSES.c.credits_left + held))
    entry = {"pass_id": pass_id, "kind": LEDGER_RELEASE, "credits": held, "waitlist_entry_id": entry_id}
    db.session.execute(ADD_ENTRY, {**entry, "booking_id": None, "created_at": utcnow()})
    return held


def release_places(removed) -> None:
    """release_place for each (entry id, pass id) of places removed; those without a pass are skipped."""
    for entry_id, pass_id in removed:
        if pass_id is not None:
            release_place(entry_id, pass_id)


def seat_with_place_pass(booking, entry_id: int, pass_id: int | None, user: User, event_session) -> bool:
    """A place in line became a booking: the credits it held are spent on it (True: the booking is paid for by the
    pass). False when it had no pass or the pass can no longer pay (then it is paid for as any seat)."""
    if pass_id is None:
        return False
    release_place(entry_id, pass_id)
    try:
        spent = spend(pass_id, user, booking.seats, booking.id, event_session.starts_at, event_session.credits_per_seat)
    except Conflict:
        return False
    booking.pass_id = pass_id
    news.publish(spent)
    return True
