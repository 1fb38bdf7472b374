"""Emails to the people who book, composed from one set of Jinja2 templates (templates/email/: a base layout,
then an HTML and a plain-text template per kind), the HTML's CSS inlined, times in the event's own zone, and a
calendar file where the booking has one. Composition only reads the snapshot it is given: no database, no network.

A snapshot is what the outbox message captured when it was written: {"to": {name, email}} and, for a booking's
mails, "event" {id, title, location, timezone, facilitator}, "session" {id, starts_at, ends_at} and "booking"
{id, sequence}; cancellations add "reason" and "by" ("you" or "facilitator"), changes add "changes" [{label, from,
to}], reminders "unsubscribe_url", the password reset "reset_url", a facilitator's message "subject", "text" and
"reply_to" {name, email}.
"""

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Kind:
    """One kind of email: its subject line and the calendar method its attachment carries (None: no attachment)."""

    subject: str
    calendar: str | None = None


KINDS = {
    "welcome": Kind("Welcome to Sessions & Retreats, {name}"),
    "password_reset": Kind("Reset your Sessions & Retreats password"),
    "booking_confirmed": Kind("Booked: {title}, {when}", "REQUEST"),
    "booking_cancelled": Kind("Cancelled: {title}, {when}", "CANCEL"),
    "booking_reactivated": Kind("Booked again: {title}, {when}", "REQUEST"),
    "booking_changed": Kind("Changed: {title}, now {when}", "REQUEST"),
    "waitlist_promoted": Kind("A seat came free, it is yours: {title}, {when}", "REQUEST"),
    "waitlist_ended": Kind("No seat came free: {title}, {when}"),
    "facilitator_message": Kind("{subject} ({title}, {when})"),
    "refund_processed": Kind("Refunded: {title}, {when}"),
    "reminder_24h": Kind("Tomorrow: {title}, {when}"),
    "reminder_2h": Kind("Starting soon: {title}, {when}"),
}
REMINDER_KINDS = {"reminder_24h", "reminder_2h"}
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
    """The email of this kind for the snapshot an outbox message holds."""
    spec = KINDS[kind]
    web_url = web_url.rstrip("/")
    context = {**snapshot, "web_url": web_url, "booking_url": f"{web_url}/bookings", "when": ""}
    if "session" in snapshot:
        session, event = snapshot["session"], snapshot["event"]
        starts_at, ends_at = datetime.fromisoformat(session["starts_at"]), datetime.fromisoformat(session["ends_at"])
        context["when"] = local_range(starts_at, ends_at, event["timezone"])
    subject = spec.subject.format(
        name=snapshot["to"]["name"],
        title=context.get("event", {}).get("title", ""),
        when=context["when"],
        subject=snapshot.get("subject", ""),
    )
    context["subject"] = _one_line(subject)

    message = EmailMessage(policy=MAIL_POLICY)
    message["Subject"] = context["subject"]
    message["From"] = sender
    message["To"] = formataddr((_one_line(snapshot["to"]["name"]), snapshot["to"]["email"]))
    message["Date"] = format_datetime(stamp)
    message["Message-ID"] = message_id(outbox_id, sender)
    if reply_to := snapshot.get("reply_to"):  # a facilitator's message: answers go to them, not to us
        message["Reply-To"] = formataddr((_one_line(reply_to["name"]), reply_to["email"]))
    if kind in REMINDER_KINDS:
        # RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to this address.
        message["List-Unsubscribe"] = f"<{snapshot['unsubscribe_url']}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    else:
        message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation auto-replies to transactional mail
    message.set_content(TEMPLATES.get_template(f"{kind}.txt").render(context))
    message.add_alternative(INLINER.inline(TEMPLATES.get_template(f"{kind}.html").render(context)), subtype="html")
    if spec.calendar:
        ics = calendar_file(
            [_entry(snapshot, sender, context["booking_url"], cancelled=spec.calendar == "CANCEL")],
            method=spec.calendar,
            domain=uid_domain(web_url),
            stamp=stamp,
        )
        message.add_attachment(
            ics, maintype="text", subtype="calendar", filename="booking.ics", params={"method": spec.calendar}
        )
    return message


def _one_line(text: str) -> str:
    """A header value: a title typed with line breaks or tabs reads as one line (and cannot add a header)."""
    return " ".join(text.split())


def _entry(snapshot: dict, sender: str, url: str, *, cancelled: bool) -> BookingEntry:
    event, session = snapshot["event"], snapshot["session"]
    return BookingEntry(
        booking_id=snapshot["booking"]["id"],
        title=event["title"],
        starts_at=datetime.fromisoformat(session["starts_at"]),
        ends_at=datetime.fromisoformat(session["ends_at"]),
        zone=event["timezone"],
        location=event.get("location", ""),
        url=url,
        attendee=(snapshot["to"]["name"], snapshot["to"]["email"]),
        organizer=(event["facilitator"], parseaddr(sender)[1]),
        sequence=snapshot["booking"].get("sequence", 0),
        cancelled=cancelled,
    )
