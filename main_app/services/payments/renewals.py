"""Memberships renewing each period: a payments-lane message due at the period's end charges the next period on the
provider (deliver, outside any transaction), then extends the pass once (a conditional UPDATE on the period it was
written for). A declined charge lets the membership lapse after a grace period (a timers-lane message); stopping
renewal drops the charge to come, and money charged after all (the stop raced it) goes back."""

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from main_app.delivery import not_out
from main_app.services.invoices import issue_invoice
from main_app.services.passes import locked_pass, own_pass, pass_document, pass_ends
from main_app.services.studios import with_tax

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    LEDGER_RENEWAL,
    OUTBOX_PENDING,
    PASS_ACTIVE,
    PASS_LAPSED,
    PASS_MEMBERSHIP,
    PAYMENT_SUCCEEDED,
    OutboxMessage,
    Pass,
    PassLedgerEntry,
    PassProduct,
    Payment,
    User,
    utcnow,
)
from .. import news, timers
from .jobs import EndSubscription, RenewalCharge, queue
from .pre_debit import schedule_notice
from .providers.base import Charge
from .records import receipt
from .refunds import request_refund

LAPSE = timers.RenewalLapse.KIND
GRACE = timedelta(days=3)  # a declined renewal: the membership lapses this long after its period ended


def schedule(
    member: Pass,
    provider_name: str | None,
    payment_id: str | None,
    amount: int | None = None,
    tax: dict | None = None,
    *,
    account: int | None,
) -> None:
    """A membership was made good or renewed (in the caller's unit of work): its next charge, due at its period's
    end, for the product's price when it was bought (a code's discount is for the first period), through the
    account that holds its saved payment (a studio's own, or None: the install's). None for one its provider renews
    itself (a subscription); either way, the pre-debit notice before it."""
    if member.kind != PASS_MEMBERSHIP or not member.renews:
        return
    tax = tax or member.tax  # the rate its price was quoted at, with the amount it fixed
    if amount is None:
        amount = with_tax(member.studio_id, db.session.get(PassProduct, member.product_id).price, tax)
    schedule_notice(member, amount)
    if member.subscription_id:
        return
    queue(
        RenewalCharge(
            pass_id=member.id,
            period_end=member.valid_until,
            amount=amount,
            tax=tax,
            currency=member.currency,
            provider=provider_name,
            account=account,
            payment_id=payment_id,
        )
    )


def carried_over(members) -> None:
    """Renewing memberships a studio move brought (in the caller's unit of work): their renewal messages and their
    holders' cards stayed behind, so each lapses when its period ends (its holder told) and is bought again here;
    one a provider's subscription renews runs on as its provider says."""
    for member in members:
        if member.kind != PASS_MEMBERSHIP or not member.renews or member.subscription_id:
            continue
        if member.status != PASS_ACTIVE or member.valid_until is None:
            continue
        period_end = member.valid_until
        timers.schedule(timers.RenewalLapse(pass_id=member.id, period_end=period_end, due=period_end))


@retry_on_deadlock
def stop(user: User, pass_id: int) -> dict:
    """Stop a membership's renewal: it stays good to its period's end. 404 for another's, 409 not_renewing."""
    member = own_pass(user, pass_id)
    with unit_of_work():
        stopped = db.session.execute(
            update(Pass)
            .where(Pass.id == member.id, Pass.status == PASS_ACTIVE, Pass.renews.is_(True))
            .values(renews=False)
            .execution_options(synchronize_session=False)
        )
        if stopped.rowcount != 1:
            raise api_error("not_renewing")
        end_subscription(*provider_of(member), member.subscription_id, at_period_end=True)
        db.session.execute(
            delete(OutboxMessage)
            .where(
                OutboxMessage.id == RenewalCharge.row_id_of(member.id, member.valid_until),
                OutboxMessage.status == OUTBOX_PENDING,
                not_out(),  # a charge under way finds renewal stopped and its money goes back
            )
            .execution_options(synchronize_session=False)
        )
    return pass_document(db.session.get(Pass, pass_id, populate_existing=True))


def charged(job: RenewalCharge, charge: Charge) -> None:
    """The next period's charge came back (dispatcher, in its unit of work): the pass runs on a period, or (declined)
    lapses after the grace period; money for a period it no longer renews for goes back."""
    member = locked_pass(job.pass_id)
    period_end = job.period_end
    if charge.status != "succeeded":
        _declined(member, period_end, charge.failure, charge.approve_url)
        return
    payment = _record(member, job, charge) if charge.payment_id else None
    renewing = member.status == PASS_ACTIVE and member.renews and member.valid_until == period_end
    if not renewing:
        if payment is not None:
            request_refund(payment, "This membership no longer renews: the charge goes back.")
        return
    new_end = pass_ends(member, period_end)
    db.session.execute(
        update(Pass)
        .where(Pass.id == member.id, Pass.valid_until == period_end)
        .values(valid_until=new_end)
        .execution_options(synchronize_session=False)
    )
    db.session.add(PassLedgerEntry(pass_id=member.id, kind=LEDGER_RENEWAL, credits=0, created_at=utcnow()))
    db.session.refresh(member)
    user = db.session.get(User, member.user_id)
    news.publish(news.PassRenewed(member, user, receipt(payment) if payment else None, job.amount))
    schedule(member, job.provider, job.payment_id, job.amount, job.tax, account=job.account)


def _record(member: Pass, job: RenewalCharge, charge: Charge) -> Payment:
    """The renewal's money, recorded like any payment (so it can be refunded and shows in the totals)."""
    now = utcnow()
    payment = Payment(
        pass_id=member.id,
        provider=job.provider,
        account_id=job.account,
        reference=job.reference or f"renewal-{member.id}-{job.period_end:%Y%m%d%H%M%S}",
        checkout_url="",
        status=PAYMENT_SUCCEEDED,
        amount=job.amount,
        tax=job.tax or member.tax,
        currency=job.currency,
        expires_at=now,
        created_at=now,
        payment_id=charge.payment_id,
        paid_at=now,
    )
    db.session.add(payment)
    db.session.flush()
    issue_invoice(payment)
    return payment


def _declined(member: Pass, period_end: datetime, failure: str | None, approve_url: str | None = None) -> None:
    """The renewal was declined: its person hears (with where to approve it, when it waits for their approval), and
    the membership lapses after the grace period."""
    if member.status != PASS_ACTIVE or member.valid_until != period_end:
        return
    lapsing = timers.RenewalLapse(pass_id=member.id, period_end=period_end, due=period_end + GRACE)
    if db.session.get(OutboxMessage, lapsing.row_id()) is not None:
        return  # declined again (a provider retrying the charge): the lapse is set, the person told
    user = db.session.get(User, member.user_id)
    news.publish(news.RenewalDeclined(member, user, lapsing.due, failure, approve_url))
    timers.schedule(lapsing)


def lapse(job: timers.RenewalLapse) -> None:
    """The grace period of a declined renewal ended (dispatcher, in its unit of work): the membership lapses, unless
    it ran on meanwhile."""
    member = locked_pass(job.pass_id)
    if member is None or member.status != PASS_ACTIVE or member.valid_until != job.period_end:
        return
    member.status, member.ended_at = PASS_LAPSED, utcnow()
    end_subscription(*provider_of(member), member.subscription_id, at_period_end=False)
    news.publish(news.PassLapsed(member, db.session.get(User, member.user_id)))


def end_subscription(
    provider_name: str, account: int | None, subscription_id: str | None, *, at_period_end: bool
) -> None:
    """Ask the provider, through the payments lane (never inside a request), to stop charging a membership's
    subscription: now, or from its period's end. Nothing for a membership renewed by our own messages."""
    if not subscription_id:
        return
    queue(
        EndSubscription(
            subscription_id=subscription_id, provider=provider_name, account=account, at_period_end=at_period_end
        )
    )


def provider_of(member: Pass) -> tuple[str | None, int | None]:
    """The provider and account that took a membership's first payment (the one holding its subscription)."""
    paid_by = select(Payment.provider, Payment.account_id).where(Payment.pass_id == member.id).order_by(Payment.id)
    return tuple(db.session.execute(paid_by.limit(1)).first() or (None, None))


def dead(job: RenewalCharge, error: str) -> None:
    """The provider would not charge at all (a renewal it can't make): as declined."""
    charged(job, Charge("declined", failure=error[:500]))
