"""A guardian's children: added with the guardian's consent (its wording's version and hash, when, from where),
changed, and erased (their personal data gone, the row and its id kept for the bookings that name it)."""

from sqlalchemy import exists, select

from main_app.plumbing import lock

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import SEAT_HOLDING, Booking, Dependent, EventSession, WaitlistEntry, utcnow
from .. import news
from ..common import written_name as written
from .consent import consent_terms
from .members import child_of, children_of, family_id_of, own_family_id

USER_AGENT_MOST = 300
ERASED_CHILD = "Deleted child"


def child_document(child: Dependent) -> dict:
    """A child as their guardians see them."""
    return {
        "id": child.id,
        "name": child.name,
        "date_of_birth": child.date_of_birth,
        "notes_for_teacher": child.notes_for_teacher,
        "consent": {"version": child.consent_version, "sha256": child.consent_wording_sha256, "at": child.consented_at},
    }


def my_children(user_id: int) -> dict:
    """The children of the account's family, and the consent's words a guardian agrees to when adding one."""
    return {"items": [child_document(c) for c in children_of(family_id_of(user_id))], "consent": consent_terms()}


def add_child(user_id: int, fields: dict, remote_addr: str | None, user_agent: str | None) -> dict:
    """Add a child to the account's family (made now if it has none), with the consent the guardian gave (the schema
    requires it) to the words of consent_terms() in the request's language."""
    terms = consent_terms()
    with unit_of_work(keep_loaded=True):
        child = Dependent(
            family_id=own_family_id(user_id), name=written(fields["name"]), date_of_birth=fields["date_of_birth"],
            notes_for_teacher=fields.get("notes_for_teacher"), consent_version=terms["version"],
            consent_wording_sha256=terms["sha256"], consented_by=user_id, consented_at=utcnow(),
            consent_ip=remote_addr, consent_user_agent=(user_agent or "")[:USER_AGENT_MOST] or None,
        )  # fmt: skip
        db.session.add(child)
        db.session.flush()
    return child_document(child)


def edit_child(user_id: int, dependent_id: int, fields: dict) -> dict:
    """Change a child's name, date of birth or notes for the teacher; 404 dependent_not_found."""
    with unit_of_work(keep_loaded=True):
        child = child_of(user_id, dependent_id)
        if "name" in fields:
            child.name = written(fields["name"])
        if "date_of_birth" in fields:
            child.date_of_birth = fields["date_of_birth"]
        if "notes_for_teacher" in fields:
            child.notes_for_teacher = fields["notes_for_teacher"]
    return child_document(child)


def erase_child(user_id: int, dependent_id: int) -> None:
    """Erase a child's personal data, keeping the row (bookings name it); 404 dependent_not_found, 409
    dependent_booked while a seat ahead is held for them (the guardian cancels it first, with its refund terms),
    dependent_waiting while they wait in a line (the guardian takes them off it first)."""
    with unit_of_work():
        child = child_of(user_id, dependent_id)
        # The row locked first: a booking for the child that claimed its seat meanwhile holds it (hold_child) until
        # it commits, so the check below, run after, sees that booking's seat.
        lock(Dependent, [child.id])
        if _has_seat_ahead(child.id):
            raise api_error("dependent_booked")
        if _waiting(child.id):  # leaving a line gives back what its place held (an offered seat, a pass's credits)
            raise api_error("dependent_waiting")
        erase(child)


def hold_child(dependent_id: int | None) -> None:
    """In a booking's transaction, after its seat was claimed (the lock order: session, then child): lock the child's
    row until it commits, so erasing the child waits and then finds the seat; a child erased meanwhile is 404
    dependent_not_found (nothing of the booking is kept). None, a seat for the booker: nothing."""
    if dependent_id is None:
        return
    alive = select(Dependent.id).where(Dependent.id == dependent_id, Dependent.erased_at.is_(None))
    if lock(Dependent, alive).first() is None:
        raise api_error("dependent_not_found", dependent_id=dependent_id)


def _has_seat_ahead(dependent_id: int) -> bool:
    ahead = exists().where(
        Booking.dependent_id == dependent_id,
        Booking.status.in_(SEAT_HOLDING),
        Booking.session_id == EventSession.id,
        EventSession.ends_at > utcnow(),
    )
    return bool(db.session.scalar(select(ahead)))


def _waiting(dependent_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(WaitlistEntry.dependent_id == dependent_id))))


def erase(child: Dependent) -> None:
    """Take the child's personal data out of their row (inside the caller's unit of work); the consent's record (its
    version, hash, who and when) stays as proof of what was agreed, without where it came from."""
    child.name, child.date_of_birth, child.notes_for_teacher = ERASED_CHILD, None, None
    child.consent_ip = child.consent_user_agent = None
    child.erased_at = utcnow()
    if child.grown_into_id is None:  # grown up, their rows in the client book become their account's instead
        news.publish(news.ChildErased(child.id))
