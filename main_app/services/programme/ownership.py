"""A facilitator's own events and sessions as the facilitator services read them: found (404), theirs (403), and
annotated with what only they see (how each session's emails stand, how many wait)."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from main_app.services.emails import email_counts
from main_app.services.payments import payment_totals
from main_app.services.seats import option_document, options_of, waiting_counts
from main_app.services.studios import Staff, as_staff

from ...error_codes import api_error
from ...extensions import db
from ...models import STATUS_SCHEDULED, Event, EventSession


def owned_event(staff: Staff, event_id: int) -> Event:
    """An event the staff member reaches, with its sessions; 404 unknown (or another studio's on a studio route),
    403 one a facilitator on the seed routes does not teach in."""
    staff = as_staff(staff)
    event = (
        db.session.scalars(
            select(Event)
            .options(joinedload(Event.facilitator), selectinload(Event.sessions).joinedload(EventSession.instructor))
            .where(Event.id == event_id)
            .execution_options(populate_existing=True)  # fresh after the conditional UPDATEs below
        )
        .unique()
        .one_or_none()
    )
    if event is None:
        raise api_error("event_not_found", event_id=event_id)
    if not staff.reaches_event(event, event.sessions):
        # On a studio's routes another studio's event looks like none; on the seed routes, as always, a 403.
        raise api_error("event_not_found", event_id=event_id) if staff.studio else api_error("forbidden.event")
    return event


def owned_session(staff: Staff, session_id: int) -> EventSession:
    """A session the staff member reaches, with its event and studio; 404 unknown (or another studio's on a studio
    route), 403 one a facilitator on the seed routes does not teach."""
    staff = as_staff(staff)
    event_session = db.session.scalars(
        select(EventSession)
        .options(
            joinedload(EventSession.event).options(joinedload(Event.facilitator), joinedload(Event.studio)),
            joinedload(EventSession.instructor),
        )
        .where(EventSession.id == session_id)
        .execution_options(populate_existing=True)
    ).one_or_none()
    if event_session is None:
        raise api_error("session_not_found", session_id=session_id)
    if not staff.reaches_session(event_session, event_session.event):
        if staff.studio is None:
            raise api_error("forbidden.session")
        raise api_error("session_not_found", session_id=session_id)
    return event_session


def refresh_span(event: Event) -> None:
    """Keep the event's start and end at the span of its scheduled sessions (all, if none is)."""
    sessions = [s for s in event.sessions if s.status == STATUS_SCHEDULED] or event.sessions
    event.starts_at = min(s.starts_at for s in sessions)
    event.ends_at = max(s.ends_at for s in sessions)


def instructor_document(event_session: EventSession) -> dict:
    """Who teaches the session, as SessionSchema shows it (its instructor loaded with it)."""
    return {"id": event_session.instructor.id, "name": event_session.instructor.name}


def with_counts(events: list[Event]) -> list[Event]:
    """Note on each session how its attendees' emails stand (sent / pending / failed), how many wait for a seat,
    its money, its room options and who teaches it (loaded with the sessions): a few queries for the whole page."""
    sessions = [s for event in events for s in event.sessions]
    ids = [s.id for s in sessions]
    counts, waiting, money = email_counts(ids), waiting_counts(ids), payment_totals(ids)
    offered = options_of(ids)
    for event_session in sessions:
        event_session.emails = counts[event_session.id]
        event_session.waiting = waiting[event_session.id]
        event_session.payments = money[event_session.id]
        event_session.options = [option_document(row) for row in offered.get(event_session.id, ())]
        event_session.instructor_document = instructor_document(event_session)
    return events


def get_own_event(staff: Staff, event_id: int) -> Event:
    """An event the staff member reaches, with how each session's emails stand."""
    return with_counts([owned_event(staff, event_id)])[0]


def session_with_counts(staff: Staff, session_id: int) -> EventSession:
    event_session = owned_session(staff, session_id)
    event_session.emails = email_counts([session_id])[session_id]
    event_session.waiting = waiting_counts([session_id])[session_id]
    event_session.payments = payment_totals([session_id])[session_id]
    event_session.options = [option_document(row) for row in options_of([session_id]).get(session_id, ())]
    event_session.instructor_document = instructor_document(event_session)
    return event_session
