"""Booking, cancelling and reactivating seats; each function that writes is one unit of work."""

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from main_app.services.common import format_money
from main_app.services.discounts import bad_code, quote_code, take_code_use
from main_app.services.emails import pending_reminders
from main_app.services.family import hold_child
from main_app.services.intake import checked_answers, questions_asked, store_answers
from main_app.services.passes import credit_back_until, give_back_credits
from main_app.services.payments import (
    Paid,
    cancel_hold,
    end_schedule,
    instalments_shown_of,
    lock_paid,
    open_checkout,
    paid_of,
    payments_of,
    person_keeps,
    refund_each,
    refundable_until,
    release_unopened,
)
from main_app.services.seats import (
    add_guests,
    check_seats_per_booking,
    forget_waitlist,
    guests_of,
    hold_seats,
    lock_sessions_of,
    named_guests,
    option_to_book,
    seat_freed,
    session_with_event,
)

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    BOOKING_PENDING_APPROVAL,
    BOOKING_PENDING_PAYMENT,
    CANCELLED_BY_PERSON,
    Booking,
    Event,
    EventSession,
    User,
    utcnow,
)
from .. import news
from . import approval_requests, free_booking, pass_booking
from .checked_in import refuse_if_checked_in
from .confirming import book_checked, confirm_seats
from .documents import document
from .for_child import child_to_book
from .seat_taking import PriceChanged, already_booked, take_seat
from .whatsapp_opt_in import OptIn

PRICE_TRIES = 3  # reads of a session whose price keeps changing under a booking, before a 409 price_changed


def owned_booking(user: User, booking_id: int) -> Booking:
    """The caller's booking; someone else's is reported as missing, not forbidden, to reveal nothing."""
    booking = db.session.get(Booking, booking_id)
    if booking is None or booking.user_id != user.id:
        raise api_error("booking_not_found", booking_id=booking_id)
    return booking


@retry_on_deadlock
def book_session(
    user: User,
    session_id: int,
    seats: int = 1,
    guest_list=(),
    pass_id: int | None = None,
    code: str | None = None,
    answers: dict | None = None,
    option_id: int | None = None,
    whatsapp_wording: str | None = None,
    dependent_id: int | None = None,
) -> dict:
    """Book seats for user and their guests, all or none: the booking's document (BookingSchema's shape); 404
    unknown session, 400 more seats than one booking may take, 409 full / not enough seats / cancelled / started /
    already booked. A paid session's seats are held (pending_payment) and their checkout opened; only the payment
    confirms them. With a pass, a paid session's seats are confirmed at once, its credits spent with them (a free
    session spends none). A code takes its discount off a paid session's price (400 naming it when it can't be
    used); one that leaves nothing to pay confirms the seats at once. An event that requires approval makes the
    booking a request (pending_approval, approval_requests), whatever its price. The event's intake questions are
    answered in answers ({question id: answer}; 400 naming answers.<id>), written with the booking. A session with
    room options is booked in the one named by option_id (400 naming it when missing or not wanted, 404
    option_not_found, 409 option_full), at its price; its seats are taken from the option and the session together.
    whatsapp_wording: the person opts in to WhatsApp with these words, in the booking's transaction (whatsapp_opt_in;
    400 naming wording when not the opt-in's): the document's "whatsapp" says what became of it. dependent_id: the
    seat is for this child of the user's family (404 dependent_not_found; 422 age_outside_range, also for adults)."""
    # The price and the code's discount are read before the seat's lock; a price changed in between is found under
    # it (PriceChanged, nothing kept), and the booking made again from a new read.
    for _ in range(PRICE_TRIES):
        opt_in = OptIn(whatsapp_wording) if whatsapp_wording else None
        try:
            asked = (user, session_id, seats, guest_list, pass_id, code, answers, option_id)
            booked = _book_once(*asked, opt_in, dependent_id)
        except PriceChanged:
            continue
        return booked if opt_in is None else {**booked, "whatsapp": opt_in.outcome}
    raise api_error("price_changed")


def _book_once(
    user: User, session_id: int, seats, guest_list, pass_id, code, answers, option_id, opt_in=None, dependent_id=None
) -> dict:
    """One try of book_session, from one read of the session and its price; opt_in (whatsapp_opt_in.OptIn) recorded
    in the booking's transaction."""
    also = opt_in and (lambda booking_id, row: opt_in.record(user, booking_id, row))
    row = free_booking.session_to_book(user, session_id, pass_id, dependent_id)
    if row is not None:
        check_seats_per_booking(seats, row.max_seats_per_booking)
        child = child_to_book(user, row, dependent_id)
        row = free_booking.with_option(row, option_to_book(session_id, option_id, row.has_options), child)
    party = named_guests(guest_list, seats)
    answered = checked_answers(questions_asked(row.event_id), answers) if row and (row.asks or answers) else []
    if row is not None and row.requires_approval:  # a request its facilitator decides, the seats held meanwhile
        requested = approval_requests.request(user, row, party, answered, pass_id=pass_id, code=code, also=also)
        return document(get_booking(requested))
    if row is None or row.seat_price == 0:
        return confirm_seats(user, row, party, session_id=session_id, answered=answered, also=also)
    if pass_id is not None:
        if code:
            raise bad_code(code, "is not needed with a pass")
        return pass_booking.book_with_pass(user, row, party, pass_id, answered, also=also)
    quote = None
    if code:
        price = row.seat_price * (1 + len(party))
        quote = quote_code(code, row.studio_id, price, row.currency, use="bookings", event_id=row.event_id)
        if quote.amount_due == 0:
            return confirm_seats(user, row, party, session_id=session_id, quote=quote, answered=answered, also=also)
    return document(_book_held_seat(user, row, party, quote, answered, opt_in))


def _book_held_seat(user: User, row, party: list[dict], quote=None, answered=(), opt_in=None) -> Booking:
    """A paid session's seats (in the option row names), held while their person pays. Too few free in the read
    refuses at once, as a free booking does, so a sold-out rush takes no write; holds past their time are given
    back first, and the session read again, when some are due. The seats are held at the price the quote was made
    on (row's), whichever read passed the checks."""

    def book(_current) -> Booking:
        return _book(user, row, party, quote, answered, opt_in)

    return book_checked(user, row, 1 + len(party), book, end_due_holds=True)


def _book(user: User, row, party: list[dict], quote, answered, opt_in) -> Booking:
    """Hold seats of a paid session (in the option row names) for user and their guests and open one checkout for
    all; the CRM, the person and the guests hear of it once paid. PriceChanged when a seat no longer costs row's
    seat_price (what the quote was made on). A checkout that cannot be opened takes opt_in's consent back too."""
    session_id, option_id = row.id, row.option_id
    event_session = db.session.get(EventSession, session_id)
    seats = 1 + len(party)
    with unit_of_work(on_integrity_error=already_booked):
        if take_seat(session_id, row.dependent_id or user, seats, option_id).seat_price != row.seat_price:
            raise PriceChanged()
        hold_child(row.dependent_id)
        booking = Booking(
            session_id=session_id, user_id=user.id, status=BOOKING_ACTIVE, seats=seats, option_id=option_id,
            dependent_id=row.dependent_id,
        )  # fmt: skip
        db.session.add(booking)
        hold_seats(booking, event_session)  # written held at once: one INSERT, no UPDATE after it
        booking_id = booking.id  # read before the commit expires it, which would cost a query to read again
        add_guests(booking_id, party)
        if quote is not None:
            take_code_use(quote, user.id, booking_id=booking_id)
        store_answers(booking_id, answered, event_session)
        forget_waitlist(user.id, session_id, row.dependent_id)  # booked while in line: the place goes
        if opt_in is not None:
            opt_in.record(user, booking_id, row)
    try:
        return checkout_or_release(booking_id, user)
    except Exception:
        if opt_in is not None:
            opt_in.take_back(user)
        raise


def checkout_or_release(booking_id: int, user: User) -> Booking:
    """Open the checkout of a held seat; if the provider cannot be reached, the hold is released (nothing kept)."""
    # The checkout needs the booking, its session and event; the answer reads its payment, guests and reminders.
    booking = db.session.scalars(_with_details(select(Booking).where(Booking.id == booking_id))).one()
    try:
        open_checkout(booking, user, booking.session, booking.session.event)
    except Exception:
        release_unopened(booking_id)
        raise
    return get_booking(booking_id)


def pay(user: User, booking_id: int) -> Booking:
    """A fresh checkout for a held seat (the person closed the last one, or the seat came from the waiting list)."""
    booking = owned_booking(user, booking_id)
    if booking.status != BOOKING_PENDING_PAYMENT or booking.hold_expires_at <= utcnow():
        raise api_error("not_pending")
    booking = get_booking(booking_id)
    opened = open_checkout(booking, user, booking.session, booking.session.event)
    booking = get_booking(booking_id)
    booking.payment = opened  # this click's checkout, though a click just after may have recorded a later one
    return booking


@retry_on_deadlock
def cancel_booking(user: User, booking_id: int, reason: str | None = None) -> Booking:
    """Cancel the caller's booking and free its seat; 409 if already cancelled. A held seat or a request waiting
    for approval is simply given up; a paid one is refunded in full until the event's refund cut-off."""
    booking = owned_booking(user, booking_id)
    with unit_of_work():
        lock_sessions_of([booking.id])  # the lock order: a facilitator cancelling the session takes it first too
        if booking.status == BOOKING_PENDING_APPROVAL:
            if not approval_requests.withdraw(booking, user, reason):  # decided meanwhile: they see how first
                raise approval_requests.not_pending()
        elif booking.status != BOOKING_PENDING_PAYMENT or not cancel_hold(booking, reason):
            _cancel_active(booking, user, reason, utcnow())
    return get_booking(booking.id)


def _cancel_active(booking: Booking, user: User, reason: str | None, now) -> None:
    result = db.session.execute(
        update(Booking)
        .where(Booking.id == booking.id, Booking.status == BOOKING_ACTIVE)
        .values(
            status=BOOKING_CANCELLED,
            cancelled_at=now,
            cancel_reason=reason,
            cancelled_by=CANCELLED_BY_PERSON,
            calendar_sequence=Booking.calendar_sequence + 1,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise api_error("already_cancelled")
    refuse_if_checked_in(booking.id)  # under the session's lock: a check-in either came first or finds it cancelled
    db.session.refresh(booking)
    lock_paid(booking.id)  # before the line's places: the lock order
    seat_freed(booking.session_id, booking.seats, booking.option_id)
    event_session = session_with_event(booking.session_id)
    event, refund, credit = event_session.event, None, None
    if booking.pass_id is not None:  # credits back before the event's cut-off, kept after it
        in_time = now < credit_back_until(event_session.starts_at, event.late_cancel_hours)
        outcome = give_back_credits(booking, booking.seats, returned=in_time)
        credit = {"credits": booking.seats * event_session.credits_per_seat, "outcome": outcome}
    # Each payment by the event's policy: all before the refund cut-off, less a deposit the plan keeps.
    in_time = now < refundable_until(event_session, event)
    keep = person_keeps(event, in_time)
    queued = refund_each(booking.id, "Cancelled by the person before the refund cut-off.", keep)
    end_schedule(booking.id)  # its pay links and reminders send nothing from now
    if queued:
        partial = {"partial": True} if event.payment_plan else {}
        refund = {"amount": format_money(queued, event_session.currency), **partial}
    party = guests_of([booking.id])[booking.id] if booking.seats > 1 else []
    told = {"by": "you", "reason": reason, "refund": refund, "credit": credit}
    news.publish(
        news.Cancelled(booking, user, event_session, event, news.PersonFacts.of(event.facilitator), party, told)
    )


def _with_details(query):
    """Load each booking's session, event, facilitator and instructor in the same query."""
    return query.options(
        joinedload(Booking.session).joinedload(EventSession.event).joinedload(Event.facilitator),
        joinedload(Booking.session).joinedload(EventSession.instructor),
        joinedload(Booking.option),
        joinedload(Booking.dependent),
    )


def _with_reminders(bookings: list[Booking]) -> list[Booking]:
    """Note on each booking when its reminder emails will go (reminders_at), its latest payment (payment), what it
    paid in all (paid), its guests (party) and its payment plan's schedule (payment_plan, None without one)."""
    ids = [booking.id for booking in bookings]
    times, latest, party = pending_reminders(ids), payments_of(ids), guests_of(ids)
    paid = paid_of(list(latest))
    planned = {
        b.id: b.session.event.timezone for b in bookings if latest.get(b.id) and latest[b.id].instalment is not None
    }
    plans = instalments_shown_of(planned)
    for booking in bookings:
        booking.reminders_at = times[booking.id]
        booking.payment = latest.get(booking.id)
        booking.paid = paid.get(booking.id, Paid()).kept
        booking.party = party[booking.id]
        booking.payment_plan = plans.get(booking.id)
    return bookings


def get_booking(booking_id: int) -> Booking:
    """A booking with everything its JSON shows, fresh from the database."""
    booking = db.session.scalars(_with_details(select(Booking).where(Booking.id == booking_id))).one()
    return _with_reminders([booking])[0]
