"""Who teaches a studio's sessions: giving a session another instructor (a member whose role teaches), and what a
member still teaches, which keeps them in the studio, or in a teaching role, until someone else does."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from main_app.services import news
from main_app.services.diary import refuse_if_privates
from service_kit.errors import ValidationFailed

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import STATUS_SCHEDULED, Event, EventSession, StudioMember, User, utcnow
from .audit import Actor
from .permissions import ROLE_PERMISSIONS, Membership
from .staff import Staff
from .studios import home_studio_id, locked_studio

TEACHING_ROLES = tuple(role for role, allowed in ROLE_PERMISSIONS.items() if "sessions.own" in allowed)


def upcoming_taught(studio_id: int, user_id: int) -> list[int]:
    """The ids of the studio's scheduled sessions not yet started that the person teaches, soonest first."""
    return list(
        db.session.scalars(
            select(EventSession.id)
            .join(Event, Event.id == EventSession.event_id)
            .where(
                Event.studio_id == studio_id,
                EventSession.instructor_id == user_id,
                EventSession.status == STATUS_SCHEDULED,
                EventSession.starts_at > utcnow(),
            )
            .order_by(EventSession.starts_at, EventSession.id)
        )
    )


def check_not_teaching(studio_id: int, user_id: int) -> None:
    """409 member_teaches, naming the person and their sessions, while they teach an upcoming session here (called
    under the studio's lock, which every change of a session's instructor takes too)."""
    sessions = upcoming_taught(studio_id, user_id)
    if sessions:
        name = db.session.get(User, user_id).name
        raise api_error(
            "member_teaches",
            name=name,
            count=len(sessions),
            details={"user_id": user_id, "name": name, "session_ids": sessions},
        )


def workplace(staff: Staff) -> int:
    """The studio what staff make goes to (inside the caller's unit of work): theirs on a studio's routes, a
    facilitator's own on the seed routes."""
    return staff.studio.id if staff.studio is not None else home_studio_id(staff.user)


def instructor_for(staff: Staff, studio_id: int, requested: int | None) -> int:
    """Who teaches a session staff make: the member they name (400 naming instructor_id unless the studio's member
    whose role teaches), else themselves."""
    if requested is None or requested == staff.id:
        return staff.id
    check_teaches(studio_id, requested)
    return requested


def check_teaches(studio_id: int, user_id: int) -> None:
    """400 naming instructor_id unless the person is the studio's member whose role teaches."""
    role = db.session.scalar(
        select(StudioMember.role).where(StudioMember.studio_id == studio_id, StudioMember.user_id == user_id)
    )
    if role not in TEACHING_ROLES:
        problem = "Not a member of this studio who teaches (owner, manager or instructor)."
        raise ValidationFailed(f"Invalid input: instructor_id: {problem}", details={"instructor_id": [problem]})


@retry_on_deadlock
def assign_instructor(
    caller: Membership, actor: Actor, session_id: int, instructor_id: int, following: bool = False
) -> dict:
    """Give the studio's session another instructor, a member whose role teaches (400 naming instructor_id for
    anyone else); following: the later sessions of its series not yet started too."""
    studio_id = caller.studio.id
    with unit_of_work():
        locked_studio(studio_id)  # as removing a member does: never given to someone being removed
        event_session = _studio_session(studio_id, session_id)
        check_teaches(studio_id, instructor_id)
        sessions = [event_session, *(_later_in_series(event_session) if following else ())]
        refuse_if_privates([(instructor_id, one.starts_at, one.ends_at) for one in sessions], utcnow())
        by = Staff(db.session.get(User, actor.user_id), caller.studio, caller.role, actor.remote_addr)
        for one in sessions:
            _hand(by, one, one.event, instructor_id)
    answer = {"session_id": session_id, "instructor_id": instructor_id}
    return answer | {"session_ids": [one.id for one in sessions]}


def hand_over_series(by: Staff, event: Event, sessions: list[EventSession], instructor_id: int) -> list[int]:
    """Give the sessions of a series (from a day on, by start) that the first one's teacher teaches to another member
    who teaches (400 naming instructor_id for anyone else): one given a substitute keeps them. The ids it changed;
    inside the caller's unit of work, the studio locked first (as assign_instructor)."""
    check_teaches(event.studio_id, instructor_id)
    teacher = sessions[0].instructor_id if sessions else None
    return [one.id for one in sessions if one.instructor_id == teacher and _hand(by, one, event, instructor_id)]


def _hand(by: Staff, event_session: EventSession, event: Event, instructor_id: int) -> bool:
    """Give the session the instructor, with its news; whether it changed hands."""
    before = event_session.instructor_id
    if before == instructor_id:
        return False
    event_session.instructor_id = instructor_id
    changes = {"instructor_id": {"from": before, "to": instructor_id}}
    # The CRM's session_updated, and the audit log's entry (news.audit_trail), say who it was and who it is.
    news.publish(news.SessionChanged(event_session, event, "updated", by.facts(), changes))
    return True


def _later_in_series(event_session: EventSession) -> list[EventSession]:
    """The scheduled sessions of the session's series after it that have not started, with their events."""
    if event_session.series_id is None:
        return []
    return list(
        db.session.scalars(
            select(EventSession)
            .options(joinedload(EventSession.event).joinedload(Event.facilitator))
            .where(
                EventSession.series_id == event_session.series_id,
                EventSession.starts_at > event_session.starts_at,
                EventSession.starts_at > utcnow(),
                EventSession.status == STATUS_SCHEDULED,
            )
            .order_by(EventSession.starts_at, EventSession.id)
        )
    )


def _studio_session(studio_id: int, session_id: int) -> EventSession:
    """The studio's session with its event; 404 for any other (another studio's looks like none)."""
    found = db.session.scalar(
        select(EventSession)
        .join(Event, Event.id == EventSession.event_id)
        .options(joinedload(EventSession.event).joinedload(Event.facilitator))
        .where(EventSession.id == session_id, Event.studio_id == studio_id)
        .execution_options(populate_existing=True)
    )
    if found is None:
        raise api_error("session_not_found", session_id=session_id)
    return found
