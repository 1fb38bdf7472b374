"""Discount codes: what a studio's staff make and retire (on the seed routes, a facilitator: those they made), and
what a code takes off a price of the studio's (read before the transaction that uses it, so a bad code is a 400 that
names it and writes nothing). A code is the studio's: good for its classes and passes, whoever teaches or made them."""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from main_app.plumbing import lock
from main_app.services import studios
from main_app.services.passes import pass_own_events as own_events
from main_app.services.studios import Staff, as_staff
from service_kit.errors import Conflict, ValidationFailed

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    APPLIES_BOTH,
    CODE_ACTIVE,
    CODE_RETIRED,
    DiscountCode,
    utcnow,
)


@dataclass(frozen=True)
class Quote:
    """What a code takes off a price: the code's id and text, the price, the discount and what is left to pay."""

    code_id: int
    code: str
    price: int
    amount_off: int
    amount_due: int
    currency: str


def normalized(code: str) -> str:
    """Codes are case-insensitive: stored and compared in upper case."""
    return code.strip().upper()


def bad_code(code: str, why: str) -> ValidationFailed:
    """The 400 of a code that cannot be used here, naming it."""
    problem = f"The code {code.strip()!r} {why}."
    return ValidationFailed(f"Invalid input: code: {problem}", details={"code": [problem]})


def quote(code: str, studio_id: int, price: int, currency: str, *, use: str, event_id: int | None = None) -> Quote:
    """What code takes off price for a booking (use "bookings", of event_id) or a pass (use "passes") of this
    studio's: 400 naming the code when it is unknown here (another studio's too), not yet or no longer valid, or not
    for this."""
    found = db.session.scalar(
        select(DiscountCode).where(DiscountCode.studio_id == studio_id, DiscountCode.code == normalized(code))
    )
    now = utcnow()
    if found is None or found.status != CODE_ACTIVE:
        raise bad_code(code, "does not exist")
    if found.valid_from is not None and found.valid_from > now:
        raise bad_code(code, "is not valid yet")
    if found.valid_until is not None and found.valid_until <= now:
        raise bad_code(code, "has expired")
    if found.applies_to not in (APPLIES_BOTH, use):
        raise bad_code(code, f"is not for {use}")
    if use == "bookings" and found.event_ids is not None and event_id not in found.event_ids:
        raise bad_code(code, "is not for this event")
    if found.max_uses is not None and found.uses >= found.max_uses:
        raise api_error("code_used_up", code=code.strip())
    if found.amount_off is not None and found.currency != currency:
        raise bad_code(code, f"is in {found.currency}, this price in {currency}")
    off = price * found.percent_off // 100 if found.percent_off is not None else min(found.amount_off, price)
    return Quote(found.id, found.code, price, off, price - off, currency)


def document(found: DiscountCode) -> dict:
    """A code as the staff routes show it."""
    return {
        "id": found.id,
        "code": found.code,
        "percent_off": found.percent_off,
        "amount_off": found.amount_off,
        "currency": found.currency,
        "max_uses": found.max_uses,
        "max_uses_per_person": found.max_uses_per_person,
        "uses": found.uses,
        "valid_from": _iso(found.valid_from),
        "valid_until": _iso(found.valid_until),
        "applies_to": found.applies_to,
        "event_ids": found.event_ids,
        "status": found.status,
        "created_at": found.created_at.isoformat(),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _obj(found: DiscountCode) -> tuple[str, int]:
    return ("discount_code", found.id)


def _taken(_exc: IntegrityError) -> Conflict:
    return api_error("code_exists")


@retry_on_deadlock
def create_code(staff: Staff, data: dict) -> dict:
    """Make a code in staff's studio (made by them): 201's document; 409 code_exists for a name the studio has taken
    whatever its case; 400 naming event_ids not the studio's."""
    staff = as_staff(staff)
    event_ids = own_events(staff, data.get("event_ids")) or None
    amount = data.get("amount_off")
    found = DiscountCode(
        facilitator_id=staff.id,
        code=normalized(data["code"]),
        percent_off=data.get("percent_off"),
        amount_off=amount,
        currency=(data.get("currency") or current_app.config["DEFAULT_CURRENCY"]) if amount else None,
        max_uses=data.get("max_uses"),
        max_uses_per_person=data.get("max_uses_per_person"),
        uses=0,
        valid_from=data.get("valid_from"),
        valid_until=data.get("valid_until"),
        applies_to=data.get("applies_to", APPLIES_BOTH),
        event_ids=event_ids,
        status=CODE_ACTIVE,
        created_at=utcnow(),
    )
    with unit_of_work(on_integrity_error=_taken):
        found.studio_id = studios.workplace(staff)
        db.session.add(found)
        db.session.flush()
        made = document(found)
        after = {name: value for name, value in made.items() if name not in ("id", "uses", "status", "created_at")}
        studios.record(found.studio_id, staff.actor(), "discount_code.created", _obj(found), None, after)
    return made


def list_codes(staff: Staff) -> list[dict]:
    """The codes staff manage, newest first, with their uses."""
    found = db.session.scalars(
        select(DiscountCode).where(as_staff(staff).owns(DiscountCode)).order_by(DiscountCode.id.desc())
    )
    return [document(code) for code in found]


@retry_on_deadlock
def retire_code(staff: Staff, code_id: int) -> dict:
    """Stop a code (uses held for unpaid checkouts stay until they end); 404 for another's, 409 code_retired."""
    with unit_of_work():
        found = lock(
            DiscountCode,
            select(DiscountCode).where(DiscountCode.id == code_id).execution_options(populate_existing=True),
        ).scalar_one_or_none()
        if found is None or not as_staff(staff).owns_row(found):
            raise api_error("code_not_found", code_id=code_id)
        if found.status == CODE_RETIRED:
            raise api_error("code_retired")
        found.status = CODE_RETIRED
        status = {"status": CODE_ACTIVE, "uses": found.uses}, {"status": CODE_RETIRED}
        studios.record(found.studio_id, as_staff(staff).actor(), "discount_code.retired", _obj(found), *status)
    return document(found)


def _terms(found: DiscountCode) -> dict:
    """What a studio changes on a live code, as the audit log keeps it."""
    return {"max_uses": found.max_uses, "valid_until": _iso(found.valid_until), "status": found.status}


@retry_on_deadlock
def update_code(staff: Staff, code_id: int, data: dict) -> dict:
    """Change a live code's max_uses, valid_until or active (retired or active again), with an audit entry of before
    and after; 404 for another's, 400 for an end before its start, 409 max_uses_below_uses (a conditional update:
    a use taken meanwhile counts)."""
    staff = as_staff(staff)
    with unit_of_work():
        found = lock(
            DiscountCode,
            select(DiscountCode).where(DiscountCode.id == code_id).execution_options(populate_existing=True),
        ).scalar_one_or_none()
        if found is None or not staff.owns_row(found):
            raise api_error("code_not_found", code_id=code_id)
        before = _terms(found)
        if "max_uses" in data:
            _limit_uses(found, data["max_uses"])
        if "valid_until" in data:
            ends = data["valid_until"]
            if ends is not None and found.valid_from is not None and ends <= found.valid_from:
                problem = "It must end after it starts."
                raise ValidationFailed(f"Invalid input: valid_until: {problem}", details={"valid_until": [problem]})
            found.valid_until = ends
        if "active" in data:
            found.status = CODE_ACTIVE if data["active"] else CODE_RETIRED
        after = _terms(found)
        if after != before:
            studios.record(found.studio_id, staff.actor(), "discount_code.changed", _obj(found), before, after)
    return document(found)


def _limit_uses(found: DiscountCode, max_uses: int | None) -> None:
    """Set the code's max uses, never below the uses it has (held or redeemed) when the update runs."""
    query = update(DiscountCode).where(DiscountCode.id == found.id).values(max_uses=max_uses)
    if max_uses is not None:
        query = query.where(DiscountCode.uses <= max_uses)
    if db.session.execute(query.execution_options(synchronize_session=False)).rowcount != 1:
        raise api_error("max_uses_below_uses", uses=found.uses, details={"uses": found.uses})
    db.session.refresh(found)
