"""The forms a booking needs signed: the studio's required before a first booking, and those its event names, each
in the version people sign now (an older version's signature does not count); what a person still has to sign,
the 409 that refuses their booking until they have, and which forms an event names.

The gate only reads, in one statement before the booking's transaction: publishing and signing serialise on the
form's row (plumbing.locks), a version's signatures only ever grow, and publishing reads no booking, so a booking
whose read came before a new version is ordered before it (and stays, as bookings already made do), and one after it
needs the new version signed. The form's row is not held through the booking: a booking's WhatsApp opt-in locks
the account's row, which the lock order puts before it."""

from sqlalchemy import delete, exists, insert, or_, select

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import Event, EventRequiredForm, EventSession, FormDocument, FormSignature, FormVersion, Studio
from ..languages import gettext
from .errors import invalid
from .signing import signed_by


def _is_required(event_id):
    """Whether a form (FormDocument's row) is one a booking of the event (an id, or a column naming it) needs."""
    named = exists().where(EventRequiredForm.event_id == event_id, EventRequiredForm.document_id == FormDocument.id)
    return or_(FormDocument.required_before_first_booking.is_(True), named)


def _required(studio_id: int, event_id: int | None):
    """The published forms of the studio a booking of the event needs signed."""
    return (
        select(FormDocument.id, FormDocument.current_version_id, FormVersion.title, FormVersion.number)
        .join(FormVersion, FormVersion.id == FormDocument.current_version_id)
        .where(FormDocument.studio_id == studio_id, _is_required(event_id))
        .order_by(FormDocument.id)
    )


def missing_forms(studio_id: int, event_id: int | None, user_ids: list[int], children=False) -> dict[int, list[dict]]:
    """For each person (children: for each child of a family, by dependent id), the forms a booking of the event
    needs that they have not signed in their current version (a guardian for the child): {id: [{document_id, title,
    version}]} (an empty list for someone with all signed). A guardian's signature for a child is not their own."""
    required = db.session.execute(_required(studio_id, event_id)).all()
    found: dict[int, list[dict]] = {user_id: [] for user_id in user_ids}
    if not required or not user_ids:
        return found
    signer = FormSignature.dependent_id if children else FormSignature.user_id
    whose = () if children else (FormSignature.dependent_id.is_(None),)
    signed = set(
        db.session.execute(
            select(signer, FormSignature.version_id).where(
                signer.in_(user_ids), FormSignature.version_id.in_([row.current_version_id for row in required]), *whose
            )
        ).all()
    )
    for user_id in user_ids:
        found[user_id] = [
            {"document_id": row.id, "title": row.title, "version": row.number}
            for row in required
            if (user_id, row.current_version_id) not in signed
        ]
    return found


def require_signed(user_id: int, session_id: int, dependent_id: int | None = None) -> None:
    """Before a person books the session (or joins its line), for themself or for the child dependent_id of their
    family: 409 form_signature_required listing each form still to sign (details.forms: id, title, version), by
    them, or by a guardian for the child; nothing when none, or when there is no such session (the booking answers
    that). One statement, the busiest write's only addition."""
    current = FormSignature.version_id == FormDocument.current_version_id
    signed = exists().where(*signed_by(user_id, dependent_id), current)
    unsigned = (
        select(FormDocument.id, FormVersion.title, FormVersion.number)
        .select_from(EventSession)
        .join(Event, Event.id == EventSession.event_id)
        .join(FormDocument, FormDocument.studio_id == Event.studio_id)
        .join(FormVersion, FormVersion.id == FormDocument.current_version_id)
        .where(EventSession.id == session_id, _is_required(Event.id), ~signed)
        .order_by(FormDocument.id)
    )
    if rows := db.session.execute(unsigned).all():
        forms = [{"id": row.id, "title": row.title, "version": row.number} for row in rows]
        raise api_error("form_signature_required", details={"forms": forms})


def _studio_event(studio: Studio, event_id: int) -> Event:
    """The studio's event; 404 event_not_found otherwise (another studio's looks like none)."""
    event = db.session.get(Event, event_id)
    if event is None or event.studio_id != studio.id:
        raise api_error("event_not_found", event_id=event_id)
    return event


def event_forms(studio: Studio, event_id: int) -> list[int]:
    """The ids of the forms the studio's event names as required, lowest first."""
    _studio_event(studio, event_id)
    return list(
        db.session.scalars(
            select(EventRequiredForm.document_id)
            .where(EventRequiredForm.event_id == event_id)
            .order_by(EventRequiredForm.document_id)
        )
    )


def set_event_forms(studio: Studio, event_id: int, form_ids: list[int]) -> list[int]:
    """Name these of the studio's forms (and only these) as required by its event's bookings; 400 naming form_ids for
    one that is not the studio's. Bookings already made stay."""
    wanted = sorted(set(form_ids))
    with unit_of_work():
        _studio_event(studio, event_id)
        known = set(
            db.session.scalars(
                select(FormDocument.id).where(FormDocument.studio_id == studio.id, FormDocument.id.in_(wanted))
            )
        )
        if unknown := [str(form_id) for form_id in wanted if form_id not in known]:
            raise invalid("form_ids", gettext("No such form: %(ids)s.", ids=", ".join(unknown)))
        db.session.execute(delete(EventRequiredForm).where(EventRequiredForm.event_id == event_id))
        if wanted:
            rows = [{"event_id": event_id, "document_id": form_id} for form_id in wanted]
            db.session.execute(insert(EventRequiredForm), rows)
    return wanted
