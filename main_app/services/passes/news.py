"""Who hears of a pass: the CRM (pass_purchased, credit_spent, credit_returned, credit_forfeited, code_redeemed) and
its person (a receipt, an email before a pack's last credit and before it ends), in the caller's transaction."""

from datetime import datetime, timedelta

from ...extensions import db
from ...models import PASS_PACK, OutboxMessage, Pass, User, utcnow
from ..common.money import format_money
from ..crm.messages import message_row
from ..emails.attendee_mail import enqueue_email

# How long before a pack ends its person is reminded of it.
ENDING_NOTICE = timedelta(days=7)
CREDIT_KINDS = {"spend": "credit_spent", "return": "credit_returned", "forfeit": "credit_forfeited"}


def crm_row(kind: str, user: User, facilitator_id: int, message: str, data: dict, *, actor: User | None = None):
    """The outbox row of a typed CRM message about a pass or a code (no session: ids at the top level)."""
    payload = {"timestamp": utcnow().isoformat(), "user_id": user.id, "facilitator_id": facilitator_id}
    payload |= {"message": message, "data": data}
    return message_row(kind, payload, actor=actor)


def _summary(sold: Pass) -> dict:
    return {
        "pass_id": sold.id,
        "name": sold.name,
        "kind": sold.kind,
        "credits_left": sold.credits_left,
        "valid_until": sold.valid_until.isoformat() if sold.valid_until else None,
    }


def _snapshot(sold: Pass, user: User) -> dict:
    """What a pass's emails show."""
    return {
        "to": {"name": user.name, "email": user.email, "user_id": user.id},
        "pass": {
            "name": sold.name,
            "kind": sold.kind,
            "credits": sold.credits,
            "credits_left": sold.credits_left,
            "sessions_per_week": sold.sessions_per_week,
            "valid_until": f"{sold.valid_until:%d %b %Y}" if sold.valid_until else "",
            "renews": sold.renews,
        },
    }


def purchased(sold: Pass, user: User, receipt: dict | None) -> None:
    """A pass became good: the CRM hears, the person gets its receipt (and, for a pack, a note before it ends)."""
    price = format_money(sold.price, sold.currency)
    data = {
        **_summary(sold),
        "price": sold.price,
        "currency": sold.currency,
        **({"receipt": receipt} if receipt else {}),
    }
    db.session.add(
        OutboxMessage(
            **crm_row(
                "pass_purchased",
                user,
                sold.facilitator_id,
                f"{user.name} bought {sold.name} ({price})",
                data,
                actor=user,
            )
        )
    )
    enqueue_email("pass_receipt", {**_snapshot(sold, user), "receipt": receipt or {"amount": price}})
    if sold.kind == PASS_PACK and sold.valid_until - ENDING_NOTICE > sold.valid_from:
        enqueue_email("pass_ending", _snapshot(sold, user), send_at=sold.valid_until - ENDING_NOTICE)


def credit_row(kind: str, sold_id: int, user: User, facilitator_id: int, credits: int, booking_id: int, left):
    """The CRM row of a credit spent, returned or forfeited on a booking."""
    verb = {"spend": "used", "return": "got back", "forfeit": "forfeited"}[kind]
    noun = "credit" if credits == 1 else "credits"
    data = {"pass_id": sold_id, "booking_id": booking_id, "credits": credits, "credits_left": left}
    return crm_row(CREDIT_KINDS[kind], user, facilitator_id, f"{user.name} {verb} {credits} {noun}", data, actor=user)


def last_credit(sold: Pass, user: User) -> None:
    """A pack is down to its last credit: its person hears, with when it ends."""
    enqueue_email("pass_last_credit", _snapshot(sold, user))


def code_redeemed(user: User, facilitator_id: int, code: str, amount_off: int, currency: str, about: dict) -> None:
    """A code's use is spent for good (paid, or nothing was left to pay)."""
    off = format_money(amount_off, currency)
    data = {"code": code, "amount_off": amount_off, "currency": currency, **about}
    db.session.add(
        OutboxMessage(
            **crm_row("code_redeemed", user, facilitator_id, f"{user.name} used {code} ({off} off)", data, actor=user)
        )
    )


def renewed(member: Pass, user: User, receipt: dict | None, amount: int) -> None:
    """A membership ran on a period: the CRM hears, the person gets the receipt."""
    price = format_money(amount, member.currency)
    data = {**_summary(member), "amount": amount, "currency": member.currency}
    message = f"{user.name}'s {member.name} renewed ({price})"
    db.session.add(OutboxMessage(**crm_row("pass_renewed", user, member.facilitator_id, message, data)))
    enqueue_email("pass_renewed", {**_snapshot(member, user), "receipt": receipt or {"amount": price}})


def renewal_declined(member: Pass, user: User, lapses_at: datetime, failure: str | None) -> None:
    """A renewal's charge was declined: the person hears until when the membership can still be saved."""
    snapshot = {**_snapshot(member, user), "lapses_on": f"{lapses_at:%d %b %Y}", "failure": failure or ""}
    enqueue_email("pass_renewal_declined", snapshot)


def lapsed(member: Pass, user: User) -> None:
    """A membership lapsed (its renewal was declined): the CRM and the person hear."""
    message = f"{user.name}'s {member.name} lapsed: its renewal was declined"
    db.session.add(OutboxMessage(**crm_row("pass_lapsed", user, member.facilitator_id, message, _summary(member))))
    enqueue_email("pass_lapsed", _snapshot(member, user))
