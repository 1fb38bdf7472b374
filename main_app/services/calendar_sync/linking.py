"""A teacher links their own calendar (one, whichever studios they teach at), sees how it stands, asks for a sync,
or unlinks it; and their privates' changes ask for one. The login is sealed at rest and never shown again."""

from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import delete, select

from main_app.services.languages import gettext
from service_kit.errors import ValidationFailed

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import CalendarBusy, TeacherCalendar, User, utcnow
from .remote import CalendarError, refuse_private_host
from .sync import SEALER, STALE_AFTER, _next_due, schedule_sync


def calendar_document(user: User) -> dict:
    """The teacher's calendar as they see it: its kind and host (the address may hold a secret), login name, when it
    was last read and written, the last error, and whether its busy times are too old to offer slots with."""
    calendar = db.session.scalar(select(TeacherCalendar).where(TeacherCalendar.user_id == user.id))
    if calendar is None:
        return {"linked": False}
    stale = calendar.read_at is None or calendar.read_at < utcnow() - STALE_AFTER
    return {
        "linked": True,
        "kind": calendar.kind,
        "host": urlsplit(calendar.url).hostname,
        "username": calendar.username,
        "read_at": calendar.read_at,
        "written_at": calendar.written_at,
        "last_error": calendar.last_error,
        "stale": stale,
    }


def link_calendar(user: User, body: dict) -> dict:
    """Link (or replace) the teacher's calendar, then read it at once and every few minutes from then on: 400
    naming url for an address that is not https (plain http outside production only), or naming password for a
    CalDAV calendar without its login."""
    url = body["url"].strip()
    parts = urlsplit(url)
    allowed = ("https",) if current_app.config["APP_ENV"] == "production" else ("https", "http")
    if parts.scheme not in allowed or not parts.hostname:
        raise _refused("url", gettext("The calendar's https:// address."))
    if current_app.config["APP_ENV"] == "production":
        try:
            refuse_private_host(url)
        except CalendarError:
            raise _refused("url", gettext("A calendar's address on the public internet.")) from None
    if body["kind"] == "caldav" and not (body.get("username") and body.get("password")):
        raise _refused("password", gettext("A CalDAV calendar needs its user name and password."))
    secret = SEALER.seal(current_app.config, {"password": body["password"]}) if body.get("password") else None
    with unit_of_work():
        calendar = db.session.scalar(select(TeacherCalendar).where(TeacherCalendar.user_id == user.id))
        if calendar is None:
            calendar = TeacherCalendar(user_id=user.id)
            db.session.add(calendar)
        calendar.kind, calendar.url, calendar.username, calendar.secret = (
            body["kind"],
            url,
            body.get("username"),
            secret,
        )
        calendar.read_at = calendar.written_at = calendar.last_error = None
        db.session.flush()
        schedule_sync(calendar.id, user.id)
        schedule_sync(calendar.id, user.id, _next_due(utcnow()), periodic=True)
    return calendar_document(user)


def _refused(field: str, problem: str) -> ValidationFailed:
    """A 400 naming field."""
    return ValidationFailed(gettext("Invalid input: %(fields)s.", fields=field), details={field: [problem]})


def sync_now(user: User) -> dict:
    """Ask for a sync of the teacher's calendar now (409 calendar_not_linked without one)."""
    with unit_of_work():
        calendar = db.session.scalar(select(TeacherCalendar).where(TeacherCalendar.user_id == user.id))
        if calendar is None:
            raise api_error("calendar_not_linked")
        schedule_sync(calendar.id, user.id)
    return calendar_document(user)


def unlink_calendar(user: User) -> None:
    """Forget the teacher's calendar, its login and the busy times read from it (the events we wrote there stay)."""
    with unit_of_work():
        calendar = db.session.scalar(select(TeacherCalendar).where(TeacherCalendar.user_id == user.id))
        if calendar is not None:
            db.session.execute(delete(CalendarBusy).where(CalendarBusy.calendar_id == calendar.id))
            db.session.delete(calendar)


def calendars_changed(user_ids) -> None:
    """The teachers' classes or privates changed: a sync of each one's linked calendar, in the caller's
    transaction."""
    ids = sorted({user_id for user_id in user_ids if user_id is not None})
    if not ids:
        return
    for calendar_id, user_id in db.session.execute(
        select(TeacherCalendar.id, TeacherCalendar.user_id).where(TeacherCalendar.user_id.in_(ids))
    ):
        schedule_sync(calendar_id, user_id)
