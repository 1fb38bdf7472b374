"""The main API's catalogue of errors (pretix's error_messages): each key's status and message, raised by api_error."""

from service_kit.errors import (
    APIError,
    Conflict,
    Forbidden,
    NotFound,
    ServiceUnavailable,
    Unauthorized,
    ValidationFailed,
)

# key: (status, message). The code a client sees is the key up to its first dot; a key with a dot is one more message
# of the same code. A message is a str.format template whose named fields the raise site fills. The dict is a literal
# so that `python3 dev.py docs` can read it without importing the app (it writes docs/api.md's table from it). Bad
# fields of a body are the kit's validation_error (400), whose message names them at the raise site.
ERRORS: dict[str, tuple[int, str]] = {
    "already_active": (409, "This booking is already active."),
    "already_booked": (409, "You already have a booking for this session."),
    "already_booked.walk_in": (409, "They booked at this very moment: check them in from the roster."),
    "already_cancelled": (409, "This booking is already cancelled."),
    "already_delivered": (409, "This notification was already delivered."),
    "already_waiting": (409, "You are already on the waiting list of this session."),
    "approval_required": (409, "This event approves each booking: book again to send a new request."),
    "attendance_not_taken": (409, "Attendance is set when the session closes after check-in."),
    "booking_not_active": (409, "Only a booking that is on has check-in codes."),
    "booking_not_found": (404, "Booking {booking_id} does not exist."),
    "booking_not_found.in_session": (404, "Booking {booking_id} is not in this session."),
    "calendar_unavailable": (
        409,
        "This booking's session has dates no calendar can hold; the facilitator needs to correct them.",
    ),
    "capacity_below_bookings": (409, "{taken} seats are already taken; the capacity cannot go below {taken}."),
    "checked_in": (409, "This booking was checked in at the door, so it can no longer be cancelled."),
    "checked_in.guest": (409, "{who} was checked in at the door, so their seat can no longer be given back."),
    "checkin_closed": (409, "Walk-ins are taken while check-in is open."),
    "checkin_not_found": (404, "Seat {seat} of booking {booking_id} is not checked in."),
    "checkin_not_open": (409, "Walk-ins are taken while check-in is open."),
    "code_ended": (400, "This code has ended (used, too old or too many tries): ask for a new one."),
    "code_exists": (409, "You have a code by that name already."),
    "code_not_found": (404, "Code {code_id} does not exist."),
    "code_retired": (409, "This code is retired already."),
    "code_used_up": (409, "The code {code!r} has been used up."),
    "code_used_up.by_you": (409, "You have used the code {code!r} as often as it allows."),
    "email_taken": (409, "An account with this email already exists."),
    "email_taken.either": (409, "An account with this email or username already exists."),
    "event_cancelled": (409, "This event is already cancelled."),
    "event_cancelled.edit": (409, "A cancelled event cannot be edited."),
    "event_cancelled.new_sessions": (409, "A cancelled event cannot get new sessions."),
    "event_not_found": (404, "Event {event_id} does not exist."),
    "forbidden.booking": (403, "This booking is on another facilitator's event."),
    "forbidden.event": (403, "This event belongs to another facilitator."),
    "forbidden.own_events": (403, "You can only manage your own events."),
    "forbidden.role": (403, "This action needs the {roles} role."),
    "forbidden.role_or_service": (403, "This action needs the {roles} role or the service token."),
    "forbidden.session": (403, "This session belongs to another facilitator."),
    "guest_cancelled": (409, "{guest}'s seat is already cancelled."),
    "guest_not_found": (404, "Guest {guest_id} is not on this booking."),
    "instalment_not_due": (409, "Instalment {number} is not waiting for a payment."),
    "instalment_not_found": (404, "Booking {booking_id} has no instalment {number}."),
    "instalment_paid": (409, "Instalment {number} is paid already."),
    "invalid_code": (400, "That is not the code we sent; check it, or ask for a new one."),
    "invalid_credentials": (401, "Wrong email/username or password."),
    "invalid_signature": (403, "Not signed by Twilio for this address."),
    "invalid_token.feedback": (400, "This feedback link's token {why}."),
    "invalid_token.reset": (
        400,
        "This reset link is not valid any more: it was used, has expired or is incomplete. Ask for a new one.",
    ),
    "invalid_token.unsubscribe": (400, "This unsubscribe link is not valid."),
    "invalid_webhook": (400, "Webhook refused: {reason}"),
    "new_customers_only": (409, "This offer is for people new to this studio."),
    "no_credits_left": (409, "This pass has {left} credit{plural} left; {seats} needed."),
    "no_phone": (409, "Give a mobile number first."),
    "no_recipients": (409, "Nobody is booked in this session yet."),
    "not_a_person": (409, "This email belongs to a staff account."),
    "not_active": (
        409,
        "Only a booking that is confirmed can give back one guest's seat; cancel the whole booking instead.",
    ),
    "not_attended": (409, "Feedback is for the people who came."),
    "not_enough_seats": (409, "Only {seats_left} {word} left."),
    "not_found.calendar": (404, "There is no calendar at this address (the link may have been replaced)."),
    "not_found.mailbox": (404, "No email {message_id} in the mailbox."),
    "not_found.test_checkout": (404, "No such test checkout."),
    "not_found.texts": (404, "Texts do not go through Twilio here."),
    "not_pending": (409, "This booking is not waiting for a payment."),
    "not_pending_approval": (409, "This booking is no longer waiting for approval."),
    "not_renewing": (409, "This pass does not renew."),
    "not_waiting": (404, "You are not on the waiting list of this session."),
    "nothing_to_cancel": (409, "No session of this series is scheduled from that day on."),
    "nothing_to_change": (409, "No session of this series is scheduled from that day on."),
    "notification_not_found": (404, "Notification {message_id} does not exist."),
    "number_opted_out": (
        409,
        "This number replied STOP, so no text can go to it: reply START to any of our texts first.",
    ),
    "offer_expired": (409, "This offer ended at {offer_until} and the seat went to the next person in line."),
    "offer_not_found": (404, "This offer was taken, declined or has ended; nothing is held for it now."),
    "option_capacity_below_bookings": (
        409,
        "{taken} seats of {option} are taken; its capacity cannot go below {taken}.",
    ),
    "option_full": (409, "{name} is full."),
    "option_full.some_left": (409, "Only {left} {seats_are} left in {name}."),
    "option_in_use": (
        409,
        "{option} holds booked seats or has people waiting; cancel those bookings first or keep it.",
    ),
    "option_not_found": (404, "Option {option_id} is not an option of session {session_id}."),
    "option_retired": (409, "{option} is no longer offered."),
    "pass_expired": (409, "This pass ends before this session."),
    "pass_expired.membership": (409, "This membership ends before this session and does not renew."),
    "pass_not_active": (409, "This pass is {status}."),
    "pass_not_active.unpaid": (409, "This pass is not paid yet."),
    "pass_not_found": (404, "Pass {pass_id} does not exist."),
    "pass_not_found.yours": (404, "That pass does not exist."),
    "pass_not_valid_here": (409, "Your pass can't be used for this session ({session_id}): it is for other classes."),
    "pass_retired": (409, "This pass is retired already."),
    "pass_retired.not_sold": (409, "This pass is no longer sold."),
    "pass_retired.sell_new": (409, "This pass is retired: put a new one on sale instead."),
    "payment_needed": (409, "This session is paid: use their pass or mark it paid at the door."),
    "payment_provider_unavailable": (
        503,
        "The payment provider could not be reached; nothing was charged. Please try again.",
    ),
    "payments_pending": (
        409,
        "Someone is paying for a seat at the current price; change it once their payment is settled.",
    ),
    "payments_pending.option": (
        409,
        "Someone is paying for a seat in {option} at its current price; change it once they have paid.",
    ),
    "payments_unavailable": (503, "Payments are not set up here yet."),
    "person_not_found": (404, "Person {user_id} has not booked your sessions."),
    "phone_verified": (409, "This number is verified already."),
    "plan_booking": (
        409,
        "A booking paid in instalments gives back its seats together; cancel the whole booking instead.",
    ),
    "plan_ended": (409, "A booking under a payment plan cannot be made active again; book the session anew."),
    "price_changed": (409, "The price changed while you were booking; please try again."),
    "seats_available": (409, "This session has seats free: book instead."),
    "series_not_found": (404, "Series {series_id} is not one of this event's."),
    "session_cancelled": (409, "This session has been cancelled."),
    "session_cancelled.already": (409, "This session is already cancelled."),
    "session_cancelled.edit": (409, "A cancelled session cannot be edited."),
    "session_finished": (409, "This session is over: there is nobody left to tell."),
    "session_full": (409, "This session is full."),
    "session_not_found": (404, "Session {session_id} does not exist."),
    "session_started": (409, "This session has already started."),
    "too_many_requests": (429, "Too many codes sent to this {who}; try again in {seconds} seconds."),
    "unknown_provider": (404, "No payment provider {provider!r} here."),
    "username_taken": (409, "An account with this username already exists."),
    "weekly_limit_reached": (409, "Your membership allows {per_week} classes a week, and that week has {used}."),
}

# The class each status is raised as, so that callers catching Conflict or NotFound keep catching it.
_KIND = {
    400: ValidationFailed,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    503: ServiceUnavailable,
}


def message(key: str, **fields) -> str:
    """The catalogue's message for key, its named fields filled."""
    return ERRORS[key][1].format(**fields)


def api_error(key: str, *, details: dict | None = None, headers: dict | None = None, **fields) -> APIError:
    """The error the catalogue lists under key, to raise: its code, status and message (with fields filled)."""
    status = ERRORS[key][0]
    kind = _KIND.get(status, APIError)
    return kind(message(key, **fields), code=key.partition(".")[0], details=details, status=status, headers=headers)
