"""Erasing a person's account (GDPR Art. 17, India's DPDP Act s. 12): their names, email, phone, answers, notes and
what they typed are taken out of every table in one transaction, and the CRM hears it through the outbox; their
bookings, passes and money stay, anonymised, so studios' figures and the books stay right (docs/privacy.md)."""

import secrets

from sqlalchemy import delete, exists, or_, select, update
from werkzeug.security import check_password_hash

from main_app.plumbing import forget_answers_of, lock
from main_app.services.common import hash_password
from service_kit.errors import ValidationFailed

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    BOOKING_PENDING_APPROVAL,
    BOOKING_PENDING_PAYMENT,
    PASS_ACTIVE,
    AutomationEntry,
    AutomationStepDone,
    BillingDetails,
    Booking,
    BookingAnswer,
    BookingGuest,
    EmailSuppression,
    EventSession,
    Feedback,
    FormSignature,
    GuestEmail,
    Invoice,
    MarketingOptOut,
    Notification,
    Pass,
    Payment,
    PaymentRefund,
    PhoneVerification,
    SmsNumber,
    StudioInvitation,
    StudioMember,
    User,
    WaitlistEntry,
    utcnow,
)
from .. import chats, news
from ..family import leave_family
from .scrub import ERASED_NAME, ERASED_TEXT, replaced, scrub_audit, scrub_outbox

HELD = (BOOKING_ACTIVE, BOOKING_PENDING_PAYMENT, BOOKING_PENDING_APPROVAL)


def erase_account(user: User, password: str) -> None:
    """Erase the account after checking its password: 400 naming password when wrong; 409 erase_staff_account
    (a studio's member), erase_bookings_ahead (a seat still held), erase_membership_renews (a renewal to stop)."""
    if not check_password_hash(user.password_hash, password):
        raise ValidationFailed("Invalid input: password.", details={"password": ["Wrong password."]})
    with unit_of_work():
        lock(User, [user.id])
        person = db.session.get(User, user.id, populate_existing=True)
        _refuse_while_owed(person)
        pii = _values_of(person)
        _erase_rows(person, pii)
        scrub_outbox(pii, person.email, person.phone)
        scrub_audit(pii)
        news.publish(news.AccountErased(person.id))  # the CRM erases what it holds of them
        _anonymise_account(person)


def _refuse_while_owed(person: User) -> None:
    """What must end before an account can go: its studios, its seats ahead, a membership that renews."""
    if db.session.scalar(select(exists().where(StudioMember.user_id == person.id))):
        raise api_error("erase_staff_account")
    ahead = exists().where(
        Booking.user_id == person.id,
        Booking.status.in_(HELD),
        Booking.session_id == EventSession.id,
        EventSession.ends_at > utcnow(),
    )
    if db.session.scalar(select(ahead)):
        raise api_error("erase_bookings_ahead")
    renews = exists().where(Pass.user_id == person.id, Pass.status == PASS_ACTIVE, Pass.renews.is_(True))
    if db.session.scalar(select(renews)):
        raise api_error("erase_membership_renews")


def _values_of(person: User) -> dict[str, str]:
    """The person's values to take out, and their guests' as they typed them, longest first (a name inside an email
    is replaced with the email), each with what stands in for it."""
    named = select(BookingGuest.name, BookingGuest.email).where(
        BookingGuest.booking_id.in_(select(Booking.id).where(Booking.user_id == person.id))
    )
    values = {}
    for name, email in db.session.execute(named):
        values.update({name: "Guest", **({email: ERASED_TEXT} if email else {})})
    values.update({person.email: f"erased-{person.id}@erased.invalid", person.name: ERASED_NAME})
    if person.other_name:
        values[person.other_name] = ERASED_NAME
    if person.phone:
        values[person.phone] = ERASED_TEXT
    if person.username:
        values[person.username] = ERASED_TEXT
    return dict(sorted(values.items(), key=lambda item: -len(item[0])))


def _erase_rows(person: User, pii: dict[str, str]) -> None:
    """The rows of the person's that hold what they or others typed about them: emptied, or gone."""
    theirs = select(Booking.id).where(Booking.user_id == person.id)
    db.session.execute(
        update(BookingGuest)
        .where(BookingGuest.booking_id.in_(theirs))
        .values(name="Guest", email=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        update(BookingAnswer)
        .where(BookingAnswer.booking_id.in_(theirs))
        .values(value=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(update(Feedback).where(Feedback.user_id == person.id).values(comment=""))
    db.session.execute(
        update(Invoice).where(Invoice.user_id == person.id).values(buyer_name=ERASED_NAME, buyer_email="", buyer=None)
    )
    for model, column in _OWN_ROWS:
        db.session.execute(delete(model).where(column == person.id))
    addresses = (person.email.lower(),)
    for model, column in ((EmailSuppression, EmailSuppression.address), (MarketingOptOut, MarketingOptOut.address)):
        db.session.execute(delete(model).where(column.in_(addresses)))
    db.session.execute(delete(StudioInvitation).where(StudioInvitation.email.in_(addresses)))
    if person.phone:
        db.session.execute(delete(SmsNumber).where(SmsNumber.number == person.phone))
    chats.forget(person.id, person.phone)  # WhatsApp consents, and each number's stop and windows
    forget_answers_of(person.id)  # the answers kept for their Idempotency-Keys name them
    leave_family(person.id)  # the last guardian out takes the children's data
    _scrub_reasons(person, pii)


_OWN_ROWS = (
    (BillingDetails, BillingDetails.user_id),
    (Notification, Notification.user_id),
    (WaitlistEntry, WaitlistEntry.user_id),
    (PhoneVerification, PhoneVerification.user_id),
    (GuestEmail, GuestEmail.booker_id),
    (FormSignature, FormSignature.user_id),  # the signed forms: name, answers, drawn signature, address
)


def _scrub_reasons(person: User, pii: dict[str, str]) -> None:
    """Refund reasons staff typed about the person's payments may name them: the name is replaced."""
    paid = select(Payment).where(
        or_(Payment.booking_id.in_(select(Booking.id).where(Booking.user_id == person.id)),
            Payment.pass_id.in_(select(Pass.id).where(Pass.user_id == person.id)))
    )  # fmt: skip
    for payment in db.session.scalars(paid):
        payment.refund_reason, payment.failure = replaced(payment.refund_reason, pii), replaced(payment.failure, pii)
        for refund in db.session.scalars(select(PaymentRefund).where(PaymentRefund.payment_id == payment.id)):
            refund.reason = replaced(refund.reason, pii)


def _anonymise_account(person: User) -> None:
    """The account row stays (bookings and money point to it) with nothing of the person: signed out everywhere,
    its calendar feed ended, no password that works."""
    person.name, person.other_name, person.email = ERASED_NAME, None, f"erased-{person.id}@erased.invalid"
    person.birthday = None
    entries = select(AutomationEntry.id).where(AutomationEntry.user_id == person.id)
    db.session.execute(delete(AutomationStepDone).where(AutomationStepDone.entry_id.in_(entries)))
    db.session.execute(delete(AutomationEntry).where(AutomationEntry.user_id == person.id))
    person.username, person.phone, person.phone_verified_at, person.sms_enabled = None, None, None, False
    person.password_hash = hash_password(secrets.token_urlsafe(32))
    person.token_generation = User.token_generation + 1
    person.calendar_version = User.calendar_version + 1
    person.reminders_enabled, person.erased_at = False, utcnow()
