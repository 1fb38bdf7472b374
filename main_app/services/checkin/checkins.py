"""Check-ins sent by a facilitator's devices, in batches (a device's offline queue): each item is checked (a genuine
code of this session or a booking of it, the booking active, the seat still coming, the time inside the check-in
window) and recorded at most once per seat, so a device can send its queue again. The CRM hears each new check-in
once, in its transaction. Undoing one removes it."""

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from main_app.plumbing import lock
from main_app.services.common import Scanned, genuine_checkin_code, read_checkin_code, seat_code
from main_app.services.crm import seat_for
from main_app.services.programme import owned_session
from main_app.services.seats import guests_of, lock_sessions
from main_app.services.studios import Staff

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import BOOKING_ACTIVE, Booking, Checkin, EventSession, User, utcnow
from .. import news
from . import attendance
from .roster import key_of, seats_checked_in, seats_of, window

INSERT_CHECKIN = {
    name: insert(Checkin.__table__).on_conflict_do_nothing(index_elements=["booking_id", "seat"]).returning(Checkin.id)
    for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}


@retry_on_deadlock
def record(staff: Staff, session_id: int, items: list[dict]) -> dict:
    """Check in each item, in order: {"results": [...], "checked_in": the session's count}; results say checked_in,
    already_checked_in (when, by which device) or not_valid (why)."""
    event_session = owned_session(staff, session_id)
    key, now = key_of(session_id), utcnow()
    with unit_of_work():
        # The session first (the lock order), as a person's cancellation takes it: of the two, one wins.
        lock_sessions([session_id])
        targets = _targets(items, key, session_id)
        wanted = sorted({target[0] for target in targets if isinstance(target, tuple)})
        # Then the bookings in id order, read fresh under their locks: what is checked is what stays true to the insert.
        locked = {
            booking.id: booking
            for booking in lock(
                Booking,
                select(Booking)
                .where(Booking.id.in_(wanted))
                .order_by(Booking.id)
                .execution_options(populate_existing=True),
            ).scalars()
        }
        users = {
            user.id: user
            for user in db.session.scalars(
                select(User).where(User.id.in_({booking.user_id for booking in locked.values()}))
            )
        }
        parties = guests_of(list(locked))
        results = []
        for item, target in zip(items, targets, strict=True):
            if isinstance(target, str):
                results.append(_refused(target))
                continue
            booking = locked.get(target[0])
            results.append(_check_in(event_session, staff, booking, users, parties, target[1], item, now))
        if any(result["status"] == "checked_in" for result in results):
            attendance.schedule_close(event_session)  # check-in was taken: the session closes with attendance
        counts = {"checked_in": seats_checked_in(session_id)}
    return {"results": results, **counts}


def _targets(items: list[dict], key: bytes, session_id: int) -> list[tuple[int, int] | str]:
    """Each item's (booking id, seat), or why it names none of this session's."""
    short = None
    targets = []
    for item in items:
        if "booking_id" in item:
            targets.append((item["booking_id"], item.get("seat", 1)))
            continue
        read = read_checkin_code(item["code"])
        if read is None:
            targets.append("code_not_recognised")
        elif isinstance(read, Scanned):
            if read.session_id != session_id:
                targets.append("other_session")
            elif not genuine_checkin_code(key, read):
                targets.append("code_not_recognised")
            else:
                targets.append((read.booking_id, read.seat))
        else:
            short = _short_codes(session_id, key) if short is None else short
            targets.append(short.get(read, "code_not_recognised"))
    return targets


def _short_codes(session_id: int, key: bytes) -> dict[str, tuple[int, int]]:
    """Every seat of the session's bookings by its short code (a typed code names no booking by itself)."""
    found = {}
    booking_ids = db.session.scalars(select(Booking.id).where(Booking.session_id == session_id)).all()
    party = guests_of(booking_ids)
    for booking_id in booking_ids:
        for seat in range(1, 2 + len(party[booking_id])):
            found[seat_code(key, session_id, booking_id, seat)] = (booking_id, seat)
    return found


def _check_in(event_session, staff: Staff, booking, users, parties, seat, item, now) -> dict:
    """One seat checked in, found checked in already, or refused."""
    if booking is None or booking.session_id != event_session.id:
        return _refused("other_session")
    if booking.status != BOOKING_ACTIVE:
        return _refused("booking_not_active", booking.id, seat)
    booker = users[booking.user_id]
    seats = {number: (name, still) for number, name, _email, still in seats_of(booking, booker, parties[booking.id])}
    if seat not in seats:
        return _refused("no_such_seat", booking.id, seat)
    name, still = seats[seat]
    if not still:
        return _refused("seat_given_back", booking.id, seat)
    at = min(item.get("at") or now, now)  # a device's clock ahead of ours is not believed
    opens, closes = window(event_session)
    if at < opens:
        return _refused("checkin_not_open", booking.id, seat)
    if at > closes:
        return _refused("checkin_closed", booking.id, seat)
    device = item.get("device_id") or ""
    seat_of = {"booking_id": booking.id, "seat": seat, "name": name}
    if not insert_checkin(event_session, booking.id, seat, at, device, now):
        first = db.session.scalars(select(Checkin).where(Checkin.booking_id == booking.id, Checkin.seat == seat)).one()
        return {
            "status": "already_checked_in",
            **seat_of,
            "checked_in_at": first.checked_in_at,
            "device_id": first.device_id,
        }
    message = f"{name} checked in to {event_session.event.title}"
    tell_crm(event_session, staff, booker, seat_of, at, device, message, **seat_for(booking.dependent_id))
    return {"status": "checked_in", **seat_of, "checked_in_at": at, "device_id": device}


def insert_checkin(event_session: EventSession, booking_id: int, seat: int, at, device: str, now) -> bool:
    """Record a seat's check-in once (inside the caller's unit of work); False when it was checked in already."""
    values = {
        "session_id": event_session.id,
        "booking_id": booking_id,
        "seat": seat,
        "checked_in_at": at,
        "device_id": device,
        "created_at": now,
    }
    return db.session.execute(INSERT_CHECKIN[db.engine.dialect.name].values(**values)).first() is not None


def tell_crm(event_session: EventSession, staff: Staff, booker: User, seat_of: dict, at, device, message, **more):
    """The CRM's checked_in for a seat just recorded, in the same transaction."""
    news.publish(news.CheckedIn(event_session, staff.facts(), booker, seat_of, at, device, message, more))


def _refused(reason: str, booking_id: int | None = None, seat: int | None = None) -> dict:
    return {"status": "not_valid", "reason": reason, "booking_id": booking_id, "seat": seat}


@retry_on_deadlock
def undo(staff: Staff, session_id: int, booking_id: int, seat: int) -> None:
    """Remove a mistaken check-in; 404 checkin_not_found when there is none."""
    event_session = owned_session(staff, session_id)
    with unit_of_work():
        removed = db.session.execute(
            delete(Checkin)
            .where(Checkin.session_id == session_id, Checkin.booking_id == booking_id, Checkin.seat == seat)
            .execution_options(synchronize_session=False)
        )
        if removed.rowcount != 1:
            raise api_error("checkin_not_found", seat=seat, booking_id=booking_id)
        booking = db.session.get(Booking, booking_id)
        event = event_session.event
        booker = db.session.get(User, booking.user_id)
        undone = (event_session, event, staff.facts(), booker, booking_id, seat, booking.dependent_id)
        news.publish(news.CheckinUndone(*undone))
