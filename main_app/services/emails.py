"""Emails to the people who book, composed from one set of Jinja2 templates (templates/email/: a base layout,
then an HTML and a plain-text template per kind), the HTML's CSS inlined, times in the event's own zone, and a
calendar file where the booking has one. Composition only reads the snapshot it is given: no database, no network.
"""

from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr

import css_inline
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .calendar_files import BookingEntry, calendar_file, uid_domain
from .local_times import local_range

TEMPLATES = Environment(
    loader=PackageLoader("main_app", "templates/email"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,  # a missing value is an error at composition, not a blank in someone's inbox
    trim_blocks=True,
    lstrip_blocks=True,
)
SUBJECTS = {
    "booking_confirmed": "Booked: {title}, {when}",
}
# The kinds that carry the booking's calendar entry.
WITH_CALENDAR = {"booking_confirmed"}
INLINER = css_inline.CSSInliner(keep_style_tags=False)
# CRLF line ends for SMTP; headers unfolded up to RFC 5322's 998 characters, since Python's folding of a subject with
# non-ASCII text leaves a doubled space where it breaks the line.
MAIL_POLICY = policy.SMTP.clone(max_line_length=998)


def message_id(outbox_id: str, sender: str) -> str:
    """The Message-ID of the email an outbox message becomes: the same on every retry, so a resend after a lost
    reply is recognisably the same email."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    return f"<{outbox_id}@{domain}>"


def compose(kind: str, snapshot: dict, *, outbox_id: str, sender: str, web_url: str, stamp: datetime) -> EmailMessage:
    """The email of this kind for the snapshot an outbox message holds ({to, event, session, booking, ...})."""
    event, session = snapshot["event"], snapshot["session"]
    starts_at, ends_at = datetime.fromisoformat(session["starts_at"]), datetime.fromisoformat(session["ends_at"])
    when = local_range(starts_at, ends_at, event["timezone"])
    subject = SUBJECTS[kind].format(title=event["title"], when=when)
    context = {**snapshot, "subject": subject, "when": when, "booking_url": f"{web_url.rstrip('/')}/bookings"}

    message = EmailMessage(policy=MAIL_POLICY)
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = formataddr((snapshot["to"]["name"], snapshot["to"]["email"]))
    message["Date"] = format_datetime(stamp)
    message["Message-ID"] = message_id(outbox_id, sender)
    message.set_content(TEMPLATES.get_template(f"{kind}.txt").render(context))
    message.add_alternative(INLINER.inline(TEMPLATES.get_template(f"{kind}.html").render(context)), subtype="html")
    if kind in WITH_CALENDAR:
        entry = BookingEntry(
            booking_id=snapshot["booking"]["id"],
            title=event["title"],
            starts_at=starts_at,
            ends_at=ends_at,
            zone=event["timezone"],
            location=event.get("location", ""),
            url=context["booking_url"],
            attendee=(snapshot["to"]["name"], snapshot["to"]["email"]),
            organizer=(event["facilitator"], parseaddr(sender)[1]),
            sequence=snapshot["booking"].get("sequence", 0),
        )
        ics = calendar_file([entry], method="REQUEST", domain=uid_domain(web_url), stamp=stamp)
        message.add_attachment(
            ics, maintype="text", subtype="calendar", filename="booking.ics", params={"method": "REQUEST"}
        )
    return message
