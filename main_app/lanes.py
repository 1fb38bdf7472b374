"""The composition root of delivery: the one place that knows the six lanes, builds their dispatchers and the table
of timed jobs."""

import logging
from collections.abc import Mapping

from .delivery.dispatcher import Dispatcher
from .delivery.outcomes import Lane
from .delivery.retention import Pruner
from .delivery.wakeup import SharedWakeup, make_waiter
from .extensions import db
from .models import CHANNEL_APP, CHANNEL_CRM, CHANNEL_EMAIL, CHANNEL_PAYMENTS, CHANNEL_SMS, CHANNEL_TIMERS
from .services import studios
from .services.bookings import approval_requests
from .services.checkin import attendance
from .services.crm.lane import CRMLane
from .services.emails import attendee_mail, guest_limits
from .services.emails.compose import GUEST_KINDS
from .services.emails.lane import EmailDelivery
from .services.intake import answers
from .services.notices.lane import NoticeDelivery
from .services.payments import balance, checkout, instalments, pass_checkout, renewals
from .services.payments.lane import PaymentsDelivery
from .services.seats import offers
from .services.seats.holds import APPROVAL_EXPIRY, HOLD_EXPIRY
from .services.seats.promotion import OFFER_EXPIRY
from .services.texts.lane import TextDelivery
from .services.timers.lane import Timer, TimersDelivery

log = logging.getLogger(__name__)


def timers() -> dict[str, Timer]:
    """Every kind of timed job (its outbox row's type) with what runs it when due: the timers lane's one table."""
    table = {
        HOLD_EXPIRY: Timer(lambda payload: checkout.expire_hold(payload["booking_id"]), booking_key="booking_id"),
        APPROVAL_EXPIRY: Timer(approval_requests.expire, booking_key="booking_id"),
        OFFER_EXPIRY: Timer(
            lambda payload: offers.expire(payload["offer_entry_id"]),
            sessions=lambda payloads: offers.sessions_of([payload["offer_entry_id"] for payload in payloads]),
        ),
        attendance.CLOSE: Timer(attendance.close, session_key="close_session"),
        answers.PURGE: Timer(answers.purge),
        pass_checkout.PASS_CHECKOUT_END: Timer(
            lambda payload: pass_checkout.checkout_ended(payload["pass_checkout"]), pass_key="pass_checkout"
        ),
        renewals.LAPSE: Timer(renewals.lapse, pass_key="lapse_pass"),
    }
    table.update(dict.fromkeys(instalments.MESSAGE_TYPES, Timer(balance.step, booking_key="booking_id")))
    return table


CHANNELS = (CHANNEL_CRM, CHANNEL_EMAIL, CHANNEL_PAYMENTS, CHANNEL_SMS, CHANNEL_APP, CHANNEL_TIMERS)


def build_dispatcher(config: Mapping, *, listen: bool = False, channel: str = CHANNEL_CRM) -> Dispatcher:
    """A dispatcher for one channel configured from an app's config; listen=True also opens its wake-up channel."""
    if channel == CHANNEL_EMAIL:
        completers = {
            "password_reset": attendee_mail.complete_password_reset,
            "account_made": attendee_mail.complete_account_made,
            "studio_invitation": studios.complete_invitation,
        }
        completers.update(dict.fromkeys(GUEST_KINDS, guest_limits.complete))
        client, schedule = EmailDelivery.from_config(config, completers), config["MAIL_RETRY_SCHEDULE"]
    elif channel == CHANNEL_SMS:
        client, schedule = TextDelivery.from_config(config), config["SMS_RETRY_SCHEDULE"]
    elif channel == CHANNEL_APP:
        client, schedule = NoticeDelivery.from_config(config), config["MAIL_RETRY_SCHEDULE"]
    elif channel == CHANNEL_PAYMENTS:
        client, schedule = PaymentsDelivery.from_config(config), config["PAYMENT_RETRY_SCHEDULE"]
    elif channel == CHANNEL_TIMERS:  # the payments lane's schedule, which ran these jobs before they had a lane
        client, schedule = TimersDelivery(timers()), config["PAYMENT_RETRY_SCHEDULE"]
    else:
        client, schedule = CRMLane.from_config(config), config["CRM_RETRY_SCHEDULE"]
    if 2 * client.longest_send > config["DISPATCH_LEASE_SECONDS"]:  # the probe always goes: it could outlive its claim
        log.warning("%s lane: DISPATCH_LEASE_SECONDS is under twice its longest send: a slow one may go twice", channel)
    dispatcher = Dispatcher(
        client,
        channel=channel,
        schedule=schedule,
        batch_size=config["DISPATCH_BATCH_SIZE"],
        lease_seconds=config["DISPATCH_LEASE_SECONDS"],
        poll_interval=config["DISPATCH_POLL_INTERVAL"],
        max_probe_interval=config["DISPATCH_MAX_PROBE_INTERVAL"],
        concurrency=config["DISPATCH_CONCURRENCY"],
        when_idle=Pruner(channel, config["OUTBOX_RETENTION_DAYS"]),
    )
    if listen:
        dispatcher.waiter.close()
        dispatcher.waiter = make_waiter(config, db.engine)
    return dispatcher


def build_lanes(config: Mapping, *, listen: bool = False) -> tuple[list[Dispatcher], SharedWakeup | None]:
    """One dispatcher per channel; with listen=True they share this process's one wake-up channel."""
    lanes = [build_dispatcher(config, channel=channel) for channel in CHANNELS]
    if not listen:
        return lanes, None
    shared = SharedWakeup(make_waiter(config, db.engine), config["DISPATCH_POLL_INTERVAL"])
    for lane in lanes:
        lane.waiter.close()
        lane.waiter = shared.lane()
    return lanes, shared


def build_probes(config: Mapping, channels=CHANNELS) -> dict[str, Lane]:
    """The lanes' clients with short timeouts, so a hanging CRM or SMTP server cannot stall the operators' page."""
    probes = {}
    if CHANNEL_CRM in channels:
        probes[CHANNEL_CRM] = CRMLane.from_config(config, health_timeout=min(2.0, config["CRM_HEALTH_TIMEOUT"]))
    if CHANNEL_EMAIL in channels:
        probes[CHANNEL_EMAIL] = EmailDelivery.from_config({**config, "MAIL_TIMEOUT": min(2.0, config["MAIL_TIMEOUT"])})
    if CHANNEL_PAYMENTS in channels:
        probes[CHANNEL_PAYMENTS] = PaymentsDelivery.from_config(config)
    if CHANNEL_SMS in channels:
        probes[CHANNEL_SMS] = TextDelivery.from_config(config)
    if CHANNEL_APP in channels:
        probes[CHANNEL_APP] = NoticeDelivery.from_config(config)
    if CHANNEL_TIMERS in channels:
        probes[CHANNEL_TIMERS] = TimersDelivery(timers())
    return probes
