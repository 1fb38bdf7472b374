"""Calendars of bookings: one booking as a file to download, and each person's private feed of their active bookings,
at a URL whose secret is derived (HMAC with SECRET_KEY) from the account and its calendar_version, so nothing secret
is stored and raising the version ends the old URL. Each entry names the studio (its ORGANIZER) and, in its notes,
who teaches and the studio's page, as the emailed calendar files do."""

import hashlib
import hmac
import re
from email.utils import parseaddr
from urllib.parse import quote

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from main_app.services.common import within_reach
from main_app.services.emails import BookingEntry, calendar_file, session_host, uid_domain
from main_app.services.languages import gettext, language_for, speaking

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import BOOKING_ACTIVE, Booking, Event, EventSession, User, utcnow
from .operations import get_booking, owned_booking

FEED = re.compile(r"(?P<user_id>[1-9][0-9]{0,9})-(?P<secret>[0-9a-f]{32})")


def feed_name(user: User) -> str:
    """The feed's file name without .ics: the account id and its secret."""
    return f"{user.id}-{_secret(user.id, user.calendar_version)}"


def _secret(user_id: int, version: int) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"calendar-feed:{user_id}:{version}".encode(), hashlib.sha256).hexdigest()[:32]


def new_feed(user: User) -> User:
    """A new feed URL for user; the old one answers 404 from now on."""
    with unit_of_work():
        account = db.session.get(User, user.id)
        account.calendar_version = User.calendar_version + 1
    db.session.refresh(account)
    return account


def feed_file(name: str) -> bytes:
    """The feed named name (see feed_name): every active booking of its account; 404 for any other name."""
    match = FEED.fullmatch(name)
    user = db.session.get(User, int(match["user_id"])) if match and int(match["user_id"]) < 2**31 else None
    if user is None or not hmac.compare_digest(match["secret"], _secret(user.id, user.calendar_version)):
        raise api_error("not_found.calendar")
    bookings = db.session.scalars(
        select(Booking)
        .where(Booking.user_id == user.id, Booking.status == BOOKING_ACTIVE)
        .options(
            joinedload(Booking.session).joinedload(EventSession.event).joinedload(Event.studio),
            joinedload(Booking.session).joinedload(EventSession.instructor),
        )
        .order_by(Booking.id)
    ).all()
    settings = _file_settings()
    # A session with times no session can be given (written before they were checked) is left out, not the feed.
    entries = [_entry(b, user) for b in bookings]
    entries = [e for e in entries if within_reach(e.starts_at, e.ends_at, settings["stamp"])]
    with speaking(language_for(user)):  # a calendar app asks, without the person: their account's language
        return calendar_file(entries, method="PUBLISH", name=gettext("My bookings"), **settings)


def booking_file(user: User, booking_id: int) -> bytes:
    """One of user's bookings as a calendar file; someone else's is a 404, one whose session has times no session
    can be given a 409."""
    owned_booking(user, booking_id)
    entry = _entry(get_booking(booking_id), user)
    settings = _file_settings()
    if not within_reach(entry.starts_at, entry.ends_at, settings["stamp"]):
        raise api_error("calendar_unavailable")
    return calendar_file([entry], method="PUBLISH", **settings)


def _entry(booking: Booking, user: User) -> BookingEntry:
    """The booking's calendar entry: organised by its studio, with who teaches and the studio's page in its notes."""
    event_session, event = booking.session, booking.session.event
    studio, instructor = session_host(event_session, event)
    web_url = current_app.config["PUBLIC_WEB_URL"]
    page = f"{web_url}/studios/{quote(studio['slug'], safe='')}"
    return BookingEntry(
        booking_id=booking.id,
        title=event.title,
        starts_at=event_session.starts_at,
        ends_at=event_session.ends_at,
        zone=event.timezone,
        location=event.location,
        url=f"{web_url}/bookings",
        attendee=(user.name, user.email),
        organizer=(studio["name"], parseaddr(current_app.config["MAIL_FROM"])[1]),
        host=(instructor["name"], studio["name"], page),
        sequence=booking.calendar_sequence,
        cancelled=booking.status != BOOKING_ACTIVE,
    )


def _file_settings() -> dict:
    return {"domain": uid_domain(current_app.config["PUBLIC_WEB_URL"]), "stamp": utcnow()}
