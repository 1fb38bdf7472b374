"""Who an email names as its host: the studio (its name, and its public page by slug) and, for a session, who
teaches it. Read when the email is written, in the caller's transaction, so a queued email says what was true then;
each session's (or studio's) once per transaction, so a change that writes to a whole class reads it once."""

from sqlalchemy import bindparam, inspect, select

from ...extensions import db
from ...models import Event, EventSession, Studio, User

SESSIONS, EVENTS, STUDIOS, USERS = (model.__table__ for model in (EventSession, Event, Studio, User))
SESSION_HOST = (
    select(
        STUDIOS.c.id.label("studio_id"),
        STUDIOS.c.name.label("studio_name"),
        STUDIOS.c.slug.label("studio_slug"),
        SESSIONS.c.instructor_id,
        USERS.c.name.label("instructor_name"),
    )
    .select_from(SESSIONS)
    .join(EVENTS, EVENTS.c.id == SESSIONS.c.event_id)
    .join(STUDIOS, STUDIOS.c.id == EVENTS.c.studio_id)
    .join(USERS, USERS.c.id == SESSIONS.c.instructor_id)
    .where(SESSIONS.c.id == bindparam("session_id"))
)
STUDIO_HOST = select(STUDIOS.c.id, STUDIOS.c.name, STUDIOS.c.slug).where(STUDIOS.c.id == bindparam("studio_id"))
MEMO = "email_hosts"  # a key of Session.info: (the transaction, what it read)


def session_host(event_session, event) -> tuple[dict, dict]:
    """The studio ({id, name, slug}) and the instructor ({id, name}) of a session: from what the caller read when it
    holds them (a row's studio_name, studio_slug and instructor_name; a model's studio and instructor loaded with
    it), else read."""
    if hasattr(event, "studio_name") and hasattr(event_session, "instructor_name"):
        studio = {"id": event.studio_id, "name": event.studio_name, "slug": event.studio_slug}
        return studio, {"id": event_session.instructor_id, "name": event_session.instructor_name}
    if _loaded(event, "studio") and _loaded(event_session, "instructor"):
        studio, instructor = event.studio, event_session.instructor
        return _studio(studio), {"id": instructor.id, "name": instructor.name}
    memo = _memo()
    if (key := ("session", event_session.id)) not in memo:
        row = db.session.execute(SESSION_HOST, {"session_id": event_session.id}).one()
        studio = {"id": row.studio_id, "name": row.studio_name, "slug": row.studio_slug}
        memo[key] = (studio, {"id": row.instructor_id, "name": row.instructor_name})
    studio, instructor = memo[key]
    return dict(studio), dict(instructor)  # each snapshot its own


def studio_host(studio_id: int) -> dict:
    """A studio as its emails name it: {id, name, slug}."""
    memo = _memo()
    if (key := ("studio", studio_id)) not in memo:
        memo[key] = _studio(db.session.execute(STUDIO_HOST, {"studio_id": studio_id}).one())
    return dict(memo[key])


def _studio(studio) -> dict:
    return {"id": studio.id, "name": studio.name, "slug": studio.slug}


def _loaded(instance, relationship: str) -> bool:
    """Whether a model's relationship was loaded with it (a row or plain facts have none)."""
    state = inspect(instance, raiseerr=False)
    return state is not None and relationship not in state.unloaded


def _memo() -> dict:
    """What this transaction has read already (a new transaction starts afresh: a rename since shows)."""
    session = db.session()
    transaction = session.get_transaction()
    held = session.info.get(MEMO)
    if held is None or held[0] is not transaction:
        held = session.info[MEMO] = (transaction, {})
    return held[1]
