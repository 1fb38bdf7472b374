"""The composition root of delivery: the one place that knows the eight lanes, builds their dispatchers and the table
of timed"""

import logging
from collections.abc import Mapping
from operator import attrgetter

from main_app.delivery import Dispatcher, Lane, Pruner, SharedWakeup, make_waiter
from main_app.services.bookings import expire_approval_request
from main_app.services.checkin import close_attendance
from main_app.services.crm import CRMLane
from main_app.services.emails import (
    GUEST_KINDS,
    EmailDelivery,
    complete_account_made,
    complete_guest_email,
    complete_password_reset,
)
from main_app.services.exports import book_reader as export_book_reader
from main_app.services.exports import run_step as run_export_step
from main_app.services.imports import run_step as run_import_step
from main_app.services.imports import run_studio_step as run_studio_import_step
from main_app.services.imports import studio_step_dead
from main_app.services.intake import purge_answers
from main_app.services.invoices import with_credit_note, with_invoice
from main_app.services.news import fall_back
from main_app.services.notices import NoticeDelivery
from main_app.services.payments import (
    PaymentsDelivery,
    balance_step,
    checkout_ended,
    expire_hold,
    lapse_renewal,
    send_pre_debit_notice,
)
from main_app.services.seats import expire_offer, lock_sessions_of, offer_sessions_of
from main_app.services.texts import TextDelivery
from main_app.services.timers import (
    AnswersPurge,
    ApprovalExpiry,
    CalendarSync,
    ClientImportStep,
    ExportStep,
    HoldExpiry,
    InstalmentTimer,
    OfferExpiry,
    PassCheckoutEnd,
    PreDebitNotice,
    RenewalLapse,
    SessionClose,
    StudioImportStep,
    Timer,
    TimersDelivery,
)
from main_app.services.webhooks import WebhookLane
from main_app.services.whatsapp import WhatsAppDelivery

from .extensions import db
from .models import (
    CHANNEL_APP,
    CHANNEL_CRM,
    CHANNEL_EMAIL,
    CHANNEL_PAYMENTS,
    CHANNEL_SMS,
    CHANNEL_TIMERS,
    CHANNEL_WEBHOOKS,
    CHANNEL_WHATSAPP,
)
from .plumbing import AnswerPruner
from .services import automations, calendar_sync, family, marketing, reports, studios

log = logging.getLogger(__name__)


def timers(config: Mapping) -> dict[str, Timer]:
    """Every kind of timed job (its outbox row's type) with its job's class and what runs it when due: the timers
    lane's one table."""
    booking, pass_ = attrgetter("booking_id"), attrgetter("pass_id")
    every = [
        Timer(HoldExpiry, lambda job: expire_hold(job.booking_id), booking=booking),
        Timer(ApprovalExpiry, expire_approval_request, booking=booking),
        Timer(
            OfferExpiry,
            lambda job: expire_offer(job.entry_id),
            sessions=lambda offers: offer_sessions_of([job.entry_id for job in offers]),
        ),
        Timer(SessionClose, close_attendance, session=attrgetter("session_id")),
        Timer(AnswersPurge, purge_answers),
        Timer(PassCheckoutEnd, checkout_ended, pass_=pass_),
        Timer(RenewalLapse, lapse_renewal, pass_=pass_),
        Timer(PreDebitNotice, send_pre_debit_notice, pass_=pass_),
        # Reads rows (and the CRM's client book, first, outside the transaction) and writes files: it changes no seat,
        # pass or booking.
        Timer(ExportStep, run_export_step, fetch=export_book_reader(config)),
        Timer(ClientImportStep, run_import_step),  # makes accounts and new passes only: it locks no existing row
        # Writes new rows of an empty studio (it locks none); a step the database refuses every time undoes it all.
        Timer(StudioImportStep, run_studio_import_step, dead=studio_step_dead),
        # Reads a teacher's calendar and writes theirs to it (the network, in fetch); stores the busy times it read
        # under the teacher's account row, locked first as a private's booking locks it.
        Timer(
            CalendarSync,
            calendar_sync.run,
            fetch=calendar_sync.fetch,
            prepare=calendar_sync.prepare,
            user=attrgetter("user_id"),
        ),
    ]
    table = {timer.job.KIND: timer for timer in every + automations.timers_of(config)}
    table.update(dict.fromkeys(InstalmentTimer.KINDS, Timer(InstalmentTimer, balance_step, booking=booking)))
    return table


def timers_lane(config: Mapping) -> TimersDelivery:
    """The timers lane with its table, locking the sessions its jobs change in the seats' lock order."""
    return TimersDelivery(timers(config), lambda bookings, sessions: lock_sessions_of(bookings, also_sessions=sessions))


# Emails that carry a payment's receipt: its invoice's PDF goes with them.
RECEIPT_KINDS = ("booking_confirmed", "instalment_paid", "pass_receipt", "pass_renewed")
CHANNELS = (
    CHANNEL_CRM,
    CHANNEL_EMAIL,
    CHANNEL_PAYMENTS,
    CHANNEL_SMS,
    CHANNEL_WHATSAPP,
    CHANNEL_APP,
    CHANNEL_TIMERS,
    CHANNEL_WEBHOOKS,
)


def _housekeeping(channel: str, config: Mapping):
    """A lane's work between rounds: retention; on the timers lane, the reports' tallies and client days, and the
    answers kept for Idempotency-Keys a day old, too."""
    pruner = Pruner(channel, config["OUTBOX_RETENTION_DAYS"])
    if channel != CHANNEL_TIMERS:
        return pruner
    tallier, answer_pruner = reports.Tallier(also=reports.count_clients), AnswerPruner()
    return lambda: pruner() + tallier() + answer_pruner()


def _email_completers() -> dict:
    """What each kind of email needs added when it is sent: a link's token, a guest's details, a document's PDF."""
    completers = {
        "password_reset": complete_password_reset,
        "account_made": complete_account_made,
        "studio_invitation": studios.complete_invitation,
        "family_invitation": family.complete_invitation,
        "marketing_email": marketing.complete_marketing_email,
        "refund_processed": with_credit_note,
    }
    completers.update(dict.fromkeys(GUEST_KINDS, complete_guest_email))
    return completers | dict.fromkeys(RECEIPT_KINDS, with_invoice)


def build_dispatcher(config: Mapping, *, listen: bool = False, channel: str = CHANNEL_CRM) -> Dispatcher:
    """A dispatcher for one channel configured from an app's config; listen=True also opens its wake-up channel."""
    if channel == CHANNEL_EMAIL:
        client, schedule = EmailDelivery.from_config(config, _email_completers()), config["MAIL_RETRY_SCHEDULE"]
    elif channel == CHANNEL_SMS:
        client, schedule = TextDelivery.from_config(config), config["SMS_RETRY_SCHEDULE"]
    elif channel == CHANNEL_WHATSAPP:
        client, schedule = WhatsAppDelivery.from_config(config, fall_back), config["WHATSAPP_RETRY_SCHEDULE"]
    elif channel == CHANNEL_APP:
        client, schedule = NoticeDelivery.from_config(config), config["MAIL_RETRY_SCHEDULE"]
    elif channel == CHANNEL_PAYMENTS:
        client, schedule = PaymentsDelivery.from_config(config), config["PAYMENT_RETRY_SCHEDULE"]
    elif channel == CHANNEL_WEBHOOKS:
        client, schedule = WebhookLane.from_config(config), config["WEBHOOK_RETRY_SCHEDULE"]
    elif channel == CHANNEL_TIMERS:  # the payments lane's schedule, which ran these jobs before they had a lane
        client, schedule = timers_lane(config), config["PAYMENT_RETRY_SCHEDULE"]
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
        # The timers lane runs chains of steps (an import's), each queued by the last: a gather would slow each one.
        gather=0.0 if channel == CHANNEL_TIMERS else config["DISPATCH_GATHER_SECONDS"],
        max_probe_interval=config["DISPATCH_MAX_PROBE_INTERVAL"],
        concurrency=config["DISPATCH_CONCURRENCY"],
        when_idle=_housekeeping(channel, config),
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
        lane.waiter = shared.lane(lane.channel)
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
    if CHANNEL_WHATSAPP in channels:
        probes[CHANNEL_WHATSAPP] = WhatsAppDelivery.from_config(config)
    if CHANNEL_APP in channels:
        probes[CHANNEL_APP] = NoticeDelivery.from_config(config)
    if CHANNEL_TIMERS in channels:
        probes[CHANNEL_TIMERS] = timers_lane(config)
    return probes
