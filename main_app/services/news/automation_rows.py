"""The news a studio's automations hear (news.channels' table): a person's booking made or cancelled, a visit, an
intro offer bought, a pack's last credit, a renewal declined, a form signed. For each automation of the studio that
is on and listens for it, the timers lane's job that enters the person (written with the news, in its
transaction); the automations are read once a transaction, and only for news one could hear."""

from dataclasses import dataclass

from sqlalchemy import select

from main_app.services import timers

from ...extensions import db
from ...models import BOOKING_ACTIVE, CHANNEL_CRM, Automation
from .records import Booked, Cancelled, CheckedIn, LastCredit, PassPurchased, Promoted, RenewalDeclined

KEPT = "automations_listening"  # the session's info key of the automations its transaction read


@dataclass(frozen=True)
class FormSigned:
    """A person signed one of a studio's forms (the automations hear it; nobody is told)."""

    studio_id: int
    user_id: int
    signature_id: int


def heard(record) -> tuple[str, int, str, int | None] | None:
    """(trigger, person, occurrence, studio when the record says it) of news an automation may hear, else None."""
    kind = type(record)
    if kind is Booked or (kind is Promoted and record.booking.status == BOOKING_ACTIVE):
        return "booking_made", record.user.id, f"booking:{record.booking.id}", record.event.studio_id
    if kind is Cancelled:
        return "booking_cancelled", record.user.id, f"booking:{record.booking.id}", None
    if kind is CheckedIn:
        return "first_visit", record.booker.id, "first", None
    if kind is PassPurchased:
        return "intro_offer_bought", record.user.id, f"pass:{record.sold.id}", record.sold.studio_id
    if kind is LastCredit:
        return "pass_running_low", record.user.id, f"pass:{record.sold.id}", record.sold.studio_id
    if kind is RenewalDeclined:
        occurrence = f"pass:{record.member.id}:{record.lapses_at.date().isoformat()}"
        return "renewal_failed", record.user.id, occurrence, record.member.studio_id
    if kind is FormSigned:
        return "form_signed", record.user_id, f"signature:{record.signature_id}", record.studio_id
    return None


def automation_rows(record, written: list[dict]) -> list[dict]:
    """The enter jobs of the automations listening for this news: none (and no query) for news none could hear."""
    found = heard(record)
    if found is None:
        return []
    trigger, user_id, occurrence, studio_id = found
    studio_id = studio_id or _studio_of(written)
    if studio_id is None:
        return []
    return [
        timers.row_of(timers.AutomationEnter(automation_id=automation_id, user_id=user_id, occurrence=occurrence))
        for automation_id, listens in _listening(studio_id)
        if listens == trigger
    ]


def _studio_of(written: list[dict]) -> int | None:
    """The studio the news is of, as its CRM messages say."""
    for row in written:
        if row["channel"] == CHANNEL_CRM and row["payload"].get("studio_id"):
            return row["payload"]["studio_id"]
    return None


def _listening(studio_id: int) -> list[tuple[int, str]]:
    """The studio's automations that are on (id, trigger), read once a transaction per studio."""
    transaction = db.session().get_transaction()
    kept = db.session.info.get(KEPT)
    if kept is None or kept[0] is not transaction:
        kept = db.session.info[KEPT] = (transaction, {})
    if studio_id not in kept[1]:
        kept[1][studio_id] = db.session.execute(
            select(Automation.id, Automation.trigger).where(
                Automation.studio_id == studio_id, Automation.active.is_(True)
            )
        ).all()
    return kept[1][studio_id]
