"""The writers of a change's news: the CRM's turn a record into its rows, the others into words for people, which
each channel of news.channels writes its own way (news.sayings says which record has which); none writes itself."""

from main_app.services.common import format_money
from main_app.services.crm import (
    BOOKING_TYPES,
    about_session_row,
    approval_step_row,
    booking_change_payload,
    message_row,
    session_message_row,
    user_registered_row,
)
from main_app.services.emails import booking_snapshot, studio_host

from ...models import BOOKING_ACTIVE, BOOKING_PENDING_APPROVAL, GUEST_ACTIVE
from .guest_mail import mail_words
from .organiser import Approved, Moved
from .records import (
    AccountMade,
    ApprovalRequested,
    Booked,
    BookingNews,
    Cancelled,
    CheckedIn,
    GuestGivenBack,
    LineEnded,
    OfferEnded,
    PlaceInLine,
    Promoted,
    Reactivated,
    Registered,
    RegistrantsEmailed,
    SeatOffered,
)
from .words import Word, booking_words, reminder_words


def crm_booking_change(news: Booked | Cancelled | Reactivated | Promoted, batch_id: str | None = None) -> list[dict]:
    """CRM booking_created (with the payment's fields when paid), booking_cancelled or booking_reactivated (batch_id:
    the message that sums it up)."""
    action = ACTIONS.get(type(news), "created")
    booking, user, payment = news.booking, news.user, getattr(news, "payment", None)
    payload = booking_change_payload(
        booking, action, user, news.session, news.event, batch_id=batch_id, payment=payment, guests=news.guests
    )
    return [message_row(BOOKING_TYPES[action], payload, actor=news.user)]


def crm_payment_succeeded(news: Booked) -> list[dict]:
    """CRM payment_succeeded, for a paid seat."""
    if news.payment is None:
        return []
    paid = format_money(news.payment["amount_paid"], news.payment["currency"])
    message = f"{news.user.name} paid {paid} for {news.event.title}"
    data = {**news.payment, "booking_id": news.booking.id}
    booked, user = news.booking, news.user
    return [
        about_session_row(
            "payment_succeeded", news.session, news.event, user, message, data, booking_id=booked.id, actor=user
        )
    ]


def email_booking_confirmed(news: Booked) -> list[Word]:
    """The person's booking_confirmed (its receipt and plan when paid)."""
    extra = {**({"receipt": news.receipt} if news.receipt else {}), **(news.plan or {})}
    about = (news.booking, news.user, news.session, news.event, news.organiser)
    return booking_words("booking_confirmed", *about, **extra)


def reminders(news: Booked | Promoted | Reactivated | Approved | Moved) -> list[Word]:
    """The reminders still ahead of an active booking (a move's name who moved it, as its booking_changed does)."""
    if news.booking.status != BOOKING_ACTIVE:
        return []
    named = news.staff if isinstance(news, Moved) else news.organiser
    return reminder_words(news.booking, news.user, news.session, news.event, named)


def guests_cancelled(news: Cancelled) -> list[Word]:
    """Each guest still coming with an email hears the booking was cancelled."""
    coming = [guest for guest in news.guests if guest.status == GUEST_ACTIVE]
    about = (news.booking, news.user, news.session, news.event, news.organiser)
    return mail_words("guest_cancelled", coming, *about, by=news.extra["by"])


def email_cancelled(news: Cancelled) -> list[Word]:
    """The person's booking_cancelled email and notice (a text only when the organiser cancelled)."""
    about = (news.booking, news.user, news.session, news.event, news.organiser)
    return booking_words("booking_cancelled", *about, **news.extra)


def email_reactivated(news: Reactivated) -> list[Word]:
    """The person's booking_reactivated email and notice."""
    return booking_words("booking_reactivated", news.booking, news.user, news.session, news.event, news.organiser)


def guests_confirmed(news: Booked | Promoted | Reactivated) -> list[Word]:
    """Each guest still coming with an email, of an active booking: their guest_confirmed and their reminders."""
    if news.booking.status != BOOKING_ACTIVE:
        return []
    coming = [guest for guest in news.guests if guest.status == GUEST_ACTIVE]
    booking, party = news.booking, list(news.guests)
    return mail_words(
        "guest_confirmed", coming, booking, news.user, news.session, news.event, news.organiser, party=party
    )


def crm_promoted(news: Promoted) -> list[dict]:
    """CRM waitlist_promoted, made by the person promoted (news for the facilitator, not read); an active seat's
    booking_created points to it as a batch's member to its summary: one promotion, one inbox entry."""
    booking, user, event = news.booking, news.user, news.event
    message = f"{user.name} got a freed seat in {event.title} from the waiting list"
    data = {"booking_id": booking.id, "seats": booking.seats, "seats_left": news.session.seats_left}
    summary = about_session_row(
        "waitlist_promoted", news.session, event, user, message, data, booking_id=booking.id, actor=user
    )
    if booking.status != BOOKING_ACTIVE:  # a paid seat is reported as booked once it is paid
        return [summary]
    return [summary, *crm_booking_change(news, batch_id=summary["id"])]


def email_promoted(news: Promoted) -> list[Word]:
    """The person's word: a request now holding its seat, or the seat, with where to pay if held."""
    about = (news.booking, news.user, news.session, news.event, news.organiser)
    if news.booking.status == BOOKING_PENDING_APPROVAL:
        return booking_words("approval_waitlisted", *about)
    return booking_words("waitlist_promoted", *about, **({} if news.pay is None else {"pay": news.pay}))


def booking_news(news: BookingNews) -> list[Word]:
    """The person's word of this kind (each channel says it if it carries the kind)."""
    return booking_words(
        news.kind, news.booking, news.user, news.session, news.event, news.organiser, news.send_at, **news.extra
    )


def crm_approval_requested(news: ApprovalRequested) -> list[dict]:
    """CRM approval_requested, made by the person asking."""
    return [approval_step_row("approval_requested", news.booking, news.user, news.session, news.event, actor=news.user)]


def email_approval_request(news: ApprovalRequested) -> list[Word]:
    """The facilitator's approval_request, with the link to their queue."""
    event = news.event
    snapshot = booking_snapshot(news.booking, event.facilitator, news.session, event, event.facilitator)
    person = {"name": news.user.name, "email": news.user.email}
    snapshot.update(person=person, seats=news.booking.seats, until=news.until, review_url=news.review_url)
    snapshot["until_at"] = news.booking.hold_expires_at.isoformat()  # for the facilitator's language
    return [Word("approval_request", snapshot, event.facilitator, news.booking.id)]


def for_child(news) -> dict:
    """A place in line's emails name the child of the family it is for ({"child": {id, name}}), as a booking's do."""
    return {"child": news.child} if news.child is not None else {}


def offer_words(news: SeatOffered) -> list[Word]:
    """The person's waitlist_offer."""
    snapshot = booking_snapshot(None, news.user, news.session, news.event, news.event.facilitator)
    return [Word("waitlist_offer", {**snapshot, "offer": news.offer, **for_child(news)}, news.user)]


def offer_ended(news: OfferEnded) -> list[Word]:
    """The person's offer_ended, with why."""
    snapshot = booking_snapshot(None, news.user, news.session, news.event, news.event.facilitator)
    return [Word("offer_ended", {**snapshot, "reason": news.reason, **for_child(news)}, news.user)]


def crm_guest_cancelled(news: GuestGivenBack) -> list[dict]:
    """CRM guest_cancelled, made by the booker, with the refund when money goes back."""
    user, guest, booking, refund = news.user, news.guest, news.booking, news.refund
    message = f"{user.name} gave back {guest.name}'s seat in {news.event.title}"
    if refund:
        message += f", refunding {format_money(refund['amount'], refund['currency'])}"
    data = {
        "booking_id": booking.id,
        "guest": {"id": guest.id, "name": guest.name, "email": guest.email},
        "seats": booking.seats,
        "seats_left": news.session.seats_left,
        "refund": refund,
    }
    return [
        about_session_row(
            "guest_cancelled",
            news.session,
            news.event,
            user,
            data=data,
            message=message,
            booking_id=booking.id,
            actor=user,
        )
    ]


def guest_given_back_mail(news: GuestGivenBack) -> list[Word]:
    """The guest's guest_cancelled email, then the reminders of the guests still coming, written again."""
    about = (news.booking, news.user, news.session, news.event, news.organiser)
    rows = mail_words("guest_cancelled", [news.guest], *about, by="booker")
    coming = [guest for guest in news.party if guest.status == GUEST_ACTIVE]
    return rows + mail_words(None, coming, *about, party=news.party)


def crm_registered(news: Registered | AccountMade) -> list[dict]:
    """CRM user_registered."""
    return [user_registered_row(news.user)]


def email_welcome(news: Registered) -> list[Word]:
    """The welcome email."""
    return [Word("welcome", {"to": {"name": news.user.name, "email": news.user.email}}, news.user)]


def place_in_line(news: PlaceInLine) -> list[Word]:
    """The person's waitlist_joined, with their number."""
    event = news.session.event
    snapshot = {**booking_snapshot(None, news.user, news.session, event, event.facilitator), "position": news.position}
    return [Word("waitlist_joined", snapshot | for_child(news), news.user)]


def line_ended(news: LineEnded) -> list[Word]:
    """The person's waitlist_ended, due at send_at or now."""
    event = news.session.event
    snapshot = {**booking_snapshot(None, news.user, news.session, event, event.facilitator), "reason": news.reason}
    return [Word("waitlist_ended", snapshot | for_child(news), news.user, send_at=news.send_at)]


def email_account_made(news: AccountMade) -> list[Word]:
    """The account_made email (its link to set the password is signed when it goes)."""
    user = news.user
    to = {"name": user.name, "email": user.email, "user_id": user.id}
    what = {"pass_name": news.sold_pass}
    if news.event is not None:  # booked in at a studio's event: the studio is named beside who did it
        what = {"event": {"title": news.event.title}, "studio": studio_host(news.event.studio_id)}
    return [Word("account_made", {"to": to, "by": news.staff.name, **what}, user)]


def crm_checked_in(news: CheckedIn) -> list[dict]:
    """CRM checked_in, made by staff, about the booker."""
    data = {**news.seat, "checked_in_at": news.at.isoformat(), "device_id": news.device, **news.extra}
    session, booking_id = news.session, news.seat["booking_id"]
    row = about_session_row(
        "checked_in",
        session,
        session.event,
        news.booker,
        news.message,
        data,
        booking_id=booking_id,
        actor=news.staff,
    )
    return [row]


def registrants_emailed(news: RegistrantsEmailed) -> list[Word]:
    """Each booker's facilitator_message, each guest's guest_message."""
    session, event, staff, words = news.session, news.event, news.staff, []
    for booking in news.bookings:
        about = (booking, booking.user, session, event, staff)
        words += booking_words("facilitator_message", *about, **news.words)
        coming = [guest for guest in news.parties.get(booking.id, ()) if guest.status == GUEST_ACTIVE]
        if coming:
            words += mail_words("guest_message", coming, *about, news.parties[booking.id], **news.words)
    return words


def crm_registrants_emailed(news: RegistrantsEmailed, words: list[Word]) -> list[dict]:
    """The CRM's one session_message, with how many were told (the bookers and their guests)."""
    told = len(news.bookings) + sum(word.kind == "guest_message" for word in words)
    return [session_message_row(news.session, news.event, news.staff, news.words["subject"], told)]


ACTIONS = {Booked: "created", Cancelled: "cancelled", Reactivated: "reactivated"}
