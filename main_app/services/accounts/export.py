"""A person's own data (GDPR Art. 15 and 20, DPDP Act s. 11), machine-readable: every row of theirs in the main API,
whole (secrets aside), and what the studios' client books hold about them, read from the CRM."""

import base64
from datetime import date, datetime

import requests
from flask import current_app
from sqlalchemy import inspect, select

from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BillingDetails,
    Booking,
    BookingAnswer,
    BookingGuest,
    Checkin,
    Event,
    EventQuestion,
    EventSession,
    Feedback,
    FormSignature,
    Invoice,
    Notification,
    Pass,
    PassLedgerEntry,
    Payment,
    PaymentRefund,
    User,
    WaitlistEntry,
    WhatsappConsent,
    utcnow,
)
from ..family import family_child_ids, family_export

FORMAT = "booking-platform/person-export"
VERSION = 1
SECRETS = {"password_hash", "token_generation", "calendar_version"}  # never given out, even to their owner


def _plain(value):
    return value.isoformat() if isinstance(value, datetime | date) else value


def _row(row, skip=frozenset()) -> dict:
    """Every column of a row, as JSON values, but skip's."""
    return {c.key: _plain(getattr(row, c.key)) for c in inspect(row).mapper.column_attrs if c.key not in skip}


def _rows(model, *where, order=None) -> list[dict]:
    return [_row(row) for row in db.session.scalars(select(model).where(*where).order_by(order or model.id))]


def _bookings(user_id: int) -> list[dict]:
    """Each booking with its event and session's times, guests, answers (with their questions), check-ins,
    payments and refunds."""
    found = []
    query = (
        select(Booking, Event.title, EventSession.starts_at)
        .join(EventSession, EventSession.id == Booking.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(Booking.user_id == user_id)
        .order_by(Booking.id)
    )
    for booking, title, starts_at in db.session.execute(query):
        answers = db.session.execute(
            select(EventQuestion.label, BookingAnswer.value)
            .join(EventQuestion, EventQuestion.id == BookingAnswer.question_id)
            .where(BookingAnswer.booking_id == booking.id)
            .order_by(BookingAnswer.id)
        )
        found.append(
            _row(booking)
            | {"event": title, "starts_at": starts_at.isoformat()}
            | {"guests": _rows(BookingGuest, BookingGuest.booking_id == booking.id)}
            | {"answers": [{"question": label, "answer": value} for label, value in answers]}
            | {"checkins": _rows(Checkin, Checkin.booking_id == booking.id)}
            | {"payments": _payments(Payment.booking_id == booking.id)}
        )
    return found


def _payments(*where) -> list[dict]:
    return [
        _row(payment) | {"refunds": _rows(PaymentRefund, PaymentRefund.payment_id == payment.id)}
        for payment in db.session.scalars(select(Payment).where(*where).order_by(Payment.id))
    ]


def _passes(user_id: int) -> list[dict]:
    return [
        _row(sold)
        | {"ledger": _rows(PassLedgerEntry, PassLedgerEntry.pass_id == sold.id)}
        | {"payments": _payments(Payment.pass_id == sold.id)}
        for sold in db.session.scalars(select(Pass).where(Pass.user_id == user_id).order_by(Pass.id))
    ]


def crm_data(user_id: int, children: list[int] = ()) -> dict:
    """What the CRM holds about the person (GET /api/service/people/<id>, the service token) and about the children
    on their family (?child=); 503 crm_unavailable when it gives no usable answer: an export is whole or not given."""
    config = current_app.config
    url = f"{config['CRM_BASE_URL'].rstrip('/')}/api/service/people/{user_id}"
    headers = {"Authorization": f"Bearer {config['CRM_AUTH_TOKEN']}", "Accept": "application/json"}
    with requests.Session() as session:
        session.trust_env = False  # no proxy or ~/.netrc from the environment in front of the service token
        try:
            asked = {"headers": headers, "params": {"child": list(children)}, "allow_redirects": False}
            answer = session.get(url, timeout=config["CRM_TIMEOUT"], **asked)
            found = answer.json() if answer.status_code == 200 else None
        except (requests.RequestException, ValueError):
            found = None
    if not isinstance(found, dict) or not isinstance(found.get("clients"), list):
        raise api_error("crm_unavailable.reading", reason="no usable answer")
    return found


def _signatures(user_id: int) -> list[dict]:
    """The forms the person signed, each whole, its drawn signature as the PNG data URL it came as."""
    rows = db.session.scalars(select(FormSignature).where(FormSignature.user_id == user_id).order_by(FormSignature.id))
    return [
        {
            **_row(row, {"signature_png"}),
            "signature": "data:image/png;base64," + base64.b64encode(row.signature_png).decode(),
        }
        for row in rows
    ]


def person_export(user: User) -> dict:
    """The person's whole export: their rows here, and the client books' (the CRM's) about them, asked first with
    no transaction open (a network call never holds one)."""
    user_id = user.id
    db.session.rollback()
    client_books = crm_data(user_id, family_child_ids(user_id))
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utcnow().isoformat(),
        "account": _row(db.session.get(User, user_id), SECRETS),
        "billing_details": _rows(BillingDetails, BillingDetails.user_id == user_id),
        "bookings": _bookings(user_id),
        "passes": _passes(user_id),
        "invoices": _rows(Invoice, Invoice.user_id == user_id),
        "feedback": _rows(Feedback, Feedback.user_id == user_id),
        "notifications": _rows(Notification, Notification.user_id == user_id),
        "waiting_lists": _rows(WaitlistEntry, WaitlistEntry.user_id == user_id),
        "whatsapp_consents": _rows(WhatsappConsent, WhatsappConsent.user_id == user_id),
        "form_signatures": _signatures(user_id),
        "family": family_export(user_id),  # the children on it, with the consent recorded for each
        "client_books": client_books,
    }
