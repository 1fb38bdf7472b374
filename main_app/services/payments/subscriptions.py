"""Memberships a provider renews itself (Stripe's subscriptions): its webhooks for a later period run the pass on or
let it lapse, as our own renewals do (renewals.end_subscription stops the charges)."""

import logging

from sqlalchemy import select, update

from main_app.services.passes import locked_pass

from ...extensions import db
from ...models import Pass, Payment
from . import renewals
from .jobs import RenewalCharge
from .providers import base as events
from .providers.base import Charge, PaymentEvent

log = logging.getLogger(__name__)


def applied(provider_name: str, event: PaymentEvent, account: int | None = None) -> str:
    """A subscription's later period was charged or declined, or the provider ended it (inside the webhook's unit of
    work): "applied", or "ignored" for a subscription of no pass of ours (or of another account's) or an invoice
    recorded already."""
    member = _member(event)
    if member is not None and renewals.provider_of(member) != (provider_name, account):
        member = None
    if member is None:
        log.warning("%s webhook %s names no membership of ours", provider_name, event.event_id)
        return "ignored"
    if event.kind == events.SUBSCRIPTION_ENDED:
        db.session.execute(
            update(Pass)
            .where(Pass.id == member.id, Pass.renews.is_(True))
            .values(renews=False)
            .execution_options(synchronize_session=False)
        )
        return "applied"
    if event.kind == events.RENEWAL_PAID and _recorded(provider_name, event.reference):
        return "ignored"  # the same invoice told again under another event id: its money is recorded
    renewal = RenewalCharge(
        pass_id=member.id,
        period_end=member.valid_until,
        amount=event.amount,
        tax=None,
        currency=event.currency,
        provider=provider_name,
        account=account,
        payment_id=event.payment_id,
        reference=event.reference,
    )
    if event.kind == events.RENEWAL_PAID:
        renewals.charged(renewal, Charge("succeeded", payment_id=event.payment_id))
    else:
        renewals.charged(renewal, Charge("declined", failure=event.failure, approve_url=event.approve_url))
    return "applied"


def _member(event: PaymentEvent) -> Pass | None:
    """The membership the event is about, locked: the pass its metadata names, made for this very subscription."""
    pass_id = event.pass_id
    if pass_id is None:
        pass_id = db.session.scalar(select(Pass.id).where(Pass.subscription_id == event.subscription_id))
    member = locked_pass(pass_id) if pass_id is not None else None
    if member is None or member.subscription_id != event.subscription_id or member.valid_until is None:
        return None
    return member


def _recorded(provider_name: str, reference: str | None) -> bool:
    found = select(Payment.id).where(Payment.provider == provider_name, Payment.reference == (reference or ""))
    return db.session.scalar(found.limit(1)) is not None
