"""The audit log's side of the news: which staff actions on seats, attendance and money (a cancellation's refunds) a
record stands for, written as one audit entry in the same transaction as the record's outbox rows. Who acted comes
from the record: staff acting through a studio's door carry their role there and their address
(StaffFacts, from services.studios.Staff); a facilitator on the seed routes is recorded with their account's role.
write_audit() is the audit log's one door: every entry, a record's or a studio's own action's
(services.studios.audit), goes in through it."""

from dataclasses import dataclass

from ...extensions import db
from ...models import AuditEntry
from . import attendance
from .audit_labels import id_labels, label
from .organiser import Approved, CalledOff, CheckinUndone, Declined, EventChanged, SessionChanged, WalkedIn
from .records import CheckedIn


def _event_changed(news: EventChanged):
    return news.event.studio_id, news.staff, f"event.{news.action}", ("event", news.event.id), news.changes


def _session_changed(news: SessionChanged):
    obj = ("session", news.session.id)
    return news.event.studio_id, news.staff, f"session.{news.action}", obj, news.changes


def _checked_in(news: CheckedIn):
    after = {"session_id": news.session.id, "seat": news.seat["seat"], **news.extra}
    return (
        news.session.event.studio_id,
        news.staff,
        "checkin.recorded",
        ("booking", news.seat["booking_id"]),
        after,
    )


def _checkin_undone(news: CheckinUndone):
    after = {"session_id": news.session.id, "seat": news.seat}
    return news.event.studio_id, news.staff, "checkin.undone", ("booking", news.booking_id), after


def _walked_in(news: WalkedIn):
    after = {"session_id": news.session.id, "user_id": news.user.id, "paid_at_door": news.payment is not None}
    return news.event.studio_id, news.staff, "booking.walk_in", ("booking", news.booking.id), after


def _decided(news: Approved | Declined):
    action = "booking.approved" if isinstance(news, Approved) else "booking.declined"
    after = {"session_id": news.session.id, "status": news.booking.status}
    return news.event.studio_id, news.organiser, action, ("booking", news.booking.id), after


def _called_off(news: CalledOff):
    if not news.refunded:  # nothing paid to give back: the session's own entry says it was cancelled
        return None
    after = {"session_id": news.session.id, "amount": news.refunded, "currency": news.session.currency}
    after["reason"] = news.reason
    return news.event.studio_id, news.staff, "booking.refunded", ("booking", news.booking.id), after


def _attendance(news: attendance.AttendanceNoted):
    if news.kind == "no_show":  # marked by the session's close, not by anyone
        return None
    after = {"session_id": news.session.id, "attendance": news.kind.removeprefix("attendance_")}
    return news.session.event.studio_id, news.staff, "attendance.corrected", ("booking", news.booking_id), after


AUDITED = {
    EventChanged: _event_changed,
    SessionChanged: _session_changed,
    CheckedIn: _checked_in,
    CheckinUndone: _checkin_undone,
    WalkedIn: _walked_in,
    Approved: _decided,
    Declined: _decided,
    CalledOff: _called_off,
    attendance.AttendanceNoted: _attendance,
}


@dataclass(frozen=True)
class AuditActor:
    """Who an entry says acted: their account (None: nobody's), their role, their address and their name now."""

    id: int | None
    role: str
    remote_addr: str | None = None
    name: str | None = None


def write_audit(
    studio_id: int,
    actor: AuditActor,
    action: str,
    obj: tuple[str, int | None],
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    """Add one entry to the caller's transaction: actor did action to obj (type, id), from before to after, with
    the object, the ids of before and after and the actor's name in words as they read now."""
    object_type, object_id = obj
    db.session.add(
        AuditEntry(
            studio_id=studio_id,
            actor_id=actor.id,
            actor_role=actor.role,
            action=action,
            object_type=object_type,
            object_id=object_id,
            before=before,
            after=after,
            remote_addr=actor.remote_addr[:64] if actor.remote_addr else None,
            object_label=label(object_type, object_id, studio_id),
            # The actor's name as it reads now, kept: the log still names them once they leave or are renamed.
            labels=id_labels(before, after, studio_id, actor),
        )
    )


def write_audit_entry(record) -> None:
    """The record's audit entry, added to the caller's transaction, when it stands for a staff action."""
    found = AUDITED.get(type(record))
    entry = found(record) if found else None
    if entry is None or entry[1] is None:
        return
    studio_id, actor, action, obj, after = entry
    role = actor.studio_role or actor.role  # their role in the studio, else their account's
    write_audit(studio_id, AuditActor(actor.id, role, actor.remote_addr, actor.name), action, obj, None, after)
