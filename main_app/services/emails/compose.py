"""Emails to the people who book, composed from one set of Jinja2 templates (templates/email/: a base layout,
then an HTML and a plain-text template per kind), the HTML's CSS inlined, times in the event's own zone, and a
calendar file where the booking has one. Composition only reads the snapshot it is given: no database, no network.

A snapshot is what the outbox message captured when it was written: {"to": {name, email}} and, for a booking's
mails, "event" {id, title, location, timezone, facilitator}, "session" {id, starts_at, ends_at, instructor {id,
name}}, "studio" {id, name, slug} (a pass's mails too) and "booking" {id, sequence}; cancellations add "reason" and
"by" ("you" or "facilitator"), changes add "changes" [{label, from, to}], reminders and guests' emails
"unsubscribe_url" and "unsubscribe_page" (a marketing email too, with "studio", "subject", "text" and "marketing"
{email_id, client_id}), the password reset "reset_url", a facilitator's message "subject", "text" and "reply_to"
{name, email}.
"""

import random
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.utils import format_datetime, parseaddr
from urllib.parse import quote

import css_inline

from main_app.services.common import BY_VIDEO, qr_png
from main_app.services.languages import N_, format_range, spoken_language

from .calendar_files import BookingEntry, calendar_file, uid_domain
from .mime import MAIL_POLICY, address, one_line, text_part, words
from .shown import in_language
from .subjects import subject_line
from .templates import TEMPLATES


@dataclass(frozen=True)
class Kind:
    """One kind of email: its subject line and the calendar method its attachment carries (None: no attachment)."""

    subject: str
    calendar: str | None = None


KINDS = {
    "welcome": Kind(N_("Welcome to Sessions & Retreats, {name}")),
    "password_reset": Kind(N_("Reset your Sessions & Retreats password")),
    "booking_confirmed": Kind(N_("Booked: {title}, {when}"), "REQUEST"),
    "booking_cancelled": Kind(N_("Cancelled: {title}, {when}"), "CANCEL"),
    "booking_reactivated": Kind(N_("Booked again: {title}, {when}"), "REQUEST"),
    "booking_changed": Kind(N_("Changed: {title}, {when}"), "REQUEST"),  # a subject naming what changed replaces it
    "waitlist_promoted": Kind(N_("A seat came free, it is yours: {title}, {when}"), "REQUEST"),
    "waitlist_ended": Kind(N_("No seat came free: {title}, {when}")),
    "waitlist_joined": Kind(N_("On the waiting list: {title}, {when}")),
    "waitlist_offer": Kind(N_("A seat is offered to you: {title}, {when}")),
    "offer_ended": Kind(N_("Your offer ended, the seat went on: {title}, {when}")),
    "seat_held": Kind(N_("Seat held, pay to keep it: {title}, {when}")),
    "hold_ended": Kind(N_("Your hold ended, the seat went back: {title}, {when}")),
    # A request to book an event that requires approval: to its facilitator, then the person's outcomes.
    "approval_request": Kind(N_("{person} asks to book: {title}, {when}")),
    "approval_granted": Kind(N_("You're in, pay to keep your seat: {title}, {when}")),
    "approval_declined": Kind(N_("Your request was declined: {title}, {when}")),
    "approval_expired": Kind(N_("Your request ended without a decision: {title}, {when}")),
    "approval_waitlisted": Kind(N_("A seat came free, your request is with {studio}: {title}, {when}")),
    "facilitator_message": Kind(N_("{subject} ({title}, {when})")),
    "refund_processed": Kind(N_("Refunded: {title}, {when}")),
    "reminder_24h": Kind(N_("Tomorrow: {title}, {when}")),
    "reminder_2h": Kind(N_("Starting soon: {title}, {when}")),
    "feedback_request": Kind(N_("How was {title}?")),
    # A payment plan's: each instalment's pay link, its reminders and receipt, and the end of a missed balance.
    "instalment_due": Kind(N_("Instalment due: {title}, {when}")),
    "instalment_reminder": Kind(N_("Instalment due soon: {title}, {when}")),
    "instalment_paid": Kind(N_("Instalment paid: {title}, {when}")),
    "balance_missed": Kind(N_("Cancelled, the balance was not paid: {title}, {when}"), "CANCEL"),
    # To someone the booker brought (a guest): their own seat, calendar entry and reminders, managed by the booker. The
    # address is the booker's to type, so none says a word the booker wrote but the guest's own name (not even the
    # booker's), and each carries one-click unsubscribe.
    "guest_confirmed": Kind(N_("A seat was booked for you: {title}, {when}"), "REQUEST"),
    "guest_changed": Kind(N_("Changed: {title}, {when}"), "REQUEST"),
    "guest_cancelled": Kind(N_("Your seat is cancelled: {title}, {when}"), "CANCEL"),
    "guest_reminder": Kind(N_("{lead}: {title}, {when}")),
    "guest_message": Kind(N_("{subject} ({title}, {when})")),  # the facilitator's message to those booked, a guest too
    "guest_feedback": Kind(N_("How was {title}?")),  # a guest who came, asked with their own links as the booker is
    # To someone a facilitator booked in at the door: an account was made for them, and how to set its password.
    "account_made": Kind(N_("Your account on Sessions & Retreats: set a password")),
    # A pass's: its receipt, its last credit, its end coming, a membership's renewal coming (its pre-debit notice).
    "pass_receipt": Kind(N_("Your pass: {pass_name}")),
    "pass_last_credit": Kind(N_("One class left on {pass_name}")),
    "pass_ending": Kind(N_("{pass_name} ends on {pass_ends}")),
    "pass_renewed": Kind(N_("Renewed: {pass_name}")),
    "pass_pre_debit": Kind(N_("Your {pass_name} renews on {renews_on}: {amount}")),
    "pass_renewal_declined": Kind(N_("Your renewal was declined: {pass_name}")),
    "pass_lapsed": Kind(N_("Ended: {pass_name}")),
    # An invitation to join a studio's team, to an address a member typed: a subject with no word that member wrote,
    # but the studio's name, which its owners chose and which tells the invitee whose team it is.
    "studio_invitation": Kind(N_("You're invited to join {studio} on Sessions & Retreats")),
    # An invitation to be a family's second guardian, to an address its guardian typed: the guardian's own name.
    "family_invitation": Kind(N_("{person} invites you to their family on Sessions & Retreats")),
    # A studio's words to a segment of its clients who gave marketing consent: its subject and text as staff wrote
    # them (checked on the way in, escaped in the HTML), the studio's name, and one-click unsubscribe.
    "marketing_email": Kind("{subject}"),
}
# The emails that carry the seat's check-in code and its QR code (a booking that is on).
CHECKIN_KINDS = {
    *("booking_confirmed", "booking_reactivated", "booking_changed", "reminder_24h", "reminder_2h"),
    *("guest_confirmed", "guest_changed", "guest_reminder"),  # a guest's own seat's code
}
REMINDER_KINDS = {"reminder_24h", "reminder_2h"}
# The emails of a booking that is on: an online or hybrid class's carry its join page (never the video link).
JOIN_KINDS = {"booking_confirmed", "booking_reactivated", "booking_changed", *REMINDER_KINDS}
GUEST_JOIN_KINDS = {"guest_confirmed", "guest_changed", "guest_reminder"}
GUEST_KINDS = {
    "guest_confirmed",
    "guest_changed",
    "guest_cancelled",
    "guest_reminder",
    "guest_message",
    "guest_feedback",
}
# The emails a person can stop with one click (RFC 8058): their reminders, every email to a guest's address, and a
# studio's marketing emails.
UNSUBSCRIBE_KINDS = REMINDER_KINDS | GUEST_KINDS | {"marketing_email"}
LEAD_KINDS = {"Tomorrow": "reminder_24h", "Starting soon": "reminder_2h"}  # a guest's reminder's lead (news' LEADS)
INLINER = css_inline.CSSInliner(keep_style_tags=False)


def message_id(outbox_id: str, sender: str) -> str:
    """The Message-ID of the email an outbox message becomes: the same on every retry, so a resend after a lost
    reply is recognisably the same email."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    return f"<{outbox_id}@{domain}>"


def compose(kind: str, snapshot: dict, *, outbox_id: str, sender: str, web_url: str, stamp: datetime) -> Message:
    """The email of this kind for the snapshot an outbox message holds."""
    web_url = web_url.rstrip("/")
    qr = kind in CHECKIN_KINDS and "checkin" in snapshot
    context = _context(kind, snapshot, web_url, f"checkin-{outbox_id}@qr" if qr else None)
    text = TEMPLATES.get_template(f"{kind}.txt").render(context)
    html = INLINER.inline(TEMPLATES.get_template(f"{kind}.html").render(context))
    # Boundaries of our own (random, as the generator's are), so it need not search the text for a free one; they
    # need not be secret, so no system call for randomness either.
    token = f"{random.getrandbits(96):024x}"
    parts = [text_part(text, "plain"), text_part(html, "html")]
    body = MIMEMultipart("alternative", boundary=f"=_alt_{token}", _subparts=parts, policy=MAIL_POLICY)
    if qr:
        body = MIMEMultipart(
            "related", boundary=f"=_rel_{token}", _subparts=[body, _qr_image(snapshot, context)], policy=MAIL_POLICY
        )
        del body.get_payload()[0]["MIME-Version"]
    message = body
    if attachments := _attachments(KINDS[kind], snapshot, context, sender, web_url, stamp):
        message = MIMEMultipart("mixed", boundary=f"=_mix_{token}", _subparts=[body, *attachments], policy=MAIL_POLICY)
        del body["MIME-Version"]  # once, at the top
    _address(message, kind, snapshot, context["subject"], outbox_id=outbox_id, sender=sender, stamp=stamp)
    return message


def _context(kind: str, snapshot: dict, web_url: str, checkin_cid: str | None) -> dict:
    """What the templates of an email of this kind read: the snapshot, its links, when and its subject."""
    context = {**snapshot, **in_language(snapshot), "web_url": web_url, "booking_url": f"{web_url}/bookings"}
    context["when"] = ""
    context["language"] = spoken_language()  # the HTML's lang
    context |= {"checkin_cid": checkin_cid} if checkin_cid else {}
    context.update(_hosts(snapshot, web_url), **_join(kind, snapshot, web_url))
    if "session" in snapshot:
        session, event = snapshot["session"], snapshot["event"]
        starts_at, ends_at = datetime.fromisoformat(session["starts_at"]), datetime.fromisoformat(session["ends_at"])
        context["when"] = format_range(starts_at, ends_at, event["timezone"])
    # A guest's reminder: the booker's reminder's whole sentence, whose lead it carries.
    worded = LEAD_KINDS.get(snapshot.get("lead"), kind)
    context["subject"] = subject_line(KINDS[worded].subject, kind, snapshot, context)
    return context


def _address(message: Message, kind: str, snapshot: dict, subject: str, *, outbox_id: str, sender: str, stamp):
    """The message's headers: subject, who from and to, when, its id, where answers go and how to unsubscribe."""
    message["Subject"] = words(subject)
    message["From"] = address(*parseaddr(sender))
    message["To"] = address(snapshot["to"]["name"], snapshot["to"]["email"])
    message["Date"] = format_datetime(stamp)
    message["Message-ID"] = message_id(outbox_id, sender)
    if reply_to := snapshot.get("reply_to"):  # a staff member's message: answers go to them, under the studio's name
        name = snapshot["studio"]["name"] if "studio" in snapshot else reply_to["name"]
        message["Reply-To"] = address(name, reply_to["email"])
    if kind in UNSUBSCRIBE_KINDS:
        # RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to this address.
        message["List-Unsubscribe"] = f"<{snapshot['unsubscribe_url']}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    else:
        message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation auto-replies to transactional mail


def _join(kind: str, snapshot: dict, web_url: str) -> dict:
    """{"join_url": the booking's join page, or a guest's own} for an email of an online or hybrid class while its
    seat is on, else {}."""
    if "booking" not in snapshot or snapshot["session"].get("mode") not in BY_VIDEO:
        return {}
    if kind in GUEST_JOIN_KINDS and snapshot.get("guest_join"):
        return {"join_url": f"{web_url}/join/guest/{snapshot['guest_join']}"}
    return {"join_url": f"{web_url}/join/{snapshot['booking']['id']}"} if kind in JOIN_KINDS else {}


def _attachments(spec: Kind, snapshot: dict, context: dict, sender: str, web_url: str, stamp: datetime) -> list:
    """The calendar file of a kind that carries one, and the files a completer added when sending (an invoice's
    PDF: read at send time, so the outbox row holds no document)."""
    attached = []
    if spec.calendar:
        ics = calendar_file(
            [_entry(snapshot, context, sender, cancelled=spec.calendar == "CANCEL")],
            method=spec.calendar,
            domain=uid_domain(web_url),
            stamp=stamp,
        )
        attachment = text_part(ics.decode("utf-8"), "calendar", method=spec.calendar)
        attachment.add_header("Content-Disposition", "attachment", filename="booking.ics")
        attached.append(attachment)
    for file in snapshot.get("attachments", ()):
        part = MIMEApplication(file["data"], file["subtype"], policy=MAIL_POLICY)
        part.add_header("Content-Disposition", "attachment", filename=file["filename"])
        del part["MIME-Version"]
        attached.append(part)
    return attached


def _qr_image(snapshot: dict, context: dict) -> MIMEImage:
    """The seat's check-in QR code as a PNG the HTML shows inline (by its Content-ID)."""
    image = MIMEImage(qr_png(snapshot["checkin"]["qr"]), "png", policy=MAIL_POLICY)
    del image["MIME-Version"]
    image.add_header("Content-ID", f"<{context['checkin_cid']}>")
    image.add_header("Content-Disposition", "inline", filename="check-in.png")
    return image


def _hosts(snapshot: dict, web_url: str) -> dict:
    """The studio ({name, url}: its public page) and the instructor an email names; a snapshot written before
    sessions had them names the facilitator for both."""
    studio, facilitator = snapshot.get("studio"), snapshot.get("event", {}).get("facilitator", "")
    if studio is None:
        hosts = {"studio": {"name": facilitator, "url": ""}}
    else:
        slug = studio.get("slug")  # an invitation's studio has none: its page is not the point
        hosts = {"studio": {**studio, "url": f"{web_url}/studios/{quote(slug, safe='')}" if slug else ""}}
    if "session" in snapshot:
        hosts["instructor"] = snapshot["session"].get("instructor") or {"name": facilitator}
    return hosts


def _entry(snapshot: dict, context: dict, sender: str, *, cancelled: bool) -> BookingEntry:
    event, session, studio = snapshot["event"], snapshot["session"], context["studio"]
    url, host = context["booking_url"], None
    if "studio" in snapshot:  # who teaches and where, in the entry's notes
        host = (one_line(context["instructor"]["name"]), one_line(studio["name"]), studio["url"])
    return BookingEntry(
        booking_id=snapshot["booking"]["id"],
        guest_id=snapshot["booking"].get("guest_id"),
        title=event["title"],
        starts_at=datetime.fromisoformat(session["starts_at"]),
        ends_at=datetime.fromisoformat(session["ends_at"]),
        zone=event["timezone"],
        location=event.get("location", ""),
        url=url,
        attendee=(snapshot["to"]["name"], snapshot["to"]["email"]),
        organizer=(one_line(studio["name"]), parseaddr(sender)[1]),
        host=host,
        join_url=None if cancelled else context.get("join_url"),
        sequence=snapshot["booking"].get("sequence", 0),
        cancelled=cancelled,
    )
