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
from service_kit.languages import N_, gettext

# key: (status, message). The code a client sees is the key up to its first dot; a key with a dot is one more message
# of the same code. A message is a str.format template whose named fields the raise site fills, in English, marked
# N_() for the catalogues (main_app/translations) and said in the request's language when raised; its code stays.
# The dict is a literal but for N_ so that `python3 dev.py docs` can read it without importing the app (it writes
# docs/api.md's table from it). Bad fields of a body are the kit's validation_error (400), whose message names them
# at the raise site.
ERRORS: dict[str, tuple[int, str]] = {
    "already_active": (409, N_("This booking is already active.")),
    "already_booked": (409, N_("You already have a booking for this session.")),
    "already_booked.walk_in": (409, N_("They booked at this very moment: check them in from the roster.")),
    "already_cancelled": (409, N_("This booking is already cancelled.")),
    "already_delivered": (409, N_("This notification was already delivered.")),
    "already_sent": (409, N_("These words went to this segment a moment ago (marketing email {email_id}).")),
    "already_unsubscribed": (409, N_("This link was used already: you get no more of this studio's marketing emails.")),
    "already_member": (409, N_("This address's account is already a member here.")),
    "already_member.you": (409, N_("You are already a member of this studio.")),
    "already_waiting": (409, N_("You are already on the waiting list of this session.")),
    "approval_required": (409, N_("This event approves each booking: book again to send a new request.")),
    "attendance_not_taken": (409, N_("Attendance is set when the session closes after check-in.")),
    "billing_address_required": (
        409,
        N_(
            "An invoice of {threshold} or more before tax names the buyer's address and state (GST): add them to your "
            "billing details in your account, then pay again."
        ),
    ),
    "billing_address_required.desk": (
        409,
        N_(
            "An invoice of {threshold} or more before tax names the buyer's address and state (GST): the client adds "
            "them to the billing details of their account (Your account, Billing details), then the sale is made again."
        ),
    ),
    "booking_not_active": (409, N_("Only a booking that is on has check-in codes.")),
    "booking_not_active.join": (409, N_("Only a booking that is on opens the class's video.")),
    "booking_not_found": (404, N_("Booking {booking_id} does not exist.")),
    "booking_not_found.in_session": (404, N_("Booking {booking_id} is not in this session.")),
    "calendar_unavailable": (
        409,
        N_("This booking's session has dates no calendar can hold; the facilitator needs to correct them."),
    ),
    "capacity_below_bookings": (409, N_("{taken} seats are already taken; the capacity cannot go below {taken}.")),
    "checked_in": (409, N_("This booking was checked in at the door, so it can no longer be cancelled.")),
    "checked_in.guest": (409, N_("{who} was checked in at the door, so their seat can no longer be given back.")),
    "checkin_closed": (409, N_("Walk-ins are taken while check-in is open.")),
    "invoice_not_found": (404, N_("Invoice {invoice_id} does not exist.")),
    "billing_details_not_found": (404, N_("No billing details are saved: invoices are made out to your name.")),
    "invoices_too_many": (
        400,
        N_("{count} documents match: a ZIP holds at most {limit}; ask for a shorter range of dates."),
    ),
    "checkin_not_found": (404, N_("Seat {seat} of booking {booking_id} is not checked in.")),
    "checkin_not_open": (409, N_("Walk-ins are taken while check-in is open.")),
    "client_not_found": (404, N_("Person {user_id} is not a client of this studio.")),
    "code_ended": (400, N_("This code has ended (used, too old or too many tries): ask for a new one.")),
    "code_exists": (409, N_("You have a code by that name already.")),
    "code_not_found": (404, N_("Code {code_id} does not exist.")),
    "code_retired": (409, N_("This code is retired already.")),
    "code_used_up": (409, N_("The code {code!r} has been used up.")),
    "code_used_up.by_you": (409, N_("You have used the code {code!r} as often as it allows.")),
    "email_taken": (409, N_("An account with this email already exists.")),
    "email_taken.either": (409, N_("An account with this email or username already exists.")),
    "event_cancelled": (409, N_("This event is already cancelled.")),
    "event_cancelled.edit": (409, N_("A cancelled event cannot be edited.")),
    "event_cancelled.new_sessions": (409, N_("A cancelled event cannot get new sessions.")),
    "event_not_found": (404, N_("Event {event_id} does not exist.")),
    "forbidden.booking": (403, N_("This booking is on another facilitator's event.")),
    "forbidden.event": (403, N_("This event belongs to another facilitator.")),
    "forbidden.own_events": (403, N_("You can only manage your own events.")),
    "forbidden.role": (403, N_("This action needs the {roles} role.")),
    "forbidden.role_handling": (403, N_("Your role ({role}) may not give, take or remove the {roles} role.")),
    "forbidden.studio_permission": (403, N_("Your role ({role}) may not do this here: it needs {permission}.")),
    "forbidden.role_or_service": (403, N_("This action needs the {roles} role or the service token.")),
    "forbidden.session": (403, N_("This session belongs to another facilitator.")),
    "forbidden.whatsapp_number": (403, N_("This webhook is for another WhatsApp number than this address's.")),
    "guest_cancelled": (409, N_("{guest}'s seat is already cancelled.")),
    "guest_not_found": (404, N_("Guest {guest_id} is not on this booking.")),
    "instalment_not_due": (409, N_("Instalment {number} is not waiting for a payment.")),
    "instalment_not_found": (404, N_("Booking {booking_id} has no instalment {number}.")),
    "instalment_paid": (409, N_("Instalment {number} is paid already.")),
    "invalid_code": (400, N_("That is not the code we sent; check it, or ask for a new one.")),
    "invalid_credentials": (401, N_("Wrong email/username or password.")),
    "invalid_signature": (403, N_("Not signed by Twilio for this address.")),
    "invalid_signature.whatsapp": (403, N_("Not signed with the app secret of this address's WhatsApp number.")),
    "invalid_token.feedback": (400, N_("This feedback link's token {why}.")),
    "invalid_token.reset": (
        400,
        N_("This reset link is not valid any more: it was used, has expired or is incomplete. Ask for a new one."),
    ),
    "invalid_token.unsubscribe": (400, N_("This unsubscribe link is not valid.")),
    "invalid_token.join": (404, N_("This join link is not valid: use the one in your latest email about the class.")),
    "invalid_payment_signature": (400, N_("Payment refused: {reason}")),
    "invalid_webhook": (400, N_("Webhook refused: {reason}")),
    "invalid_webhook.whatsapp": (400, N_("Webhook refused: not a WhatsApp messages webhook we can read.")),
    "invalid_verify_token": (403, N_("Not the verify token of this address's WhatsApp number.")),
    "invitation_expired": (410, N_("This invitation has expired; ask for a new one.")),
    "invitation_for_another_account": (
        403,
        N_("This invitation is for another email address: sign in with the account it was sent to."),
    ),
    "invitation_not_found": (404, N_("No such invitation.")),
    "invitation_revoked": (410, N_("This invitation was withdrawn or replaced by a newer one.")),
    "invitation_used": (409, N_("This invitation has already been used.")),
    "join_not_ready": (409, N_("The studio has not added this class's video link yet: try again closer to the start.")),
    "join_not_ready.in_person": (409, N_("This class is held in person only: there is no video to join.")),
    "last_owner": (409, N_("A studio always keeps an owner: make someone else an owner first.")),
    "max_uses_below_uses": (409, N_("This code has been used {uses} times: its max uses cannot go below {uses}.")),
    "member_not_found": (404, N_("No such member of this studio.")),
    "member_teaches": (409, N_("{name} teaches {count} upcoming sessions here: give them another instructor first.")),
    "new_customers_only": (409, N_("This offer is for people new to this studio.")),
    "no_credits_left": (409, N_("This pass has {left} credit{plural} left; {seats} needed.")),
    "no_phone": (409, N_("Give a mobile number first.")),
    "no_recipients": (409, N_("Nobody is booked in this session yet.")),
    "no_recipients.segment": (409, N_("Nobody in this segment can be emailed: none gave marketing consent.")),
    "not_a_person": (409, N_("This email belongs to a staff account.")),
    "export_not_found": (404, N_("Export {export_id} does not exist.")),
    "export_not_ready": (409, N_("The export is still being written; try again when it says it is ready.")),
    "export_link_used": (410, N_("This export's link was used already: ask for a new export.")),
    "export_link_expired": (410, N_("This export's link has expired: ask for a new export.")),
    "import_file_invalid": (400, N_("This file cannot be imported: {reason}.")),
    "import_mapping_invalid": (400, N_("The mapping names columns the file does not have: {columns}.")),
    "import_mapping_invalid.no_email": (400, N_("Map a column to email: a client is found or made by it.")),
    "import_mapping_invalid.field": (400, N_("A {kind} file has no such field: {fields}.")),
    "report_range_invalid": (400, N_("Give a range of dates from one day to {most} days, to on or after from.")),
    "report_dates_out_of_range": (400, N_("Give dates from {earliest} to {latest}.")),
    "import_not_found": (404, N_("Import {import_id} does not exist.")),
    "import_running": (409, N_("An import into this studio is running: wait for it to end.")),
    "studio_not_empty": (409, N_("A studio export goes into an empty studio: this one has events or passes already.")),
    "erase_staff_account": (
        409,
        N_("This account works in a studio: leave it first (an owner removes you, or you hand the studio over)."),
    ),
    "erase_bookings_ahead": (
        409,
        N_("You still have a seat booked or held: cancel it first, then delete the account."),
    ),
    "erase_membership_renews": (
        409,
        N_("Your membership still renews: stop its renewal first, then delete the account."),
    ),
    "not_active": (
        409,
        N_("Only a booking that is confirmed can give back one guest's seat; cancel the whole booking instead."),
    ),
    "not_attended": (409, N_("Feedback is for the people who came.")),
    "not_enough_seats": (409, N_("Only {seats_left} {word} left.")),
    "not_found.calendar": (404, N_("There is no calendar at this address (the link may have been replaced).")),
    "not_found.mailbox": (404, N_("No email {message_id} in the mailbox.")),
    "not_found.razorpay_checkout": (404, N_("No such Razorpay checkout.")),
    "not_found.test_checkout": (404, N_("No such test checkout.")),
    "not_found.texts": (404, N_("Texts do not go through Twilio here.")),
    "not_pending": (409, N_("This booking is not waiting for a payment.")),
    "not_pending_approval": (409, N_("This booking is no longer waiting for approval.")),
    "not_refundable": (409, N_("Only a succeeded payment of a booking is refunded here.")),
    "not_refundable.nothing_left": (409, N_("Nothing is left of this payment to refund.")),
    "not_renewing": (409, N_("This pass does not renew.")),
    "not_waiting": (404, N_("You are not on the waiting list of this session.")),
    "nothing_to_cancel": (409, N_("No session of this series is scheduled from that day on.")),
    "nothing_to_change": (409, N_("No session of this series is scheduled from that day on.")),
    "notification_not_found": (404, N_("Notification {message_id} does not exist.")),
    "number_opted_out": (
        409,
        N_("This number replied STOP, so no text can go to it: reply START to any of our texts first."),
    ),
    "offer_expired": (409, N_("This offer ended at {offer_until} and the seat went to the next person in line.")),
    "offer_not_found": (404, N_("This offer was taken, declined or has ended; nothing is held for it now.")),
    "option_capacity_below_bookings": (
        409,
        N_("{taken} seats of {option} are taken; its capacity cannot go below {taken}."),
    ),
    "option_full": (409, N_("{name} is full.")),
    "option_full.some_left": (409, N_("Only {left} {seats_are} left in {name}.")),
    "option_in_use": (
        409,
        N_("{option} holds booked seats or has people waiting; cancel those bookings first or keep it."),
    ),
    "option_not_found": (404, N_("Option {option_id} is not an option of session {session_id}.")),
    "option_retired": (409, N_("{option} is no longer offered.")),
    "pass_expired": (409, N_("This pass ends before this session.")),
    "pass_expired.membership": (409, N_("This membership ends before this session and does not renew.")),
    "pass_not_active": (409, N_("This pass is {status}.")),
    "pass_not_active.unpaid": (409, N_("This pass is not paid yet.")),
    "pass_not_found": (404, N_("Pass {pass_id} does not exist.")),
    "pass_not_found.yours": (404, N_("That pass does not exist.")),
    "pass_not_valid_here": (
        409,
        N_("Your pass can't be used for this session ({session_id}): it is for other classes."),
    ),
    "pass_retired": (409, N_("This pass is retired already.")),
    "pass_retired.not_sold": (409, N_("This pass is no longer sold.")),
    "pass_retired.sell_new": (409, N_("This pass is retired: put a new one on sale instead.")),
    "crm_unavailable": (503, N_("The client book could not be reached; nothing was sent. Please try again.")),
    "crm_unavailable.reading": (503, N_("The CRM's client book could not be read ({reason}); try again shortly.")),
    "daily_cap_reached": (
        409,
        N_("This studio sends at most {per_day} marketing emails a day; {left} are left today."),
    ),
    "segment_not_found": (404, N_("Segment {segment_id} does not exist.")),
    "amount_below_minimum": (409, N_("{provider} takes no payment under {minimum}: the studio must raise this price.")),
    "payment_keys_refused": (400, N_("{provider} did not accept these keys: check them in its dashboard.")),
    "payment_not_found": (404, N_("Payment {payment_id} does not exist.")),
    "payment_needed": (409, N_("This session is paid: use their pass or mark it paid at the door.")),
    "payment_provider_unavailable": (
        503,
        N_("The payment provider could not be reached; nothing was charged. Please try again."),
    ),
    "payments_pending": (
        409,
        N_("Someone is paying for a seat at the current price; change it once their payment is settled."),
    ),
    "payments_pending.option": (
        409,
        N_("Someone is paying for a seat in {option} at its current price; change it once they have paid."),
    ),
    "payments_unavailable": (503, N_("Payments are not set up here yet.")),
    "person_not_found": (404, N_("Person {user_id} has not booked your sessions.")),
    "phone_verified": (409, N_("This number is verified already.")),
    "plan_booking": (
        409,
        N_("A booking paid in instalments gives back its seats together; cancel the whole booking instead."),
    ),
    "plan_ended": (409, N_("A booking under a payment plan cannot be made active again; book the session anew.")),
    "price_changed": (409, N_("The price changed while you were booking; please try again.")),
    "refund_above_left": (409, N_("Only {left} of this payment is left to refund.")),
    "seats_available": (409, N_("This session has seats free: book instead.")),
    "series_not_found": (404, N_("Series {series_id} is not one of this event's.")),
    "session_cancelled": (409, N_("This session has been cancelled.")),
    "session_cancelled.already": (409, N_("This session is already cancelled.")),
    "session_cancelled.edit": (409, N_("A cancelled session cannot be edited.")),
    "session_finished": (409, N_("This session is over: there is nobody left to tell.")),
    "session_free": (409, N_("This session is free: book them in as free.")),
    "session_full": (409, N_("This session is full.")),
    "session_not_found": (404, N_("Session {session_id} does not exist.")),
    "session_started": (409, N_("This session has already started.")),
    "slug_taken": (409, N_("Another studio has this slug; choose another.")),
    "studio_close_unconfirmed": (400, N_("To close the studio, send its slug as confirm.")),
    "studio_has_future_bookings": (
        409,
        N_("{count} upcoming sessions still have bookings or held seats: cancel them before closing the studio."),
    ),
    "studio_has_money_in_flight": (
        409,
        N_("{count} payments, refunds or instalments of the studio are still pending: wait for them to settle."),
    ),
    "studio_not_found": (404, N_("No such studio.")),
    "studio_signup_closed": (403, N_("Studios are made by the platform's admins here; ask one.")),
    "too_many_invitations": (
        429,
        N_("This studio has sent as many invitations as it may today (to this address, or in all); try tomorrow."),
    ),
    "too_many_requests": (429, N_("Too many codes sent to this {who}; try again in {seconds} seconds.")),
    "unknown_provider": (404, N_("No payment provider {provider!r} here.")),
    "user_not_found": (404, N_("No such account.")),
    "username_taken": (409, N_("An account with this username already exists.")),
    "weekly_limit_reached": (409, N_("Your membership allows {per_week} classes a week, and that week has {used}.")),
    "whatsapp_not_connected": (409, N_("This studio has no WhatsApp number to answer from: connect one first.")),
    "whatsapp_number_taken": (409, N_("This WhatsApp number is connected to another studio already.")),
    "whatsapp_secrets_lost": (503, N_("This WhatsApp number's settings cannot be read: connect the number again.")),
    "whatsapp_number_taken.install": (
        409,
        N_("This is the platform's own WhatsApp number: studios without their own send through it already."),
    ),
    "whatsapp_stopped": (
        409,
        N_("This client's number sent STOP: nothing goes to it on WhatsApp until they send START."),
    ),
    "whatsapp_window_closed": (
        409,
        N_("More than 24 hours have passed since this client last wrote on WhatsApp: only they can open it again."),
    ),
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
    """The catalogue's message for key in the language spoken now (the request's), its named fields filled."""
    return gettext(ERRORS[key][1]).format(**fields)


def api_error(key: str, *, details: dict | None = None, headers: dict | None = None, **fields) -> APIError:
    """The error the catalogue lists under key, to raise: its code, status and message (with fields filled)."""
    status = ERRORS[key][0]
    kind = _KIND.get(status, APIError)
    return kind(message(key, **fields), code=key.partition(".")[0], details=details, status=status, headers=headers)
