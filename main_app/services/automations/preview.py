"""Before an automation is switched on: who would enter it now (a calendar trigger's finds, not yet in it) or, for a
trigger heard in the news, who its news reached in the last 30 days; and who is in it, page by page."""

from datetime import timedelta

from sqlalchemy import func, select

from ...extensions import db
from ...models import (
    BOOKING_CANCELLED,
    PASS_ACTIVE,
    PASS_LAPSED,
    PASS_PACK,
    Automation,
    AutomationEntry,
    Booking,
    Checkin,
    Event,
    EventSession,
    FormSignature,
    Pass,
    PassProduct,
    User,
    utcnow,
)
from .definitions import CALENDAR_TRIGGERS
from .sweeps import candidates

SHOWN = 20
LOOK_BACK = timedelta(days=30)
WHOLE = 100_000  # the most a preview counts


def preview(automation: Automation) -> dict:
    """{count, people (the first SHOWN: user id and name), window}."""
    now = utcnow()
    if automation.trigger in CALENDAR_TRIGGERS:
        found = candidates(automation, now, limit=WHOLE)
        inside = _inside(automation.id, [user_id for user_id, _occurrence in found])
        ids = [user_id for user_id, occurrence in found if (user_id, occurrence) not in inside]
        window = "now"
    else:
        ids = list(db.session.scalars(_heard(automation, now - LOOK_BACK).limit(WHOLE)))
        window = "last_30_days"
    ids = list(dict.fromkeys(ids))
    names = {row.id: row.name for row in db.session.execute(select(User.id, User.name).where(User.id.in_(ids[:SHOWN])))}
    people = [{"user_id": user_id, "name": names.get(user_id, "")} for user_id in ids[:SHOWN]]
    return {"count": len(ids), "people": people, "window": window}


def _inside(automation_id: int, user_ids: list[int]) -> set[tuple]:
    if not user_ids:
        return set()
    found = select(AutomationEntry.user_id, AutomationEntry.occurrence).where(
        AutomationEntry.automation_id == automation_id, AutomationEntry.user_id.in_(user_ids)
    )
    return {tuple(row) for row in db.session.execute(found)}


def _heard(automation: Automation, since):
    """The people whose news since then the trigger would have heard, by user id."""
    studio_id, trigger = automation.studio_id, automation.trigger
    if trigger in ("booking_made", "booking_cancelled", "first_visit"):
        query = select(Booking.user_id).distinct().join(EventSession).join(Event).where(Event.studio_id == studio_id)
        if trigger == "booking_made":
            return query.where(Booking.created_at > since)
        if trigger == "booking_cancelled":
            return query.where(Booking.status == BOOKING_CANCELLED, Booking.cancelled_at > since)
        first = select(Booking.user_id).join(Checkin, Checkin.booking_id == Booking.id).join(EventSession).join(Event)
        first = first.where(Event.studio_id == studio_id).group_by(Booking.user_id)
        return first.having(func.min(Checkin.checked_in_at) > since)
    if trigger == "form_signed":
        signed = (FormSignature.studio_id == studio_id, FormSignature.signed_at > since)
        return select(FormSignature.user_id).distinct().where(*signed)
    passes = select(Pass.user_id).distinct().where(Pass.studio_id == studio_id)
    if trigger == "intro_offer_bought":
        intro = passes.join(PassProduct, PassProduct.id == Pass.product_id)
        return intro.where(PassProduct.new_customers_only.is_(True), Pass.created_at > since)
    if trigger == "pass_running_low":
        return passes.where(Pass.kind == PASS_PACK, Pass.status == PASS_ACTIVE, Pass.credits_left == 1)
    return passes.where(Pass.status == PASS_LAPSED, Pass.ended_at > since)  # renewal_failed: lapsed since


def entries(automation: Automation, state: str | None, page: int, per_page: int) -> dict:
    """The people in it (newest first), of one state or all, a page at a time."""
    where = [AutomationEntry.automation_id == automation.id]
    if state:
        where.append(AutomationEntry.state == state)
    total = db.session.scalar(select(func.count()).select_from(AutomationEntry).where(*where))
    rows = db.session.execute(
        select(AutomationEntry, User.name)
        .join(User, User.id == AutomationEntry.user_id)
        .where(*where)
        .order_by(AutomationEntry.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    items = [_entry(entry, name) for entry, name in rows]
    return {"items": items, "page": page, "per_page": per_page, "total": total, "pages": -(-total // per_page)}


def _entry(entry: AutomationEntry, name: str) -> dict:
    return {
        "id": entry.id,
        "person": {"id": entry.user_id, "name": name},
        "state": entry.state,
        "step": entry.step,
        "due_at": entry.due_at,
        "entered_at": entry.entered_at,
        "finished_at": entry.finished_at,
        "left_because": entry.left_because,
    }
