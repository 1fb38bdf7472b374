"""Pre-debit notices: RBI's e-mandate framework asks that a person hear of each automatic charge at least 24 hours
before it is taken. Every membership that renews (by our own renewal charge or by its provider's subscription) gets
a timers-lane job due PRE_DEBIT_NOTICE_HOURS before its period ends, written once per period, that tells its person
the amount, the date, how it is paid and how to stop it, unless renewal stopped or the period changed meanwhile."""

import hashlib
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from main_app.services.common import format_money, local_time
from main_app.services.languages import N_
from main_app.services.passes import locked_pass

from ...extensions import db
from ...models import PASS_ACTIVE, PASS_MEMBERSHIP, Pass, Payment, Studio, User, utcnow
from .. import news, timers

NOTICE = timers.PreDebitNotice.KIND
LEAST = timedelta(hours=24)  # the rule's minimum: a notice any later is not sent at all
# How each provider takes a renewal, in the person's words; one unknown here is "your saved payment method".
METHODS = {
    "razorpay": N_("UPI AutoPay or card mandate (Razorpay)"),
    "stripe": N_("the card on file (Stripe)"),
    "test": N_("the card on file (test payments)"),
}
SAVED_METHOD = N_("your saved payment method")


def notice_id(pass_id: int, period_end: datetime) -> str:
    """One notice per pass and period, as renewals' messages are: a period told twice is written once."""
    return hashlib.sha256(f"{NOTICE}:{pass_id}:{period_end.isoformat()}".encode()).hexdigest()[:32]


def schedule_notice(member: Pass, amount: int) -> None:
    """A renewing membership's period was set (in the caller's unit of work): its notice, due PRE_DEBIT_NOTICE_HOURS
    before the period's end, or at once when that is past but 24 hours are still left; none with less left."""
    if member.kind != PASS_MEMBERSHIP or not member.renews or member.valid_until is None or amount <= 0:
        return
    now, charge_at = utcnow(), member.valid_until
    if charge_at - now < LEAST:
        return
    ahead = timedelta(hours=current_app.config["PRE_DEBIT_NOTICE_HOURS"])
    due = max(charge_at - ahead, now)
    timers.schedule(timers.PreDebitNotice(pass_id=member.id, period_end=charge_at, amount=amount, due=due))


def send_notice(notice: timers.PreDebitNotice) -> None:
    """A notice came due (dispatcher, in its unit of work, the pass locked): its person hears, if the membership is
    still active, still renews, and still ends its period where the notice was written for."""
    member, period_end = locked_pass(notice.pass_id), notice.period_end
    if member is None or member.status != PASS_ACTIVE or not member.renews or member.valid_until != period_end:
        return
    studio = db.session.get(Studio, member.studio_id)
    zone = (studio.timezone if studio is not None else None) or member.timezone or "UTC"
    news.publish(
        news.RenewalComing(
            member,
            db.session.get(User, member.user_id),
            amount=format_money(notice.amount, member.currency),
            charge_at=local_time(period_end, zone),
            method=METHODS.get(_provider(member), SAVED_METHOD),
            value=notice.amount,
            charges_at=period_end,
            zone=zone,
        )
    )


def _provider(member: Pass) -> str | None:
    """The provider of the membership's first payment: the one holding its mandate or card."""
    first = select(Payment.provider).where(Payment.pass_id == member.id).order_by(Payment.id).limit(1)
    return db.session.scalar(first)
