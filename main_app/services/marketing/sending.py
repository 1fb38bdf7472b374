"""Sending a studio's words to a segment of its client book: the CRM says who is in it and gave consent, the main API
leaves out whoever unsubscribed since, counts the studio's daily cap, and writes the campaign's row and one email row
per address in one transaction (the email lane sends each exactly once; a bad address goes dead alone)."""

import re
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import func, select

from main_app.delivery import insert_rows
from main_app.plumbing import lock
from main_app.services import crm, emails, studios
from main_app.services.common import marketing_token

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import MarketingEmail, MarketingOptOut, Studio, utcnow
from .opt_outs import unsubscribe_links

DAY = timedelta(days=1)
REPEAT_WINDOW = timedelta(minutes=10)  # the same words to the same segment again this soon: a double submit
# One address, as a mail header may carry it: no spaces, controls or angle brackets, one @ with a dot after it.
ADDRESS = re.compile(r"[^\s<>@\x00-\x1f\x7f]+@[^\s<>@\x00-\x1f\x7f]+\.[^\s<>@\x00-\x1f\x7f]+")


def send_to_segment(staff, segment_id: int, words: dict, *, dry_run: bool, config: Mapping) -> dict:
    """The segment's consenting clients, one email each; dry_run only counts them. 409 no_recipients when none is
    left, daily_cap_reached past MARKETING_EMAILS_PER_DAY, already_sent for the same words again at once."""
    studio, cap = staff.studio, config["MARKETING_EMAILS_PER_DAY"]
    opted_out = db.session.scalar(select(func.count(MarketingOptOut.id)).where(MarketingOptOut.studio_id == studio.id))
    found = crm.segment_recipients(config, studio.id, segment_id, limit=cap + opted_out, timezone=studio.timezone)
    chosen, left_out = _chosen(studio.id, found.recipients)
    unread = max(found.total - len(found.recipients), 0)  # more than the cap could take: counted, never sent
    outline = {
        "segment": {"id": found.segment_id, "name": found.segment_name},
        "recipients": len(chosen) + unread,
        "left_out": left_out,
    }
    if dry_run:
        return {**outline, "cap": _cap(studio.id, cap)}
    if not chosen:
        raise api_error("no_recipients.segment")
    sent = _write(staff, found, chosen, words, cap, unread)
    done = {"id": sent.id, "subject": sent.subject, "created_at": sent.created_at}
    return {**outline, **done, "cap": _cap(studio.id, cap)}


def _write(staff, found, chosen: list, words: dict, cap: int, unread: int) -> MarketingEmail:
    """The send's row, one email row per recipient and the audit entry, in one transaction, under the studio's lock
    (one send of a studio's at a time, so the cap and the repeat check hold)."""
    studio = staff.studio
    with unit_of_work():
        lock(Studio, [studio.id])
        _refuse_repeat(studio.id, found.segment_id, words)
        counted = _cap(studio.id, cap)
        if unread or len(chosen) > counted["left"]:
            raise api_error("daily_cap_reached", per_day=cap, left=counted["left"], details=counted)
        sent = MarketingEmail(
            studio_id=studio.id,
            segment_id=found.segment_id,
            segment_name=found.segment_name[:100],
            subject=words["subject"],
            text=words["text"],
            sent_by=staff.id,
            recipients=len(chosen),
        )
        db.session.add(sent)
        db.session.flush()
        insert_rows([_email_row(studio, sent, recipient) for recipient in chosen])
        after = {"segment_id": found.segment_id, "subject": words["subject"], "recipients": len(chosen)}
        studios.record(studio.id, staff.actor(), "marketing_email.sent", ("marketing_email", sent.id), None, after)
    return sent


def _chosen(studio_id: int, recipients: list) -> tuple[list, int]:
    """The recipients to write to: one per address (lower case), with a usable address, and not unsubscribed since
    their consent was given; (them, how many were left out)."""
    clicks = _opt_outs(studio_id, recipients)
    chosen, seen = [], set()
    for recipient in recipients:
        address = recipient.email.strip().lower()
        if address in seen or not ADDRESS.fullmatch(address) or len(address) > 254:
            continue
        since = recipient.consent_at
        stopped = clicks.get(("c", recipient.client_id), []) + clicks.get(("a", address), [])
        if any(since is None or at >= since for at in stopped):
            continue
        seen.add(address)
        chosen.append(recipient)
    return chosen, len(recipients) - len(chosen)


def _opt_outs(studio_id: int, recipients: list) -> dict[tuple, list[datetime]]:
    """When each of these clients and addresses clicked unsubscribe in this studio: {("c", id) or ("a", address)}."""
    if not recipients:
        return {}
    ids = {r.client_id for r in recipients}
    addresses = {r.email.strip().lower() for r in recipients}
    rows = db.session.execute(
        select(MarketingOptOut.client_id, MarketingOptOut.address, MarketingOptOut.created_at).where(
            MarketingOptOut.studio_id == studio_id,
            MarketingOptOut.client_id.in_(ids) | MarketingOptOut.address.in_(addresses),
        )
    )
    found: dict[tuple, list[datetime]] = {}
    for client_id, address, at in rows:
        found.setdefault(("c", client_id), []).append(at)
        found.setdefault(("a", address), []).append(at)
    return found


def _cap(studio_id: int, per_day: int) -> dict:
    """The studio's marketing emails in the last 24 hours against its cap."""
    used = db.session.scalar(
        select(func.coalesce(func.sum(MarketingEmail.recipients), 0)).where(
            MarketingEmail.studio_id == studio_id, MarketingEmail.created_at > utcnow() - DAY
        )
    )
    return {"per_day": per_day, "used": used, "left": max(per_day - used, 0)}


def _refuse_repeat(studio_id: int, segment_id: int, words: dict) -> None:
    """409 already_sent when the same words went to the same segment a moment ago (a second click on Send)."""
    again = db.session.scalar(
        select(MarketingEmail.id).where(
            MarketingEmail.studio_id == studio_id,
            MarketingEmail.segment_id == segment_id,
            MarketingEmail.subject == words["subject"],
            MarketingEmail.text == words["text"],
            MarketingEmail.created_at > utcnow() - REPEAT_WINDOW,
        )
    )
    if again is not None:
        raise api_error("already_sent", email_id=again, details={"email_id": again})


def _email_row(studio, sent: MarketingEmail, recipient) -> dict:
    """The outbox row of one client's email: the words, the studio, the client's own unsubscribe links."""
    token = marketing_token(studio.id, recipient.client_id, sent.id, recipient.email.strip().lower())
    snapshot = {
        "to": {"name": recipient.name, "email": recipient.email.strip()},
        "studio": {"id": studio.id, "name": studio.name, "slug": studio.slug},
        "subject": sent.subject,
        "text": sent.text,
        "marketing": {"email_id": sent.id, "client_id": recipient.client_id},
        **unsubscribe_links(token),
    }
    row = emails.email_row("marketing_email", snapshot)
    row["payload"]["studio_id"] = studio.id  # the studio's own delivery view lists it, dead letters and retries too
    return row
