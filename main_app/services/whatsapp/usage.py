"""A studio's WhatsApp usage by month: each message the lane hands to Meta counts as sent in its studio's month, by
what it is priced as (a template's category, or "service" for a free-form reply), in one upsert in the commit that
records the delivery; a status whose pricing says billable false counts the message as not billable. The outbox's
rows are pruned, so the counts are kept in their own table (whatsapp_usage)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from ...extensions import db
from ...models import WHATSAPP_CATEGORIES, Studio, StudioWhatsapp, WhatsappUsage
from .templates import TEMPLATES, template_for

TABLE = WhatsappUsage.__table__
FIGURES = ("sent", "not_billable")
REPLY = "whatsapp_reply"  # the lane's free-form text: priced as service (the person's window is open)
ANSWER = "whatsapp_answer"  # staff's free-form answer: service too, in the month of the studio that answered


def _upsert(insert):
    statement = insert(TABLE)
    added = {name: TABLE.c[name] + statement.excluded[name] for name in FIGURES}
    return statement.on_conflict_do_update(index_elements=["studio_id", "month", "category"], set_=added)


UPSERT = {"postgresql": _upsert(postgresql.insert), "sqlite": _upsert(sqlite.insert)}


def category_of(payload: dict) -> str | None:
    """What a message of this outbox payload is priced as; None for one no template carries."""
    if payload.get("kind") in (REPLY, ANSWER):
        return "service"
    snapshot = payload.get("snapshot") if isinstance(payload.get("snapshot"), dict) else {}
    name = template_for(str(payload.get("kind")), snapshot)
    return TEMPLATES[name]["category"].lower() if name else None


def studio_of(payload: dict, numbers: dict[str, int]) -> int | None:
    """The studio a message is counted for: the studio of its news, or for a reply the studio whose own number it
    went through (numbers: each studio's own number's id); None for the install's number's replies and news without
    a studio (not any studio's cost)."""
    if payload.get("kind") == ANSWER:
        return payload.get("studio_id") if isinstance(payload.get("studio_id"), int) else None
    if payload.get("kind") == REPLY:
        return numbers.get(str(payload.get("business_number_id")))
    studio = (payload.get("snapshot") or {}).get("studio")
    found = studio.get("id") if isinstance(studio, dict) else None
    return found if isinstance(found, int) else None


def count(payloads: list[dict], moment: datetime, figure: str) -> None:
    """Add one to figure (sent or not_billable) for each message, in its studio's month of moment (in the caller's
    transaction); a message of no studio or no category is not counted."""
    keys: dict[tuple, int] = {}
    numbers = _studio_numbers({str(p.get("business_number_id")) for p in payloads if p.get("kind") == REPLY})
    for payload in payloads:
        studio_id, category = studio_of(payload, numbers), category_of(payload)
        if studio_id is not None and category in WHATSAPP_CATEGORIES:
            keys[(studio_id, category)] = keys.get((studio_id, category), 0) + 1
    zones = _zones({studio_id for studio_id, _category in keys})
    for (studio_id, category), many in sorted(keys.items()):  # one order of keys: no deadlock between two senders
        if studio_id in zones:
            values = {"studio_id": studio_id, "month": month_of(moment, zones[studio_id]), "category": category}
            figures = dict.fromkeys(FIGURES, 0) | {figure: many}
            db.session.execute(UPSERT[db.engine.dialect.name].values(**values, **figures))


def _studio_numbers(number_ids: set[str]) -> dict[str, int]:
    """The studio of each of these numbers that is a studio's own (one query, none for no reply)."""
    if not number_ids:
        return {}
    query = select(StudioWhatsapp.phone_number_id, StudioWhatsapp.studio_id)
    return dict(db.session.execute(query.where(StudioWhatsapp.phone_number_id.in_(number_ids))).all())


def _zones(studio_ids: set[int]) -> dict[int, str]:
    if not studio_ids:
        return {}
    return dict(db.session.execute(select(Studio.id, Studio.timezone).where(Studio.id.in_(studio_ids))).all())


def month_of(moment: datetime, timezone: str) -> date:
    """The first day of the month a moment falls in on the studio's calendar."""
    return moment.astimezone(ZoneInfo(timezone)).date().replace(day=1)


def monthly_usage(studio_id: int, month: date) -> dict:
    """The studio's WhatsApp messages of a month: sent, not billable and billable for each category, and in all."""
    rows = db.session.execute(
        select(WhatsappUsage.category, WhatsappUsage.sent, WhatsappUsage.not_billable).where(
            WhatsappUsage.studio_id == studio_id, WhatsappUsage.month == month
        )
    ).all()
    found = {row.category: {"sent": row.sent, "not_billable": row.not_billable} for row in rows}
    categories = {c: found.get(c, {"sent": 0, "not_billable": 0}) for c in WHATSAPP_CATEGORIES}
    for figures in categories.values():
        figures["billable"] = max(0, figures["sent"] - figures["not_billable"])  # a status before its send's commit
    total = {
        name: sum(figures[name] for figures in categories.values()) for name in ("sent", "not_billable", "billable")
    }
    return {"month": month.strftime("%Y-%m"), "categories": categories, "total": total}
