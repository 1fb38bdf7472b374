"""The rows of a pass's news: the CRM's (pass_purchased, credit_spent, credit_returned, credit_forfeited,
code_redeemed, pass_renewed, pass_lapsed) and its person's emails (a receipt, a note before a pack's last credit and
before it ends, a renewal's pre-debit notice, a renewal declined)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from main_app.services.common import format_money
from main_app.services.crm import message_row, user_summary
from main_app.services.emails import studio_host

from ...models import PASS_PACK, Pass, User, utcnow
from .facts import PassOwner
from .records import CodeRedeemed, LastCredit, PassLapsed, PassPurchased, PassRenewed, RenewalDeclined
from .words import Word

# How long before a pack ends its person is reminded of it.
ENDING_NOTICE = timedelta(days=7)
CREDIT_KINDS = {"spend": "credit_spent", "return": "credit_returned", "forfeit": "credit_forfeited"}


@dataclass(frozen=True)
class RenewalComing:
    """A membership renews automatically soon: its pre-debit notice (amount and charge_at as the person reads them,
    method: how the renewal is paid, in words; value, charges_at and zone: the same as values, for an email that
    writes them in its person's language)."""

    member: Pass
    user: User
    amount: str
    charge_at: str
    method: str
    value: int | None = None
    charges_at: datetime | None = None
    zone: str = "UTC"


@dataclass(frozen=True)
class CreditChanged:
    """Credits of a pass spent on a booking's seats, given back or kept with it (kind: spend, return or forfeit;
    owner: the pass or its row, with its facilitator_id and studio_id; left: its credits after): the CRM hears."""

    kind: str
    pass_id: int
    user: User
    owner: PassOwner
    credits: int
    booking_id: int
    left: int | None


def crm_row(kind: str, user: User, owner, message: str, data: dict, *, actor: User | None = None):
    """The outbox row of a typed CRM message about a pass or a code (no session: ids at the top level); owner: the
    pass or code (or its row), whose facilitator_id and studio_id it carries. data.user names the person, so the
    client book's row of someone first heard of by it (a membership's subscription) has their name and email."""
    payload = {"timestamp": utcnow().isoformat(), "user_id": user.id, "facilitator_id": owner.facilitator_id}
    payload["studio_id"] = owner.studio_id
    payload |= {"message": message, "data": {"user": user_summary(user), **data}}
    return message_row(kind, payload, actor=actor)


def pass_summary(sold: Pass) -> dict:
    return {
        "pass_id": sold.id,
        "name": sold.name,
        "kind": sold.kind,
        "credits_left": sold.credits_left,
        "valid_until": sold.valid_until.isoformat() if sold.valid_until else None,
    }


def _snapshot(sold: Pass, user: User) -> dict:
    """What a pass's emails show, with the studio whose classes it is good for."""
    return {
        "to": {"name": user.name, "email": user.email, "user_id": user.id},
        "studio": studio_host(sold.studio_id),
        "pass": {
            "name": sold.name,
            "kind": sold.kind,
            "credits": sold.credits,
            "credits_left": sold.credits_left,
            "sessions_per_week": sold.sessions_per_week,
            "valid_until": f"{sold.valid_until:%d %b %Y}" if sold.valid_until else "",
            # The same as an ISO time, for an email that writes it in its person's language ({{ ...|date }}).
            "valid_until_at": sold.valid_until.isoformat() if sold.valid_until else None,
            "valid_on": sold.valid_until.isoformat() if sold.valid_until else "",  # in the person's language
            "renews": sold.renews,
        },
    }


def crm_purchased(news: PassPurchased) -> list[dict]:
    """A pass became good: CRM pass_purchased."""
    sold, user, receipt = news.sold, news.user, news.receipt
    data = {
        **pass_summary(sold),
        "price": sold.price,
        "currency": sold.currency,
        **({"receipt": receipt} if receipt else {}),
    }
    message = f"{user.name} bought {sold.name} ({format_money(sold.price, sold.currency)})"
    return [crm_row("pass_purchased", user, sold, message, data, actor=user)]


def purchased_mail(news: PassPurchased) -> list[Word]:
    """The person's pass_receipt (and, for a pack, pass_ending, due before it ends)."""
    sold, user = news.sold, news.user
    receipt = news.receipt or {"amount": format_money(sold.price, sold.currency)}
    words = [Word("pass_receipt", {**_snapshot(sold, user), "receipt": receipt}, user)]
    if sold.kind == PASS_PACK and sold.valid_until - ENDING_NOTICE > sold.valid_from:
        words.append(Word("pass_ending", _snapshot(sold, user), user, send_at=sold.valid_until - ENDING_NOTICE))
    return words


def crm_credit(news: CreditChanged) -> list[dict]:
    """The CRM row of a credit spent, returned or forfeited on a booking."""
    user, credits = news.user, news.credits
    verb = {"spend": "used", "return": "got back", "forfeit": "forfeited"}[news.kind]
    noun = "credit" if credits == 1 else "credits"
    data = {"pass_id": news.pass_id, "booking_id": news.booking_id, "credits": credits, "credits_left": news.left}
    message = f"{user.name} {verb} {credits} {noun}"
    return [crm_row(CREDIT_KINDS[news.kind], user, news.owner, message, data, actor=user)]


def last_credit(news: LastCredit) -> list[Word]:
    """A pack is down to its last credit: its person hears, with when it ends."""
    return [Word("pass_last_credit", _snapshot(news.sold, news.user), news.user)]


def code_redeemed(news: CodeRedeemed) -> list[dict]:
    """A code's use is spent for good (paid, or nothing was left to pay)."""
    user, code = news.user, news.code
    off = format_money(news.amount_off, news.currency)
    data = {"code": code, "amount_off": news.amount_off, "currency": news.currency, **news.about}
    message = f"{user.name} used {code} ({off} off)"
    return [crm_row("code_redeemed", user, news, message, data, actor=user)]


def crm_renewed(news: PassRenewed) -> list[dict]:
    """A membership ran on a period: CRM pass_renewed."""
    member, user = news.member, news.user
    data = {**pass_summary(member), "amount": news.amount, "currency": member.currency}
    message = f"{user.name}'s {member.name} renewed ({format_money(news.amount, member.currency)})"
    return [crm_row("pass_renewed", user, member, message, data)]


def renewed_mail(news: PassRenewed) -> list[Word]:
    """The person's pass_renewed, with the receipt."""
    receipt = news.receipt or {"amount": format_money(news.amount, news.member.currency)}
    return [Word("pass_renewed", {**_snapshot(news.member, news.user), "receipt": receipt}, news.user)]


def renewal_declined(news: RenewalDeclined) -> list[Word]:
    """A renewal's charge was declined: the person hears until when the membership can still be saved."""
    snapshot = {**_snapshot(news.member, news.user), "lapses_on": f"{news.lapses_at:%d %b %Y}"}
    snapshot["lapses_at"] = news.lapses_at.isoformat()  # for {{ lapses_at|date }} in the person's language
    snapshot |= {"failure": news.failure or "", "approve_url": news.approve_url or ""}
    return [Word("pass_renewal_declined", snapshot, news.user)]


def renewal_coming(news: RenewalComing) -> list[Word]:
    """A membership renews automatically soon: its person's pass_pre_debit."""
    renewal = {"amount": news.amount, "currency": news.member.currency, "charge_at": news.charge_at}
    renewal["method"] = news.method
    if news.value is not None and news.charges_at is not None:
        renewal |= {"value": news.value, "charges_at": news.charges_at.isoformat(), "zone": news.zone}
    return [Word("pass_pre_debit", {**_snapshot(news.member, news.user), "renewal": renewal}, news.user)]


def crm_lapsed(news: PassLapsed) -> list[dict]:
    """A membership lapsed (its renewal was declined): CRM pass_lapsed."""
    member, user = news.member, news.user
    message = f"{user.name}'s {member.name} lapsed: its renewal was declined"
    return [crm_row("pass_lapsed", user, member, message, pass_summary(member))]


def lapsed_mail(news: PassLapsed) -> list[Word]:
    """The person's pass_lapsed."""
    return [Word("pass_lapsed", _snapshot(news.member, news.user), news.user)]
